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
    "{bar} {percent}% remaining": "{bar} 剩余 {percent}%",
    "Used: {used} / {limit}": "已用：{used} / {limit}",
    "Used: {used} / {limit} (estimate)": "已用：{used} / {limit}（估算）",
    "Used: {used}": "已用：{used}",
    "Unlimited": "无限制",
    "Over the allowance by {count}": "超出额度 {count}",
    "Resets in: {time}": "重置倒计时：{time}",
    "Resets in: {time} ({date})": "重置倒计时：{time}（{date}）",
    "Resets: now": "即将重置",
    "{mark} High usage: {used}% used": "{mark} 用量较高：已用 {used}%",
    "{mark} Limit reached": "{mark} 已达到限额",
    "Failed to query accounts:": "查询失败的账号：",
    "Note: {note}": "提示：{note}",
    "No AI coding subscription is configured. mystatus reads:": "未配置任何 AI 编程订阅。mystatus 读取以下文件：",
    "Sign in to a platform in OpenCode (or its plugin), then run mystatus again.":
        "请先在 OpenCode（或其插件）中登录某个平台，然后再次运行 mystatus。",
    "account {n}": "账号 {n}",
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
    "No usage windows for this plan": "此套餐没有用量窗口",
    "No usage windows for this plan; spend limit: {limit}": "此套餐没有用量窗口；消费上限：{limit}",
    "GitHub reported no quota for this account": "GitHub 未返回此账号的额度",
    "No known monthly allowance for tier {tier}": "未知 {tier} 档位的每月额度",
    "Top models: {models}": "用量最多的模型：{models}",
    ", ": "、",  # between the items of a list
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
    "{file}: not UTF-8 text": "{file}：不是 UTF-8 文本",
    "{file}: empty": "{file}：文件为空",
    "{file}: not valid JSON ({where})": "{file}：不是有效的 JSON（{where}）",
    "line {line}, column {column}": "第 {line} 行第 {column} 列",
    "{file}: is a directory, not a file": "{file}：是目录而不是文件",
    "{file}: no permission to read it": "{file}：没有读取权限",
    "{file}: cannot read it ({reason})": "{file}：无法读取（{reason}）",
    "{file}: cannot open it ({reason})": "{file}：无法打开（{reason}）",
    "{file}: larger than {size} MiB; not a credential file": "{file}：大于 {size} MiB，不是凭据文件",
    "{file}: no credential table; not an OpenCode database?": "{file}：没有 credential 表，不是 OpenCode 数据库？",
    "{file}: not a JSON object": "{file}：不是 JSON 对象",
    "{file}: {field} is missing": "{file}：缺少 {field}",
    "{file}: {field} is not an object": "{file}：{field} 不是对象",
    "{file}: {field} is not {kind}": "{file}：{field} 不是{kind}",
    "text": "文本",
    "a number": "数字",
    "{file}: no list of accounts": "{file}：没有账号列表",
    "{file}: account {n} is not an object": "{file}：账号 {n} 不是对象",
    "{file}: account has no refreshToken; sign in again with opencode-antigravity-auth":
        "{file}：账号缺少 refreshToken，请用 opencode-antigravity-auth 重新登录",
    "{file}: unknown tier {tier!r}; use one of {tiers}": "{file}：未知档位 {tier!r}，可选：{tiers}",
    "{reason}; using auth.json instead": "{reason}；改用 auth.json",
    # Platforms
    "OAuth token expired; use an OpenAI model once in OpenCode to refresh it":
        "OAuth 令牌已过期；在 OpenCode 中使用一次 OpenAI 模型即可刷新",
    "API error {code}: {message}": "接口错误 {code}：{message}",
    "no project id (projectId or managedProjectId); sign in again with opencode-antigravity-auth":
        "缺少项目 ID（projectId 或 managedProjectId），请用 opencode-antigravity-auth 重新登录",
    "sign-in refused ({detail}); sign in again with opencode-antigravity-auth":
        "登录被拒绝（{detail}），请用 opencode-antigravity-auth 重新登录",
    "unexpected answer: {what} is not an object": "响应异常：{what} 不是对象",
    "unexpected answer: {what} is not a list": "响应异常：{what} 不是列表",
    "unexpected answer: {what} is missing": "响应异常：缺少 {what}",
    "internal error ({kind})": "内部错误（{kind}）",
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
    "timed out": "超时",
    "timed out after {seconds} s": "{seconds} 秒后超时",
    "connection refused by {host}": "{host} 拒绝连接",
    "unknown host {host}": "未知主机 {host}",
    "TLS failure with {host} ({reason})": "与 {host} 的 TLS 连接失败（{reason}）",
    "connection reset by {host}": "连接被 {host} 重置",
    "network error ({reason})": "网络错误（{reason}）",
    "connection closed before the answer was complete": "响应未完成时连接已关闭",
    "{host} did not answer in HTTP": "{host} 的响应不是 HTTP",
    # occmd branch
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
    "OpenCode cannot run a command with a backtick or a line break: {command}; nothing written":
        "OpenCode 无法运行含反引号或换行的命令：{command}；未写入任何文件",
    # timecolor branch
    "{weekday} {month:02d}-{day:02d} {hour:02d}:{minute:02d}": "{month}月{day}日 {weekday} {hour:02d}:{minute:02d}",
    "Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六", "Sun": "周日",
    "At this pace: runs out in {time}, {early} before the reset": "按当前速度：{time}后用完，比重置早{early}",
    "Asking {total} account… {done}/{total}": "正在查询 {total} 个账号… {done}/{total}",
    "Asking {total} accounts… {done}/{total}": "正在查询 {total} 个账号… {done}/{total}",
}

ZH_HANT = {
    # Report
    "{platform} account quota": "{platform} 帳號額度",
    "Account: {account}": "帳號：{account}",
    "{bar} {percent}% remaining": "{bar} 剩餘 {percent}%",
    "Used: {used} / {limit}": "已用：{used} / {limit}",
    "Used: {used} / {limit} (estimate)": "已用：{used} / {limit}（估算）",
    "Used: {used}": "已用：{used}",
    "Unlimited": "無限制",
    "Over the allowance by {count}": "超出額度 {count}",
    "Resets in: {time}": "重設倒數：{time}",
    "Resets in: {time} ({date})": "重設倒數：{time}（{date}）",
    "Resets: now": "即將重設",
    "{mark} High usage: {used}% used": "{mark} 用量偏高：已用 {used}%",
    "{mark} Limit reached": "{mark} 已達到限額",
    "Failed to query accounts:": "查詢失敗的帳號：",
    "Note: {note}": "提示：{note}",
    "No AI coding subscription is configured. mystatus reads:": "尚未設定任何 AI 程式設計訂閱。mystatus 讀取以下檔案：",
    "Sign in to a platform in OpenCode (or its plugin), then run mystatus again.":
        "請先在 OpenCode（或其外掛）中登入某個平台，然後再次執行 mystatus。",
    "account {n}": "帳號 {n}",
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
    "No usage windows for this plan": "此方案沒有用量視窗",
    "No usage windows for this plan; spend limit: {limit}": "此方案沒有用量視窗；消費上限：{limit}",
    "GitHub reported no quota for this account": "GitHub 未回傳此帳號的額度",
    "No known monthly allowance for tier {tier}": "未知 {tier} 方案的每月額度",
    "Top models: {models}": "用量最多的模型：{models}",
    ", ": "、",  # between the items of a list
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
    "{file}: not UTF-8 text": "{file}：不是 UTF-8 文字",
    "{file}: empty": "{file}：檔案是空的",
    "{file}: not valid JSON ({where})": "{file}：不是有效的 JSON（{where}）",
    "line {line}, column {column}": "第 {line} 行第 {column} 欄",
    "{file}: is a directory, not a file": "{file}：是目錄而不是檔案",
    "{file}: no permission to read it": "{file}：沒有讀取權限",
    "{file}: cannot read it ({reason})": "{file}：無法讀取（{reason}）",
    "{file}: cannot open it ({reason})": "{file}：無法開啟（{reason}）",
    "{file}: larger than {size} MiB; not a credential file": "{file}：大於 {size} MiB，不是憑證檔案",
    "{file}: no credential table; not an OpenCode database?": "{file}：沒有 credential 資料表，不是 OpenCode 資料庫？",
    "{file}: not a JSON object": "{file}：不是 JSON 物件",
    "{file}: {field} is missing": "{file}：缺少 {field}",
    "{file}: {field} is not an object": "{file}：{field} 不是物件",
    "{file}: {field} is not {kind}": "{file}：{field} 不是{kind}",
    "text": "文字",
    "a number": "數字",
    "{file}: no list of accounts": "{file}：沒有帳號清單",
    "{file}: account {n} is not an object": "{file}：帳號 {n} 不是物件",
    "{file}: account has no refreshToken; sign in again with opencode-antigravity-auth":
        "{file}：帳號缺少 refreshToken，請用 opencode-antigravity-auth 重新登入",
    "{file}: unknown tier {tier!r}; use one of {tiers}": "{file}：未知方案 {tier!r}，可選：{tiers}",
    "{reason}; using auth.json instead": "{reason}；改用 auth.json",
    # Platforms
    "OAuth token expired; use an OpenAI model once in OpenCode to refresh it":
        "OAuth 權杖已過期；在 OpenCode 中使用一次 OpenAI 模型即可更新",
    "API error {code}: {message}": "介面錯誤 {code}：{message}",
    "no project id (projectId or managedProjectId); sign in again with opencode-antigravity-auth":
        "缺少專案 ID（projectId 或 managedProjectId），請用 opencode-antigravity-auth 重新登入",
    "sign-in refused ({detail}); sign in again with opencode-antigravity-auth":
        "登入遭拒（{detail}），請用 opencode-antigravity-auth 重新登入",
    "unexpected answer: {what} is not an object": "回應異常：{what} 不是物件",
    "unexpected answer: {what} is not a list": "回應異常：{what} 不是清單",
    "unexpected answer: {what} is missing": "回應異常：缺少 {what}",
    "internal error ({kind})": "內部錯誤（{kind}）",
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
    "timed out": "逾時",
    "timed out after {seconds} s": "{seconds} 秒後逾時",
    "connection refused by {host}": "{host} 拒絕連線",
    "unknown host {host}": "未知主機 {host}",
    "TLS failure with {host} ({reason})": "與 {host} 的 TLS 連線失敗（{reason}）",
    "connection reset by {host}": "連線被 {host} 重設",
    "network error ({reason})": "網路錯誤（{reason}）",
    "connection closed before the answer was complete": "回應未完成時連線已關閉",
    "{host} did not answer in HTTP": "{host} 的回應不是 HTTP",
    # occmd branch
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
    "OpenCode cannot run a command with a backtick or a line break: {command}; nothing written":
        "OpenCode 無法執行含反引號或換行的命令：{command}；未寫入任何檔案",
    # timecolor branch
    "{weekday} {month:02d}-{day:02d} {hour:02d}:{minute:02d}": "{month}月{day}日 {weekday} {hour:02d}:{minute:02d}",
    "Mon": "週一", "Tue": "週二", "Wed": "週三", "Thu": "週四", "Fri": "週五", "Sat": "週六", "Sun": "週日",
    "At this pace: runs out in {time}, {early} before the reset": "按目前速度：{time}後用完，比重設早{early}",
    "Asking {total} account… {done}/{total}": "正在查詢 {total} 個帳號… {done}/{total}",
    "Asking {total} accounts… {done}/{total}": "正在查詢 {total} 個帳號… {done}/{total}",
}
