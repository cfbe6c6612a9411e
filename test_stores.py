"""OpenCode's credential stores as the real program keeps them: auth.json (or
OPENCODE_AUTH_CONTENT), every opencode.db row, the config files' apiKey and the
environment; each distinct credential reported once; reading never writes; a
hostile store is one line and never hides the others."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT, Reply, jwt
from payloads import (COPILOT_USER, DB_WRITER, GHO, NOW_TS, OPENAI_USAGE, PAT, ZHIPU_KEY, ZHIPU_QUOTA, make_db,
                      openai_auth, report, zai_row, zhipu_auth)

OTHER_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0.OtherKEY"
HOUR_MS = 3600 * 1000


def config(home, content, name="opencode.json"):
    return home.write(home.config / name, content)


def loaded(home, *providers):
    return mystatus.load_credentials(mystatus.Paths.from_env(home.environ), home.environ, set(providers),
                                     now=float(NOW_TS))


# Every store, every distinct credential #######################################


@pytest.mark.parametrize("store", ["auth.json", "OPENCODE_AUTH_CONTENT", "opencode.db", "config", "ZHIPU_API_KEY"])
def test_each_store_alone_gives_the_account(home, server, capsys, monkeypatch, store):
    if store == "auth.json":
        home.auth(zhipu_auth(name="zai-coding-plan"))
    elif store == "OPENCODE_AUTH_CONTENT":
        home.environ["OPENCODE_AUTH_CONTENT"] = json.dumps(zhipu_auth(name="zai-coding-plan"))
    elif store == "opencode.db":
        make_db(home.data / "opencode.db", [zai_row()])
    elif store == "config":
        config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": ZHIPU_KEY}}}})
    else:
        home.environ["ZHIPU_API_KEY"] = ZHIPU_KEY
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "## Z.ai account quota" in out and "Account: 9c89****AQVM\n" in out
    assert [r.header("Authorization") for r in server.hits("/zai/quota")] == [ZHIPU_KEY]


def test_one_key_in_every_store_is_one_account(home, server, capsys, monkeypatch):
    home.auth(zhipu_auth(name="zai-coding-plan"))
    make_db(home.data / "opencode.db", [zai_row()])
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": ZHIPU_KEY}}}})
    home.environ["ZHIPU_API_KEY"] = ZHIPU_KEY
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert out.count("Account: ") == 1 and "Account: 9c89****AQVM\n" in out  # one account, no source needed
    assert len(server.hits("/zai/quota")) == 1
    # The variable serves Zhipu AI and Z.ai; its key is already Z.ai's, so Zhipu AI is not asked with it.
    assert server.hits("/zhipu/quota") == [] and "Zhipu AI" not in out
    tried = dict(loaded(home, "zai", "zhipuai").tried)
    gave = {source: mystatus.translate(msg, {}) for source, msg in tried.items()}
    assert gave == {
        "~/.local/share/opencode/auth.json": "1 credential: zai",
        "~/.local/share/opencode/opencode.db": "1 credential: zai",
        "~/.config/opencode/config.json": "not found",
        "~/.config/opencode/opencode.json": "1 credential: zai",
        "~/.config/opencode/opencode.jsonc": "not found",
        "env:ZAI_API_KEY": "not set",
        "env:ZHIPU_API_KEY": "1 credential: zai; skipped: Zhipu AI: the key is Z.ai's",
    }


def test_two_keys_are_two_accounts_headed_with_their_sources(home, server, capsys):
    home.auth(zhipu_auth(name="zai-coding-plan"))
    make_db(home.data / "opencode.db", [zai_row(OTHER_KEY, label="personal")])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "Account: 9c89****AQVM, from auth.json\n" in out
    assert "Account: 0f1e****rKEY, from opencode.db: personal\n" in out
    assert sorted(r.header("Authorization") for r in server.hits("/zai/quota")) == sorted([ZHIPU_KEY, OTHER_KEY])
    _, out, _ = report(capsys, "--json")
    providers = json.loads(out)["providers"]
    assert [(p["provider"], p["account"], p["ok"]) for p in providers] == [
        ("zai", "9c89****AQVM", True), ("zai", "0f1e****rKEY", True)]
    results = mystatus.build_report(mystatus.Paths.from_env(home.environ), home.environ, {"zai"}, 5, float(NOW_TS))[0]
    assert [r.source for r in results.results] == ["~/.local/share/opencode/auth.json",
                                                   "~/.local/share/opencode/opencode.db: personal"]


def test_heading_in_chinese_names_the_source(home, server, capsys):
    home.auth(zhipu_auth(name="zai-coding-plan"))
    make_db(home.data / "opencode.db", [zai_row(OTHER_KEY, label="work")])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", "zh")
    assert "账号：0f1e****rKEY，来自 opencode.db: work" in out


# OpenCode's config files ######################################################


JSONC = """// OpenCode's config, as people write it
{
  "$schema": "https://opencode.ai/config.json", // a URL is not a comment
  /* a block
     comment, "with a string" inside */
  "provider": {
    "zai-coding-plan": {
      "options": {"baseURL": "https://api.z.ai//v4/*/", "apiKey": "%s",},
    },
  },
}
"""


def test_jsonc_comments_trailing_commas_and_slashes_in_strings(home, server, capsys):
    config(home, JSONC % ZHIPU_KEY, name="opencode.jsonc")
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert server.hits("/zai/quota")[0].header("Authorization") == ZHIPU_KEY


@pytest.mark.parametrize("text, expected", [
    ('{"a": "https://x//y"} // end', {"a": "https://x//y"}),
    ('{"a": "x\\"//y", /* c */ "b": [1, 2,],}', {"a": 'x"//y', "b": [1, 2]}),
    ('{"a": "/* not a comment */"}', {"a": "/* not a comment */"}),
    ('[1, // one\n 2, /* two */ ]', [1, 2]),
])
def test_strip_jsonc(text, expected):
    assert json.loads(mystatus.strip_jsonc(text)) == expected


def test_strip_jsonc_is_linear_on_hostile_text():
    import time

    start = time.thread_time()
    for text in ('"' + '\\"' * 300000, "/" * 600000, "," * 600000, '["a",' * 100000):
        mystatus.strip_jsonc(text)
    assert time.thread_time() - start < 10


def test_later_config_file_wins_as_in_opencode(home, server, capsys):
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": OTHER_KEY}}}}, name="config.json")
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": ZHIPU_KEY}}}}, name="opencode.json")
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    report(capsys)
    assert [r.header("Authorization") for r in server.hits("/zai/quota")] == [ZHIPU_KEY]


@pytest.mark.parametrize("reference", ["{env:MY_ZAI_KEY}", "{file:~/keys/zai.txt}", "{file:zai.key}"])
def test_env_and_file_references_are_resolved(home, server, capsys, monkeypatch, reference):
    home.environ["MY_ZAI_KEY"] = ZHIPU_KEY
    home.write(home.root / "keys" / "zai.txt", ZHIPU_KEY + "\n")
    home.write(home.config / "zai.key", "  " + ZHIPU_KEY + "\r\n")  # relative to the config's folder
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": reference}}}})
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert [r.header("Authorization") for r in server.hits("/zai/quota")] == [ZHIPU_KEY]


def test_unset_variable_is_no_key_and_a_missing_file_is_one_line(home, server, capsys):
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": "{env:NOT_SET_ANYWHERE}"}}}})
    status, out, _ = report(capsys)
    assert status == 4 and out.startswith("No AI coding subscription is configured.")
    config(home, {"provider": {"zai-coding-plan": {"options": {"apiKey": "{file:~/nowhere.txt}"}}}})
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1] == "- ~/.config/opencode/opencode.json: {file:~/nowhere.txt}: no such file"


@pytest.mark.parametrize("content, message", [
    ('{"provider": {"zai-coding-plan": ', "not valid JSON (line 1, column 34)"),
    ('{"provider": {} /* never closed', "a /* comment is never closed"),
    ('{"provider": {"zai-coding-plan": {"options": {"apiKey": 42}}}}',
     "provider.zai-coding-plan.options.apiKey is not text"),
])
def test_broken_config_is_one_line_and_others_still_show(home, server, capsys, content, message):
    config(home, content)
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys)
    assert status == 1 and err == ""
    assert "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == "- ~/.config/opencode/opencode.json: " + message


# Each kind of unusable source: (set it up, the source as shown, what is wrong).
BROKEN = {
    "auth.json": (lambda home, env: home.auth(b"{"), "~/.local/share/opencode/auth.json",
                  "not valid JSON (line 1, column 2)"),
    "OPENCODE_AUTH_CONTENT": (lambda home, env: env.update(OPENCODE_AUTH_CONTENT=" "), "OPENCODE_AUTH_CONTENT",
                              "empty"),
    "opencode.db": (lambda home, env: make_db(home.data / "opencode.db", [
        {"id": "x", "integration_id": "zai-coding-plan", "label": "work", "value": "{"}]),
        "~/.local/share/opencode/opencode.db: work", "zai-coding-plan is not valid JSON"),
    "config": (lambda home, env: config(home, '{"provider": {} /* never closed'), "~/.config/opencode/opencode.json",
               "a /* comment is never closed"),
    "config {file:}": (lambda home, env: config(home, {"provider": {"zai-coding-plan": {"options": {
        "apiKey": "{file:~/nowhere.txt}"}}}}),
        "~/.config/opencode/opencode.json", "{file:~/nowhere.txt}: no such file"),
    "antigravity-accounts.json": (lambda home, env: home.accounts({"accounts": 1}),
                                  "~/.config/opencode/antigravity-accounts.json", "no list of accounts"),
    "copilot-quota-token.json": (lambda home, env: home.pat({"token": PAT, "username": "octo", "tier": "gold"}),
                                 "~/.config/opencode/copilot-quota-token.json",
                                 "unknown tier 'gold'; use one of free, student, pro, pro+, max, business, enterprise"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_failure_names_its_source_once(home, server, capsys, monkeypatch, kind):
    setup, source, error = BROKEN[kind]
    setup(home, home.environ)
    name = os.path.basename(source.split(": ")[0])  # the file (or variable) itself
    assert name not in error
    status, out, err = report(capsys, "--json", "--verbose")
    assert status == 1
    assert json.loads(out)["errors"] == [{"source": source, "error": error}]
    tried = [line for line in err.splitlines() if line.startswith("  " + source.split(": ")[0] + ": ")]
    assert len(tried) == 1 and tried[0].count(name) == 1, err  # --verbose: "<source>: broken: <error>"
    status, out, _ = report(capsys)
    assert status == 1
    lines = out.splitlines()
    assert lines[lines.index("Failed to query accounts:") + 1:] == ["- %s: %s" % (source, error)]


def test_a_failure_in_chinese_names_its_source_once(home, server, capsys):
    home.auth(b"{")
    _, out, _ = report(capsys, "--lang", "zh")
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/auth.json：不是有效的 JSON（第 1 行第 2 列）"
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/auth.json：不是有效的 JSON（第 1 行第 2 欄）"


def test_a_broken_database_note_names_it_once(home, server, capsys):
    home.auth(zhipu_auth())
    home.write(home.data / "opencode.db", b"not a database, only text")
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys, "--verbose")
    assert status == 0 and "## Zhipu AI account quota" in out
    note = out.splitlines()[-1]
    assert note.startswith("Note: ~/.local/share/opencode/opencode.db: ") and note.count("opencode.db") == 1, note
    assert note.endswith("; its credentials are skipped")
    broken = [line for line in err.splitlines() if line.startswith("  ~/.local/share/opencode/opencode.db: ")]
    assert len(broken) == 1 and broken[0].count("opencode.db") == 1, err


# Sign-ins by account ##########################################################


def openai_token(email, account, n=1):
    return jwt({"https://api.openai.com/profile": {"email": email},
                "https://api.openai.com/auth": {"chatgpt_account_id": account}, "n": n})


def openai_row(access, expires, label="work", **metadata):
    return {"id": label, "integration_id": "openai", "label": label, "value": {
        "type": "oauth", "methodID": "chatgpt", "refresh": "rt-" + label, "access": access, "expires": expires,
        "metadata": metadata}}


@pytest.mark.parametrize("fresher", ["auth.json", "opencode.db"])
def test_one_account_keeps_its_freshest_token(home, server, capsys, fresher):
    in_auth, in_db = openai_token("a@example.com", "acct-a", 1), openai_token("a@example.com", "acct-a", 2)
    hours = (2, 1) if fresher == "auth.json" else (1, 2)
    home.auth(openai_auth(access=in_auth, expires=NOW_TS * 1000 + hours[0] * HOUR_MS))
    make_db(home.data / "opencode.db", [openai_row(in_db, NOW_TS * 1000 + hours[1] * HOUR_MS)])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert out.count("Account: ") == 1 and "Account: a@example.com (team)\n" in out
    expected = in_auth if fresher == "auth.json" else in_db
    assert [r.header("Authorization") for r in server.hits("/openai/usage")] == ["Bearer " + expected]


def test_expired_token_is_dropped_when_its_account_has_a_fresh_one(home, server, capsys):
    token = openai_token("a@example.com", "acct-a")
    home.auth(openai_auth(access=token, expires=NOW_TS * 1000 + HOUR_MS))
    make_db(home.data / "opencode.db", [openai_row(openai_token("a@example.com", "acct-a", 2),
                                                   NOW_TS * 1000 - HOUR_MS, accountID="acct-a")])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 0 and "expired" not in out
    assert [r.header("Authorization") for r in server.hits("/openai/usage")] == ["Bearer " + token]


def test_expired_token_alone_says_sign_in_again(home, server, capsys):
    make_db(home.data / "opencode.db", [openai_row(openai_token("a@example.com", "acct-a"), NOW_TS * 1000 - 1)])
    status, out, _ = report(capsys)
    assert status == 1 and server.hits("/openai/usage") == []
    assert out.splitlines() == [
        "Failed to query accounts:",
        "- OpenAI (a@example.com): OAuth token expired; use an OpenAI model once in OpenCode to refresh it"]


def test_two_openai_accounts_are_both_shown_with_their_sources(home, server, capsys):
    home.auth(openai_auth(access=openai_token("a@example.com", "acct-a")))
    make_db(home.data / "opencode.db", [openai_row(openai_token("b@example.com", "acct-b"),
                                                   NOW_TS * 1000 + HOUR_MS, label="work")])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "Account: a@example.com (team), from auth.json\n" in out
    assert "Account: b@example.com (team), from opencode.db: work\n" in out
    assert sorted(r.header("ChatGPT-Account-Id") for r in server.hits("/openai/usage")) == ["acct-a", "acct-b"]


def test_distinct_is_pure_and_keeps_first_seen_order():
    def key(k, source):
        return mystatus.ApiKey(provider="zai", key=k, source=source)

    def token(ids, expires, source):
        return mystatus.OAuthToken(provider="openai", access="t", account_ids=ids, expires=expires, source=source)

    now = 1000.0
    creds = [key("k1", "a"), key("k2", "b"), key("k1", "c"),
             token(("x",), 500, "old"), token(("y", "x"), 2_000_000, "new"), token(("y",), 3_000_000, "newest"),
             token(("z",), 10, "expired alone")]
    assert [c.source for c in mystatus.distinct(creds, now)] == ["a", "b", "newest", "expired alone"]


# Shapes that are not subscriptions ############################################


def test_openai_api_key_is_skipped_silently(home, server, capsys):
    home.auth({"openai": {"type": "api", "key": "sk-proj-abcdefghijklmnopqrstuvwxyz"}})
    make_db(home.data / "opencode.db", [{"id": "k", "integration_id": "openai", "label": "api",
                                         "value": {"type": "key", "key": "sk-proj-0123456789abcdefghij"}}])
    status, out, _ = report(capsys)
    assert status == 4, out  # skipped, not failed: nothing to check
    assert out.startswith("No AI coding subscription is configured.") and server.hits("/openai/usage") == []
    gave = {s: mystatus.translate(m, {}) for s, m in loaded(home, "openai").tried}
    assert gave["~/.local/share/opencode/auth.json"] == "skipped: OpenAI API key"
    assert gave["~/.local/share/opencode/opencode.db"] == "skipped: OpenAI API key"


def test_copilot_key_row_is_the_github_token(home, server, capsys):
    make_db(home.data / "opencode.db", [{"id": "g", "integration_id": "github-copilot", "label": "github",
                                         "value": {"type": "key", "key": GHO}}])
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "## GitHub Copilot account quota" in out
    assert server.hits("/github/copilot_internal/user")[0].header("Authorization") == "token " + GHO


@pytest.mark.parametrize("metadata, expected", [
    ({"accountID": "", "account_id": "acct-3"}, "acct-3"),
    ({"accountId": None, "accountID": "acct-2"}, "acct-2"),
    ({"accountId": "acct-1", "accountID": "acct-2"}, "acct-1"),
])
def test_account_id_spellings_first_non_empty_wins(home, server, capsys, metadata, expected):
    make_db(home.data / "opencode.db", [openai_row(openai_token("a@example.com", "acct-jwt"),
                                                   NOW_TS * 1000 + HOUR_MS, **metadata)])
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    report(capsys)
    assert server.hits("/openai/usage")[0].header("ChatGPT-Account-Id") == expected


@pytest.mark.parametrize("metadata", [{"enterpriseURL": "corp.ghe.com"},
                                      {"enterpriseUrl": "", "enterpriseURL": "corp.ghe.com"}])
def test_enterprise_url_spellings(home, metadata):
    make_db(home.data / "opencode.db", [{"id": "g", "integration_id": "github-copilot", "label": "github", "value": {
        "type": "oauth", "refresh": GHO, "access": GHO, "expires": 0, "metadata": metadata}}])
    assert loaded(home, "copilot").creds["copilot"][0].oauth.enterprise == "corp.ghe.com"


# Reading must not write #######################################################


def snapshot(folder):
    """Every file of a folder: name, size, mtime and hash."""
    found = {}
    for name in sorted(os.listdir(str(folder))):
        path = os.path.join(str(folder), name)
        with open(path, "rb") as handle:
            found[name] = (os.stat(path).st_size, os.stat(path).st_mtime_ns, hashlib.sha256(handle.read()).hexdigest())
    return found


@pytest.mark.parametrize("writer", ["killed", "open"])
def test_reading_changes_nothing_in_the_folder(home, server, capsys, writer):
    home.data.mkdir(parents=True)
    value = json.dumps({"type": "key", "key": ZHIPU_KEY})
    proc = subprocess.Popen([sys.executable, "-c", DB_WRITER, str(home.data / "opencode.db"), value, writer],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, universal_newlines=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        if writer == "killed":
            proc.wait(30)
        before = snapshot(home.data)
        assert {"opencode.db-wal", "opencode.db-shm"} <= set(before)
        server.route("/zai/quota", Reply(ZHIPU_QUOTA))
        for _ in range(2):
            status, out, _ = report(capsys)
            assert status == 0 and "## Z.ai account quota" in out, out  # the row is only in the WAL
            assert snapshot(home.data) == before
    finally:
        if proc.poll() is None:
            proc.communicate("done\n", timeout=30)


def test_database_without_wal_is_read_immutable_and_read_only(home, server, capsys):
    db = make_db(home.data / "opencode.db", [zai_row()])
    before = snapshot(home.data)
    assert set(before) == {"opencode.db"}
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out
    assert snapshot(home.data) == before
    assert db.exists()


# Hostile stores ###############################################################


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("where", ["auth.json", "copilot-quota-token.json", "opencode.json"])
def test_fifo_instead_of_a_credential_file_is_one_line(home, server, where):
    make_db(home.data / "opencode.db", [zai_row()])
    folder = home.data if where == "auth.json" else home.config
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(str(folder / where))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    # A process of its own, so that a read that blocks on the FIFO ends at the
    # timeout, not with the worker; -m, so that it starts from mystatus's
    # bytecode (run as a script, mystatus.py was compiled afresh each time).
    run = subprocess.run([sys.executable, "-m", "mystatus"], env=home.environ, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True, timeout=60, cwd=ROOT)
    assert run.returncode == 1 and run.stderr == ""
    assert "## Z.ai account quota" in run.stdout
    shown = ("~/.local/share/opencode/" if where == "auth.json" else "~/.config/opencode/") + where
    assert "- %s: not a regular file (a pipe or a device?)" % shown in run.stdout.splitlines()


def test_dangling_channel_database_is_skipped(home, server, capsys):
    home.data.mkdir(parents=True)
    os.symlink(str(home.data / "gone.db"), str(home.data / "opencode-beta.db"))
    make_db(home.data / "opencode-dev.db", [zai_row()])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out, out


def test_database_removed_between_listing_and_stat(home, server, capsys, monkeypatch):
    make_db(home.data / "opencode-dev.db", [zai_row()])
    listdir = os.listdir
    monkeypatch.setattr(mystatus.os, "listdir", lambda path: listdir(path) + ["opencode-gone.db"])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out, out


def test_dangling_opencode_db_is_a_note(home, server, capsys):
    home.data.mkdir(parents=True)
    os.symlink(str(home.data / "gone.db"), str(home.data / "opencode.db"))
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == "Note: ~/.local/share/opencode/opencode.db: a link to a missing file; skipped"


@pytest.mark.parametrize("value", ["[" * 30000 + "]" * 30000,  # under the 64 KiB a row may hold
                                   '{"type": "key", "key": "k", "metadata": ' + "[" * 30000 + "]" * 30000 + "}"])
def test_deeply_nested_row_is_one_line_and_others_still_show(home, server, capsys, value):
    home.auth(zhipu_auth())
    make_db(home.data / "opencode.db", [{"id": "x", "integration_id": "zai-coding-plan", "label": "deep",
                                         "value": value}])
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 1 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/opencode.db: deep: zai-coding-plan is not valid JSON"


@pytest.mark.parametrize("key", [ZHIPU_KEY + "\r\nX-Injected: 1", ZHIPU_KEY + "\n", "密钥" + ZHIPU_KEY])
def test_key_a_header_cannot_carry_is_one_line(home, server, capsys, key):
    home.auth(zhipu_auth(key=key, name="zai-coding-plan"))
    status, out, _ = report(capsys)
    assert status == 1 and server.hits("/zai/quota") == []
    assert out.splitlines() == [
        "Failed to query accounts:",
        "- ~/.local/share/opencode/auth.json: zai-coding-plan.key has a line break or a character an HTTP header "
        "cannot carry"]


def test_data_folder_name_that_is_not_utf8(home, server, capsys, monkeypatch, tmp_path):
    data = os.fsdecode(os.fsencode(str(tmp_path)) + b"/data-\xff")
    make_db(tmp_path / "seed.db", [zai_row()])
    os.makedirs(os.path.join(data, "opencode"))
    os.rename(str(tmp_path / "seed.db"), os.path.join(data, "opencode", "opencode.db"))
    home.environ["XDG_DATA_HOME"] = data
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out, out
    assert server.hits("/zai/quota")[0].header("Authorization") == ZHIPU_KEY


def test_rows_of_a_database_are_never_hidden_by_auth_json(home, server, capsys):
    """The database no longer wins silently, nor does auth.json: every row with
    a key of its own is asked too."""
    home.auth(zhipu_auth(name="zai-coding-plan"))
    make_db(home.data / "opencode.db", [zai_row(OTHER_KEY, label="a"), zai_row(ZHIPU_KEY, label="b")])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    report(capsys)
    assert sorted(r.header("Authorization") for r in server.hits("/zai/quota")) == sorted([ZHIPU_KEY, OTHER_KEY])


@pytest.mark.parametrize("beside, expected", [
    ("", "mode=ro&immutable=1"), ("-wal", "mode=ro&readonly_shm=1"), ("-journal", "mode=ro")])
def test_database_is_always_opened_read_only(home, monkeypatch, beside, expected):
    """immutable=1 alone opens read-write with O_CREAT: a database swapped away
    meanwhile would be created empty.  Every open is mode=ro."""
    import sqlite3

    db = make_db(home.data / "opencode.db", [zai_row()])
    if beside:
        home.write(home.data / ("opencode.db" + beside), b"")
    opened, connect = [], sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda target, **kw: opened.append(target) or connect(target, **kw))
    try:
        mystatus.read_db_credentials(str(db), {"zai-coding-plan"}, 1.0)
    except mystatus.MystatusError:
        pass  # an empty -wal or -journal may not be readable; the open is what counts
    assert [target.split("?")[1] for target in opened] == [expected]


def test_two_github_sign_ins_are_two_copilot_accounts(home, server, capsys):
    other = "gho_secondtokensecondtokensecond99"
    home.auth({"github-copilot": {"type": "oauth", "refresh": GHO, "access": GHO, "expires": 0}})
    make_db(home.data / "opencode.db", [
        {"id": "g", "integration_id": "github-copilot", "label": "work", "value": {"type": "key", "key": other}},
        {"id": "h", "integration_id": "github-copilot", "label": "same", "value": {"type": "key", "key": GHO}}])
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert sorted(r.header("Authorization") for r in server.hits("/github/copilot_internal/user")) == [
        "token " + GHO, "token " + other]
    assert "from auth.json" in out and "from opencode.db: work" in out and "opencode.db: same" not in out


def test_shared_variable_is_not_tried_where_a_file_gives_the_key_elsewhere(home, server, capsys, monkeypatch):
    """ZHIPU_API_KEY serves Zhipu AI and Z.ai; a bigmodel.cn key that auth.json
    gives to Zhipu AI is not sent to Z.ai, even with --only zai."""
    home.auth(zhipu_auth())
    home.environ["ZHIPU_API_KEY"] = ZHIPU_KEY
    status, out, _ = report(capsys, "--only", "zai")
    assert status == 4 and out.startswith("Not configured: Z.ai.")
    assert server.hits("/zai/quota") == []
    home.environ["ZHIPU_API_KEY"] = OTHER_KEY  # a key of its own: tried on both
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert [r.header("Authorization") for r in server.hits("/zai/quota")] == [OTHER_KEY]
    assert sorted(r.header("Authorization") for r in server.hits("/zhipu/quota")) == sorted([ZHIPU_KEY, OTHER_KEY])
    assert "Account: 0f1e****rKEY, from env:ZHIPU_API_KEY" in out


def test_a_store_is_named_by_its_file_whatever_its_folder_is_called(home, server, capsys, monkeypatch, tmp_path):
    """The report names a store by facts gathered when it was read, not by
    cutting the source's text: a folder named with a colon ("a:b/") was kept."""
    data = tmp_path / "a:b" / "data"
    home.environ["XDG_DATA_HOME"] = str(data)
    home.write(data / "opencode" / "auth.json", zhipu_auth(name="zai-coding-plan"))
    make_db(data / "opencode" / "opencode.db", [zai_row(OTHER_KEY, label="me/work: 2")])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "Account: 9c89****AQVM, from auth.json\n" in out
    assert "Account: 0f1e****rKEY, from opencode.db: me/work: 2\n" in out
