"""The complete quota report: each platform end to end against the loopback
fixture, both languages, the headers sent, bad input, exit statuses."""

import ast
import json
import os
import subprocess
import sys
import urllib.parse

import pytest

import i18n
import mystatus
from conftest import ROOT, Home, Reply, jwt, run_main

NOW = "2026-11-22 12:00:00"  # every report below is read at this instant (UTC)
NOW_TS = 1795348800  # the same instant as a Unix time
ZHIPU_KEY = "9c89f0a1b2c3d4e5f60718293a4b5c6d.Xyz012AQVM"
PAT = "github_pat_11AAAAAAA0secretsecretsecret"
GHO = "gho_oauthtokenoauthtokenoauth1234"

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

ZHIPU_QUOTA = {
    "code": 200, "msg": "success", "success": True,
    "data": {"limits": [
        {"type": "TOKENS_LIMIT", "usage": 10000000, "currentValue": 500000, "percentage": 5,
         "nextResetTime": (NOW_TS + 4 * 3600) * 1000},
        {"type": "TIME_LIMIT", "usage": 100, "currentValue": 10, "percentage": 10},
    ]},
}

GOOGLE_MODELS = {"models": {
    "gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 1.0, "resetTime": "2026-11-22T16:59:00Z"}},
    "gemini-3-pro-low": {"quotaInfo": {"remainingFraction": 0.5, "resetTime": "2026-11-22T16:59:00Z"}},
    "gemini-3-pro-image": {"quotaInfo": {"remainingFraction": 0.85, "resetTime": "2026-11-24T21:00:00Z"}},
    "gemini-3-flash": {"quotaInfo": {"remainingFraction": 0.4}},
    "claude-opus-4-5": {"quotaInfo": {"remainingFraction": 0.1, "resetTime": "2026-11-22T13:00:00Z"}},
}}

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


def openai_auth(**extra):
    entry = {"type": "oauth", "refresh": "rt-openai-refresh-token", "access": OPENAI_ACCESS,
             "expires": (NOW_TS + 3600) * 1000}
    entry.update(extra)
    return {"openai": entry}


def zhipu_auth(key=ZHIPU_KEY, name="zhipuai-coding-plan"):
    return {name: {"type": "api", "key": key}}


def google_account(email="alice@example.com", token="1//refresh-alice-0123456789", project="proj-alice"):
    account = {"refreshToken": token, "projectId": project, "addedAt": 1, "lastUsed": 2}
    if email:
        account["email"] = email
    return account


def copilot_auth(access=GHO, expires=0):
    return {"github-copilot": {"type": "oauth", "refresh": GHO, "access": access, "expires": expires}}


def report(capsys, *argv):
    # The clock handed to main(), not patched: freezegun's patching scans every
    # loaded module on each start, which was a fifth of the suite's time.
    return run_main(capsys, *argv, now=NOW_TS)


# OpenAI #######################################################################


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
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
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
    monkeypatch.setenv("TZ", "UTC")  # the reset date is shown in local time
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


# Zhipu AI and Z.ai ############################################################


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


# Google #######################################################################


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
        "G3 Pro           4h 59m " + "█" * 20 + "  100%",
        "G3 Image          2d 9h " + "█" * 17 + "░" * 3 + "   85%",
        "G3 Flash              - " + "█" * 8 + "░" * 12 + "   40%",
        "Claude               1h " + "█" * 2 + "░" * 18 + "   10%  ⚠ High usage: 90% used",
        # the stand-in for G3 Pro, shown under its own name since G3 Pro itself answered
        "gemini-3-pro-low 4h 59m " + "█" * 10 + "░" * 10 + "   50%",
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
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, out, _ = report(capsys)
    assert "## Google Antigravity 账号额度" in out
    assert "4小时59分钟" in out and "2天9小时" in out


# Copilot ######################################################################


def test_copilot_pat_route_reports_premium_requests(home, server, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # the reset date is shown in local time
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


# The report as a whole ########################################################


def test_sections_come_in_fixed_order_then_failures(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth(), **zhipu_auth(name="zai-coding-plan"), **copilot_auth()})
    home.accounts([google_account()])
    server.route("/openai/usage", Reply(OPENAI_USAGE, delay=0.3))  # answers last, shown first
    server.route("/zhipu/quota", Reply(raw="<html><title>502 Bad Gateway</title></html>", status=502))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, out, _ = report(capsys)
    assert status == 1
    titles = [line for line in out.splitlines() if line.startswith("## ") or line.startswith("Failed")]
    assert titles == ["## OpenAI account quota", "## Z.ai account quota", "## Google Antigravity account quota",
                      "## GitHub Copilot account quota", "Failed to query accounts:"]
    assert out.splitlines()[-1] == "- Zhipu AI (9c89****AQVM): HTTP 502: an HTML page (502 Bad Gateway)"


# What an empty HOME prints: every platform, where its credentials are read.
NOTHING_CONFIGURED = [
    "No AI coding subscription is configured. mystatus reads:",
    "  OpenAI              ~/.local/share/opencode/auth.json / opencode.db, ~/.codex/auth.json",
    "  Anthropic Claude    ~/.local/share/opencode/auth.json / opencode.db, ~/.claude/.credentials.json",
    "  Zhipu AI            ~/.local/share/opencode/auth.json / opencode.db",
    "  Z.ai                ~/.local/share/opencode/auth.json / opencode.db",
    "  Google Antigravity  ~/.config/opencode/antigravity-accounts.json",
    "  GitHub Copilot      ~/.local/share/opencode/auth.json / opencode.db, "
    "~/.config/opencode/copilot-quota-token.json",
    "  OpenCode Go         ~/.local/share/opencode/auth.json / opencode.db",
    "  Kimi For Coding     ~/.local/share/opencode/auth.json / opencode.db",
    "  MiniMax Coding Plan ~/.local/share/opencode/auth.json / opencode.db",
    "Sign in to a platform in OpenCode (or its plugin), then run mystatus again.",
]


def test_nothing_configured_names_the_platforms_and_files(home, capsys):
    status, out, err = report(capsys)
    assert status == 4 and err == ""
    assert out.splitlines() == NOTHING_CONFIGURED


def test_other_auth_keys_are_ignored(home, capsys):
    home.auth({"mistral": {"type": "oauth", "refresh": "r", "access": "a", "expires": 1},
               "openrouter": {"type": "api", "key": "sk-or-secret"}})
    status, out, _ = report(capsys)
    assert status == 4 and out.startswith("No AI coding subscription is configured.")


def test_xdg_directories_and_auth_content_are_honoured(home, server, capsys, monkeypatch, tmp_path):
    data, config = tmp_path / "xdg-data", tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    home.write(data / "opencode" / "auth.json", zhipu_auth())
    home.write(config / "opencode" / "antigravity-accounts.json", {"accounts": [google_account()]})
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, out, _ = report(capsys)
    assert "## Zhipu AI account quota" in out and "### alice@example.com" in out

    monkeypatch.setenv("OPENCODE_AUTH_CONTENT", json.dumps(zhipu_auth(name="zai-coding-plan")))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    assert "## Z.ai account quota" in out and "## Zhipu AI" not in out  # the variable replaces the file


# Bad input ####################################################################


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON (line 1, column 2)"),
    (b"", "empty"),
    (b"[1, 2]", "not a JSON object"),
    (b"\xff\xfe\x00garbage", "not UTF-8 text"),
])
def test_broken_auth_json_is_one_line_and_others_still_show(home, server, capsys, content, message):
    home.auth(content)
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, err = report(capsys)
    assert status == 1 and err == "" and "Traceback" not in out
    assert "### alice@example.com" in out
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/auth.json: " + message


@pytest.mark.parametrize("entry, message", [
    ({"openai": "x"}, "openai is not an object"),
    ({"openai": {"type": "oauth", "access": ["a"]}}, "openai.access is not text"),
    ({"openai": {"type": "oauth", "access": "a.b.c", "expires": "soon"}}, "openai.expires is not a number"),
    ({"zhipuai-coding-plan": {"type": "api"}}, "zhipuai-coding-plan.key is missing"),
    ({"zhipuai-coding-plan": {"type": "api", "key": ["a"]}}, "zhipuai-coding-plan.key is not text"),
])
def test_wrong_types_in_auth_json_name_the_field(home, capsys, entry, message):
    home.auth(entry)
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:", "- ~/.local/share/opencode/auth.json: " + message]


def test_unknown_tier_names_the_file_and_the_choices(home, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "gold"})
    status, out, _ = report(capsys)
    assert status == 1
    assert ("- ~/.config/opencode/copilot-quota-token.json: unknown tier 'gold'; use one of free, student, pro, "
            "pro+, max, business, enterprise") in out
    assert PAT not in out


@pytest.mark.parametrize("reply, message", [
    (Reply({"detail": "Unauthorized"}, status=401), "HTTP 401: Unauthorized"),
    (Reply({"error": {"message": "Forbidden for this workspace"}}, status=403),
     "HTTP 403: Forbidden for this workspace"),
    (Reply({"error": "rate_limited", "message": "Too many requests"}, status=429),
     "HTTP 429: rate_limited: Too many requests"),
    (Reply(raw="upstream exploded", status=500), "HTTP 500: upstream exploded"),
    (Reply(raw="<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>" + "x" * 5000,
           headers={"Content-Type": "text/html"}), "answered an HTML page (Just a moment...) instead of JSON"),
    (Reply(raw='{"plan_type": "team", "rate_'), 'answer is not valid JSON: {"plan_type": "team", "rate_'),
    (Reply(["not", "an", "object"]), "unexpected answer: usage is not an object"),
])
def test_http_failures_are_one_line_each(home, server, capsys, reply, message):
    home.auth(openai_auth())
    server.route("/openai/usage", reply)
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:", "- OpenAI (dev@example.com): " + message]


def test_timeout_and_refused_connection(home, server, capsys, monkeypatch):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    monkeypatch.setenv("MYSTATUS_ZHIPU_URL", "http://127.0.0.1:%d/quota" % port)
    home.auth({**openai_auth(), **zhipu_auth()})
    server.route("/openai/usage", Reply(OPENAI_USAGE, delay=3))
    status, out, _ = report(capsys, "--timeout", "0.5")
    assert status == 1
    assert "- OpenAI (dev@example.com): timed out after 0.5 s" in out
    assert "- Zhipu AI (9c89****AQVM): connection refused by 127.0.0.1" in out


def test_error_bodies_never_repeat_a_credential(home, server, capsys):
    def echo(handler):
        sent = handler.headers.get("Authorization", "")
        Reply({"message": "bad credentials: %s (key=%s)" % (sent, sent.split()[-1])}, status=401).send(handler)

    home.auth({**openai_auth(), **zhipu_auth()})
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    for path in ("/openai/usage", "/zhipu/quota", "/github/users/octo/settings/billing/premium_request/usage"):
        server.route(path, echo)
    status, out, _ = report(capsys)
    assert status == 1 and out.count("HTTP 401") == 3
    for secret in (OPENAI_ACCESS, ZHIPU_KEY, PAT, ZHIPU_KEY[:20]):
        assert secret not in out


# Language #####################################################################


@pytest.mark.parametrize("env, expected", [
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # the reference plugin got this wrong
    ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
    ({"LANGUAGE": "zh_TW:en", "LC_ALL": "en_US.UTF-8"}, "zh-Hant"),
    ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
])
def test_language_follows_gettext_order(env, expected):
    assert mystatus.load_catalog("auto", env)[0] == expected


def test_lang_option_overrides_the_locale(home, server, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", "en")
    assert "Used: 0.5M / 10.0M" in out
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert "帳號：9c89****AQVM" in out and "重設倒數：4小時" in out


def template_keys():
    """Every English template mystatus.py can show: the first argument of each M(...)."""
    tree = ast.parse(open(os.path.join(ROOT, "mystatus.py"), encoding="utf-8").read())
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "M"
            and node.args and isinstance(node.args[0], ast.Constant)}


@pytest.mark.parametrize("catalog", [i18n.ZH_HANS, i18n.ZH_HANT], ids=["zh-Hans", "zh-Hant"])
def test_catalogs_translate_every_message_with_the_same_placeholders(catalog):
    import string

    keys = template_keys()
    assert len(keys) > 80
    assert sorted(keys - set(catalog)) == []  # a message without a translation
    assert sorted(set(catalog) - keys) == []  # a translation of nothing
    for key, text in catalog.items():
        names = {f[1] for f in string.Formatter().parse(key) if f[1]}
        assert {f[1] for f in string.Formatter().parse(text) if f[1]} == names, key


def test_catalog_is_loaded_from_beside_mystatus_not_any_i18n(tmp_path):
    (tmp_path / "i18n.py").write_text("raise SystemExit('the wrong i18n was imported')\n")
    env = Home(tmp_path).env(PYTHONPATH=os.pathsep.join([str(tmp_path), ROOT]), LANG="zh_CN.UTF-8", NO_PROXY="*")
    done = subprocess.run([sys.executable, "-m", "mystatus"], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 4, done.stderr
    assert done.stdout.startswith("未配置任何 AI 编程订阅。")


# Command line #################################################################


def test_python_m_mystatus_in_an_empty_home(tmp_path):
    env = Home(tmp_path).env()
    done = subprocess.run([sys.executable, "-m", "mystatus"], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (4, "")
    assert done.stdout.splitlines()[0] == "No AI coding subscription is configured. mystatus reads:"
    assert len(done.stdout.splitlines()) == len(mystatus.PLATFORMS) + 2  # a line per platform


@pytest.mark.parametrize("argv", [["--lang", "fr"], ["--timeout", "0"], ["--threshold", "120"], ["--bogus"]])
def test_usage_errors_exit_2(home, capsys, argv):
    status, out, err = run_main(capsys, *argv)
    assert status == 2 and out == "" and "usage: mystatus" in err


def test_windows_keeps_antigravity_accounts_under_appdata(monkeypatch):
    env = {"USERPROFILE": "/users/dev", "APPDATA": "/users/dev/AppData/Roaming"}
    monkeypatch.setattr(mystatus.os, "name", "nt")
    paths = mystatus.Paths.from_env(env)
    assert paths.antigravity == os.path.join("/users/dev/AppData/Roaming", "opencode", "antigravity-accounts.json")
    assert paths.auth == os.path.join("/users/dev", ".local", "share", "opencode", "auth.json")  # XDG rules
    assert paths.copilot_token == os.path.join("/users/dev", ".config", "opencode", "copilot-quota-token.json")
    monkeypatch.setattr(mystatus.os, "name", "posix")
    assert mystatus.Paths.from_env(env).antigravity == os.path.join(
        "/users/dev", ".config", "opencode", "antigravity-accounts.json")
