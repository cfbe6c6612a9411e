"""Where people read the report: --oneline for status bars, --json's version
and sources, --verbose on stderr, exit 4 when there is nothing to check,
Chinese names, help and usage errors, and the small option rules."""

import json
import re
import socket

import pytest

import mystatus
from conftest import Reply
from payloads import (COPILOT_USER, GHO, GOOGLE_MODELS, NOTHING_CONFIGURED, OPENAI_ACCESS, OPENAI_USAGE,
                           ZHIPU_KEY, ZHIPU_QUOTA, copilot_auth, google_account, openai_auth, report, zhipu_auth)

M = mystatus.M
AUTH = "~/.local/share/opencode/auth.json"
ACCOUNTS = "~/.config/opencode/antigravity-accounts.json"


def everything(home, server, google_accounts=None):
    """Every platform configured and answering."""
    home.auth({**openai_auth(), **zhipu_auth(), **zhipu_auth(name="zai-coding-plan"), **copilot_auth()})
    home.accounts(google_accounts or [google_account()])
    server.route("/openai/usage", Reply(OPENAI_USAGE))  # 85 and 77 % left
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))  # 95 and 90
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))  # 100, 50, 85, 40, 10
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))  # 23.7, and chat unlimited


def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return port


# --oneline ####################################################################


def test_oneline_shows_each_platform_s_lowest_percentage(home, server, capsys):
    everything(home, server)
    status, out, err = report(capsys, "--oneline")
    assert (status, err) == (3, "")  # Google's Claude is 90 % used: the usual status
    assert out == "OpenAI 77% · Zhipu 90% · Z.ai 90% · Google 10% · Copilot 23.7%\n"


def test_oneline_marks_a_failed_platform_and_ascii_uses_bars(home, server, capsys):
    everything(home, server)
    server.route("/zhipu/quota", Reply({"code": 500, "msg": "busy", "success": False}))
    status, out, _ = report(capsys, "--oneline", "--ascii")
    assert status == 1
    assert out == "OpenAI 77% | Zhipu ! | Z.ai 90% | Google 10% | Copilot 23.7%\n"


def test_oneline_lowest_across_accounts_and_a_partly_failed_platform(home, server, capsys):
    home.accounts([google_account(), google_account(email="bob@example.com", project=None)])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, _ = report(capsys, "--oneline")
    assert (status, out) == (1, "Google 10%!\n")


def test_oneline_names_an_unusable_credential_file(home, server, capsys):
    home.auth(b"{")
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, _ = report(capsys, "--oneline")
    assert (status, out) == (1, "Google 10% · auth.json !\n")


def test_oneline_in_chinese(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    assert report(capsys, "--oneline", "--lang", "zh") == (0, "智谱 90%\n", "")
    assert report(capsys, "--oneline", "--lang", "zh-TW") == (0, "智譜 90%\n", "")


def quota(remaining=None, **fields):
    return mystatus.Quota(label=M("Chat"), remaining_percent=remaining, **fields)


@pytest.mark.parametrize("quotas, ascii_only, expected", [
    ([quota(unlimited=True), quota(unlimited=True)], False, "Copilot ∞"),
    ([quota(unlimited=True)], True, "Copilot inf"),
    ([quota(used=150)], False, "Copilot -"),  # usage without an allowance
    ([], False, "Copilot -"),
    ([quota(40), quota(100, unlimited=True)], False, "Copilot 40%"),
    ([quota(60, limit_reached=True), quota(40)], False, "Copilot 0%"),  # the platform says it is used up
    ([quota(-4.5)], False, "Copilot -4.5%"),  # over the allowance, told as it is
])
def test_oneline_figures_without_a_percentage(quotas, ascii_only, expected):
    result = mystatus.Result(provider="copilot", quotas=quotas)
    line = mystatus.render_oneline(mystatus.Report(results=[result]), ascii_only=ascii_only)
    assert line == expected + "\n"


# --json #######################################################################


def test_json_has_the_version_and_each_credential_s_source(home, server, capsys, monkeypatch):
    everything(home, server, [google_account(), google_account(email="bob@example.com", project=None)])
    status, out, _ = report(capsys, "--json")
    document = json.loads(out)
    assert status == 1 and document["version"] == mystatus.__version__ == "1.1.0"
    assert list(document)[:3] == ["schema", "version", "generated_at"]
    assert [(p["provider"], p["source"]) for p in document["providers"]] == [
        ("openai", AUTH), ("zhipuai", AUTH), ("zai", AUTH), ("google", ACCOUNTS), ("google", ACCOUNTS),
        ("copilot", AUTH)]
    home.environ["OPENCODE_AUTH_CONTENT"] = json.dumps(zhipu_auth())
    _, out, _ = report(capsys, "--json", "--only", "zhipuai")
    assert [p["source"] for p in json.loads(out)["providers"]] == ["OPENCODE_AUTH_CONTENT"]
    for secret in (ZHIPU_KEY, GHO, OPENAI_ACCESS):
        assert secret not in out


# --verbose ####################################################################


def test_verbose_lists_every_request_on_stderr_and_nothing_secret(home, server, capsys, monkeypatch):
    everything(home, server)
    home.environ["MYSTATUS_ZHIPU_URL"] = server.url("/zhipu/quota") + "?key=hunter2-query-secret&flag"
    home.environ["MYSTATUS_ZAI_URL"] = "http://127.0.0.1:%d/zai/quota" % closed_port()
    server.route("/openai/usage", Reply({"error": {"message": "slow down"}}, status=429))
    quiet = report(capsys)
    status, out, err = report(capsys, "--verbose")
    assert (status, out) == quiet[:2]  # stdout is the report as without -v
    base = server.url("")
    lines = err.splitlines()
    assert lines[0] == "Credential sources tried:" and "Requests:" in lines
    requests = sorted(re.sub(r" \d{1,2}\.\d\ds$", " T", line) for line in lines[lines.index("Requests:") + 1:])
    assert requests == sorted([
        "  GET %s/openai/usage 429 T" % base,
        "  GET %s/zhipu/quota?key=***&*** 200 T" % base,
        "  GET http://127.0.0.1:%s/zai/quota - T" % re.search(r":(\d+)/zai", err).group(1),
        "  POST %s/google/token 200 T" % base,
        "  POST %s/google/models 200 T" % base,
        "  POST %s/google/summary 404 T" % base,  # no pool summary routed: the per-model view alone
        "  GET %s/github/copilot_internal/user 200 T" % base,
    ])
    for secret in ("hunter2", ZHIPU_KEY, ZHIPU_KEY[:4] + "****", GHO, OPENAI_ACCESS, "ya29.", "1//refresh",
                   "Bearer", "mystatus/"):  # no credential, no header (not even the User-Agent)
        assert secret not in err


def test_verbose_lists_the_credential_sources_tried(home, server, capsys, monkeypatch):
    real = mystatus.build_report

    def with_sources(*args, **kwargs):  # what the credential readers record, by hand until they do
        built, secrets = real(*args, **kwargs)
        built.sources = [(AUTH, M("empty")), (ACCOUNTS, M("{field} is missing", field="accounts " + ZHIPU_KEY))]
        return built, secrets

    monkeypatch.setattr(mystatus, "build_report", with_sources)
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys, "-v", "--lang", "zh")
    assert status == 0 and "智谱 AI 账号额度" in out
    assert err.splitlines()[:4] == [
        "尝试过的凭据来源：",
        "  %s：文件为空" % AUTH,
        "  %s：缺少 accounts ****" % ACCOUNTS,  # a secret is hidden wherever it turns up
        "请求：",
    ]
    assert re.fullmatch(r"  GET http://127\.0\.0\.1:\d+/zhipu/quota 200 \d{1,2}\.\d\ds", err.splitlines()[4])


def test_verbose_text_of_a_hand_built_report():
    built = mystatus.Report(sources=[("OPENCODE_AUTH_CONTENT", M("broken: {reason}", reason=M("empty")))])
    text = mystatus._verbose_text(built, [], lambda msg: mystatus.translate(msg, {}))
    assert text.splitlines() == ["Credential sources tried:", "  OPENCODE_AUTH_CONTENT: broken: empty",
                                 "No request was made."]


# Nothing to check #############################################################

EVERYTHING = NOTHING_CONFIGURED  # the same help, told in every mode


@pytest.mark.parametrize("argv", [[], ["--alert-only"], ["--json"], ["--json", "--alert-only"], ["--oneline"],
                                  ["--oneline", "--alert-only"], ["--ascii", "--threshold", "100"]])
def test_nothing_configured_is_status_4_and_said_in_every_mode(home, capsys, argv):
    status, out, err = report(capsys, *argv)
    assert status == 4
    if "--json" in argv:
        assert json.loads(out)["providers"] == [] and err.splitlines() == EVERYTHING
    elif "--oneline" in argv:
        assert out == "No subscription configured\n" and err.splitlines() == EVERYTHING
    else:
        assert out.splitlines() == EVERYTHING and err == ""


def test_only_a_platform_not_configured_names_that_platform_alone(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, err = report(capsys, "--only", "copilot", "--alert-only")
    assert (status, err) == (4, "")
    assert out.splitlines() == [
        "Not configured: GitHub Copilot. mystatus reads:",
        "  GitHub Copilot      auth.json, opencode.db, opencode.json, ~/.config/opencode/copilot-quota-token.json",
    ] + NOTHING_CONFIGURED[-3:]  # where OpenCode's stores are, how to sign in
    assert server.requests == []


def test_nothing_configured_in_chinese_keeps_the_columns(home, capsys):
    status, out, _ = report(capsys, "--lang", "zh", "--only", "zhipuai,zai")
    assert status == 4
    assert out.splitlines() == [
        "未配置：智谱 AI、Z.ai。mystatus 读取以下来源：",
        "  智谱 AI             auth.json, opencode.db, opencode.json, ZHIPU_API_KEY",
        "  Z.ai                auth.json, opencode.db, opencode.json, ZAI_API_KEY, ZHIPU_API_KEY",
        "auth.json, opencode.db：OpenCode 保存的登录信息和密钥，位于 ~/.local/share/opencode",
        "opencode.json：~/.config/opencode/config.json, opencode.json, opencode.jsonc 中的 "
        "provider.<id>.options.apiKey",
        "请先运行 opencode auth login（或用该平台的插件、自带工具）登录或添加密钥，然后再次运行 mystatus。",
    ]


# Chinese ######################################################################


def test_zhipu_is_named_in_chinese_and_the_json_keeps_its_id(home, server, capsys):
    home.auth({**zhipu_auth(), **openai_auth()})
    server.route("/zhipu/quota", Reply({"code": 500, "msg": "busy", "success": False}))
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys, "--lang", "zh-Hans")
    assert status == 1
    assert out.splitlines()[0] == "## OpenAI 账号额度"
    assert "- 智谱 AI（9c89****AQVM）：" in out or "- 智谱 AI (9c89****AQVM): " in out
    assert "Zhipu" not in out
    _, out, _ = report(capsys, "--lang", "zh-Hans", "--json")
    assert [p["provider"] for p in json.loads(out)["providers"]] == ["openai", "zhipuai"]
    assert "智谱" not in out


def test_a_chinese_report_has_no_english_words_of_ours(home, server, capsys):
    everything(home, server)
    server.route("/zai/quota", Reply({}, status=500))
    _, out, _ = report(capsys, "--lang", "zh")
    words = set(re.findall(r"[A-Za-z]+", out))
    ours = {"account", "quota", "remaining", "Resets", "Used", "Limit", "limit", "Failed", "Note", "Zhipu", "Account",
            "Premium", "requests", "Chat", "Unlimited", "answer", "empty", "usage", "High"}
    assert words & ours == set()


def test_help_in_chinese(home, capsys, monkeypatch):
    home.environ["LANG"] = "zh_CN.UTF-8"
    status, out, err = report(capsys, "--help")
    assert (status, err) == (0, "")
    assert out.startswith("用法：mystatus [-h]")
    text = " ".join(out.split())
    assert "选项：" in text and "-h, --help 显示此帮助并退出" in text and "-V, --version 显示版本号并退出" in text
    assert "退出码：0 所有已配置的平台都已响应" in text and "4 没有可查询的内容" in text
    assert "show this help" not in text and "usage:" not in text and "options" not in text
    status, out, _ = report(capsys, "--help", "--lang", "zh-Hant")
    assert out.startswith("用法：mystatus") and "顯示此說明並結束" in out


@pytest.mark.parametrize("lang", ["zh", "zh-Hant", "en"])
def test_help_fits_the_terminal_in_every_language(home, capsys, monkeypatch, lang):
    home.environ["COLUMNS"] = "80"
    status, out, _ = report(capsys, "--help", "--lang", lang)
    assert status == 0 and len(out.splitlines()) > 20
    assert max(mystatus._width(line) for line in out.splitlines()) <= 80
    assert not any(line.strip()[:1] in "，。、；：）" for line in out.splitlines() if line.strip())


def test_wide_text_wraps_between_characters_and_keeps_words_whole():
    text = "在标准错误输出中列出（方法、URL、状态码）--install-opencode-command 一起使用"
    assert mystatus._wrap_wide(text, 20) == [
        "在标准错误输出中列出", "（方法、URL、状态", "码）", "--install-opencode-command", "一起使用"]


@pytest.mark.parametrize("argv, message", [
    (["--thr", "80"], "mystatus：错误：无法识别的参数：--thr 80"),
    (["--threshold", "120"], "mystatus：错误：选项 --threshold：必须在 0 到 100 之间"),
    (["--timeout", "soon"], "mystatus：错误：选项 --timeout：不是数字：'soon'"),
    # The choices are the table's ids, in report order (test_help.py checks them).
    (["--only", "myspace"], "mystatus：错误：选项 --only：未知平台 myspace；可选：" + ",".join(mystatus.PROVIDERS)),
    (["--lang", "fr"], None),  # not Chinese: the locale decides
    (["--json", "--oneline"], "mystatus：错误：选项 --oneline：不能与 --json 同时使用"),
    (["--force"], "mystatus：错误：--force 只能与 --install-opencode-command 一起使用"),
])
def test_usage_errors_in_chinese(home, capsys, monkeypatch, argv, message):
    home.environ["LANG"] = "zh_CN.UTF-8"
    status, out, err = report(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("用法：mystatus")
    if message:
        assert err.splitlines()[-1] == message
    else:
        assert re.search(r"mystatus：错误：选项 --lang：无效的取值：'?fr'?（可选：", err)


def test_usage_errors_in_english_are_argparse_s_words(home, capsys):
    status, _, err = report(capsys, "--lang", "en", "--thr", "80")
    assert status == 2 and err.startswith("usage: mystatus")
    assert err.splitlines()[-1] == "mystatus: error: unrecognized arguments: --thr 80"
    _, _, err = report(capsys, "--threshold", "x")
    assert err.splitlines()[-1] == "mystatus: error: argument --threshold: not a number: 'x'"


@pytest.mark.parametrize("lang, word", [("zh-CN", "账号"), ("zh_CN", "账号"), ("zh-TW", "帳號"), ("zh_TW", "帳號"),
                                        ("zh-HK", "帳號"), ("zh_HK", "帳號")])
def test_lang_takes_region_spellings(home, server, capsys, lang, word):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys, "--lang", lang)
    assert status == 0 and (word + "：9c89****AQVM") in out


# Small option rules ###########################################################


@pytest.mark.parametrize("threshold, status", [("20%", 3), ("30%", 0), ("20", 3), (" 23 % ", 3), ("23.5%", 0)])
def test_threshold_takes_a_percent_sign(home, server, capsys, threshold, status):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))  # 23 % used at most
    assert report(capsys, "--threshold", threshold)[0] == status


@pytest.mark.parametrize("threshold", ["%", "80%%", "80 percent", "-1%"])
def test_threshold_rejects_other_text(home, capsys, threshold):
    status, out, err = report(capsys, "--threshold", threshold)
    assert (status, out) == (2, "") and "argument --threshold" in err


@pytest.mark.parametrize("argv", [["--thr", "80"], ["--js"], ["--one"], ["--verb"], ["--only=openai", "--alert"]])
def test_no_option_may_be_abbreviated(home, capsys, argv):
    status, out, err = report(capsys, *argv)
    assert (status, out) == (2, "") and "unrecognized arguments" in err


@pytest.mark.parametrize("argv", [["-V"], ["--version"], ["-V", "--lang", "zh"]])
def test_short_version_option(home, capsys, argv):
    assert report(capsys, *argv) == (0, "mystatus 1.1.0\n", "")
