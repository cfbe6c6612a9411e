"""The HTTP layer and the fan-out: one TLS context a run, one watchdog, a
bounded pool whose requests' deadlines start when they are sent, the run's
own deadline (--deadline), and scrubbing compiled once.  Nothing here times
the code: each test counts what was made, or asks for something a wrong
design could not give (an account answered that a queue would have timed out)."""

import json
import os
import ssl
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mystatus
from conftest import SCHEMES, Home, Reply, Server, at_once, both_schemes
from payloads import GOOGLE_POOL_MODELS, ZHIPU_QUOTA, google_account, json_report, report, zhipu_auth


def google_accounts(home, count):
    home.accounts([google_account(email="user%d@example.com" % n, token="1//refresh-%d-0123456789" % n,
                                  project="p%d" % n) for n in range(count)])


@pytest.fixture
def contexts(monkeypatch):
    """Every TLS context made through the ssl module's default-context
    functions (http.client and urllib make theirs so), counted."""
    made = []
    for name in ("create_default_context", "_create_default_https_context"):
        real = getattr(ssl, name)

        def counting(*args, _real=real, **kwargs):
            made.append(1)
            return _real(*args, **kwargs)

        monkeypatch.setattr(ssl, name, counting)
    return made


@pytest.mark.parametrize("server", ["https"], indirect=True)
def test_one_tls_context_serves_every_https_request_of_a_run(home, server, capsys, contexts):
    google_accounts(home, 6)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    status, out, _ = report(capsys)
    assert out.count("### user") == 6 and "failed" not in out.lower()
    assert len(server.requests) == 18  # a token, the models and the pool summary each
    assert len(contexts) == 1


def test_an_http_run_makes_no_tls_context(home, server, capsys, contexts):
    """Python 3.12's HTTPSHandler() loads the CA bundle when it is made, even
    for a run that asks http:// only; the handler is made without one."""
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Zhipu AI account quota" in out
    assert contexts == []


def test_runs_that_make_the_handler_classes_at_once_all_get_the_same(monkeypatch):
    """Two runs' first requests at once (a program running reports in
    threads) both made the classes, and the second set replaced the first:
    a run whose connections raised the first set's Unanswered then looked
    for the second's, and a kept connection the server had dropped was an
    error instead of being asked again.  Both are held inside _classes()
    here, past its "made already?" check, until the other is there too."""
    import http.client

    class Both:  # `http` as _classes() reads it: its first read waits for the other thread
        client = property(lambda self: meet.wait(10) is not None and http.client)

    meet = threading.Barrier(2)
    monkeypatch.setattr(mystatus, "_CLASSES", [])
    monkeypatch.setattr(mystatus, "http", Both())
    got = []
    threads = [threading.Thread(target=lambda: got.append(tuple(mystatus._classes()))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(got) == 2 and got[0] == got[1] == tuple(mystatus._classes())


def test_the_handler_classes_are_made_once(home, server, capsys, monkeypatch):
    made = []
    real = mystatus._classes

    def counting():
        if not mystatus._CLASSES:
            made.append(1)
        return real()

    monkeypatch.setattr(mystatus, "_CLASSES", [])
    monkeypatch.setattr(mystatus, "_classes", counting)
    google_accounts(home, 4)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    report(capsys)
    report(capsys)
    assert len(server.requests) == 24 and made == [1]


def mystatus_threads(before):
    return [t for t in threading.enumerate() if t not in before and t.name.startswith("mystatus")]


def test_threads_stay_bounded_with_many_accounts(home, server, capsys, monkeypatch):
    """40 Google accounts, three requests each, on a pool of 3: never more
    than 3 workers and the one watchdog, Google's two calls included, and
    never more than 4 requests in flight (counted where they are made: the
    server may still be finishing one the client has already read)."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 3)
    before = set(threading.enumerate())
    seen, in_flight, most = [], [0], [0]
    lock = threading.Lock()
    real = mystatus.http_json

    def counted(*args, **kwargs):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            seen.append(len(mystatus_threads(before)))
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                in_flight[0] -= 1

    monkeypatch.setattr(mystatus, "http_json", counted)
    google_accounts(home, 40)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    server.route("/google/summary", Reply({"message": "Not Found"}, status=404))
    _, out, _ = report(capsys)
    assert out.count("### user") == 40 and "timed out" not in out
    assert len(seen) == 120 and len(server.requests) == 120
    assert max(seen) <= 4  # 3 workers + the watchdog; a thread an account would be 40 and more
    # The pool's 3 workers, and at most one more: the thread waiting for a
    # result runs a task no worker has taken yet rather than wait idle for it
    # (Task.result).  Under load that happens; 40 accounts never make 40.
    assert most[0] <= 4


def test_a_request_deadline_starts_when_it_is_sent_not_while_it_queues(home, server, capsys, monkeypatch):
    """A pool of 2 and three accounts whose models answer after 0.4 s, with
    --timeout 0.75: the third account's request waits for a free worker (0.4 s)
    and then takes 0.4 s; counted from the queue it would be past 0.75 s.
    Each answer has 0.35 s to spare, for a busy machine."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 2)
    google_accounts(home, 3)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS, delay=0.4))
    server.route("/google/summary", Reply({"message": "Not Found"}, status=404))
    status, out, _ = report(capsys, "--timeout", "0.75")
    assert out.count("### user") == 3
    assert "timed out" not in out and "no answer" not in out
    assert len(server.hits("/google/models")) == 3


def test_the_run_ends_at_its_deadline_and_says_who_was_not_asked(home, server, capsys, monkeypatch):
    """One worker, three accounts, a server that never answers, and a
    deadline far shorter than the timeout: the account being asked has no
    answer, the two behind it were never asked, and none was sent late."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 1)
    google_accounts(home, 3)
    server.route("/google/token", server.silent())
    # Nothing answers before the deadline, so it can be short; 0.5 s leaves the
    # first account time to be sent on a busy machine.
    status, out, _ = report(capsys, "--timeout", "30", "--deadline", "0.5")
    assert status == 1
    lines = [line for line in out.splitlines() if line.startswith("- Google")]
    assert lines == ["- Google Antigravity (user0@example.com): no answer within 0.5 s",
                     "- Google Antigravity (user1@example.com): not asked: the run ended at its deadline (0.5 s)",
                     "- Google Antigravity (user2@example.com): not asked: the run ended at its deadline (0.5 s)"]
    assert len(server.received("/google/token")) == 1


def test_not_asked_is_translated(home, server, capsys, monkeypatch):
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 1)
    google_accounts(home, 2)
    server.route("/google/token", server.silent())
    # The second account is not asked however short the deadline (one worker,
    # the first account's server silent), so it can be 0.1 s.
    for lang, text in (("zh-Hans", "未查询：运行已到截止时间（0.1 秒）"),
                       ("zh-Hant", "未查詢：執行已到截止時間（0.1 秒）")):
        _, out, _ = report(capsys, "--deadline", "0.1", "--lang", lang)
        assert text in out


def test_google_runs_its_two_calls_on_a_pool_of_one(home, server, capsys, monkeypatch):
    """The pool summary waits in the queue for a worker that is busy with the
    account itself: it is taken back and asked there, never deadlocked."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 1)
    google_accounts(home, 2)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    server.route("/google/summary", Reply({"message": "Not Found"}, status=404))
    status, out, _ = report(capsys, "--deadline", "20")
    assert out.count("### user") == 2 and "no answer" not in out
    assert len(server.hits("/google/summary")) == 2


class Limits:
    """The resource module, as a process limited to `soft` descriptors sees it."""

    RLIMIT_NOFILE, RLIM_INFINITY = 7, -1

    def __init__(self, soft):
        self.soft = soft

    def getrlimit(self, which):
        assert which == self.RLIMIT_NOFILE
        return self.soft, self.RLIM_INFINITY


@pytest.mark.parametrize("soft, workers", [(256, 256 - mystatus.FD_SPARE), (20, 1), (-1, 1024), (100000, 1024)])
def test_the_workers_fit_in_the_descriptors_the_process_may_open(monkeypatch, soft, workers):
    """A worker's request holds a socket: never more workers than sockets the
    process may open (a soft limit of 1,024 is common), else requests fail."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 1024)
    monkeypatch.setattr(mystatus, "resource", Limits(soft))
    assert mystatus.max_workers() == workers


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a descriptor limit to lower: POSIX")
def test_kept_connections_and_requests_in_flight_fit_in_the_descriptors_together(home, server):
    """A process allowed 200 descriptors runs 136 workers (above); 140
    Google accounts ask three hosts.  Connections kept idle for one host
    while the workers ask the others are descriptors too: kept beside a
    full pool's, the process ran out ("Too many open files") and accounts
    failed.

    The pool starts at its full size (Pool.FIRST), so every worker asks
    the token host at once and then the models host while the token
    connections wait idle: that moment comes in the first 0.3 s, where
    growing from 4 workers at answers slower than Pool.SLOW took 400
    accounts and 3 s.  How the pool grows is tested below."""
    token, summary = Server(), Server()
    try:
        google_accounts(home, 140)
        token.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}, delay=0.15))
        server.route("/google/models", Reply(GOOGLE_POOL_MODELS, delay=0.15))
        summary.route("/google/summary", Reply({"groups": []}, delay=0.05))
        env = dict(home.environ, MYSTATUS_GOOGLE_TOKEN_URL=token.url("/google/token"),
                   MYSTATUS_GOOGLE_SUMMARY_URL=summary.url("/google/summary"))
        limited = ("import resource; hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; "
                   "resource.setrlimit(resource.RLIMIT_NOFILE, (200, hard)); "
                   "import mystatus; mystatus.Pool.FIRST = mystatus.MAX_WORKERS; mystatus.run()")
        done = subprocess.run([sys.executable, "-c", limited, "--json", "--no-cache", "--timeout", "60",
                               "--deadline", "240"], env=env, capture_output=True, text=True, timeout=300)
    finally:
        token.close()
        summary.close()
    providers = json.loads(done.stdout)["providers"]
    assert len(providers) == 140
    assert [p["error"] for p in providers if p["error"]] == []


# Kept connections #############################################################
#
# HTTP/1.1 keep-alive: a host's connection serves request after request of a
# run.  Each test counts the connections the server accepted; none times code.


def fetch(url, ctx):
    """One request through http_json: its JSON, or its error's line."""
    try:
        return mystatus.http_json(url, ctx, {})
    except mystatus.MystatusError as exc:
        return mystatus.translate(exc.msg, {})


def run_context(server, timeout=10.0):
    """A run's Context with `server`'s certificate trusted, and no proxy."""
    env = {"SSL_CERT_FILE": server.certificate[0]} if server.certificate else {}
    return mystatus.Context(net=mystatus.Network(env=env), timeout=timeout)


@pytest.mark.parametrize("server", ["https"], indirect=True)
def test_many_requests_to_one_https_host_share_a_few_connections(home, server, capsys, monkeypatch):
    """40 Google accounts (120 requests) on a pool of 3: at most 4 requests
    in flight (see above), so at most 4 connections, each kept for the next
    request; a connection a request would be 120."""
    monkeypatch.setattr(mystatus, "MAX_WORKERS", 3)
    google_accounts(home, 40)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    server.route("/google/summary", Reply({"message": "Not Found"}, status=404))  # an error's answer, read whole
    _, out, _ = report(capsys)
    assert out.count("### user") == 40 and "failed" not in out.lower()
    assert len(server.requests) == 120
    assert server.connections <= 4


@both_schemes
def test_a_kept_connection_the_server_dropped_is_asked_again_once_on_a_new_one(server):
    """The second request goes over the kept connection; the server takes it
    and closes without a byte of answer (as a server does with an idle
    connection it gave up on): it is sent again, once, on a new connection."""
    server.route("/a", Reply({"n": 1}), lambda handler: None, Reply({"n": 2}))
    ctx = run_context(server)
    assert fetch(server.url("/a"), ctx) == {"n": 1}
    assert fetch(server.url("/a"), ctx) == {"n": 2}
    assert (len(server.hits("/a")), server.connections) == (3, 2)
    ctx.net.close()


def test_a_server_that_closes_after_answering_without_saying_so_costs_nothing(server):
    """An answer with its length, and then the connection closed without a
    "Connection: close": the next request finds it closed (before sending,
    or by its empty answer) and goes on a new connection, answered."""
    def answer_then_close(handler):
        Reply({"n": 1}).send(handler)  # a callable's connection is closed after it

    server.route("/a", answer_then_close, Reply({"n": 2}))
    ctx = run_context(server)
    assert fetch(server.url("/a"), ctx) == {"n": 1}
    assert fetch(server.url("/a"), ctx) == {"n": 2}
    assert (len(server.hits("/a")), server.connections) == (2, 2)
    ctx.net.close()


@both_schemes
@pytest.mark.parametrize("answer", [b"H", b"HTTP/1.1 200 OK\r\nContent-Le",
                                    b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"n\": "])
def test_a_request_is_never_sent_twice_once_the_server_began_to_answer(server, answer):
    """Over a kept connection, an answer cut after its first byte is an
    error: the server may have acted on the request, so it is not sent again."""
    def cut(handler):
        handler.wfile.write(answer)
        handler.wfile.flush()

    server.route("/a", Reply({"n": 1}), cut, Reply({"n": 3}))
    ctx = run_context(server)
    assert fetch(server.url("/a"), ctx) == {"n": 1}
    assert isinstance(fetch(server.url("/a"), ctx), str)  # an error line
    assert len(server.hits("/a")) == 2
    assert fetch(server.url("/a"), ctx) == {"n": 3}
    ctx.net.close()


def chunked(chunks, keep=True):
    """An answer in chunks (no length); the connection kept after it."""
    def reply(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for chunk in chunks:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")
        handler.close_connection = not keep
    return reply


@both_schemes
def test_an_answer_read_to_its_end_keeps_its_connection_chunked_or_not(server):
    server.route("/a", Reply({"n": 1}), chunked([b'{"n":', b" 2}"]), Reply({"n": 3}))
    ctx = run_context(server)
    assert [fetch(server.url("/a"), ctx) for _ in range(3)] == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert server.connections == 1
    ctx.net.close()


@both_schemes
@pytest.mark.parametrize("size", [b"-1", b"-10;ext=1", b"zz"])
def test_a_chunk_size_that_is_no_size_is_an_error_at_once(server, size):
    """A negative chunk size: http.client's int(line, 16) takes it, and
    read(-1) then waited for the server to close, the run's whole timeout.
    Like a size that is not hex at all, it is an error, at once, and its
    connection is not used again."""
    def reply(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.write(size + b'\r\n{"n": 1}\r\n0\r\n\r\n')
        handler.close_connection = False

    server.route("/a", reply, Reply({"n": 2}))
    ctx = run_context(server, timeout=30)
    started = time.monotonic()
    assert fetch(server.url("/a"), ctx) == "connection closed before the answer was complete"
    assert time.monotonic() - started < 20  # not the 30 s timeout
    assert fetch(server.url("/a"), ctx) == {"n": 2}
    assert server.connections == 2
    ctx.net.close()


@both_schemes
@pytest.mark.parametrize("kind", ["length", "chunks"])
def test_an_answer_cut_at_the_size_cap_closes_its_connection(server, monkeypatch, kind):
    """Too big (by its Content-Length, or as it is read): the rest of it is
    unread, so its connection is never used again; the next request is
    answered on a new one."""
    monkeypatch.setattr(mystatus, "MAX_BODY", 1000)
    big = Reply(raw=b"[" + b"0," * 1500 + b"0]") if kind == "length" else chunked([b"[" + b"0," * 300] * 10)
    server.route("/a", Reply({"n": 1}), big, Reply({"n": 3}))
    ctx = run_context(server)
    assert fetch(server.url("/a"), ctx) == {"n": 1}
    assert fetch(server.url("/a"), ctx) == "answer larger than 0 MiB; not read"
    assert fetch(server.url("/a"), ctx) == {"n": 3}
    assert server.connections == 2
    ctx.net.close()


def test_the_deadline_cuts_a_request_on_a_kept_connection(new_server):
    """The second request goes over the kept connection and is answered a
    byte every 0.1 s (each read within the socket timeout): the deadline,
    counted from its sending, cuts it; that connection is not used again.
    Only that request has a short timeout (a Context of its own on the same
    Network): the answers around it have the default's 10 s to come.  HTTP
    and HTTPS are asked at once (see at_once), each on a server of its own."""
    servers = {scheme: new_server(scheme) for scheme in SCHEMES}

    def check(scheme):
        server = servers[scheme]
        server.route("/a", Reply({"n": 1}), server.drip(b" " * 1000, 0.1), Reply({"n": 3}))
        ctx = run_context(server)
        assert fetch(server.url("/a"), ctx) == {"n": 1}
        started = time.monotonic()
        assert fetch(server.url("/a"), mystatus.Context(net=ctx.net, timeout=0.3)) == "timed out after 0.3 s"
        assert time.monotonic() - started < 20  # not the 100 s the whole answer takes
        assert server.connections == 1  # the slow answer came over the kept connection
        assert fetch(server.url("/a"), ctx) == {"n": 3}
        assert server.connections == 2
        ctx.net.close()

    at_once(check, SCHEMES)


SMUGGLED = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"who": "X"}'


@both_schemes
@pytest.mark.parametrize("pause", [0, 0.1])
def test_bytes_after_an_answer_are_never_the_next_requests_answer(server, pause):
    """A server that writes a second answer after the first, unasked, at
    once or a moment later, before the next request: the next request on
    that host gets its own answer, never the extra one.

    "Before the next request" is waited for, not slept: bytes that cross
    the next request on the wire can't be told from its answer by any
    HTTP/1.1 client (that race is the server's to lose), and a sleep let a
    busy machine run it, so the test failed at random."""
    written = threading.Event()

    def answer_and_more(handler):
        Reply({"who": "A"}).send(handler)
        handler.wfile.flush()
        if pause:
            time.sleep(pause)
        handler.wfile.write(SMUGGLED)
        handler.wfile.flush()  # on loopback, in the client's socket once this returns
        written.set()
        handler.close_connection = False

    server.route("/a", answer_and_more, Reply({"who": "B"}))
    ctx = run_context(server)
    assert fetch(server.url("/a"), ctx) == {"who": "A"}
    assert written.wait(30)
    assert fetch(server.url("/a"), ctx) == {"who": "B"}
    ctx.net.close()


def test_a_connection_is_counted_at_every_moment_between_its_request_and_its_keeping(server, monkeypatch):
    """Each socket counts towards most_open as busy (its request) or kept.
    settle() stopped counting it as busy before it counted it as kept: in
    between, on a busy machine, other requests opened sockets past the limit
    and accounts failed with "Too many open files".  Seen from inside
    settle(), where it closes the answer's file before keeping the socket."""
    import http.client

    server.route("/a", Reply({"n": 1}))
    ctx = run_context(server)
    counted, real = [], http.client.HTTPResponse.close

    def close(response):
        counted.append(ctx.net._busy + ctx.net._count)
        real(response)

    monkeypatch.setattr(http.client.HTTPResponse, "close", close)
    assert fetch(server.url("/a"), ctx) == {"n": 1}
    assert counted and min(counted) == 1 and ctx.net._count == 1
    ctx.net.close()


def test_a_connection_kept_for_one_host_never_serves_another(server):
    """127.0.0.1 and localhost on the same port: two hosts, so two
    connections, each request's Host its own (a key sent for one never
    travels on the other's connection)."""
    server.route("/a", Reply({"n": 1}))
    ctx = run_context(server)
    other = "http://localhost:%d/a" % server.port
    for url in (server.url("/a"), other, server.url("/a"), other):
        assert fetch(url, ctx) == {"n": 1}
    assert server.connections == 2
    assert [r.header("Host").split(":")[0] for r in server.requests] == ["127.0.0.1", "localhost"] * 2
    ctx.net.close()


def test_a_run_closes_its_kept_connections(home, server, capsys):
    """The server sees every connection end with the run (its handler
    threads would otherwise wait on them)."""
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    closed = threading.Event()
    real = server.httpd.shutdown_request

    def shutdown_request(request):
        closed.set()
        real(request)

    server.httpd.shutdown_request = shutdown_request
    status, _, _ = report(capsys)
    assert status == 0 and server.connections == 1
    assert closed.wait(10)


def test_no_connection_is_kept_through_a_proxy(home, server, capsys, monkeypatch):
    """Through a proxy each request has its own connection, closed after it,
    as urllib does (see Network.send)."""
    proxy = Server()
    try:
        google_accounts(home, 2)
        home.environ.pop("NO_PROXY")
        home.environ["HTTP_PROXY"] = proxy.url("")
        for name, path in (("TOKEN", "/token"), ("QUOTA", "/models"), ("SUMMARY", "/summary")):
            home.environ["MYSTATUS_GOOGLE_%s_URL" % name] = "http://quota.example.test" + path
        proxy.route("http://quota.example.test/token", Reply({"access_token": "ya29.access-0123456789"}))
        proxy.route("http://quota.example.test/models", Reply(GOOGLE_POOL_MODELS))
        proxy.route("http://quota.example.test/summary", Reply({"groups": []}))
        _, out, _ = report(capsys)
    finally:
        proxy.close()
    assert out.count("### user") == 2
    assert len(proxy.requests) == 6 and proxy.connections == 6
    assert {r.header("Connection") for r in proxy.requests} == {"close"}


def test_a_system_that_refuses_more_threads_gets_every_account_asked_by_those_it_gave(home, server, capsys,
                                                                                      monkeypatch):
    """Thousands of threads are more than some systems allow (a limit on
    processes, strict memory accounting): past the second worker every new
    thread is refused, and the accounts are all asked by the two."""
    real, started = threading.Thread.start, []

    def start(thread):
        if thread.name == "mystatus worker":
            if len(started) >= 2:
                raise RuntimeError("can't start new thread")
            started.append(thread)
        real(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    google_accounts(home, 12)
    server.route("/google/token", Reply({"access_token": "ya29.access-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_POOL_MODELS))
    server.route("/google/summary", Reply({"message": "Not Found"}, status=404))
    status, out, err = report(capsys)
    assert out.count("### user") == 12 and "no answer" not in out and "not asked" not in out
    assert len(started) == 2 and "Traceback" not in err


def test_a_thread_waiting_for_one_task_sleeps_through_the_others():
    """Google's account waits for its pool summary while hundreds of other
    tasks end: only its own task's end wakes it (one condition for all
    woke every waiting thread at every end: 17,000 wake-ups for 1,000
    accounts at 1 s a request).  Its waits are counted by a profiler on its
    own thread."""
    pool = mystatus.Pool(4, 30)
    release, waits = threading.Event(), []
    slow = pool.submit(lambda: release.wait(30) and "summary")

    def waiter():
        def count(frame, event, arg):
            if event == "call" and frame.f_code.co_name == "wait" and frame.f_code.co_filename == threading.__file__:
                waits.append(1)

        sys.setprofile(count)
        try:
            waiter.value = slow.result()
        finally:
            sys.setprofile(None)

    thread = threading.Thread(target=waiter)
    thread.start()
    while slow.state != mystatus.Task.RUNNING or not waits:
        time.sleep(0.01)
    quick = [pool.submit(lambda n=n: time.sleep(0.01) or n) for n in range(60)]  # ending one by one
    assert [task.result() for task in quick] == list(range(60))
    release.set()
    thread.join(30)
    assert waiter.value == "summary"
    assert len(waits) <= 3  # asleep once (a wait may call another inside it), woken by its own task


def test_a_proxys_password_never_reaches_the_output(home, server, capsys):
    """http_proxy=http://user:password@host: urllib sends the password to
    the proxy (Proxy-Authorization: Basic), which may echo it in its error,
    as a server may echo the key.  Hidden like any credential."""
    proxy = Server()
    try:
        home.auth(zhipu_auth())
        home.environ.pop("NO_PROXY")
        home.environ["http_proxy"] = "http://user:pr0xy%%2Fpass@127.0.0.1:%d" % proxy.port
        home.environ["MYSTATUS_ZHIPU_URL"] = "http://quota.example.test/zhipu"

        def refuse(handler, request):
            echoed = "%s (%s)" % (request.header("Proxy-Authorization"), "pr0xy/pass")
            Reply({"error": "proxy refused " + echoed}, status=407).send(handler)

        proxy.route("http://quota.example.test/zhipu", refuse)
        status, out, err = report(capsys, "--verbose")
        _, document = json_report(capsys)
    finally:
        proxy.close()
    assert proxy.requests[0].header("Proxy-Authorization") == "Basic dXNlcjpwcjB4eS9wYXNz"  # user:pr0xy/pass
    assert status == 1 and "HTTP 407: proxy refused" in out
    for shown in (out, err, json.dumps(document)):
        assert "pr0xy" not in shown and "dXNlcjpwcjB4eS9wYXNz" not in shown


@pytest.mark.parametrize("proxy, line", [
    ("http://proxy.example.test:3128", "unknown host proxy.example.test"),
    ("http://127.0.0.1:1", "connection refused by 127.0.0.1"),
])
def test_a_proxy_that_cannot_be_reached_is_the_host_named(home, server, capsys, proxy, line):
    """The request never reached the platform's host: the line names the
    proxy that could not be reached, not a host that was never asked."""
    home.auth(zhipu_auth())
    home.environ.pop("NO_PROXY")
    home.environ["http_proxy"] = proxy
    home.environ["MYSTATUS_ZHIPU_URL"] = "http://localhost:%d/zhipu/quota" % server.port
    status, out, _ = report(capsys)
    assert status == 1 and out.splitlines()[-1] == "- Zhipu AI (9c89****AQVM): " + line
    assert server.requests == []


def test_the_processs_no_proxy_never_sends_a_run_past_the_proxy_its_env_names(tmp_path, server):
    """main(env=...) with a proxy, in a process whose own no_proxy is "*":
    the run's environment decides, so the request goes through the proxy
    (it went straight to the host, past the proxy it was told to use)."""
    proxy = Server()
    try:
        home = Home(tmp_path)
        home.auth(zhipu_auth())
        target = "http://127.0.0.1:9/zhipu"  # nothing listens there: only the proxy can answer
        proxy.route(target, Reply(ZHIPU_QUOTA))
        env = dict(home.env(), http_proxy=proxy.url(""), MYSTATUS_ZHIPU_URL=target)
        script = ("import os, sys, mystatus; os.environ['no_proxy'] = '*'; "
                  "sys.exit(mystatus.main(['--no-cache', '--timeout', '5'], env=%r))" % env)
        done = subprocess.run([sys.executable, "-c", script], env=dict(home.env(), no_proxy="*"),
                              capture_output=True, text=True, timeout=60)
    finally:
        proxy.close()
    assert (done.returncode, done.stderr) == (0, "") and "## Zhipu AI account quota" in done.stdout
    assert [r.path for r in proxy.requests] == ["http://127.0.0.1:9/zhipu"]


# Scrubbing ####################################################################


def naive(text, secrets):
    """What hide_secrets means, the slow way: at each position the longest secret there."""
    forms = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)
    out, i = [], 0
    while i < len(text):
        hit = next((s for s in forms if text.startswith(s, i)), None)
        out.append("****" if hit else text[i])
        i += len(hit) if hit else 1
    return "".join(out)


@pytest.mark.parametrize("form", ["key-%04d-secret", "%04d-key-secret"])  # one start shared, or each its own
@pytest.mark.parametrize("count", [3, 33, 2000])
def test_hiding_many_secrets_is_hiding_each(count, form):
    """A Hider hides what the plain definition hides, overlaps and repeats
    included, for a few secrets as for thousands."""
    secrets = [form % n for n in range(count)] + ["abcdefgh", "cdefghijkl", "zzzz", "zz"]
    text = "x %s abcdefghijkl zzzzz %s%s zz %s end" % (form % 1, form % 1, form % 2, secrets[count - 1])
    hider = mystatus.Hider(secrets)
    assert hider(text) == naive(text, secrets)
    assert hider(text) == hider(text)  # compiled once, used again
    assert "secret" not in hider(text) and hider(text).endswith(" end")


@given(st.data())
def test_a_hider_hides_what_the_plain_definition_hides_in_any_text(data):
    """Secrets of a small alphabet, so that they overlap and share their first
    four characters; a text made of them, halves of them and other bits, so
    that they sit side by side, cut short and everywhere."""
    secrets = data.draw(st.lists(st.text("ab-", min_size=1, max_size=9), min_size=1, max_size=6))
    some = st.sampled_from(secrets)
    text = "".join(data.draw(st.lists(st.one_of(some, some.map(lambda s: s[:len(s) // 2 + 1]),
                                                 st.text("ab- ", max_size=3)), max_size=12)))
    assert mystatus.Hider(secrets)(text) == naive(text, secrets)


class Counted(list):
    """A list that counts how often it is read whole."""

    def __init__(self, items, reads):
        super().__init__(items)
        self.reads = reads

    def __iter__(self):
        self.reads.append(1)
        return super().__iter__()


def test_a_hider_is_compiled_once_for_every_text(monkeypatch):
    compiled = []
    hider = mystatus.Hider(["secret-%d-0123456789" % n for n in range(100)])
    monkeypatch.setattr(hider, "_secrets", Counted(hider._secrets, compiled))
    texts = ["line %d with secret-%d-0123456789 inside" % (n, n) for n in range(100)]
    assert [hider(t) for t in texts] == ["line %d with **** inside" % n for n in range(100)]
    assert compiled == [1]


def test_a_chained_hider_hides_its_own_and_then_the_shared_secrets():
    shared = mystatus.Hider(["file-secret-%d" % n for n in range(50)])
    job = mystatus.Hider(["token-of-this-job"], then=shared)
    assert job("token-of-this-job file-secret-7 file-secret-49") == "**** **** ****"


def test_a_pool_whose_tasks_queue_and_none_ends_grows_before_any_answer():
    """A slow server is seen by the wait itself: when tasks queue and none
    ends for SLOW seconds, twice as many workers are allowed.  Growing only
    when a slow request ended left FIRST requests in flight for a whole
    first round trip.  Quick tasks that keep ending let it stay small."""
    pool = mystatus.Pool(64, 30)
    release = threading.Event()
    tasks = [pool.submit(lambda: release.wait(30)) for _ in range(40)]
    try:
        with pool.changed:
            # As if a task had just ended: the 40 submits (threads started)
            # took past SLOW on a busy machine, and the pool rightly grew.
            pool._moved = time.monotonic()
            pool.stalled()  # nothing waited SLOW yet: no growth
            assert pool.allowed == pool.FIRST and pool.threads == pool.FIRST
            pool._moved -= pool.SLOW  # as if SLOW seconds passed with no end
            pool.stalled()
            assert pool.allowed == 2 * pool.FIRST and pool.threads == 2 * pool.FIRST
            pool.stalled()  # just grew: the next doubling waits SLOW again
            assert pool.allowed == 2 * pool.FIRST
    finally:
        release.set()
    assert all(task.result() for task in tasks)

    quick = mystatus.Pool(64, 30)
    done = [quick.submit(lambda n=n: n) for n in range(200)]
    assert [task.result() for task in done] == list(range(200))
    with quick.changed:
        quick.stalled()  # tasks ended just now: the CPU, not a server, is the limit
    assert quick.allowed == quick.FIRST and quick.peak <= quick.FIRST + 1
