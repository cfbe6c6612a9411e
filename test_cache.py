"""The report cache in $XDG_CACHE_HOME/mystatus: its folder and file rules,
--max-age and --no-cache (at a frozen clock), one round of requests for two
runs at once, an account's last good figures beside its error, and every bad
cache ignored with one note."""

import json
import re
import os
import stat
import subprocess
import sys
import time

import pytest

import mystatus
from conftest import Reply, run_main
from payloads import GHO, NOW_TS, ZHIPU_KEY, ZHIPU_QUOTA, copilot_auth, zhipu_auth, COPILOT_USER

M = mystatus.M
ZHIPU = "/zhipu/quota"
FAILING = Reply({"code": 500, "msg": "busy", "success": False}, status=500)


def cache_file(home):
    return home.root / ".cache" / "mystatus" / "report.json"


def zhipu(home, server, reply=None):
    home.auth(zhipu_auth())
    server.route(ZHIPU, reply or Reply(ZHIPU_QUOTA))  # 95 and 90 % left


def at(capsys, seconds, *argv):
    """mystatus at NOW_TS + seconds."""
    return run_main(capsys, *argv, now=NOW_TS + seconds)


# Where and how it is written ##################################################


def test_a_run_writes_the_scrubbed_report_0600_in_a_0700_folder(home, server, capsys):
    home.auth({**zhipu_auth(), **copilot_auth()})
    server.route(ZHIPU, Reply(ZHIPU_QUOTA))
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))
    assert at(capsys, 0)[0] == 0
    path = cache_file(home)
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    data = path.read_bytes()
    assert ZHIPU_KEY.encode() not in data and GHO.encode() not in data and ZHIPU_KEY[:12].encode() not in data
    report, written_at, asked = mystatus.decode_cache(data)
    assert written_at == NOW_TS and set(asked) == set(mystatus.PROVIDERS)
    assert [r.provider for r in report.results] == ["zhipuai", "copilot"]
    assert sorted(os.listdir(path.parent)) == ["report.json"]  # a text run takes no lock and leaves nothing else


def test_xdg_cache_home_is_used_when_absolute(home, server, capsys, monkeypatch, tmp_path):
    zhipu(home, server)
    home.environ["XDG_CACHE_HOME"] = str(tmp_path / "elsewhere")
    at(capsys, 0)
    assert (tmp_path / "elsewhere" / "mystatus" / "report.json").exists() and not cache_file(home).exists()
    home.environ["XDG_CACHE_HOME"] = "relative/path"  # the XDG specification: ignored
    at(capsys, 0)
    assert cache_file(home).exists()


def test_no_cache_neither_reads_nor_writes(home, server, capsys):
    zhipu(home, server)
    assert at(capsys, 0, "--oneline", "--no-cache")[1] == "Zhipu 90%\n"
    assert not (home.root / ".cache").exists()
    at(capsys, 0, "--oneline")  # now there is a cache, fresh
    at(capsys, 1, "--oneline", "--no-cache")
    assert len(server.hits(ZHIPU)) == 3


# --max-age ####################################################################


def test_a_status_bar_is_answered_from_a_report_up_to_a_minute_old(home, server, capsys):
    zhipu(home, server)
    first = at(capsys, 0, "--oneline")
    assert first == (0, "Zhipu 90%\n", "")
    server.route(ZHIPU, FAILING)  # were it asked, it would fail
    for form in ("oneline", "waybar", "xbar"):
        status, out, _ = at(capsys, 60, "--format", form)
        assert status == 0 and "90%" in out
    assert len(server.hits(ZHIPU)) == 1
    assert at(capsys, 61, "--oneline")[1] == "Zhipu 90%! (1 min ago)\n"  # too old: asked, failed, last figures
    assert len(server.hits(ZHIPU)) == 2


def test_text_and_json_ask_every_time_unless_told(home, server, capsys):
    zhipu(home, server)
    at(capsys, 0)
    at(capsys, 0, "--json")
    assert len(server.hits(ZHIPU)) == 2
    status, out, err = at(capsys, 100, "--max-age", "120", "--verbose")
    assert len(server.hits(ZHIPU)) == 2 and status == 0 and "90% remaining" in out
    assert "No request was made." in err and "Answered from the cache, 1 min ago" in err
    at(capsys, 100, "--oneline", "--max-age", "0")
    assert len(server.hits(ZHIPU)) == 3


def test_a_cache_of_other_platforms_does_not_answer(home, server, capsys):
    zhipu(home, server)
    at(capsys, 0, "--oneline", "--only", "zai")
    at(capsys, 1, "--oneline")
    assert len(server.hits(ZHIPU)) == 1  # the first run asked only Z.ai (not configured)


def test_prometheus_from_the_cache_says_when_the_platforms_were_asked(home, server, capsys):
    zhipu(home, server)
    at(capsys, 0, "--format", "prometheus")
    out = at(capsys, 30, "--format", "prometheus", "--max-age", "60")[1]
    assert "\nmystatus_last_run_timestamp_seconds %d\n" % NOW_TS in out
    assert len(server.hits(ZHIPU)) == 1


# Last good figures ############################################################


def test_a_failed_account_shows_its_last_good_figures_with_their_age(home, server, capsys):
    zhipu(home, server)
    at(capsys, 0)
    server.route(ZHIPU, FAILING)
    status, out, _ = at(capsys, 180)
    assert status == 1
    assert "Last good figures, as of 12:00, 3 min ago:" in out and "5-hour token limit: 95%" in out
    assert at(capsys, 180, "--oneline", "--no-cache")[1] == "Zhipu !\n"
    assert at(capsys, 180, "--oneline", "--max-age", "0")[1] == "Zhipu 90%! (3 min ago)\n"
    doc = json.loads(at(capsys, 180, "--json")[1])
    (entry,) = doc["providers"]
    assert entry["ok"] is False and entry["quotas"] == []
    assert entry["last_good"]["as_of"] == "2026-11-22T12:00:00Z" and entry["last_good"]["age_seconds"] == 180
    assert [q["remaining_percent"] for q in entry["last_good"]["quotas"]] == [95, 90]
    xbar = at(capsys, 180, "--format", "xbar", "--max-age", "0")[1]
    assert "95% · as of 12:00, 3 min ago" in xbar
    prom = at(capsys, 180, "--format", "prometheus")[1]
    assert prom.count('mystatus_quota_age_seconds{platform="zhipuai"') == 2 and "} 180\n" in prom
    assert re.search(r'\nmystatus_account_up\{platform="zhipuai",account="[^"]*"\} 0\n', prom)
    waybar = json.loads(at(capsys, 180, "--format", "waybar", "--max-age", "0")[1])
    assert waybar["class"] == "error" and "as of 12:00, 3 min ago" in waybar["tooltip"]
    out = at(capsys, 180, "--lang", "zh")[1]
    assert "截至 12:00，3 分钟前" in out
    assert "截至 12:00，3 分鐘前" in at(capsys, 180, "--lang", "zh-TW")[1]
    # Still failing later: the figures keep the time they were true.
    assert "as of 12:00, 2 h ago" in at(capsys, 7200)[1]
    assert "Last good figures" not in at(capsys, 86401)[1]  # more than a day old: not shown


def test_just_now_under_a_minute_and_in_the_local_zone(home, server, capsys, monkeypatch):
    zhipu(home, server)
    at(capsys, 0)
    server.route(ZHIPU, FAILING)
    home.environ["TZ"] = "Asia/Shanghai"
    assert "as of 20:00, just now" in at(capsys, 59)[1]


# Two runs at once #############################################################


def holding(pid, path):
    """Whether process `pid` has `path` open (Linux); None where that cannot be told."""
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return None
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path:
                return True
        except OSError:  # closed meanwhile
            pass
    return False


def test_two_status_bars_at_once_make_one_round_of_requests(home, server):
    """The first bar's request is answered once the second has the lock file
    open too (it waits for the lock): one round of requests, not two.  Where
    that cannot be seen (no /proc), the answer comes after 1.5 s instead."""
    home.auth(zhipu_auth())
    lock = str(cache_file(home).parent / "report.lock")
    pids = []

    def answer(handler):
        give_up = time.monotonic() + 20
        while time.monotonic() < give_up:
            seen = [holding(pid, lock) for pid in list(pids)]
            if None in seen:
                time.sleep(1.5)
                break
            if seen == [True, True]:
                break
            time.sleep(0.01)
        Reply(ZHIPU_QUOTA).send(handler)

    server.route(ZHIPU, answer)
    env = home.env(server)
    runs = [subprocess.Popen([sys.executable, "-m", "mystatus", "--oneline"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=str(home.root)) for _ in range(2)]
    pids += [run.pid for run in runs]
    outs = [run.communicate(timeout=60) for run in runs]
    assert [o for o, _ in outs] == [b"Zhipu 90%\n"] * 2 and [e for _, e in outs] == [b""] * 2
    assert len(server.hits(ZHIPU)) == 1
    assert sorted(os.listdir(cache_file(home).parent)) == ["report.lock", "report.json"][::-1]


def test_a_report_younger_than_the_run_answers_it_but_not_one_from_the_future(home, server, capsys):
    """Two bars: the one that started first may get the lock second, and then
    finds a report written after its own start.  That one answers it; one
    stamped further ahead than the run may wait for the lock does not."""
    zhipu(home, server)
    at(capsys, 5, "--oneline")  # written 5 s after the next run's start
    assert at(capsys, 0, "--oneline") == (0, "Zhipu 90%\n", "")
    assert len(server.hits(ZHIPU)) == 1
    at(capsys, 3600, "--oneline", "--max-age", "1")  # refreshed an hour ahead
    at(capsys, 0, "--oneline")
    assert len(server.hits(ZHIPU)) == 3


def test_without_fcntl_the_run_goes_on_unlocked(home, server, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "fcntl", None)  # as on Windows: import fails
    zhipu(home, server)
    assert at(capsys, 0, "--oneline") == (0, "Zhipu 90%\n", "")
    assert at(capsys, 1, "--oneline") == (0, "Zhipu 90%\n", "")
    assert len(server.hits(ZHIPU)) == 1  # the cache still answers


# Bad caches ###################################################################


def valid_cache():
    rep = mystatus.Report(results=[mystatus.Result(provider="zhipuai", quotas=[
        mystatus.Quota(label=M("5-hour token limit"), remaining_percent=12)])])
    return json.loads(mystatus.encode_cache(rep, NOW_TS, mystatus.PROVIDERS))


def edited(**changes):
    doc = valid_cache()
    doc.update(changes)
    return json.dumps(doc).encode()


def quota_edited(**changes):
    doc = valid_cache()
    doc["results"][0]["quotas"][0].update(changes)
    return json.dumps(doc).encode()


BAD = {
    "corrupt": b"{\x00not json",
    "truncated": json.dumps(valid_cache()).encode()[:80],
    "empty": b"",
    "newer": edited(schema=2),
    "unknown field": edited(extra=1),
    "written_at text": edited(written_at="now"),
    "unknown platform": edited(results=[{"provider": "evil", "quotas": []}]),
    "percent as text": quota_edited(remaining_percent="12"),
    "percent as bool": quota_edited(remaining_percent=True),
    "infinite": quota_edited(remaining_percent=1e999),
    "unknown quota field": quota_edited(bash="rm -rf"),
    "msg without args": quota_edited(label={"msg": "x"}),
    "deep": edited(notes=[[[[[[[[[[["x"]]]]]]]]]]]),
    "asked not a list": edited(asked="zhipuai"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_cache_file_is_ignored_with_one_note(home, server, capsys, name):
    zhipu(home, server)
    home.write(cache_file(home), BAD[name])
    status, out, err = at(capsys, 1, "--oneline", "--verbose")
    assert (status, out) == (0, "Zhipu 90%\n")  # asked, never the cached 12 %
    assert len(server.hits(ZHIPU)) == 1
    assert err.count("Cache: ") == 1 and "is not a cache mystatus can read; ignored" in err
    assert mystatus.decode_cache(cache_file(home).read_bytes())[1] == NOW_TS + 1  # replaced by a good one


def test_the_valid_cache_of_the_bad_ones_does_answer(home, server, capsys):
    zhipu(home, server)
    home.write(cache_file(home), json.dumps(valid_cache()).encode())
    assert at(capsys, 1, "--oneline") == (3, "Zhipu 12%\n", "")  # so the tests above test the badness
    assert len(server.hits(ZHIPU)) == 0


def test_a_cache_with_control_characters_is_cleaned_like_a_server_s_text(home, server, capsys):
    zhipu(home, server)
    home.write(cache_file(home), quota_edited(label="\x1b]52;c;AAAA\x07evil"))
    out = at(capsys, 1, "--format", "xbar")[1]
    assert "\x1b" not in out and "\x07" not in out and "?]52;c;AAAA?evil" in out


def test_a_symlinked_cache_is_not_followed(home, server, capsys, tmp_path):
    zhipu(home, server)
    target = tmp_path / "elsewhere.json"
    target.write_bytes(json.dumps(valid_cache()).encode())
    cache_file(home).parent.mkdir(parents=True)
    cache_file(home).symlink_to(target)
    status, out, err = at(capsys, 1, "--oneline", "--verbose")
    assert out == "Zhipu 90%\n" and err.count("Cache: ") == 1 and "is a link; not followed" in err
    assert target.read_bytes() == json.dumps(valid_cache()).encode()  # never written through
    assert not cache_file(home).is_symlink()  # the link itself replaced by a cache of ours


def test_a_symlinked_cache_folder_is_refused(home, server, capsys, tmp_path):
    zhipu(home, server)
    (tmp_path / "other").mkdir()
    (home.root / ".cache").mkdir()
    (home.root / ".cache" / "mystatus").symlink_to(tmp_path / "other")
    status, out, err = at(capsys, 1, "--oneline", "--verbose")
    assert out == "Zhipu 90%\n" and err.count("Cache: ") == 1 and "is a link; not followed" in err
    assert os.listdir(tmp_path / "other") == []


def test_an_unusable_cache_folder_changes_nothing_but_a_note(home, server, capsys):
    zhipu(home, server)
    home.write(home.root / ".cache" / "mystatus", "a file where the folder goes")
    expected = at(capsys, 0, "--no-cache")
    status, out, err = at(capsys, 0, "--verbose")
    assert (status, out) == expected[:2] and err.count("Cache: ") == 1 and "mystatus" in err
    assert at(capsys, 0, "--oneline")[:2] == (0, "Zhipu 90%\n")


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_cache_of_another_user_is_ignored(home, server, capsys):
    zhipu(home, server)
    path = home.write(cache_file(home), json.dumps(valid_cache()).encode())
    os.chown(str(path), 65534, 65534)
    status, out, err = at(capsys, 1, "--oneline", "--verbose")
    assert out == "Zhipu 90%\n" and "belongs to another user" in err and err.count("Cache: ") == 1


def test_a_fifo_in_place_of_the_cache_does_not_hang(home, server, capsys):
    zhipu(home, server)
    cache_file(home).parent.mkdir(parents=True)
    os.mkfifo(str(cache_file(home)))
    started = time.monotonic()
    status, out, err = at(capsys, 1, "--oneline", "--verbose")
    assert out == "Zhipu 90%\n" and "is not a regular file" in err and time.monotonic() - started < 30


def test_the_cache_round_trips_a_report_exactly():
    rep = mystatus.Report(
        results=[mystatus.Result(provider="copilot", account=M("{name} (org)", name="x"), plan="pro",
                                 quotas=[mystatus.Quota(id="chat", label=M("Chat"), unlimited=True),
                                         mystatus.Quota(label="5h", remaining_percent=12.5, used=3, limit=4,
                                                        resets_at=NOW_TS + 60, window_seconds=18000,
                                                        limit_reached=False, estimate=True),
                                         mystatus.Quota(label="weekly", unavailable=True),
                                         mystatus.Quota(label="DAILY", remaining_percent=80,
                                                        window_length_unknown=True)],
                                 notes=[M("note {n}", n=M("nested"))], credits=mystatus.UNLIMITED,
                                 top_models=[("m", 3)], source="auth.json"),
                 mystatus.Result(provider="zhipuai", error=M("boom"), as_of=NOW_TS - 5,
                                 quotas=[mystatus.Quota(label="x", remaining_percent=1)])],
        failures=[("auth.json", M("bad"))], notes=[M("n")], sources=[("auth.json", M("read"))])
    again, written_at, asked = mystatus.decode_cache(mystatus.encode_cache(rep, NOW_TS, ["copilot", "zhipuai"]))
    assert (again, written_at, asked) == (rep, NOW_TS, ["copilot", "zhipuai"])


def test_a_cache_written_before_a_quota_field_was_added_still_answers(home, server, capsys):
    # The quota states came after the cache: a file without them is today's
    # figures all the same, read with the fields' defaults.
    zhipu(home, server)
    doc = valid_cache()
    for name in ("unavailable", "window_length_unknown"):
        del doc["results"][0]["quotas"][0][name]
    home.write(cache_file(home), json.dumps(doc).encode())
    assert at(capsys, 1, "--oneline") == (3, "Zhipu 12%\n", "")
    assert len(server.hits(ZHIPU)) == 0
    (quota,) = mystatus.decode_cache(json.dumps(doc).encode())[0].results[0].quotas
    assert (quota.unavailable, quota.window_length_unknown) == (False, False)


@pytest.mark.parametrize("name", ["unavailable", "window_length_unknown"])
def test_a_quota_state_of_the_wrong_type_is_a_bad_cache(name):
    with pytest.raises(mystatus.CacheError):
        mystatus.decode_cache(quota_edited(**{name: "yes"}))


def test_the_cache_schema_names_every_field_of_the_records():
    # A field added to Result or Quota must be given its type here, or every cache is refused.
    assert set(mystatus._RESULT_FIELDS) == set(mystatus.Result._fields())
    assert set(mystatus._QUOTA_FIELDS) == set(mystatus.Quota._fields())
