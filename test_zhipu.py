"""Zhipu AI and Z.ai (one parser, two endpoints): the raw key sent, limits named
by window, API errors in a 200 answer."""

import pytest

import mystatus
from conftest import Reply
from payloads import NOW_TS, ZHIPU_KEY, ZHIPU_QUOTA, bar, json_report, labels, report, zhipu, zhipu_auth


def test_zhipu_report_sends_the_raw_key_and_shows_it_masked(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0
    assert out.splitlines() == [
        "## Zhipu AI account quota",
        "",
        "Account: 9c89****AQVM",
        "",
        "5-hour token limit",
        "█" * 28 + "░" * 2 + " 95% remaining",
        "Used: 0.5M / 10.0M",
        "Resets in: 4h",
        "",
        "Monthly MCP quota",
        "█" * 27 + "░" * 3 + " 90% remaining",
        "Used: 10 / 100",
    ]
    (request,) = server.hits("/zhipu/quota")
    assert request.header("Authorization") == ZHIPU_KEY  # no "Bearer"
    assert request.header("Content-Type") == "application/json"
    assert ZHIPU_KEY not in out


def test_zai_uses_its_own_endpoint(home, server, capsys):
    home.auth(zhipu_auth(name="zai-coding-plan"))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out
    assert server.hits("/zhipu/quota") == [] and len(server.hits("/zai/quota")) == 1


def test_zhipu_error_code_in_a_200_answer_is_an_error(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply({"code": 401, "msg": "Invalid API key", "success": False}))
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:",
                                "- Zhipu AI (9c89****AQVM): API error 401: Invalid API key"]


@pytest.mark.parametrize("key", ["abc", "abcdefgh", "abcdefghijkl", "0123456789abcde"])
def test_short_keys_are_never_shown(home, server, capsys, key):
    home.auth(zhipu_auth(key=key))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    assert "Account: ****" in out
    assert key not in out


def test_mask_key_keeps_four_characters_each_side_of_long_keys():
    assert mystatus.mask_key(ZHIPU_KEY) == "9c89****AQVM"
    assert mystatus.mask_key("x" * 15) == "****"


def test_zhipu_windows_named_by_unit_and_number():
    result = mystatus.parse_zhipu(zhipu(
        {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "usage": 100, "currentValue": 10, "percentage": 10},
        {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 30},
        {"type": "TOKENS_LIMIT", "unit": 9, "number": 2, "percentage": 1},
    ), "MYSTATUS_ZAI_URL")
    assert labels(result) == ["5-hour token limit", "Weekly token limit", "Token limit (2 of unknown unit 9)"]
    assert [q.window_seconds for q in result.quotas] == [18000, 604800, None]
    assert len({q.id for q in result.quotas}) == 3


def test_zhipu_credit_limit_level_and_percentage_alone(home, server, capsys):
    payload = zhipu(
        {"type": "CREDIT_LIMIT", "usage": 2000, "currentValue": 500, "remaining": 1500, "percentage": 25},
        {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 12, "nextResetTime": (NOW_TS + 600) * 1000},
        {"type": "SEARCH_LIMIT", "usage": 50, "currentValue": 5, "percentage": 10},
        level="pro")
    home.auth(zhipu_auth(name="zai-coding-plan"))
    server.route("/zai/quota", Reply(payload))
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[1:] == [
        "Account: 9c89****AQVM (pro)",
        "Credits\n" + "█" * 22 + "░" * 8 + " 75% remaining\nUsed: 500 / 2,000",
        "5-hour token limit\n" + "█" * 26 + "░" * 4 + " 88% remaining\nResets in: 10m",
        "SEARCH_LIMIT limit\n" + "█" * 27 + "░" * 3 + " 90% remaining\nUsed: 5 / 50\n",
    ]
    assert "0.0M" not in out


def test_zhipu_credit_limit_from_remaining_when_current_value_is_missing():
    (quota,) = mystatus.parse_zhipu(zhipu({"type": "CREDIT_LIMIT", "usage": 100, "remaining": 40})).quotas
    assert (quota.used, quota.limit, quota.remaining_percent, quota.resets_at) == (60, 100, 40, None)


# Credit windows ###############################################################


def test_credit_limits_named_by_window_with_top_level_limits_and_name(home, server, capsys):
    payload = {"code": 200, "msg": "ok", "success": True, "level": "pro", "limits": [
        {"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 1000, "currentValue": 250, "percentage": 25,
         "nextResetTime": (NOW_TS + 3600) * 1000},
        {"name": "CREDIT_LIMIT", "unit": 6, "number": 1, "usage": 8000, "currentValue": 4000, "percentage": 50,
         "nextResetTime": (NOW_TS + 3 * 86400) * 1000},
        {"name": "TIME_LIMIT", "usage": 100, "currentValue": 1, "percentage": 1}]}
    home.auth(zhipu_auth(name="zai-coding-plan"))
    server.route("/zai/quota", Reply(payload))
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[1:] == [
        "Account: 9c89****AQVM (pro)",
        "5-hour limit\n" + bar(75) + " 75% remaining\nUsed: 250 / 1,000\nResets in: 1h",
        "Weekly limit\n" + bar(50) + " 50% remaining\nUsed: 4,000 / 8,000\nResets in: 3d 0h (Wed 11-25 12:00)",
        "Monthly MCP quota\n" + bar(99) + " 99% remaining\nUsed: 1 / 100\n",
    ]
    _, doc = json_report(capsys)
    assert [(q["id"], q["label"], q["window_seconds"]) for q in doc["providers"][0]["quotas"]] == [
        ("credits:18000", "5-hour limit", 18000), ("credits:604800", "Weekly limit", 604800),
        ("mcp:2", "Monthly MCP quota", None)]
    _, out, _ = report(capsys, "--lang", "zh")
    assert "5 小时限额" in out and "每周限额" in out


def test_credit_limit_of_an_unknown_unit_says_so():
    (quota,) = mystatus.parse_zhipu({"limits": [{"type": "CREDIT_LIMIT", "unit": 9, "number": 2, "percentage": 5}]},
                                    "MYSTATUS_ZAI_URL").quotas
    assert mystatus.translate(quota.label, {}) == "Credit limit (2 of unknown unit 9)"


@pytest.mark.parametrize("code, shown", [
    ({"reason": "denied"}, 'API error {"reason": "denied"}: Unauthorized'),
    (401.0, "API error 401.0: Unauthorized"),
    ([1, 2], "API error [1, 2]: Unauthorized"),
])
def test_a_code_that_is_not_text_is_still_one_line(home, server, capsys, code, shown):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply({"code": code, "msg": "Unauthorized", "success": False}))
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines()[-1] == "- Zhipu AI (9c89****AQVM): " + shown
    _, doc = json_report(capsys)
    assert doc["providers"][0]["error"] == shown


def test_a_code_that_echoes_the_key_is_scrubbed_and_cut_short(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply({"code": {"key": ZHIPU_KEY, "padding": "x" * 500}, "msg": "no"}))
    for argv in ([], ["--json"]):
        status, out, _ = report(capsys, *argv)
        assert status == 1 and ZHIPU_KEY not in out and "x" * 200 not in out
        assert "API error {\"key\": \"****\", \"padding\": \"xxx" in out.replace('\\"', '"')


def test_a_float_code_200_is_success():
    result = mystatus.parse_zhipu({"code": 200.0, "data": {"limits": []}})
    assert result.quotas == [] and result.error is None
