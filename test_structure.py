"""The structure's promises: one row per platform from which everything else is
derived, records that share nothing, main() driven by arguments, and workers
that never hold the process past its deadline (Python 3.8 included)."""

import ast
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import tokenize
import urllib.parse
import warnings

import pytest

import conftest
import mystatus
from conftest import ROOT, Reply
from payloads import NOW_TS, ZHIPU_KEY, ZHIPU_QUOTA, google_account, make_db, zhipu_auth


# The platform table ###########################################################


# Today's platforms in report order: the tests that derive their expectations
# from the table would not notice a row lost or moved, so this is written out
# once.  A platform added later may come anywhere among them.
TODAY = ("openai", "anthropic", "zhipuai", "zai", "google", "copilot", "opencode-go", "kimi", "minimax")


def test_every_row_is_whole_and_the_rest_is_derived_from_it():
    ids = [p.id for p in mystatus.PLATFORMS]
    assert len(set(ids)) == len(ids) and tuple(ids) == mystatus.PROVIDERS
    assert [i for i in ids if i in TODAY] == list(TODAY)
    for platform in mystatus.PLATFORMS:
        assert platform.title and callable(platform.fetch), platform.id
        assert platform.auth_keys or platform.load, platform.id + " reads no credential at all"
        assert platform.read or not platform.auth_keys, platform.id + " has auth keys but no reader"
        assert platform.layout in (mystatus.LAYOUT_WINDOWS, mystatus.LAYOUT_COMPACT)
        assert platform.files[0] is mystatus.opencode_stores or not platform.auth_keys, platform.id
        for _, path in platform.file_paths(mystatus.Paths.from_env({"HOME": "/h"}, look=False)):
            assert path.startswith("/h"), platform.id
        for variable, url in platform.urls.items():
            assert variable.startswith("MYSTATUS_") and variable.endswith("_URL")
            assert url.startswith("https://"), "real endpoints are HTTPS"
            assert mystatus.DEFAULT_URLS[variable] == url
    assert len(mystatus.DEFAULT_URLS) == sum(len(p.urls) for p in mystatus.PLATFORMS), "an override is shared"
    keys = [key for p in mystatus.PLATFORMS for key in p.auth_keys]
    assert len(set(keys)) == len(keys), "an auth.json key read by two platforms"


def test_the_tests_point_every_endpoint_at_the_loopback(home):
    for variable in mystatus.DEFAULT_URLS:
        assert home.environ[variable].startswith("http://127.0.0.1:"), variable
    assert set(conftest.PATHS) >= set(mystatus.DEFAULT_URLS)


def test_an_unknown_auth_key_is_ignored_not_read_as_another_platform(home, server, capsys):
    home.auth({"mistral": {"type": "oauth", "refresh": "r", "access": "a", "expires": 0},
               "openrouter": {"type": "api", "key": "sk-or-0123456789abcdef"}})
    status, out, _ = conftest.run_main(capsys)
    assert status == 4
    assert out.startswith("No AI coding subscription is configured.")
    assert server.requests == []


def test_credentials_name_their_own_secrets():
    key = mystatus.ApiKey(provider="zai", key=ZHIPU_KEY)
    oauth = mystatus.OAuthToken(provider="copilot", access="acc-0123456789", refresh="gho_refresh0123456789")
    pat = mystatus.CopilotToken(provider="copilot", token="github_pat_0123456789", username="octo", tier="pro")
    both = mystatus.CopilotAccess(provider="copilot", pat=pat, oauth=oauth)
    assert key.secrets() == [ZHIPU_KEY]
    assert sorted(both.secrets()) == sorted(["github_pat_0123456789", "acc-0123456789", "gho_refresh0123456789"])
    google = mystatus.GoogleAccount(provider="google", refresh="1//rt-0123456789", project="p")
    assert google.secrets() == ["1//rt-0123456789"]


def test_records_never_share_a_mutable_default():
    first, second = mystatus.Context(), mystatus.Context()
    first.urls["X"] = "y"
    first.secrets.add("s")
    assert second.urls == {} and second.secrets == set()
    a, b = mystatus.Result(), mystatus.Result()
    a.quotas.append(mystatus.Quota(id="q"))
    a.top_models.append(("m", 1))
    assert b.quotas == [] and b.top_models == []
    assert mystatus.Quota(id="x") == mystatus.Quota(id="x") != mystatus.Quota(id="y")


def test_failed_accounts_are_kept_apart_from_credentials(home):
    home.accounts([google_account(), "not an account", google_account(email="bob@example.com", project=None)])
    loaded = mystatus.load_credentials(mystatus.Paths.from_env(home.environ), home.environ, {"google"})
    assert [c.account for c in loaded.creds["google"]] == ["alice@example.com"]
    assert all(isinstance(c, mystatus.GoogleAccount) for c in loaded.creds["google"])
    assert [r.error is not None for r in loaded.unaskable] == [True, True]


# main() by its arguments ######################################################


def test_main_takes_the_environment_the_clock_and_the_output(tmp_path, server):
    auth = tmp_path / ".local" / "share" / "opencode" / "auth.json"
    auth.parent.mkdir(parents=True)
    auth.write_text(json.dumps(zhipu_auth()))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    env = {"HOME": str(tmp_path), "NO_PROXY": "*", "MYSTATUS_ZHIPU_URL": server.url("/zhipu/quota"),
           "LANG": "zh_CN.UTF-8"}
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    status = mystatus.main([], env=env, now=NOW_TS, stdout=out)
    text = out.buffer.getvalue().decode("utf-8")
    assert status == 0
    assert "账号额度" in text and "Account" not in text  # LANG from the env we passed, not os.environ
    assert "重置倒计时：4小时" in text  # the reset is 4 h after the clock we passed


def test_debug_shows_the_traceback_behind_an_internal_error(home, server, capsys, monkeypatch):
    home.auth(zhipu_auth())

    def broken(payload, endpoint, now):
        raise ZeroDivisionError("a bug of ours")

    monkeypatch.setattr(mystatus.ZHIPU, "parse", broken)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = conftest.run_main(capsys)
    assert status == 1 and "internal error (ZeroDivisionError)" in out and err == ""
    home.environ["MYSTATUS_DEBUG"] = "1"
    status, out, err = conftest.run_main(capsys)
    assert status == 1 and "Traceback" in err and "a bug of ours" in err


# Deadlines ####################################################################


def test_a_stalled_name_lookup_ends_with_the_backstop_in_process(home, capsys, monkeypatch):
    """getaddrinfo is the one wait no socket deadline reaches: the run still
    ends, at its deadline (--deadline; its default is tested below), and the
    worker left behind is a daemon that cannot hold the exit."""
    release = threading.Event()
    real = socket.getaddrinfo

    def stalled(host, *args, **kwargs):
        if host == "stalled.invalid":
            release.wait(60)
            raise socket.gaierror("released")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stalled)
    home.environ["MYSTATUS_ZHIPU_URL"] = "http://stalled.invalid/quota"
    home.auth(zhipu_auth())
    before = set(threading.enumerate())
    started = time.monotonic()
    try:
        # Nothing answers: the deadline can be short, and not the default's 1.4 s.
        status, out, _ = conftest.run_main(capsys, "--timeout", "0.1", "--deadline", "0.3")
        elapsed = time.monotonic() - started
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        assert status == 1 and "- Zhipu AI (9c89****AQVM): no answer within 0.3 s" in out
        assert elapsed < 20  # far from both the deadline (0.3 s) and the lookup's 60 s: load can't cross it
        assert left and all(t.daemon for t in left)
    finally:
        release.set()


def test_the_backstop_is_four_timeouts_and_a_second_by_default(home, server, capsys, monkeypatch):
    """Without --deadline the run ends MAX_CHAIN timeouts and a second after
    it starts: the Pool it makes is told so (seen here, not waited for)."""
    made = []

    class Seen(mystatus.Pool):
        def __init__(self, workers, deadline, ends=None):
            made.append(deadline)
            super().__init__(workers, deadline, ends)

    monkeypatch.setattr(mystatus, "Pool", Seen)
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = conftest.run_main(capsys, "--timeout", "0.5")
    assert status == 0 and "## Zhipu AI account quota" in out
    assert made == [pytest.approx(mystatus.MAX_CHAIN * 0.5 + 1)]


STALLED_RUN = """
import socket, sys, time
real = socket.getaddrinfo
def stalled(host, *args, **kwargs):
    if host == "stalled.invalid":
        time.sleep(60)
    return real(host, *args, **kwargs)
socket.getaddrinfo = stalled
import mystatus
sys.argv = ["mystatus", "--timeout", "0.1", "--deadline", "0.3"]  # nothing answers: no need to wait longer
mystatus.run()
"""


def test_a_stalled_name_lookup_does_not_hold_the_process_at_exit(tmp_path):
    """Python 3.8 joined thread-pool workers at exit: this took as long as the
    stalled lookup there."""
    env = conftest.subprocess_env(tmp_path) if hasattr(conftest, "subprocess_env") else {
        "HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "PYTHONPATH": ROOT, "NO_PROXY": "*"}
    env["MYSTATUS_ZHIPU_URL"] = "http://stalled.invalid/quota"
    auth = tmp_path / ".local" / "share" / "opencode" / "auth.json"
    auth.parent.mkdir(parents=True, exist_ok=True)
    auth.write_text(json.dumps(zhipu_auth()))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", STALLED_RUN], env=env, capture_output=True, text=True,
                          timeout=90, cwd=ROOT)
    assert time.monotonic() - started < 20  # far from both the 0.3 s deadline and the lookup's 60 s
    assert done.returncode == 1 and done.stderr == ""
    assert "no answer within 0.3 s" in done.stdout


def test_google_is_asked_while_a_locked_database_is_waited_for(home, server, capsys, monkeypatch):
    """The holder keeps opencode.db locked until Google's token is asked for:
    Google is asked before the database's read ends, or that read waits out
    its timeout and Google is asked after it.  What is checked is which came
    first, not a time: on a busy machine Google's request may take long to
    be sent, but the database's read cannot end while it is locked."""
    import sqlite3

    db = make_db(home.data / "opencode.db", [{"id": "z", "integration_id": "zai-coding-plan",
                                              "value": {"type": "key", "key": ZHIPU_KEY}}])
    home.auth(zhipu_auth(name="zai-coding-plan"))
    home.accounts([google_account()])
    read = threading.Event()  # mystatus's read of the database has ended
    real = mystatus.read_db_credentials

    def read_db(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        finally:
            read.set()

    monkeypatch.setattr(mystatus, "read_db_credentials", read_db)
    # In WAL mode (OpenCode's) an exclusive transaction stops no reader; the
    # exclusive locking mode keeps the whole file locked until it is closed.
    holder = sqlite3.connect(str(db), check_same_thread=False)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    read_ended_first = []

    def token(handler, *_):
        read_ended_first.append(read.is_set())
        holder.close()  # the lock is let go: the database's read goes on
        Reply({"access_token": "ya29.access-alice-0123456789"}).send(handler)

    server.route("/google/token", token)
    server.route("/google/models", Reply({"models": {}}))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    try:
        status, out, _ = conftest.run_main(capsys, "--timeout", "1.5")
    finally:
        holder.close()
    assert read_ended_first == [False], "Google waited for the database"
    assert "### alice@example.com" in out and "## Z.ai account quota" in out
    assert status == 0


# Runs at once #################################################################


def test_concurrent_runs_share_nothing(home, server, capsys):
    """Two reports at once (the secrets set is per run, not global)."""
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    paths = mystatus.Paths.from_env(home.environ)
    results = []

    def one():
        results.append(mystatus.build_report(paths, home.environ, {"zhipuai"}, 5, NOW_TS))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.results[0].error for r, _ in results] == [None] * 4
    assert all(secrets == {ZHIPU_KEY} for _, secrets in results)


# The module's own account of itself ##########################################

# Adding a platform as the docstring says is test_adding_a_platform.py's.


def test_the_docstring_lists_the_sections_in_their_order():
    """Its reading order names every banner section but the platform blocks
    (its "Platforms" stands for them), in the order of the file."""
    found = sections(module_source())
    listed = " ".join(mystatus.__doc__.split("Read it top to bottom", 1)[1].split(".  ", 1)[0].split())
    titles = [title for title, _ in found if not title.startswith("Platform: ")]
    places = [(m.start() if m else None, title) for title in titles
              for m in [re.search(r"(?<!\w)%s(?!\w)" % re.escape(title), listed)]]
    assert len(titles) > 10 and [title for place, title in places if place is None] == []
    assert places == sorted(places)


def sections(source):
    """(title, first line) of each banner section of a module."""
    return [(m.group(1), number) for number, line in enumerate(source.splitlines(), 1)
            for m in [re.match(r"# (.+?) #{4,}$", line)] if m]


def section_of(found, line):
    title = "(top)"
    for name, first in found:
        if first <= line:
            title = name
    return title


# Words of the platforms' own that are English or name OpenCode itself: each
# is found where it stands in a longer name (a title, an auth key, a host).
GENERIC_WORDS = {
    "opencode": "OpenCode Zen's auth key, and OpenCode's own name in every folder and file of its stores",
    "ai": "of Zhipu AI: a word of the tool's own description (AI coding subscriptions)",
    "for": "of Kimi For Coding: English",
    "coding": "of Kimi For Coding and MiniMax Coding Plan: AI coding subscriptions",
    "plan": "of MiniMax Coding Plan: a subscription's plan, on every platform",
    "code": "a word of coding plans' names (Claude Code, a platform `X Code`), and of exit codes",
    # Texts of the blocks' constants that are HTTP's or the report's own words.
    "content-type": "an HTTP header, of every request with a body and every answer",
    "accept": "an HTTP header, of every request",
    "user-agent": "an HTTP header, of every request",
    "application/json": "the type of every answer and body of ours",
    "weekly": "a window's length, which window_label() names for every platform",
}


def token_prefixes(shape):
    """The literal starts of a token shape's tokens: its text up to the first
    other metacharacter, a class of letters spelled out (gh[opsu]_ -> gho_,
    ghp_, ...); an escaped character stands for itself."""
    prefixes, at = [""], 0
    while at < len(shape):
        char = shape[at]
        if char == "\\" and at + 1 < len(shape) and not shape[at + 1].isalnum():
            prefixes, at = [p + shape[at + 1] for p in prefixes], at + 2
        elif char == "[" and re.match(r"\[[A-Za-z]+\]", shape[at:]):
            members = re.match(r"\[([A-Za-z]+)\]", shape[at:]).group(1)
            prefixes, at = [p + member for p in prefixes for member in members], at + len(members) + 2
        elif char.isalnum() or char in "_-":
            prefixes, at = [p + char for p in prefixes], at + 1
        else:
            break
    return [p for p in prefixes if len(p) >= 3]


def module_parts(source):
    """(tree, in_block, in_table) of a module's source: its tree, and whether
    each top-level node is in a platform's block, or in the platform table."""
    # The module's own tree is parsed once; a planted copy's, here.
    tree = module_tree() if source == module_source() else ast.parse(source)
    found = sections(source)
    in_block = {node: section_of(found, node.lineno).startswith("Platform: ") for node in tree.body}
    in_table = {node: section_of(found, node.lineno) == "Platform table" for node in tree.body}
    return tree, in_block, in_table


def docstrings(nodes):
    """The ids of the docstrings of those nodes that have one."""
    return {id(node.body[0].value) for node in nodes
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def platform_words(tree, in_block):
    """Every word that names a platform or says something only it knows: of
    its row, its id, title (and each word of it), short name, auth keys,
    variables and aliases; the hosts of its URLs and their domains; the
    folders and files of its own below HOME; and every text of five characters
    or more that its block's constants hold."""
    words = set()
    home = mystatus.Paths.from_env({"HOME": "/h"}, look=False)
    opencode = {part for p in mystatus.PLATFORMS for where, path in p.file_paths(home)
                if where is mystatus.opencode_stores for part in os.path.relpath(path, "/h").split(os.sep)}
    opencode |= set(os.path.relpath(home.config, "/h").split(os.sep))
    for p in mystatus.PLATFORMS:
        words |= {p.id, p.title, p.short or p.title} | set(p.title.split()) | set(p.auth_keys) | set(p.urls)
        words |= set(p.env_keys) | set(p.aliases)
        for url in p.urls.values():
            host = urllib.parse.urlsplit(url).hostname
            words |= {host, ".".join(host.split(".")[-2:])}
        words |= {part for where, path in p.file_paths(home) if where is not mystatus.opencode_stores
                  for part in os.path.relpath(path, "/h").split(os.sep)} - opencode
    for node in tree.body:
        if in_block[node] and isinstance(node, ast.Assign):
            words |= {child.value for child in ast.walk(node.value)
                      if isinstance(child, ast.Constant) and isinstance(child.value, str) and len(child.value) >= 5}
    return {word for word in words if word.lower() not in GENERIC_WORDS}


# A token's body after its literal start: of every shape's characters.
TOKEN_BODY = "Ab3Cd5Ef7Gh9Jk2Lm4Np6Qr8St0Uv1Wx"


def looks_for_a_platform_s_tokens(text, samples):
    """Whether a text is a regular expression that finds one platform's tokens
    (a sample of them, its start and more) but not the same token with
    another start: a shape of its, not one of any token."""
    if not re.search(r"[\[\\{*+]", text):
        return False  # no class, escape or repeat: no token's shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # texts that are no regular expressions
        try:
            pattern = re.compile(text)
        except (re.error, OverflowError, ValueError, RecursionError):
            return False
    for prefix, sample, other in samples:
        match = pattern.search(sample)
        if match and match.start() == 0 and match.end() > len(prefix) and not pattern.search(other):
            return True
    return False


def leaks_outside_the_blocks(source):
    """(line, what) of each use of a platform's knowledge outside the blocks
    and the table: a name a block defines, a text holding a word of
    platform_words() or the start of a platform's token, a regular expression
    of a platform's tokens.  Docstrings may give one as an example."""
    tree, in_block, in_table = module_parts(source)
    block_names = {target.id for node in tree.body if in_block[node] and isinstance(node, ast.Assign)
                   for target in ast.walk(node.targets[0]) if isinstance(target, ast.Name)}
    block_names |= {node.name for node in tree.body if in_block[node] and hasattr(node, "name")}
    words = platform_words(tree, in_block)
    prefixes = {prefix for p in mystatus.PLATFORMS for shape in p.token_shapes for prefix in token_prefixes(shape)}
    shapes = [shape for p in mystatus.PLATFORMS for shape in p.token_shapes]
    samples = [(prefix, prefix + TOKEN_BODY, re.sub(r"[A-Za-z]", "q", re.sub(r"[0-9]", "7", prefix)) + TOKEN_BODY)
               for prefix in prefixes]
    assert len(samples) >= 8 and all(any(re.fullmatch(shape, sample) for shape in shapes)
                                     for _, sample, _ in samples), "a sample token that no shape takes"
    # A word stands alone (no letter, digit or _ either side); a token's start
    # is followed by the token.  The longest first, so a file's name is found
    # whole, not as the platform's.  Any at all, in one search: most texts
    # have none (a search a word each took 0.5 s).  Each edge is looked at
    # once for all the words it bounds, not once a word: the search took 8
    # times as long with one (?<!\w)word(?!\w) a word, for the same matches.
    alone = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    starts = "|".join(re.escape(prefix) for prefix in prefixes)
    anyword = re.compile(r"(?<!\w)(?:%s)(?!\w)|(?<![A-Za-z0-9])(?:%s)" % (alone, starts), re.I)
    leaks = []
    told = docstrings([tree])  # the module's
    for node in tree.body:
        if in_block[node] or in_table[node]:
            continue
        inside = list(ast.walk(node))
        told |= docstrings(inside)
        for child in inside:
            if isinstance(child, ast.Name) and child.id in block_names:
                leaks.append((child.lineno, child.id))
            elif isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in told:
                leaks += [(child.lineno, match.group(0)) for match in anyword.finditer(child.value)]
                if looks_for_a_platform_s_tokens(child.value, samples):
                    leaks.append((child.lineno, child.value))
    assert len(block_names) > 50 and "parse_kimi" in block_names  # the walk found the blocks
    return leaks


def test_no_section_outside_the_platform_blocks_names_a_platform():
    assert leaks_outside_the_blocks(module_source()) == []


# What a cold reader put in the Rendering section of a copy, and every one of
# them passed the search of ids, titles, keys and variables alone.
PLANTED = ('PLANTED = ("https://api.github.com", "copilot-quota-token.json", "antigravity-accounts.json", '
           'r"gh[pousr]_[A-Za-z0-9]{20,}", ("GitHub", "bigmodel.cn", "sk-ant-api"), "x-kimi-key")\n')


def test_the_search_finds_hosts_files_token_shapes_and_a_block_s_texts():
    source = module_source()
    rendering = source.index("\n# Rendering ####")
    line = source[:rendering].count("\n") + 2
    planted = source[:rendering] + "\n" + PLANTED + source[rendering:]
    found = [what for number, what in leaks_outside_the_blocks(planted) if number == line]
    assert found == ["https://api.github.com", "copilot-quota-token.json", "antigravity-accounts.json",
                     "gh[pousr]_[A-Za-z0-9]{20,}", "kimi", "GitHub", "bigmodel.cn", "sk-ant-api"]


def test_the_module_reads_top_down():
    """No top-level code uses a module name that a later section defines,
    except the platform table's (which the sections before it reach through
    the rows, as scrub() does for TOKEN_SHAPES)."""
    tree, found = module_tree(), sections(module_source())
    order = {title: number for number, (title, _) in enumerate(found)}

    def where(node):
        return order.get(section_of(found, node.lineno), -1)

    defined = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.setdefault(node.name, where(node))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        defined.setdefault(name.id, where(node))
    table = order["Platform table"]
    late = []
    for node in tree.body:
        inside = list(ast.walk(node))  # walked once: four walks of the module were half the test's time
        local = set()
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            local = {n.arg for n in inside if isinstance(n, ast.arg)}
            local |= {n.id for n in inside if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            local |= {n.name for n in inside if isinstance(n, ast.ExceptHandler) and n.name}
        for name in inside:
            if (isinstance(name, ast.Name) and isinstance(name.ctx, ast.Load) and name.id not in local
                    and defined.get(name.id, -1) > where(node) and defined[name.id] != table):
                late.append((name.lineno, name.id))
    assert len(defined) > 300  # the walk found the module's names
    assert late == []


def test_all_names_the_public_surface():
    assert len(mystatus.__all__) == len(set(mystatus.__all__))
    missing = [name for name in mystatus.__all__ if not hasattr(mystatus, name)]
    assert missing == []
    namespace = {}
    exec("from mystatus import *", namespace)
    assert "main" in namespace and "Platform" in namespace and "_Record" not in namespace


# Dead weight ##################################################################


def functions(tree):
    """(qualified name as Python gives it, node) of every function and lambda."""
    found = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.Lambda)):
                name = prefix + getattr(child, "name", "<lambda>")
                found.append((name, child))
                walk(child, name + ".<locals>.")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)
    walk(tree, "")
    return found


def module_source():
    """The source of the mystatus this process imported (see conftest)."""
    return conftest.MYSTATUS_SOURCE


def module_tree():
    return conftest.mystatus_tree()


# The parameters a row's functions take because the code calling them passes
# them all, whether the platform needs them or not (see the Platform class).
ROW_INTERFACES = {
    "read": {"key", "entry", "source", "provider"},  # read(key, entry, source, id)
    "load": {"env", "creds"},  # load(paths, env, creds, attempt)
    "vendor": {"env"},  # vendor(paths, env, attempt)
    "parse": {"endpoint", "now"},  # parse(payload, endpoint, now)
}
# Every other parameter that is never read, and why it is there.
UNREAD_PARAMETERS = {
    ("Credential.freshness", "now"): "the base of OAuthToken.freshness(now), which reads it",
    ("OpenCodeKey.freshness", "now"): "Credential.freshness(now) overridden: a Go key outranks a Zen one at any time",
    ("_classes.<locals>.NoRedirect.http_error_302", "args"): "urllib passes (req, fp, code, msg, headers)",
    ("PrivateLock.__exit__", "exc"): "the with statement passes the exception, if any",
    ("_unwatched", "sock"): "a watch, as a request's: a kept connection calls it with each socket",
    ("_compact_lines.<locals>.<lambda>", "style"): "paint(text, style): the default paints nothing",
    ("_proxy_handler.<locals>.Proxies.proxy_open", "type"): "urllib passes (req, proxy, type); req.type says it",
}


def test_every_parameter_is_read():
    """A parameter no caller needs is dead weight that every caller still has
    to pass; only an interface may ask for one the function ignores."""
    allowed = set(UNREAD_PARAMETERS)
    for platform in mystatus.PLATFORMS:
        for kind, names in ROW_INTERFACES.items():
            function = getattr(platform, kind)
            if getattr(function, "__module__", None) == "mystatus" and hasattr(function, "__code__"):
                allowed |= {(function.__qualname__, name) for name in names}
    unread = []
    for qualname, node in functions(module_tree()):
        args = node.args
        params = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg] if a]
        if "." in qualname.replace(".<locals>.", "") and params[:1] in (["self"], ["cls"]):
            params = params[1:]  # a method's own object
        body = node.body if isinstance(node.body, list) else [node.body]
        read = {n.id for part in body for n in ast.walk(part) if isinstance(n, ast.Name)}
        unread += [(qualname, name) for name in params if name not in read]
    assert len(unread) > 8  # the walk found the interfaces' parameters
    assert sorted(set(unread) - allowed) == []
    assert set(UNREAD_PARAMETERS) <= set(unread), "an exception no longer needed"



def test_every_import_is_at_the_top():
    """The module docstring and _Lazy promise every import of the program in
    one place, the top, where each says why it is there: an import inside a
    function (platform for Google's User-Agent, fcntl for the cache's lock)
    was found by reading the whole file."""
    tree = module_tree()
    top = {id(node) for node in tree.body}
    late = [node.lineno for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top]
    assert [node for node in tree.body if isinstance(node, ast.Import)]  # the walk saw the top ones
    assert late == []
    first_def = min(node.lineno for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef)))
    assert [node.lineno for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
            and node.lineno > first_def] == []


def backslash_continuations(source):
    """The lines a backslash continues.  Tokens of one logical line on two
    physical lines with no line-break token between them were joined by a
    backslash.  Only a source with a line ending in one is tokenized (0.3 s
    for mystatus.py): without one, there is none."""
    if not any(line.endswith("\\") for line in source.splitlines()):
        return []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    breaks = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    return [token.start[0] - 1 for before, token in zip(tokens, tokens[1:])
            if token.start[0] > before.end[0] and before.type not in breaks and token.type not in breaks]


def test_no_backslash_continues_a_line():
    """Brackets continue a line; a backslash breaks it silently when a space
    follows it."""
    assert backslash_continuations(module_source()) == []
    # What it finds, and what it lets be: a backslash inside a string.
    assert backslash_continuations('x = 1 + \\\n    2\ny = """a\\\nb"""\nz = (1 +\n     2)\n') == [1]


# Types ########################################################################

# Of a public class, the methods a caller uses besides its public ones.
CALLED_DUNDERS = {"__init__", "__new__", "__call__"}


def public_functions(tree):
    """(name, node) of every public function and public method: a name without
    a leading underscore, or one __all__ gives, in a class that is public too."""
    public = set(mystatus.__all__)
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and (not node.name.startswith("_") or node.name in public):
            found.append((node.name, node))
        elif isinstance(node, ast.ClassDef) and (not node.name.startswith("_") or node.name in public):
            found += [(node.name + "." + method.name, method) for method in node.body
                      if isinstance(method, ast.FunctionDef)
                      and (not method.name.startswith("_") or method.name in CALLED_DUNDERS)]
    return found


def test_public_functions_say_what_they_take_and_give():
    """Every parameter (but a method's own object) and every return is
    annotated, so a reader and a type checker know what goes in and out."""
    found = public_functions(module_tree())
    bare = []
    for name, node in found:
        args = node.args
        params = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
        if "." in name and not any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list):
            params = params[1:]  # self, or cls
        bare += [(name, a.arg) for a in params if a is not None and a.annotation is None]
        if node.returns is None:
            bare.append((name, "return"))
    assert len(found) > 150 and "render_text" in dict(found) and "Pool.submit" in dict(found)
    assert bare == []


@pytest.mark.skipif(sys.version_info < (3, 10), reason="`X | None` is evaluated from 3.10 on (3.8 keeps it as text)")
def test_the_annotations_name_real_types():
    import typing

    wrong = []
    for name, _ in public_functions(module_tree()):
        owner, _, method = name.rpartition(".")
        function = vars(getattr(mystatus, owner))[method] if owner else getattr(mystatus, name)
        function = getattr(function, "fget", None) or getattr(function, "__func__", function)  # a property's getter
        try:
            typing.get_type_hints(function)
        except Exception as exc:  # which function, and why, is the point
            wrong.append((name, repr(exc)))
    assert wrong == []


def test_the_annotations_cost_no_import_at_start_up():
    """Annotations that 3.8 cannot evaluate are text, and `typing` is a lazy
    name: neither it (9 ms and more) nor __future__ is imported by mystatus."""
    code = ("import sys; before = set(sys.modules); import mystatus; "
            "print(' '.join(sorted({'typing', '__future__'} & (set(sys.modules) - before))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert (done.returncode, done.stdout, done.stderr) == (0, "\n", "")


def test_python_3_8_can_evaluate_every_bare_annotation():
    """Python evaluates a bare annotation when the function is defined: on 3.8
    `str | None`, `list[str]` or typing.X there fail or cost an import.  So an
    annotation is a name (a builtin or a class of the module), None, or text.
    (Tests on a newer Python would not notice: 3.10 evaluates all of these.)"""
    bare = []
    for node in ast.walk(module_tree()):
        if not isinstance(node, ast.FunctionDef):
            continue
        args = node.args
        annotations = [a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs
                       + [args.vararg, args.kwarg] if a is not None] + [node.returns]
        bare += [(node.name, ast.dump(a)) for a in annotations
                 if a is not None and not isinstance(a, (ast.Name, ast.Constant))]
    assert bare == [], "quote these annotations"


def test_units_and_formats_are_named_not_spelled():
    """A quota's unit and the output format are told apart by UNIT_* and
    FORMAT_* names wherever they are set or compared, never by their words
    (the words themselves stay: they are the JSON output's and --format's)."""
    assert (mystatus.UNIT_TOKENS, mystatus.UNIT_CREDITS, mystatus.UNIT_REQUESTS, mystatus.UNIT_CALLS,
            mystatus.UNIT_PERCENT) == ("tokens", "credits", "requests", "calls", "percent")
    assert mystatus.FORMATS == ("text", "json", "oneline", "waybar", "xbar", "prometheus")

    def named(node, names):
        return (node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)) in names

    def spelled(node):
        return isinstance(node, ast.Constant) and isinstance(node.value, str)

    found = []
    for node in ast.walk(module_tree()):
        if isinstance(node, ast.Call) and named(node.func, {"Quota"}):  # Quota(unit="...")
            found += [(k.value.lineno, k.value.value) for k in node.keywords if k.arg == "unit" and spelled(k.value)]
        elif isinstance(node, ast.Compare) and named(node.left, {"unit", "form", "format"}):  # unit == "..."
            found += [(c.lineno, c.value) for c in node.comparators if spelled(c)]
        elif isinstance(node, ast.Assign) and any(named(t, {"unit", "unit_name"}) for t in node.targets):
            found += [(c.lineno, c.value) for c in ast.walk(node.value) if spelled(c)]  # unit = "..."
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):  # label, unit = ..., "..."
            found += [(v.lineno, v.value) for t in node.targets if isinstance(t, ast.Tuple)
                      for n, v in zip(t.elts, node.value.elts) if named(n, {"unit", "unit_name"}) and spelled(v)]
    assert len([n for n in ast.walk(module_tree()) if isinstance(n, ast.Call) and named(n.func, {"Quota"})]) > 10
    assert found == []
