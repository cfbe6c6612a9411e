"""GitHub Copilot: the PAT's billing route, OpenCode's OAuth token and its
exchange, every seat type's snapshots, enterprise hosts."""

import json

import mystatus
from conftest import Reply
from payloads import (BILLING, COPILOT_USER, GHO, NOW_TS, OPENAI_USAGE, PAT, TOKEN_BILLED_SEAT, bar, copilot_auth,
                      json_report, make_db, openai_auth, quota_of, report)


def test_copilot_pat_route_reports_premium_requests(home, server, capsys, monkeypatch):
    home.environ["TZ"] = "UTC"  # the reset date is shown in local time
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    home.auth(copilot_auth())  # the PAT route wins when its file is valid
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply(BILLING))
    status, out, _ = report(capsys)
    assert status == 0
    assert out.splitlines() == [
        "## GitHub Copilot account quota",
        "",
        "Account: octo (pro)",
        "",
        "Premium requests",
        "█" * 15 + "░" * 15 + " 50% remaining",
        "Used: 150 / 300 (estimate)",
        "Resets in: 8d 12h (Tue 12-01 00:00)",
        "",
        "Top models: gpt-5 120, claude-sonnet-4.5 30",
        "Period: 2026-11",
    ]
    (request,) = server.requests
    assert request.header("Authorization") == "Bearer " + PAT
    assert request.header("X-GitHub-Api-Version") == "2022-11-28"
    assert request.header("Accept") == "application/vnd.github+json"


def test_copilot_oauth_token_used_directly(home, server, capsys):
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Account: GitHub Copilot (pro)" in out
    assert "Premium requests\n" + "█" * 7 + "░" * 23 + " 23.7% remaining\nUsed: 229 / 300\n" in out
    assert "Chat\nUnlimited" in out
    (request,) = server.requests
    assert request.header("Authorization") == "token " + GHO
    assert request.header("Editor-Version") == "vscode/1.107.0"
    assert request.header("Copilot-Integration-Id") == "vscode-chat"


def test_copilot_cached_session_is_tried_first(home, server, capsys):
    home.auth(copilot_auth(access="tid=cached-session-token", expires=(NOW_TS + 600) * 1000))
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    report(capsys)
    assert [r.header("Authorization") for r in server.requests] == ["Bearer tid=cached-session-token"]


def test_copilot_exchanges_the_token_when_it_is_refused(home, server, capsys):
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply({"message": "Bad credentials"}, status=401),
                 Reply(COPILOT_USER))
    server.route("/github/copilot_internal/v2/token",
                 Reply({"token": "tid=fresh-session;exp=1", "expires_at": NOW_TS + 1800, "refresh_in": 1500}))
    status, out, _ = report(capsys)
    assert status == 0 and "Premium requests" in out
    assert [(r.path, r.header("Authorization")) for r in server.requests] == [
        ("/github/copilot_internal/user", "token " + GHO),
        ("/github/copilot_internal/v2/token", "Bearer " + GHO),
        ("/github/copilot_internal/user", "Bearer tid=fresh-session;exp=1"),
    ]


def test_the_pat_file_is_read_in_the_config_folder_opencode_config_dir_names(home, server, capsys, tmp_path):
    """OPENCODE_CONFIG_DIR: OpenCode's config, and its plugins' files, live
    there; the token file was looked for in ~/.config/opencode only.  Read
    in the first of OpenCode's config folders that has one."""
    folder = tmp_path / "oc-config"
    folder.mkdir()
    home.environ["OPENCODE_CONFIG_DIR"] = str(folder)
    (folder / "copilot-quota-token.json").write_text(json.dumps({"token": PAT, "username": "octo", "tier": "pro"}))
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply(BILLING))
    status, doc = json_report(capsys)
    assert status == 0 and [(p["account"], p["source"]) for p in doc["providers"]] == [
        ("octo", "~/%s" % (folder / "copilot-quota-token.json").relative_to(home.root))]
    # Not there, but where it always was: still read.
    (folder / "copilot-quota-token.json").unlink()
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    status, doc = json_report(capsys)
    assert status == 0 and [(p["account"], p["source"]) for p in doc["providers"]] == [
        ("octo", "~/.config/opencode/copilot-quota-token.json")]


def test_copilot_without_access_explains_the_pat_setup(home, server, capsys):
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply({"message": "Not Found"}, status=404))
    server.route("/github/copilot_internal/v2/token", Reply({"message": "Resource not accessible"}, status=403))
    status, out, _ = report(capsys)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "Failed to query accounts:"
    assert lines[1] == ("- GitHub Copilot: OpenCode's GitHub sign-in has no access to the Copilot quota "
                        "(HTTP 403: Resource not accessible)")
    assert "github.com/settings/tokens?type=beta" in out and '"Plan: Read-only"' in out
    assert "~/.config/opencode/copilot-quota-token.json" in out
    assert '"tier": "pro"' in out and "free, student, pro, pro+, max, business, enterprise" in out
    assert GHO not in out


def test_copilot_overage_and_unlimited(home, server, capsys):
    user = {"copilot_plan": "business", "quota_reset_date": "2026-12-01", "quota_snapshots": {
        "premium_interactions": {"entitlement": 300, "remaining": -12, "percent_remaining": 0,
                                 "overage_count": 12, "unlimited": False},
        "completions": {"entitlement": -1, "remaining": -1, "unlimited": False}}}
    home.auth(copilot_auth())
    server.route("/github/copilot_internal/user", Reply(user))
    status, out, _ = report(capsys)
    assert status == 3
    assert "Over the allowance by 12" in out and "✖ Limit reached" in out
    assert "Completions\nUnlimited" in out


def test_no_copilot_configured_means_no_copilot_anywhere(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Copilot" not in out and "Google" not in out
    assert all(r.path == "/openai/usage" for r in server.requests)


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
    creds = mystatus.load_credentials(mystatus.Paths.from_env(home.environ), home.environ, {"copilot"}).creds
    assert creds["copilot"][0].oauth.enterprise == "corp.ghe.com"


# Seats billed in AI credits, free tiers, the PAT route's account ##############


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
    status, doc = json_report(capsys)
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
    _, doc = json_report(capsys)
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
    _, doc = json_report(capsys)
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
    _, doc = json_report(capsys)
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
    _, doc = json_report(capsys)
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
    _, doc = json_report(capsys)
    assert doc["providers"][0]["top_models"] == [{"model": "gpt-5", "count": 7}]


# The editors' API version, empty buckets, AI credits in either spelling #######


def test_copilot_internal_is_asked_with_the_editors_api_version(home, server, capsys):
    copilot(home, server, COPILOT_USER)
    report(capsys)
    (request,) = server.hits("/github/copilot_internal/user")
    assert request.header("X-GitHub-Api-Version") == "2025-04-01"


def test_a_zero_of_zero_bucket_is_not_a_full_one(home, server, capsys):
    user = {"copilot_plan": "pro", "quota_reset_date": "2026-12-01", "quota_snapshots": {
        "premium_interactions": {"entitlement": 300, "remaining": 150, "percent_remaining": 50},
        "completions": {"entitlement": 0, "remaining": 0, "percent_remaining": 100, "unlimited": False}}}
    copilot(home, server, user)
    status, out, _ = report(capsys)
    assert status == 0
    assert "Completions: not included in the plan" in out and "100% remaining" not in out
    _, doc = json_report(capsys)
    assert [q["id"] for q in doc["providers"][0]["quotas"]] == ["premium_interactions"]


def test_a_free_accounts_chat_and_completions_keep_their_names_under_token_billing(home, server, capsys):
    user = {"login": "newbie", "copilot_plan": "free", "token_based_billing": True,
            "quota_reset_date": "2026-12-11", "quota_snapshots": {
                "chat": {"entitlement": 500, "remaining": 410, "percent_remaining": 82},
                "completions": {"entitlement": 4000, "remaining": 3000, "percent_remaining": 75}}}
    copilot(home, server, user)
    status, out, _ = report(capsys)
    assert status == 0
    assert "Chat\n" + bar(82) + " 82% remaining\nUsed: 90 / 500" in out
    assert "Completions\n" + bar(75) + " 75% remaining\nUsed: 1,000 / 4,000" in out
    assert "AI credits" not in out
    _, doc = json_report(capsys)
    assert {q["id"]: q["unit"] for q in doc["providers"][0]["quotas"]} == {"chat": "requests",
                                                                            "completions": "requests"}


def test_ai_credits_count_copilot_products_only_in_either_spelling(home, server, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "pro+"})
    base = "/github/users/octo/settings/billing/"
    server.route(base + "premium_request/usage", Reply({"message": "Not Found"}, status=404))
    server.route(base + "ai_credit/usage", Reply({"time_period": {"year": 2026, "month": 11}, "usage_items": [
        {"product": "Copilot", "sku": "Copilot AI Credits", "gross_quantity": 800, "unit_type": "credits"},
        {"product": "copilot", "sku": "Copilot AI Credits", "grossQuantity": 12.25},
        {"product": "actions", "sku": "Actions Linux", "gross_quantity": 5000},
        {"product": "packages", "sku": "Copilot-looking storage?", "grossQuantity": 7},
        {"product": None, "sku": "Codespaces compute", "grossQuantity": 99},
        {"product": "copilot", "grossQuantity": "lots"},
        "not an item"]}))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "AI credits used\nUsed: 812.25\n" in out
    _, doc = json_report(capsys)
    assert doc["providers"][0]["period"] == "2026-11"


def test_only_actions_usage_is_no_copilot_credit_usage():
    items = [{"product": "actions", "sku": "Actions Linux", "grossQuantity": 5000}]
    result = mystatus.parse_copilot_credits({"usageItems": items}, "pro")
    assert [q.used for q in result.quotas] == [0]


# Editors' sign-ins as further accounts ########################################


def test_editor_sign_ins_are_further_copilot_accounts(home, server, capsys):
    home.auth(copilot_auth())
    folder = home.root / ".config" / "github-copilot"
    home.write(folder / "apps.json", {
        "github.com:Iv1.b507a08c87ecfe98": {"user": "octo", "oauth_token": "ghu_editortokeneditortoken1234",
                                           "githubAppId": "Iv1.b507a08c87ecfe98"},
        "github.com:same": {"user": "octo", "oauth_token": GHO},  # OpenCode's token again: asked once
        "broken": "not an object"})
    home.write(folder / "hosts.json", {"github.com": {"user": "octo", "oauth_token": "ghu_editortokeneditortoken1234"},
                                       "github.com:empty": {"user": "nobody"}})
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, doc = json_report(capsys)
    assert status == 0, doc
    asked = sorted(r.header("Authorization") for r in server.hits("/github/copilot_internal/user"))
    assert asked == sorted(["token " + GHO, "token ghu_editortokeneditortoken1234"])
    assert sorted(p["source"] for p in doc["providers"]) == [
        "~/.config/github-copilot/apps.json", "~/.local/share/opencode/auth.json"]
    assert (folder / "apps.json").stat().st_mode & 0o222  # still there, never rewritten
    status, out, _ = report(capsys)
    assert "ghu_editortoken" not in out


def test_a_broken_editor_file_is_one_line_and_opencodes_sign_in_still_shows(home, server, capsys):
    home.auth(copilot_auth())
    home.write(home.root / ".config" / "github-copilot" / "hosts.json", "{not json")
    home.write(home.root / ".config" / "github-copilot" / "apps.json",
               {"github.com": {"oauth_token": 12345}})
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, out, _ = report(capsys)
    assert "## GitHub Copilot account quota" in out
    assert "~/.config/github-copilot/hosts.json: not valid JSON" in out
    assert "~/.config/github-copilot/apps.json: github.com.oauth_token is not text" in out
    assert len(server.hits("/github/copilot_internal/user")) == 1


def test_an_enterprise_editor_sign_in_asks_its_own_host():
    found = mystatus.read_copilot_editor({"company.ghe.com:app": {"user": "o", "oauth_token": "ghu_x1234567890"}},
                                         "apps.json")
    assert [(c.enterprise, c.refresh) for c in found] == [("company.ghe.com", "ghu_x1234567890")]
