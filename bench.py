#!/usr/bin/env python3
"""Benchmarks of mystatus against the loopback fixture, printed with their targets.

    python3 bench.py            (needs the test extra: it uses conftest's server)
    python3 bench.py startup    (one figure group alone, by its function's name)
    python3 bench.py scale      (HTTPS, 100 and 1,000 accounts, on the oldest, this and the newest Python)

Every figure runs the real command in a child process with a temporary HOME,
the endpoints pointed at a server on 127.0.0.1.  Nothing here asserts: the
figures are for people to read (and to copy into the README)."""

import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
    """1. Every endpoint answers after 1 s, over HTTPS with the system's CA
    bundle; Copilot must go direct -> exchange -> retry (the critical path)."""
    server = https_server()
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
        server.route("/google/summary", Reply({"groups": []}, delay=slow))
        server.route("/github/copilot_internal/user", Reply({"message": "Bad credentials"}, status=401, delay=slow),
                     Reply({"copilot_plan": "pro", "quota_snapshots": {}}, delay=slow))
        server.route("/github/copilot_internal/v2/token", Reply({"token": "tid=session-0123456789"}, delay=slow))
        env = environment(home, server)
        env["SSL_CERT_FILE"] = tls_setup()[2]
        wall, done = timed([], env)
    finally:
        server.close()
    critical = 3 * slow
    return "1. full report over HTTPS, endpoints 1 s each", wall, critical, 1.1, \
        "wall / critical path (%.0f s)" % critical, done


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


# What users see: HTTPS with a real CA bundle, on every Python ###############

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"  # Debian's; else ssl's own default file
_TLS = {}


def tls_setup():
    """(certificate, key, bundle): a certificate for 127.0.0.1 made for this
    run, and a CA bundle of the system's authorities with it appended.  Loading
    that bundle costs what loading the system's costs users, which a bundle of
    the one test certificate would hide."""
    if _TLS:
        return _TLS["value"]
    import ssl

    folder = tempfile.mkdtemp(prefix="mystatus-bench-tls-")
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert,
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    system = SYSTEM_BUNDLE if os.path.isfile(SYSTEM_BUNDLE) else ssl.get_default_verify_paths().openssl_cafile
    bundle = os.path.join(folder, "bundle.pem")
    with open(bundle, "wb") as out:
        for part in (system, cert):
            with open(part, "rb") as handle:
                out.write(handle.read().rstrip(b"\n") + b"\n")
    _TLS["value"] = cert, key, bundle
    return _TLS["value"]


def https_server():
    cert, key, _ = tls_setup()
    return Server(scheme="https", certificate=(cert, key))


def pythons():
    """[(label, interpreter)]: the oldest and newest CPython 3.8+ under
    ~/.pyenv/versions and the one running this, each once."""
    found = []
    for path in glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3")):
        try:
            version = tuple(int(n) for n in os.path.basename(os.path.dirname(os.path.dirname(path))).split(".")[:2])
        except ValueError:
            continue
        if version >= (3, 8):
            found.append((version, path))
    found.sort()
    chosen = [("%d.%d" % found[0][0], found[0][1])] if found else []
    chosen.append(("%d.%d" % sys.version_info[:2] + " (this)", sys.executable))
    if found:
        chosen.append(("%d.%d" % found[-1][0], found[-1][1]))
    seen, unique = set(), []
    for label, path in chosen:
        key = label.split()[0]
        if key not in seen:
            seen.add(key)
            unique.append((label, path))
    return unique


# Starts the measured command and reports on stderr its pid, then its wall
# time, peak RSS and CPU time.  The kernel counts in a process's peak RSS that
# of the process it was forked from, as it was when it exec'd the command: a
# child of this bench (which grows as its servers serve thousands of
# requests) was charged 50 MiB and more of the bench's memory.  This small
# parent's own RSS (10 MiB) is the floor, well below any run measured.
_LAUNCHER = """import json, os, resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)
os.write(2, b"%d\\n" % child.pid)
child.wait()
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
os.write(2, json.dumps([wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime]).encode())
"""


def measured(argv, env):
    """Run argv to its end: (wall s, peak RSS MiB, peak threads, stdout text,
    CPU s).  RSS and CPU time (user + system) from the kernel's own account of
    the child, through a small parent (see _LAUNCHER); threads from
    /proc/<pid>/status, read every 5 ms while it runs.  The CPU time is the
    figure a busy machine disturbs least: the wall time of a run on two cores
    shared with others can double."""
    launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER] + argv, env=env, cwd=HERE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pid = int(launcher.stderr.readline())
    peak = [0]
    stop = threading.Event()

    def sample():
        path = "/proc/%d/status" % pid
        while not stop.wait(0.005):
            try:
                with open(path) as handle:
                    for line in handle:
                        if line.startswith("Threads:"):
                            peak[0] = max(peak[0], int(line.split()[1]))
            except (OSError, ValueError):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = launcher.stdout.read()
    wall, rss_kib, cpu = json.loads(launcher.stderr.read())
    launcher.wait()
    stop.set()
    sampler.join()
    return wall, rss_kib / 1024, peak[0], out.decode("utf-8", "replace"), cpu


def scale(home):
    """Google accounts (three requests each: token, then models beside the pool
    summary) over HTTPS, the server instant or 1 s late on every request, on
    the oldest, this and the newest Python.  Each run is `python -m mystatus`
    from this checkout, its bytecode cached by a first run."""
    rows = []
    _, _, bundle = tls_setup()
    import conftest

    conftest._Listener.request_queue_size = 2048  # the fixture's backlog, not mystatus, must not be the limit
    for label, python in pythons():
        subprocess.run([python, "-m", "mystatus", "--version"], cwd=HERE, env={"PYTHONPATH": HERE},
                       stdout=subprocess.DEVNULL)  # writes __pycache__ for this Python
        for count, delay in ((100, 0), (1000, 0), (100, 1.0), (1000, 1.0)):
            server = https_server()
            try:
                server.route("/google/token", Reply({"access_token": "ya29.token-0123456789"}, delay=delay))
                server.route("/google/models", Reply({"models": {"m": {"quotaInfo": {"remainingFraction": 1}}}},
                                                     delay=delay))
                server.route("/google/summary", Reply({"groups": []}, delay=delay))
                accounts(home, count)
                env = environment(home, server)
                env.update(SSL_CERT_FILE=bundle, PYTHONPATH=HERE)
                wall, rss, threads, out, cpu = measured([python, "-m", "mystatus"], env)
            finally:
                server.close()
            answered = count - sum(line.startswith("- Google Antigravity (") for line in out.splitlines())
            name = "%s, %d accounts, %s" % (label, count, "instant" if not delay else "1 s late")
            if not delay:
                target = 1.0 if count == 100 else 2.0
            else:
                target = 10.0 if count == 1000 else None
            rows.append(("6. " + name, wall, None, target, "wall (s); %d/%d answered, %d threads peak, "
                         "CPU %.2f s, %d connections" % (answered, count, threads, cpu, server.connections), None))
            if count == 100 and not delay:
                rows.append(("6. " + name + ", RSS", rss, None, 80.0, "peak RSS (MiB)", None))
            if answered < count:
                rows.append(("6. " + name + ", unanswered", count - answered, None, 0, "accounts", None))
    return rows


def zipapp_startup(home, rounds=21):
    """7. `python3 mystatus.pyz --version` against the installed command's way
    (the module imported from its cached bytecode, as the script pip writes
    does: `from mystatus import run`), and the other ways of running it; the
    commands take turns, round after round, after a warm-up round."""
    import make_pyz

    pyz = make_pyz.build(os.path.join(home, "mystatus.pyz"))
    python = sys.executable
    env = {"HOME": home, "PATH": os.environ.get("PATH", ""), "PYTHONPATH": HERE}
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "installed (import from cached bytecode)": [python, "-c", "import sys; from mystatus import run; "
                                                    "sys.exit(run())", "--version"],
        "python3 -m mystatus": [python, "-m", "mystatus", "--version"],
        "python3 mystatus.pyz": [python, pyz, "--version"],
        "python3 mystatus.py (compiled every run)": [python, os.path.join(HERE, "mystatus.py"), "--version"],
    }
    times = {key: [] for key in commands}
    for round_ in range(rounds + 1):
        for key, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_:
                times[key].append(time.perf_counter() - started)
    median = {key: statistics.median(values) * 1000 for key, values in times.items()}
    installed = median["installed (import from cached bytecode)"]
    rows = []
    for key in commands:
        if key == "python -c pass":
            continue
        target = 1.5 if key == "python3 mystatus.pyz" else None
        rows.append(("7. --version, " + key, median[key] / installed, None, target,
                     "÷ installed: %.1f ms vs %.1f ms (python -c pass %.1f ms)"
                     % (median[key], installed, median["python -c pass"]), None))
    return rows


def status_bar(home, rounds=21):
    """22. A status bar: a cached --oneline call (imported, python -I -S, as in
    5a) against the bare interpreter and the empty-HOME start-up (target: no
    slower than that), and the requests a bar ticking every 5 s makes over 60
    ticks (5 minutes) with the cache (--max-age 60 by default) and without."""
    import io
    import mystatus
    server = Server()
    try:
        server.route(PATHS["MYSTATUS_ZHIPU_URL"], Reply({"code": 200, "msg": "ok", "success": True, "data": {
            "limits": [{"type": "TOKENS_LIMIT", "percentage": 10, "nextResetTime": 4102444800000}]}}))
        auth(home, {"zhipuai-coding-plan": {"type": "api", "key": "0123456789abcdef0123456789abcdef.Xyz012AQVM"}})
        env = environment(home, server)
        empty = tempfile.mkdtemp(prefix="mystatus-bench-empty-")
        bare = [sys.executable, "-I", "-S"]
        imported = bare + ["-c", "import sys; sys.path.insert(0, %r); from mystatus import run; sys.exit(run())" % HERE]
        # -I drops the environment's variables from sys.flags only: the endpoints still come from env.
        commands = {"bare": (bare + ["-c", "pass"], env), "empty": (imported, environment(empty)),
                    "cached": (imported + ["--oneline", "--max-age", "86400"], env)}
        subprocess.run(imported + ["--oneline"], env=env, stdout=subprocess.DEVNULL)  # fills the cache
        times = {key: [] for key in commands}
        for round_ in range(rounds + 1):
            for key, (argv, run_env) in commands.items():
                started = time.perf_counter()
                subprocess.run(argv, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if round_:
                    times[key].append(time.perf_counter() - started)
        shutil.rmtree(empty, ignore_errors=True)
        median = {key: statistics.median(values) * 1000 for key, values in times.items()}
        asked = len(server.requests)
        ticks = {}
        for extra in ([], ["--no-cache"]):
            before = len(server.requests)
            for tick in range(60):
                mystatus.main(["--oneline"] + extra, env=env, now=time.time() + 3600 + 5 * tick, stdout=io.StringIO())
            ticks[bool(extra)] = len(server.requests) - before
        assert asked == 1, asked  # the cached calls asked no one
    finally:
        server.close()
    return [("22a. cached --oneline ÷ empty-HOME start-up", median["cached"] / median["empty"], None, 1.0,
             "%.1f ms vs %.1f ms (bare -c pass %.1f ms)" % (median["cached"], median["empty"], median["bare"]), None),
            ("22b. requests over 60 ticks of 5 s, cached", ticks[False], None, None,
             "vs %d without the cache: %d saved" % (ticks[True], ticks[True] - ticks[False]), None)]


def main():
    print("mystatus benchmark: %s, Python %s, %d cores, %s" % (
        platform.platform(), platform.python_version(), os.cpu_count() or 0, " ".join(
            os.path.basename(c) if i == 0 else c for i, c in enumerate(COMMAND))))
    print("load average at the start: %s" % " ".join("%.1f" % n for n in os.getloadavg()))
    print("%-58s %8s %8s  %s" % ("figure", "value", "target", "what"))
    started = time.perf_counter()
    rows = []
    benches = (full_report, scale, hostile, huge_body, startup, zipapp_startup, history_size, status_bar)
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
        verdict = "" if target is None else "ok" if figure <= target else "MISSED"
        limit = "" if target is None else "<= %g" % target
        print("%-58s %8.3f %8s  %s  %s" % (name, figure, limit, what, verdict))
        if done is not None and done.stderr:
            print("    stderr: %s" % done.stderr.decode(errors="replace").strip()[:200])
    print("total %.1f s; load average %s (a wall time on a loaded machine is longer: see CPU)"
          % (time.perf_counter() - started, " ".join("%.1f" % n for n in os.getloadavg())))


if __name__ == "__main__":
    main()
