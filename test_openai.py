"""OpenAI (ChatGPT/Codex): its answer shapes end to end against the loopback
fixture and through parse_openai."""

import json

import pytest

import mystatus
from conftest import Reply
from payloads import NOW_TS, OPENAI_ACCESS, OPENAI_USAGE, bar, json_report, labels, openai_auth, quota_of, report


def test_openai_report_in_english(home, server, capsys):
    home.auth(openai_auth(accountId="acct-team-7"))
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, err = report(capsys)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "## OpenAI account quota",
        "",
        "Account: dev@example.com (team)",
        "",
        "3-hour limit",
        "█" * 26 + "░" * 4 + " 85% remaining",
        "Resets in: 2h 30m",
        "",
        "1-day limit",
        "█" * 23 + "░" * 7 + " 77% remaining",
        "Resets in: 12h",
    ]
    (request,) = server.hits("/openai/usage")
    assert request.header("Authorization") == "Bearer " + OPENAI_ACCESS
    assert request.header("ChatGPT-Account-Id") == "acct-team-7"


def test_openai_account_id_falls_back_to_the_jwt_claim(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    report(capsys)
    assert server.hits("/openai/usage")[0].header("ChatGPT-Account-Id") == "acct-from-jwt"


def test_openai_report_in_simplified_chinese(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_CN.UTF-8"
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 0
    assert "## OpenAI 账号额度" in out
    assert "账号：dev@example.com（team）" in out
    assert "3 小时限额" in out and "1 天限额" in out
    assert "剩余 85%" in out
    assert "重置倒计时：2小时30分钟" in out


def test_expired_openai_token_is_not_sent(home, server, capsys):
    home.auth(openai_auth(expires=(NOW_TS - 60) * 1000))
    status, out, _ = report(capsys)
    assert status == 1
    assert server.hits("/openai/usage") == []
    assert "- OpenAI (dev@example.com): OAuth token expired; use an OpenAI model once in OpenCode to refresh it" in out


def test_limit_reached_and_high_usage_are_different_lines(home, server, capsys, monkeypatch):
    home.environ["TZ"] = "UTC"  # the reset date is shown in local time
    usage = {"plan_type": "plus", "rate_limit": {
        "limit_reached": True,
        "primary_window": {"used_percent": 100, "limit_window_seconds": 18000, "reset_after_seconds": 600},
        "secondary_window": {"used_percent": 82, "limit_window_seconds": 604800, "reset_after_seconds": 86400 * 3},
    }}
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage))
    status, out, _ = report(capsys)
    assert status == 3  # everything answered, but a quota is at or above the threshold
    five_hour, weekly = out.split("\n\n")[2:4]
    assert "5-hour limit" in five_hour and "✖ Limit reached" in five_hour and "High usage" not in five_hour
    assert "Weekly limit" in weekly and "⚠ High usage: 82% used" in weekly and "Limit reached" not in weekly
    assert "Resets in: 3d 0h (Wed 11-25 12:00)" in weekly


def test_usage_below_the_threshold_has_no_warning(home, server, capsys):
    usage = {"plan_type": "plus", "rate_limit": {"limit_reached": False, "primary_window": {
        "used_percent": 79, "limit_window_seconds": 18000, "reset_after_seconds": 600}}}
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage))
    status, out, _ = report(capsys)
    assert status == 0
    assert "High usage" not in out and "Limit reached" not in out


def test_openai_weekly_window_in_the_primary_slot_is_named_by_length():
    payload = {"plan_type": "plus", "rate_limit": {"limit_reached": False, "secondary_window": None,
               "primary_window": {"used_percent": 40, "limit_window_seconds": 604800, "reset_at": NOW_TS + 7200}}}
    result = mystatus.parse_openai(payload, NOW_TS)
    (quota,) = result.quotas
    assert labels(result) == ["Weekly limit"]
    assert (quota.window_seconds, quota.resets_at, quota.remaining_percent) == (604800, NOW_TS + 7200, 60)


def test_openai_reset_at_wins_over_reset_after():
    window = {"used_percent": 1, "limit_window_seconds": 18000, "reset_after_seconds": 60, "reset_at": NOW_TS + 999}
    result = mystatus.parse_openai({"rate_limit": {"primary_window": window}}, NOW_TS)
    assert result.quotas[0].resets_at == NOW_TS + 999


def test_openai_without_rate_limit_is_an_answer(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply({"plan_type": "enterprise", "rate_limit": None,
                                         "spend_control": {"individual_limit": "500 USD"}}))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Account: dev@example.com (enterprise)" in out
    assert "No usage windows for this plan; spend limit: 500 USD" in out


def test_openai_additional_limits_code_review_and_credits(home, server, capsys):
    window = {"used_percent": 50, "limit_window_seconds": 18000, "reset_after_seconds": 3600}
    payload = dict(OPENAI_USAGE,
                   additional_rate_limits=[{"limit_name": "GPT-5-Codex-Mini", "metered_feature": "codex_mini",
                                            "rate_limit": {"primary_window": window, "secondary_window": None}}],
                   code_review_rate_limit={"primary_window": dict(window, limit_window_seconds=604800)},
                   credits={"has_credits": True, "unlimited": False, "balance": "12.50"})
    result = mystatus.parse_openai(payload, NOW_TS)
    assert labels(result) == ["3-hour limit", "1-day limit", "Code review: Weekly limit",
                              "GPT-5-Codex-Mini: 5-hour limit"]
    assert [q.id for q in result.quotas] == ["primary", "secondary", "code_review:primary", "GPT-5-Codex-Mini:primary"]
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(payload))
    _, out, _ = report(capsys, "--lang", "zh")
    assert "代码审查：每周限额" in out and "GPT-5-Codex-Mini：5 小时限额" in out and "积分余额：12.50" in out


# Credit pools #################################################################


def openai_run(home, server, payload):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(payload))


def test_enterprise_pool_in_rate_limit_with_null_windows(home, server, capsys):
    payload = {"plan_type": "enterprise",
               "rate_limit": {"allowed": True, "limit_reached": False, "primary_window": None,
                              "secondary_window": None,
                              "individual_limit": {"limit": "1500", "used": "412.5", "remaining": "1087.5",
                                                   "remaining_percent": "72.5", "reset_at": NOW_TS + 9 * 86400}},
               "credits": {"has_credits": True, "unlimited": False, "balance": "0"}}
    openai_run(home, server, payload)
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[1:] == [
        "Account: dev@example.com (enterprise)",
        "Monthly credits\n" + bar(72.5) + " 72.5% remaining\nUsed: 412.5 / 1,500\nResets in: 9d 0h (Tue 12-01 12:00)\n",
    ]
    assert "Credits balance" not in out  # an empty balance does not stand in for the pool
    _, doc = json_report(capsys)
    quota = quota_of(doc, "openai", "credits")
    assert (quota["label"], quota["used"], quota["limit"], quota["remaining_percent"], quota["unit"]) == \
        ("Monthly credits", 412.5, 1500, 72.5, "credits")
    assert quota["resets_at"] == "2026-12-01T12:00:00Z" and "credits" not in doc["providers"][0]


def test_team_pool_in_spend_control_beside_the_windows(home, server, capsys):
    window = {"used_percent": 20, "limit_window_seconds": 18000, "reset_after_seconds": 3600}
    payload = {"plan_type": "team", "rate_limit": {"primary_window": window, "secondary_window": None},
               "spend_control": {"reached": False,
                                 "individual_limit": {"limit": 1500, "used": 1125, "used_percent": 75,
                                                      "reset_after_seconds": 3 * 86400}}}
    openai_run(home, server, payload)
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[2:] == [
        "5-hour limit\n" + bar(80) + " 80% remaining\nResets in: 1h",
        "Monthly credits\n" + bar(25) + " 25% remaining\nUsed: 1,125 / 1,500\nResets in: 3d 0h (Wed 11-25 12:00)\n",
    ]
    _, doc = json_report(capsys)
    assert [q["id"] for q in doc["providers"][0]["quotas"]] == ["primary", "credits"]
    assert quota_of(doc, "openai", "credits")["remaining_percent"] == 25


def test_top_level_pool_is_found_first_and_a_window_names_it(home, server, capsys):
    payload = {"plan_type": "business",
               "individual_limit": {"limit": 200, "remaining": 150, "limit_window_seconds": 604800,
                                    "resets_at": str(NOW_TS + 7200)},
               "rate_limit": {"primary_window": None, "individual_limit": {"limit": 9, "used": 9}},
               "spend_control": {"individual_limit": {"limit": 8, "used": 8}}}
    openai_run(home, server, payload)
    _, out, _ = report(capsys)
    assert "Credits: Weekly limit\n" + bar(75) + " 75% remaining\nUsed: 50 / 200\nResets in: 2h\n" in out
    assert "/ 9" not in out and "/ 8" not in out
    _, doc = json_report(capsys)
    quota = quota_of(doc, "openai", "credits")
    assert (quota["label"], quota["window_seconds"], quota["used"]) == ("Credits: Weekly limit", 604800, 50)
    _, out, _ = report(capsys, "--lang", "zh")
    assert "积分：每周限额" in out


def test_pool_beside_the_old_scalar_spend_limit_and_the_scalar_alone():
    old = mystatus.parse_openai({"rate_limit": None, "spend_control": {"individual_limit": "500 USD"}}, NOW_TS)
    assert old.spend_limit == "500 USD" and old.quotas == []
    both = mystatus.parse_openai({"rate_limit": None, "individual_limit": {"limit": "10", "used": "2.5"},
                                  "spend_control": {"individual_limit": "500 USD"}}, NOW_TS)
    assert both.spend_limit == "500 USD" and both.notes == []
    assert [(q.id, q.used, q.limit, q.remaining_percent) for q in both.quotas] == [("credits", 2.5, 10, 75)]


@pytest.mark.parametrize("pool", [{}, {"limit": "lots"}, {"used": True}, {"limit": float("nan")}, {"limit": "1e999"}])
def test_a_pool_that_says_nothing_is_left_out(pool):
    result = mystatus.parse_openai({"rate_limit": None, "individual_limit": pool}, NOW_TS)
    assert result.quotas == [] and result.notes


def test_unlimited_credits_are_the_flag_not_a_balance_written_unlimited():
    flag = mystatus.parse_openai({"rate_limit": None, "credits": {"unlimited": True}}, NOW_TS)
    text = mystatus.parse_openai({"rate_limit": None, "credits": {"has_credits": True, "balance": "unlimited"}},
                                 NOW_TS)
    assert flag.credits is mystatus.UNLIMITED and text.credits == "unlimited"
    shown = [mystatus.render_text(mystatus.Report(results=[r]), now=NOW_TS) for r in (flag, text)]
    assert "Credits: unlimited" in shown[0] and "Credits balance: unlimited" in shown[1]
    assert json.loads(mystatus.render_json(mystatus.Report(results=[flag]), now=NOW_TS))["providers"][0][
        "credits"] == "unlimited"


# Limit resets (rate_limit_reset_credits) ######################################


def test_limit_resets_available_are_shown_in_text_and_json(home, server, capsys):
    usage = dict(OPENAI_USAGE, rate_limit_reset_credits={"available_count": 2})
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage))
    status, out, _ = report(capsys)
    assert status == 0
    assert "2 limit resets available" in out.splitlines()
    status, doc = json_report(capsys)
    assert doc["providers"][0]["limit_resets_available"] == 2


def test_one_limit_reset_in_chinese(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_TW.UTF-8"
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(dict(OPENAI_USAGE, rate_limit_reset_credits={"available_count": "1"})))
    status, out, _ = report(capsys)
    assert status == 0 and "可用限額重設 1 次" in out.splitlines()


@pytest.mark.parametrize("value, expected", [
    ({"available_count": 3}, 3),
    ({"available_count": "4"}, 4),  # a number written as text
    ({"available_count": 0}, 0),  # none left: known, and said in JSON only
    ({"available_count": None}, None),
    ({"available_count": -2}, None),
    ({"available_count": 1.5}, None),
    ({"available_count": True}, None),
    ({"available_count": "many"}, None),
    ({"available_count": 1e300}, None),
    ({}, None),
    ("2", None),
    (None, None),
])
def test_limit_resets_from_any_input_are_right_or_unknown(value, expected):
    result = mystatus.parse_openai(dict(OPENAI_USAGE, rate_limit_reset_credits=value), NOW_TS)
    assert result.limit_resets == expected
    assert [q.remaining_percent for q in result.quotas] == [85, 77]  # the windows are untouched


def test_limit_resets_inside_rate_limit_are_read_too():
    usage = dict(OPENAI_USAGE, rate_limit=dict(OPENAI_USAGE["rate_limit"],
                                               rate_limit_reset_credits={"available_count": 5}))
    assert mystatus.parse_openai(usage, NOW_TS).limit_resets == 5


def test_no_limit_resets_line_when_none_are_left(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(dict(OPENAI_USAGE, rate_limit_reset_credits={"available_count": 0})))
    status, out, _ = report(capsys)
    assert status == 0 and "limit reset" not in out
