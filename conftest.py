"""Test fixtures: a loopback HTTP(S) server with scripted replies, and a home.

No test touches the internet: every endpoint mystatus knows is pointed at a
ThreadingHTTPServer on 127.0.0.1, port 0, which records what it receives.  The
server speaks HTTPS too, with a certificate made for the test session and
trusted through SSL_CERT_FILE, because every real endpoint is HTTPS.
"""

import ast
import base64
import contextlib
import functools
import gc
import hashlib
import inspect
import json
import os
import selectors
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import settings

import mystatus

ROOT = os.path.dirname(os.path.abspath(__file__))

# The source of the mystatus this process imported, read with it: the tests
# that read the source (test_structure.py, test_language.py) hold it against
# the live module (its functions, their annotations, __all__, its messages),
# and mystatus.py read again minutes later may be another module, edited or
# landed on during the run.  A public function added meanwhile was looked up
# in a module that never had it: AttributeError, at random.
with open(mystatus.__file__, encoding="utf-8") as _imported:
    MYSTATUS_SOURCE = _imported.read()


@functools.lru_cache(maxsize=None)
def mystatus_tree():
    """The tree of MYSTATUS_SOURCE, parsed once for the tests of a process
    whichever module asks (each parse of 7,000 lines takes 0.1 s and more);
    the tests only read it."""
    return ast.parse(MYSTATUS_SOURCE)


# Route of each endpoint on the fixture server: today's endpoints by name, and
# any endpoint added later under /<its variable's name>, so that a new platform
# can never reach a real host from a test.
PATHS = {
    "MYSTATUS_OPENAI_URL": "/openai/usage",
    "MYSTATUS_ZHIPU_URL": "/zhipu/quota",
    "MYSTATUS_ZAI_URL": "/zai/quota",
    "MYSTATUS_GOOGLE_TOKEN_URL": "/google/token",
    "MYSTATUS_GOOGLE_QUOTA_URL": "/google/models",
    "MYSTATUS_GOOGLE_SUMMARY_URL": "/google/summary",
    "MYSTATUS_GITHUB_API_URL": "/github",
    "MYSTATUS_OPENCODE_GO_URL": "/opencode-go/usage",
    "MYSTATUS_KIMI_URL": "/kimi/usages",
    "MYSTATUS_KIMI_GLOBAL_URL": "/kimi-global/usages",
    "MYSTATUS_MINIMAX_URL": "/minimax/remains",
    "MYSTATUS_MINIMAX_CN_URL": "/minimax-cn/remains",
}
PATHS = {name: PATHS.get(name, "/" + name.lower()) for name in mystatus.DEFAULT_URLS}

# Property tests: the full count in CI (.ci/run runs with CI=true), a fifth of
# it by default, so a developer's run stays quick on two busy cores.  A test
# whose examples are costly names its CI count through examples().
settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
CI = os.environ.get("CI", "").lower() not in ("", "0", "false")
settings.load_profile("ci" if CI else "dev")


@pytest.hookimpl(optionalhook=True)  # a venv without pytest-xdist runs the suite in one process
def pytest_xdist_auto_num_workers(config):
    """Workers for `pytest -n auto`: one more than the cores.  The suite mostly
    waits (on deliberate deadlines, sockets and subprocesses), so an extra
    worker keeps both cores of a small machine busy while another sleeps."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items):
    """The tests marked `long` first, in the order found, then the rest.  Each
    takes seconds, most of them waiting on a program of its own (OpenCode, a
    second pytest); started last, as the file names would have them, they ran
    on one worker after the others had finished.  pytest-xdist hands each
    worker a run of consecutive tests at the start: these all go to the first
    one, OpenCode's tests with the one server they share."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_collection_finish(session):
    """What collection made (the test modules, hypothesis, a thousand test
    items) lives until the session ends: frozen, the garbage collector's full
    passes no longer walk it again and again while the tests run."""
    gc.collect()
    gc.freeze()


# The tests' temporary folders in memory ######################################
#
# A test makes a folder or two and a dozen files (its home, credentials, the
# cache, locks), and pytest removes them when it passes.  On a disk
# filesystem each of those is a journaled change of metadata, and system time
# was a fifth of the suite's CPU.  Where the machine has a RAM filesystem for
# it (/dev/shm on Linux) with room to spare, that is where pytest makes the
# run's folders: the run takes 1-3 s less on two cores.  A place chosen
# (--basetemp, PYTEST_DEBUG_TEMPROOT, pytest's own variable for this, or
# TMPDIR, TEMP, TMP: where pytest would otherwise go, and its advice when
# pytest-of-<user> there is not the user's) is left alone, and so is a RAM
# folder that is small (a container's 64 MB) or mounted noexec (tests run
# programs they write).  A failed test's folder stays, as pytest keeps it,
# under /dev/shm/pytest-of-<user>/.

TEMP_ROOT = "PYTEST_DEBUG_TEMPROOT"
CHOSEN = ("TMPDIR", "TEMP", "TMP", TEMP_ROOT)  # a place the user named
IN_RAM = "MYSTATUS_TESTS_IN_RAM"  # set by the controller when it chose RAM_FOLDER, for its workers
RAM_FOLDER = "/dev/shm"
RAM_NEEDED = 1 << 30  # bytes free: a few tests write 50 MB files, three workers at once
# statvfs flags (Linux's values where the os module lacks them: macOS has no ST_NOEXEC)
RDONLY, NOEXEC = getattr(os, "ST_RDONLY", 1), getattr(os, "ST_NOEXEC", 8)


_STATVFS = getattr(os, "statvfs", None)  # none on Windows


def ram_folder(environ, basetemp, statvfs=_STATVFS):
    """RAM_FOLDER if the run's temporary folders should go there, else None
    (pytest's default: the system's temporary folder)."""
    if any(environ.get(name) for name in CHOSEN) or basetemp or statvfs is None:
        return None
    try:
        info = statvfs(RAM_FOLDER)
    except OSError:
        return None
    if info.f_flag & (RDONLY | NOEXEC) or info.f_bavail * info.f_frsize < RAM_NEEDED:
        return None
    return RAM_FOLDER if os.access(RAM_FOLDER, os.W_OK | os.X_OK) else None


# The test modules compiled once a run, for every worker ########################
#
# pytest compiles each test module itself (it rewrites the asserts) and keeps
# the result in __pycache__, unless PYTHONDONTWRITEBYTECODE is set, as it is on
# CI's machines and in many containers: then every -n worker compiles every
# test module, every run (1.3 s of CPU each).  Instead the controller makes a
# temporary folder for the run, and while a worker imports a test module,
# sys.pycache_prefix points there: what one worker compiled, the others read
# (pytest writes each file whole, by renaming it into place).  Each worker
# first imports its own share of the modules asked for, so the work is
# divided; a module that a worker reaches before its owner is done with it is
# compiled twice, which costs time, not correctness.  A standard module first
# imported by a test module is compiled into the folder too.  Nothing is
# written in the tree, and the folder is removed when the run ends (not when
# the run is killed: it is in the system's temporary folder).

COMPILED = "MYSTATUS_TESTS_COMPILED"  # the run's folder, from the controller to its workers


def compiled_folder(environ):
    """The run's folder for compiled test modules, in a worker of `pytest -n`
    whose controller made one; else None (a value left in the environment by
    something else is not trusted: the controller always sets or removes it)."""
    folder = environ.get(COMPILED) if environ.get("PYTEST_XDIST_WORKER") else None
    return folder if folder and os.path.isdir(folder) else None


_compiled = compiled_folder(os.environ)


def pytest_configure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    os.environ.pop(IN_RAM, None)  # only this run's choice reaches its workers
    root = ram_folder(os.environ, config.option.basetemp)
    if root is not None:
        config.temp_in_ram = os.environ[TEMP_ROOT] = root
        os.environ[IN_RAM] = "1"
    os.environ.pop(COMPILED, None)  # only this run's folder reaches its workers
    if sys.dont_write_bytecode and getattr(config.option, "numprocesses", None):
        config.compiled_tests = os.environ[COMPILED] = tempfile.mkdtemp(prefix="mystatus-tests-")


def pytest_unconfigure(config):
    folder = getattr(config, "compiled_tests", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    if getattr(config, "temp_in_ram", None):
        os.environ.pop(TEMP_ROOT, None)
        os.environ.pop(IN_RAM, None)


@contextlib.contextmanager
def compiled_in_the_run_folder():
    """Within it, modules imported are compiled into the run's folder, or read
    from there (see above)."""
    if _compiled is None:  # not a worker with a run folder: as the user's settings say
        yield
        return
    kept = sys.pycache_prefix, sys.dont_write_bytecode
    sys.pycache_prefix, sys.dont_write_bytecode = _compiled, False
    try:
        yield
    finally:
        sys.pycache_prefix, sys.dont_write_bytecode = kept


def first_share(paths, asked, worker, workers):
    """The test modules (of those at `paths`) that worker number `worker`
    (from 0) of `workers` imports first: of the modules the run was asked for
    (`asked`: its arguments made absolute, each a file, a folder above it or a
    test in it), every workers-th, from its own number on.  A run of one file
    imports that file alone."""
    targets = [os.path.realpath(arg.split("::")[0]) for arg in asked]
    wanted = [path for path in paths if any(
        os.path.realpath(path) == target or os.path.realpath(path).startswith(target.rstrip(os.sep) + os.sep)
        for target in targets)]
    return wanted[worker::workers]


def import_first(modules):
    """Imports each pytest.Module of `modules` (reading .obj does), keeping it
    compiled in the run's folder.  What fails, or skips at import, pytest
    imports again in its turn and reports there."""
    for module in modules:
        with compiled_in_the_run_folder():
            try:
                module.obj  # noqa: B018
            except (Exception, pytest.skip.Exception, pytest.fail.Exception):
                pass


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    if _compiled is None:
        yield
        return
    if isinstance(collector, pytest.Module):
        with compiled_in_the_run_folder():
            yield
        return
    outcome = yield
    # A folder's test modules, listed and not imported yet: this worker's
    # share first, then pytest takes them all in order, finding most of the
    # others' compiled by then.
    modules = {str(node.path): node for node in (outcome.get_result().result or [])
               if isinstance(node, pytest.Module)}
    config = collector.config
    asked = [os.path.join(str(config.invocation_params.dir), arg) for arg in config.args]
    try:
        worker, workers = int(os.environ["PYTEST_XDIST_WORKER"][2:]), int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
    except (KeyError, ValueError):  # not xdist's "gw<n>" names: no share, each module in its turn
        return
    import_first([modules[path] for path in first_share(list(modules), asked, worker, workers)])


def examples(ci):
    """max_examples for a costly property test: `ci` in CI, a fifth of it (at
    least 5) otherwise, as the profiles do."""
    return ci if CI else max(5, ci // 5)


SCHEMES = ("http", "https")
# Runs a test that takes `server` once over HTTP and once over HTTPS.
both_schemes = pytest.mark.parametrize("server", SCHEMES, indirect=True)


class Reply:
    """One scripted answer: status, body (object -> JSON), headers, a delay."""

    def __init__(self, body=None, status=200, headers=None, delay=0.0, raw=None):
        self.status, self.headers, self.delay = status, dict(headers or {}), delay
        if raw is not None:
            self.body = raw if isinstance(raw, bytes) else raw.encode()
        else:
            self.body = json.dumps(body).encode()
            self.headers.setdefault("Content-Type", "application/json")

    def send(self, handler):
        if self.delay:
            time.sleep(self.delay)
        handler.send_response(self.status)
        for name, value in self.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)


def headers_then(handler, status=200, length=None, content_type="application/json"):
    """Send the status line and headers now, the body is the caller's."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()
    handler.wfile.flush()


class Recorded:
    def __init__(self, method, path, headers, body):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def header(self, name):
        return self.headers.get(name.lower())


def _takes_two(reply):
    """Whether a scripted callable wants (handler, recorded) rather than (handler)."""
    try:
        params = inspect.signature(reply).parameters.values()
    except (TypeError, ValueError):
        return False
    return sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params) >= 2


class Server:
    """Scripted replies by path; each path's replies are used in turn, the last
    one again and again.  A reply may be a callable for odd behaviour: it gets
    the handler, and also the Recorded request if it takes a second argument
    (so it need not look for its own request among `requests`, which other
    threads append to).  `scheme="https"` serves TLS with `certificate` (a
    (cert, key) pair of files, see the `certificate` fixture)."""

    def __init__(self, host="127.0.0.1", scheme="http", certificate=None):
        self.routes, self.requests = {}, []
        self.arrived = threading.Condition()  # notified as each request is recorded (see received())
        self.stop = threading.Event()
        self.scheme, self.certificate = scheme, certificate
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in separate writes: with Nagle's algorithm on,
            # the body of every answer on a kept connection after the first waits
            # for the client's delayed ACK (~40 ms), a stall no real server has.
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                recorded = Recorded(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body)
                with server.arrived:
                    server.requests.append(recorded)
                    server.arrived.notify_all()
                replies = server.routes.get(path)
                if not replies:
                    reply = Reply({"message": "Not Found"}, status=404)
                else:
                    reply = replies.pop(0) if len(replies) > 1 else replies[0]
                # A scripted Reply (its length always sent) keeps the connection
                # for the client's next request, as real servers do; a callable's
                # odd behaviour ends it.
                self.close_connection = self.close_connection or callable(reply)
                try:
                    if not callable(reply):
                        reply.send(self)
                    elif _takes_two(reply):
                        reply(self, recorded)
                    else:
                        reply(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_CONNECT = handle_one

        self.httpd = _Listener((host, 0), Handler)
        if scheme == "https":
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.httpd.tls = context
        self.port = self.httpd.server_address[1]
        self.host = host
        self.thread = threading.Thread(target=self.httpd.serve_until_closed, daemon=True)
        self.thread.start()

    def url(self, path):
        return "%s://%s:%d%s" % (self.scheme, self.host, self.port, path)

    def route(self, path, *replies):
        self.routes[path] = list(replies)

    # Odd replies for hostile-network tests and the benchmark.

    def drip(self, body, every):
        """Headers at once, then `body` one byte every `every` seconds."""
        def reply(handler):
            headers_then(handler, length=len(body))
            for byte in body:
                if self.stop.wait(every):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        return reply

    def silent(self):
        """Takes the request and never answers."""
        return lambda handler: self.stop.wait(60)

    def flood(self, mib, sent=None, ended=None):
        """`mib` MiB of '[' with no Content-Length (the body runs until the
        connection closes), counting into `sent` what the socket took;
        `ended`, an Event, is set when the sending stops (all sent, or the
        client closed the connection)."""
        def reply(handler):
            try:
                headers_then(handler)
                chunk = b"[" * (1 << 16)
                for _ in range(mib * 16):
                    handler.wfile.write(chunk)
                    if sent is not None:
                        sent.append(len(chunk))
            except OSError:
                pass
            finally:
                if ended is not None:
                    ended.set()
        return reply

    @property
    def connections(self):
        """How many connections the server has accepted so far."""
        return self.httpd.accepted

    def hits(self, path):
        return [r for r in self.requests if r.path == path]

    def received(self, path, count=1, timeout=20):
        """hits(path) once there are `count` of them (or `timeout` seconds
        passed).  A request the client gave up on (a timeout, the run's
        deadline) is read and recorded by the server's thread in its own time:
        on a busy machine, after the run has ended."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.hits(path)) >= count, timeout)
        return self.hits(path)

    def close(self):
        self.stop.set()
        self.httpd.close()


class _Listener(ThreadingHTTPServer):
    """The fixture's listening socket.  It waits for a connection or for close()
    on one select(), so closing takes no time (serve_forever polls: with the
    tests' many servers, its poll interval alone made seconds of teardown).
    With `tls` set, each connection's handshake happens in its own thread."""

    request_queue_size = 128  # many accounts connect at once; the default backlog is 5
    daemon_threads = True
    timeout = 0
    tls = None
    accepted = 0  # connections accepted: a client that keeps them makes few

    def process_request(self, request, client_address):  # on the one accepting thread
        self.accepted += 1
        super().process_request(request, client_address)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._wake_r, self._wake_w = socket.socketpair()
        self._done = threading.Event()

    def serve_until_closed(self):
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self.socket, selectors.EVENT_READ)
                selector.register(self._wake_r, selectors.EVENT_READ)
                while True:
                    ready = {key.fileobj for key, _ in selector.select()}
                    if self._wake_r in ready:
                        return
                    self.handle_request()  # one connection, at once: timeout is 0
        finally:
            self._done.set()

    def close(self):
        self._wake_w.send(b"x")
        self._done.wait(5)
        self.server_close()
        self._wake_r.close()
        self._wake_w.close()

    def handle_error(self, request, client_address):
        # A client that closed its kept connection while the handler waited for
        # its next request (mystatus ends its connections with the run) is no
        # error; printed, it reached the test's captured stderr.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def finish_request(self, request, client_address):
        if self.tls is None:
            return super().finish_request(request, client_address)
        try:
            request = self.tls.wrap_socket(request, server_side=True)
        except OSError:  # a client that gave up, or one testing a failed handshake
            return None
        try:
            return super().finish_request(request, client_address)
        finally:
            request.close()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 and localhost, made once per
    session: (certificate file, key file).  Trusted by mystatus through
    SSL_CERT_FILE, which Home.env(server) (and so home.environ) names for an
    HTTPS server."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("the HTTPS tests need the openssl command to make a test certificate; "
                    "install OpenSSL (e.g. apt-get install openssl)", pytrace=False)
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    done = subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                           "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert,
                           "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        pytest.fail("openssl could not make the test certificate:\n" + done.stderr, pytrace=False)
    return cert, key


@pytest.fixture
def server(request):
    """The loopback server, over HTTP unless the test is parametrized with
    `both_schemes` (or indirectly with "https"); `home.environ` trusts its
    certificate."""
    scheme = getattr(request, "param", "http")
    certificate = None
    if scheme == "https":
        certificate = request.getfixturevalue("certificate")
    srv = Server(scheme=scheme, certificate=certificate)
    yield srv
    srv.close()


@pytest.fixture
def new_server(request):
    """new_server(scheme): one more loopback server, "http" or "https" (with
    the session's certificate), closed after the test: for cases checked at
    once (at_once), each on a server of its own."""
    made = []

    def new(scheme="http"):
        certificate = request.getfixturevalue("certificate") if scheme == "https" else None
        made.append(Server(scheme=scheme, certificate=certificate))
        return made[-1]

    yield new
    for srv in made:
        srv.close()


@pytest.fixture
def tls_server(new_server):
    """A loopback server over HTTPS beside `server` (which may be HTTP)."""
    return new_server("https")


class Home:
    """A temporary HOME with helpers to write OpenCode's credential files, and
    the environment mystatus gets there: `environ` (the `home` fixture's, which
    run_main hands to main(env=...); a test changes a variable there, never in
    os.environ) or env() for a subprocess."""

    current = None  # the `home` fixture's Home while its test runs

    def __init__(self, root):
        self.root = root
        self.data = root / ".local" / "share" / "opencode"
        self.config = root / ".config" / "opencode"
        self.environ = self.env()

    def write(self, path, content):
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    def auth(self, content):
        return self.write(self.data / "auth.json", content)

    def accounts(self, content):
        if isinstance(content, list):
            content = {"version": 3, "accounts": content}
        return self.write(self.config / "antigravity-accounts.json", content)

    def pat(self, content):
        return self.write(self.config / "copilot-quota-token.json", content)

    def env(self, server=None, **extra):
        """The environment for mystatus, in a subprocess or main(env=...): what
        cron gives a job (this HOME and PATH, nothing else) and mystatus on
        PYTHONPATH; with `server`, no proxy, every endpoint on that server and,
        over HTTPS, its certificate trusted.  An `extra` value of None removes
        the variable."""
        env = {"HOME": str(self.root), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": ROOT}
        if server is not None:
            env["NO_PROXY"] = "*"
            env.update({name: server.url(path) for name, path in PATHS.items()})
            if server.certificate is not None:
                env["SSL_CERT_FILE"] = server.certificate[0]
        env.update(extra)
        return {name: value for name, value in env.items() if value is not None}


LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(autouse=True)
def no_real_name_lookups(monkeypatch):
    """No test resolves a name outside the loopback: a real lookup can wait on a
    busy machine's resolver past any deadline (and would touch the network).  Any
    other name is refused at once, as a resolver that knows no such host would,
    so "unknown host" is tested deterministically."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name.lower() not in LOOPBACK_NAMES:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (the tests resolve no real name)")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def home(tmp_path, server):
    """HOME in a temporary directory and `home.environ`, the environment
    run_main hands to mystatus.main: this HOME, no locale, no proxy, every
    endpoint on the fixture (its certificate trusted over HTTPS), and TZ=UTC:
    reset times are shown in local time, so every test names its zone
    (UTC unless it sets another), whatever the machine's is.  Nothing of the
    shell running the tests (its LANG, FORCE_COLOR, proxies, XDG_*) reaches
    mystatus, and os.environ is left alone."""
    home = Home(tmp_path)
    home.environ = home.env(server, TZ="UTC")
    home.process_env = dict(os.environ)
    Home.current = home
    yield home
    Home.current = None


def sigint_default():
    """Popen's preexec_fn for a child that a test sends Ctrl-C (SIGINT): the
    child starts with SIGINT's default action, as a command typed at a
    terminal does.  A suite started with SIGINT ignored (a script's background
    job, nohup, some CI runners) passes that on to every child, and a Python
    that starts with SIGINT ignored never raises KeyboardInterrupt: the test's
    Ctrl-C was ignored and it failed, whatever mystatus does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def jwt(claims):
    """An unsigned JWT carrying `claims` (mystatus decodes, never verifies)."""
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    return "%s.%s.%s" % (part({"alg": "RS256"}), part(claims), "c2lnbmF0dXJl")


def run_main(capsys, *argv, now=None, env=None):
    """mystatus.main in-process, in `env` (default: the `home` fixture's
    home.environ), at the clock `now` if given: (exit status, stdout,
    stderr)."""
    if env is None:
        assert Home.current is not None, "run_main without the home fixture: pass env="
        # A variable set in os.environ would not reach main(): it is a test to fix.
        changed = {name for name in set(os.environ) | set(Home.current.process_env)
                   if os.environ.get(name) != Home.current.process_env.get(name)} - {"PYTEST_CURRENT_TEST"}
        assert not changed, "the test changed os.environ (%s): set home.environ" % ", ".join(sorted(changed))
        env = Home.current.environ
    env = {name: value for name, value in env.items() if value is not None}
    try:
        status = mystatus.main(list(argv), env=env, now=now)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def at_once(check, cases, timeout=60):
    """check(case) for every case, each in a thread of its own, all started
    together: cases that each wait out the same deadline take one wait, not
    one each.  Each case is still checked on its own: every case whose check
    raised (or still runs after `timeout` seconds) is named in the one
    failure, with its traceback."""
    failed = {}

    def guarded(case):
        try:
            check(case)
        except BaseException:
            failed[case] = traceback.format_exc()

    threads = {case: threading.Thread(target=guarded, args=(case,), daemon=True) for case in cases}
    for thread in threads.values():
        thread.start()
    ends = time.monotonic() + timeout
    for case, thread in threads.items():
        thread.join(max(0.0, ends - time.monotonic()))
        if thread.is_alive():
            failed.setdefault(case, "still running after %s s" % timeout)
    assert not failed, "\n".join("%r failed:\n%s" % (case, told) for case, told in failed.items())


def snapshot_tree(folder):
    """Every name, size, mtime and hash under a folder, but mystatus's own
    cache (~/.cache/mystatus, the report it printed)."""
    found = {}
    for root, dirs, files in os.walk(str(folder)):
        if root == str(folder) and ".cache" in dirs:
            dirs.remove(".cache")
        for name in dirs + files:
            path = os.path.join(root, name)
            info = os.lstat(path)
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest() if stat.S_ISREG(info.st_mode) else None
            found[os.path.relpath(path, str(folder))] = (info.st_size, info.st_mtime_ns, stat.S_IMODE(info.st_mode),
                                                        digest)
    return found
