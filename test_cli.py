"""Cron and scripts: --json, --threshold, --alert-only, --only, --ascii, exit
statuses, encodings, Traditional Chinese, pipes and Ctrl-C."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, Home, Reply, Server, sigint_default
from payloads import (GOOGLE_MODELS, OPENAI_HIGH, OPENAI_USAGE, ZHIPU_QUOTA, google_account, openai_auth, report,
                      zhipu_auth)

def both_googles(home, server):
    home.accounts([google_account(), google_account(email=None, token="1//second-refresh-0123456789")])
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))


# --json #######################################################################


def test_json_document_follows_schema_1_in_any_language(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_TW.UTF-8"  # the document is the same whatever the locale
    home.auth({**openai_auth(), **zhipu_auth()})
    both_googles(home, server)
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    server.route("/zhipu/quota", Reply({"code": 500, "msg": "busy", "success": False}))
    status, out, err = report(capsys, "--json")
    assert status == 1 and err == ""
    document = json.loads(out)
    assert set(document) == {"schema", "version", "generated_at", "providers", "errors", "notes"}
    assert document["schema"] == 1 and document["generated_at"] == "2026-11-22T12:00:00Z"
    assert [(p["provider"], p["account"], p["ok"]) for p in document["providers"]] == [
        ("openai", "dev@example.com", True), ("zhipuai", "9c89****AQVM", False),
        ("google", "alice@example.com", True), ("google", "account 2", True)]
    openai, zhipu, google = document["providers"][:3]
    assert openai["plan"] == "team" and openai["error"] is None and openai["notes"] == []
    assert openai["quotas"][0] == {
        "id": "primary", "label": "3-hour limit", "remaining_percent": 85, "used": None, "limit": None,
        "unit": "percent", "window_seconds": 10800, "resets_at": "2026-11-22T14:30:00Z", "limit_reached": False,
        "unlimited": False, "estimate": False, "overage": None, "projected_empty_at": None, "unavailable": False,
        "window_length_unknown": False}
    assert zhipu["error"] == "API error 500: busy" and zhipu["quotas"] == []
    assert [q["id"] for q in google["quotas"]][:2] == ["gemini-3-pro-high", "gemini-3-pro-image"]
    assert google["quotas"][0]["label"] == "G3 Pro"


def test_json_carries_credential_file_failures(home, capsys):
    home.auth(b"{")
    status, out, _ = report(capsys, "--json")
    assert status == 1
    assert json.loads(out)["errors"] == [{"source": "~/.local/share/opencode/auth.json",
                                          "error": "not valid JSON (line 1, column 2)"}]


def test_json_with_nothing_configured(home, capsys):
    status, out, _ = report(capsys, "--json")
    assert status == 4
    assert json.loads(out) == {"schema": 1, "version": "1.1.0", "generated_at": "2026-11-22T12:00:00Z",
                               "providers": [], "errors": [], "notes": []}


# --threshold and exit statuses ################################################


@pytest.mark.parametrize("argv, status, warned", [
    ([], 3, True),  # 85 % used, default threshold 80
    (["--threshold", "90"], 0, False),
    (["--threshold", "85"], 3, True),
])
def test_threshold_sets_the_warning_and_status_3(home, server, capsys, argv, status, warned):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_HIGH))
    got, out, _ = report(capsys, *argv)
    assert got == status
    assert ("⚠ High usage: 85% used" in out) is warned


def test_a_failure_wins_over_the_threshold(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth()})
    server.route("/openai/usage", Reply(OPENAI_HIGH))
    server.route("/zhipu/quota", Reply({}, status=503))
    status, _, _ = report(capsys)
    assert status == 1


# --alert-only #################################################################


def test_alert_only_is_silent_when_all_is_well(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    assert report(capsys, "--alert-only") == (0, "", "")


@pytest.mark.parametrize("reply, status", [(Reply(OPENAI_HIGH), 3), (Reply({}, status=500), 1)])
def test_alert_only_prints_the_full_report_otherwise(home, server, capsys, reply, status):
    home.auth({**openai_auth(), **zhipu_auth()})
    server.route("/openai/usage", reply)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    got, out, _ = report(capsys, "--alert-only")
    assert got == status
    assert "## Zhipu AI account quota" in out  # the whole report, not only the alert


# --only #######################################################################


def test_only_queries_and_reads_nothing_else(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth()})
    home.accounts(b"{broken")  # not asked for: not read, not reported
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys, "--only", "zhipuai")
    assert status == 0
    assert [r.path for r in server.requests] == ["/zhipu/quota"]
    assert "OpenAI" not in out and "Google" not in out


def test_only_takes_a_list(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth()})
    both_googles(home, server)
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    _, out, _ = report(capsys, "--only", "google, openai")
    assert sorted({r.path for r in server.requests}) == ["/google/models", "/google/summary", "/google/token",
                                                         "/openai/usage"]


# Languages ####################################################################


def test_traditional_chinese_report(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_TW.UTF-8"
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    assert out.splitlines()[:5] == ["## 智譜 AI 帳號額度", "", "帳號：9c89****AQVM", "", "5 小時 Token 限額"]
    assert "重設倒數：4小時" in out and "剩餘 95%" in out


@pytest.mark.parametrize("lang, word", [("zh", "账号"), ("zh-Hans", "账号"), ("zh-Hant", "帳號"), ("en", "Account")])
def test_lang_accepts_each_language(home, server, capsys, lang, word):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", lang)
    assert word in out


# Subprocess: environment, encodings, pipes, signals ###########################


@pytest.fixture
def served_home(tmp_path):
    srv = Server()
    home = Home(tmp_path)
    home.auth({**zhipu_auth(), **openai_auth(expires=(int(time.time()) + 3600) * 1000)})
    srv.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    srv.route("/openai/usage", Reply(OPENAI_USAGE))
    yield home, srv
    srv.close()


def run(argv, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "mystatus"] + argv, env=env, capture_output=True, timeout=60,
                          **kwargs)


def test_cron_environment_gives_english_utf8_and_no_traceback(served_home):
    home, srv = served_home
    done = run([], home.env(srv))
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert "## Zhipu AI account quota" in text and "█" in text


@pytest.mark.parametrize("extra", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "ascii", "LANG": "zh_CN.UTF-8"},
                                   {"LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}])
def test_an_ascii_terminal_gets_ascii_bars_and_english(served_home, extra):
    home, srv = served_home
    done = run([], home.env(srv, **extra))
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode("ascii")
    assert "#" * 28 + "-" * 2 + " 95% remaining" in text


def test_ascii_option(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--ascii")
    assert out.isascii() and "#" * 27 + "-" * 3 + " 90% remaining" in out


def test_non_ascii_account_on_an_ascii_terminal(served_home):
    home, srv = served_home
    srv.route("/openai/usage", Reply({"plan_type": "plüs", "rate_limit": None}))
    done = run([], home.env(srv, PYTHONIOENCODING="ascii"))
    assert done.returncode == 0 and done.stderr == b""
    assert b"Account: dev@example.com (pl?s)" in done.stdout


def test_no_colour_codes_ever(served_home):
    home, srv = served_home  # in a pipe; FORCE_COLOR and --color always do colour it (test_report_terminal)
    done = run([], home.env(srv, TERM="xterm-256color"))
    assert b"\x1b[" not in done.stdout


def test_a_closed_pipe_ends_quietly(served_home):
    home, srv = served_home
    closed = threading.Event()

    def after_the_reader_left(handler):  # the reader is gone before we write: waited for, not slept
        closed.wait(30)
        Reply(ZHIPU_QUOTA).send(handler)

    srv.route("/zhipu/quota", after_the_reader_left)
    proc = subprocess.Popen([sys.executable, "-m", "mystatus"], env=home.env(srv),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    closed.set()
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode in (0, 141)


def test_head_in_a_shell_pipeline(served_home):
    home, srv = served_home
    done = subprocess.run("'%s' -m mystatus | head -1" % sys.executable, shell=True, env=home.env(srv),
                          capture_output=True, timeout=60)
    assert done.stdout == b"## OpenAI account quota\n" and done.stderr == b""


def test_ctrl_c_exits_130_without_a_traceback(served_home):
    home, srv = served_home
    asked = threading.Event()

    def hang(h):
        asked.set()
        srv.stop.wait(30)

    srv.route("/zhipu/quota", hang)
    proc = subprocess.Popen([sys.executable, "-m", "mystatus"], env=home.env(srv),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=sigint_default)
    assert asked.wait(30)  # mystatus is waiting for its workers: Ctrl-C now
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == b"mystatus: interrupted\n"


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    """run() is the command: main() in the process's environment, so the bug
    is main's own here, not a run against the real HOME."""
    import mystatus

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(mystatus, "main", broken)
    monkeypatch.setattr(sys, "argv", ["mystatus"])
    # run() reads MYSTATUS_DEBUG from the process: a developer who set it in
    # the shell running the tests is shown the traceback, as asked.
    monkeypatch.delenv("MYSTATUS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        mystatus.run()
    out, err = capsys.readouterr()
    assert exit_.value.code == 1 and out == ""
    assert err == "mystatus: internal error (KeyError); please report it\n"


def test_version_and_help(home, capsys):
    done = run(["--version"], home.env())
    assert done.stdout.decode() == "mystatus 1.1.0\n" and done.returncode == 0
    done = run(["--help"], home.env())
    text = " ".join(done.stdout.decode().split())
    assert "exit status: 0 every configured platform answered" in text and "3 every platform answered" in text
    for option in ("--json", "--threshold", "--alert-only", "--only", "--ascii", "--lang", "--timeout"):
        assert option in text


def test_usage_error_is_status_2_on_stderr(home):
    done = run(["--only", "myspace"], home.env())
    assert done.returncode == 2 and done.stdout == b""
    assert re.search(rb"unknown platform\(s\) myspace", done.stderr)


def test_the_json_clock_is_the_run_s(served_home):
    home, srv = served_home
    before = time.time()
    done = run(["--json"], home.env(srv))
    after = time.time()
    stamp = json.loads(done.stdout)["generated_at"]
    iso = "%Y-%m-%dT%H:%M:%SZ"
    assert time.strftime(iso, time.gmtime(int(before))) <= stamp <= time.strftime(iso, time.gmtime(after + 1))


# One file #####################################################################


def test_the_zipapp_runs_with_chinese_and_keeps_the_exit_status(tmp_path):
    import make_pyz

    target = make_pyz.build(str(tmp_path / "mystatus.pyz"))
    home = Home(tmp_path)
    env = home.env(LANG="zh_CN.UTF-8", PYTHONPATH=None)  # nothing but the archive
    done = subprocess.run([sys.executable, target], env=env, capture_output=True, timeout=60, cwd=str(tmp_path))
    assert done.returncode == 4 and done.stderr == b""
    assert done.stdout.decode().startswith("未配置任何 AI 编程订阅。")
    home.auth("{")
    done = subprocess.run([sys.executable, target, "--lang", "zh-Hant"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert "不是有效的 JSON" in done.stdout.decode()


def test_mystatus_py_alone_runs_in_english(tmp_path):
    import shutil

    shutil.copy(os.path.join(ROOT, "mystatus.py"), str(tmp_path / "mystatus.py"))
    env = Home(tmp_path).env(LANG="zh_CN.UTF-8", PYTHONPATH=None)
    done = subprocess.run([sys.executable, "mystatus.py"], cwd=str(tmp_path), env=env, capture_output=True,
                          timeout=60)
    assert done.returncode == 4 and done.stderr == b""
    assert done.stdout.decode().startswith("No AI coding subscription is configured.")
