"""What comes from outside, made fit to print: text from servers, credential
files and the environment is cleaned once, at the collection boundary, so every
renderer gets clean, bounded, finite data; secrets are hidden in each form they
were sent in, before anything is cut, and a token a server chose never rewrites
the finished report; an unwritable standard output is one line."""

import json
import os
import re
import subprocess
import sys
import tracemalloc
import unicodedata
import urllib.parse

import pytest

import mystatus
from conftest import ROOT, Reply, jwt
from payloads import (COPILOT_USER, NOW_TS, OPENAI_USAGE, ZHIPU_KEY, ZHIPU_QUOTA, copilot_auth, google_account,
                      make_db, openai_auth, report, zhipu_auth)

# OSC 52 (write the clipboard), BEL, clear screen, an 8-bit CSI, NUL, DEL, a
# right-to-left override, a zero-width space, an isolate, then a forged line.
EVIL = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\x00\x7f\u202e\u200b\u2066\r\nforged: 100% remaining"
EVIL_PATH = "\x1b]52;c;eA==\x07\x9b\u202e\u200b\nforged"  # a file name holds anything but NUL and /


def acted_on(text):
    """The characters of `text`, line breaks aside, that a terminal acts on instead of showing."""
    return [c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"))]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def strict_json(text):
    """json.loads that refuses NaN and Infinity, which are not JSON."""
    def refuse(name):
        raise ValueError("not JSON: " + name)
    return json.loads(text, parse_constant=refuse)


# Control characters ###########################################################


@pytest.mark.parametrize("char, replacement", [
    ("\x1b", "?"), ("\x07", "?"), ("\x00", "?"), ("\x7f", "?"), ("\x9b", "?"), ("\x85", " "),
    ("\u202a", "?"), ("\u202e", "?"), ("\u2066", "?"), ("\u2069", "?"), ("\u200e", "?"), ("\u200f", "?"),
    ("\u061c", "?"), ("\u200b", "?"), ("\u200d", "?"), ("\u2060", "?"), ("\ufeff", "?"), ("\udcff", "?"),
    ("\n", " "), ("\r", " "), ("\t", " "), ("\u2028", " "), ("\u2029", " "),
])
def test_clean_replaces_each_control_and_format_character(char, replacement):
    assert mystatus.clean("a" + char + "b") == "a" + replacement + "b"


def test_clean_keeps_what_is_shown_as_itself():
    text = "Gemini 3 Pro (高) — café\u00a0x\u3000y 🙂 …"
    assert mystatus.clean(text) == text


def evil_everywhere(home, server, monkeypatch):
    """A plan name, a model name, an error message, e-mails in a JWT and in
    antigravity-accounts.json, the PAT username and a Location host, each EVIL."""
    home.auth({**openai_auth(access=jwt({"https://api.openai.com/profile": {"email": EVIL}})), **zhipu_auth(),
               **zhipu_auth(name="zai-coding-plan")})
    home.accounts([google_account(email=EVIL), google_account(email=EVIL + "2", token=None)])
    home.pat({"token": "github_pat_11AAAAAAA0evilevilevilevil", "username": EVIL, "tier": "pro"})
    server.route("/openai/usage", Reply(dict(OPENAI_USAGE, plan_type=EVIL)))
    server.route("/zhipu/quota", Reply({"code": 1001, "success": False, "msg": EVIL}))
    # http.server sends header values as Latin-1: C0 and C1 codes, no brackets (a bracket is an IPv6 host).
    server.route("/zai/quota", Reply({}, status=302, headers={"Location": "http://ev\x1bP\x07\x9b2Jil.example/x"}))
    server.route("/google/token", Reply({"access_token": "ya29.access-evil-0123456789"}))
    server.route("/google/models", Reply({"models": {"m1": {"displayName": EVIL, "quotaInfo": {
        "remainingFraction": 0.5}}}}))
    # The billing API is not routed: its 404 names the user.


def test_no_control_character_from_outside_reaches_the_report(home, server, capsys, monkeypatch):
    evil_everywhere(home, server, monkeypatch)
    status, out, err = report(capsys)
    assert status == 1 and err == ""
    assert acted_on(out) == []
    assert not any(line.startswith("forged") for line in out.splitlines())
    # Each place was shown, made harmless.
    shown = "?]52;c;ZXZpbA==??[2J?31m????? forged: 100% remaining"
    assert "Account: %s (%s)" % (shown, shown) in out.splitlines()  # the JWT's e-mail, the plan
    assert "### " + shown in out.splitlines()  # the e-mail of antigravity-accounts.json
    assert shown + " - " + "█" * 10 in out  # the model's displayName
    assert "- Zhipu AI (9c89****AQVM): API error 1001: " + shown in out.splitlines()  # an error message
    assert "- Z.ai (9c89****AQVM): HTTP 302: redirected to ev?p??2jil.example; not followed" in out.splitlines()
    assert "- GitHub Copilot (%s): billing API: HTTP 404 for user %s" % (shown, shown) in out.splitlines()
    assert "- Google Antigravity (%s2): ~/.config" % shown in out  # an account that failed on reading


def test_no_control_character_from_outside_reaches_the_json(home, server, capsys, monkeypatch):
    evil_everywhere(home, server, monkeypatch)
    _, out, _ = report(capsys, "--json")
    assert acted_on(out) == []
    document = strict_json(out)
    texts = list(strings(document))
    assert acted_on("".join(texts)) == []
    assert "?]52;c;ZXZpbA==??[2J?31m????? forged: 100% remaining" in texts


def test_file_names_from_the_environment_are_shown_clean(home, capsys, monkeypatch):
    config = home.root / ("config" + EVIL_PATH)
    home.environ["XDG_CONFIG_HOME"] = str(config)
    status, out, _ = report(capsys)  # nothing configured: the help names the files
    assert status == 4 and acted_on(out) == [] and not any(line.startswith("forged") for line in out.splitlines())
    assert ("  Google Antigravity  auth.json, opencode.db, ~/config?]52;c;eA==???? forged/opencode/"
            "antigravity-accounts.json") in out
    (config / "opencode").mkdir(parents=True)
    (config / "opencode" / "antigravity-accounts.json").write_text("[]")
    for argv in ([], ["--json"]):
        status, out, _ = report(capsys, *argv)
        assert status == 1 and acted_on(out) == [] and not any(line.startswith("forged") for line in out.splitlines())
    assert strict_json(out)["errors"][0]["source"].endswith("config?]52;c;eA==???? forged/opencode/"
                                                            "antigravity-accounts.json")
    status, out, _ = report(capsys, "--install-opencode-command")
    assert status == 0 and acted_on(out) == [] and out.count("\n") == 2  # the command and the tool
    assert "config?]52;c;eA==???? forged/opencode/commands/mystatus.md" in out
    assert "config?]52;c;eA==???? forged/opencode/tools/mystatus.js" in out


def test_a_usage_error_does_not_replay_an_escape_sequence_it_was_given(capsys, tmp_path):
    status = None
    try:
        mystatus.main(["--only", "\x1b]52;c;eA==\x07openai"], env={"HOME": str(tmp_path)})
    except SystemExit as exc:
        status = exc.code
    err = capsys.readouterr().err
    assert status == 2 and "\x1b" not in err and "\x07" not in err
    assert "?]52;c;ea==?openai" in err  # --only lower-cases what it was given


# Bounded rendering ############################################################


def test_a_huge_name_and_thousands_of_models_make_a_small_report(home, server, capsys):
    models = {"m%04d" % i: {"quotaInfo": {}} for i in range(8999)}
    models["big"] = {"displayName": "A" * 600000, "quotaInfo": {"remainingFraction": 0.5}}
    body = json.dumps({"models": models})
    assert len(body) < mystatus.MAX_BODY  # an answer mystatus reads
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(raw=body, headers={"Content-Type": "application/json"}))
    tracemalloc.start()
    try:
        status, out, _ = report(capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    lines = out.splitlines()
    assert len(out) < 20000
    assert peak < 64 << 20  # 8 MB measured: the answer parsed, 50 rows laid out
    assert lines[3].startswith("A" * 59 + "… ")  # the name, cut, sorted first
    assert len([line for line in lines if line.startswith(("A", "m0"))]) == mystatus.MAX_ROWS
    assert "… and 8,950 more" in lines
    _, out, _ = report(capsys, "--json")
    (google,) = strict_json(out)["providers"]
    assert len(google["quotas"]) == 50 and google["notes"] == ["… and 8,950 more"]
    assert google["quotas"][0]["label"] == "A" * 59 + "…" and len(out) < 40000


def test_the_rows_note_is_translated(home, server, capsys):
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply({"models": {"m%d" % i: {"quotaInfo": {}} for i in range(1052)}}))
    _, out, _ = report(capsys, "--lang", "zh-Hans")
    assert "……另有 1,002 项未显示" in out.splitlines()


def test_every_label_a_server_chose_is_cut(home, server, capsys):
    long = "word " * 100
    home.auth(openai_auth())
    home.pat({"token": "github_pat_11AAAAAAA0longlonglonglong", "username": "octo", "tier": "pro"})
    usage = dict(OPENAI_USAGE, plan_type=long, credits={"has_credits": True, "balance": long},
                 additional_rate_limits=[{"limit_name": long, "rate_limit": {"primary_window": {"used_percent": 1}}}])
    server.route("/openai/usage", Reply(usage))
    billing = {"timePeriod": {"year": 2026, "month": 11}, "usageItems": [
        {"sku": "Copilot Premium Request", "model": long, "grossQuantity": 3}]}
    server.route("/github/users/octo/settings/billing/premium_request/usage", Reply(billing))
    _, out, _ = report(capsys)
    cut = "word " * 11 + "word…"  # 60 characters
    assert len(cut) == 60
    assert "Account: dev@example.com (%s)" % cut in out
    assert "Credits balance: " + cut in out
    assert cut + ": 1-minute limit" in out or cut + ": Usage limit" in out
    assert "Top models: %s 3" % cut in out
    assert max(len(line) for line in out.splitlines()) < 160


@pytest.mark.parametrize("key", ["k3y!", ZHIPU_KEY])
@pytest.mark.parametrize("shape", ["object", "list", "number"])
def test_a_zhipu_code_of_any_type_is_scrubbed_and_cut(home, server, capsys, key, shape):
    def echo(h):
        sent = h.headers["Authorization"]
        code = {"object": {"sent": sent, "pad": "y" * 5000}, "list": [sent] * 2000, "number": 1e999}[shape]
        Reply(raw=json.dumps({"code": code, "success": False, "msg": "\x1b[31mno"}).replace("Infinity", "1e999")
              ).send(h)

    home.auth(zhipu_auth(key=key))
    server.route("/zhipu/quota", echo)
    for argv in ([], ["--json"]):
        _, out, _ = report(capsys, *argv)
        assert key not in out and acted_on(out) == []
    last = report(capsys)[1].splitlines()[-1]
    assert last.startswith("- Zhipu AI (%s): API error " % mystatus.mask_key(key))
    assert len(last) < 2 * mystatus.ERROR_TEXT_LIMIT


# Numbers that are not finite ##################################################


def test_a_subnormal_allowance_is_unknown_not_a_crash(home, server, capsys):
    home.auth({**zhipu_auth(), **copilot_auth(expires=(NOW_TS + 600) * 1000)})
    server.route("/zhipu/quota", Reply(dict(ZHIPU_QUOTA, data={"limits": [
        {"type": "TOKENS_LIMIT", "usage": 1e-320, "currentValue": 500000},  # used / usage is infinite
        {"type": "TIME_LIMIT", "usage": 1e999, "currentValue": -1e999, "percentage": 1e999}]})))
    server.route("/github/copilot_internal/user", Reply(dict(COPILOT_USER, quota_snapshots={
        "premium_interactions": {"entitlement": 1e-320, "remaining": 5}})))
    status, out, err = report(capsys)
    assert (status, err) == (0, "")
    assert "internal error" not in out
    assert "5-hour token limit\nUsed: 0.5M\n" in out
    assert "Premium requests\nUsed: -5\nResets in:" in out  # no percentage, no allowance
    _, out, _ = report(capsys, "--json")
    document = strict_json(out)
    zhipu, copilot = document["providers"]
    assert [(q["remaining_percent"], q["used"], q["limit"]) for q in zhipu["quotas"]] == [
        (None, 500000, None), (None, None, None)]
    assert (copilot["quotas"][0]["remaining_percent"], copilot["quotas"][0]["limit"]) == (None, None)


def test_render_json_is_always_standard_json():
    quota = mystatus.Quota(id="x", label="x", remaining_percent=float("nan"), used=float("-inf"),
                           limit=float("inf"), unit="requests")
    result = mystatus.Result(provider="openai", quotas=[quota], credits=float("inf"))
    document = strict_json(mystatus.render_json(mystatus.Report(results=[result]), now=NOW_TS))
    (provider,) = document["providers"]
    assert [provider["quotas"][0][k] for k in ("remaining_percent", "used", "limit")] == [None, None, None]
    assert provider.get("credits") is None


def test_every_quota_number_is_guarded_in_one_place():
    quota = mystatus.Quota(id="x", label="x", remaining_percent=float("inf"), used=1e-320, limit=10 ** 30,
                           window_seconds=float("nan"), resets_at=float("-inf"), overage=5, limit_reached=True)
    result = mystatus.Result(provider="zai", quotas=[quota], top_models=[("a", float("inf")), ("b", 2)])
    mystatus._scrub_result(result, [])
    assert (quota.remaining_percent, quota.used, quota.limit, quota.window_seconds, quota.resets_at) == (None,) * 5
    assert (quota.overage, quota.limit_reached) == (5, True)
    assert result.top_models == [("b", 2)]


# Secrets, hidden once: every form, never a server's own word ##################


def test_the_memo_of_secret_forms_is_bounded_and_still_hides(monkeypatch):
    """A program running main() again and again (a status bar's daemon) gets a
    new access token each run: the memo of each secret's forms held every
    one for the life of the process.  It is bounded, and a secret let go is
    still hidden in every form when it comes back."""
    monkeypatch.setattr(mystatus, "_FORMS", {})
    secrets = ["tok/%05d+x" % n for n in range(3 * mystatus.FORMS_KEPT)]
    for secret in secrets:
        mystatus.secret_forms([secret])
    assert 0 < len(mystatus._FORMS) <= mystatus.FORMS_KEPT
    first = secrets[0]
    assert first not in mystatus._FORMS  # let go
    shown = mystatus.scrub("echo %s and %s" % (first, "tok%2F00000%2Bx"), mystatus.secret_forms([first]))
    assert shown == "echo **** and ****"


@pytest.mark.parametrize("token", ["null", "true", "hour"])
def test_a_token_a_server_chose_never_rewrites_the_report(home, server, capsys, token):
    home.auth({**zhipu_auth(), **copilot_auth(access=token, expires=(NOW_TS + 600) * 1000)})
    home.accounts([google_account()])
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    server.route("/google/token", Reply({"access_token": token}))
    server.route("/google/models", Reply({"models": {"m1": {"displayName": "Gemini null true hour", "quotaInfo": {
        "remainingFraction": 0.5}}}}))
    status, out, _ = report(capsys)
    assert status == 0 and "****" not in out.replace("9c89****AQVM", "")
    assert "5-hour token limit" in out and "Gemini null true hour" in out
    assert [r.header("Authorization") for r in server.hits("/github/copilot_internal/user")] == ["Bearer " + token]
    _, out, _ = report(capsys, "--json")
    assert "****" not in out.replace("9c89****AQVM", "")
    document = strict_json(out)
    assert [(p["provider"], p["ok"]) for p in document["providers"]] == [
        ("zhipuai", True), ("google", True), ("copilot", True)]
    assert document["providers"][1]["quotas"][0]["label"] == "Gemini null true hour"


def test_a_long_token_is_still_hidden_wherever_a_server_echoes_it(home, server, capsys):
    token = "ya29.a-long-access-token-0123456789"

    def echo(h):
        Reply({"models": {"m1": {"displayName": "for " + token, "quotaInfo": {}}}}).send(h)

    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": token}))
    server.route("/google/models", echo)
    for argv in ([], ["--json"]):
        _, out, _ = report(capsys, *argv)
        assert token not in out and "for ****" in out


def test_failures_are_scrubbed_too():
    report_ = mystatus.Report(failures=[("f", mystatus.M("{file}: {reason}", file="f", reason="key sk-0123456789abc"))])
    loaded = mystatus.Loaded(failures=report_.failures)
    scrubbed = mystatus._scrubbed(loaded.failures, ["sk-0123456789abc"])
    assert mystatus.translate(scrubbed[0][1], {}) == "f: key ****"


def test_a_database_label_holding_its_key_leaves_no_fragment(home, server, capsys):
    """The label was cut to 40 characters before secrets were hidden."""
    key = "0123456789abcdefghijklmnopqrstuvwxyzWXYZ"
    make_db(home.data / "opencode.db", [{"id": "r1", "integration_id": "kimi-for-coding", "label": "k" + key,
                                         "value": {"type": "key", "key": key}}])
    server.route("/kimi/usages", Reply({"x": 1}, status=500))
    for argv in (["--json", "--verbose"], ["--oneline"], []):
        _, out, err = report(capsys, *argv)
        for start in range(0, len(key) - 7):
            assert key[start:start + 8] not in out + err, (argv, start)


# A refresh token with a character each of its encodings (form, URL, JSON) changes.
REFRESH = "1//0gSecret/Refresh+Token=abc_DEF-0123456789"


@pytest.mark.parametrize("shape", ["body", "field", "php-json", "lower-hex"])
def test_a_refresh_token_echoed_in_the_encoding_it_was_sent_in_is_hidden(home, server, capsys, shape):
    def echo(h):
        body = server.hits("/google/token")[-1].body.decode()
        field = re.search("refresh_token=([^&]*)", body).group(1)
        text = {"body": "bad request: " + body,
                "field": "invalid_grant for %s" % field,
                "php-json": '{"error": "invalid_grant", "sent": "%s"}' % REFRESH.replace("/", "\\/"),
                "lower-hex": "invalid_grant for %s" % re.sub("%..", lambda m: m.group().lower(), field)}[shape]
        Reply(raw=text, status=400, headers={"Content-Type": "text/plain"}).send(h)

    home.accounts([google_account(token=REFRESH)])
    server.route("/google/token", echo)
    for argv in ([], ["--json"]):
        _, out, _ = report(capsys, *argv)
        assert "sign-in refused (HTTP 400: " in out
        assert "Secret" not in out and "Refresh" not in out and "0123456789" not in out


def test_secret_forms_cover_each_encoding():
    forms = mystatus.secret_forms([REFRESH, "plain-token-0123"])
    for form in (REFRESH, urllib.parse.quote(REFRESH, safe=""), urllib.parse.quote_plus(REFRESH),
                 urllib.parse.quote(REFRESH), json.dumps(REFRESH)[1:-1], REFRESH.replace("/", "\\/"),
                 urllib.parse.quote(REFRESH, safe="").lower().replace("secret", "Secret")):
        assert any(f.lower() == form.lower() for f in forms), form
    assert forms.count("plain-token-0123") == 1  # a form that equals the raw one is not repeated


def test_loaded_secrets_are_every_form_and_leave_out_short_server_tokens():
    loaded = mystatus.Loaded(creds={"zhipuai": [mystatus.ApiKey(provider="zhipuai", key="k3y!")],
                                    "copilot": [mystatus.OAuthToken(provider="copilot", access="null",
                                                                    refresh="gho_0123/456789")]})
    secrets = loaded.secrets()
    assert "k3y!" in secrets  # a key is the user's own: hidden whatever it is
    assert "null" not in secrets
    assert "gho_0123/456789" in secrets and "gho_0123%2F456789" in secrets


def test_a_short_token_a_server_chose_is_not_hidden_in_verbose(home, server, capsys):
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "google"}))
    server.route("/google/models", Reply({"models": {}}))
    server.route("/google/summary", Reply({"groups": []}))
    _, _, err = report(capsys, "--verbose")
    assert "/google/models 200" in err and "****" not in err


# An unwritable standard output ################################################


def spawn(tmp_path, argv=(), **kwargs):
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "PYTHONPATH": ROOT, "NO_PROXY": "*"}
    return subprocess.run([sys.executable] + list(argv), env=env, stderr=subprocess.PIPE, timeout=60, **kwargs)


@pytest.mark.parametrize("argv", [[], ["--json"], ["--version"], ["--help"], ["--install-opencode-command"]])
def test_a_full_disk_is_one_line_and_status_1(tmp_path, argv):
    with open("/dev/full", "w") as full:
        done = spawn(tmp_path, ["-m", "mystatus"] + argv, stdout=full)
    assert done.returncode == 1
    # Nothing is configured here: beside --json that is said on stderr first.
    told = "" if "--json" not in argv else mystatus.translate(mystatus.M("No AI coding subscription is configured. "
                                                                "mystatus reads:"), {})
    assert done.stderr.decode().startswith(told)
    assert done.stderr.decode().endswith("\nmystatus: cannot write the report: No space left on device\n"
                                         if told else "mystatus: cannot write the report: No space left on device\n")


def test_a_closed_stdout_is_one_line_and_status_1(tmp_path):
    done = spawn(tmp_path, ["-m", "mystatus"], preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr.decode() == "mystatus: cannot write the report: standard output is closed\n"
    # Closed after start-up: sys.stdout exists, each write fails.
    script = "import os, sys; os.close(1); sys.argv = ['mystatus']; import mystatus; mystatus.run()"
    done = spawn(tmp_path, ["-c", script])
    assert done.returncode == 1
    assert done.stderr.decode() == "mystatus: cannot write the report: Bad file descriptor\n"
