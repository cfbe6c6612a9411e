"""HTTPS against the loopback fixture: every real endpoint is HTTPS, so the
promises about time, size and secrets are checked over TLS as well (see the
both_schemes tests in test_hostile.py).  These check the fixture itself: the
certificate is really verified, and a subprocess trusts it as mystatus does."""

import os
import subprocess
import sys
import time

import pytest

from conftest import Home, Reply, both_schemes
from payloads import (ALL_THREE, GO_KEY, KIMI_USAGES, MM_REMAINS, OPENAI_USAGE, ZHIPU_QUOTA, openai_auth, report,
                      zhipu_auth)


@both_schemes
def test_the_same_report_over_http_and_https(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth()})
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0
    assert "## OpenAI account quota" in out and "## Zhipu AI account quota" in out
    assert server.hits("/zhipu/quota")[0].header("Authorization") == zhipu_auth()["zhipuai-coding-plan"]["key"]


def test_an_untrusted_certificate_is_refused(home, tls_server, capsys, monkeypatch):
    assert "SSL_CERT_FILE" not in home.environ  # the system's authorities do not know the test certificate
    home.auth(zhipu_auth())
    tls_server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    home.environ["MYSTATUS_ZHIPU_URL"] = tls_server.url("/zhipu/quota")
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines()[-1].startswith("- Zhipu AI (9c89****AQVM): TLS failure with 127.0.0.1 (")
    assert tls_server.requests == []  # the key never left


def test_a_certificate_file_that_cannot_be_read_trusts_nothing(home, tls_server, capsys):
    """SSL_CERT_FILE in the env main() is given names the certificates in
    place of the system's, as OpenSSL takes it: one missing is a clean TLS
    failure, neither a crash nor the system's bundle after all."""
    home.environ["SSL_CERT_FILE"] = str(home.root / "missing.pem")
    home.auth(zhipu_auth())
    tls_server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    home.environ["MYSTATUS_ZHIPU_URL"] = tls_server.url("/zhipu/quota")
    status, out, err = report(capsys)
    assert (status, err) == (1, "")
    assert out.splitlines()[-1].startswith("- Zhipu AI (9c89****AQVM): TLS failure with 127.0.0.1 (")
    assert tls_server.requests == []


def test_a_subprocess_trusts_the_test_certificate(tmp_path, tls_server):
    home = Home(tmp_path)
    home.auth(zhipu_auth())
    tls_server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    done = subprocess.run([sys.executable, "-m", "mystatus"], env=home.env(tls_server), capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert "## Zhipu AI account quota" in done.stdout
    assert [r.path for r in tls_server.requests] == ["/zhipu/quota"]


@both_schemes
def test_every_platform_answers_over_https_as_over_http(home, server, capsys):
    """Each platform's own requests (refresh, exchange, pool summary, billing) over TLS too;
    one of them echoes its key into an error, which stays hidden over either scheme."""
    from conftest import PATHS
    from test_cli_output import everything

    everything(home, server)
    home.auth({**openai_auth(), **zhipu_auth(), **zhipu_auth(name="zai-coding-plan"), **ALL_THREE,
               "github-copilot": {"type": "oauth", "refresh": "gho_oauthtokenoauthtokenoauth1234",
                                  "access": "gho_oauthtokenoauthtokenoauth1234", "expires": 0}})
    server.route(PATHS["MYSTATUS_OPENCODE_GO_URL"], lambda h, request: Reply(
        {"error": "bad key " + request.header("Authorization")}, status=500).send(h))
    server.route(PATHS["MYSTATUS_KIMI_URL"], Reply(KIMI_USAGES))
    server.route(PATHS["MYSTATUS_MINIMAX_URL"], Reply(MM_REMAINS))
    status, out, _ = report(capsys)
    assert status == 1
    for title in ("OpenAI", "Zhipu AI", "Z.ai", "Google Antigravity", "GitHub Copilot", "Kimi For Coding",
                  "MiniMax Coding Plan"):
        assert "## %s account quota" % title in out, title
    assert out.splitlines()[-1].startswith("- OpenCode Go (sk-g****OKEY): HTTP 500: ")
    assert GO_KEY not in out  # the key came back and was hidden


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")
def test_a_fifo_named_as_the_trusted_certificates_is_said_so_and_never_read(tmp_path, server, tls_server):
    """SSL_CERT_FILE naming a FIFO: OpenSSL's read of it would wait for a
    writer that never comes (on 3.8 to 3.10 holding the GIL, so the whole
    process).  The run waited for ever; it now says so at once, and the
    others are answered."""
    home = Home(tmp_path)
    home.auth({**zhipu_auth(), "opencode-go": {"type": "api", "key": GO_KEY}})
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    fifo = tmp_path / "certificates"
    os.mkfifo(str(fifo))
    env = home.env(server, SSL_CERT_FILE=str(fifo), MYSTATUS_OPENCODE_GO_URL=tls_server.url("/opencode-go/usage"))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "mystatus", "--no-cache", "--timeout", "1", "--deadline", "2"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 1 and "## Zhipu AI account quota" in done.stdout
    assert done.stdout.splitlines()[-1] == ("- OpenCode Go (sk-g****OKEY): SSL_CERT_FILE (%s): not a regular file "
                                            "(a pipe or a device?)" % fifo)
