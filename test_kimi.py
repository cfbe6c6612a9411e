"""Kimi For Coding end to end against the loopback fixture: its four credential
names, windows by length, numbers as text, its plan made readable."""

import pytest

import mystatus
from conftest import Reply
from payloads import KIMI, KIMI_KEY, KIMI_USAGES, json_report, kimi_auth, make_db, report, zh


def test_kimi_report_in_english(home, server, capsys):
    home.auth(kimi_auth())
    server.route(KIMI, Reply(KIMI_USAGES))
    status, out, err = report(capsys)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "## Kimi For Coding account quota",
        "",
        "Account: sk-k****KIMI (Intermediate)",
        "",
        "5-hour limit",
        "█" * 8 + "░" * 22 + " 25% remaining",
        "Used: 150 / 200",
        "Resets in: 1h 15m",
        "",
        "Weekly limit",
        "█" * 22 + "░" * 8 + " 75% remaining",
        "Used: 512 / 2,048",
        "Resets in: 4d 12h (Fri 11-27 00:00)",
    ]
    (request,) = server.hits(KIMI)
    assert request.header("Authorization") == "Bearer " + KIMI_KEY


def test_kimi_report_in_chinese(home, server, capsys, monkeypatch):
    zh(home)
    home.auth(kimi_auth())
    server.route(KIMI, Reply(KIMI_USAGES))
    _, out, _ = report(capsys)
    lines = out.splitlines()
    assert lines[:8] == ["## Kimi For Coding 账号额度", "", "账号：sk-k****KIMI（Intermediate）", "", "5 小时限额",
                         "█" * 8 + "░" * 22 + " 剩余 25%", "已用：150 / 200", "重置倒计时：1小时15分钟"]
    assert "每周限额" in lines and "重置倒计时：4天12小时（11月27日 周五 00:00）" in lines


@pytest.mark.parametrize("name", ["kimi-code-plan-global", "kimi-code-plan-cn", "kimi-for-coding", "kimi-code"])
def test_kimi_reads_all_four_credential_names(home, server, capsys, name):
    home.auth(kimi_auth(name=name))
    server.route(KIMI, Reply(KIMI_USAGES))
    status, out, _ = report(capsys)
    assert status == 0 and "Account: sk-k****KIMI (Intermediate)" in out


def test_kimi_one_key_under_two_names_is_one_account(home, server, capsys):
    other = "sk-kimi-ffffffffffffffffOTHR"
    home.auth({**kimi_auth("kimi-code-plan-cn"), **kimi_auth("kimi-for-coding"), **kimi_auth("kimi-code", other)})
    server.route(KIMI, Reply(KIMI_USAGES))
    _, out, _ = report(capsys)
    accounts = [line for line in out.splitlines() if line.startswith("Account:")]
    assert sorted(accounts) == ["Account: sk-k****KIMI (Intermediate)", "Account: sk-k****OTHR (Intermediate)"]
    assert len(server.hits(KIMI)) == 2


def test_kimi_from_the_opencode_database(home, server, capsys):
    make_db(home.data / "opencode.db", [{"id": "k", "integration_id": "kimi-code-plan-global",
                                         "value": {"type": "api", "key": KIMI_KEY}}])
    server.route(KIMI, Reply(KIMI_USAGES))
    status, out, _ = report(capsys)
    assert status == 0 and "Account: sk-k****KIMI (Intermediate)" in out


def test_kimi_windows_by_their_length_and_numbers_given_either_way(home, server, capsys):
    usages = {"user": {"membership": {"level": "LEVEL_BASIC_PLUS"}},
              "usage": {"limit": 100, "remaining": "74", "resetTime": "2026-11-27T00:00:00Z"},  # no `used`
              "limits": [
                  {"window": {"duration": 1, "timeUnit": "TIME_UNIT_HOUR"}, "detail": {"limit": "10", "used": "4"}},
                  {"window": {"duration": 2, "timeUnit": "TIME_UNIT_DAY"}, "detail": {"limit": "10", "used": "1"}},
                  {"window": {"duration": 3, "timeUnit": "TIME_UNIT_FORTNIGHT"}, "detail": {"limit": "10",
                                                                                           "used": "0"}},
              ]}
    home.auth(kimi_auth())
    server.route(KIMI, Reply(usages))
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    assert entry["plan"] == "Basic Plus"
    assert [(q["label"], q["window_seconds"], q["used"], q["limit"], q["remaining_percent"])
            for q in entry["quotas"]] == [
        ("1-hour limit", 3600, 4, 10, 60),
        ("2-day limit", 172800, 1, 10, 90),
        ("Usage limit", None, 0, 10, 100),  # a unit we do not know: no length invented
        ("Weekly limit", 604800, 26, 100, 74),
    ]


@pytest.mark.parametrize("body, message", [
    ([KIMI_USAGES], "unexpected answer: usages answer is not an object"),
    ({}, "unexpected answer: no quota in it"),
    ({"usage": {"limit": "lots", "used": "some", "remaining": "few"}, "limits": "none"},
     "unexpected answer: no quota in it"),
    ({"usage": {"limit": "0", "used": "0", "remaining": "0"}, "limits": [None, {"detail": [1]}]},
     "unexpected answer: no quota in it"),
    ({"user": "me", "usage": ["100"], "limits": [{"window": "5h", "detail": {"limit": {}}}]},
     "unexpected answer: no quota in it"),
    ({"user": {"membership": ["LEVEL_X"]}, "limits": [{"window": {"duration": [5], "timeUnit": "TIME_UNIT_HOUR"},
                                                       "detail": {"limit": "10", "used": None}}]},
     "unexpected answer: no quota in it"),
])
def test_kimi_wrong_types_are_one_line(home, server, capsys, body, message):
    home.auth(kimi_auth())
    server.route(KIMI, Reply(body))
    status, out, err = report(capsys)
    assert status == 1 and err == ""
    assert out.splitlines() == ["Failed to query accounts:", "- Kimi For Coding (sk-k****KIMI): " + message]


def test_kimi_window_unit_of_the_wrong_type_names_no_length(home, server, capsys):
    home.auth(kimi_auth())
    server.route(KIMI, Reply({"limits": [{"window": {"duration": 5, "timeUnit": ["TIME_UNIT_HOUR"]},
                                          "detail": {"limit": "10", "used": "5"}}]}))
    status, out, _ = report(capsys)
    assert status == 0 and out.splitlines()[4:7] == ["Usage limit", "█" * 15 + "░" * 15 + " 50% remaining",
                                                     "Used: 5 / 10"]


def test_kimi_refused_key(home, server, capsys):
    home.auth(kimi_auth())
    server.route(KIMI, Reply({"error": {"message": "Invalid Authentication", "type": "invalid_authentication_error"}},
                             status=401))
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1] == "- Kimi For Coding (sk-k****KIMI): HTTP 401: Invalid Authentication"


def test_kimi_plan_is_shown_readably_never_invented(home, server, capsys):
    for level, plan in (("LEVEL_INTERMEDIATE", "Intermediate"), ("LEVEL_BASIC_PLUS", "Basic Plus"),
                        ("LEVEL_", "LEVEL_"), ("VIP", "VIP"), ("LEVEL_TIER2", "LEVEL_TIER2"), (12, None),
                        ("  ", None)):
        payload = dict(KIMI_USAGES, user={"membership": {"level": level}})
        assert mystatus.parse_kimi(payload).plan == plan, level
