"""stderr is best effort: with it closed, on a full device or a pipe nobody
reads, the report still reaches stdout and the exit status is the documented
one (never 1 for "cannot write", 120 for a failed flush or 141 for a pipe)."""

import os
import subprocess
import sys

import pytest

from conftest import Reply, Server
from payloads import ZHIPU_QUOTA, zhipu_auth


def run_with_stderr(home, server, argv, how):
    """mystatus in a subprocess with stderr closed, on /dev/full or on a pipe
    whose reader has gone: (exit status, stdout text)."""
    command = [sys.executable, "-m", "mystatus"] + argv
    env = home.env(server)
    if how == "closed":
        # Closed in the child before Python starts: sys.stderr is None.
        done = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh"] + command, env=env, stdout=subprocess.PIPE,
                              timeout=60)
        return done.returncode, done.stdout.decode()
    if how == "full":
        with open("/dev/full", "w") as full:
            done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=full, timeout=60)
        return done.returncode, done.stdout.decode()
    read, write = os.pipe()
    os.close(read)  # the reader has gone before anything is written
    try:
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=write, timeout=60)
    finally:
        os.close(write)
    return done.returncode, done.stdout.decode()


HOW = ["closed", pytest.param("full", marks=pytest.mark.skipif(not os.path.exists("/dev/full"),
                                                                reason="no /dev/full")), "pipe"]


@pytest.fixture
def served(home):
    srv = Server()
    yield home, srv
    srv.close()


@pytest.mark.parametrize("how", HOW)
def test_verbose_report_survives_an_unwritable_stderr(served, how):
    home, srv = served
    home.auth(zhipu_auth())
    srv.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out = run_with_stderr(home, srv, ["--verbose"], how)
    assert status == 0, (status, out)
    assert "## Zhipu AI account quota" in out


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("mode", ["--json", "--oneline"])
def test_nothing_configured_keeps_its_status_and_output(served, how, mode):
    home, srv = served
    status, out = run_with_stderr(home, srv, [mode], how)
    assert status == 4, (status, out)
    if mode == "--json":
        assert out.startswith("{") and '"providers": []' in out
    else:
        assert out == "No subscription configured\n"


@pytest.mark.parametrize("how", HOW)
def test_a_failure_report_keeps_status_1_and_a_usage_error_2(served, how):
    home, srv = served
    home.auth("{")  # broken: the report says so on stdout, status 1
    status, out = run_with_stderr(home, srv, [], how)
    assert status == 1 and "auth.json: not valid JSON (line 1, column 2)" in out, (status, out)
    status, out = run_with_stderr(home, srv, ["--no-such-option"], how)
    assert status == 2 and out == ""
