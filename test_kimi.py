"""Kimi For Coding end to end against the loopback fixture: its four credential
names, windows by length, numbers as text, its plan made readable."""

import pytest

import mystatus
from conftest import Reply
from payloads import KIMI, KIMI_GLOBAL, KIMI_KEY, KIMI_USAGES, json_report, kimi_auth, make_db, report, zh


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


@pytest.mark.parametrize("name, site, other", [
    ("kimi-code-plan-global", KIMI_GLOBAL, KIMI),  # kimi.ai: OpenCode's API base for the global plan
    ("kimi-code-plan-cn", KIMI, KIMI_GLOBAL),
    ("kimi-for-coding", KIMI, KIMI_GLOBAL),  # the names from before the split, when kimi.com served all
    ("kimi-code", KIMI, KIMI_GLOBAL),
])
def test_kimi_reads_all_four_credential_names_each_at_its_own_site(home, server, capsys, name, site, other):
    home.auth(kimi_auth(name=name))
    server.route(site, Reply(KIMI_USAGES))
    server.route(other, Reply(KIMI_USAGES))
    status, out, _ = report(capsys)
    assert status == 0 and "Account: sk-k****KIMI (Intermediate)" in out
    assert len(server.hits(site)) == 1 and server.hits(other) == []  # a key never goes to the other site


def test_the_global_site_refusing_its_key_is_a_failure_not_a_try_elsewhere(home, server, capsys):
    home.auth(kimi_auth(name="kimi-code-plan-global"))
    server.route(KIMI_GLOBAL, Reply({"error": {"message": "Invalid Authentication"}}, status=401))
    server.route(KIMI, Reply(KIMI_USAGES))
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines()[-1] == "- Kimi For Coding (sk-k****KIMI): HTTP 401: Invalid Authentication"
    assert server.hits(KIMI) == []


def test_kimi_api_key_is_asked_at_kimi_com_then_at_kimi_ai_when_refused(home, server, capsys):
    home.environ["KIMI_API_KEY"] = KIMI_KEY
    server.route(KIMI, Reply({"error": {"message": "Invalid Authentication"}}, status=401))
    server.route(KIMI_GLOBAL, Reply(KIMI_USAGES))
    status, document = json_report(capsys)
    (entry,) = document["providers"]
    assert status == 0 and (entry["ok"], entry["source"]) == (True, "env:KIMI_API_KEY")
    assert [len(server.hits(path)) for path in (KIMI, KIMI_GLOBAL)] == [1, 1]
    assert server.hits(KIMI_GLOBAL)[0].header("Authorization") == "Bearer " + KIMI_KEY


def test_kimi_api_key_answered_at_kimi_com_goes_no_further(home, server, capsys):
    home.environ["KIMI_API_KEY"] = KIMI_KEY
    server.route(KIMI, Reply(KIMI_USAGES))
    server.route(KIMI_GLOBAL, Reply(KIMI_USAGES))
    status, _ = json_report(capsys)
    assert status == 0 and len(server.hits(KIMI)) == 1 and server.hits(KIMI_GLOBAL) == []


def test_kimi_api_key_refused_by_both_sites_says_the_last_refusal(home, server, capsys):
    home.environ["KIMI_API_KEY"] = KIMI_KEY
    server.route(KIMI, Reply({"error": {"message": "no such key here"}}, status=401))
    server.route(KIMI_GLOBAL, Reply({"error": {"message": "Invalid Authentication"}}, status=401))
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines()[-1] == "- Kimi For Coding (sk-k****KIMI): HTTP 401: Invalid Authentication"


def test_kimi_api_key_failing_otherwise_at_kimi_com_is_not_sent_on(home, server, capsys):
    home.environ["KIMI_API_KEY"] = KIMI_KEY
    server.route(KIMI, Reply({"message": "boom"}, status=500))
    server.route(KIMI_GLOBAL, Reply(KIMI_USAGES))
    status, out, _ = report(capsys)
    assert status == 1 and "HTTP 500: boom" in out and server.hits(KIMI_GLOBAL) == []


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
    server.route(KIMI_GLOBAL, Reply(KIMI_USAGES))
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
