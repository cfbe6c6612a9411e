"""Test fixtures: a loopback HTTP server with scripted replies, and a home.

No test touches the internet: every endpoint mystatus knows is pointed at a
ThreadingHTTPServer on 127.0.0.1, port 0, which records what it receives.
"""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import mystatus

# Route of each endpoint on the fixture server.
PATHS = {
    "MYSTATUS_OPENAI_URL": "/openai/usage",
    "MYSTATUS_ZHIPU_URL": "/zhipu/quota",
    "MYSTATUS_ZAI_URL": "/zai/quota",
    "MYSTATUS_GOOGLE_TOKEN_URL": "/google/token",
    "MYSTATUS_GOOGLE_QUOTA_URL": "/google/models",
    "MYSTATUS_GITHUB_API_URL": "/github",
}


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


class Server:
    """Scripted replies by path; each path's replies are used in turn, the last
    one again and again.  A reply may be a callable(handler) for odd behaviour."""

    def __init__(self, host="127.0.0.1"):
        self.routes, self.requests = {}, []
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                server.requests.append(Recorded(self.command, path,
                                                {k.lower(): v for k, v in self.headers.items()}, body))
                replies = server.routes.get(path)
                if not replies:
                    reply = Reply({"message": "Not Found"}, status=404)
                else:
                    reply = replies.pop(0) if len(replies) > 1 else replies[0]
                self.close_connection = True
                try:
                    reply(self) if callable(reply) else reply.send(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_CONNECT = handle_one

        class Listener(ThreadingHTTPServer):
            request_queue_size = 128  # many accounts connect at once; the default backlog is 5

        self.httpd = Listener((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.host = host
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path):
        return "http://%s:%d%s" % (self.host, self.port, path)

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

    def flood(self, mib, sent=None):
        """`mib` MiB of '[' with no Content-Length (the body runs until the
        connection closes), counting into `sent` what the socket took."""
        def reply(handler):
            headers_then(handler)
            chunk = b"[" * (1 << 16)
            try:
                for _ in range(mib * 16):
                    handler.wfile.write(chunk)
                    if sent is not None:
                        sent.append(len(chunk))
            except OSError:
                pass
        return reply

    def hits(self, path):
        return [r for r in self.requests if r.path == path]

    def close(self):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


class Home:
    """A temporary HOME with helpers to write OpenCode's credential files."""

    def __init__(self, root):
        self.root = root
        self.data = root / ".local" / "share" / "opencode"
        self.config = root / ".config" / "opencode"

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


LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def home(tmp_path, monkeypatch, server):
    """HOME in a temporary directory, no locale, no proxy, endpoints on the fixture."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "OPENCODE_AUTH_CONTENT", "OPENCODE_DB", "APPDATA",
                 "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
                 "FORCE_COLOR", "NO_COLOR") + LOCALE_VARS:  # a shell's FORCE_COLOR would colour every report
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NO_PROXY", "*")
    for name, path in PATHS.items():
        monkeypatch.setenv(name, server.url(path))
    return Home(tmp_path)


def jwt(claims):
    """An unsigned JWT carrying `claims` (mystatus decodes, never verifies)."""
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    return "%s.%s.%s" % (part({"alg": "RS256"}), part(claims), "c2lnbmF0dXJl")


def run_main(capsys, *argv):
    """mystatus.main in-process: (exit status, stdout, stderr)."""
    try:
        status = mystatus.main(list(argv))
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


ROOT = os.path.dirname(os.path.abspath(__file__))
