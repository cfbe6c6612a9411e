"""OpenCode Go, Kimi For Coding and MiniMax Coding Plan end to end against the
loopback fixture: both languages, their error answers, hostile bodies, echoed
secrets, --only and --json, and MiniMax's two meanings of *_usage_count."""

import json

import pytest

import mystatus
from conftest import Reply, run_main
from test_mystatus import NOW_TS, ZHIPU_QUOTA, report, zhipu_auth
from test_platforms import make_db

GO_KEY = "sk-go-0123456789abcdefGOKEY"
KIMI_KEY = "sk-kimi-0123456789abcdefKIMI"
MM_KEY = "mm-intl-0123456789abcdefMMIN"
MM_CN_KEY = "mm-cn-0123456789abcdefMMCN"

GO_USAGE = {"usage": {
    "rolling": {"status": "ok", "percent": 12, "resetsAt": "2026-11-22T14:30:00Z"},
    "weekly": {"status": "ok", "percent": 40, "resetsAt": "2026-11-25T00:00:00.000Z"},
    "monthly": {"status": "ok", "percent": 85.5, "resetsAt": "2026-12-01T00:00:00Z"},
}}

KIMI_USAGES = {
    "user": {"userId": "u-1", "membership": {"level": "LEVEL_INTERMEDIATE"}},
    "usage": {"limit": "2048", "used": "512", "remaining": "1536", "resetTime": "2026-11-27T00:00:00Z"},
    "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                "detail": {"limit": "200", "used": "150", "remaining": "50",
                           "resetTime": "2026-11-22T13:15:00.123456789Z"}}],
}

# One model; the same numbers mean opposite things on the two endpoints.
MM_REMAINS = {
    "model_remains": [{
        "model_name": "MiniMax-M2",
        "current_interval_total_count": 1500, "current_interval_usage_count": 1200,
        "remains_time": 9000 * 1000,  # 2h 30m, in ms
        "current_weekly_total_count": 15000, "current_weekly_usage_count": 6000,
        "weekly_remains_time": 60 * 3600 * 1000,  # 2d 12h
    }],
    "base_resp": {"status_code": 0, "status_msg": "success"},
}

GO, KIMI, MM, MM_CN = "/opencode-go/usage", "/kimi/usages", "/minimax/remains", "/minimax-cn/remains"


def key_auth(name, key):
    return {name: {"type": "api", "key": key}}


def go_auth():
    return key_auth("opencode-go", GO_KEY)


def kimi_auth(name="kimi-code-plan-global", key=KIMI_KEY):
    return key_auth(name, key)


def mm_auth(name="minimax-coding-plan", key=MM_KEY):
    return key_auth(name, key)


def echo_key(status):
    """An answer that repeats the credential it was sent, as some servers do."""
    def reply(handler):
        sent = handler.headers.get("Authorization", "").split()[-1]
        Reply({"message": "key %s is not valid" % sent, "error": sent}, status=status).send(handler)
    return reply


def json_report(capsys, *argv):
    status, out, _ = report(capsys, "--json", *argv)
    return status, json.loads(out)


def zh(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


# OpenCode Go ##################################################################


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
    zh(monkeypatch)
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
    zh(monkeypatch)
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


# Kimi For Coding ##############################################################


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
    zh(monkeypatch)
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


# MiniMax Coding Plan ##########################################################


def test_minimax_international_report_in_english(home, server, capsys):
    home.auth(mm_auth())
    server.route(MM, Reply(MM_REMAINS))
    status, out, err = report(capsys)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "## MiniMax Coding Plan account quota",
        "",
        "Account: mm-i****MMIN",
        "",
        "MiniMax-M2: Current interval",
        "█" * 24 + "░" * 6 + " 80% remaining",
        "Used: 300 / 1,500",
        "Resets in: 2h 30m",
        "",
        "MiniMax-M2: Weekly limit",
        "█" * 12 + "░" * 18 + " 40% remaining",
        "Used: 9,000 / 15,000",
        "Resets in: 2d 12h (Wed 11-25 00:00)",
    ]
    (request,) = server.hits(MM)
    assert request.header("Authorization") == "Bearer " + MM_KEY
    assert server.hits(MM_CN) == []


def test_minimax_china_report_in_chinese(home, server, capsys, monkeypatch):
    zh(monkeypatch)
    home.auth(mm_auth("minimax-china-coding-plan", MM_CN_KEY))
    server.route(MM_CN, Reply(MM_REMAINS))
    status, out, _ = report(capsys)
    assert status == 3  # 80 % of the interval used
    assert out.splitlines() == [
        "## MiniMax Coding Plan 账号额度",
        "",
        "账号：mm-c****MMCN",
        "",
        "MiniMax-M2：当前周期",
        "█" * 6 + "░" * 24 + " 剩余 20%",
        "已用：1,200 / 1,500",
        "重置倒计时：2小时30分钟",
        "⚠ 用量较高：已用 80%",
        "",
        "MiniMax-M2：每周限额",
        "█" * 18 + "░" * 12 + " 剩余 60%",
        "已用：6,000 / 15,000",
        "重置倒计时：2天12小时（11月25日 周三 00:00）",
    ]
    assert server.hits(MM) == [] and len(server.hits(MM_CN)) == 1


@pytest.mark.parametrize("name, path, used, left", [
    # International: *_usage_count is what is LEFT.
    ("minimax-coding-plan", MM, (300, 9000), (80, 40)),
    # China: *_usage_count is what is USED.
    ("minimax-china-coding-plan", MM_CN, (1200, 6000), (20, 60)),
])
def test_minimax_usage_count_means_left_abroad_and_used_in_china(home, server, capsys, name, path, used, left):
    home.auth(mm_auth(name))
    server.route(path, Reply(MM_REMAINS))
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    quotas = entry["quotas"]
    assert [q["id"] for q in quotas] == ["MiniMax-M2:interval", "MiniMax-M2:weekly"]
    assert tuple(q["used"] for q in quotas) == used
    assert tuple(q["remaining_percent"] for q in quotas) == left
    assert [q["limit"] for q in quotas] == [1500, 15000]


def test_minimax_rule_lives_in_one_table_keyed_by_endpoint():
    assert mystatus.MINIMAX_COUNTS == {"MYSTATUS_MINIMAX_URL": "left", "MYSTATUS_MINIMAX_CN_URL": "used"}
    assert set(mystatus.MINIMAX_COUNTS) == set(mystatus.MINIMAX.urls) == set(mystatus.MINIMAX_ENDPOINTS.values())
    intl = mystatus.parse_minimax(MM_REMAINS, "MYSTATUS_MINIMAX_URL", NOW_TS)
    china = mystatus.parse_minimax(MM_REMAINS, "MYSTATUS_MINIMAX_CN_URL", NOW_TS)
    assert [q.used for q in intl.quotas] == [300, 9000] and [q.used for q in china.quotas] == [1200, 6000]


def test_minimax_both_regions_at_once(home, server, capsys):
    home.auth({**mm_auth(), **mm_auth("minimax-china-coding-plan", MM_CN_KEY)})
    server.route(MM, Reply(MM_REMAINS))
    server.route(MM_CN, Reply(MM_REMAINS))
    _, document = json_report(capsys)
    by_account = {e["account"]: [q["used"] for q in e["quotas"]] for e in document["providers"]}
    assert by_account == {"mm-i****MMIN": [300, 9000], "mm-c****MMCN": [1200, 6000]}


def test_minimax_interval_named_by_its_bounds_when_the_answer_has_them(home, server, capsys):
    model = dict(MM_REMAINS["model_remains"][0], start_time=(NOW_TS - 9000) * 1000, end_time=(NOW_TS + 9000) * 1000,
                 current_weekly_total_count=0, current_weekly_usage_count=0)  # no weekly allowance
    home.auth(mm_auth())
    server.route(MM, Reply({"model_remains": [model], "base_resp": {"status_code": 0}}))
    _, document = json_report(capsys)
    (quota,) = document["providers"][0]["quotas"]
    assert (quota["label"], quota["window_seconds"]) == ("MiniMax-M2: 5-hour limit", 18000)


@pytest.mark.parametrize("start, end", [(1000, 19000), (NOW_TS * 1000, NOW_TS * 1000), ("a", "b")])
def test_minimax_interval_bounds_that_make_no_sense_are_not_used(start, end):
    model = dict(MM_REMAINS["model_remains"][0], start_time=start, end_time=end)
    result = mystatus.parse_minimax({"model_remains": [model]}, "MYSTATUS_MINIMAX_URL", NOW_TS)
    assert result.quotas[0].label == mystatus.M("{name}: {window}", name="MiniMax-M2",
                                                window=mystatus.M("Current interval"))
    assert result.quotas[0].window_seconds is None


@pytest.mark.parametrize("reply, message", [
    (Reply({"model_remains": [], "base_resp": {"status_code": 1004, "status_msg": "login fail: invalid api key"}}),
     "API error 1004: login fail: invalid api key"),
    (Reply({"base_resp": {"status_code": "2013", "status_msg": ""}}), "API error 2013: ?"),
    (Reply({"message": "unauthorized"}, status=401), "HTTP 401: unauthorized"),
])
def test_minimax_error_answers(home, server, capsys, reply, message):
    home.auth(mm_auth())
    server.route(MM, reply)
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:", "- MiniMax Coding Plan (mm-i****MMIN): " + message]


@pytest.mark.parametrize("body, message", [
    ([MM_REMAINS], "unexpected answer: remains answer is not an object"),
    ({}, "unexpected answer: model_remains is not a list"),
    ({"model_remains": {"MiniMax-M2": {}}}, "unexpected answer: model_remains is not a list"),
    ({"model_remains": [{"model_name": "M", "current_interval_total_count": "1500",
                         "current_interval_usage_count": "1200"}]}, "unexpected answer: no quota in it"),
    ({"model_remains": [None, 7, {"model_name": ["M"], "current_interval_total_count": 0}]},
     "unexpected answer: no quota in it"),
    ({"model_remains": [], "base_resp": {"status_code": {"nested": True}}},
     "API error {'nested': True}: ?"),
])
def test_minimax_wrong_types_are_one_line(home, server, capsys, body, message):
    home.auth(mm_auth())
    server.route(MM, Reply(body))
    status, out, err = report(capsys)
    assert status == 1 and err == ""
    assert out.splitlines() == ["Failed to query accounts:", "- MiniMax Coding Plan (mm-i****MMIN): " + message]


def test_minimax_odd_numbers_are_shown_as_given_not_hidden(home, server, capsys):
    model = {"model_name": "M", "current_interval_total_count": 100, "current_interval_usage_count": 130,
             "remains_time": -5, "current_weekly_total_count": 10, "current_weekly_usage_count": 2}
    home.auth(mm_auth())
    server.route(MM, Reply({"model_remains": [model]}))
    _, document = json_report(capsys)
    interval, weekly = document["providers"][0]["quotas"]
    assert (interval["remaining_percent"], interval["used"], interval["resets_at"]) == (130, -30, None)
    assert weekly["remaining_percent"] == 20 and weekly["limit_reached"] is False


# What every platform shares ###################################################

ALL_THREE = {**go_auth(), **kimi_auth(), **mm_auth()}


def serve_all_three(server):
    server.route(GO, Reply(GO_USAGE))
    server.route(KIMI, Reply(KIMI_USAGES))
    server.route(MM, Reply(MM_REMAINS))


def test_sections_come_after_copilot_in_this_order(home, server, capsys):
    home.auth({**ALL_THREE, **zhipu_auth()})
    serve_all_three(server)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    titles = [line for line in out.splitlines() if line.startswith("## ")]
    assert titles == ["## Zhipu AI account quota", "## OpenCode Go account quota",
                      "## Kimi For Coding account quota", "## MiniMax Coding Plan account quota"]
    assert mystatus.PROVIDERS[-4:] == ("copilot", "opencode-go", "kimi", "minimax")


def test_only_the_new_ids(home, server, capsys):
    home.auth({**ALL_THREE, **zhipu_auth()})
    serve_all_three(server)
    status, out, _ = report(capsys, "--only", "opencode-go,kimi,minimax")
    assert "Zhipu" not in out and server.hits("/zhipu/quota") == []
    assert out.count("## ") == 3
    status, out, _ = report(capsys, "--only", "KIMI")
    assert [line for line in out.splitlines() if line.startswith("## ")] == ["## Kimi For Coding account quota"]
    assert len(server.hits(GO)) == 1 and len(server.hits(MM)) == 1  # only the first run asked them


def test_json_lists_the_three_in_report_order(home, server, capsys):
    home.auth(ALL_THREE)
    serve_all_three(server)
    status, document = json_report(capsys)
    assert status == 3  # OpenCode Go's monthly window is high
    assert [(e["provider"], e["ok"]) for e in document["providers"]] == [
        ("opencode-go", True), ("kimi", True), ("minimax", True)]


def test_not_configured_stays_silent(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0
    for word in ("OpenCode Go", "Kimi", "MiniMax"):
        assert word not in out
    assert [r.path for r in server.requests] == ["/zhipu/quota"]
    status, document = json_report(capsys)
    assert [e["provider"] for e in document["providers"]] == ["zhipuai"]


def test_nothing_configured_names_the_new_platforms(home, capsys):
    _, out, _ = report(capsys)
    lines = out.splitlines()
    for title in ("OpenCode Go", "Kimi For Coding", "MiniMax Coding Plan"):
        assert "  %-19s ~/.local/share/opencode/auth.json / opencode.db" % title in lines


def test_help_names_the_new_platforms(home, capsys):
    status, out, _ = run_main(capsys, "--help")
    text = " ".join(out.split())
    assert status == 0
    assert "GitHub Copilot, OpenCode Go, Kimi For Coding and MiniMax Coding Plan, from the credentials" in text
    assert "copilot,opencode-go,kimi,minimax" in "".join(out.split())  # --only's choices


@pytest.mark.parametrize("auth, path, key", [
    (go_auth(), GO, GO_KEY), (kimi_auth(), KIMI, KIMI_KEY), (mm_auth(), MM, MM_KEY),
    (mm_auth("minimax-china-coding-plan", MM_CN_KEY), MM_CN, MM_CN_KEY),
])
@pytest.mark.parametrize("status", [401, 403, 500])
def test_an_echoed_key_is_never_printed(home, server, capsys, auth, path, key, status):
    home.auth(auth)
    server.route(path, echo_key(status))
    code, out, _ = report(capsys)
    assert code == 1 and "HTTP %d" % status in out
    assert key not in out and key[:12] not in out
    _, document = json_report(capsys)
    text = json.dumps(document)
    assert document["providers"][0]["ok"] is False and key not in text and key[:12] not in text


def test_a_key_echoed_inside_a_successful_answer_is_never_printed(home, server, capsys):
    home.auth(ALL_THREE)
    server.route(GO, Reply({"usage": {"rolling": {"status": GO_KEY, "percent": 1}}}))
    server.route(KIMI, Reply(dict(KIMI_USAGES, user={"membership": {"level": KIMI_KEY}})))
    server.route(MM, Reply({"model_remains": [dict(MM_REMAINS["model_remains"][0], model_name=MM_KEY)],
                            "base_resp": {"status_code": 0}}))
    _, out, _ = report(capsys)
    _, document = json_report(capsys)
    for key in (GO_KEY, KIMI_KEY, MM_KEY):
        assert key not in out and key not in json.dumps(document)
        assert key.lower() not in out.lower()  # nor re-cased (Kimi's plan is made readable)
    assert out.count("## ") == 3


def test_minimax_error_message_echoing_the_key_is_scrubbed(home, server, capsys):
    home.auth(mm_auth())
    server.route(MM, Reply({"base_resp": {"status_code": 1004, "status_msg": "bad key " + MM_KEY}}))
    _, out, _ = report(capsys)
    assert out.splitlines()[-1] == "- MiniMax Coding Plan (mm-i****MMIN): API error 1004: bad key ****"


@pytest.mark.parametrize("entry, message", [
    ({"opencode-go": {"type": "api"}}, "opencode-go.key is missing"),
    ({"kimi-code": {"type": "api", "key": 42}}, "kimi-code.key is not text"),
    ({"minimax-china-coding-plan": "key"}, "minimax-china-coding-plan is not an object"),
])
def test_broken_credential_entries_name_the_field(home, server, capsys, entry, message):
    home.auth(entry)
    status, out, _ = report(capsys)
    assert status == 1 and message in out
    assert server.requests == []
