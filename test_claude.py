"""Anthropic Claude end to end against the loopback fixture, over HTTP and
HTTPS: OpenCode's `anthropic` entry and Claude Code's .credentials.json (also
under CLAUDE_CONFIG_DIR), one account found in both, expired tokens (never
sent, never refreshed), 429 with Retry-After, 401/403, API keys skipped,
--json/--oneline, hostile answers and credential files, and nothing written."""

import json
import math
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mystatus
from conftest import Reply, both_schemes, run_main, snapshot_tree
from payloads import (CLAUDE_ACCESS, CLAUDE_ACCESS2, CLAUDE_API_KEY, CLAUDE_REFRESH, CLAUDE_REFRESH2, CLAUDE_URL,
                      CLAUDE_USAGE, EARLIER, NOW_TS, claude_auth, claude_code, make_db, report, write_claude_code)



def claude_doc(capsys, *argv):
    status, out, _ = report(capsys, "--json", *argv)
    return status, [p for p in json.loads(out)["providers"] if p["provider"] == "anthropic"]


# The report ###################################################################


@both_schemes
def test_opencode_sign_in_report_headers_and_every_window(home, server, capsys):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, err = report(capsys)
    (hit,) = server.hits(CLAUDE_URL)
    assert hit.method == "GET"
    assert hit.header("Authorization") == "Bearer " + CLAUDE_ACCESS
    assert hit.header("anthropic-beta") == "oauth-2025-04-20"
    assert status == 0 and err == ""
    assert "## Anthropic Claude account quota" in out
    blocks = out.split("\n\n")
    assert "5-hour limit\n" + "█" * 23 + "░" * 7 + " 76% remaining\nResets in: 2h 59m" in out
    assert "Weekly limit\n" in out and "64% remaining" in out
    assert "Sonnet: Weekly limit\n" in out and "99% remaining" in out
    assert any(b.startswith("Fable: Weekly limit\n") and "23% remaining" in b and "Resets in: 2d 18h" in b
               for b in blocks)
    assert any(b.startswith("Extra usage (USD)\n") and "75% remaining" in b and "Used: 12.5 / 50" in b
               for b in blocks)
    # The list repeats the flat windows: each is shown once.
    assert out.count("5-hour limit") == 1 and out.count("\nWeekly limit\n") == 1
    assert "Opus" not in out  # null: this plan has no Opus cap
    assert CLAUDE_ACCESS not in out and CLAUDE_REFRESH not in out


@both_schemes
def test_json_and_oneline(home, server, capsys):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, doc = claude_doc(capsys)
    assert status == 0
    (claude,) = doc
    assert claude["ok"] and claude["source"] == "~/.local/share/opencode/auth.json"
    quotas = {q["id"]: q for q in claude["quotas"]}
    assert list(quotas) == ["five_hour", "seven_day", "model:sonnet", "model:fable", "extra_usage"]
    assert quotas["five_hour"]["remaining_percent"] == 76 and quotas["five_hour"]["window_seconds"] == 18000
    assert quotas["five_hour"]["resets_at"] == "2026-11-22T14:59:59Z"
    assert quotas["model:fable"]["label"] == "Fable: Weekly limit"
    assert quotas["extra_usage"]["used"] == 12.5 and quotas["extra_usage"]["limit"] == 50
    assert quotas["extra_usage"]["unit"] == "USD"
    status, out, _ = report(capsys, "--oneline")
    assert out == "Claude 23%\n"  # the lowest of its windows: Fable's weekly cap


@both_schemes
def test_only_takes_the_id_and_the_alias(home, server, capsys, monkeypatch):
    home.auth(dict(claude_auth(), **{"zhipuai-coding-plan": {"type": "api", "key": "zk-0123456789abcdef"}}))
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    for name in ("anthropic", "claude", "Claude"):
        status, doc = claude_doc(capsys, "--only", name)
        assert status == 0 and len(doc) == 1
    assert [r.path for r in server.requests] == [CLAUDE_URL] * 3  # Zhipu never asked


def test_chinese_report(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_TW.UTF-8"
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    _, out, _ = report(capsys)
    assert "Fable: 每週限額" in out or "Fable：" in out
    assert "額外用量（USD）" in out


# Claude Code's own file #######################################################


@both_schemes
def test_claude_code_credentials_with_its_plan(home, server, capsys):
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, _ = report(capsys)
    assert status == 0 and "Account: Anthropic Claude (max)" in out
    assert server.hits(CLAUDE_URL)[0].header("Authorization") == "Bearer " + CLAUDE_ACCESS
    _, doc = claude_doc(capsys)
    assert doc[0]["source"] == "~/.claude/.credentials.json" and doc[0]["plan"] == "max"


@pytest.mark.parametrize("tier, plan", [("default_claude_max_20x", "max 20x"), ("default_claude_max_5x", "max 5x"),
                                        (None, "max"), (7, "max"), ("default_claude_ai", "max")])
def test_the_plan_names_the_size_of_max(tier, plan):
    content = claude_code()
    content["claudeAiOauth"]["rateLimitTier"] = tier
    assert mystatus.read_claude_code_oauth(content, "~/.claude/.credentials.json").plan == plan


@both_schemes
def test_claude_config_dir_replaces_the_home_folder(home, server, capsys, monkeypatch):
    write_claude_code(home, claude_code(access=CLAUDE_ACCESS2, refresh=CLAUDE_REFRESH2))  # ~/.claude: not read now
    folder = home.root / "elsewhere" / "claude"
    write_claude_code(home, claude_code(), folder)
    home.environ["CLAUDE_CONFIG_DIR"] = str(folder)
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    _, doc = claude_doc(capsys)
    assert [h.header("Authorization") for h in server.hits(CLAUDE_URL)] == ["Bearer " + CLAUDE_ACCESS]
    assert doc[0]["source"] == "~/elsewhere/claude/.credentials.json"


@both_schemes
def test_one_sign_in_in_both_stores_is_asked_once(home, server, capsys):
    home.auth(claude_auth())
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, doc = claude_doc(capsys)
    assert status == 0 and len(doc) == 1 and len(server.hits(CLAUDE_URL)) == 1
    assert doc[0]["source"] == "~/.local/share/opencode/auth.json"


@both_schemes
def test_a_copy_without_its_refresh_token_is_the_same_sign_in(home, server, capsys):
    entry = claude_auth()
    del entry["anthropic"]["refresh"]
    home.auth(entry)
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, doc = claude_doc(capsys)
    assert status == 0 and len(doc) == 1 and len(server.hits(CLAUDE_URL)) == 1


@both_schemes
def test_the_fresher_copy_of_one_sign_in_is_the_one_used(home, server, capsys):
    """OpenCode's copy expired, Claude Code's refreshed since (the same
    refresh token): Claude Code's is asked, and the account shown once."""
    home.auth(claude_auth(access=CLAUDE_ACCESS2, expires=EARLIER))
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, doc = claude_doc(capsys)
    assert status == 0 and len(doc) == 1 and doc[0]["source"] == "~/.claude/.credentials.json"
    assert [h.header("Authorization") for h in server.hits(CLAUDE_URL)] == ["Bearer " + CLAUDE_ACCESS]


@both_schemes
def test_two_sign_ins_are_two_accounts_each_from_its_store(home, server, capsys):
    home.auth(claude_auth(access=CLAUDE_ACCESS2, refresh=CLAUDE_REFRESH2))
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, _ = report(capsys)
    assert status == 0
    assert "Account: Anthropic Claude, from auth.json" in out
    assert "Account: Anthropic Claude (max), from .credentials.json" in out
    assert sorted(h.header("Authorization") for h in server.hits(CLAUDE_URL)) == ["Bearer " + CLAUDE_ACCESS,
                                                                          "Bearer " + CLAUDE_ACCESS2]


@both_schemes
def test_the_opencode_database_row_is_read(home, server, capsys):
    make_db(home.data / "opencode.db", [{"integration_id": "anthropic", "label": "personal",
                                         "value": claude_auth()["anthropic"], "active": 1}])
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, doc = claude_doc(capsys)
    assert status == 0 and doc[0]["source"] == "~/.local/share/opencode/opencode.db: personal"


# Never refreshed, never sent expired ##########################################


@both_schemes
@pytest.mark.parametrize("where", ["opencode", "claude-code"])
def test_an_expired_token_is_one_line_and_no_request(home, server, capsys, where):
    if where == "opencode":
        home.auth(claude_auth(expires=EARLIER))
    else:
        write_claude_code(home, claude_code(expires=EARLIER))
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, _ = report(capsys)
    assert status == 1
    assert ("- Anthropic Claude: token expired; run Claude Code (or use a Claude model in OpenCode) once to "
            "refresh it\n") in out
    assert server.requests == []  # neither the usage nor any token endpoint


def test_expiry_is_judged_against_the_clock_handed_to_main(home, server, capsys):
    home.auth(claude_auth(expires=(NOW_TS + 1) * 1000))
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    assert report(capsys)[0] == 0
    assert run_main(capsys, now=NOW_TS + 2)[0] == 1
    assert len(server.hits(CLAUDE_URL)) == 1


def test_expired_in_chinese(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_CN.UTF-8"
    write_claude_code(home, claude_code(expires=EARLIER))
    _, out, _ = report(capsys)
    assert "令牌已过期；请运行一次 Claude Code（或在 OpenCode 中使用一次 Claude 模型）以刷新" in out


# Refusals #####################################################################


@both_schemes
@pytest.mark.parametrize("after, told", [("120", "try again in 2m"), ("30", "try again in 1m"),
                                         ("Sun, 22 Nov 2026 13:00:00 GMT", "try again in 1h"),
                                         (None, "try again later"), ("soon", "try again later"),
                                         # Digits str.isdigit() knows but int() does not ("²" is one
                                         # latin-1 byte in a header), a sign, absurd figures and dates.
                                         ("\u00b2", "try again later"), ("-30", "try again later"),
                                         ("9" * 60, "try again later"),
                                         ("Sun, 22 Nov 99999 13:00:00 GMT", "try again later"),
                                         ("Sun, 22 Nov 1970 13:00:00 GMT", "try again in 1m")])
def test_429_honours_retry_after_without_waiting(home, server, capsys, after, told):
    home.auth(claude_auth())
    headers = {"Retry-After": after} if after else {}
    server.route(CLAUDE_URL, Reply({"type": "error", "error": {"type": "rate_limit_error", "message": "slow down"}},
                            status=429, headers=headers))
    status, out, _ = report(capsys)
    assert status == 1 and "- Anthropic Claude: rate limited; " + told + "\n" in out
    assert len(server.hits(CLAUDE_URL)) == 1  # asked once: no retry, no sleep


@both_schemes
def test_401_names_the_store(home, server, capsys):
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply({"type": "error", "error": {"type": "authentication_error",
                                                          "message": "Invalid credentials"}}, status=401))
    status, out, _ = report(capsys)
    assert status == 1
    line = [ln for ln in out.splitlines() if ln.startswith("- Anthropic Claude")][0]
    assert "~/.claude/.credentials.json: sign-in refused (HTTP 401: " in line and "Invalid credentials" in line


@both_schemes
@pytest.mark.parametrize("scopes, body", [
    (("user:inference",), {"type": "error", "error": {"type": "permission_error", "message": "forbidden"}}),
    (None, {"type": "error", "error": {"type": "permission_error",
                                       "message": "OAuth token does not meet scope requirement user:profile"}}),
])
def test_403_without_the_profile_scope_says_to_sign_in_again(home, server, capsys, scopes, body):
    content = claude_code(scopes=scopes or ())
    if scopes is None:
        del content["claudeAiOauth"]["scopes"]
    write_claude_code(home, content)
    server.route(CLAUDE_URL, Reply(body, status=403))
    _, out, _ = report(capsys)
    assert ("- Anthropic Claude: ~/.claude/.credentials.json: this sign-in cannot read usage; sign in to Claude "
            "Code again\n") in out


def test_other_403_is_a_refusal_naming_the_store(home, server, capsys):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply({"error": {"message": "account suspended"}}, status=403))
    _, out, _ = report(capsys)
    assert "- Anthropic Claude: ~/.local/share/opencode/auth.json: sign-in refused (HTTP 403: account suspended)" \
        in out


@both_schemes
def test_token_shapes_in_an_answer_are_hidden(home, server, capsys):
    home.auth(claude_auth())
    other = "sk-ant-oat01-ZZZZzzzz9876543210-someoneElse"
    message = "token %s and %s refused \x1b]52;c;x\x07" % (CLAUDE_ACCESS, other)
    server.route(CLAUDE_URL, Reply({"error": {"message": message}}, status=500))
    for argv in ([], ["--json"]):
        status, out, err = report(capsys, *argv)
        assert status == 1
        assert CLAUDE_ACCESS not in out and other not in out and "sk-ant-" not in out and "\x1b" not in out
        assert err == ""


# API keys and broken stores ###################################################


@both_schemes
@pytest.mark.parametrize("opencode, claude_code_file", [
    ({"anthropic": {"type": "api", "key": CLAUDE_API_KEY}}, {"primaryApiKey": CLAUDE_API_KEY}),
    (claude_auth(access=CLAUDE_API_KEY), claude_code(access=CLAUDE_API_KEY)),  # a key where a sign-in should be
])
def test_an_api_key_alone_is_skipped_silently(home, server, capsys, opencode, claude_code_file):
    home.auth(opencode)
    write_claude_code(home, claude_code_file)
    for argv in ([], ["--json"], ["--oneline"], ["--verbose"]):
        status, out, err = report(capsys, *argv)
        assert status == 4 and CLAUDE_API_KEY not in out + err
    assert server.requests == []


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(parents=True), "is a directory, not a file"),
    (lambda p: (p.parent.mkdir(parents=True), os.mkfifo(str(p))), "not a regular file (a pipe or a device?)"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_bytes(b"\x00\xff\xfe" * 50)), "not UTF-8 text"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_bytes(b"{" + b" " * (50 << 20))),
     "larger than 1 MiB; not a credential file"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"claudeAiOauth": []}')),
     "claudeAiOauth is not an object"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"claudeAiOauth": {"accessToken": 12}}')),
     "claudeAiOauth.accessToken is not text"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"claudeAiOauth": {"refreshToken": "r"}}')),
     "claudeAiOauth.accessToken is missing"),
])
def test_a_broken_credentials_file_is_one_line_and_others_still_shown(home, server, capsys, make, message):
    make(home.root / ".claude" / ".credentials.json")
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, _ = report(capsys)
    assert status == 1
    assert "- ~/.claude/.credentials.json: " + message + "\n" in out
    assert "5-hour limit" in out  # OpenCode's sign-in still asked


def test_a_world_readable_file_is_read_as_auth_json_is(home, server, capsys):
    path = write_claude_code(home, claude_code())
    os.chmod(str(path), 0o644)
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    assert report(capsys)[0] == 0


@pytest.mark.parametrize("reply", [Reply(CLAUDE_USAGE), Reply({"error": "x"}, status=401),
                                   Reply({"error": "x"}, status=429, headers={"Retry-After": "60"})])
def test_nothing_is_written_to_or_beside_any_credential_file(home, server, capsys, reply):
    home.auth(claude_auth(access=CLAUDE_ACCESS2, refresh=CLAUDE_REFRESH2, expires=EARLIER))
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, reply)
    before = snapshot_tree(home.root)
    report(capsys)
    report(capsys, "--json")
    assert snapshot_tree(home.root) == before
    assert all(r.path == CLAUDE_URL for r in server.requests)  # nothing but the usage endpoint: no token refresh


# Hostile answers ##############################################################


@pytest.mark.parametrize("body, message", [
    ([], "unexpected answer: usage answer is not an object"),
    ({}, "unexpected answer: no quota in it"),
    ({"five_hour": None, "seven_day": None, "limits": "many"}, "unexpected answer: no quota in it"),
])
def test_answers_without_a_quota_are_one_line(home, server, capsys, body, message):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply(body))
    _, out, _ = report(capsys)
    assert "- Anthropic Claude: " + message + "\n" in out


@pytest.mark.parametrize("spend, extra, shown", [
    ({"used": {"amount_minor": 250, "currency": "USD", "exponent": 2}, "limit": None, "cap": None, "balance": None,
      "percent": 0}, None, ("Extra usage (USD)", "Used: 2.5")),
    ({"used": {"amount_minor": 250, "currency": "USD", "exponent": 2},
      "limit": {"amount_minor": 1000, "currency": "USD", "exponent": 2}}, None, ("Used: 2.5 / 10", "75% remaining")),
    ({"used": {"amount_minor": 250, "currency": "USD", "exponent": 2}}, {"is_enabled": False}, ()),
    ({"used": {"amount_minor": 0, "currency": "USD", "exponent": 2}}, None, ()),
    ({"used": "lots", "limit": []}, None, ()),
    ({"used": {"amount_minor": 900, "currency": "USD", "exponent": 2}},  # extra_usage says it first
     {"is_enabled": True, "used_credits": 100, "monthly_limit": 0, "currency": "USD"}, ("Unlimited", "Used: 1")),
])
def test_the_newer_spend_object_stands_in_for_extra_usage(spend, extra, shown):
    payload = {"five_hour": {"utilization": 1}, "spend": spend}
    if extra is not None:
        payload["extra_usage"] = extra
    text = mystatus.render_text(mystatus.Report(results=[mystatus.parse_claude(payload)]), now=NOW_TS)
    assert ("Extra usage" in text) == bool(shown)
    for part in shown:
        assert part in text[text.index("Extra usage"):]


def test_the_newer_list_alone_gives_every_window(home, server, capsys):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply({"limits": CLAUDE_USAGE["limits"] + [
        {"kind": "weekly_scoped", "group": "weekly", "percent": 5, "scope": {"model": {"display_name": "Opus"}}},
        {"kind": "monthly_surface", "group": "month", "percent": 50}]}))
    _, doc = claude_doc(capsys)
    quotas = [(q["id"], q["label"], q["remaining_percent"]) for q in doc[0]["quotas"]]
    assert quotas == [("five_hour", "5-hour limit", 76), ("seven_day", "Weekly limit", 64),
                      ("model:opus", "Opus: Weekly limit", 95), ("model:fable", "Fable: Weekly limit", 23),
                      ("limit:monthly_surface", "monthly_surface: Usage limit", 50)]


@pytest.mark.parametrize("value", [None, "lots", -5, float("nan"), True, [], {}, "1e999", 1e300])
def test_an_unreadable_utilization_is_unknown_never_0_or_100(home, server, capsys, value):
    home.auth(claude_auth())
    raw = json.dumps({"five_hour": {"utilization": value, "resets_at": "2026-11-22T14:00:00Z"},
                      "seven_day": {"utilization": 10}}, allow_nan=True)
    server.route(CLAUDE_URL, Reply(raw=raw, headers={"Content-Type": "application/json"}))
    status, doc = claude_doc(capsys)
    five = doc[0]["quotas"][0]
    assert five["id"] == "five_hour" and five["remaining_percent"] is None and not five["limit_reached"]
    assert five["resets_at"] == "2026-11-22T14:00:00Z"
    _, out, _ = report(capsys, "--oneline")
    assert out == "Claude 90%\n"  # the unknown window does not count as empty or full


def test_over_100_is_kept_and_reached(home, server, capsys):
    home.auth(claude_auth())
    server.route(CLAUDE_URL, Reply({"five_hour": {"utilization": 104, "resets_at": None}, "seven_day": "closed"}))
    status, doc = claude_doc(capsys)
    five, week = doc[0]["quotas"]
    assert five["remaining_percent"] == -4 and five["limit_reached"]
    assert week["id"] == "seven_day" and week["remaining_percent"] is None  # there, but unreadable
    assert status == 3


@pytest.mark.parametrize("extra, shown", [
    ({"is_enabled": False, "monthly_limit": 5000, "used_credits": 100}, None),
    ({"is_enabled": "yes", "monthly_limit": 5000, "used_credits": 100}, None),
    ({"is_enabled": True, "monthly_limit": 0, "used_credits": 2575}, ("Unlimited", "Used: 25.75")),
    ({"is_enabled": True, "monthly_limit": None, "used_credits": 300, "currency": "eur"}, ("Used: 3",)),
    ({"is_enabled": True, "monthly_limit": 1000, "used_credits": None}, ("Used: ",)),
    ({"is_enabled": True, "monthly_limit": -5, "used_credits": -1}, None),
    # Since 2026-07 (public captures): no is_enabled, decimal_places beside the currency.
    ({"used_credits": 1234, "monthly_limit": None, "utilization": None, "currency": "USD", "decimal_places": 2,
      "daily": None, "weekly": None}, ("Used: 12.34",)),
    ({"used_credits": 0, "monthly_limit": None, "currency": "USD", "decimal_places": 2}, None),
    ({"used_credits": 5, "monthly_limit": 20, "decimal_places": 0, "currency": "EUR"}, ("Used: 5 / 20",)),
])
def test_extra_usage_only_when_enabled_in_cents(extra, shown):
    result = mystatus.parse_claude({"five_hour": {"utilization": 1}, "extra_usage": extra})
    quotas = [q for q in result.quotas if q.id == "extra_usage"]
    if shown is None:
        assert quotas == []
        return
    text = mystatus.render_text(mystatus.Report(results=[result]), now=NOW_TS)
    block = text[text.index("Extra usage"):]
    for part in shown:
        if part == "Used: ":
            assert part not in block and quotas[0].remaining_percent is None
        else:
            assert part in block
    if extra.get("currency") in ("eur", "EUR"):
        assert "Extra usage (EUR)" in text


WINDOW_VALUES = st.one_of(st.none(), st.booleans(), st.text(max_size=12), st.integers(-10 ** 20, 10 ** 20),
                          st.floats(allow_nan=True, allow_infinity=True), st.lists(st.integers(), max_size=3),
                          st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
# Numbers near and past the edges, often: -5, 0, 100, 130, NaN, "42".
UTILIZATION = st.one_of(st.integers(-150, 250), st.floats(allow_nan=True, allow_infinity=True),
                        st.sampled_from(["42", "-3", "1e999", "nan"]), WINDOW_VALUES)
RESET = st.one_of(st.sampled_from(["2026-11-22T14:00:00Z", "2026-11-22T14:00:00.123456+00:00", "2026-13-40"]),
                  WINDOW_VALUES)
WINDOW = st.one_of(st.fixed_dictionaries({"utilization": UTILIZATION, "resets_at": RESET}), WINDOW_VALUES)
LIMIT = st.one_of(WINDOW_VALUES, st.fixed_dictionaries({
    "kind": st.sampled_from(["session", "weekly_all", "weekly_scoped", "odd"]) | WINDOW_VALUES,
    "group": st.sampled_from(["session", "weekly"]) | WINDOW_VALUES, "percent": UTILIZATION,
    "resets_at": RESET,
    "scope": WINDOW_VALUES | st.fixed_dictionaries({"model": WINDOW_VALUES | st.fixed_dictionaries(
        {"display_name": WINDOW_VALUES})})}))
ANSWER = st.fixed_dictionaries({}, optional={
    "five_hour": WINDOW, "seven_day": WINDOW, "seven_day_opus": WINDOW, "seven_day_sonnet": WINDOW,
    "limits": st.one_of(WINDOW_VALUES, st.lists(LIMIT, max_size=6)),
    "extra_usage": st.one_of(WINDOW_VALUES, st.fixed_dictionaries({
        "is_enabled": WINDOW_VALUES, "monthly_limit": WINDOW_VALUES, "used_credits": WINDOW_VALUES,
        "currency": WINDOW_VALUES, "decimal_places": WINDOW_VALUES})),
    "spend": st.one_of(WINDOW_VALUES, st.fixed_dictionaries({
        "used": WINDOW_VALUES | st.fixed_dictionaries({"amount_minor": UTILIZATION, "currency": WINDOW_VALUES,
                                                       "exponent": WINDOW_VALUES}),
        "limit": WINDOW_VALUES}))})


def _used(value):
    """What the answer's percent means, or None when it is no reading."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if 0 <= value <= 1e15 else None


@settings(deadline=None)  # max_examples: the profile (conftest)
@given(payload=ANSWER)
def test_any_answer_gives_right_numbers_or_unknown(payload):
    try:
        result = mystatus.parse_claude(payload)
    except mystatus.MystatusError as exc:
        assert exc.msg.text == "unexpected answer: no quota in it"
        return
    for quota in result.quotas:
        left = quota.remaining_percent
        assert left is None or math.isfinite(left)
        if quota.id in ("five_hour", "seven_day"):
            window = payload.get(quota.id)
            if window is None:  # only the list gave it
                continue
            given_ = window.get("utilization") if isinstance(window, dict) else None
            used = _used(given_) if not isinstance(given_, str) else mystatus._numeric(given_)
            if used is not None and used < 0:
                used = None
            assert left == (None if used is None else 100 - used)
    text = mystatus.render_text(mystatus.Report(results=[result]), now=NOW_TS)
    assert "nan" not in text.lower() and "inf" not in text.lower()
    json.loads(mystatus.render_json(mystatus.Report(results=[result]), now=NOW_TS))


@settings(deadline=None)  # max_examples: the profile (conftest)
@given(utilization=UTILIZATION, reset=RESET, field=st.sampled_from(["five_hour", "seven_day"]),
       percent=UTILIZATION)
def test_one_window_reads_right_or_unknown(utilization, reset, field, percent):
    """One window, and the same window in the newer list (which then stands in
    for it only when the field is missing): 100 - used, or unknown."""
    kind = {"five_hour": "session", "seven_day": "weekly_all"}[field]
    for payload, given_ in (({field: {"utilization": utilization, "resets_at": reset}}, utilization),
                            ({"limits": [{"kind": kind, "percent": percent, "resets_at": reset}]}, percent)):
        (quota,) = mystatus.parse_claude(payload).quotas
        used = mystatus._numeric(given_) if isinstance(given_, str) else _used(given_)
        used = None if used is None or used < 0 else used
        assert quota.id == field and quota.remaining_percent == (None if used is None else 100 - used)
        assert quota.resets_at == mystatus.parse_time(reset)


def test_a_huge_list_is_bounded(home, server, capsys):
    home.auth(claude_auth())
    items = [{"kind": "weekly_scoped", "percent": i % 100, "scope": {"model": {"display_name": "M%d" % i}}}
             for i in range(5000)]
    server.route(CLAUDE_URL, Reply({"five_hour": {"utilization": 1}, "limits": items}))
    status, doc = claude_doc(capsys)
    assert len(doc[0]["quotas"]) == mystatus.MAX_ROWS
    assert doc[0]["notes"][-1].startswith("… and ")


def test_verbose_names_each_store_and_what_it_gave(home, server, capsys):
    home.auth(claude_auth())
    write_claude_code(home, claude_code())
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, _, err = report(capsys, "--verbose", "--only", "claude")
    assert status == 0
    assert "  ~/.local/share/opencode/auth.json: 1 credential: anthropic\n" in err
    assert "  ~/.claude/.credentials.json: skipped: an account another store already gives\n" in err
    assert CLAUDE_ACCESS not in err and CLAUDE_REFRESH not in err


def test_other_seven_day_windows_are_shown_by_their_name_once():
    result = mystatus.parse_claude({
        "five_hour": {"utilization": 3}, "seven_day_oauth_apps": {"utilization": 12, "resets_at": None},
        "seven_day_fable": {"utilization": 40}, "seven_day_cowork": None, "seven_day_x": {"utilization": None},
        "iguana_necktie": {"utilization": 5},  # a codename, not a window
        "limits": [{"kind": "weekly_scoped", "percent": 40, "scope": {"model": {"display_name": "Fable"}}}]})
    shown = [(q.id, mystatus.translate(q.label, {}), q.remaining_percent) for q in result.quotas]
    assert shown == [("five_hour", "5-hour limit", 97), ("model:oauth_apps", "OAuth apps: Weekly limit", 88),
                     ("model:fable", "Fable: Weekly limit", 60)]
