"""Codex CLI's sign-in (~/.codex/auth.json or $CODEX_HOME/auth.json) as an
OpenAI source, against the loopback fixture over HTTP and HTTPS: asked like
OpenCode's openai entry, one account found in both places shown once, an API
key alone skipped, expired tokens not sent, broken files one line, and the
file never written nor anything beside it."""

import json
import math
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mystatus

from conftest import Reply, both_schemes, snapshot_tree
from payloads import (CLAUDE_URL, CLAUDE_USAGE, CODEX_ACCOUNT, CODEX_ID_TOKEN, NOW_TS, OPENAI_USAGE, claude_code,
                      codex_access, codex_auth, openai_auth, report, write_claude_code, write_codex)

URL = "/openai/usage"


def openai_doc(capsys, *argv):
    status, out, _ = report(capsys, "--json", *argv)
    return status, [p for p in json.loads(out)["providers"] if p["provider"] == "openai"]


@both_schemes
def test_codex_sign_in_is_asked_like_opencodes(home, server, capsys):
    write_codex(home, codex_auth())
    server.route(URL, Reply(OPENAI_USAGE))
    status, out, err = report(capsys)
    (hit,) = server.hits(URL)
    assert hit.header("Authorization") == "Bearer " + codex_access()
    assert hit.header("ChatGPT-Account-Id") == CODEX_ACCOUNT
    assert status == 0 and err == ""
    assert "Account: codex@example.com (team)" in out and "85% remaining" in out
    _, doc = openai_doc(capsys)
    assert doc[0]["source"] == "~/.codex/auth.json" and doc[0]["account"] == "codex@example.com"
    _, line, _ = report(capsys, "--oneline")
    assert line == "OpenAI 77%\n"


@both_schemes
def test_codex_home_replaces_the_home_folder(home, server, capsys, monkeypatch):
    write_codex(home, codex_auth(account="acct-not-this-one"))
    folder = home.root / "work" / "codex"
    write_codex(home, codex_auth(), folder)
    home.environ["CODEX_HOME"] = str(folder)
    server.route(URL, Reply(OPENAI_USAGE))
    _, doc = openai_doc(capsys)
    assert [h.header("ChatGPT-Account-Id") for h in server.hits(URL)] == [CODEX_ACCOUNT]
    assert doc[0]["source"] == "~/work/codex/auth.json"


@both_schemes
def test_one_account_in_both_places_is_shown_once(home, server, capsys):
    home.auth(openai_auth(accountId=CODEX_ACCOUNT))  # OpenCode's own token, for the same ChatGPT account
    write_codex(home, codex_auth())
    server.route(URL, Reply(OPENAI_USAGE))
    status, doc = openai_doc(capsys)
    assert status == 0 and len(doc) == 1 and len(server.hits(URL)) == 1
    assert doc[0]["source"] == "~/.local/share/opencode/auth.json"  # the store whose token was used


@both_schemes
def test_the_fresher_sign_in_of_one_account_is_used_and_named(home, server, capsys):
    home.auth(openai_auth(accountId=CODEX_ACCOUNT, expires=(NOW_TS - 60) * 1000))
    write_codex(home, codex_auth())
    server.route(URL, Reply(OPENAI_USAGE))
    status, doc = openai_doc(capsys)
    assert status == 0 and len(doc) == 1 and doc[0]["source"] == "~/.codex/auth.json"
    assert server.hits(URL)[0].header("Authorization") == "Bearer " + codex_access()


@both_schemes
def test_two_accounts_are_two_results(home, server, capsys):
    home.auth(openai_auth())  # acct-from-jwt
    write_codex(home, codex_auth())
    server.route(URL, Reply(OPENAI_USAGE))
    status, doc = openai_doc(capsys)
    assert status == 0 and sorted(d["source"] for d in doc) == ["~/.codex/auth.json",
                                                                "~/.local/share/opencode/auth.json"]


@both_schemes
@pytest.mark.parametrize("content", [
    {"OPENAI_API_KEY": "sk-proj-codexapikey0123456789", "tokens": None},
    {"OPENAI_API_KEY": "sk-proj-codexapikey0123456789"},
    {"auth_mode": "apikey", "OPENAI_API_KEY": "sk-proj-codexapikey0123456789", "tokens": None,
     "last_refresh": None},
])
def test_an_api_key_alone_is_skipped_not_a_failure(home, server, capsys, content):
    write_codex(home, content)
    for argv in ([], ["--json"], ["--verbose"]):
        status, out, err = report(capsys, *argv)
        assert status == 4 and "sk-proj-codexapikey0123456789" not in out + err
    assert server.requests == []


@both_schemes
def test_an_expired_codex_token_is_one_line_and_not_sent(home, server, capsys):
    write_codex(home, codex_auth(access=codex_access(exp=NOW_TS - 1)))
    server.route(URL, Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 1 and "OAuth token expired; run Codex once to refresh it" in out
    assert server.requests == []


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(parents=True), "is a directory, not a file"),
    (lambda p: (p.parent.mkdir(parents=True), os.mkfifo(str(p))), "not a regular file (a pipe or a device?)"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_bytes(os.urandom(32) + b"\xff")), "not UTF-8 text"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_bytes(b" " * (50 << 20))),
     "larger than 1 MiB; not a credential file"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"tokens": "abc"}')), "tokens is not an object"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"tokens": {"refresh_token": "r"}}')),
     "tokens.access_token is missing"),
    (lambda p: (p.parent.mkdir(parents=True), p.write_text('{"tokens": {"access_token": "a\\nb"}}')),
     "tokens.access_token has a line break or a character an HTTP header cannot carry"),
])
def test_a_broken_codex_file_is_one_line_and_others_still_shown(home, server, capsys, make, message):
    make(home.root / ".codex" / "auth.json")
    home.auth(openai_auth())
    server.route(URL, Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 1 and "- ~/.codex/auth.json: " + message + "\n" in out
    assert "Account: dev@example.com (team)" in out


@both_schemes
def test_echoed_tokens_are_hidden(home, server, capsys):
    write_codex(home, codex_auth())

    def echo(handler):
        Reply({"error": {"message": "bad %s %s" % (handler.headers["Authorization"], CODEX_ID_TOKEN)}},
              status=401).send(handler)

    server.route(URL, echo)
    for argv in ([], ["--json"]):
        status, out, err = report(capsys, *argv)
        assert status == 1 and codex_access() not in out and CODEX_ID_TOKEN not in out
        assert "rt-codex-refresh-token-0123" not in out


@pytest.mark.parametrize("reply", [Reply(OPENAI_USAGE), Reply({"error": "x"}, status=401)])
def test_nothing_is_written_to_or_beside_the_codex_file(home, server, capsys, reply):
    write_codex(home, codex_auth())
    home.auth(openai_auth(accountId=CODEX_ACCOUNT, expires=(NOW_TS - 60) * 1000))
    server.route(URL, reply)
    before = snapshot_tree(home.root)
    report(capsys)
    report(capsys, "--json")
    assert snapshot_tree(home.root) == before
    assert all(r.path == URL for r in server.requests)  # no token endpoint: never refreshed


@both_schemes
def test_codex_and_claude_in_one_line_and_one_document(home, server, capsys):
    write_codex(home, codex_auth())
    write_claude_code(home, claude_code())
    os.chmod(str(home.root / ".codex" / "auth.json"), 0o644)  # read as OpenCode's auth.json is, whatever its mode
    server.route(URL, Reply(OPENAI_USAGE))
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    status, out, _ = report(capsys, "--oneline")
    assert status == 0 and out == "OpenAI 77% · Claude 23%\n"
    _, out, _ = report(capsys, "--json")
    assert [(p["provider"], p["source"]) for p in json.loads(out)["providers"]] == [
        ("openai", "~/.codex/auth.json"), ("anthropic", "~/.claude/.credentials.json")]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10 ** 20, 10 ** 20) | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
FIELDS = st.sampled_from(["access_token", "refresh_token", "id_token", "account_id", "accessToken", "refreshToken",
                          "expiresAt", "scopes", "subscriptionType"])
STORE = st.dictionaries(FIELDS, JSONISH | st.text(max_size=20), max_size=6)


@settings(deadline=None)  # max_examples: the profile (conftest)
@given(tokens=JSONISH | STORE, oauth=JSONISH | STORE, extra=st.dictionaries(st.text(max_size=8), JSONISH, max_size=3))
def test_any_vendor_file_gives_a_sign_in_nothing_or_one_clean_error(tokens, oauth, extra):
    for read, data in ((mystatus.read_codex_tokens, dict(extra, tokens=tokens)),
                       (mystatus.read_claude_code_oauth, dict(extra, claudeAiOauth=oauth))):
        try:
            found = read(data, "~/file.json")
        except mystatus.MystatusError as exc:
            assert isinstance(exc.msg, mystatus.Msg)
            continue
        assert found is None or isinstance(found.access, str) and found.access.strip()
        if found is not None:
            assert found.expires is None or math.isfinite(found.expires)
