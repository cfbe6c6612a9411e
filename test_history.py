"""--record, --history, --on-event and --notify: a fixture driven through
sequences of answers, the events each sequence fires, the record on disk,
and every way the history file can be bad."""

import json
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
import threading

import pytest

import mystatus
from conftest import Reply, both_schemes, run_main
from payloads import (CLAUDE_ACCESS2, CLAUDE_REFRESH2, CLAUDE_URL, CLAUDE_USAGE, EARLIER, NOW_TS, OPENAI_ACCESS,
                      claude_auth, claude_code, write_claude_code)
from payloads import openai_auth as _openai_auth


def openai_auth(**extra):
    """A sign-in that stays valid through every sequence (and the real clock of a subprocess)."""
    return _openai_auth(expires=(NOW_TS + 20 * 365 * 86400) * 1000, **extra)


# A command that appends its MYSTATUS_* environment to a file, one JSON line an event.
LOGGER = r"""
import json, os, sys
with open(sys.argv[1], "a") as log:
    log.write(json.dumps({k: v for k, v in os.environ.items()
                          if k.startswith("MYSTATUS_") and not k.endswith("_URL")}) + "\n")
"""


def usage(used, reset_after=9000, reached=False, secondary=10):
    return {"plan_type": "plus", "rate_limit": {
        "limit_reached": reached,
        "primary_window": {"used_percent": used, "limit_window_seconds": 18000, "reset_after_seconds": reset_after},
        "secondary_window": {"used_percent": secondary, "limit_window_seconds": 604800,
                             "reset_after_seconds": 400000},
    }}


@pytest.fixture
def logger(tmp_path):
    script = tmp_path / "logger.py"
    script.write_text(LOGGER)
    log = tmp_path / "events.jsonl"

    def events():
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines()]

    command = " ".join(shlex.quote(part) for part in (sys.executable, str(script), str(log)))
    return command, events


def run(capsys, *argv, at=NOW_TS):
    return run_main(capsys, *argv, now=at)


def state(home):
    return home.root / ".local" / "state" / "mystatus"


@both_schemes
def test_high_low_exhausted_reset_each_fires_once_in_order(home, server, capsys, logger):
    command, events = logger
    home.auth(openai_auth())
    steps = [  # (seconds after the start, answer, what fires)
        (0, usage(50, 9000), None),  # first sample: nothing to compare with
        (300, usage(50, 8700), None),
        (600, usage(85, 8400), "low"),  # 85 % used: the threshold (80) reached
        (900, usage(90, 8100), None),  # still low: never again while it holds
        (1200, usage(100, 7800, reached=True), "exhausted"),
        (1500, usage(100, 7500, reached=True), None),
        (9300, usage(3, 17700), "reset"),  # the old reset time has passed and remaining rose
        (9600, usage(4, 17400), None),
    ]
    fired = []
    for offset, answer, kind in steps:
        server.route("/openai/usage", Reply(answer))
        status, out, err = run(capsys, "--on-event", command, "--json", at=NOW_TS + offset)
        assert "Traceback" not in err and json.loads(out)["providers"][0]["ok"], err
        if kind:
            fired.append(kind)
        assert [e["MYSTATUS_EVENT"] for e in events()] == fired, (offset, err)
    low, exhausted, reset = events()
    assert low == {
        "MYSTATUS_EVENT": "low", "MYSTATUS_PLATFORM": "openai", "MYSTATUS_ACCOUNT": "dev@example.com",
        "MYSTATUS_QUOTA": "5-hour limit", "MYSTATUS_QUOTA_ID": "primary", "MYSTATUS_REMAINING": "15",
        "MYSTATUS_RESETS_AT": "2026-11-22T14:30:00Z", "MYSTATUS_ERROR": "",
        "MYSTATUS_MESSAGE": "OpenAI (dev@example.com): 5-hour limit is low, 15% left"}
    assert exhausted["MYSTATUS_REMAINING"] == "0" and exhausted["MYSTATUS_MESSAGE"].endswith("5-hour limit has run out")
    assert reset["MYSTATUS_REMAINING"] == "97" and reset["MYSTATUS_RESETS_AT"] == "2026-11-22T19:30:00Z"


def test_answer_fail_answer_fires_failing_then_recovered(home, server, capsys, logger):
    command, events = logger
    home.auth(openai_auth())
    sequence = [Reply(usage(10)), Reply({"error": "down"}, status=503), Reply({"error": "down"}, status=503),
                Reply(usage(10)), Reply(usage(11))]
    for i, reply in enumerate(sequence):
        server.route("/openai/usage", reply)
        status, _, _ = run(capsys, "--on-event", command, at=NOW_TS + 300 * i)
        assert status == (1 if reply.status == 503 else 0)  # events never change the exit status
    failing, recovered = events()
    assert failing["MYSTATUS_EVENT"] == "failing" and failing["MYSTATUS_QUOTA"] == ""
    assert failing["MYSTATUS_ERROR"].startswith("HTTP 503")
    assert failing["MYSTATUS_MESSAGE"].startswith("OpenAI (dev@example.com): stopped answering: HTTP 503")
    assert recovered["MYSTATUS_EVENT"] == "recovered"
    assert recovered["MYSTATUS_MESSAGE"] == "OpenAI (dev@example.com): answers again"


def test_nothing_is_written_without_record_history_or_events(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys)
    run(capsys, "--json")
    assert not (home.root / ".local" / "state").exists()
    status, _, err = run(capsys, "--history")
    assert status == 4 and "no history yet" in err
    assert not (home.root / ".local" / "state").exists()  # reading makes nothing


def test_the_record_is_private_holds_no_secret_and_is_pruned(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record")
    folder, path = state(home), state(home) / "history.sqlite3"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    for secret in (OPENAI_ACCESS, "rt-openai-refresh-token", OPENAI_ACCESS.split(".")[1]):
        assert secret.encode() not in raw
    with sqlite3.connect(str(path)) as db:
        assert db.execute("SELECT count(*) FROM samples").fetchone() == (2,)  # two windows
        assert db.execute("SELECT platform, account FROM accounts").fetchall() == [("openai", "dev@example.com")]
    # 91 days on, the first run's rows are gone: only the new run's remain.
    run(capsys, "--record", at=NOW_TS + 91 * 86400)
    with sqlite3.connect(str(path)) as db:
        assert db.execute("SELECT DISTINCT t FROM samples").fetchall() == [(NOW_TS + 91 * 86400,)]
        assert db.execute("SELECT count(*) FROM series").fetchone() == (2,)


def test_a_loose_state_folder_and_file_are_made_private(home, server, capsys):
    """A folder or file that exists already (another tool's umask, a backup
    restored) is made 0700 / 0600 too: others could read the account names,
    and in a folder others may write to, history.sqlite3 could be swapped for
    a link between the checks and SQLite's own open."""
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    folder, path = state(home), state(home) / "history.sqlite3"
    run(capsys, "--record")
    os.chmod(str(folder), 0o777)
    os.chmod(str(path), 0o666)
    status, _, err = run(capsys, "--record", at=NOW_TS + 300)
    assert status == 0 and err == ""
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    # Only others' bits go: a folder the user made read-only stays read-only.
    os.chmod(str(folder), 0o555)
    try:
        run(capsys, "--record", at=NOW_TS + 600)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o500
    finally:
        os.chmod(str(folder), 0o700)


def test_xdg_state_home_is_used(home, server, capsys, monkeypatch, tmp_path):
    home.environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record")
    assert (tmp_path / "state" / "mystatus" / "history.sqlite3").is_file()


def test_a_relative_xdg_state_home_is_ignored_as_the_caches_is(home, server, capsys, monkeypatch, tmp_path):
    """The XDG specification: a relative path is invalid and ignored.  The
    history followed it, into whatever folder mystatus was run from."""
    monkeypatch.chdir(tmp_path)
    home.environ["XDG_STATE_HOME"] = "relative/state"
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    assert run(capsys, "--record")[0] == 0
    assert (state(home) / "history.sqlite3").is_file() and not (tmp_path / "relative").exists()


def test_a_state_folder_that_is_a_link_is_not_followed(home, server, capsys, tmp_path):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    state(home).parent.mkdir(parents=True)
    os.symlink(str(elsewhere), str(state(home)))
    status, out, err = run(capsys, "--record")
    assert status == 0 and "## OpenAI account quota" in out
    assert err == "mystatus: %s is a link; not followed\n" % state(home)
    assert list(elsewhere.iterdir()) == []


def test_a_state_home_that_is_not_utf8_is_used_as_given(home, server, capsys, monkeypatch, tmp_path):
    """XDG_STATE_HOME is bytes on POSIX: one that is not UTF-8 (Python holds it
    with surrogates) must still name the folder, not crash the SQLite URI."""
    raw = bytes(tmp_path) + b"/st\xff\x1b[2J"
    home.environ["XDG_STATE_HOME"] = os.fsdecode(raw)
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    status, out, err = run(capsys, "--record")
    assert (status, err) == (0, "") and "## OpenAI account quota" in out
    assert os.path.isfile(raw + b"/mystatus/history.sqlite3")
    status, out, err = run(capsys, "--history")
    assert (status, err) == (0, "") and "## OpenAI (dev@example.com)" in out


def test_two_runs_at_once_fire_one_event(home, server, logger):
    """Two cron jobs racing: each is told the quota is low, only one fires."""
    command, events = logger
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    env = home.env(server)
    argv = [sys.executable, "-m", "mystatus", "--on-event", command]
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=60)
    both = threading.Barrier(2)

    def once_both_ask(handler):  # both are asking before either records: waited for, not slept
        both.wait(30)
        Reply(usage(90)).send(handler)

    server.route("/openai/usage", once_both_ask)
    jobs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [job.communicate(timeout=60) for job in jobs]
    assert all(job.returncode == 3 for job in jobs), results  # high usage, reported by both
    assert all(b"mystatus:" not in err for _, err in results), results
    assert [e["MYSTATUS_EVENT"] for e in events()] == ["low"]


def test_a_damaged_history_is_moved_aside_and_the_report_printed(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    _, plain, _ = run(capsys)
    path = state(home) / "history.sqlite3"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(b"this is not a database at all" * 100)
    os.chmod(str(path), 0o600)
    status, out, err = run(capsys, "--record")
    assert status == 0 and out == plain
    aside = [p for p in path.parent.iterdir() if p.name.startswith("history.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert err.count("\n") == 1 and "was damaged; moved aside to" in err
    with sqlite3.connect(str(path)) as db:  # this run started the new one
        assert db.execute("SELECT count(*) FROM samples").fetchone() == (2,)
    status, out, err = run(capsys, "--record")
    assert (status, out, err) == (0, plain, "")


def test_a_locked_history_costs_one_note(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record")
    holder = sqlite3.connect(str(state(home) / "history.sqlite3"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        status, out, err = run(capsys, "--record", "--timeout", "0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 0 and "## OpenAI account quota" in out
    assert err == "mystatus: %s is busy (another mystatus?); this run is not recorded\n" % (
        state(home) / "history.sqlite3")


@pytest.mark.parametrize("make, says", [
    (lambda p: os.symlink(str(p.parent / "elsewhere"), str(p)), "is a link; not followed"),
    (lambda p: p.mkdir(), "is not a regular file"),
    (lambda p: os.mkfifo(str(p)), "is not a regular file"),
])
def test_a_history_file_that_is_not_ours_is_left_alone(home, server, capsys, make, says):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    path = state(home) / "history.sqlite3"
    path.parent.mkdir(parents=True, mode=0o700)
    make(path)
    status, out, err = run(capsys, "--record")
    assert status == 0 and "## OpenAI account quota" in out
    assert err.startswith("mystatus: ") and says in err and err.count("\n") == 1
    assert not (path.parent / "elsewhere").exists()  # a link is never followed


def test_a_history_from_a_newer_mystatus_is_not_touched(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    path = state(home) / "history.sqlite3"
    path.parent.mkdir(parents=True, mode=0o700)
    with sqlite3.connect(str(path)) as db:
        db.execute("PRAGMA user_version = 99")
    os.chmod(str(path), 0o600)
    before = path.read_bytes()
    status, _, err = run(capsys, "--record")
    assert status == 0 and "written by a newer mystatus" in err and path.read_bytes() == before


def test_a_failing_or_hanging_command_is_reported_and_changes_nothing(home, server, capsys, tmp_path, monkeypatch):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record")
    server.route("/openai/usage", Reply(usage(95)))
    status, out, err = run(capsys, "--on-event", "%s -c 'import sys; sys.exit(7)'" % shlex.quote(sys.executable),
                           at=NOW_TS + 300)
    assert status == 3 and "## OpenAI account quota" in out
    assert err.endswith("failed (exit status 7)\n") and "--on-event (low)" in err
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record", at=NOW_TS + 600)  # back to plenty, no command
    server.route("/openai/usage", Reply(usage(95)))
    marker = tmp_path / "after-sleep"
    script = tmp_path / "hang.py"
    script.write_text("import pathlib, sys, time\ntime.sleep(60)\npathlib.Path(sys.argv[1]).touch()\n")
    hang = " ".join(shlex.quote(part) for part in (sys.executable, str(script), str(marker)))
    # A command may run for --timeout; 0.2 s here, while the request before it
    # keeps --timeout's default to be answered on a busy machine.
    real = mystatus.run_commands
    monkeypatch.setattr(mystatus, "run_commands", lambda jobs, timeout, deadline: real(jobs, 0.2, deadline))
    status, out, err = run(capsys, "--on-event", hang, at=NOW_TS + 900)
    assert status == 3 and "## OpenAI account quota" in out
    assert "took more than 0.2 s; ended" in err
    assert not marker.exists()


def test_server_text_reaches_the_command_only_as_a_value(home, server, capsys, logger, tmp_path):
    """An account name with shell syntax and a control character: the command
    gets it cleaned, as one environment value, and nothing runs it."""
    command, events = logger
    evil = "x$(touch %s)`touch %s`;\x1b]0;t\x07\n|@~/.ssh/id_rsa" % (tmp_path / "a", tmp_path / "b")
    access = mystatus_jwt(evil)
    home.auth(openai_auth(access=access))
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--record")
    server.route("/openai/usage", Reply(usage(95)))
    _, out, _ = run(capsys, "--on-event", command, "--json", at=NOW_TS + 300)
    (event,) = events()
    assert event["MYSTATUS_ACCOUNT"] == json.loads(out)["providers"][0]["account"]  # as shown, cleaned and cut
    assert event["MYSTATUS_ACCOUNT"].startswith("x$(touch ")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert all(c.isprintable() for value in event.values() for c in value)


def mystatus_jwt(email):
    from conftest import jwt
    return jwt({"https://api.openai.com/profile": {"email": email},
                "https://api.openai.com/auth": {"chatgpt_account_id": "acct"}})


def test_an_unsplittable_command_is_one_note(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    status, out, err = run(capsys, "--on-event", "echo 'unclosed")
    assert status == 0 and "## OpenAI account quota" in out
    assert err == "mystatus: --on-event: cannot split the command (No closing quotation)\n"


def test_notify_passes_the_text_as_arguments(home, server, capsys, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "notified.json"
    fake = bin_dir / "notify-send"
    fake.write_text("#!%s\nimport json, sys\nopen(%r, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
                    % (sys.executable, str(log)))
    fake.chmod(0o755)
    home.environ["PATH"] = str(bin_dir)
    monkeypatch.setattr(sys, "platform", "linux")
    home.auth(openai_auth(access=mystatus_jwt("<b>boss</b>&co@example.com")))
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--notify")
    server.route("/openai/usage", Reply(usage(100, reached=True)))
    status, _, err = run(capsys, "--notify", at=NOW_TS + 300)
    assert err == ""
    (argv,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert argv == ["--app-name=mystatus", "--", "mystatus",
                    "OpenAI (&lt;b&gt;boss&lt;/b&gt;&amp;co@example.com): 5-hour limit has run out"]


def test_notify_without_a_notifier_says_so_once(home, server, capsys, tmp_path, monkeypatch):
    home.environ["PATH"] = str(tmp_path)  # nothing there
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(usage(10)))
    run(capsys, "--notify")
    server.route("/openai/usage", Reply(usage(100, reached=True)))
    status, out, err = run(capsys, "--notify", at=NOW_TS + 300)
    assert status == 3 and "## OpenAI account quota" in out
    assert err == "mystatus: --notify: no notify-send or osascript found; no notification shown\n"


# --history ####################################################################

def recorded(home, capsys, server, figures, start, step):
    """Record one OpenAI run per figure (percent used of the 5h window) from
    `start`, `step` seconds apart; the window resets every 5 hours."""
    home.auth(openai_auth())
    for i, used in enumerate(figures):
        at = start + i * step
        reset_after = 18000 - (at - start) % 18000
        server.route("/openai/usage", Reply(usage(used, reset_after, secondary=10)))
        run(capsys, "--record", at=at)


def test_history_sparkline_lowest_resets_and_rate(home, server, capsys, monkeypatch):
    home.environ["TZ"] = "Asia/Shanghai"
    start = NOW_TS - 86400  # one day, a sample an hour; the 5h window resets every 5 samples
    figures = [0, 20, 40, 60, 80] * 5
    recorded(home, capsys, server, figures, start, 3600)
    now = start + 24 * 3600
    status, out, err = run(capsys, "--history", "1", at=now)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Remaining over the last day, one mark per 0.9 hours:"
    five_hour = lines.index("## OpenAI (dev@example.com) · 5-hour limit")
    spark, lowest = lines[five_hour + 1].split("  ")
    # 28 marks for 24 hourly samples: 100, 80, 60, 40, 20 % left, reset, ...; every 7th mark has no sample.
    assert spark == "▇▆▅▃▂▇ ▆▅▃▂▇▆ ▅▃▂▇▆▅ ▃▂▇▆▅▃▂"
    assert lowest == "lowest 20% (Sun 11-22 00:00)"  # the first 20 % left (16:00 UTC), in Shanghai time
    # Every 5 hours from 17:00 UTC, in Shanghai time.
    assert lines[five_hour + 2] == "Resets seen: Sun 11-22 01:00, Sun 11-22 06:00, Sun 11-22 11:00, " \
                                   "Sun 11-22 16:00"
    assert lines[five_hour + 3] == "Burn rate measured: 20% an hour"
    status, out, _ = run(capsys, "--history", "1", "--json", at=now)
    (primary,) = [h for h in json.loads(out)["history"] if h["quota"] == "primary"]
    assert primary["lowest"] == {"at": "2026-11-21T16:00:00Z", "remaining_percent": 20}
    assert primary["burn_rate_percent_per_hour"] == 20 and len(primary["samples"]) == 25
    assert len(primary["resets"]) == 4 and primary["provider"] == "openai"
    status, out, _ = run(capsys, "--history", "1", "--ascii", at=now)
    assert "## OpenAI (dev@example.com) - 5-hour limit" in out and "▇" not in out


def test_history_of_some_platforms_only(home, server, capsys):
    recorded(home, capsys, server, [0, 50], NOW_TS - 7200, 3600)
    _, out, _ = run(capsys, "--history", "--only", "openai")
    assert "## OpenAI (dev@example.com)" in out
    _, out, _ = run(capsys, "--history", "--only", "kimi")
    assert out == "No figures recorded in the last 7 days.\n"


def test_history_in_chinese(home, server, capsys, monkeypatch):
    recorded(home, capsys, server, [0, 50], NOW_TS - 7200, 3600)
    home.environ["LANG"] = "zh_CN.UTF-8"
    status, out, _ = run(capsys, "--history", at=NOW_TS)
    assert status == 0 and "最低" in out and "lowest" not in out


def test_history_of_a_hand_edited_file_is_cleaned(home, server, capsys):
    recorded(home, capsys, server, [0, 50], NOW_TS - 7200, 3600)
    with sqlite3.connect(str(state(home) / "history.sqlite3")) as db:
        db.execute("UPDATE accounts SET account = ?", ("\x1b[2J" + "x" * 500,))
        db.execute("UPDATE samples SET remaining = 1e308")
    status, out, err = run(capsys, "--history", at=NOW_TS)
    assert status == 0 and "\x1b" not in out and "x" * 61 not in out


def test_history_of_a_hand_edited_platform_is_cleaned(home, server, capsys):
    """The platform column is outside text too: an id mystatus does not know
    is shown as written, so it must be cleaned like the account and label."""
    recorded(home, capsys, server, [0, 50], NOW_TS - 7200, 3600)
    with sqlite3.connect(str(state(home) / "history.sqlite3")) as db:
        db.execute("UPDATE accounts SET platform = ?", ("\x1b]52;c;aGk=\x07evil" + "p" * 500,))
    status, out, err = run(capsys, "--history", at=NOW_TS)
    assert status == 0 and "## ?]52;c;aGk=?evil" in out
    assert "\x1b" not in out and "\x07" not in out and "p" * 61 not in out


def test_history_of_a_damaged_file_is_one_line(home, capsys):
    path = state(home) / "history.sqlite3"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(b"garbage" * 1000)
    os.chmod(str(path), 0o600)
    status, out, err = run(capsys, "--history")
    assert status == 1 and out == "" and err.startswith("mystatus: cannot read ") and err.count("\n") == 1
    assert path.read_bytes() == b"garbage" * 1000  # reading never moves or mends it


def test_sparkline_marks():
    assert mystatus.sparkline([0, 50, 100, None, 99], False) == "▁▄▇ ▇"
    assert mystatus.sparkline([0, 50, 100, None, 99], True) == "_:# #"


def test_concurrent_record_in_threads_is_serialised(home, server, capsys, tmp_path):
    """record() from two threads at once: one transaction each, both rows kept."""
    home.auth(openai_auth())
    report = mystatus.Report(results=[mystatus.Result(provider="openai", account="a", quotas=[
        mystatus.Quota(id="q", label="Q", remaining_percent=50.0)])])
    env = {"HOME": str(home.root)}
    outcomes = []
    threads = [threading.Thread(target=lambda t=t: outcomes.append(mystatus.record(report, env, t, 80, 5)))
               for t in (NOW_TS, NOW_TS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [([], []), ([], [])]
    with sqlite3.connect(str(state(home) / "history.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM samples").fetchone() == (2,)


def test_two_unnamed_accounts_of_one_platform_are_two_histories(home, server, capsys, logger):
    """Claude sign-ins carry no e-mail: OpenCode's and Claude Code's are both
    shown unnamed.  With one of them expired (common: neither is ever
    refreshed) and nothing changing, no run may fire an event, and each
    keeps its own figures."""
    command, events = logger
    home.auth(claude_auth(access=CLAUDE_ACCESS2, refresh=CLAUDE_REFRESH2, expires=(NOW_TS + 86400) * 1000))
    write_claude_code(home, claude_code(expires=EARLIER))
    server.route(CLAUDE_URL, Reply(CLAUDE_USAGE))
    for i in range(3):
        status, out, err = run(capsys, "--on-event", command, at=NOW_TS + 300 * i)
        assert status == 1 and err == ""
    assert events() == []
    with sqlite3.connect(str(state(home) / "history.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM accounts").fetchone() == (2,)
