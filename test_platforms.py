"""Platforms as they are in late 2026: OpenCode 2's credential database and the
newer answer shapes of OpenAI, Zhipu/Z.ai, Google and GitHub."""

import json
import os
import sqlite3
import threading

import pytest

import mystatus
from conftest import Reply
from test_mystatus import (GHO, NOW_TS, OPENAI_ACCESS, OPENAI_USAGE, PAT, ZHIPU_KEY, ZHIPU_QUOTA, copilot_auth,
                           openai_auth, report, zhipu_auth)

M = mystatus.M


def labels(result):
    return [mystatus.translate(q.label, {}) for q in result.quotas]


# OpenCode 2's database ########################################################


def make_db(path, rows, columns=("id", "integration_id", "label", "value", "active", "time_created",
                                 "time_updated")):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE credential (%s)" % ", ".join(columns))
    for row in rows:
        row = dict(row)
        if isinstance(row.get("value"), dict):
            row["value"] = json.dumps(row["value"])
        conn.execute("INSERT INTO credential (%s) VALUES (%s)" % (", ".join(row), ", ".join("?" * len(row))),
                     list(row.values()))
    conn.commit()
    conn.close()
    return path


def oauth_value(access=OPENAI_ACCESS, **metadata):
    return {"type": "oauth", "methodID": "chatgpt", "refresh": "rt-db-refresh-token", "access": access,
            "expires": (NOW_TS + 3600) * 1000, "metadata": metadata}


def test_database_wins_over_a_stale_auth_json(home, server, capsys):
    home.auth(openai_auth(expires=(NOW_TS - 3600) * 1000))  # imported once, expired since
    make_db(home.data / "opencode.db", [
        {"id": "c1", "integration_id": "openai", "value": oauth_value(accountID="acct-db"), "time_updated": 5},
        {"id": "c2", "integration_id": "zai-coding-plan", "value": {"type": "key", "key": ZHIPU_KEY}},
        {"id": "c3", "integration_id": None, "value": {"type": "key", "key": "orphan-key-0123456789"}},
    ])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "## OpenAI account quota" in out and "## Z.ai account quota" in out
    assert server.hits("/openai/usage")[0].header("ChatGPT-Account-Id") == "acct-db"
    assert server.hits("/zai/quota")[0].header("Authorization") == ZHIPU_KEY


def test_database_row_choice_active_then_newest(home, server, capsys):
    older, newer, active = (OPENAI_ACCESS + "-" + n for n in ("older", "newer", "active"))
    make_db(home.data / "opencode.db", [
        {"id": "a", "integration_id": "openai", "value": oauth_value(older), "active": 0, "time_updated": 1},
        {"id": "b", "integration_id": "openai", "value": oauth_value(active), "active": 1, "time_updated": 2},
        {"id": "c", "integration_id": "openai", "value": oauth_value(newer), "active": None, "time_updated": 3},
    ])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    report(capsys)
    assert server.hits("/openai/usage")[0].header("Authorization") == "Bearer " + active


def test_older_database_schema_without_active_takes_the_newest(home, server, capsys):
    make_db(home.data / "opencode.db", [
        {"id": "a", "integration_id": "openai", "value": oauth_value(OPENAI_ACCESS + "-1"), "time_created": 1},
        {"id": "b", "integration_id": "openai", "value": oauth_value(OPENAI_ACCESS + "-2"), "time_created": 2},
    ], columns=("id", "integration_id", "value", "time_created"))
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    report(capsys)
    assert server.hits("/openai/usage")[0].header("Authorization") == "Bearer " + OPENAI_ACCESS + "-2"


def test_opencode_db_variable_and_channel_databases(home, server, capsys, monkeypatch):
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    make_db(home.data / "opencode-beta.db", [{"id": "a", "integration_id": "zai-coding-plan",
                                              "value": {"type": "key", "key": ZHIPU_KEY}}])
    _, out, _ = report(capsys)
    assert "## Z.ai account quota" in out  # no opencode.db: the channel's database
    make_db(home.root / "elsewhere" / "custom.db", [{"id": "a", "integration_id": "zhipuai-coding-plan",
                                                     "value": {"type": "key", "key": ZHIPU_KEY}}])
    monkeypatch.setenv("OPENCODE_DB", str(home.root / "elsewhere" / "custom.db"))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    assert "## Zhipu AI account quota" in out and "## Z.ai" not in out


def test_database_is_never_written_or_added_to(home, server, capsys):
    db = make_db(home.data / "opencode.db", [{"id": "a", "integration_id": "zai-coding-plan",
                                              "value": {"type": "key", "key": ZHIPU_KEY}}])
    before = (sorted(os.listdir(str(home.data))), db.read_bytes(), os.stat(str(db)).st_mtime_ns)
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, _, _ = report(capsys)
    assert status == 0
    assert (sorted(os.listdir(str(home.data))), db.read_bytes(), os.stat(str(db)).st_mtime_ns) == before


def test_a_database_note_is_shown_even_when_nothing_is_configured(home, capsys):
    (home.data / "opencode.db").parent.mkdir(parents=True)
    (home.data / "opencode.db").write_bytes(b"not a database at all" * 100)
    status, out, _ = report(capsys)
    assert status == 4
    assert out.startswith("No AI coding subscription is configured.")
    assert out.splitlines()[-1].startswith("Note: ~/.local/share/opencode/opencode.db: ")


def test_google_account_without_model_quotas_says_so(home, server, capsys):
    from test_mystatus import google_account

    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply({"models": {"tab_flash": {"displayName": "no quota"}}}))
    _, out, _ = report(capsys)
    assert out.splitlines()[2:] == ["### alice@example.com", "", "No model with a quota in the answer"]


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "locked"])
def test_unusable_database_is_a_note_and_auth_json_is_used(home, server, capsys, kind):
    db = home.data / "opencode.db"
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    holder = None
    if kind == "corrupt":
        db.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    elif kind == "foreign":
        conn = sqlite3.connect(str(db))
        conn.execute("CREATE TABLE notes (id, body)")
        conn.commit()
        conn.close()
    else:  # OpenCode holds an exclusive lock while writing
        make_db(db, [{"id": "a", "integration_id": "zhipuai-coding-plan",
                      "value": {"type": "key", "key": "db-key-that-is-locked-away"}}])
        holder = sqlite3.connect(str(db), check_same_thread=False)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE credential SET label = 'x'")
    try:
        status, out, _ = report(capsys, "--timeout", "1")  # the lock is waited for up to min(timeout, 2 s)
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    assert status == 0  # a note, not a failure
    assert "## Zhipu AI account quota" in out
    note = out.splitlines()[-1]
    assert note.startswith("Note: ~/.local/share/opencode/opencode.db: ")
    assert note.endswith("; its credentials are skipped")
    assert server.hits("/zhipu/quota")[0].header("Authorization") == ZHIPU_KEY


# OpenAI #######################################################################

NOW = float(NOW_TS)


def test_openai_weekly_window_in_the_primary_slot_is_named_by_length():
    payload = {"plan_type": "plus", "rate_limit": {"limit_reached": False, "secondary_window": None,
               "primary_window": {"used_percent": 40, "limit_window_seconds": 604800, "reset_at": NOW_TS + 7200}}}
    result = mystatus.parse_openai(payload, NOW)
    (quota,) = result.quotas
    assert labels(result) == ["Weekly limit"]
    assert (quota.window_seconds, quota.resets_at, quota.remaining_percent) == (604800, NOW_TS + 7200, 60)


def test_openai_reset_at_wins_over_reset_after():
    window = {"used_percent": 1, "limit_window_seconds": 18000, "reset_after_seconds": 60, "reset_at": NOW_TS + 999}
    result = mystatus.parse_openai({"rate_limit": {"primary_window": window}}, NOW)
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
    result = mystatus.parse_openai(payload, NOW)
    assert labels(result) == ["3-hour limit", "1-day limit", "Code review: Weekly limit",
                              "GPT-5-Codex-Mini: 5-hour limit"]
    assert [q.id for q in result.quotas] == ["primary", "secondary", "code_review:primary", "GPT-5-Codex-Mini:primary"]
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(payload))
    _, out, _ = report(capsys, "--lang", "zh")
    assert "代码审查：每周限额" in out and "GPT-5-Codex-Mini：5 小时限额" in out and "积分余额：12.50" in out


# Zhipu AI and Z.ai ############################################################


def zhipu(*limits, **data):
    return {"code": 200, "msg": "ok", "success": True, "data": dict(data, limits=list(limits))}


def test_zhipu_windows_named_by_unit_and_number():
    result = mystatus.parse_zhipu(zhipu(
        {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "usage": 100, "currentValue": 10, "percentage": 10},
        {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 30},
        {"type": "TOKENS_LIMIT", "unit": 9, "number": 2, "percentage": 1},
    ), "zai")
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
    (quota,) = mystatus.parse_zhipu(zhipu({"type": "CREDIT_LIMIT", "usage": 100, "remaining": 40}), "zai").quotas
    assert (quota.used, quota.limit, quota.remaining_percent, quota.resets_at) == (60, 100, 40, None)


# Google #######################################################################


def test_google_shows_every_model_with_a_quota_by_display_name():
    payload = {"models": {
        "gemini-3.5-flash-low": {"displayName": "Gemini 3.5 Flash (Low)", "quotaInfo": {"remainingFraction": 0.5}},
        "claude-opus-4-6-thinking": {"displayName": "Claude Opus 4.6 (Thinking)",
                                     "quotaInfo": {"remainingFraction": 0.25, "resetTime": "2026-11-22T17:00:00.5Z"}},
        "gemini-3.1-pro-high": {"displayName": "Gemini 3.1 Pro (High)", "quotaInfo": {}},
        "chat_20706": {"displayName": "internal chat", "isInternal": True, "quotaInfo": {"remainingFraction": 1}},
        "tab_flash_lite": {"displayName": "no quota here"},
        "gemini-3-flash": {"quotaInfo": {"remainingFraction": 1, "resetTime": "not a date"}},
    }}
    result = mystatus.parse_google(payload)
    assert labels(result) == ["G3 Flash", "Claude Opus 4.6 (Thinking)", "Gemini 3.1 Pro (High)",
                              "Gemini 3.5 Flash (Low)"]
    assert [q.remaining_percent for q in result.quotas] == [100, 25, None, 50]  # neither fraction nor reset: unknown
    assert [q.resets_at for q in result.quotas] == [None, NOW_TS + 5 * 3600, None, None]


# GitHub Copilot ###############################################################


def test_copilot_minus_one_is_unlimited_and_negative_remaining_is_overage():
    result = mystatus.parse_copilot_user({"copilot_plan": "pro", "quota_snapshots": {
        "chat": {"entitlement": -1, "remaining": -1},
        "premium_interactions": {"entitlement": 300, "remaining": -7, "overage_permitted": True}}})
    premium, chat = result.quotas
    assert (premium.id, premium.remaining_percent, premium.overage, premium.used, premium.limit) == \
        ("premium_interactions", 0, 7, 300, 300)
    assert (chat.id, chat.unlimited, chat.remaining_percent) == ("chat", True, None)


def test_copilot_token_based_billing_shows_credits_not_zero_of_zero(home, server, capsys):
    user = {"copilot_plan": "business", "token_based_billing": True, "credits_used": 1234.5,
            "quota_reset_date": "2026-12-01",
            "quota_snapshots": {"premium_interactions": {"entitlement": 0, "remaining": 0, "percent_remaining": 0}}}
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply(user))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Account: GitHub Copilot (business)" in out
    assert "AI credits used\nUsed: 1,234.5\n" in out
    assert "0 / 0" not in out and "Limit reached" not in out


def test_copilot_billing_falls_back_to_ai_credits(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "pro+"})
    base = "/github/users/octo/settings/billing/"
    server.route(base + "premium_request/usage", Reply({"message": "Not Found"}, status=404))
    server.route(base + "ai_credit/usage", Reply({"timePeriod": {"year": 2026, "month": 11}, "usageItems": [
        {"product": "copilot", "sku": "Copilot AI Credits", "grossQuantity": 812.25, "unitType": "credits"}]}))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Account: octo (pro+)" in out and "AI credits used\nUsed: 812.25\nResets in: 8d 12h" in out
    premium, credits = server.requests
    assert premium.header("X-GitHub-Api-Version") == "2022-11-28"
    assert credits.header("X-GitHub-Api-Version") == "2026-03-10"
    assert credits.header("Authorization") == "Bearer " + PAT


def test_copilot_billing_with_nothing_used_yet_is_an_estimate_at_zero(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "free"})
    base = "/github/users/octo/settings/billing/"
    server.route(base + "premium_request/usage", Reply({"timePeriod": {"year": 2026, "month": 11}, "usageItems": []}))
    server.route(base + "ai_credit/usage", Reply({"message": "Not Found"}, status=404))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Premium requests\n" + "█" * 30 + " 100% remaining\nUsed: 0 / 50 (estimate)" in out


def test_copilot_billing_uses_the_limit_github_reports():
    payload = {"timePeriod": {"year": 2026, "month": 12}, "usageItems": [
        {"sku": "Copilot Premium Request", "model": "gpt-5", "grossQuantity": 100, "limit": 1000}]}
    (quota,) = mystatus.parse_copilot_premium(payload, "pro").quotas
    assert (quota.used, quota.limit, quota.estimate, quota.remaining_percent) == (100, 1000, False, 90)
    assert quota.resets_at == mystatus.month_start(2027, 1)


def test_copilot_tier_without_a_known_allowance(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "max"})
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply({"usageItems": [
        {"sku": "Copilot Premium Request", "model": "o3", "grossQuantity": 42}]}))
    _, out, _ = report(capsys)
    assert "Premium requests\nUsed: 42\n" in out and "No known monthly allowance for tier max" in out


def test_enterprise_host_and_override():
    ctx = mystatus.Context(urls=dict(mystatus.DEFAULT_URLS), overridden=())
    assert mystatus._github_base(ctx, "https://company.ghe.com/") == "https://api.company.ghe.com"
    assert mystatus._github_base(ctx, None) == "https://api.github.com"
    ctx.overridden = ("MYSTATUS_GITHUB_API_URL",)
    ctx.urls["MYSTATUS_GITHUB_API_URL"] = "http://127.0.0.1:9/gh/"
    assert mystatus._github_base(ctx, "company.ghe.com") == "http://127.0.0.1:9/gh"


def test_enterprise_url_from_the_database(home, server, capsys):
    make_db(home.data / "opencode.db", [{"id": "a", "integration_id": "github-copilot", "value": {
        "type": "oauth", "refresh": GHO, "access": GHO, "expires": 0, "metadata": {"enterpriseUrl": "corp.ghe.com"}}}])
    creds = mystatus.load_credentials(mystatus.Paths.from_env(os.environ), os.environ, {"copilot"}).creds
    assert creds["copilot"][0].oauth.enterprise == "corp.ghe.com"


def test_concurrent_runs_share_nothing(home, server, capsys):
    """Two reports at once (the secrets set is per run, not global)."""
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    paths = mystatus.Paths.from_env(os.environ)
    results = []

    def one():
        results.append(mystatus.build_report(paths, os.environ, {"zhipuai"}, 5, NOW))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.results[0].error for r, _ in results] == [None] * 4
    assert all(secrets == {ZHIPU_KEY} for _, secrets in results)
