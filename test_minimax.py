"""MiniMax Coding Plan end to end against the loopback fixture: two regions,
and *_usage_count that means what is left abroad and what is used in China."""

import pytest

import mystatus
from conftest import Reply
from payloads import MM, MM_CN, MM_CN_KEY, MM_KEY, MM_REMAINS, NOW_TS, json_report, mm_auth, report, zh


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
    zh(home)
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
    assert mystatus.MINIMAX_COUNTS == {"MYSTATUS_MINIMAX_URL": "left", "MYSTATUS_MINIMAX_LEGACY_URL": "left",
                                       "MYSTATUS_MINIMAX_CN_URL": "used", "MYSTATUS_MINIMAX_CN_LEGACY_URL": "used"}
    assert set(mystatus.MINIMAX_COUNTS) == set(mystatus.MINIMAX.urls)
    assert set(mystatus.MINIMAX_ENDPOINTS.values()) == set(mystatus.MINIMAX_PATHS)
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
     "the key was refused or has expired (MiniMax 1004: login fail: invalid api key); check the MiniMax key"),
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


def test_minimax_error_message_echoing_the_key_is_scrubbed(home, server, capsys):
    home.auth(mm_auth())
    server.route(MM, Reply({"base_resp": {"status_code": 1004, "status_msg": "bad key " + MM_KEY}}))
    _, out, _ = report(capsys)
    assert out.splitlines()[-1] == ("- MiniMax Coding Plan (mm-i****MMIN): the key was refused or has expired "
                                    "(MiniMax 1004: bad key ****); check the MiniMax key")


# The token-plan path, OpenCode's China id, percent-only answers, placeholders ###

LEGACY, LEGACY_CN = "/mystatus_minimax_legacy_url", "/mystatus_minimax_cn_legacy_url"


def test_opencodes_china_id_is_read_and_asked_in_china(home, server, capsys):
    home.auth(mm_auth("minimax-cn-coding-plan", MM_CN_KEY))
    server.route(MM_CN, Reply(MM_REMAINS))
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    assert entry["provider"] == "minimax" and [q["used"] for q in entry["quotas"]] == [1200, 6000]
    assert [r.header("Authorization") for r in server.hits(MM_CN)] == ["Bearer " + MM_CN_KEY]
    assert server.hits(MM) == []


def test_the_defaults_ask_the_token_plan_path_first():
    urls = mystatus.MINIMAX.urls
    assert urls["MYSTATUS_MINIMAX_URL"] == "https://api.minimax.io/v1/token_plan/remains"
    assert urls["MYSTATUS_MINIMAX_CN_URL"] == "https://api.minimaxi.com/v1/token_plan/remains"
    assert urls["MYSTATUS_MINIMAX_LEGACY_URL"].endswith("api.minimax.io/v1/api/openplatform/coding_plan/remains")


@pytest.mark.parametrize("name, new, old", [("minimax-coding-plan", MM, LEGACY),
                                            ("minimax-cn-coding-plan", MM_CN, LEGACY_CN)])
def test_a_404_on_the_new_path_falls_back_to_the_old_one(home, server, capsys, name, new, old):
    home.auth(mm_auth(name))
    server.route(new, Reply({"message": "Not Found"}, status=404))
    server.route(old, Reply(MM_REMAINS))
    status, document = json_report(capsys)
    assert document["providers"][0]["ok"] is True
    assert len(server.hits(new)) == 1 and len(server.hits(old)) == 1


def test_another_error_on_the_new_path_is_not_retried_elsewhere(home, server, capsys):
    home.auth(mm_auth())
    server.route(MM, Reply({"message": "busy"}, status=503))
    status, out, _ = report(capsys)
    assert status == 1 and "HTTP 503" in out and server.hits(LEGACY) == []


def test_percent_only_answers_show_those_percentages_wrapped_and_textual(home, server, capsys):
    """Zero counts beside remaining percentages (as text), all inside `data`."""
    model = {"model_name": "MiniMax-M3", "current_interval_total_count": 0, "current_interval_usage_count": 0,
             "current_interval_remaining_percent": "96", "remains_time": 3600 * 1000,
             "current_weekly_total_count": 0, "current_weekly_usage_count": 0,
             "current_weekly_remaining_percent": 71.5}
    home.auth(mm_auth())
    server.route(MM, Reply({"data": {"model_remains": [model], "base_resp": {"status_code": 0}}}))
    status, document = json_report(capsys)
    quotas = document["providers"][0]["quotas"]
    assert [(q["id"], q["remaining_percent"], q["used"], q["limit"]) for q in quotas] == [
        ("MiniMax-M3:interval", 96, None, None), ("MiniMax-M3:weekly", 71.5, None, None)]
    status, out, _ = report(capsys)
    assert "no quota" not in out and " 96% remaining" in out and "Used:" not in out


def test_a_percentage_wins_over_counts_of_uncertain_meaning():
    model = dict(MM_REMAINS["model_remains"][0], current_interval_remaining_percent=55)
    result = mystatus.parse_minimax({"model_remains": [model]}, "MYSTATUS_MINIMAX_URL", NOW_TS)
    assert result.quotas[0].remaining_percent == 55


@pytest.mark.parametrize("value", [None, "many", -5, 250, True, [], {"x": 1}, "1e400"])
def test_a_bad_percentage_is_unknown_never_a_number(value):
    model = {"model_name": "M", "current_interval_total_count": 0, "current_interval_usage_count": 0,
             "current_interval_remaining_percent": value}
    with pytest.raises(mystatus.MystatusError):  # nothing readable: "no quota in it", not 0 % or 100 %
        mystatus.parse_minimax({"model_remains": [model]}, "MYSTATUS_MINIMAX_URL", NOW_TS)


def test_placeholder_lanes_are_neither_full_nor_empty(home, server, capsys):
    video = {"model_name": "video", "status": 3, "current_interval_total_count": 0,
             "current_interval_usage_count": 0, "current_interval_remaining_percent": 100}
    text = dict(MM_REMAINS["model_remains"][0], status=1)
    home.auth(mm_auth())
    server.route(MM, Reply({"model_remains": [video, text], "base_resp": {"status_code": 0}}))
    _, document = json_report(capsys)
    assert [q["id"] for q in document["providers"][0]["quotas"]] == ["MiniMax-M2:interval", "MiniMax-M2:weekly"]
    only = mystatus.parse_minimax({"model_remains": [video]}, "MYSTATUS_MINIMAX_URL", NOW_TS)
    assert only.quotas == [] and only.notes == [mystatus.M("No lane of this plan is in use yet")]


def test_a_video_lanes_window_comes_from_its_start_and_end(home, server, capsys):
    start = NOW_TS - 3600
    video = {"model_name": "video", "current_interval_total_count": 10, "current_interval_usage_count": 4,
             "start_time": start * 1000, "end_time": str((start + 86400) * 1000)}
    result = mystatus.parse_minimax({"data": {"model_remains": [video]}}, "MYSTATUS_MINIMAX_CN_URL", NOW_TS)
    (quota,) = result.quotas
    assert quota.window_seconds == 86400 and quota.remaining_percent == 60
    assert mystatus.translate(quota.label, {}) == "video: 1-day limit"
    seconds = mystatus.parse_minimax({"model_remains": [dict(video, start_time=start, end_time=start + 86400)]},
                                     "MYSTATUS_MINIMAX_CN_URL", NOW_TS)
    assert seconds.quotas[0].window_seconds == 86400  # bounds in seconds too


@pytest.mark.parametrize("code", [1004, 2049, "2049"])
def test_bad_or_expired_key_in_a_200_is_said_so(home, server, capsys, code):
    home.auth(mm_auth())
    server.route(MM, Reply({"model_remains": [], "base_resp": {"status_code": code, "status_msg": "token expired"}}))
    status, out, _ = report(capsys)
    assert status == 1
    assert "the key was refused or has expired" in out and "no quota" not in out
    assert server.hits(LEGACY) == []


def test_the_variables_key_is_tried_abroad_then_in_china(home, server, capsys, monkeypatch):
    home.environ["MINIMAX_API_KEY"] = MM_CN_KEY
    server.route(MM, Reply({"base_resp": {"status_code": 2049, "status_msg": "invalid api key"}}))
    server.route(MM_CN, Reply(MM_REMAINS))
    _, document = json_report(capsys)
    (entry,) = document["providers"]
    assert entry["ok"] is True and entry["source"] == "env:MINIMAX_API_KEY"
    assert [q["used"] for q in entry["quotas"]] == [1200, 6000]  # China's meaning of the counts
    assert len(server.hits(MM)) == 1 and len(server.hits(MM_CN)) == 1


def test_a_key_refused_in_both_regions_is_one_line(home, server, capsys, monkeypatch):
    home.environ["MINIMAX_API_KEY"] = MM_KEY
    server.route(MM, Reply({"message": "unauthorized"}, status=401))
    server.route(MM_CN, Reply({"base_resp": {"status_code": 1004, "status_msg": "login fail"}}))
    status, out, _ = report(capsys)
    assert status == 1 and "the key was refused or has expired (MiniMax 1004: login fail)" in out
