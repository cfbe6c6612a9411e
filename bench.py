#!/usr/bin/env python3
"""Benchmarks of mystatus against the loopback fixture, printed with their targets.

    python3 bench.py            (needs the test extra: it uses conftest's server)
    python3 bench.py startup    (one figure group alone, by its function's name)

Every figure runs the real command in a child process with a temporary HOME,
the endpoints pointed at a server on 127.0.0.1.  Nothing here asserts: the
figures are for people to read (and to copy into the README)."""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from conftest import PATHS, Reply, Server

HERE = os.path.dirname(os.path.abspath(__file__))
# The command pip installs beside this interpreter (pip install .), else python -m mystatus.
_SCRIPT = os.path.join(os.path.dirname(sys.executable), "mystatus")
COMMAND = [_SCRIPT] if os.path.isfile(_SCRIPT) else [sys.executable, "-m", "mystatus"]


def environment(home, server=None):
    env = {"HOME": home, "PATH": os.environ.get("PATH", "")}
    if COMMAND[0] == sys.executable:  # python -m mystatus: this checkout; an installed command uses its own
        env["PYTHONPATH"] = HERE
    if server is not None:
        env["NO_PROXY"] = "*"
        env.update({name: server.url(path) for name, path in PATHS.items()})
    return env


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        json.dump(content, handle)


def auth(home, content):
    write(os.path.join(home, ".local", "share", "opencode", "auth.json"), content)


def accounts(home, count):
    write(os.path.join(home, ".config", "opencode", "antigravity-accounts.json"), {"version": 3, "accounts": [
        {"email": "user%d@example.com" % i, "refreshToken": "1//refresh-%d-0123456789" % i, "projectId": "p%d" % i}
        for i in range(count)]})


def timed(argv, env):
    started = time.perf_counter()
    done = subprocess.run(COMMAND + argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - started, done


def full_report(home):
    """1. Every endpoint answers after 1 s; Copilot must go direct -> exchange -> retry."""
    server = Server()
    try:
        slow = 1.0
        auth(home, {
            "openai": {"type": "oauth", "refresh": "r", "access": "a.b.c", "expires": (time.time() + 3600) * 1000},
            "zhipuai-coding-plan": {"type": "api", "key": "zhipu-key-0123456789abcdef"},
            "zai-coding-plan": {"type": "api", "key": "zai-key-0123456789abcdef"},
            "github-copilot": {"type": "oauth", "refresh": "gho_0123456789abcdef", "access": "gho_0123456789abcdef",
                               "expires": 0}})
        accounts(home, 1)
        usage = {"plan_type": "plus", "rate_limit": {"primary_window": {
            "used_percent": 10, "limit_window_seconds": 18000, "reset_after_seconds": 60}}}
        quota = {"code": 200, "success": True, "data": {"limits": [{"type": "TOKENS_LIMIT", "percentage": 5}]}}
        server.route("/openai/usage", Reply(usage, delay=slow))
        server.route("/zhipu/quota", Reply(quota, delay=slow))
        server.route("/zai/quota", Reply(quota, delay=slow))
        server.route("/google/token", Reply({"access_token": "ya29.token-0123456789"}, delay=slow))
        server.route("/google/models", Reply({"models": {"m": {"quotaInfo": {"remainingFraction": 1}}}}, delay=slow))
        server.route("/github/copilot_internal/user", Reply({"message": "Bad credentials"}, status=401, delay=slow),
                     Reply({"copilot_plan": "pro", "quota_snapshots": {}}, delay=slow))
        server.route("/github/copilot_internal/v2/token", Reply({"token": "tid=session-0123456789"}, delay=slow))
        wall, done = timed([], environment(home, server))
    finally:
        server.close()
    critical = 3 * slow
    return "1. full report, endpoints 1 s each", wall, critical, 1.2, "wall / critical path (%.0f s)" % critical, done


def many_accounts(home):
    """2. 40 Google accounts, each call 0.5 s (two calls per account)."""
    server = Server()
    try:
        accounts(home, 40)
        server.route("/google/token", Reply({"access_token": "ya29.token-0123456789"}, delay=0.5))
        server.route("/google/models", Reply({"models": {"m": {"quotaInfo": {"remainingFraction": 1}}}}, delay=0.5))
        wall, done = timed([], environment(home, server))
    finally:
        server.close()
    return "2. 40 Google accounts, calls 0.5 s", wall, 1.0, 2.5, "wall (s); critical path 1 s", done


def hostile(home):
    """3. One endpoint drips a byte every 0.3 s, one never answers; --timeout 2."""
    server = Server()
    try:
        auth(home, {"openai": {"type": "oauth", "refresh": "r", "access": "a.b.c"},
                    "zhipuai-coding-plan": {"type": "api", "key": "zhipu-key-0123456789abcdef"}})
        server.route("/openai/usage", server.drip(b" " * 1000, 0.3))
        server.route("/zhipu/quota", server.silent())
        wall, done = timed(["--timeout", "2"], environment(home, server))
    finally:
        server.close()
    return "3. dripping + silent server, --timeout 2", wall, 2.0, 4.0, "wall (s)", done


def huge_body(home):
    """4. One endpoint sends a 400 MiB body (no Content-Length): peak RSS of the child."""
    server = Server()
    try:
        auth(home, {"openai": {"type": "oauth", "refresh": "r", "access": "a.b.c"}})
        server.route("/openai/usage", server.flood(400))
        # A fresh parent, so RUSAGE_CHILDREN holds this child alone.
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        done = subprocess.run([sys.executable, "-c", probe] + COMMAND, env=environment(home, server),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak_mib = int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
    finally:
        server.close()
    return "4. 400 MiB answer", peak_mib, None, 40.0, "peak RSS (MiB)", None


def startup(home, rounds=31):
    """5. Start-up, measured honestly, each command against the bare interpreter
    it runs on:
      5a/5b  mystatus imported and run as an installed command runs it (from its
             cached bytecode), under `python -I -S`: no site, so no .pth hook of
             an editable install (or of anything else) slows either side; the
             baseline is `python -I -S -c pass`.  This is mystatus's own cost.
      5c/5d  `python -I -S mystatus.py`: the file run by path, as a user who
             copied it does; a script is compiled on every run, never cached.
      5e/5f  the command this environment runs (COMMAND), against
             `python -c pass` here: informative only; in an editable install the
             .pth hook slows the baseline too and flatters the ratio.
    One warm-up round writes the bytecode; then the commands take turns, round
    after round, so a busy moment of the machine weighs on all of them alike.
    Each figure is a ratio of medians, with the medians in milliseconds beside it."""
    env = environment(home)  # -I ignores PYTHONPATH; `python -m mystatus` needs it
    python = sys.executable  # with -S a venv's interpreter is its base interpreter
    bare = [python, "-I", "-S"]
    imported = bare + ["-c", "import sys; sys.path.insert(0, %r); from mystatus import run; sys.exit(run())" % HERE]
    script = bare + [os.path.join(HERE, "mystatus.py")]
    groups = [  # (label, baseline, program, targets for --version and the empty run)
        # The 1.0 targets (1.15, 1.3) were taken inside an editable install whose .pth hook slowed the
        # baseline too.  Honestly measured, --version costs loading the module (~8 ms) and a run
        # with nothing configured argparse itself (~16 ms, re, gettext, locale) and the parser.
        ("imported, python -I -S", bare + ["-c", "pass"], imported, (1.6, 3.5)),
        ("mystatus.py, python -I -S", bare + ["-c", "pass"], script, (None, None)),
        ("this environment's command", [sys.executable, "-c", "pass"], COMMAND, (None, None)),
    ]
    commands = {}
    for label, baseline, program, _ in groups:
        commands[tuple(baseline)] = baseline
        commands[(label, "version")] = program + ["--version"]
        commands[(label, "empty")] = program
    times = {key: [] for key in commands}
    for round_ in range(rounds + 1):
        for key, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL)
            if round_:  # round 0 only warms up
                times[key].append(time.perf_counter() - started)
    median = {key: statistics.median(values) * 1000 for key, values in times.items()}
    rows = []
    letters = iter("abcdef")
    for label, baseline, _, targets in groups:
        base = median[tuple(baseline)]
        for (run, title), target in zip((("version", "--version"), ("empty", "empty HOME")), targets):
            ms = median[(label, run)]
            rows.append(("5%s. %s, %s" % (next(letters), title, label), ms / base, None, target,
                         "÷ -c pass: %.1f ms vs %.1f ms (%+.1f ms)" % (ms, base, ms - base), None))
    return rows


def history_size(home, days=365, platforms=8, quotas=3):
    """--record from cron every 5 minutes for a year: the history file's size.
    In-process, through the same record_run() a run uses (the clock is the
    only thing not real: a year of runs in about two minutes)."""
    import mystatus

    def report(i):
        return mystatus.Report(results=[mystatus.Result(
            provider=platform.id, account="user%d@example.com" % p, quotas=[
                mystatus.Quota(id="q%d" % q, label="Quota %d" % q, window_seconds=18000 * (q + 1),
                               remaining_percent=100 - ((i * (q + 3) + p) % 1000) * 0.0937,
                               resets_at=1.8e9 + i * 300 + 3600 * q) for q in range(quotas)])
            for p, platform in enumerate(mystatus.PLATFORMS[:platforms])])

    path = os.path.join(home, "history.sqlite3")
    conn = mystatus.open_history(path, 5, write=True)
    conn.execute("PRAGMA synchronous = OFF")  # the bench's own speed; the file's size is the same
    reports = [report(i) for i in range(97)]
    started = time.perf_counter()
    runs = days * 288
    for i in range(runs):
        mystatus.record_run(conn, reports[i % len(reports)], 1.8e9 + i * 300, 80)
    took = time.perf_counter() - started
    conn.close()
    return [("history: a year of 5-min runs, %d platforms x %d quotas" % (platforms, quotas),
             os.path.getsize(path) / 1e6, None, 20, "MB on disk (rows older than 90 days pruned)", None),
            ("history: one recorded run", took / runs * 1000, None, None, "ms (in-process, no fsync)", None)]


def main():
    print("mystatus benchmark: %s, Python %s, %d cores, %s" % (
        platform.platform(), platform.python_version(), os.cpu_count() or 0, " ".join(
            os.path.basename(c) if i == 0 else c for i, c in enumerate(COMMAND))))
    print("%-52s %8s %8s  %s" % ("figure", "value", "target", "what"))
    started = time.perf_counter()
    rows = []
    benches = (full_report, many_accounts, hostile, huge_body, startup, history_size)
    wanted = sys.argv[1:]  # e.g. `python3 bench.py startup` runs that one alone
    for bench in (b for b in benches if not wanted or b.__name__ in wanted):
        home = tempfile.mkdtemp(prefix="mystatus-bench-")
        try:
            got = bench(home)
        finally:
            shutil.rmtree(home, ignore_errors=True)
        rows += got if isinstance(got, list) else [got]
    for name, value, critical, target, what, done in rows:
        figure = value / critical if critical and what.startswith("wall /") else value
        verdict = "" if target is None else "ok" if figure <= target else "OVER"
        limit = "" if target is None else "<= %g" % target
        print("%-52s %8.3f %8s  %s  %s" % (name, figure, limit, what, verdict))
        if done is not None and done.stderr:
            print("    stderr: %s" % done.stderr.decode(errors="replace").strip()[:200])
    print("total %.1f s" % (time.perf_counter() - started))


if __name__ == "__main__":
    main()
