"""--deadline: one instant at which the whole run ends.  The wait for another
run's cache lock, the requests, --record and the --on-event/--notify commands
each get what is left of it; none starts a clock of its own.  Outcomes are
checked where they differ (asked or not, ended by which limit); where only
wall time can tell, its bound is far from what a busy machine adds."""

import fcntl
import os
import shlex
import sqlite3
import sys
import time

import pytest

import mystatus
from conftest import Reply, run_main
from payloads import NOW_TS, ZHIPU_KEY, ZHIPU_QUOTA, zhipu_auth

ZHIPU = "/zhipu/quota"
ZHIPU_SHOWN = ZHIPU_KEY[:4] + "****" + ZHIPU_KEY[-4:]
BUSY = {"code": 500, "msg": "busy", "success": False}


def at(capsys, seconds, *argv):
    return run_main(capsys, *argv, now=NOW_TS + seconds)


def accounts_recorded(home):
    """(answered, when) of each account in the history."""
    path = home.root / ".local" / "state" / "mystatus" / "history.sqlite3"
    with sqlite3.connect(str(path)) as db:
        return db.execute("SELECT up, seen FROM accounts").fetchall()


@pytest.fixture
def held_lock(home):
    """The cache's lock taken by another holder for the whole test.  flock()
    locks belong to an open file, so this descriptor holds it against the
    run's own as another process's would."""
    folder = mystatus.private_folder("cache", home.environ)
    fd = os.open(os.path.join(folder, mystatus.CACHE_LOCK), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield
    os.close(fd)


@pytest.fixture
def hang(tmp_path):
    """A command that would run a minute and then leave a mark."""
    marker = tmp_path / "hook-finished"
    script = tmp_path / "hang.py"
    script.write_text("import pathlib, sys, time\ntime.sleep(60)\npathlib.Path(sys.argv[1]).touch()\n")
    return " ".join(shlex.quote(part) for part in (sys.executable, str(script), str(marker))), marker


def test_the_default_is_computed_in_one_place():
    assert mystatus.default_deadline(10) == 41  # --help says: 4 timeouts and 1 s
    with open(mystatus.__file__, encoding="utf-8") as f:
        assert f.read().count("MAX_CHAIN *") == 1


def test_the_lock_wait_the_requests_the_record_and_the_commands_share_one_instant(home, server, capsys,
                                                                                    monkeypatch):
    """Each part is handed the same instant, --deadline seconds after the run
    started, not seconds of its own counted from when it begins."""
    seen = {}

    class Lock(mystatus.PrivateLock):
        def __init__(self, folder, name, ends):
            seen["lock"] = ends
            super().__init__(folder, name, ends)

    class Pool(mystatus.Pool):
        def __init__(self, workers, deadline, ends=None):
            super().__init__(workers, deadline, ends)
            seen["requests"] = self.ends

    def record(report, env, now, threshold, timeout):
        seen["record"] = timeout
        return real_record(report, env, now, threshold, timeout)

    def run_commands(jobs, timeout, deadline):
        seen["commands"] = deadline.ends
        return []

    real_record = mystatus.record
    monkeypatch.setattr(mystatus, "PrivateLock", Lock)
    monkeypatch.setattr(mystatus, "Pool", Pool)
    monkeypatch.setattr(mystatus, "record", record)
    monkeypatch.setattr(mystatus, "run_commands", run_commands)
    home.auth(zhipu_auth())
    server.route(ZHIPU, Reply(ZHIPU_QUOTA))
    at(capsys, -600, "--record")
    server.route(ZHIPU, Reply(BUSY, status=500))  # a "failing" event: there is a command to run
    before = time.monotonic()
    status, _, _ = at(capsys, 0, "--json", "--max-age", "60", "--on-event", "true", "--deadline", "30")
    after = time.monotonic()
    assert status == 1 and set(seen) == {"lock", "requests", "record", "commands"}
    assert seen["lock"] == seen["requests"] == seen["commands"]
    assert before + 30 <= seen["lock"] <= after + 30
    assert 0 <= seen["record"] <= 10  # the history's wait: --timeout, or what is left if less


def test_a_run_that_waited_its_whole_deadline_for_the_lock_asks_no_one(home, server, capsys, held_lock):
    """Another run holds the cache's lock past this run's deadline: the wait
    ends at the deadline and so does the run.  (Before, the requests started
    then with a whole deadline of their own: twice as long.)"""
    home.auth(zhipu_auth())
    server.route(ZHIPU, Reply(ZHIPU_QUOTA))
    status, out, _ = at(capsys, 0, "--max-age", "60", "--deadline", "0.5")
    assert status == 1
    assert [line for line in out.splitlines() if line.startswith("- Zhipu AI (")] == \
        ["- Zhipu AI (%s): not asked: the run ended at its deadline (0.5 s)" % ZHIPU_SHOWN]
    assert server.hits(ZHIPU) == []


def test_commands_after_a_slow_collection_get_only_what_is_left(home, server, capsys, hang):
    """The answer takes 0.25 s of a 2.25 s deadline; the --on-event command
    that would run a minute is ended at the deadline, not after --timeout
    (20 s).  The 2 s to spare are for a busy machine, or the account would
    have no answer and no event (1 s was once too little); the answer's own
    delay need only make the collection slow, not long, as the run waits
    out the whole deadline anyway."""
    command, marker = hang
    home.auth(zhipu_auth())
    server.route(ZHIPU, Reply(ZHIPU_QUOTA))
    at(capsys, -600, "--record")
    server.route(ZHIPU, Reply(BUSY, status=500, delay=0.25))
    started = time.monotonic()
    status, out, err = at(capsys, 0, "--on-event", command, "--timeout", "20", "--deadline", "2.25")
    took = time.monotonic() - started
    assert status == 1 and "- Zhipu AI (%s): HTTP 500: busy" % ZHIPU_SHOWN in out.splitlines()
    assert err.splitlines() == ["mystatus: --on-event (failing): %s still running at the run's deadline (2.25 s); "
                                "ended" % sys.executable]
    assert took < 15 and not marker.exists()  # 2.25 s and what a busy machine adds; --timeout would have been 21 s


def test_a_collection_that_took_the_whole_deadline_leaves_commands_unstarted_but_is_recorded(
        home, server, capsys, hang):
    """Nothing is left for the command: it is not started (a start at the
    deadline would only be ended at once).  The record is still written: it
    is a local write that only waits, and then not at all, for a busy file."""
    command, marker = hang
    home.auth(zhipu_auth())
    server.route(ZHIPU, Reply(ZHIPU_QUOTA))
    at(capsys, -600, "--record")
    server.route(ZHIPU, server.silent())
    status, out, err = at(capsys, 0, "--on-event", command, "--timeout", "20", "--deadline", "0.5")
    assert status == 1 and "- Zhipu AI (%s): no answer within 0.5 s" % ZHIPU_SHOWN in out.splitlines()
    assert err == "mystatus: --on-event (failing): not run: the run ended at its deadline (0.5 s)\n"
    assert accounts_recorded(home) == [(0, NOW_TS)]  # this run's failure
    assert not marker.exists()


def test_commands_whose_turn_comes_after_the_deadline_are_not_started(tmp_path):
    ran = tmp_path / "ran"
    jobs = [([sys.executable, "-c", "open(%r, 'w')" % str(ran)], dict(os.environ), mystatus.M("--notify (low)"))]
    notes = mystatus.run_commands(jobs, 10, mystatus.Deadline(5, ends=time.monotonic() - 1))
    assert [mystatus.translate(note, {}) for note in notes] == \
        ["--notify (low): not run: the run ended at its deadline (5 s)"]
    assert not ran.exists()


def test_a_command_ended_by_its_own_timeout_still_says_so(tmp_path):
    # The command sleeps a minute: it is still running at its timeout however
    # busy the machine (started or not), so the timeout can be short.
    jobs = [([sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ), mystatus.M("--notify (low)"))]
    notes = mystatus.run_commands(jobs, 0.1, mystatus.Deadline(100))
    assert [mystatus.translate(note, {}) for note in notes] == \
        ["--notify (low): %s took more than 0.1 s; ended" % sys.executable]


@pytest.mark.parametrize("lang, text", [("zh-Hans", "未运行：运行已到截止时间（0.5 秒）"),
                                        ("zh-Hant", "未執行：執行已到截止時間（0.5 秒）")],
                         ids=["zh-Hans", "zh-Hant"])
def test_the_new_lines_are_translated(lang, text):
    catalog = mystatus.load_catalog(lang, {})[1]
    note = mystatus.M("{what}: not run: the run ended at its deadline ({seconds} s)", what="--notify", seconds="0.5")
    assert text in mystatus.translate(note, catalog)
    ended = mystatus.M("{what}: {command} still running at the run's deadline ({seconds} s); ended",
                       what="--notify", command="x", seconds="0.5")
    assert "0.5" in mystatus.translate(ended, catalog) and mystatus.translate(ended, catalog) != \
        mystatus.translate(ended, {})
