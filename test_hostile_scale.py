"""Inputs sized to hang a run or balloon its memory: many references in a
config, buckets in a pool summary, credentials to tell apart, words in a path;
each took tens of seconds or gigabytes before it was bounded.  Bounds are
generous, and on CPU time (thread_time, process_time), which other work on a
busy machine does not add to."""

import json
import time

import mystatus
from payloads import report


def test_file_references_cannot_blow_a_tiny_config_up(home, server, capsys):
    """400 references to one 512 KiB file made a 200 MiB "API key" (2 GB peak)."""
    home.write(home.config / "k", "A" * (1 << 19))
    config = {"provider": {"kimi-for-coding": {"options": {"apiKey": "{file:k}" * 400}}}}
    home.write(home.config / "opencode.json", config)
    started = time.process_time()
    status, out, _ = report(capsys, "--only", "kimi")
    assert time.process_time() - started < 10
    assert status == 1 and server.requests == []
    assert out.splitlines()[-1].startswith("- ~/.config/opencode/opencode.json: ")
    assert "longer than 4096 characters once its references are replaced" in out


def test_a_pool_summary_of_many_buckets_is_read_in_linear_time():
    """40,000 buckets took over a minute (windows.count per bucket), outside any deadline:
    quadratic, so 20,000 would take some 15 s, where a linear read takes a quarter of a second.
    Parsed from text, as an answer is: no two buckets share an object."""
    payload = json.loads(json.dumps(
        {"groups": [{"displayName": "P", "buckets": [{"displayName": "b", "window": "5h"}] * 20000}]}))
    started = time.thread_time()
    quotas = mystatus.parse_google_summary(payload)
    assert time.thread_time() - started < 3
    assert len(quotas) == 20000 and mystatus.translate(quotas[0].label, {}) == "P b · 5h"


def test_thousands_of_database_rows_are_deduplicated_in_linear_time():
    """8,000 distinct keys took 9 s before any request started."""
    creds = [mystatus.ApiKey(provider="kimi", source="db", key="k%08d" % i, account="x") for i in range(8000)]
    creds += creds[:100]  # and some twice
    started = time.thread_time()
    kept = mystatus.distinct(creds, 0)
    assert time.thread_time() - started < 3
    assert [c.key for c in kept] == ["k%08d" % i for i in range(8000)]


def test_dedupe_still_joins_accounts_through_any_shared_mark():
    a = mystatus.OAuthToken(provider="openai", access="t1", account_ids=("acct-1",), expires=1000 * 10)
    b = mystatus.OAuthToken(provider="openai", access="t2", account_ids=("acct-2",), expires=1000 * 30)
    c = mystatus.OAuthToken(provider="openai", access="t3", account_ids=("acct-1", "acct-2"), expires=1000 * 20)
    d = mystatus.OAuthToken(provider="openai", access="t4", account_ids=("acct-9",), expires=1000 * 40)
    assert [x.access for x in mystatus.distinct([a, b, c, d], 0)] == ["t2", "t4"]  # a, b, c are one account


def test_wrapping_a_long_path_is_linear():
    """A 16 kB XDG_DATA_HOME on a 16,000-column terminal took 15 s (the line measured again per word)."""
    data = "/d" + " x" * 4000
    paths = mystatus.Paths.from_env({"HOME": "/h", "XDG_DATA_HOME": data, "XDG_CONFIG_HOME": data})
    started = time.thread_time()
    text = mystatus.render_text(mystatus.Report(), now=0, paths=paths, width=16000)
    assert time.thread_time() - started < 3
    assert max(mystatus._width(line) for line in text.splitlines()) <= 16000
