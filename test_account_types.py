"""The right number for every 2026 account type (issue 15): Copilot seats paid
per credit and the free tier's older answer, OpenAI credit pools, Z.ai credit
windows, Antigravity's pool quotas.  Each shape is a payload of our own making,
checked in the text report and in --json; the older shapes keep their tests."""

import json
import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mystatus
from conftest import Reply
from test_mystatus import (NOW_TS, PAT, ZHIPU_KEY, copilot_auth, google_account, openai_auth, report,
                           zhipu_auth)

FULL, EMPTY = "█", "░"


def document(capsys, *argv):
    """The --json document of a run: (exit status, document)."""
    status, out, _ = report(capsys, "--json", *argv)
    return status, json.loads(out)


def quota_of(doc, provider, qid):
    (entry,) = [p for p in doc["providers"] if p["provider"] == provider]
    (quota,) = [q for q in entry["quotas"] if q["id"] == qid]
    return quota


def bar(percent, width=30):
    filled = round(percent / 100 * width)
    return FULL * filled + EMPTY * (width - filled)


# GitHub Copilot ###############################################################

# An org-managed seat billed per AI credit: every bucket is a placeholder, the
# credits used sit inside the snapshot, the exact reset is the _utc field.
TOKEN_BILLED_SEAT = {
    "login": "octo-dev",
    "copilot_plan": "business",
    "token_based_billing": True,
    "quota_reset_date": "2026-12-02",
    "quota_reset_date_utc": "2026-12-01T00:00:00.000Z",
    "quota_snapshots": {
        "premium_interactions": {"unlimited": True, "entitlement": 0, "remaining": 0, "percent_remaining": 100,
                                 "quota_id": "premium_interactions", "credits_used": 1873.4},
        "chat": {"entitlement": 0, "remaining": 0, "percent_remaining": 100, "quota_id": "chat"},
        "completions": {"unlimited": True, "entitlement": 0, "remaining": 0, "percent_remaining": 100},
    },
}


def copilot(home, server, user):
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply(user))


def test_token_billed_seat_shows_credits_used_not_unlimited_placeholders(home, server, capsys):
    copilot(home, server, TOKEN_BILLED_SEAT)
    status, out, _ = report(capsys)
    assert status == 0
    assert out.splitlines() == [
        "## GitHub Copilot account quota",
        "",
        "Account: octo-dev (business)",  # login is the account, not "GitHub Copilot"
        "",
        "AI credits used",
        "Used: 1,873.4",
        "Resets in: 8d 12h (Tue 12-01 00:00)",  # quota_reset_date_utc, not the later quota_reset_date
    ]
    status, doc = document(capsys)
    (entry,) = doc["providers"]
    assert entry["account"] == "octo-dev" and [q["id"] for q in entry["quotas"]] == ["credits"]
    assert entry["quotas"][0]["used"] == 1873.4 and entry["quotas"][0]["unit"] == "credits"
    assert entry["quotas"][0]["resets_at"] == "2026-12-01T00:00:00Z" and entry["quotas"][0]["unlimited"] is False


def test_token_billed_entitlement_is_a_pool_of_ai_credits_and_quota_remaining_wins(home, server, capsys):
    user = dict(TOKEN_BILLED_SEAT, quota_snapshots={
        # remaining is GitHub's rounded figure; quota_remaining the exact one
        "premium_interactions": {"entitlement": 3000, "remaining": 1127, "quota_remaining": 1126.8,
                                 "unlimited": False, "credits_used": 1873.2},
        "chat": {"unlimited": True, "entitlement": 0, "remaining": 0, "percent_remaining": 100}})
    copilot(home, server, user)
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[2:] == [
        "AI credits\n" + bar(37.56) + " 37.6% remaining\nUsed: 1,873.2 / 3,000\nResets in: 8d 12h (Tue 12-01 00:00)\n"]
    assert "requests" not in out.lower() and "Unlimited" not in out
    _, doc = document(capsys)
    quota = quota_of(doc, "copilot", "premium_interactions")
    assert (quota["label"], quota["used"], quota["limit"], quota["unit"]) == ("AI credits", 1873.2, 3000, "credits")
    assert [q["id"] for q in doc["providers"][0]["quotas"]] == ["premium_interactions"]  # no second credits figure


def test_credits_used_in_the_chat_snapshot_and_unlimited_needs_no_countdown(home, server, capsys):
    user = {"login": "mona", "copilot_plan": "pro", "quota_reset_date": "2026-12-01", "quota_snapshots": {
        "premium_interactions": {"entitlement": 300, "remaining": 0, "quota_remaining": 0.0, "percent_remaining": 0,
                                 "unlimited": False, "overage_permitted": True},
        "chat": {"entitlement": 0, "remaining": 0, "unlimited": True, "credits_used": 12.5}}}
    copilot(home, server, user)
    status, out, _ = report(capsys)
    assert status == 3  # the premium requests are used up
    assert out.split("\n\n")[1:] == [
        "Account: mona (pro)",
        "Premium requests\n" + bar(0) + " 0% remaining\nUsed: 300 / 300\nResets in: 8d 12h (Tue 12-01 00:00)\n"
        "✖ Limit reached",
        "Chat\nUnlimited",  # nothing to count down to
        "AI credits used\nUsed: 12.5\nResets in: 8d 12h (Tue 12-01 00:00)\n",
    ]
    _, doc = document(capsys)
    assert quota_of(doc, "copilot", "credits")["used"] == 12.5
    assert quota_of(doc, "copilot", "chat")["unlimited"] is True


def test_free_tier_older_shape_shows_chat_and_completions_left_of_the_allowance(home, server, capsys):
    user = {"login": "newbie", "copilot_plan": "individual", "access_type_sku": "free_limited_copilot",
            "monthly_quotas": {"chat": 500, "completions": 4000},
            "limited_user_quotas": {"chat": 410, "completions": 3000},
            "limited_user_reset_date": "2026-12-11"}
    copilot(home, server, user)
    status, out, _ = report(capsys)
    assert status == 0
    assert out.split("\n\n")[1:] == [
        "Account: newbie (individual)",
        "Chat\n" + bar(82) + " 82% remaining\nUsed: 90 / 500\nResets in: 18d 12h (Fri 12-11 00:00)",
        "Completions\n" + bar(75) + " 75% remaining\nUsed: 1,000 / 4,000\nResets in: 18d 12h (Fri 12-11 00:00)\n",
    ]
    _, doc = document(capsys)
    chat = quota_of(doc, "copilot", "chat")
    assert (chat["remaining_percent"], chat["used"], chat["limit"], chat["resets_at"]) == \
        (82, 90, 500, "2026-12-11T00:00:00Z")
    assert quota_of(doc, "copilot", "completions")["remaining_percent"] == 75


def test_free_tier_with_snapshots_keeps_them(home, server, capsys):
    """Snapshots that answer win; the older shape fills in only what they lack."""
    result = mystatus.parse_copilot_user({
        "quota_snapshots": {"chat": {"entitlement": 50, "remaining": 25}},
        "monthly_quotas": {"chat": 500, "completions": 2000}, "limited_user_quotas": {"chat": 1, "completions": 0}})
    assert [(q.id, q.limit, q.remaining_percent) for q in result.quotas] == [("chat", 50, 50), ("completions", 2000, 0)]


def test_pat_route_keeps_the_username_as_account(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply({
        "timePeriod": {"year": 2026, "month": 11}, "user": "someone-else", "usageItems": [
            {"sku": "Copilot Premium Request", "model": "gpt-5", "grossQuantity": 3}]}))
    _, out, _ = report(capsys)
    assert "Account: octo (pro)" in out
    _, doc = document(capsys)
    assert doc["providers"][0]["account"] == "octo"


def test_top_models_leave_out_models_with_no_use(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply({
        "timePeriod": {"year": 2026, "month": 11}, "usageItems": [
            {"sku": "Copilot Premium Request", "model": "gpt-5", "grossQuantity": 7},
            {"sku": "Copilot Premium Request", "model": "claude-opus-4.5", "grossQuantity": 0},
            {"sku": "Copilot Premium Request", "model": "o3", "grossQuantity": 0.0}]}))
    _, out, _ = report(capsys)
    assert "Top models: gpt-5 7\n" in out and "claude" not in out and "o3" not in out
    _, doc = document(capsys)
    assert doc["providers"][0]["top_models"] == [{"model": "gpt-5", "count": 7}]


# OpenAI #######################################################################


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
    _, doc = document(capsys)
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
    _, doc = document(capsys)
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
    _, doc = document(capsys)
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


# Zhipu AI and Z.ai ############################################################


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
    _, doc = document(capsys)
    assert [(q["id"], q["label"], q["window_seconds"]) for q in doc["providers"][0]["quotas"]] == [
        ("credits:18000", "5-hour limit", 18000), ("credits:604800", "Weekly limit", 604800),
        ("mcp:2", "Monthly MCP quota", None)]
    _, out, _ = report(capsys, "--lang", "zh")
    assert "5 小时限额" in out and "每周限额" in out


def test_credit_limit_of_an_unknown_unit_says_so():
    (quota,) = mystatus.parse_zhipu({"limits": [{"type": "CREDIT_LIMIT", "unit": 9, "number": 2, "percentage": 5}]},
                                    "zai").quotas
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
    _, doc = document(capsys)
    assert doc["providers"][0]["error"] == shown


def test_a_code_that_echoes_the_key_is_scrubbed_and_cut_short(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply({"code": {"key": ZHIPU_KEY, "padding": "x" * 500}, "msg": "no"}))
    for argv in ([], ["--json"]):
        status, out, _ = report(capsys, *argv)
        assert status == 1 and ZHIPU_KEY not in out and "x" * 200 not in out
        assert "API error {\"key\": \"****\", \"padding\": \"xxx" in out.replace('\\"', '"')


def test_a_float_code_200_is_success():
    result = mystatus.parse_zhipu({"code": 200.0, "data": {"limits": []}}, "zai")
    assert result.quotas == [] and result.error is None


# Google Antigravity ###########################################################

POOLS = {"groups": [
    {"displayName": "Gemini Models", "buckets": [
        {"bucketId": "gemini-5h", "displayName": "Gemini 5-hour", "window": "5h", "remainingFraction": 0.75,
         "resetTime": "2026-11-22T15:00:00Z"},
        {"bucketId": "gemini-weekly", "displayName": "Gemini weekly", "window": "weekly", "remainingFraction": 0.4,
         "resetTime": "2026-11-27T00:00:00Z"}]},
    {"displayName": "Claude Models", "buckets": [
        {"bucketId": "claude-5h", "window": "5h", "resetTime": "2026-11-22T13:30:00Z"},  # no fraction: none left
        {"bucketId": "claude-weekly", "window": "weekly", "remainingFraction": 1}]}]}

MODELS = {"models": {
    "gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 0.75, "resetTime": "2026-11-22T15:00:00Z"}},
    "gemini-3-flash": {"quotaInfo": {}},  # neither fraction nor reset: unknown, not 0 %
    "claude-opus-4-5-thinking": {"quotaInfo": {"resetTime": "2026-11-22T13:30:00Z"}},
}}

ACCESS = "ya29.access-alice-0123456789"


def google(home, server, summary, accounts=None):
    home.accounts(accounts or [google_account()])
    server.route("/google/token", Reply({"access_token": ACCESS}))
    server.route("/google/models", Reply(MODELS))
    if summary is not None:
        server.route("/google/summary", summary)


def test_pools_by_window_then_models_unknown_and_exhausted(home, server, capsys):
    google(home, server, Reply({"response": POOLS}))  # the answer sometimes comes wrapped
    status, out, _ = report(capsys)
    assert status == 3
    assert out.splitlines() == [
        "## Google Antigravity account quota",
        "",
        "### alice@example.com",
        "Gemini Models · 5h         3h " + bar(75, 20) + "   75%",
        "Gemini Models · weekly 4d 12h " + bar(40, 20) + "   40%",
        "Claude Models · 5h     1h 30m " + bar(0, 20) + "    0%  ✖ Limit reached",
        "Claude Models · weekly      - " + bar(100, 20) + "  100%",
        "G3 Pro                     3h " + bar(75, 20) + "   75%",
        "G3 Flash                    - " + " " * 20 + "     -",  # unknown: no bar, no figure, no warning
        "Claude                 1h 30m " + bar(0, 20) + "    0%  ✖ Limit reached",
    ]
    (summary,) = server.hits("/google/summary")
    assert summary.method == "POST" and json.loads(summary.body) == {"project": "proj-alice"}
    assert summary.header("Authorization") == "Bearer " + ACCESS
    (models,) = server.hits("/google/models")
    assert summary.header("User-Agent") == models.header("User-Agent")
    _, doc = document(capsys)
    quotas = doc["providers"][0]["quotas"]
    assert [(q["id"], q["remaining_percent"], q["window_seconds"], q["limit_reached"]) for q in quotas] == [
        ("pool:gemini-5h:5h", 75, 18000, False), ("pool:gemini-weekly:weekly", 40, 604800, False),
        ("pool:claude-5h:5h", 0, 18000, True), ("pool:claude-weekly:weekly", 100, 604800, False),
        ("gemini-3-pro-high", 75, None, False), ("gemini-3-flash", None, None, False),
        ("claude-opus-4-5-thinking", 0, None, True)]
    assert quotas[0]["label"] == "Gemini Models · 5h" and quotas[1]["resets_at"] == "2026-11-27T00:00:00Z"
    _, out, _ = report(capsys, "--lang", "zh")
    assert "Gemini Models · 5小时" in out and "Claude Models · 每周" in out


def test_summary_is_asked_at_the_same_time_as_the_models(home, server, capsys):
    """The models answer waits for the summary request to arrive: asked one
    after the other, it never would, and the models would answer late."""
    arrived = threading.Event()

    def summary(handler):
        arrived.set()
        Reply(POOLS).send(handler)

    def models(handler):
        waited = arrived.wait(8)
        Reply(MODELS if waited else {"models": {}}).send(handler)

    google(home, server, summary)
    server.route("/google/models", models)
    _, out, _ = report(capsys, "--timeout", "9")
    assert arrived.is_set() and "G3 Pro" in out and "Gemini Models · 5h" in out


@pytest.mark.parametrize("reply, note", [
    (Reply({"error": {"code": 503, "message": "backend unavailable"}}, status=503),
     "Pool quotas unavailable (HTTP 503: backend unavailable); showing the per-model quotas alone"),
    (Reply(raw="not json"), "Pool quotas unavailable (answer is not valid JSON: not json); "
                            "showing the per-model quotas alone"),
    (Reply({"groups": []}), "No pool quota in the answer; showing the per-model quotas alone"),
    (Reply({"response": {"groups": "none"}}),
     "Pool quotas unavailable (unexpected answer: groups is not a list); showing the per-model quotas alone"),
])
def test_failed_or_absent_summary_leaves_the_models_with_a_note(home, server, capsys, reply, note):
    google(home, server, reply)
    status, out, _ = report(capsys)
    assert status == 3  # the exhausted Claude model still counts
    lines = out.splitlines()
    assert lines[3].startswith("G3 Pro ") and lines[-1] == note and lines[-2] == ""
    _, doc = document(capsys)
    assert doc["providers"][0]["ok"] is True and doc["providers"][0]["notes"] == [note]
    assert [q["id"] for q in doc["providers"][0]["quotas"]][0] == "gemini-3-pro-high"


def test_a_summary_route_that_does_not_exist_is_no_pool_quota(home, server, capsys):
    """404 on every host: no pool quota offered (as before 2026-05); the report
    is the per-model one of before, without a note."""
    google(home, server, None)
    _, out, _ = report(capsys)
    assert out.splitlines()[-1].startswith("Claude ") and "Pool" not in out


def test_summary_hosts_daily_then_production_unless_overridden(home, server, capsys, monkeypatch):
    ctx = mystatus.Context(urls=dict(mystatus.DEFAULT_URLS), overridden=())
    assert mystatus._google_summary_urls(ctx) == [
        "https://daily-cloudcode-pa.googleapis.com/v1internal:retrieveUserQuotaSummary",
        "https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuotaSummary"]
    ctx.overridden = ("MYSTATUS_GOOGLE_SUMMARY_URL",)
    ctx.urls["MYSTATUS_GOOGLE_SUMMARY_URL"] = "http://127.0.0.1:9/summary"
    assert mystatus._google_summary_urls(ctx) == ["http://127.0.0.1:9/summary"]
    # Not overridden: the daily host fails, production answers (both on the loopback here).
    monkeypatch.delenv("MYSTATUS_GOOGLE_SUMMARY_URL")
    monkeypatch.setitem(mystatus.DEFAULT_URLS, "MYSTATUS_GOOGLE_SUMMARY_URL", server.url("/daily/summary"))
    monkeypatch.setattr(mystatus, "GOOGLE_SUMMARY_FALLBACK", server.url("/prod/summary"))
    google(home, server, None)
    server.route("/daily/summary", Reply({"error": {"message": "overloaded"}}, status=500))
    server.route("/prod/summary", Reply(POOLS))
    _, out, _ = report(capsys)
    assert "Gemini Models · 5h" in out and "Pool quotas unavailable" not in out
    assert [r.path for r in server.requests if r.path.endswith("/summary")] == ["/daily/summary", "/prod/summary"]


def test_managed_project_first_and_disabled_accounts_skipped(home, server, capsys):
    accounts = [dict(google_account(), managedProjectId="managed-alice"),
                dict(google_account(email="off@example.com", token="1//refresh-off-0123456789"), enabled=False),
                dict(google_account(email="bob@example.com", token="1//refresh-bob-0123456789", project=None),
                     managedProjectId="managed-bob")]
    google(home, server, Reply(POOLS), accounts)
    status, out, _ = report(capsys)
    assert status == 3
    assert "### alice@example.com" in out and "### bob@example.com" in out and "### off@example.com" not in out
    assert out.splitlines()[-1] == ("Note: off@example.com: disabled in ~/.config/opencode/antigravity-accounts.json; "
                                    "not asked")
    assert sorted(json.loads(r.body)["project"] for r in server.hits("/google/models")) == \
        ["managed-alice", "managed-bob"]
    assert sorted(json.loads(r.body)["project"] for r in server.hits("/google/summary")) == \
        ["managed-alice", "managed-bob"]
    assert len(server.hits("/google/token")) == 2  # the disabled account is not asked
    _, doc = document(capsys)
    assert [p["account"] for p in doc["providers"]] == ["alice@example.com", "bob@example.com"]
    assert doc["notes"] == ["off@example.com: disabled in ~/.config/opencode/antigravity-accounts.json; not asked"]


# Numbers ######################################################################


@pytest.mark.parametrize("value, unit, shown", [
    (1873.4, "credits", "1,873.4"), (2000, "credits", "2,000"), (12345.5, "credits", "12,345.5"),
    (1500000, "credits", "1,500,000"), (-25000, "credits", "-25,000"), (12345, "requests", "12,345"),
    (812.25, "credits", "812.25"), (0.004, "credits", "0"), (500000, "tokens", "0.5M"),
])
def test_amounts_group_thousands_and_drop_trailing_zeros(value, unit, shown):
    assert mystatus.amount(value, unit) == shown


# Hostile answers of the new shapes ############################################

KEYS = ["login", "token_based_billing", "quota_snapshots", "premium_interactions", "chat", "credits_used",
        "entitlement", "remaining", "quota_remaining", "unlimited", "quota_reset_date_utc", "monthly_quotas",
        "limited_user_quotas", "limited_user_reset_date", "individual_limit", "rate_limit", "spend_control",
        "limit", "used", "remaining_percent", "used_percent", "reset_at", "resets_at", "reset_after_seconds",
        "limit_window_seconds", "code", "limits", "type", "name", "unit", "number", "response", "groups",
        "buckets", "bucketId", "displayName", "window", "remainingFraction", "resetTime", "data"]
SHAPED = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(
        ["CREDIT_LIMIT", "5h", "weekly", "412.5", "nan", "2026-12-01T00:00:00Z", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    max_leaves=40)


@settings(deadline=None)  # max_examples: the profile (conftest)
@given(payload=SHAPED, which=st.integers(0, 3))
def test_new_shapes_give_a_result_or_a_clean_error(payload, which):
    parsers = [mystatus.parse_copilot_user, lambda p: mystatus.parse_openai(p, NOW_TS),
               lambda p: mystatus.parse_zhipu(p, "zai"),
               lambda p: mystatus.Result(provider="google", quotas=mystatus.parse_google_summary(p))]
    try:
        result = parsers[which](payload)
    except mystatus.MystatusError as exc:
        assert isinstance(exc.msg, mystatus.Msg)
        return
    report_ = mystatus.Report(results=[result])
    text = mystatus.render_text(report_, now=NOW_TS)
    # No number may print as NaN (a login or a label may well be the word "nan").
    assert not re.search(r"\bnan(%| /|$)", text.lower(), re.M)
    assert json.loads(mystatus.render_json(report_, now=NOW_TS))["schema"] == 1
