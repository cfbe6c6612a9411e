"""OpenCode 2's credential database (opencode.db): which row wins, older
schemas, channels, never written, unusable databases as notes; and read as
hostile input: only a real credential table, bounded in rows, bytes, time and
memory, found through a link as SQLite finds it, and a database that is not a
file said to be what it is."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import Reply
from payloads import (NOW_TS, OPENAI_ACCESS, OPENAI_USAGE, ZHIPU_KEY, ZHIPU_QUOTA, make_db, oauth_value, openai_auth,
                      report, zhipu_auth)
from test_stores import WRITER

DB_NOTE = "Note: ~/.local/share/opencode/opencode.db: {}; its credentials are skipped"


# Which row wins ###############################################################


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


# Where the database is ########################################################


def test_linked_database_reads_the_wal_beside_its_target(home, server, capsys, tmp_path):
    """SQLite keeps -wal beside the real file, not beside the link: a row
    written since the last checkpoint is only there."""
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    target = elsewhere / "opencode.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), json.dumps({"type": "key", "key": ZHIPU_KEY}),
                             "killed"], stdout=subprocess.PIPE, universal_newlines=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.wait(30)
    assert (elsewhere / "opencode.db-wal").exists()
    home.data.mkdir(parents=True)
    os.symlink(str(target), str(home.data / "opencode.db"))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out, out
    assert sorted(os.listdir(str(home.data))) == ["opencode.db"]  # nothing created beside the link


@pytest.mark.parametrize("kind, told", [
    ("directory", "is a directory, not a file"),
    pytest.param("fifo", "not a regular file (a pipe or a device?)",
                 marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
])
def test_database_that_is_not_a_file_says_what_it_is(home, server, capsys, kind, told):
    home.auth(zhipu_auth())
    home.data.mkdir(parents=True, exist_ok=True)
    where = home.data / "opencode.db"
    if kind == "directory":
        where.mkdir()
    else:
        os.mkfifo(str(where))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys, "--verbose")
    assert status == 0 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == DB_NOTE.format(told)
    assert "  ~/.local/share/opencode/opencode.db: broken: %s" % told in err.splitlines()


def test_database_that_is_a_directory_in_chinese(home, server, capsys):
    home.auth(zhipu_auth())
    (home.data / "opencode.db").mkdir(parents=True)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", "zh-Hans")
    assert out.splitlines()[-1] == "提示：~/.local/share/opencode/opencode.db：是目录而不是文件；跳过其中的凭据"
