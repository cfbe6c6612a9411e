"""Google Antigravity: a token refreshed per account, per-model quotas, pool
quotas from the summary, accounts that fail one by one."""

import json
import threading
import urllib.parse

import pytest

import mystatus
from conftest import Reply
from payloads import (GOOGLE_ACCESS, GOOGLE_AGY_TOKEN, GOOGLE_MODELS, GOOGLE_POOL_MODELS, GOOGLE_POOLS,
                      GOOGLE_POOLS_RESPELT, NOW_TS, bar, google_account, google_agy, json_report, labels, make_db,
                      report)


def test_google_refreshes_the_token_then_shows_each_model(home, server, capsys):
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789", "expires_in": 3599}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, _ = report(capsys)
    assert status == 3  # Claude is 90 % used
    assert out.splitlines() == [
        "## Google Antigravity account quota",
        "",
        "### alice@example.com",
        "G3 Pro           4h 59m                 " + "█" * 20 + "  100%",
        "G3 Image          2d 9h Tue 11-24 21:00 " + "█" * 17 + "░" * 3 + "   85%",
        "G3 Flash              -                 " + "█" * 8 + "░" * 12 + "   40%",
        "Claude               1h                 " + "█" * 2 + "░" * 18 + "   10%  ⚠ High usage: 90% used",
        # the stand-in for G3 Pro, shown under its own name since G3 Pro itself answered
        "gemini-3-pro-low 4h 59m                 " + "█" * 10 + "░" * 10 + "   50%",
    ]
    (token,) = server.hits("/google/token")
    form = urllib.parse.parse_qs(token.body.decode())
    assert form["grant_type"] == ["refresh_token"]
    assert form["refresh_token"] == ["1//refresh-alice-0123456789"]
    assert form["client_id"] == [mystatus.GOOGLE_CLIENT_ID]
    (models,) = server.hits("/google/models")
    assert models.method == "POST"
    assert models.header("Authorization") == "Bearer ya29.access-alice-0123456789"
    assert models.header("User-Agent").startswith("antigravity/")
    assert json.loads(models.body) == {"project": "proj-alice"}


def test_google_accounts_fail_one_by_one(home, server, capsys):
    home.accounts([
        google_account(),
        google_account(email=None, token="1//refresh-second-0123456789", project="proj-2"),
        google_account(email="noproject@example.com", project=None),
        google_account(email="revoked@example.com", token="1//revoked-token-0123456789"),
    ])

    def token(handler, request):
        refresh = urllib.parse.parse_qs(request.body.decode())["refresh_token"][0]
        if "revoked" in refresh:
            Reply({"error": "invalid_grant", "error_description": "Token has been expired or revoked."},
                  status=400).send(handler)
        else:
            Reply({"access_token": "ya29.token-for-" + refresh[-6:], "expires_in": 3599}).send(handler)

    server.route("/google/token", token)
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, _ = report(capsys)
    assert status == 1
    assert "### alice@example.com" in out
    assert "### account 2" in out  # an account without an e-mail is shown, not dropped
    assert ("- Google Antigravity (noproject@example.com): no project id (projectId or managedProjectId); "
            "sign in again with opencode-antigravity-auth") in out
    assert ("- Google Antigravity (revoked@example.com): sign-in refused (HTTP 400: invalid_grant: Token has "
            "been expired or revoked.); sign in again with opencode-antigravity-auth") in out
    assert len(server.hits("/google/token")) == 3  # no call for the account without a project


def test_google_in_chinese_counts_down_in_chinese(home, server, capsys, monkeypatch):
    home.environ["LC_ALL"] = "zh_CN.UTF-8"
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, out, _ = report(capsys)
    assert "## Google Antigravity 账号额度" in out
    assert "4小时59分钟" in out and "2天9小时" in out


def test_google_account_without_model_quotas_says_so(home, server, capsys):
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply({"models": {"tab_flash": {"displayName": "no quota"}}}))
    _, out, _ = report(capsys)
    assert out.splitlines()[2:] == ["### alice@example.com", "", "No model with a quota in the answer"]


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


# Pool quotas ##################################################################


def google(home, server, summary, accounts=None):
    home.accounts(accounts or [google_account()])
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    if summary is not None:
        server.route("/google/summary", summary)


def test_pools_by_window_then_models_unknown_and_exhausted(home, server, capsys):
    google(home, server, Reply({"response": GOOGLE_POOLS}))  # the answer sometimes comes wrapped
    status, out, _ = report(capsys)
    assert status == 3
    assert out.splitlines() == [
        "## Google Antigravity account quota",
        "",
        "### alice@example.com",
        # A reset a day or more away with its weekday, date and time, in a column of its own.
        "Gemini Models · 5h         3h                 " + bar(75, 20) + "   75%",
        "Gemini Models · weekly 4d 12h Fri 11-27 00:00 " + bar(40, 20) + "   40%",
        "Claude Models · 5h     1h 30m                 " + bar(0, 20) + "    0%  ✖ Limit reached",
        "Claude Models · weekly      -                 " + bar(100, 20) + "  100%",
        "G3 Pro                     3h                 " + bar(75, 20) + "   75%",
        "G3 Flash                    -                 " + " " * 20 + "     -",  # unknown: no bar, no figure
        "Claude                 1h 30m                 " + bar(0, 20) + "    0%  ✖ Limit reached",
    ]
    (summary,) = server.hits("/google/summary")
    assert summary.method == "POST" and json.loads(summary.body) == {"project": "proj-alice"}
    assert summary.header("Authorization") == "Bearer " + GOOGLE_ACCESS
    (models,) = server.hits("/google/models")
    assert summary.header("User-Agent") == models.header("User-Agent")
    _, doc = json_report(capsys)
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
        Reply(GOOGLE_POOLS).send(handler)

    def models(handler):
        waited = arrived.wait(8)
        Reply(GOOGLE_POOL_MODELS if waited else {"models": {}}).send(handler)

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
    _, doc = json_report(capsys)
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
    home.environ.pop("MYSTATUS_GOOGLE_SUMMARY_URL")
    monkeypatch.setitem(mystatus.DEFAULT_URLS, "MYSTATUS_GOOGLE_SUMMARY_URL", server.url("/daily/summary"))
    monkeypatch.setattr(mystatus, "GOOGLE_SUMMARY_FALLBACK", server.url("/prod/summary"))
    google(home, server, None)
    server.route("/daily/summary", Reply({"error": {"message": "overloaded"}}, status=500))
    server.route("/prod/summary", Reply(GOOGLE_POOLS))
    _, out, _ = report(capsys)
    assert "Gemini Models · 5h" in out and "Pool quotas unavailable" not in out
    assert [r.path for r in server.requests if r.path.endswith("/summary")] == ["/daily/summary", "/prod/summary"]


def test_managed_project_first_and_disabled_accounts_skipped(home, server, capsys):
    accounts = [dict(google_account(), managedProjectId="managed-alice"),
                dict(google_account(email="off@example.com", token="1//refresh-off-0123456789"), enabled=False),
                dict(google_account(email="bob@example.com", token="1//refresh-bob-0123456789", project=None),
                     managedProjectId="managed-bob")]
    google(home, server, Reply(GOOGLE_POOLS), accounts)
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
    _, doc = json_report(capsys)
    assert [p["account"] for p in doc["providers"]] == ["alice@example.com", "bob@example.com"]
    assert doc["notes"] == ["off@example.com: disabled in ~/.config/opencode/antigravity-accounts.json; not asked"]


# Where the accounts are read ##################################################


def accounts_file(folder, accounts):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "antigravity-accounts.json").write_text(json.dumps({"version": 3, "accounts": accounts}))


def test_accounts_of_every_config_folder_in_order_each_account_once(home, server, capsys, monkeypatch):
    """OPENCODE_CONFIG_DIR, then $XDG_CONFIG_HOME/opencode, then
    ~/.config/opencode: all read; an account in two of them (the same refresh
    token, or the same e-mail and project) is asked once, from the first."""
    custom, xdg = home.root / "custom", home.root / "xdg"
    home.environ["OPENCODE_CONFIG_DIR"] = str(custom)
    home.environ["XDG_CONFIG_HOME"] = str(xdg)
    accounts_file(custom, [google_account(email="first@example.com", token="1//refresh-first-0123456789")])
    accounts_file(xdg / "opencode", [
        google_account(email="FIRST@example.com", token="1//refresh-first-0123456789"),  # the same token
        google_account(email="second@example.com", token="1//refresh-second-0123456789", project="proj-2")])
    accounts_file(home.config, [
        google_account(email="second@example.com", token="1//refresh-newer-0123456789", project="proj-2"),
        google_account(email="third@example.com", token="1//refresh-third-0123456789", project="proj-3")])
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, doc = json_report(capsys)
    assert [(p["account"], p["source"]) for p in doc["providers"]] == [
        ("first@example.com", "~/custom/antigravity-accounts.json"),
        ("second@example.com", "~/xdg/opencode/antigravity-accounts.json"),
        ("third@example.com", "~/.config/opencode/antigravity-accounts.json")]
    assert sorted(urllib.parse.parse_qs(r.body.decode())["refresh_token"][0] for r in server.hits("/google/token")) \
        == ["1//refresh-first-0123456789", "1//refresh-second-0123456789", "1//refresh-third-0123456789"]
    assert doc["errors"] == []


def test_an_account_in_two_config_folders_that_cannot_be_asked_is_said_once(home, server, capsys):
    """The same sign-in copied into two config folders, without its project
    or switched off: one failure or one note, from the first folder, as an
    account that can be asked is asked once.  Each folder said it again."""
    custom = home.root / "custom"
    home.environ["OPENCODE_CONFIG_DIR"] = str(custom)
    accounts = [google_account(email="noproj@example.com", token="1//refresh-noproj-0123456789", project=None),
                dict(google_account(email="off@example.com", token="1//refresh-off-0123456789"), enabled=False)]
    accounts_file(custom, accounts)
    accounts_file(home.config, accounts)
    _, doc = json_report(capsys)
    assert [(e["account"], e["source"]) for e in doc["errors"] + doc["providers"]] == [
        ("noproj@example.com", "~/custom/antigravity-accounts.json")]
    assert doc["notes"] == ["off@example.com: disabled in ~/custom/antigravity-accounts.json; not asked"]
    assert server.hits("/google/token") == []


def test_a_config_folder_without_the_file_is_no_failure_and_the_others_are_read(home, server, capsys, monkeypatch):
    home.environ["OPENCODE_CONFIG_DIR"] = str(home.root / "empty")
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, err = report(capsys, "--verbose")
    assert "### alice@example.com" in out and "Failed" not in out
    assert "~/empty/antigravity-accounts.json: not found" in err
    assert "~/.config/opencode/antigravity-accounts.json: 1 credential: google" in err


def test_the_help_names_each_folder_read(home, capsys, monkeypatch):
    home.environ["OPENCODE_CONFIG_DIR"] = str(home.root / "custom")
    status, out, _ = report(capsys)
    (line,) = [line for line in out.splitlines() if line.startswith("  Google Antigravity")]
    assert status == 4
    assert line.index("~/custom/antigravity-accounts.json") < line.index("~/.config/opencode/antigravity-accounts.json")


# The Google AGY plugin's sign-ins (auth.json, opencode.db) #####################


def refresh_tokens(server):
    return [urllib.parse.parse_qs(r.body.decode())["refresh_token"][0] for r in server.hits("/google/token")]


def test_agy_sign_ins_are_google_accounts_with_the_packed_project(home, server, capsys):
    home.auth({"google-agy": google_agy(metadata={"email": "agy@example.com"}),
               "google-agy-auth": google_agy("1//refresh-agy-two-0123456789|proj-two"),  # no managed project
               "anthropic-not-read": {"type": "api", "key": "sk-ant-api-0123456789"}})
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, doc = json_report(capsys)
    assert [(p["provider"], p["account"], p["source"]) for p in doc["providers"]] == [
        ("google", "agy@example.com", "~/.local/share/opencode/auth.json"),
        ("google", "google-agy-auth", "~/.local/share/opencode/auth.json")]
    assert sorted(refresh_tokens(server)) == ["1//refresh-agy-0123456789", "1//refresh-agy-two-0123456789"]
    # The managed project first, as the plugin sends it; else the project.
    assert sorted(json.loads(r.body)["project"] for r in server.hits("/google/models")) == ["managed-agy", "proj-two"]
    assert "ya29.stored-agy-access" not in json.dumps(doc) and GOOGLE_AGY_TOKEN not in json.dumps(doc)


def test_agy_sign_in_of_opencode_db_is_read(home, server, capsys):
    make_db(home.data / "opencode.db", [{"integration_id": "opencode-agy-auth", "label": "OAuth", "active": 1,
                                         "value": google_agy(GOOGLE_AGY_TOKEN + "||managed-db")}])
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, doc = json_report(capsys)
    (entry,) = doc["providers"]
    assert entry["source"] == "~/.local/share/opencode/opencode.db: OAuth" and entry["ok"] is True
    assert [json.loads(r.body)["project"] for r in server.hits("/google/models")] == ["managed-db"]


def test_an_account_of_both_plugins_is_asked_once_from_the_accounts_file(home, server, capsys):
    home.accounts([google_account(email="alice@example.com", token=GOOGLE_AGY_TOKEN, project="proj-alice")])
    home.auth({"google-agy": google_agy(GOOGLE_AGY_TOKEN + "|proj-alice"),
               # another token, but the same e-mail and project: the same account
               "opencode-agy-auth": google_agy("1//refresh-other-0123456789|proj-alice", email="Alice@example.com")})
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, doc = json_report(capsys)
    assert [(p["account"], p["source"]) for p in doc["providers"]] == [
        ("alice@example.com", "~/.config/opencode/antigravity-accounts.json")]
    assert refresh_tokens(server) == [GOOGLE_AGY_TOKEN]


@pytest.mark.parametrize("entry, error", [
    (google_agy("|proj|managed"), "google-agy.refresh has no refresh token; sign in again "
                                  "(opencode auth login --provider google-agy)"),
    (google_agy("|||"), "google-agy.refresh has no refresh token; sign in again "
                        "(opencode auth login --provider google-agy)"),
    (google_agy(GOOGLE_AGY_TOKEN), "google-agy.refresh has no project id (refreshToken|projectId|managedProjectId); "
                                   "sign in again (opencode auth login --provider google-agy)"),
    (google_agy(GOOGLE_AGY_TOKEN + "| |  "), "google-agy.refresh has no project id (refreshToken|projectId|"
                                             "managedProjectId); sign in again (opencode auth login --provider "
                                             "google-agy)"),
    (google_agy(12345), "google-agy.refresh is not text"),
    (google_agy(None), "google-agy.refresh is missing"),
    (google_agy("1//tok\nen|proj"), "google-agy.refresh has a line break or a character an HTTP header cannot carry"),
])
def test_a_broken_agy_sign_in_is_one_line_naming_the_store_and_the_field(home, server, capsys, entry, error):
    home.auth({"google-agy": entry})
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/auth.json: " + error
    assert server.hits("/google/token") == [] and "Traceback" not in out


@pytest.mark.parametrize("entry", [{"type": "api", "key": "not-a-google-sign-in"}, {"type": "wellknown", "key": "k"}])
def test_an_agy_entry_of_another_kind_is_skipped_without_a_request(home, server, capsys, entry):
    home.auth({"google-agy": entry})
    status, _, err = report(capsys, "--verbose")
    assert status == 4 and server.hits("/google/token") == []
    assert "skipped: Google Antigravity" in err


def test_agy_extra_parts_and_a_junk_email_are_ignored(home, server, capsys):
    home.auth({"google-agy": google_agy(GOOGLE_AGY_TOKEN + "|proj|managed|what|ever", email=["not", "text"])})
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, doc = json_report(capsys)
    assert [p["account"] for p in doc["providers"]] == ["google-agy"]
    assert [json.loads(r.body)["project"] for r in server.hits("/google/models")] == ["managed"]


def test_a_refused_agy_sign_in_says_how_to_sign_in_again_and_nothing_is_written(home, server, capsys):
    auth = home.auth({"google-agy": google_agy()})
    before = (auth.read_bytes(), auth.stat().st_mtime_ns)
    server.route("/google/token", Reply({"error": "invalid_grant", "error_description": "Bad Request"}, status=400))
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1] == ("- Google Antigravity (google-agy): sign-in refused (HTTP 400: invalid_grant: "
                                    "Bad Request); sign in again (opencode auth login --provider google-agy)")
    server.route("/google/token", Reply({"access_token": GOOGLE_ACCESS}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, _ = report(capsys)
    assert status == 3 and "### google-agy" in out
    assert (auth.read_bytes(), auth.stat().st_mtime_ns) == before  # only read, never written back
    assert sorted(p.name for p in auth.parent.iterdir()) == ["auth.json"]


# Pool buckets: spellings, switched off, unknown windows #######################


def test_respelt_windows_keep_their_length_and_pace_a_disabled_bucket_is_unavailable(home, server, capsys):
    google(home, server, Reply(GOOGLE_POOLS_RESPELT))
    status, out, _ = report(capsys)
    assert out.splitlines()[3:9] == [
        "Gemini Models · 5h                         3h                 " + bar(50, 20) + "   50%",
        # switched off: no figure, no bar, not "10% left", no warning
        "Gemini Models · weekly (unavailable)        -                 " + " " * 20 + "     -",
        "Gemini Models · DAILY (length unknown)    12h                 " + bar(80, 20) + "   80%",
        "Claude Models · 5h                         4h                 " + bar(90, 20) + "   90%",
        "Claude Models · weekly                  4d 0h Thu 11-26 12:00 " + bar(60, 20) + "   60%",
        "misc · ? (length unknown)                   -                 " + bar(30, 20) + "   30%",
    ]
    assert status == 3  # the exhausted Claude model; the switched-off bucket is no warning of its own
    _, doc = json_report(capsys)
    quotas = {q["id"]: q for q in doc["providers"][0]["quotas"]}
    five = quotas["pool:gemini-5h:FIVE_HOUR"]
    # 2 h of a 5-hour window gone, half used: at this pace it runs out at 14:00, before the 15:00 reset
    assert (five["window_seconds"], five["projected_empty_at"]) == (18000, "2026-11-22T14:00:00Z")
    assert quotas["pool:claude-weekly:weekly"]["window_seconds"] == 604800
    # The facts are fields, not words in the label: a program reading the JSON
    # sees that the bucket is switched off, not merely that its figure is null.
    off = quotas["pool:gemini-weekly:WEEKLY"]
    assert (off["remaining_percent"], off["limit_reached"], off["resets_at"]) == (None, False, None)
    assert (off["label"], off["unavailable"], off["window_length_unknown"]) == ("Gemini Models · weekly", True, False)
    daily = quotas["pool:gemini-daily:DAILY"]
    assert (daily["window_seconds"], daily["projected_empty_at"], daily["remaining_percent"]) == (None, None, 80)
    assert (daily["label"], daily["unavailable"], daily["window_length_unknown"]) == ("Gemini Models · DAILY",
                                                                                      False, True)
    assert (quotas["pool:misc:?"]["window_seconds"], quotas["pool:misc:?"]["window_length_unknown"]) == (None, True)
    # A window of no fixed length that mystatus does know is not one of unknown length.
    assert [q["id"] for q in quotas.values() if q["window_length_unknown"]] == ["pool:gemini-daily:DAILY",
                                                                               "pool:misc:?"]
    assert [q["id"] for q in quotas.values() if q["unavailable"]] == ["pool:gemini-weekly:WEEKLY"]
    _, out, _ = report(capsys, "--lang", "zh")
    assert "Gemini Models · 每周（不可用）" in out and "Gemini Models · DAILY（时长未知）" in out
    _, out, _ = report(capsys, "--lang", "zh-TW")
    assert "Gemini Models · 每週（無法使用）" in out and "Gemini Models · DAILY（時長未知）" in out


def test_each_format_says_a_bucket_is_off_or_its_window_unknown_in_its_own_way(home, server, capsys):
    google(home, server, Reply(GOOGLE_POOLS_RESPELT))
    # xbar: the switched-off bucket's figure says so; a window's length is
    # nowhere in xbar's lines, so its being unknown is not said either.
    _, out, _ = report(capsys, "--format", "xbar")
    lines = out.splitlines()
    assert "Google Antigravity (alice@example.com) Gemini Models · weekly: unavailable" in lines
    assert [line for line in lines if "DAILY" in line] == [
        "Google Antigravity (alice@example.com) Gemini Models · DAILY: 80% · Resets in: 12h"]
    _, out, _ = report(capsys, "--format", "xbar", "--lang", "zh")
    assert "Google Antigravity (alice@example.com) Gemini Models · 每周: 不可用" in out.splitlines()
    # Prometheus: a gauge of its own, and the quota label the same whether the
    # bucket is on or off, so switching it off does not start a new series.
    _, out, _ = report(capsys, "--format", "prometheus")
    series = 'platform="google",account="alice@example.com",quota="Gemini Models · %s",window_seconds="%s"'
    assert "mystatus_quota_unavailable{%s} 1" % (series % ("weekly", "604800")) in out.splitlines()
    assert "mystatus_quota_unavailable{%s} 0" % (series % ("DAILY", "")) in out.splitlines()
    assert "mystatus_quota_limit_reached{%s} 0" % (series % ("weekly", "604800")) in out.splitlines()
    assert "unavailable)" not in out and "length unknown" not in out
    assert "mystatus_quota_remaining_ratio{%s}" % (series % ("weekly", "604800")) not in out
    # waybar: the tooltip is the text report; the lowest figure is that of a
    # quota in use (Claude's model, used up), never the switched-off bucket's.
    _, out, _ = report(capsys, "--format", "waybar")
    doc = json.loads(out)
    assert "Gemini Models · weekly (unavailable)" in doc["tooltip"]
    assert "Gemini Models · DAILY (length unknown)" in doc["tooltip"]
    assert (doc["percentage"], doc["class"], doc["text"]) == (0, "critical", "Google 0%")


@pytest.mark.parametrize("window, label, seconds", [
    ("5h", "5h", 18000), ("5H", "5h", 18000), ("FIVE_HOUR", "5h", 18000), ("five-hours", "5h", 18000),
    ("5 hours", "5h", 18000), ("24h", "24h", 86400), ("weekly", "weekly", 604800), ("WEEKLY", "weekly", 604800),
    ("SEVEN_DAY", "weekly", 604800), ("7d", "weekly", 604800),
    ("DAILY", "DAILY", None), ("0h", "0h", None), ("99999h", "99999h", None), ("FIVE", "FIVE", None),
    ("", "?", None), (None, "?", None), (5, "?", None), (["5h"], "?", None), ({"h": 5}, "?", None),
])
def test_window_names_in_any_spelling_and_unknown_ones_without_a_length(window, label, seconds):
    (quota,) = mystatus.parse_google_summary({"groups": [{"displayName": "Pool", "buckets": [
        {"bucketId": "b", "window": window, "remainingFraction": 0.5}]}]})
    assert (mystatus.translate(quota.label, {}), quota.window_seconds) == ("Pool · " + label, seconds)
    assert quota.window_length_unknown is (seconds is None)  # the fact, beside the name as sent
    assert quota.remaining_percent == 50 and quota.unavailable is False


@pytest.mark.parametrize("fields, remaining, unavailable", [
    ({"disabled": True}, None, True), ({"disabled": "TRUE"}, None, True),
    ({"disabled": False}, 40, False), ({"disabled": "false"}, 40, False), ({"disabled": None}, 40, False),
    # a flag that says neither: the figure beside it is not trusted either, nor is it said to be off
    ({"disabled": "maybe"}, None, False), ({"disabled": 1}, None, False), ({"disabled": {}}, None, False),
    ({"remainingFraction": "0.25"}, 25, False),  # a number written as text
    ({"remainingFraction": "a lot"}, None, False), ({"remainingFraction": None}, None, False),
    ({"remainingFraction": -0.1}, None, False), ({"remainingFraction": 7}, None, False),
    ({"remainingFraction": True}, None, False), ({"remainingFraction": float("nan")}, None, False),
    ({"remainingFraction": 1e308}, None, False),
])
def test_hostile_bucket_fields_give_the_right_figure_or_unknown(fields, remaining, unavailable):
    bucket = dict({"bucketId": "b", "window": "5h", "remainingFraction": 0.4, "resetTime": "2026-11-22T15:00:00Z"},
                  **fields)
    (quota,) = mystatus.parse_google_summary({"groups": [{"displayName": "Pool", "buckets": [bucket]}]})
    assert (quota.remaining_percent, quota.unavailable) == (remaining, unavailable)
    assert mystatus.translate(quota.label, {}) == "Pool · 5h"  # the state is a field, never part of the name
    assert quota.limit_reached is False and quota.window_length_unknown is False
    if unavailable:  # nothing to wait for while it is off
        assert quota.resets_at is None
