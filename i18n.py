"""mystatus message catalogs: Simplified and Traditional Chinese.

As with gettext, the English text in mystatus.py is the key and the
translation the value; a missing entry falls back to English.  Placeholders
such as {used} are kept by name, so each language orders words its own way.
mystatus.py loads this file from beside itself, by path, and calls choose().
"""

# Locales written in Traditional characters: Taiwan, Hong Kong, Macau, and any
# locale that names the Hant script.
TRADITIONAL_REGIONS = ("tw", "hk", "mo")


def choose(locale):
    """(language tag, catalog) for a locale or --lang value that starts with zh:
    'zh_TW.UTF-8', 'zh-Hant', 'zh_HK' -> Traditional; 'zh_CN', 'zh', 'zh-Hans' -> Simplified."""
    parts = locale.split(".")[0].split("@")[0].replace("-", "_").lower().split("_")
    if "hant" in parts or any(part in TRADITIONAL_REGIONS for part in parts[1:]):
        if "hans" not in parts:
            return "zh-Hant", ZH_HANT
    return "zh-Hans", ZH_HANS


ZH_HANS = {
    # Report
    "{platform} account quota": "{platform} 账号额度",
    "Account: {account}": "账号：{account}",
    "{bar} {percent} remaining": "{bar} 剩余 {percent}",
    "Used: {used} / {limit}": "已用：{used} / {limit}",
    "Used: {used} / {limit} (estimate)": "已用：{used} / {limit}（估算）",
    "Used: {used}": "已用：{used}",
    "Unlimited": "无限制",
    # a quota the platform switched off, a window whose length mystatus does not know
    "{label} (unavailable)": "{label}（不可用）",
    "{label} (length unknown)": "{label}（时长未知）",
    "unavailable": "不可用",
    "Over the allowance by {count}": "超出额度 {count}",
    "Resets in: {time}": "重置倒计时：{time}",
    "Resets in: {time} ({date})": "重置倒计时：{time}（{date}）",
    "Resets: now": "即将重置",
    "{mark} High usage: {used}% used": "{mark} 用量较高：已用 {used}%",
    "{mark} Limit reached": "{mark} 已达到限额",
    "Failed to query accounts:": "查询失败的账号：",
    "Note: {note}": "提示：{note}",
    "No AI coding subscription is configured. mystatus reads:": "未配置任何 AI 编程订阅。mystatus 读取以下来源：",
    # Nothing configured: every place mystatus looks, and how to sign in
    "{files}: OpenCode's sign-ins and keys, in {folder}": "{files}：OpenCode 保存的登录信息和密钥，位于 {folder}",
    "opencode.json: provider.<id>.options.apiKey in {files}":
        "opencode.json：{files} 中的 provider.<id>.options.apiKey",
    "Sign in (or add a key) by running opencode auth login, or with the platform's plugin or own tool, then run "
    "mystatus again.":
        "请先运行 opencode auth login（或用该平台的插件、自带工具）登录或添加密钥，然后再次运行 mystatus。",
    # Durations
    "{d}d {h}h": "{d}天{h}小时",
    "{h}h {m}m": "{h}小时{m}分钟",
    "{h}h": "{h}小时",
    "{m}m": "{m}分钟",
    # Windows and quotas
    "Usage limit": "用量限额",
    "Weekly limit": "每周限额",
    "{n}-day limit": "{n} 天限额",
    "{n}-hour limit": "{n} 小时限额",
    "{n}-minute limit": "{n} 分钟限额",
    "{name}: {window}": "{name}：{window}",
    "Code review": "代码审查",
    "Token limit": "Token 限额",
    "{n}-hour token limit": "{n} 小时 Token 限额",
    "Weekly token limit": "每周 Token 限额",
    "{n}-week token limit": "{n} 周 Token 限额",
    "Token limit ({number} of unknown unit {unit})": "Token 限额（{number} 个未知单位 {unit}）",
    "Monthly MCP quota": "每月 MCP 额度",
    "Credits": "积分",
    "{kind} limit": "{kind} 限额",
    "Premium requests": "高级请求",
    "Chat": "聊天",
    "Completions": "代码补全",
    "AI credits used": "已用 AI 积分",
    "Credits: unlimited": "积分：无限制",
    "Credits balance: {balance}": "积分余额：{balance}",
    # What a platform says beside its quotas: resets in hand, plans, periods, top models
    "1 limit reset available": "可用限额重置 1 次",
    "{n} limit resets available": "可用限额重置 {n} 次",
    "{quota}: not included in the plan": "{quota}：套餐不含此项",
    "No lane of this plan is in use yet": "该套餐的额度通道都尚未启用",
    "No usage windows for this plan": "此套餐没有用量窗口",
    "No usage windows for this plan; spend limit: {limit}": "此套餐没有用量窗口；消费上限：{limit}",
    "GitHub reported no quota for this account": "GitHub 未返回此账号的额度",
    "No known monthly allowance for tier {tier}": "未知 {tier} 档位的每月额度",
    "Top models: {models}": "用量最多的模型：{models}",
    ", ": "、",  # between the items of a list
    "{items} and {last}": "{items} 和 {last}",
    "{account} ({plan})": "{account}（{plan}）",
    "Period: {period}": "统计周期：{period}",
    "No model with a quota in the answer": "响应中没有带额度的模型",
    # Copilot set-up
    "OpenCode's GitHub sign-in has no access to the Copilot quota ({error})":
        "OpenCode 的 GitHub 登录无权查询 Copilot 额度（{error}）",
    "To see the Copilot quota, set up a fine-grained token:":
        "要查看 Copilot 额度，请配置细粒度令牌（fine-grained token）：",
    "1. Create one at https://github.com/settings/tokens?type=beta with the account permission "
    "\"Plan: Read-only\".":
        "1. 在 https://github.com/settings/tokens?type=beta 创建令牌，并授予账号权限 \"Plan: Read-only\"。",
    "2. Save it in {file} as {example}": "2. 保存到 {file}，内容为 {example}",
    "3. tier is your plan: {tiers}.": "3. tier 填写你的订阅档位：{tiers}。",
    "{error}; the token needs the account permission \"Plan: Read-only\"":
        "{error}；令牌需要账号权限 \"Plan: Read-only\"",
    "billing API: HTTP 404 for user {user}": "计费接口：用户 {user} 返回 HTTP 404",
    # Credential files
    "line {line}, column {column}": "第 {line} 行第 {column} 列",
    "text": "文本",
    "a number": "数字",
    "{file}: account {n} is not an object": "{file}：账号 {n} 不是对象",
    "account {n}": "账号 {n}",
    "{file}: account has no refreshToken; sign in again with opencode-antigravity-auth":
        "{file}：账号缺少 refreshToken，请用 opencode-antigravity-auth 重新登录",
    "{reason}; its credentials are skipped": "{reason}；跳过其中的凭据",
    # Platforms: names, and their sign-in and API errors
    "Zhipu AI": "智谱 AI",
    "Zhipu": "智谱",
    "OAuth token expired; use an OpenAI model once in OpenCode to refresh it":
        "OAuth 令牌已过期；在 OpenCode 中使用一次 OpenAI 模型即可刷新",
    "API error {code}: {message}": "接口错误 {code}：{message}",
    "no project id (projectId or managedProjectId); sign in again with opencode-antigravity-auth":
        "缺少项目 ID（projectId 或 managedProjectId），请用 opencode-antigravity-auth 重新登录",
    "sign-in refused ({detail}); sign in again with opencode-antigravity-auth":
        "登录被拒绝（{detail}），请用 opencode-antigravity-auth 重新登录",
    # The Google AGY plugin's sign-ins (auth.json, opencode.db)
    "{field} has no refresh token; sign in again ({command})": "{field} 中没有 refresh token，请重新登录（{command}）",
    "{field} has no project id (refreshToken|projectId|managedProjectId); sign in again ({command})":
        "{field} 中没有项目 ID（refreshToken|projectId|managedProjectId），请重新登录（{command}）",
    "sign-in refused ({detail}); sign in again ({command})": "登录被拒绝（{detail}），请重新登录（{command}）",
    "unexpected answer: {what} is not an object": "响应异常：{what} 不是对象",
    "unexpected answer: {what} is not a list": "响应异常：{what} 不是列表",
    "unexpected answer: {what} is missing": "响应异常：缺少 {what}",
    "internal error ({kind})": "内部错误（{kind}）",
    # The run's deadline (--deadline) and the accounts it left unasked
    "longest the whole run may take, all of it: waiting for another run's answer, the requests, the history and the "
    "--on-event and --notify commands; accounts not asked by then are said to be not asked, commands not started are "
    "not run (default: 4 timeouts and 1 s)":
        "整个运行的最长秒数，一切都算在内：等待另一次运行的结果、各个请求、历史记录以及 --on-event 和 --notify "
        "命令；到时仍未查询的账户标为未查询，尚未启动的命令不再运行（默认：4 个超时再加 1 秒）",
    "not asked: the run ended at its deadline ({seconds} s)": "未查询：运行已到截止时间（{seconds} 秒）",
    "no answer within {seconds} s": "{seconds} 秒内无响应",
    # Network and HTTP
    "HTTP {status}: {detail}": "HTTP {status}：{detail}",
    "HTTP {status}: redirected to {host}; not followed": "HTTP {status}：重定向到 {host}，未跟随",
    "an HTML page": "一个 HTML 页面",
    "an HTML page ({title})": "一个 HTML 页面（{title}）",
    "answered {detail} instead of JSON": "返回了{detail}而不是 JSON",
    "answer is not valid JSON: {start}": "响应不是有效的 JSON：{start}",
    "answer larger than {size} MiB; not read": "响应大于 {size} MiB，未读取",
    "empty answer": "空响应",
    "no readable answer": "无可读响应",
    "invalid URL {url}": "无效的 URL {url}",
    "timed out after {seconds} s": "{seconds} 秒后超时",
    "connection refused by {host}": "{host} 拒绝连接",
    "unknown host {host}": "未知主机 {host}",
    "TLS failure with {host} ({reason})": "与 {host} 的 TLS 连接失败（{reason}）",
    "connection reset by {host}": "连接被 {host} 重置",
    "network error ({reason})": "网络错误（{reason}）",
    "connection closed before the answer was complete": "响应未完成时连接已关闭",
    "{host} did not answer in HTTP": "{host} 的响应不是 HTTP",
    # The OpenCode command (--install-opencode-command)
    "How much of your AI coding subscriptions is left (mystatus)": "查看 AI 编程订阅还剩多少额度（mystatus）",
    "Wrote {path}; type /mystatus in OpenCode to see the report":
        "已写入 {path}；在 OpenCode 中输入 /mystatus 即可查看报告",
    "Removed {path}": "已删除 {path}",
    "{path}: not installed; nothing to remove": "{path}：未安装，无需删除",
    "{path}: not written by mystatus; --force replaces it": "{path}：不是 mystatus 写入的文件；加 --force 可替换它",
    "{path}: not written by mystatus; left in place": "{path}：不是 mystatus 写入的文件，保持不变",
    "{path}: not a regular file; left in place": "{path}：不是普通文件，保持不变",
    "{path}: cannot read it ({reason}); left in place": "{path}：无法读取（{reason}），保持不变",
    "{path}: cannot write it ({reason})": "{path}：无法写入（{reason}）",
    "{path}: cannot remove it ({reason})": "{path}：无法删除（{reason}）",
    "cannot tell which Python runs mystatus; nothing written": "无法确定运行 mystatus 的 Python 解释器，未写入任何文件",
    # ... and the mystatus tool it calls (tools/mystatus.js)
    "Wrote {path}; OpenCode's model can now call the mystatus tool":
        "已写入 {path}；OpenCode 的模型现在可以调用 mystatus 工具",
    "platforms must be a list of platform ids": "platforms 必须是平台 ID 的列表",
    "cannot start mystatus ({reason}); run mystatus --install-opencode-command again":
        "无法启动 mystatus（{reason}）；请重新运行 mystatus --install-opencode-command",
    "no report within {seconds} seconds": "{seconds} 秒内未得到报告",
    "no report (exit status {status}): {detail}": "未得到报告（退出状态 {status}）：{detail}",
    # Key platforms: OpenCode Go, Kimi For Coding, MiniMax
    "Monthly limit": "每月限额",
    "Current interval": "当前周期",
    "{window}: status {status}": "{window}：状态 {status}",
    "unexpected answer: no quota in it": "响应异常：其中没有任何额度",
    "the key was refused ({error}); check the opencode-go key in OpenCode":
        "密钥被拒绝（{error}）；请检查 OpenCode 中的 opencode-go 密钥",
    "the key was refused ({error}); check the opencode key in OpenCode":
        "密钥被拒绝（{error}）；请检查 OpenCode 中的 opencode 密钥",
    "the key was refused ({error}); check OPENCODE_API_KEY": "密钥被拒绝（{error}）；请检查 OPENCODE_API_KEY",
    "this key has no OpenCode Go subscription ({error})": "此密钥没有 OpenCode Go 订阅（{error}）",
    "No OpenCode Go subscription on this opencode.ai key: OpenCode Zen is billed per request and has no quota "
    "to show": "此 opencode.ai 密钥没有 OpenCode Go 订阅：OpenCode Zen 按请求计费，没有可显示的额度",
    "the key was refused or has expired (MiniMax {code}: {message}); check the MiniMax key":
        "密钥被拒绝或已过期（MiniMax {code}：{message}）；请检查 MiniMax 密钥",
    # Credits, and quotas a pool of models shares
    "AI credits": "AI 积分",
    "AI credits ({kind})": "AI 积分（{kind}）",
    "Monthly credits": "每月积分",
    "Credit limit ({number} of unknown unit {unit})": "积分限额（{number} 个未知单位 {unit}）",
    "weekly": "每周",
    "{pool} · {window}": "{pool} · {window}",
    "No pool quota in the answer; showing the per-model quotas alone": "响应中没有额度池，仅显示各模型的额度",
    "Pool quotas unavailable ({reason}); showing the per-model quotas alone":
        "无法获取额度池（{reason}），仅显示各模型的额度",
    "{account}: disabled in {file}; not asked": "{account}：已在 {file} 中停用，未查询",
    # Command line: usage errors, help, --verbose
    "Not configured: {platforms}. mystatus reads:": "未配置：{platforms}。mystatus 读取以下来源：",
    "No subscription configured": "未配置订阅",
    "Credential sources tried:": "尝试过的凭据来源：",
    "{source}: {result}": "{source}：{result}",
    "Requests:": "请求：",
    "No request was made.": "没有发出任何请求。",
    "usage: ": "用法：",
    "options": "选项",
    "{heading}:": "{heading}：",  # a help section's heading
    "{program}: error: {message}": "{program}：错误：{message}",
    "argument {option}: {reason}": "选项 {option}：{reason}",
    "invalid choice: {value} (choose from {choices})": "无效的取值：{value}（可选：{choices}）",
    "unrecognized arguments: {arguments}": "无法识别的参数：{arguments}",
    "expected one argument": "需要一个参数值",
    "not allowed with argument {option}": "不能与 {option} 同时使用",
    "ignored explicit argument {value}": "此选项不接受参数值：{value}",
    "not a number: {value}": "不是数字：{value}",
    "must be from {low} to {high}": "必须在 {low} 到 {high} 之间",
    "must be more than {low} and at most {high}": "必须大于 {low} 且不超过 {high}",
    "unknown platform(s) {names}; choose from {choices}": "未知平台 {names}；可选：{choices}",
    "(none)": "（无）",
    "--force goes with --install-opencode-command": "--force 只能与 --install-opencode-command 一起使用",
    "Show how much of your AI coding subscriptions is left: {platforms}, from the credentials OpenCode keeps.":
        "查看 AI 编程订阅还剩多少额度：{platforms}，凭据来自 OpenCode 保存的文件。",
    "exit status: 0 every configured platform answered and no quota is at or above the threshold; 1 a platform or "
    "credential file failed; 2 usage error; 3 every platform answered but some quota is at or above the threshold; "
    "4 nothing to check (no platform configured).":
        "退出码：0 所有已配置的平台都已响应，且没有额度达到阈值；1 有平台或凭据文件失败；2 参数错误；"
        "3 所有平台都已响应，但有额度达到阈值；4 没有可查询的内容（未配置任何平台）。",
    "show this help and exit": "显示此帮助并退出",
    "show the version and exit": "显示版本号并退出",
    "language of the report; zh-CN, zh-TW, zh-HK, zh-MO (or with _) too "
    "(default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)":
        "报告语言；也可写 zh-CN、zh-TW、zh-HK、zh-MO（或用 _）（默认：依次读取 LANGUAGE、LC_ALL、LC_MESSAGES、LANG）",
    "longest any one request may take, connect to last byte (default: 10)":
        "单个请求从连接到最后一个字节的最长秒数（默认：10）",
    "print one JSON document instead of the report": "输出一个 JSON 文档而不是报告",
    "print one line for a status bar: each platform's lowest remaining percentage":
        "为状态栏输出一行：每个平台剩余最少的百分比",
    # The cache: --max-age, --no-cache, last good figures, its notes
    "answer from the cached report when it is at most this old, asking no one "
    "(default: 60 for oneline, waybar and xbar, else 0)":
        "缓存的报告不超过这么旧时直接用它回答，不查询任何平台（默认：oneline、waybar 和 xbar 为 60，其他为 0）",
    "neither read nor write the cache ($XDG_CACHE_HOME/mystatus)": "既不读取也不写入缓存（$XDG_CACHE_HOME/mystatus）",
    "just now": "刚刚",
    "{count} min ago": "{count} 分钟前",
    "{count} h ago": "{count} 小时前",
    "{count} d ago": "{count} 天前",
    "as of {time}, {ago}": "截至 {time}，{ago}",
    "Last good figures, {as_of}:": "上次成功查询的数字，{as_of}：",
    "Answered from the cache, {ago}": "已用缓存回答，{ago}",
    "Cache: {note}": "缓存：{note}",
    "{path} is not a cache mystatus can read; ignored": "{path} 不是 mystatus 能读取的缓存；已忽略",
    "cannot write {path} ({reason})": "无法写入 {path}（{reason}）",
    # --format: status bars and dashboards
    "what to print: text (the report), json, oneline (a status bar's line), waybar (exit status 0 once printed: "
    "the class says the rest), xbar (xbar, SwiftBar, Argos) or prometheus (node_exporter's textfile collector) "
    "(default: text)":
        "输出什么：text（报告）、json、oneline（状态栏的一行）、waybar（输出后退出状态为 0，其余由 class 表示）、"
        "xbar（xbar、SwiftBar、Argos）或 prometheus（node_exporter 的 textfile collector）（默认：text）",
    "percent used at which a quota counts as high (default: 80)": "已用百分比达到多少算用量较高（默认：80）",
    "print nothing when everything answered and nothing is at or above the threshold":
        "所有平台都已响应且没有额度达到阈值时不输出任何内容",
    "comma-separated platforms to query: {platforms}": "要查询的平台，用逗号分隔：{platforms}",
    "plain ASCII bars and marks": "进度条和标记只用 ASCII 字符",
    "on stderr, each credential source tried and each request made (method, URL, status, time)":
        "在标准错误输出中列出尝试过的每个凭据来源和发出的每个请求（方法、URL、状态码、耗时）",
    "write the /mystatus command and the mystatus tool for OpenCode "
    "($XDG_CONFIG_HOME/opencode/commands/mystatus.md, tools/mystatus.js) and exit":
        "为 OpenCode 写入 /mystatus 命令和 mystatus 工具"
        "（$XDG_CONFIG_HOME/opencode/commands/mystatus.md、tools/mystatus.js）并退出",
    "remove those files if mystatus wrote them, and exit": "删除这两个文件（仅当它们由 mystatus 写入）并退出",
    "with --install-opencode-command: replace a mystatus.md or mystatus.js that mystatus did not write":
        "与 --install-opencode-command 一起使用：替换不是 mystatus 写入的 mystatus.md 或 mystatus.js",
    # Long lists cut short
    "… and {count} more": "……另有 {count} 项未显示",
    # Credential stores (--verbose)
    "1 credential: {names}": "1 个凭据：{names}",
    "{n} credentials: {names}": "{n} 个凭据：{names}",
    "{n} unusable (see the failures)": "{n} 个无法使用（见失败列表）",
    "nothing for mystatus": "没有 mystatus 可用的凭据",
    "not found": "未找到",
    "not set": "未设置",
    "broken: {reason}": "损坏：{reason}",
    "skipped: {what}": "已跳过：{what}",
    "not read by mystatus: {ids}": "mystatus 不读取：{ids}",
    "an account another store already gives": "另一个来源已提供的账号",
    "{first}; {then}": "{first}；{then}",
    "{platform} API key": "{platform} API 密钥",
    "{platform} entry": "{platform} 条目",
    "{platform}: the key is {other}'s": "{platform}：该密钥属于 {other}",
    "{key}: the apiKey is empty": "{key}：apiKey 为空",
    "{account}, from {source}": "{account}，来自 {source}",
    "a link to a missing file": "指向不存在文件的链接",
    "{file}: a link to a missing file; skipped": "{file}：指向不存在文件的链接，已跳过",
    # Reset dates, pace, the progress line, colour
    "{weekday} {month:02d}-{day:02d} {hour:02d}:{minute:02d}": "{month}月{day}日 {weekday} {hour:02d}:{minute:02d}",
    # the Google table's reset dates beside the names when narrow
    "{name} (resets {date})": "{name}（{date} 重置）",
    "Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六", "Sun": "周日",
    "At this pace: runs out in {time}, {early} before the reset": "按当前速度：{time}后用完，比重置早{early}",
    "Asking {total} account… {done}/{total}": "正在查询 {total} 个账号… {done}/{total}",
    "Asking {total} accounts… {done}/{total}": "正在查询 {total} 个账号… {done}/{total}",
    "colour the report: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR is), always or never "
    "(default: auto)":
        "为报告着色：auto（在终端上着色，除非设置了 NO_COLOR；设置 FORCE_COLOR 时总是着色）、"
        "always 或 never（默认：auto）",
    # Credential file failures
    "not UTF-8 text": "不是 UTF-8 文本",
    "empty": "文件为空",
    "not valid JSON ({where})": "不是有效的 JSON（{where}）",
    "is a directory, not a file": "是目录而不是文件",
    "no permission to read it": "没有读取权限",
    "cannot read it ({reason})": "无法读取（{reason}）",
    "cannot open it ({reason})": "无法打开（{reason}）",
    "larger than {size} MiB; not a credential file": "大于 {size} MiB，不是凭据文件",
    "no credential table; not an OpenCode database?": "没有 credential 表，不是 OpenCode 数据库？",
    "not a JSON object": "不是 JSON 对象",
    "{field} is missing": "缺少 {field}",
    "{field} is not an object": "{field} 不是对象",
    "{field} is not {kind}": "{field} 不是{kind}",
    "no list of accounts": "没有账号列表",
    "unknown tier {tier!r}; use one of {tiers}": "未知档位 {tier!r}，可选：{tiers}",
    "a /* comment is never closed": "/* 注释未闭合",
    "no such file": "文件不存在",
    "not a regular file (a pipe or a device?)": "不是普通文件（管道或设备？）",
    "{variable} ({path}): not a regular file (a pipe or a device?)":
        "{variable}（{path}）：不是普通文件（管道或设备？）",
    "{field} has a line break or a character an HTTP header cannot carry": "{field} 含有换行或 HTTP 头无法携带的字符",
    "{field} is not valid JSON": "{field} 不是有效的 JSON",
    "{source}: {error}": "{source}：{error}",
    "longer than {size} characters once its references are replaced; not an API key":
        "替换其中的引用后超过 {size} 个字符，不是 API 密钥",
    # ... and the bounds that keep a hostile credential file or opencode.db harmless
    "nested too deep": "嵌套过深",
    "a number too long to read": "数字过长，无法读取",
    "credential is {kind}, not a plain table; not an OpenCode database?":
        "credential 是{kind}而不是普通表，不是 OpenCode 数据库？",
    "a view": "视图",
    "a virtual table": "虚拟表",
    "a table with computed columns": "含计算列的表",
    "not read within {seconds} s": "{seconds} 秒内未读完",
    "not read by the run's deadline ({seconds} s)": "到运行截止时间（{seconds} 秒）仍未读完",
    "value larger than {size} KiB": "值大于 {size} KiB",
    "{n} more rows skipped: {reason}": "另有 {n} 行已跳过：{reason}",
    "{file}: more than {n} credential rows; only the newest {n} are read":
        "{file}：凭据行超过 {n} 行，只读取最新的 {n} 行",
    # History and events (--record, --history, --on-event, --notify); the private folders it shares with the cache
    '--notify ({event})': '--notify（{event}）',
    '--notify: no notify-send or osascript found; no notification shown':
        '--notify：未找到 notify-send 或 osascript，未显示通知',
    '--on-event ({event})': '--on-event（{event}）',
    '--on-event: cannot split the command ({reason})': '--on-event：无法拆分命令（{reason}）',
    '--on-event: the command is empty': '--on-event：命令为空',
    'Burn rate measured: {rate}': '实测消耗速度：{rate}',
    'No figures recorded in the last {days} days.': '最近 {days} 天没有记录。',
    'Remaining over the last {days} days, one mark per {hours} hours:': '最近 {days} 天的剩余额度，每格 {hours} 小时：',
    'Remaining over the last day, one mark per {hours} hours:': '最近一天的剩余额度，每格 {hours} 小时：',
    'Resets seen: {times}': '已见重置：{times}',
    'cannot open {path} ({reason})': '无法打开 {path}（{reason}）',
    'cannot read {path} ({reason})': '无法读取 {path}（{reason}）',
    'cannot use {path} ({reason})': '无法使用 {path}（{reason}）',
    "keep this run's figures in $XDG_STATE_HOME/mystatus/history.sqlite3 (90 days)":
        '将本次数据记录到 $XDG_STATE_HOME/mystatus/history.sqlite3（保留 90 天）',
    'lowest {percent}% ({when})': '最低 {percent}%（{when}）',
    'no history yet: run mystatus with --record (from cron, say) to keep one':
        '还没有历史记录：用 --record 运行 mystatus（例如在 cron 中）以开始记录',
    'no room left for {path}; this run is not recorded': '{path} 所在磁盘已满，本次未记录',
    'run COMMAND (no shell) once for each quota that runs low, runs out or resets and each account that '
    'fails or recovers since the last recorded run; records too':
        '自上次记录以来，每个额度变低、用尽或重置，每个账号查询失败或恢复时，运行一次 COMMAND（不经 shell）；同时记录',
    'show the recorded figures of the last DAYS days (default: 7) and ask no one':
        '显示最近 DAYS 天（默认：7）的记录，不查询任何平台',
    'show those events as desktop notifications; records too': '以桌面通知显示这些事件；同时记录',
    'unknown': '未知',
    '{path} belongs to another user; not used': '{path} 属于其他用户，未使用',
    '{path} is a link; not followed': '{path} 是链接，不跟随',
    '{path} is busy (another mystatus?); this run is not recorded': '{path} 正被占用（另一个 mystatus？），本次未记录',
    '{path} is damaged and cannot be moved aside': '{path} 已损坏且无法移开',
    '{path} is not a folder': '{path} 不是文件夹',
    '{path} is not a regular file': '{path} 不是普通文件',
    '{path} is read-only; this run is not recorded': '{path} 是只读的，本次未记录',
    '{path} was damaged; moved aside to {aside}': '{path} 已损坏，已移到 {aside}',
    '{path} was written by a newer mystatus; not used': '{path} 由更新版本的 mystatus 写入，未使用',
    '{percent}% an hour': '每小时 {percent}%',
    '{platform} ({account})': '{platform}（{account}）',
    '{what}: cannot run {command} ({reason})': '{what}：无法运行 {command}（{reason}）',
    '{what}: not run: the run ended at its deadline ({seconds} s)': '{what}：未运行：运行已到截止时间（{seconds} 秒）',
    '{what}: {command} failed (exit status {status})': '{what}：{command} 失败（退出状态 {status}）',
    '{what}: {command} took more than {seconds} s; ended': '{what}：{command} 超过 {seconds} 秒，已终止',
    "{what}: {command} still running at the run's deadline ({seconds} s); ended":
        '{what}：{command} 到运行截止时间（{seconds} 秒）仍在运行，已终止',
    '{who}: answers again': '{who}：已恢复响应',
    '{who}: stopped answering: {error}': '{who}：查询失败：{error}',
    '{who}: {quota} has run out': '{who}：{quota} 已用尽',
    '{who}: {quota} is low, {percent}% left': '{who}：{quota} 偏低，剩余 {percent}%',
    '{who}: {quota} was reset, {percent}% left': '{who}：{quota} 已重置，剩余 {percent}%',
    # Anthropic Claude, and the sign-ins Claude Code and Codex CLI keep: expiry, rate limits, extra usage
    "token expired; run Claude Code (or use a Claude model in OpenCode) once to refresh it":
        "令牌已过期；请运行一次 Claude Code（或在 OpenCode 中使用一次 Claude 模型）以刷新",
    "OAuth token expired; run Codex once to refresh it": "OAuth 令牌已过期；请运行一次 Codex 以刷新",
    "rate limited; try again in {time}": "请求过于频繁；请在 {time}后重试",
    "rate limited; try again later": "请求过于频繁；请稍后重试",
    "{source}: this sign-in cannot read usage; sign in to Claude Code again":
        "{source}：此登录无权读取用量；请重新登录 Claude Code",
    "{source}: sign-in refused ({error}); run Claude Code (or use a Claude model in OpenCode) once, or sign in again":
        "{source}：登录被拒绝（{error}）；请运行一次 Claude Code（或在 OpenCode 中使用一次 Claude 模型），或重新登录",
    "Extra usage": "额外用量",
    "Extra usage ({currency})": "额外用量（{currency}）",
}

ZH_HANT = {
    # Report
    "{platform} account quota": "{platform} 帳號額度",
    "Account: {account}": "帳號：{account}",
    "{bar} {percent} remaining": "{bar} 剩餘 {percent}",
    "Used: {used} / {limit}": "已用：{used} / {limit}",
    "Used: {used} / {limit} (estimate)": "已用：{used} / {limit}（估算）",
    "Used: {used}": "已用：{used}",
    "Unlimited": "無限制",
    # a quota the platform switched off, a window whose length mystatus does not know
    "{label} (unavailable)": "{label}（無法使用）",
    "{label} (length unknown)": "{label}（時長未知）",
    "unavailable": "無法使用",
    "Over the allowance by {count}": "超出額度 {count}",
    "Resets in: {time}": "重設倒數：{time}",
    "Resets in: {time} ({date})": "重設倒數：{time}（{date}）",
    "Resets: now": "即將重設",
    "{mark} High usage: {used}% used": "{mark} 用量偏高：已用 {used}%",
    "{mark} Limit reached": "{mark} 已達到限額",
    "Failed to query accounts:": "查詢失敗的帳號：",
    "Note: {note}": "提示：{note}",
    "No AI coding subscription is configured. mystatus reads:": "尚未設定任何 AI 程式設計訂閱。mystatus 讀取以下來源：",
    # Nothing configured: every place mystatus looks, and how to sign in
    "{files}: OpenCode's sign-ins and keys, in {folder}": "{files}：OpenCode 儲存的登入資訊和金鑰，位於 {folder}",
    "opencode.json: provider.<id>.options.apiKey in {files}":
        "opencode.json：{files} 中的 provider.<id>.options.apiKey",
    "Sign in (or add a key) by running opencode auth login, or with the platform's plugin or own tool, then run "
    "mystatus again.":
        "請先執行 opencode auth login（或用該平台的外掛、自帶工具）登入或新增金鑰，然後再次執行 mystatus。",
    # Durations
    "{d}d {h}h": "{d}天{h}小時",
    "{h}h {m}m": "{h}小時{m}分鐘",
    "{h}h": "{h}小時",
    "{m}m": "{m}分鐘",
    # Windows and quotas
    "Usage limit": "用量限額",
    "Weekly limit": "每週限額",
    "{n}-day limit": "{n} 天限額",
    "{n}-hour limit": "{n} 小時限額",
    "{n}-minute limit": "{n} 分鐘限額",
    "{name}: {window}": "{name}：{window}",
    "Code review": "程式碼審查",
    "Token limit": "Token 限額",
    "{n}-hour token limit": "{n} 小時 Token 限額",
    "Weekly token limit": "每週 Token 限額",
    "{n}-week token limit": "{n} 週 Token 限額",
    "Token limit ({number} of unknown unit {unit})": "Token 限額（{number} 個未知單位 {unit}）",
    "Monthly MCP quota": "每月 MCP 額度",
    "Credits": "點數",
    "{kind} limit": "{kind} 限額",
    "Premium requests": "進階請求",
    "Chat": "聊天",
    "Completions": "程式碼補全",
    "AI credits used": "已用 AI 點數",
    "Credits: unlimited": "點數：無限制",
    "Credits balance: {balance}": "點數餘額：{balance}",
    # What a platform says beside its quotas: resets in hand, plans, periods, top models
    "1 limit reset available": "可用限額重設 1 次",
    "{n} limit resets available": "可用限額重設 {n} 次",
    "{quota}: not included in the plan": "{quota}：方案不含此項",
    "No lane of this plan is in use yet": "此方案的額度通道都尚未啟用",
    "No usage windows for this plan": "此方案沒有用量視窗",
    "No usage windows for this plan; spend limit: {limit}": "此方案沒有用量視窗；消費上限：{limit}",
    "GitHub reported no quota for this account": "GitHub 未回傳此帳號的額度",
    "No known monthly allowance for tier {tier}": "未知 {tier} 方案的每月額度",
    "Top models: {models}": "用量最多的模型：{models}",
    ", ": "、",  # between the items of a list
    "{items} and {last}": "{items} 和 {last}",
    "{account} ({plan})": "{account}（{plan}）",
    "Period: {period}": "統計週期：{period}",
    "No model with a quota in the answer": "回應中沒有帶額度的模型",
    # Copilot set-up
    "OpenCode's GitHub sign-in has no access to the Copilot quota ({error})":
        "OpenCode 的 GitHub 登入無權查詢 Copilot 額度（{error}）",
    "To see the Copilot quota, set up a fine-grained token:":
        "要查看 Copilot 額度，請設定細粒度權杖（fine-grained token）：",
    "1. Create one at https://github.com/settings/tokens?type=beta with the account permission "
    "\"Plan: Read-only\".":
        "1. 在 https://github.com/settings/tokens?type=beta 建立權杖，並授予帳號權限 \"Plan: Read-only\"。",
    "2. Save it in {file} as {example}": "2. 儲存到 {file}，內容為 {example}",
    "3. tier is your plan: {tiers}.": "3. tier 填寫你的訂閱方案：{tiers}。",
    "{error}; the token needs the account permission \"Plan: Read-only\"":
        "{error}；權杖需要帳號權限 \"Plan: Read-only\"",
    "billing API: HTTP 404 for user {user}": "計費介面：使用者 {user} 回傳 HTTP 404",
    # Credential files
    "line {line}, column {column}": "第 {line} 行第 {column} 欄",
    "text": "文字",
    "a number": "數字",
    "{file}: account {n} is not an object": "{file}：帳號 {n} 不是物件",
    "account {n}": "帳號 {n}",
    "{file}: account has no refreshToken; sign in again with opencode-antigravity-auth":
        "{file}：帳號缺少 refreshToken，請用 opencode-antigravity-auth 重新登入",
    "{reason}; its credentials are skipped": "{reason}；略過其中的憑證",
    # Platforms: names, and their sign-in and API errors
    "Zhipu AI": "智譜 AI",
    "Zhipu": "智譜",
    "OAuth token expired; use an OpenAI model once in OpenCode to refresh it":
        "OAuth 權杖已過期；在 OpenCode 中使用一次 OpenAI 模型即可更新",
    "API error {code}: {message}": "介面錯誤 {code}：{message}",
    "no project id (projectId or managedProjectId); sign in again with opencode-antigravity-auth":
        "缺少專案 ID（projectId 或 managedProjectId），請用 opencode-antigravity-auth 重新登入",
    "sign-in refused ({detail}); sign in again with opencode-antigravity-auth":
        "登入遭拒（{detail}），請用 opencode-antigravity-auth 重新登入",
    # The Google AGY plugin's sign-ins (auth.json, opencode.db)
    "{field} has no refresh token; sign in again ({command})": "{field} 中沒有 refresh token，請重新登入（{command}）",
    "{field} has no project id (refreshToken|projectId|managedProjectId); sign in again ({command})":
        "{field} 中沒有專案 ID（refreshToken|projectId|managedProjectId），請重新登入（{command}）",
    "sign-in refused ({detail}); sign in again ({command})": "登入遭拒（{detail}），請重新登入（{command}）",
    "unexpected answer: {what} is not an object": "回應異常：{what} 不是物件",
    "unexpected answer: {what} is not a list": "回應異常：{what} 不是清單",
    "unexpected answer: {what} is missing": "回應異常：缺少 {what}",
    "internal error ({kind})": "內部錯誤（{kind}）",
    # The run's deadline (--deadline) and the accounts it left unasked
    "longest the whole run may take, all of it: waiting for another run's answer, the requests, the history and the "
    "--on-event and --notify commands; accounts not asked by then are said to be not asked, commands not started are "
    "not run (default: 4 timeouts and 1 s)":
        "整個執行的最長秒數，一切都算在內：等待另一次執行的結果、各個請求、歷史記錄以及 --on-event 和 --notify "
        "命令；到時仍未查詢的帳戶標為未查詢，尚未啟動的命令不再執行（預設：4 個逾時再加 1 秒）",
    "not asked: the run ended at its deadline ({seconds} s)": "未查詢：執行已到截止時間（{seconds} 秒）",
    "no answer within {seconds} s": "{seconds} 秒內無回應",
    # Network and HTTP
    "HTTP {status}: {detail}": "HTTP {status}：{detail}",
    "HTTP {status}: redirected to {host}; not followed": "HTTP {status}：重新導向到 {host}，未跟隨",
    "an HTML page": "一個 HTML 頁面",
    "an HTML page ({title})": "一個 HTML 頁面（{title}）",
    "answered {detail} instead of JSON": "回傳了{detail}而不是 JSON",
    "answer is not valid JSON: {start}": "回應不是有效的 JSON：{start}",
    "answer larger than {size} MiB; not read": "回應大於 {size} MiB，未讀取",
    "empty answer": "空回應",
    "no readable answer": "無可讀回應",
    "invalid URL {url}": "無效的 URL {url}",
    "timed out after {seconds} s": "{seconds} 秒後逾時",
    "connection refused by {host}": "{host} 拒絕連線",
    "unknown host {host}": "未知主機 {host}",
    "TLS failure with {host} ({reason})": "與 {host} 的 TLS 連線失敗（{reason}）",
    "connection reset by {host}": "連線被 {host} 重設",
    "network error ({reason})": "網路錯誤（{reason}）",
    "connection closed before the answer was complete": "回應未完成時連線已關閉",
    "{host} did not answer in HTTP": "{host} 的回應不是 HTTP",
    # The OpenCode command (--install-opencode-command)
    "How much of your AI coding subscriptions is left (mystatus)": "查看 AI 程式設計訂閱還剩多少額度（mystatus）",
    "Wrote {path}; type /mystatus in OpenCode to see the report":
        "已寫入 {path}；在 OpenCode 中輸入 /mystatus 即可查看報告",
    "Removed {path}": "已刪除 {path}",
    "{path}: not installed; nothing to remove": "{path}：未安裝，無需刪除",
    "{path}: not written by mystatus; --force replaces it": "{path}：不是 mystatus 寫入的檔案；加上 --force 可取代它",
    "{path}: not written by mystatus; left in place": "{path}：不是 mystatus 寫入的檔案，保持不變",
    "{path}: not a regular file; left in place": "{path}：不是一般檔案，保持不變",
    "{path}: cannot read it ({reason}); left in place": "{path}：無法讀取（{reason}），保持不變",
    "{path}: cannot write it ({reason})": "{path}：無法寫入（{reason}）",
    "{path}: cannot remove it ({reason})": "{path}：無法刪除（{reason}）",
    "cannot tell which Python runs mystatus; nothing written": "無法確定執行 mystatus 的 Python 直譯器，未寫入任何檔案",
    # ... and the mystatus tool it calls (tools/mystatus.js)
    "Wrote {path}; OpenCode's model can now call the mystatus tool":
        "已寫入 {path}；OpenCode 的模型現在可以呼叫 mystatus 工具",
    "platforms must be a list of platform ids": "platforms 必須是平台 ID 的清單",
    "cannot start mystatus ({reason}); run mystatus --install-opencode-command again":
        "無法啟動 mystatus（{reason}）；請重新執行 mystatus --install-opencode-command",
    "no report within {seconds} seconds": "{seconds} 秒內未取得報告",
    "no report (exit status {status}): {detail}": "未取得報告（結束狀態 {status}）：{detail}",
    # Key platforms: OpenCode Go, Kimi For Coding, MiniMax
    "Monthly limit": "每月限額",
    "Current interval": "目前週期",
    "{window}: status {status}": "{window}：狀態 {status}",
    "unexpected answer: no quota in it": "回應異常：其中沒有任何額度",
    "the key was refused ({error}); check the opencode-go key in OpenCode":
        "金鑰被拒絕（{error}）；請檢查 OpenCode 中的 opencode-go 金鑰",
    "the key was refused ({error}); check the opencode key in OpenCode":
        "金鑰被拒絕（{error}）；請檢查 OpenCode 中的 opencode 金鑰",
    "the key was refused ({error}); check OPENCODE_API_KEY": "金鑰被拒絕（{error}）；請檢查 OPENCODE_API_KEY",
    "this key has no OpenCode Go subscription ({error})": "此金鑰沒有 OpenCode Go 訂閱（{error}）",
    "No OpenCode Go subscription on this opencode.ai key: OpenCode Zen is billed per request and has no quota "
    "to show": "此 opencode.ai 金鑰沒有 OpenCode Go 訂閱：OpenCode Zen 按請求計費，沒有可顯示的額度",
    "the key was refused or has expired (MiniMax {code}: {message}); check the MiniMax key":
        "金鑰被拒絕或已過期（MiniMax {code}：{message}）；請檢查 MiniMax 金鑰",
    # Credits, and quotas a pool of models shares
    "AI credits": "AI 點數",
    "AI credits ({kind})": "AI 點數（{kind}）",
    "Monthly credits": "每月點數",
    "Credit limit ({number} of unknown unit {unit})": "點數限額（{number} 個未知單位 {unit}）",
    "weekly": "每週",
    "{pool} · {window}": "{pool} · {window}",
    "No pool quota in the answer; showing the per-model quotas alone": "回應中沒有額度池，僅顯示各模型的額度",
    "Pool quotas unavailable ({reason}); showing the per-model quotas alone":
        "無法取得額度池（{reason}），僅顯示各模型的額度",
    "{account}: disabled in {file}; not asked": "{account}：已在 {file} 中停用，未查詢",
    # Command line: usage errors, help, --verbose
    "Not configured: {platforms}. mystatus reads:": "未設定：{platforms}。mystatus 讀取以下來源：",
    "No subscription configured": "未設定訂閱",
    "Credential sources tried:": "嘗試過的憑證來源：",
    "{source}: {result}": "{source}：{result}",
    "Requests:": "請求：",
    "No request was made.": "沒有發出任何請求。",
    "usage: ": "用法：",
    "options": "選項",
    "{heading}:": "{heading}：",  # a help section's heading
    "{program}: error: {message}": "{program}：錯誤：{message}",
    "argument {option}: {reason}": "選項 {option}：{reason}",
    "invalid choice: {value} (choose from {choices})": "無效的值：{value}（可選：{choices}）",
    "unrecognized arguments: {arguments}": "無法辨識的參數：{arguments}",
    "expected one argument": "需要一個參數值",
    "not allowed with argument {option}": "不能與 {option} 同時使用",
    "ignored explicit argument {value}": "此選項不接受參數值：{value}",
    "not a number: {value}": "不是數字：{value}",
    "must be from {low} to {high}": "必須介於 {low} 到 {high} 之間",
    "must be more than {low} and at most {high}": "必須大於 {low} 且不超過 {high}",
    "unknown platform(s) {names}; choose from {choices}": "未知平台 {names}；可選：{choices}",
    "(none)": "（無）",
    "--force goes with --install-opencode-command": "--force 只能與 --install-opencode-command 一起使用",
    "Show how much of your AI coding subscriptions is left: {platforms}, from the credentials OpenCode keeps.":
        "查看 AI 程式設計訂閱還剩多少額度：{platforms}，憑證來自 OpenCode 保存的檔案。",
    "exit status: 0 every configured platform answered and no quota is at or above the threshold; 1 a platform or "
    "credential file failed; 2 usage error; 3 every platform answered but some quota is at or above the threshold; "
    "4 nothing to check (no platform configured).":
        "結束狀態碼：0 所有已設定的平台都已回應，且沒有額度達到門檻；1 有平台或憑證檔案失敗；2 參數錯誤；"
        "3 所有平台都已回應，但有額度達到門檻；4 沒有可查詢的內容（未設定任何平台）。",
    "show this help and exit": "顯示此說明並結束",
    "show the version and exit": "顯示版本並結束",
    "language of the report; zh-CN, zh-TW, zh-HK, zh-MO (or with _) too "
    "(default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)":
        "報告語言；也可寫 zh-CN、zh-TW、zh-HK、zh-MO（或用 _）（預設：依序讀取 LANGUAGE、LC_ALL、LC_MESSAGES、LANG）",
    "longest any one request may take, connect to last byte (default: 10)":
        "單一請求從連線到最後一個位元組的最長秒數（預設：10）",
    "print one JSON document instead of the report": "輸出一個 JSON 文件而不是報告",
    "print one line for a status bar: each platform's lowest remaining percentage":
        "為狀態列輸出一行：每個平台剩餘最少的百分比",
    # The cache: --max-age, --no-cache, last good figures, its notes
    "answer from the cached report when it is at most this old, asking no one "
    "(default: 60 for oneline, waybar and xbar, else 0)":
        "快取的報告不超過這麼舊時直接用它回答，不查詢任何平台（預設：oneline、waybar 和 xbar 為 60，其他為 0）",
    "neither read nor write the cache ($XDG_CACHE_HOME/mystatus)": "既不讀取也不寫入快取（$XDG_CACHE_HOME/mystatus）",
    "just now": "剛剛",
    "{count} min ago": "{count} 分鐘前",
    "{count} h ago": "{count} 小時前",
    "{count} d ago": "{count} 天前",
    "as of {time}, {ago}": "截至 {time}，{ago}",
    "Last good figures, {as_of}:": "上次成功查詢的數字，{as_of}：",
    "Answered from the cache, {ago}": "已用快取回答，{ago}",
    "Cache: {note}": "快取：{note}",
    "{path} is not a cache mystatus can read; ignored": "{path} 不是 mystatus 能讀取的快取；已忽略",
    "cannot write {path} ({reason})": "無法寫入 {path}（{reason}）",
    # --format: status bars and dashboards
    "what to print: text (the report), json, oneline (a status bar's line), waybar (exit status 0 once printed: "
    "the class says the rest), xbar (xbar, SwiftBar, Argos) or prometheus (node_exporter's textfile collector) "
    "(default: text)":
        "輸出什麼：text（報告）、json、oneline（狀態列的一行）、waybar（輸出後結束狀態為 0，其餘由 class 表示）、"
        "xbar（xbar、SwiftBar、Argos）或 prometheus（node_exporter 的 textfile collector）（預設：text）",
    "percent used at which a quota counts as high (default: 80)": "已用百分比達到多少算用量偏高（預設：80）",
    "print nothing when everything answered and nothing is at or above the threshold":
        "所有平台都已回應且沒有額度達到門檻時不輸出任何內容",
    "comma-separated platforms to query: {platforms}": "要查詢的平台，以逗號分隔：{platforms}",
    "plain ASCII bars and marks": "進度條和標記只用 ASCII 字元",
    "on stderr, each credential source tried and each request made (method, URL, status, time)":
        "在標準錯誤輸出中列出嘗試過的每個憑證來源和發出的每個請求（方法、URL、狀態碼、耗時）",
    "write the /mystatus command and the mystatus tool for OpenCode "
    "($XDG_CONFIG_HOME/opencode/commands/mystatus.md, tools/mystatus.js) and exit":
        "為 OpenCode 寫入 /mystatus 命令和 mystatus 工具"
        "（$XDG_CONFIG_HOME/opencode/commands/mystatus.md、tools/mystatus.js）並結束",
    "remove those files if mystatus wrote them, and exit": "刪除這兩個檔案（僅當它們由 mystatus 寫入）並結束",
    "with --install-opencode-command: replace a mystatus.md or mystatus.js that mystatus did not write":
        "與 --install-opencode-command 一起使用：取代不是 mystatus 寫入的 mystatus.md 或 mystatus.js",
    # Long lists cut short
    "… and {count} more": "……另有 {count} 項未顯示",
    # Credential stores (--verbose)
    "1 credential: {names}": "1 個憑證：{names}",
    "{n} credentials: {names}": "{n} 個憑證：{names}",
    "{n} unusable (see the failures)": "{n} 個無法使用（見失敗清單）",
    "nothing for mystatus": "沒有 mystatus 可用的憑證",
    "not found": "未找到",
    "not set": "未設定",
    "broken: {reason}": "損壞：{reason}",
    "skipped: {what}": "已略過：{what}",
    "not read by mystatus: {ids}": "mystatus 不讀取：{ids}",
    "an account another store already gives": "另一個來源已提供的帳號",
    "{first}; {then}": "{first}；{then}",
    "{platform} API key": "{platform} API 金鑰",
    "{platform} entry": "{platform} 項目",
    "{platform}: the key is {other}'s": "{platform}：該金鑰屬於 {other}",
    "{key}: the apiKey is empty": "{key}：apiKey 為空",
    "{account}, from {source}": "{account}，來自 {source}",
    "a link to a missing file": "指向不存在檔案的連結",
    "{file}: a link to a missing file; skipped": "{file}：指向不存在檔案的連結，已略過",
    # Reset dates, pace, the progress line, colour
    "{weekday} {month:02d}-{day:02d} {hour:02d}:{minute:02d}": "{month}月{day}日 {weekday} {hour:02d}:{minute:02d}",
    # the Google table's reset dates beside the names when narrow
    "{name} (resets {date})": "{name}（{date} 重設）",
    "Mon": "週一", "Tue": "週二", "Wed": "週三", "Thu": "週四", "Fri": "週五", "Sat": "週六", "Sun": "週日",
    "At this pace: runs out in {time}, {early} before the reset": "按目前速度：{time}後用完，比重設早{early}",
    "Asking {total} account… {done}/{total}": "正在查詢 {total} 個帳號… {done}/{total}",
    "Asking {total} accounts… {done}/{total}": "正在查詢 {total} 個帳號… {done}/{total}",
    "colour the report: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR is), always or never "
    "(default: auto)":
        "為報告著色：auto（在終端機上著色，除非設定了 NO_COLOR；設定 FORCE_COLOR 時總是著色）、"
        "always 或 never（預設：auto）",
    # Credential file failures
    "not UTF-8 text": "不是 UTF-8 文字",
    "empty": "檔案是空的",
    "not valid JSON ({where})": "不是有效的 JSON（{where}）",
    "is a directory, not a file": "是目錄而不是檔案",
    "no permission to read it": "沒有讀取權限",
    "cannot read it ({reason})": "無法讀取（{reason}）",
    "cannot open it ({reason})": "無法開啟（{reason}）",
    "larger than {size} MiB; not a credential file": "大於 {size} MiB，不是憑證檔案",
    "no credential table; not an OpenCode database?": "沒有 credential 資料表，不是 OpenCode 資料庫？",
    "not a JSON object": "不是 JSON 物件",
    "{field} is missing": "缺少 {field}",
    "{field} is not an object": "{field} 不是物件",
    "{field} is not {kind}": "{field} 不是{kind}",
    "no list of accounts": "沒有帳號清單",
    "unknown tier {tier!r}; use one of {tiers}": "未知方案 {tier!r}，可選：{tiers}",
    "a /* comment is never closed": "/* 註解未結束",
    "no such file": "檔案不存在",
    "not a regular file (a pipe or a device?)": "不是一般檔案（管線或裝置？）",
    "{variable} ({path}): not a regular file (a pipe or a device?)":
        "{variable}（{path}）：不是一般檔案（管線或裝置？）",
    "{field} has a line break or a character an HTTP header cannot carry": "{field} 含有換行或 HTTP 標頭無法攜帶的字元",
    "{field} is not valid JSON": "{field} 不是有效的 JSON",
    "{source}: {error}": "{source}：{error}",
    "longer than {size} characters once its references are replaced; not an API key":
        "替換其中的引用後超過 {size} 個字元，不是 API 金鑰",
    # ... and the bounds that keep a hostile credential file or opencode.db harmless
    "nested too deep": "巢狀過深",
    "a number too long to read": "數字過長，無法讀取",
    "credential is {kind}, not a plain table; not an OpenCode database?":
        "credential 是{kind}而不是一般資料表，不是 OpenCode 資料庫？",
    "a view": "檢視表",
    "a virtual table": "虛擬資料表",
    "a table with computed columns": "含計算欄位的資料表",
    "not read within {seconds} s": "{seconds} 秒內未讀完",
    "not read by the run's deadline ({seconds} s)": "到執行截止時間（{seconds} 秒）仍未讀完",
    "value larger than {size} KiB": "值大於 {size} KiB",
    "{n} more rows skipped: {reason}": "另有 {n} 列已略過：{reason}",
    "{file}: more than {n} credential rows; only the newest {n} are read":
        "{file}：憑證列超過 {n} 列，只讀取最新的 {n} 列",
    # History and events (--record, --history, --on-event, --notify); the private folders it shares with the cache
    '--notify ({event})': '--notify（{event}）',
    '--notify: no notify-send or osascript found; no notification shown':
        '--notify：找不到 notify-send 或 osascript，未顯示通知',
    '--on-event ({event})': '--on-event（{event}）',
    '--on-event: cannot split the command ({reason})': '--on-event：無法拆分命令（{reason}）',
    '--on-event: the command is empty': '--on-event：命令是空的',
    'Burn rate measured: {rate}': '實測消耗速度：{rate}',
    'No figures recorded in the last {days} days.': '最近 {days} 天沒有記錄。',
    'Remaining over the last {days} days, one mark per {hours} hours:': '最近 {days} 天的剩餘額度，每格 {hours} 小時：',
    'Remaining over the last day, one mark per {hours} hours:': '最近一天的剩餘額度，每格 {hours} 小時：',
    'Resets seen: {times}': '已見重設：{times}',
    'cannot open {path} ({reason})': '無法打開 {path}（{reason}）',
    'cannot read {path} ({reason})': '無法讀取 {path}（{reason}）',
    'cannot use {path} ({reason})': '無法使用 {path}（{reason}）',
    "keep this run's figures in $XDG_STATE_HOME/mystatus/history.sqlite3 (90 days)":
        '將本次資料記錄到 $XDG_STATE_HOME/mystatus/history.sqlite3（保留 90 天）',
    'lowest {percent}% ({when})': '最低 {percent}%（{when}）',
    'no history yet: run mystatus with --record (from cron, say) to keep one':
        '還沒有歷史記錄：用 --record 執行 mystatus（例如在 cron 中）以開始記錄',
    'no room left for {path}; this run is not recorded': '{path} 所在磁碟已滿，本次未記錄',
    'run COMMAND (no shell) once for each quota that runs low, runs out or resets and each account that '
    'fails or recovers since the last recorded run; records too':
        '自上次記錄以來，每個額度變低、用盡或重設，每個帳號查詢失敗或恢復時，執行一次 COMMAND（不經 shell）；同時記錄',
    'show the recorded figures of the last DAYS days (default: 7) and ask no one':
        '顯示最近 DAYS 天（預設：7）的記錄，不查詢任何平台',
    'show those events as desktop notifications; records too': '以桌面通知顯示這些事件；同時記錄',
    'unknown': '未知',
    '{path} belongs to another user; not used': '{path} 屬於其他用戶，未使用',
    '{path} is a link; not followed': '{path} 是連結，不跟隨',
    '{path} is busy (another mystatus?); this run is not recorded': '{path} 正被佔用（另一個 mystatus？），本次未記錄',
    '{path} is damaged and cannot be moved aside': '{path} 已損壞且無法移開',
    '{path} is not a folder': '{path} 不是資料夾',
    '{path} is not a regular file': '{path} 不是一般檔案',
    '{path} is read-only; this run is not recorded': '{path} 是只讀的，本次未記錄',
    '{path} was damaged; moved aside to {aside}': '{path} 已損壞，已移到 {aside}',
    '{path} was written by a newer mystatus; not used': '{path} 由更新版本的 mystatus 寫入，未使用',
    '{percent}% an hour': '每小時 {percent}%',
    '{platform} ({account})': '{platform}（{account}）',
    '{what}: cannot run {command} ({reason})': '{what}：無法執行 {command}（{reason}）',
    '{what}: not run: the run ended at its deadline ({seconds} s)': '{what}：未執行：執行已到截止時間（{seconds} 秒）',
    '{what}: {command} failed (exit status {status})': '{what}：{command} 失敗（退出狀態 {status}）',
    '{what}: {command} took more than {seconds} s; ended': '{what}：{command} 超過 {seconds} 秒，已終止',
    "{what}: {command} still running at the run's deadline ({seconds} s); ended":
        '{what}：{command} 到執行截止時間（{seconds} 秒）仍在執行，已終止',
    '{who}: answers again': '{who}：已恢復響應',
    '{who}: stopped answering: {error}': '{who}：查詢失敗：{error}',
    '{who}: {quota} has run out': '{who}：{quota} 已用盡',
    '{who}: {quota} is low, {percent}% left': '{who}：{quota} 偏低，剩餘 {percent}%',
    '{who}: {quota} was reset, {percent}% left': '{who}：{quota} 已重設，剩餘 {percent}%',
    # Anthropic Claude, and the sign-ins Claude Code and Codex CLI keep: expiry, rate limits, extra usage
    "token expired; run Claude Code (or use a Claude model in OpenCode) once to refresh it":
        "權杖已過期；請執行一次 Claude Code（或在 OpenCode 中使用一次 Claude 模型）以重新整理",
    "OAuth token expired; run Codex once to refresh it": "OAuth 權杖已過期；請執行一次 Codex 以重新整理",
    "rate limited; try again in {time}": "請求過於頻繁；請在 {time}後重試",
    "rate limited; try again later": "請求過於頻繁；請稍後重試",
    "{source}: this sign-in cannot read usage; sign in to Claude Code again":
        "{source}：此登入無權讀取用量；請重新登入 Claude Code",
    "{source}: sign-in refused ({error}); run Claude Code (or use a Claude model in OpenCode) once, or sign in again":
        "{source}：登入被拒絕（{error}）；請執行一次 Claude Code（或在 OpenCode 中使用一次 Claude 模型），或重新登入",
    "Extra usage": "額外用量",
    "Extra usage ({currency})": "額外用量（{currency}）",
}
