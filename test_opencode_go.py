"""OpenCode Go end to end against the loopback fixture: both languages, its
error answers, wrong types."""

import pytest

from conftest import Reply
from payloads import GO, GO_KEY, GO_USAGE, go_auth, json_report, report, zh


def test_opencode_go_report_in_english(home, server, capsys):
    home.auth(go_auth())
    server.route(GO, Reply(GO_USAGE))
    status, out, err = report(capsys)
    assert status == 3 and err == ""  # the monthly window is past the 80 % threshold
    assert out.splitlines() == [
        "## OpenCode Go account quota",
        "",
        "Account: sk-g****OKEY",
        "",
        "5-hour limit",
        "█" * 26 + "░" * 4 + " 88% remaining",
        "Resets in: 2h 30m",
        "",
        "Weekly limit",
        "█" * 18 + "░" * 12 + " 60% remaining",
        "Resets in: 2d 12h (Wed 11-25 00:00)",
        "",
        "Monthly limit",
        "█" * 4 + "░" * 26 + " 14.5% remaining",
        "Resets in: 8d 12h (Tue 12-01 00:00)",
        "⚠ High usage: 85.5% used",
    ]
    (request,) = server.hits(GO)
    assert request.method == "GET" and request.header("Authorization") == "Bearer " + GO_KEY


def test_opencode_go_report_in_chinese(home, server, capsys, monkeypatch):
    zh(home)
    home.auth(go_auth())
    server.route(GO, Reply(GO_USAGE))
    _, out, _ = report(capsys)
    lines = out.splitlines()
    assert lines[:7] == ["## OpenCode Go 账号额度", "", "账号：sk-g****OKEY", "", "5 小时限额",
                         "█" * 26 + "░" * 4 + " 剩余 88%", "重置倒计时：2小时30分钟"]
    assert "每周限额" in lines and "每月限额" in lines
    assert "重置倒计时：8天12小时（12月1日 周二 00:00）" in lines and "⚠ 用量较高：已用 85.5%" in lines


def test_opencode_go_json(home, server, capsys):
    home.auth(go_auth())
    server.route(GO, Reply(GO_USAGE))
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    assert entry["provider"] == "opencode-go" and entry["ok"] is True and entry["account"] == "sk-g****OKEY"
    assert [(q["id"], q["remaining_percent"], q["window_seconds"], q["resets_at"]) for q in entry["quotas"]] == [
        ("rolling", 88, 18000, "2026-11-22T14:30:00Z"),
        ("weekly", 60, 604800, "2026-11-25T00:00:00Z"),
        ("monthly", 14.5, None, "2026-12-01T00:00:00Z"),
    ]


@pytest.mark.parametrize("reply, line", [
    (Reply({"error": {"message": "Invalid API key"}}, status=401),
     "- OpenCode Go (sk-g****OKEY): the key was refused (HTTP 401: Invalid API key); "
     "check the opencode-go key in OpenCode"),
    (Reply({"type": "EntitlementError", "message": "No active subscription"}, status=403),
     "- OpenCode Go (sk-g****OKEY): this key has no OpenCode Go subscription (HTTP 403: No active subscription)"),
    (Reply({"message": "boom"}, status=500), "- OpenCode Go (sk-g****OKEY): HTTP 500: boom"),
])
def test_opencode_go_error_answers(home, server, capsys, reply, line):
    home.auth(go_auth())
    server.route(GO, reply)
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines() == ["Failed to query accounts:", line]


def test_opencode_go_403_in_chinese(home, server, capsys, monkeypatch):
    zh(home)
    home.auth(go_auth())
    server.route(GO, Reply({"type": "EntitlementError", "message": "No active subscription"}, status=403))
    _, out, _ = report(capsys)
    assert "- OpenCode Go (sk-g****OKEY): 此密钥没有 OpenCode Go 订阅（HTTP 403：No active subscription）" in out


@pytest.mark.parametrize("body, message", [
    ([GO_USAGE], "unexpected answer: usage answer is not an object"),
    ({}, "unexpected answer: usage is not an object"),
    ({"usage": "full"}, "unexpected answer: usage is not an object"),
    ({"usage": {"rolling": {"percent": "12"}, "weekly": [], "monthly": None}}, "unexpected answer: no quota in it"),
    ({"usage": {}}, "unexpected answer: no quota in it"),
])
def test_opencode_go_wrong_types_are_one_line(home, server, capsys, body, message):
    home.auth(go_auth())
    server.route(GO, Reply(body))
    status, out, err = report(capsys)
    assert status == 1 and err == ""
    assert out.splitlines() == ["Failed to query accounts:", "- OpenCode Go (sk-g****OKEY): " + message]


def test_opencode_go_window_with_a_bad_date_or_an_unknown_status(home, server, capsys):
    home.auth(go_auth())
    server.route(GO, Reply({"usage": {"rolling": {"status": "rate-limited", "percent": 100, "resetsAt": "soon"},
                                      "weekly": {"status": "ok", "percent": 10, "resetsAt": 17}}}))
    status, out, _ = report(capsys)
    assert status == 3
    lines = out.splitlines()
    assert lines[4:7] == ["5-hour limit", "░" * 30 + " 0% remaining", "✖ Limit reached"]
    assert "Resets in" not in out  # neither "soon" nor a number is an ISO date
    assert "5-hour limit: status rate-limited" in lines


# OpenCode Zen: the `opencode` entry holds the same kind of opencode.ai key ####

ZEN_ONLY = Reply({"type": "EntitlementError", "message": "No active subscription"}, status=403)
ZEN_NOTE = ("No OpenCode Go subscription on this opencode.ai key: OpenCode Zen is billed per request "
            "and has no quota to show")


def test_an_opencode_zen_key_is_asked_for_its_go_usage(home, server, capsys):
    home.auth({"opencode": {"type": "api", "key": GO_KEY}})
    server.route(GO, Reply(GO_USAGE))
    status, document = json_report(capsys)
    (entry,) = document["providers"]
    assert (entry["provider"], entry["ok"], entry["account"]) == ("opencode-go", True, "sk-g****OKEY")
    assert [q["id"] for q in entry["quotas"]] == ["rolling", "weekly", "monthly"]
    (request,) = server.hits(GO)
    assert request.header("Authorization") == "Bearer " + GO_KEY


@pytest.mark.parametrize("first", ["opencode", "opencode-go"])
def test_one_key_stored_for_zen_and_go_is_one_account_asked_once(home, server, capsys, first):
    other = "opencode-go" if first == "opencode" else "opencode"
    home.auth({first: {"type": "api", "key": GO_KEY}, other: {"type": "api", "key": GO_KEY}})
    server.route(GO, Reply(GO_USAGE))
    status, out, _ = report(capsys)
    assert status == 3 and out.count("Account: sk-g****OKEY") == 1
    assert len(server.hits(GO)) == 1


def test_a_zen_key_without_go_is_said_so_not_a_failure(home, server, capsys):
    home.auth({"opencode": {"type": "api", "key": GO_KEY}})
    server.route(GO, ZEN_ONLY)
    status, out, err = report(capsys)
    assert status == 0 and err == "" and "Failed" not in out
    assert out.splitlines() == ["## OpenCode Go account quota", "", "Account: sk-g****OKEY", "", ZEN_NOTE]
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    assert entry["ok"] is True and entry["quotas"] == [] and entry["error"] is None
    assert "remaining" not in out and "%" not in out  # no number is made up for Zen


def test_a_zen_key_without_go_in_chinese(home, server, capsys, monkeypatch):
    zh(home)
    home.auth({"opencode": {"type": "api", "key": GO_KEY}})
    server.route(GO, ZEN_ONLY)
    _, out, _ = report(capsys)
    assert "此 opencode.ai 密钥没有 OpenCode Go 订阅：OpenCode Zen 按请求计费，没有可显示的额度" in out


def test_the_variable_both_share_without_go_is_a_note(home, server, capsys, monkeypatch):
    home.environ["OPENCODE_API_KEY"] = GO_KEY
    server.route(GO, ZEN_ONLY)
    status, out, _ = report(capsys)
    assert status == 0 and ZEN_NOTE in out.splitlines()


def test_a_key_stored_for_go_and_zen_without_go_is_a_failure(home, server, capsys):
    """Stored as opencode-go, the key is meant for Go: a 403 is a lapsed
    subscription, whichever entry the file lists first."""
    home.auth({"opencode": {"type": "api", "key": GO_KEY}, "opencode-go": {"type": "api", "key": GO_KEY}})
    server.route(GO, ZEN_ONLY)
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines() == [
        "Failed to query accounts:",
        "- OpenCode Go (sk-g****OKEY): this key has no OpenCode Go subscription (HTTP 403: No active subscription)"]


def test_a_zen_key_refused_is_still_a_failure(home, server, capsys):
    home.auth({"opencode": {"type": "api", "key": GO_KEY}})
    server.route(GO, Reply({"error": {"message": "Invalid API key"}}, status=401))
    status, out, _ = report(capsys)
    assert status == 1 and "- OpenCode Go (sk-g****OKEY): the key was refused (HTTP 401: Invalid API key)" in out


@pytest.mark.parametrize("reply", [
    Reply(raw="<html><head><title>Attention Required! | Cloudflare</title></head></html>", status=403,
          headers={"Content-Type": "text/html"}),
    Reply(raw="", status=403),
])
def test_a_zen_key_refused_by_a_page_not_the_api_is_a_failure(home, server, capsys, reply):
    """A 403 that is an HTML page (a proxy's, a CDN's challenge) or empty is
    not the usage API saying the workspace has no Go subscription: a failure
    that shows what came, never a confident note and a clean exit."""
    home.auth({"opencode": {"type": "api", "key": GO_KEY}})
    server.route(GO, reply)
    status, out, _ = report(capsys)
    assert status == 1 and ZEN_NOTE not in out
    assert out.splitlines()[-1].startswith("- OpenCode Go (sk-g****OKEY): this key has no OpenCode Go subscription "
                                           "(HTTP 403: ")


@pytest.mark.parametrize("where, hint", [
    ("opencode", "check the opencode key in OpenCode"),
    ("OPENCODE_API_KEY", "check OPENCODE_API_KEY"),
    ("opencode-go", "check the opencode-go key in OpenCode"),
])
def test_a_refused_key_says_where_to_check_it(home, server, capsys, where, hint):
    """A Zen key refused is fixed under `opencode` (or in the variable), not
    under an `opencode-go` entry the user may not have."""
    if where == "OPENCODE_API_KEY":
        home.environ[where] = GO_KEY
    else:
        home.auth({where: {"type": "api", "key": GO_KEY}})
    server.route(GO, Reply({"error": {"message": "Invalid API key"}}, status=401))
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1] == ("- OpenCode Go (sk-g****OKEY): the key was refused (HTTP 401: Invalid API key); "
                                    + hint)
