"""Every platform's canned answers and credentials, in one place, by platform,
and the one way the tests run a report (at a fixed clock, in UTC).

Not a test file: the platform test files (test_<platform>.py) and the
cross-cutting ones (hostile input, stores, the terminal) import from here."""

import json
import sqlite3

import mystatus
from conftest import PATHS, Reply, jwt, run_main


# The clock ####################################################################


NOW = "2026-11-22 12:00:00"  # every report below is read at this instant (UTC)

NOW_TS = 1795348800  # the same instant as a Unix time

# Expiry stamps in milliseconds, as OpenCode and Claude Code keep them.
LATER = (NOW_TS + 3600) * 1000  # an hour after the clock
EARLIER = (NOW_TS - 60) * 1000  # a minute before it


def report(capsys, *argv):
    # The clock handed to main(), not patched: freezegun's patching scans every
    # loaded module on each start, which was a fifth of the suite's time.
    return run_main(capsys, *argv, now=NOW_TS)


def json_report(capsys, *argv):
    status, out, _ = report(capsys, "--json", *argv)
    return status, json.loads(out)


def quota_of(doc, provider, qid):
    (entry,) = [p for p in doc["providers"] if p["provider"] == provider]
    (quota,) = [q for q in entry["quotas"] if q["id"] == qid]
    return quota


FULL, EMPTY = "█", "░"


def bar(percent, width=30):
    filled = round(percent / 100 * width)
    return FULL * filled + EMPTY * (width - filled)


def labels(result):
    return [mystatus.translate(q.label, {}) for q in result.quotas]


def zh(home):
    home.environ["LANG"] = "zh_CN.UTF-8"


# What an empty HOME prints: every platform of the table, in report order, and
# every source of its credentials (OpenCode's stores, its config's apiKey, its
# own files and variables), where OpenCode's stores are, and how to sign in.
# Today's platforms' sources are written out; a platform added since is
# expected to show what its row declares (test_nothing_configured.py checks
# the rows' sources one by one), so adding one changes nothing here.
NOTHING_CONFIGURED_SOURCES = {
    "openai": "auth.json, opencode.db, ~/.codex/auth.json",
    "anthropic": "auth.json, opencode.db, ~/.claude/.credentials.json",
    "zhipuai": "auth.json, opencode.db, opencode.json, ZHIPU_API_KEY",
    "zai": "auth.json, opencode.db, opencode.json, ZAI_API_KEY, ZHIPU_API_KEY",
    "google": "auth.json, opencode.db, ~/.config/opencode/antigravity-accounts.json",
    "copilot": "auth.json, opencode.db, opencode.json, ~/.config/opencode/copilot-quota-token.json",
    "opencode-go": "auth.json, opencode.db, opencode.json, OPENCODE_API_KEY",
    "kimi": "auth.json, opencode.db, opencode.json, KIMI_API_KEY",
    "minimax": "auth.json, opencode.db, opencode.json, MINIMAX_API_KEY",
}


def takes_a_key(platform):
    """Whether its read() makes a credential of an API key entry: then an
    apiKey in OpenCode's config is one for it too."""
    try:
        return platform.read(platform.auth_keys[0], {"type": "api", "key": "k" * 32}, "", platform.id) is not None
    except mystatus.MystatusError:
        return False


def declared_sources(platform):
    """A row's sources as the nothing-configured text names them: OpenCode's
    stores (and its config's apiKey, when it takes a key), its own files, its
    variables."""
    paths = mystatus.Paths.from_env({"HOME": "~"}, look=False)
    sources = []
    for where, path in platform.file_paths(paths):
        if where is mystatus.opencode_stores:
            sources += ["auth.json", "opencode.db"] + (["opencode.json"] if takes_a_key(platform) else [])
        else:
            sources.append(paths.show(path))
    return ", ".join(sources + list(platform.env_keys))


def nothing_configured_line(platform):
    """The platform's line: its title in a column as wide as the longest."""
    column = max(len(p.title) for p in mystatus.PLATFORMS)
    sources = NOTHING_CONFIGURED_SOURCES.get(platform.id) or declared_sources(platform)
    return "  %-*s %s" % (column, platform.title, sources)


NOTHING_CONFIGURED = ["No AI coding subscription is configured. mystatus reads:"] + [
    nothing_configured_line(p) for p in mystatus.PLATFORMS] + [
    "auth.json, opencode.db: OpenCode's sign-ins and keys, in ~/.local/share/opencode",
    "opencode.json: provider.<id>.options.apiKey in ~/.config/opencode/config.json, opencode.json, opencode.jsonc",
    "Sign in (or add a key) by running opencode auth login, or with the platform's plugin or own tool, then run "
    "mystatus again.",
]


# OpenAI #######################################################################


OPENAI_ACCESS = jwt({
    "https://api.openai.com/profile": {"email": "dev@example.com"},
    "https://api.openai.com/auth": {"chatgpt_account_id": "acct-from-jwt"},
})

OPENAI_USAGE = {
    "plan_type": "team",
    "rate_limit": {
        "limit_reached": False,
        "primary_window": {"used_percent": 15, "limit_window_seconds": 10800, "reset_after_seconds": 9000},
        "secondary_window": {"used_percent": 23, "limit_window_seconds": 86400, "reset_after_seconds": 43200},
    },
}


def openai_auth(**extra):
    entry = {"type": "oauth", "refresh": "rt-openai-refresh-token", "access": OPENAI_ACCESS,
             "expires": (NOW_TS + 3600) * 1000}
    entry.update(extra)
    return {"openai": entry}


# 85 % of a 5-hour window used: at or above the default threshold of 80.
OPENAI_HIGH = {"plan_type": "plus", "rate_limit": {"limit_reached": False, "primary_window": {
    "used_percent": 85, "limit_window_seconds": 18000, "reset_after_seconds": 3600}}}

# A weekly window 90 % used after 4 of its 7 days: at that rate the last 10 %
# lasts 4 d / 9 = 10 h 40 m, and the reset is 3 d away (2 d 13 h 20 m later).
OPENAI_PACED = {"plan_type": "plus", "rate_limit": {
    "limit_reached": False,
    "primary_window": {"used_percent": 15, "limit_window_seconds": 10800, "reset_after_seconds": 9000},
    "secondary_window": {"used_percent": 90, "limit_window_seconds": 604800, "reset_after_seconds": 3 * 86400},
}}

# A reset at 2026-11-24 20:15 UTC (a Tuesday): Wednesday 04:15 in Shanghai.
OPENAI_LATE_RESET = {"plan_type": "plus", "rate_limit": {"limit_reached": False, "secondary_window": {
    "used_percent": 10, "limit_window_seconds": 604800, "reset_after_seconds": 2 * 86400 + 8 * 3600 + 900}}}


# Codex CLI's sign-in (~/.codex/auth.json): the same OpenAI account, another file.

CODEX_ACCOUNT = "acct-codex-1234"

CODEX_ID_TOKEN = jwt({"email": "codex@example.com", "sub": "user-codex"})


def codex_access(exp=NOW_TS + 3600, email="codex@example.com", account=CODEX_ACCOUNT):
    return jwt({"https://api.openai.com/profile": {"email": email},
                "https://api.openai.com/auth": {"chatgpt_account_id": account}, "exp": exp})


def codex_auth(access=None, account=CODEX_ACCOUNT, refresh="rt-codex-refresh-token-0123", api_key=None):
    return {"OPENAI_API_KEY": api_key,
            "tokens": {"id_token": CODEX_ID_TOKEN, "access_token": access or codex_access(),
                       "refresh_token": refresh, "account_id": account},
            "last_refresh": "2026-11-20T08:00:00.000000Z"}


def write_codex(home, content, folder=None):
    return home.write((folder or home.root / ".codex") / "auth.json", content)


# Anthropic Claude #############################################################


CLAUDE_URL = PATHS["MYSTATUS_CLAUDE_URL"]

CLAUDE_ACCESS = "sk-ant-oat01-AAAAaaaa0123456789-accessTOKEN_one"
CLAUDE_REFRESH = "sk-ant-ort01-BBBBbbbb0123456789-refreshTOKEN_one"
CLAUDE_ACCESS2 = "sk-ant-oat01-CCCCcccc0123456789-accessTOKEN_two"
CLAUDE_REFRESH2 = "sk-ant-ort01-DDDDdddd0123456789-refreshTOKEN_two"
CLAUDE_API_KEY = "sk-ant-api03-EEEEeeee0123456789-apikey_secret"

# As public captures show the answer (2026-09): the flat windows, the older
# per-model fields, the newer limits[] list and extra usage (in cents).
CLAUDE_USAGE = {
    "five_hour": {"utilization": 24.0, "resets_at": "2026-11-22T14:59:59.600956+00:00"},
    "seven_day": {"utilization": 36.0, "resets_at": "2026-11-25T06:59:59.600974+00:00"},
    "seven_day_opus": None,
    "seven_day_sonnet": {"utilization": 1.0, "resets_at": "2026-11-25T06:59:59Z"},
    "seven_day_oauth_apps": None,
    "limits": [
        {"kind": "session", "group": "session", "percent": 24, "severity": "normal",
         "resets_at": "2026-11-22T14:59:59Z", "scope": None, "is_active": False},
        {"kind": "weekly_all", "group": "weekly", "percent": 36, "severity": "normal",
         "resets_at": "2026-11-25T06:59:59Z", "scope": None, "is_active": False},
        {"kind": "weekly_scoped", "group": "weekly", "percent": 77, "severity": "warning",
         "resets_at": "2026-11-25T06:59:59Z", "scope": {"model": {"id": None, "display_name": "Fable"},
                                                        "surface": None}, "is_active": True},
    ],
    "extra_usage": {"is_enabled": True, "monthly_limit": 5000, "used_credits": 1250, "utilization": 25.0,
                    "currency": "USD"},
}


def claude_auth(access=CLAUDE_ACCESS, refresh=CLAUDE_REFRESH, expires=LATER):
    """OpenCode's `anthropic` sign-in, as auth.json keeps it."""
    return {"anthropic": {"type": "oauth", "access": access, "refresh": refresh, "expires": expires}}


def claude_code(access=CLAUDE_ACCESS, refresh=CLAUDE_REFRESH, expires=LATER,
                scopes=("user:inference", "user:profile"), plan="max"):
    """Claude Code's own sign-in, as ~/.claude/.credentials.json keeps it."""
    return {"claudeAiOauth": {"accessToken": access, "refreshToken": refresh, "expiresAt": expires,
                              "scopes": list(scopes), "subscriptionType": plan}}


def write_claude_code(home, content, folder=None):
    return home.write((folder or home.root / ".claude") / ".credentials.json", content)


# Zhipu AI and Z.ai ############################################################


ZHIPU_KEY = "9c89f0a1b2c3d4e5f60718293a4b5c6d.Xyz012AQVM"

ZHIPU_QUOTA = {
    "code": 200, "msg": "success", "success": True,
    "data": {"limits": [
        {"type": "TOKENS_LIMIT", "usage": 10000000, "currentValue": 500000, "percentage": 5,
         "nextResetTime": (NOW_TS + 4 * 3600) * 1000},
        {"type": "TIME_LIMIT", "usage": 100, "currentValue": 10, "percentage": 10},
    ]},
}


def zhipu_auth(key=ZHIPU_KEY, name="zhipuai-coding-plan"):
    return {name: {"type": "api", "key": key}}


def zhipu(*limits, **data):
    return {"code": 200, "msg": "ok", "success": True, "data": dict(data, limits=list(limits))}


# Google Antigravity ###########################################################


GOOGLE_MODELS = {"models": {
    "gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 1.0, "resetTime": "2026-11-22T16:59:00Z"}},
    "gemini-3-pro-low": {"quotaInfo": {"remainingFraction": 0.5, "resetTime": "2026-11-22T16:59:00Z"}},
    "gemini-3-pro-image": {"quotaInfo": {"remainingFraction": 0.85, "resetTime": "2026-11-24T21:00:00Z"}},
    "gemini-3-flash": {"quotaInfo": {"remainingFraction": 0.4}},
    "claude-opus-4-5": {"quotaInfo": {"remainingFraction": 0.1, "resetTime": "2026-11-22T13:00:00Z"}},
}}


def google_account(email="alice@example.com", token="1//refresh-alice-0123456789", project="proj-alice"):
    account = {"refreshToken": token, "projectId": project, "addedAt": 1, "lastUsed": 2}
    if email:
        account["email"] = email
    return account


GOOGLE_POOLS = {"groups": [
    {"displayName": "Gemini Models", "buckets": [
        {"bucketId": "gemini-5h", "displayName": "Gemini 5-hour", "window": "5h", "remainingFraction": 0.75,
         "resetTime": "2026-11-22T15:00:00Z"},
        {"bucketId": "gemini-weekly", "displayName": "Gemini weekly", "window": "weekly", "remainingFraction": 0.4,
         "resetTime": "2026-11-27T00:00:00Z"}]},
    {"displayName": "Claude Models", "buckets": [
        {"bucketId": "claude-5h", "window": "5h", "resetTime": "2026-11-22T13:30:00Z"},  # no fraction: none left
        {"bucketId": "claude-weekly", "window": "weekly", "remainingFraction": 1}]}]}


# Window names in other spellings, a bucket switched off (its fraction is no
# quota left), a window of no known length, a pool without a name or a window.
GOOGLE_POOLS_RESPELT = {"groups": [
    {"displayName": "Gemini Models", "buckets": [
        {"bucketId": "gemini-5h", "window": "FIVE_HOUR", "remainingFraction": 0.5,
         "resetTime": "2026-11-22T15:00:00Z"},
        {"bucketId": "gemini-weekly", "window": "WEEKLY", "remainingFraction": 0.1, "disabled": True,
         "resetTime": "2026-11-27T00:00:00Z"},
        {"bucketId": "gemini-daily", "window": "DAILY", "remainingFraction": 0.8,
         "resetTime": "2026-11-23T00:00:00Z"}]},
    {"displayName": "Claude Models", "buckets": [
        {"bucketId": "claude-5h", "window": "5h", "remainingFraction": 0.9, "resetTime": "2026-11-22T16:00:00Z",
         "disabled": False},
        {"bucketId": "claude-weekly", "window": "weekly", "remainingFraction": 0.6,
         "resetTime": "2026-11-26T12:00:00Z"}]},
    {"buckets": [{"bucketId": "misc", "remainingFraction": 0.3}]}]}


GOOGLE_POOL_MODELS = {"models": {
    "gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 0.75, "resetTime": "2026-11-22T15:00:00Z"}},
    "gemini-3-flash": {"quotaInfo": {}},  # neither fraction nor reset: unknown, not 0 %
    "claude-opus-4-5-thinking": {"quotaInfo": {"resetTime": "2026-11-22T13:30:00Z"}},
}}

GOOGLE_ACCESS = "ya29.access-alice-0123456789"

# The Google AGY plugin's sign-in: refresh packs refreshToken|projectId|managedProjectId.
GOOGLE_AGY_TOKEN = "1//refresh-agy-0123456789"


def google_agy(refresh=GOOGLE_AGY_TOKEN + "|proj-agy|managed-agy", **more):
    return dict({"type": "oauth", "refresh": refresh, "access": "ya29.stored-agy-access-0123456789",
                 "expires": (NOW_TS + 3600) * 1000}, **more)


# GitHub Copilot ###############################################################


PAT = "github_pat_11AAAAAAA0secretsecretsecret"

GHO = "gho_oauthtokenoauthtokenoauth1234"


COPILOT_USER = {
    "copilot_plan": "pro",
    "quota_reset_date": "2026-12-01",
    "quota_snapshots": {
        "premium_interactions": {"entitlement": 300, "remaining": 71, "percent_remaining": 23.7,
                                 "unlimited": False, "overage_count": 0, "overage_permitted": True},
        "chat": {"entitlement": 0, "remaining": 0, "unlimited": True, "percent_remaining": 100},
    },
}

BILLING = {
    "timePeriod": {"year": 2026, "month": 11},
    "user": "octo",
    "usageItems": [
        {"product": "copilot", "sku": "Copilot Premium Request", "model": "gpt-5", "unitType": "request",
         "grossQuantity": 120, "netQuantity": 120},
        {"product": "copilot", "sku": "Copilot Premium Request", "model": "claude-sonnet-4.5",
         "unitType": "request", "grossQuantity": 30, "netQuantity": 30},
        {"product": "actions", "sku": "Actions Linux", "unitType": "minute", "grossQuantity": 999},
    ],
}


def copilot_auth(access=GHO, expires=0):
    return {"github-copilot": {"type": "oauth", "refresh": GHO, "access": access, "expires": expires}}


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


# Key-based platforms: OpenCode Go, Kimi For Coding, MiniMax ###################


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
KIMI_GLOBAL = "/kimi-global/usages"  # kimi.ai's; KIMI is kimi.com's


def key_auth(name, key):
    return {name: {"type": "api", "key": key}}


def go_auth():
    return key_auth("opencode-go", GO_KEY)


def kimi_auth(name="kimi-code-plan-cn", key=KIMI_KEY):
    return key_auth(name, key)


def mm_auth(name="minimax-coding-plan", key=MM_KEY):
    return key_auth(name, key)


ALL_THREE = {**go_auth(), **kimi_auth(), **mm_auth()}  # one account of each


def echo_key(status):
    """An answer that repeats the credential it was sent, as some servers do."""
    def reply(handler):
        sent = handler.headers.get("Authorization", "").split()[-1]
        Reply({"message": "key %s is not valid" % sent, "error": sent}, status=status).send(handler)
    return reply


# OpenCode's credential database ###############################################


def make_db(path, rows, columns=("id", "integration_id", "label", "value", "active", "time_created",
                                 "time_updated")):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    # A fixture, not a record: no fsync; and the rows are written straight to
    # the file, then the file is put in WAL mode as OpenCode's is (rows written
    # in WAL mode went through the log and were copied again at close: 1.7 s
    # for the 100 MiB of test_many_huge_rows..., 0.6 s this way).
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("CREATE TABLE credential (%s)" % ", ".join(columns))
    for row in rows:
        row = dict(row)
        if isinstance(row.get("value"), dict):
            row["value"] = json.dumps(row["value"])
        conn.execute("INSERT INTO credential (%s) VALUES (%s)" % (", ".join(row), ", ".join("?" * len(row))),
                     list(row.values()))
    conn.commit()
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return path


def zai_row(key=ZHIPU_KEY, label="personal", **extra):
    return dict({"id": label, "integration_id": "zai-coding-plan", "label": label,
                 "value": {"type": "key", "key": key}}, **extra)


# OpenCode writing its database from a process of its own: WAL mode, one Z.ai
# row (its value is argv[2]) left in the WAL, "ready" once written; then it
# dies at once (-wal and -shm stay) or holds the database open until stdin
# gives a line.
DB_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")  # the rows stay in the WAL
conn.execute("CREATE TABLE credential (id, integration_id, label, value, active, time_created, time_updated)")
conn.execute("INSERT INTO credential (id, integration_id, label, value) VALUES (?, ?, ?, ?)",
             ("a", "zai-coding-plan", "personal", sys.argv[2]))
conn.commit()
print("ready", flush=True)
if sys.argv[3] == "killed":
    os._exit(0)  # like OpenCode killed: -wal and -shm stay, nobody has the database open
sys.stdin.readline()
"""


def oauth_value(access=OPENAI_ACCESS, **metadata):
    return {"type": "oauth", "methodID": "chatgpt", "refresh": "rt-db-refresh-token", "access": access,
            "expires": (NOW_TS + 3600) * 1000, "metadata": metadata}

