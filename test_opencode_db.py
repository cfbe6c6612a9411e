"""OpenCode 2's credential database (opencode.db): which row wins, older
schemas, channels, never written, unusable databases as notes; and read as
hostile input: only a real credential table, bounded in rows, bytes, time and
memory, found through a link as SQLite finds it, and a database that is not a
file said to be what it is."""

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT, Reply, Server, sigint_default
from payloads import (DB_WRITER, NOW_TS, OPENAI_ACCESS, OPENAI_USAGE, ZHIPU_KEY, ZHIPU_QUOTA, make_db, oauth_value,
                      openai_auth, report, zai_row, zhipu_auth)

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
    home.environ["OPENCODE_DB"] = str(home.root / "elsewhere" / "custom.db")
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
def test_unusable_database_is_a_note_and_auth_json_is_used(home, server, capsys, monkeypatch, kind):
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
        # The lock is waited for up to --timeout (at most 2 s): 0.2 s here,
        # while the request to the server keeps --timeout's 1 s to be answered.
        real = mystatus.read_db_credentials
        monkeypatch.setattr(mystatus, "read_db_credentials",
                            lambda path, keys, timeout, *rest: real(path, keys, min(timeout, 0.2), *rest))
    try:
        status, out, _ = report(capsys, "--timeout", "1")
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
    value = json.dumps({"type": "key", "key": ZHIPU_KEY})
    proc = subprocess.Popen([sys.executable, "-c", DB_WRITER, str(target), value, "killed"], stdout=subprocess.PIPE,
                            universal_newlines=True)
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


# Only a real table, bounded in rows, bytes, time and memory ###################

ENDLESS = ("CREATE VIEW credential AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
           "SELECT 'zai-coding-plan' AS integration_id, 'l' || i AS label, randomblob(2000) AS value, "
           "random() AS active, i AS time_updated, i AS time_created FROM r")


def sql_db(path, *statements):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_a_credential_view_over_an_endless_query_is_refused(home, tmp_path):
    """It ran forever, sorting hundreds of MiB into $TMPDIR, whatever --timeout said."""
    sql_db(home.data / "opencode.db", ENDLESS)
    home.auth(zhipu_auth())
    temp = tmp_path / "tmpdir"
    temp.mkdir()
    srv = Server()
    try:
        srv.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
        done = subprocess.run([sys.executable, "-m", "mystatus", "--timeout", "1"], env=home.env(srv, TMPDIR=str(temp)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    finally:
        srv.close()
    assert done.returncode == 0 and "## Zhipu AI account quota" in done.stdout, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == DB_NOTE.format("credential is a view, not a plain table; "
                                                          "not an OpenCode database?")
    assert os.listdir(str(temp)) == []


@pytest.mark.parametrize("statement, kind", [
    ("CREATE TABLE credential (id, integration_id, label, value AS (printf('%.*c', 1000000, 'x')), active)",
     "a table with computed columns"),
    ("CREATE VIRTUAL TABLE credential USING fts5(id, integration_id, label, value)", "a virtual table"),
])
def test_a_credential_table_that_computes_its_rows_is_refused(home, server, capsys, statement, kind):
    try:
        sql_db(home.data / "opencode.db", statement,
               "INSERT INTO credential (id, integration_id, label) VALUES ('a', 'zai-coding-plan', 'x')")
    except sqlite3.OperationalError as exc:  # an SQLite built without generated columns or FTS5
        pytest.skip(str(exc))
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == DB_NOTE.format("credential is %s, not a plain table; not an OpenCode database?"
                                                  % kind)


def test_a_slow_read_stops_at_its_deadline(home):
    make_db(home.data / "opencode.db", [zai_row(label="r%d" % i) for i in range(3000)])
    with pytest.raises(mystatus.MystatusError) as caught:
        mystatus.read_db_credentials(str(home.data / "opencode.db"), {"zai-coding-plan"}, 0.0)
    assert mystatus.translate(caught.value.msg, {}) == "not read within 0 s"


def test_the_database_read_ends_by_the_run_deadline_too(home, server, capsys):
    """--deadline bounds the whole run: a read allowed the whole --timeout
    would outlast it.  The note names the limit that stopped it."""
    make_db(home.data / "opencode.db", [zai_row(label="r%d" % i) for i in range(20000)])
    status, out, _ = report(capsys, "--timeout", "100", "--deadline", "0.001")
    assert server.requests == []
    assert out.splitlines()[-1] == DB_NOTE.format("not read by the run's deadline (0.001 s)")


# The harness: every progress call sleeps, so a small table takes a minute to
# read; the first call says the read has begun.
SLOW = """
import sqlite3, sys, time
connect = sqlite3.connect

class Slow(sqlite3.Connection):
    def set_progress_handler(self, handler, n):
        def slowly():
            if not slowly.told:
                slowly.told = print("reading", flush=True)  or True
            time.sleep(0.01)
            return handler()
        slowly.told = False
        super().set_progress_handler(slowly, 1)

sqlite3.connect = lambda *a, **k: connect(*a, factory=Slow, **k)
sys.argv = ["mystatus", "--timeout", "120"]
import mystatus
mystatus.run()
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process")
def test_ctrl_c_while_reading_the_database_ends_with_130(home):
    make_db(home.data / "opencode.db", [zai_row(label="r%d" % i) for i in range(200)])
    proc = subprocess.Popen([sys.executable, "-c", SLOW], env=home.env(), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True, preexec_fn=sigint_default)
    try:
        assert proc.stdout.readline() == "reading\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, (out, err)
    assert err == "mystatus: interrupted\n"


MEGA = "x" * (1 << 20)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory read from /proc")
def test_many_huge_rows_are_one_summary_line_and_little_memory(home, server):
    """400 rows of 1 MiB each gave 442 MiB RSS and 400 failure lines."""
    make_db(home.data / "opencode.db", [dict(zai_row(label="big%d" % i), value=MEGA) for i in range(100)]
            + [zai_row()])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    # The peak of this process image: getrusage's maxrss would count the pytest process it was forked from.
    script = ("import sys, mystatus; status = mystatus.main([]); "
              "sys.stderr.write([line for line in open('/proc/self/status') if line.startswith('VmHWM')][0]); "
              "sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", script], env=home.env(server), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert done.returncode == 1 and "## Z.ai account quota" in done.stdout, done.stdout
    failures = done.stdout.split("Failed to query accounts:\n")[1].splitlines()
    assert failures == [
        "- ~/.local/share/opencode/opencode.db: big99: value larger than 64 KiB",
        "- ~/.local/share/opencode/opencode.db: big98: value larger than 64 KiB",
        "- ~/.local/share/opencode/opencode.db: 98 more rows skipped: value larger than 64 KiB",
    ]
    rss_mib = int(done.stderr.split()[1]) >> 10
    assert rss_mib < 80, rss_mib  # 100 MiB of values were read into memory whole


def test_a_value_past_the_heap_limit_is_a_note(home):
    """One 300 MB value was loaded whole (to learn its length) and ended the
    run with a MemoryError.  A small limit and an 8 MiB value show the same, in
    a process of its own: SQLite's heap limit is process-wide and only lowers."""
    if sqlite3.sqlite_version_info < (3, 31):
        pytest.skip("no hard heap limit before SQLite 3.31")
    make_db(home.data / "opencode.db", [dict(zai_row(label="huge"), value="x" * (8 << 20))])
    script = "import mystatus; mystatus.MAX_DB_HEAP = 4 << 20; mystatus.run()"
    done = subprocess.run([sys.executable, "-c", script, "--only", "zai"], env=home.env(), cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert done.stderr == ""
    assert done.stdout.splitlines()[-1] == DB_NOTE.format("cannot read it (out of memory)")


def test_repeated_failures_in_chinese(home, server, capsys):
    make_db(home.data / "opencode.db", [dict(zai_row(label="b%d" % i), value="{") for i in range(5)])
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert out.splitlines()[-1] == ("- ~/.local/share/opencode/opencode.db："
                                    "另有 3 列已略過：zai-coding-plan 不是有效的 JSON")


def test_two_or_three_failures_are_all_shown(home, server, capsys):
    make_db(home.data / "opencode.db", [dict(zai_row(label="b%d" % i), value="{") for i in range(3)])
    _, out, _ = report(capsys)
    assert out.splitlines()[-3:] == ["- ~/.local/share/opencode/opencode.db: b%d: zai-coding-plan is not valid JSON" % i
                                     for i in (2, 1, 0)]


def test_rows_past_the_limit_are_a_note(home, server, capsys):
    rows = [dict(zai_row(label="old%d" % i), value="{}", time_updated=i) for i in range(mystatus.MAX_DB_ROWS)]
    make_db(home.data / "opencode.db", rows + [dict(zai_row(), time_updated=10 ** 6)])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert "## Z.ai account quota" in out  # the newest row is read
    assert out.splitlines()[-1] == ("Note: ~/.local/share/opencode/opencode.db: more than %d credential rows; "
                                    "only the newest %d are read" % ((mystatus.MAX_DB_ROWS,) * 2))


# Rows no platform reads are named under --verbose, never their values #########


def test_database_rows_no_platform_reads_are_named_for_verbose(home, server, capsys):
    make_db(home.data / "opencode.db", [
        zai_row(),
        {"id": "o", "integration_id": "openrouter", "label": "work", "value": {"type": "api", "key": "sk-or-SECRET1"}},
        {"id": "o2", "integration_id": "openrouter", "label": "home", "value": {"type": "api", "key": "sk-or-SECRET2"}},
        {"id": "m", "integration_id": "moonshotai-cn", "value": {"type": "api", "key": "sk-moon-SECRET3"}},
        {"id": "n", "integration_id": 42, "value": "SECRET4"},  # not text: named as written
        {"id": "b", "integration_id": b"z\xffa\x1b[31m", "value": "SECRET5"},  # not UTF-8, a control sequence
        {"id": "x", "integration_id": None, "value": "SECRET6"},
    ])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys, "--verbose")
    assert status == 0 and "## Z.ai account quota" in out
    (line,) = [line for line in err.splitlines() if line.startswith("  ~/.local/share/opencode/opencode.db: ")]
    assert line == ("  ~/.local/share/opencode/opencode.db: 1 credential: zai; "
                    "skipped: not read by mystatus: 42, moonshotai-cn, openrouter, z\ufffda?[31m")
    assert "SECRET" not in out + err and "\x1b" not in err


def test_rows_of_a_platform_not_asked_for_are_not_called_unread(home, server, capsys):
    make_db(home.data / "opencode.db", [zai_row(), {"id": "k", "integration_id": "kimi-code-plan-cn",
                                                    "value": {"type": "api", "key": "sk-kimi-SECRET"}}])
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, _, err = report(capsys, "--verbose", "--only", "zai")
    assert status == 0
    assert "  ~/.local/share/opencode/opencode.db: 1 credential: zai" in err.splitlines()


def test_many_unread_ids_are_named_up_to_the_limit_and_cut_short(home):
    long_id = "x" * 500
    make_db(home.data / "opencode.db", [zai_row()] + [
        {"id": "u%d" % n, "integration_id": "other-%03d" % n, "value": "{}"} for n in range(300)] + [
        {"id": "long", "integration_id": long_id, "value": "{}"}])
    paths = mystatus.Paths.from_env(home.environ)
    loaded = mystatus.load_credentials(paths, home.environ, {"zai"})
    gave = {source: mystatus.translate(msg, {}) for source, msg in loaded.tried}
    line = gave["~/.local/share/opencode/opencode.db"]
    ids = line.split("not read by mystatus: ")[1].split(", ")
    assert len(ids) == mystatus.MAX_ROWS and ids[0] == "other-000"
    assert all(len(i) <= mystatus.LABEL_LIMIT for i in ids)
    assert [c.provider for c in loaded.creds["zai"]] == ["zai"]  # the rows read are untouched


def test_listing_unread_ids_cut_by_the_deadline_keeps_the_rows_read(home):
    make_db(home.data / "opencode.db", [zai_row(), {"id": "o", "integration_id": "openrouter", "value": "{}"}])
    unread = []
    stopped = [True]  # as if the deadline had passed: the listing is given up, not the rows
    conn = sqlite3.connect(str(home.data / "opencode.db"))
    try:
        conn.set_progress_handler(lambda: 1, 1)
        assert mystatus._db_other_ids(conn, {"zai-coding-plan"}, stopped) == []
    finally:
        conn.close()
    rows = mystatus.read_db_credentials(str(home.data / "opencode.db"), {"zai-coding-plan"}, 5.0, unread,
                                        {"openai"})
    assert [row[0] for row in rows] == ["zai-coding-plan"] and unread == ["openrouter"]
