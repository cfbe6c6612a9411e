"""The report where people read it: resets in local time, the pace at which a
quota runs out, and on a terminal colour, the terminal's width and a progress
line; pipes and cron mails keep the plain text.  Time with a frozen clock and
an explicit TZ; the terminal both in-process (a stdout that is a tty) and for
real, through a pseudo-terminal."""

import io
import json
import os
import re
import select
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mystatus
from conftest import ROOT, Home, Reply
from payloads import (GOOGLE_MODELS, NOW_TS, OPENAI_LATE_RESET, OPENAI_PACED, OPENAI_USAGE, ZHIPU_QUOTA, google_account,
                      openai_auth, report, zhipu_auth)

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
GREEN, YELLOW, RED, BOLD, RESET = "\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[1m", "\x1b[0m"

@pytest.fixture
def zone():
    """set(name): the process's TZ for this test, put back (and tzset) after it."""
    saved = os.environ.get("TZ")

    def set_zone(name):
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def width(line):
    return mystatus._width(ANSI_RE.sub("", line))


class Tty(io.TextIOWrapper):
    """A stdout that says it is a terminal (main() asks isatty())."""

    def isatty(self):
        return True


def run(argv=(), tty=True, **env):
    """main() in-process at the frozen instant, with the `home` fixture's
    home.environ (no colour or width setting, TZ=UTC) plus `env`; stdout a
    terminal or not.  (status, stdout)."""
    base = dict(Home.current.environ, **env)
    out = (Tty if tty else io.TextIOWrapper)(io.BytesIO(), encoding="utf-8")
    status = mystatus.main(list(argv), env=base, now=NOW_TS, stdout=out)
    out.flush()
    return status, out.buffer.getvalue().decode("utf-8")


# Resets in local time #########################################################


def test_a_reset_days_away_shows_the_local_weekday_date_and_time(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_LATE_RESET))
    home.environ["TZ"] = "Asia/Shanghai"
    _, out, _ = report(capsys)
    assert "Resets in: 2d 8h (Wed 11-25 04:15)" in out.splitlines()
    home.environ["TZ"] = "UTC"
    _, out, _ = report(capsys)
    assert "Resets in: 2d 8h (Tue 11-24 20:15)" in out.splitlines()
    home.environ["TZ"] = "America/New_York"  # UTC-5 in November
    _, out, _ = report(capsys)
    assert "Resets in: 2d 8h (Tue 11-24 15:15)" in out.splitlines()


def test_the_reset_date_in_chinese_names_the_weekday_from_the_catalog(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_LATE_RESET))
    home.environ["TZ"] = "Asia/Shanghai"
    _, out, _ = report(capsys, "--lang", "zh-Hans")
    assert "重置倒计时：2天8小时（11月25日 周三 04:15）" in out.splitlines()
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert "重設倒數：2天8小時（11月25日 週三 04:15）" in out.splitlines()


def test_a_month_and_day_below_ten_are_not_padded_in_chinese_but_are_in_english():
    quota = mystatus.Quota(label="x", remaining_percent=50, resets_at=1798776300)  # 2027-01-01 04:05 UTC
    now = 1798776300 - 3 * 86400
    report_ = mystatus.Report(results=[mystatus.Result(provider="openai", quotas=[quota])])
    english = mystatus.render_text(report_, now=now, local=time.gmtime)
    chinese = mystatus.render_text(report_, now=now, local=time.gmtime, catalog=mystatus.load_catalog("zh", {})[1])
    assert "Resets in: 3d 0h (Fri 01-01 04:05)" in english
    assert "重置倒计时：3天0小时（1月1日 周五 04:05）" in chinese


def test_the_google_table_dates_a_reset_days_away_as_everywhere_else(home, server, capsys):
    # G3 Image resets 2026-11-24 21:00 UTC, 2 d 9 h after the frozen clock;
    # the others within a day (the countdown alone) or never said (-).
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    home.environ["TZ"] = "Asia/Shanghai"
    _, out, _ = report(capsys)
    lines = out.splitlines()
    assert re.search(r"^G3 Image +2d 9h Wed 11-25 05:00 [█░]{20}   85%$", out, re.M), out
    assert re.search(r"^G3 Pro +4h 59m {17}█{20}  100%$", out, re.M)  # the date column, empty
    home.environ["TZ"] = "America/New_York"
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert re.search(r"^G3 Image +2天9小時 11月24日 週二 16:00 [█░]{20}   85%$", out, re.M), out
    assert len(lines) == len(out.splitlines())


def test_within_a_day_the_countdown_alone_is_shown(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_USAGE))
    home.environ["TZ"] = "Asia/Shanghai"
    _, out, _ = report(capsys)
    assert "Resets in: 2h 30m" in out.splitlines() and "Resets in: 12h" in out.splitlines()


def test_json_stays_in_utc_whatever_the_zone(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_LATE_RESET))
    home.environ["TZ"] = "Asia/Shanghai"
    _, out, _ = report(capsys, "--json")
    (quota,) = json.loads(out)["providers"][0]["quotas"]
    assert quota["resets_at"] == "2026-11-24T20:15:00Z"


def test_the_tz_of_the_environment_main_is_given_is_used_and_the_process_keeps_its_own(home, server, zone):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_LATE_RESET))
    zone("UTC")
    _, out = run(tty=False, TZ="Asia/Shanghai")
    assert "Resets in: 2d 8h (Wed 11-25 04:15)" in out
    assert os.environ["TZ"] == "UTC" and time.localtime(NOW_TS).tm_hour == 12  # put back


@pytest.mark.parametrize("tz", ["Nowhere/Atlantis", "UTC\x00+8", ":/dev/null", ""])
def test_a_zone_the_c_library_cannot_use_is_never_a_crash(home, server, zone, tz):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_LATE_RESET))
    zone("UTC")
    status, out = run(tty=False, TZ=tz)
    assert status == 0
    assert re.search(r"^Resets in: 2d 8h( \(\w{3} \d\d-\d\d \d\d:\d\d\))?$", out, re.M)
    assert os.environ["TZ"] == "UTC"


# Pace #########################################################################


def test_pace_projects_when_a_quota_runs_out_before_its_reset(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_PACED))
    status, out, _ = report(capsys)
    assert status == 3  # 90 % used is above the threshold
    weekly = out.split("\n\n")[3].splitlines()
    assert weekly[0] == "Weekly limit"
    assert weekly[3] == "At this pace: runs out in 10h 40m, 2d 13h before the reset"
    assert "At this pace" not in out.split("\n\n")[2]  # the 3-hour window: 15 % in 30 min is on pace
    _, out, _ = report(capsys, "--lang", "zh-Hans")
    assert "按当前速度：10小时40分钟后用完，比重置早2天13小时" in out.splitlines()
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert "按目前速度：10小時40分鐘後用完，比重設早2天13小時" in out.splitlines()


def test_pace_in_json_is_an_utc_instant_or_null(home, server, capsys):
    home.auth(openai_auth())
    server.route("/openai/usage", Reply(OPENAI_PACED))
    _, out, _ = report(capsys, "--json")
    primary, weekly = json.loads(out)["providers"][0]["quotas"]
    assert weekly["projected_empty_at"] == "2026-11-22T22:40:00Z"  # 10 h 40 m after 12:00
    assert primary["projected_empty_at"] is None


def quota(remaining, window=604800, reset_in=3 * 86400, **extra):
    return mystatus.Quota(label="q", remaining_percent=remaining, window_seconds=window,
                          resets_at=None if reset_in is None else NOW_TS + reset_in, **extra)


@pytest.mark.parametrize("case, expected", [
    (quota(10), NOW_TS + 38400),                      # 90 % in 4 days: 10 h 40 m left
    (quota(57.2), None),                               # 42.8 % in 4 of 7 days: lasts past the reset
    (quota(50, window=6 * 86400), None),               # exactly on pace: empty at the reset, not before
    (quota(100), None),                                # nothing used
    (quota(0), None),                                  # already used up: "Limit reached" says it
    (quota(120), None),                                # a platform's odd figure
    (quota(50, window=18000, reset_in=17500), None),  # 500 s of 18000: under 5 %, too young to judge
    (quota(50, window=18000, reset_in=17000), NOW_TS + 1000),  # 1000 s in: past 5 %
    (quota(10, reset_in=None), None),                  # no reset known
    (quota(10, window=None), None),                    # no window known
    (quota(10, window=0), None),
    (quota(10, reset_in=-60), None),                   # the reset is past
    (quota(10, reset_in=700000), None),                # the reset is further away than a window
    (quota(None), None),
    (quota(10, unlimited=True), None),
])
def test_pace_at_a_frozen_clock(case, expected):
    assert mystatus.pace(case, NOW_TS) == pytest.approx(expected) if expected else mystatus.pace(case, NOW_TS) is None


# Colour #######################################################################


def test_a_terminal_gets_colours_by_level_and_bold_headings(home, server):
    usage = {"plan_type": "plus", "rate_limit": {"limit_reached": False,
             "primary_window": {"used_percent": 100, "limit_window_seconds": 18000, "reset_after_seconds": 600},
             "secondary_window": {"used_percent": 85, "limit_window_seconds": 604800, "reset_after_seconds": 86400}}}
    home.auth(dict(openai_auth(), **zhipu_auth()))
    server.route("/openai/usage", Reply(usage))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out = run()
    lines = out.splitlines()
    assert BOLD + "## OpenAI account quota" + RESET in lines
    assert RED + "░" * 30 + RESET + " " + RED + "0%" + RESET + " remaining" in lines
    assert RED + "✖ Limit reached" + RESET in lines
    assert YELLOW + "█" * 4 + "░" * 26 + RESET + " " + YELLOW + "15%" + RESET + " remaining" in lines
    assert YELLOW + "⚠ High usage: 85% used" + RESET in lines
    assert GREEN + "█" * 28 + "░" * 2 + RESET + " " + GREEN + "95%" + RESET + " remaining" in lines
    assert ANSI_RE.sub("", out) == run(["--color", "never"])[1]  # colour adds escapes, nothing else


def test_a_quotas_lines_carry_their_style_so_the_renderer_never_reads_their_words():
    """The builder says how each line is painted: the renderer looks at no
    template (a reworded warning, or one in another language, keeps its colour)."""
    quota = mystatus.Quota(label="5-hour limit", remaining_percent=10, window_seconds=18000, used=90, limit=100,
                           resets_at=NOW_TS + 3600)
    lines = [(mystatus.translate(line.msg, {}), line.style, line.level)
             for line in mystatus._quota_lines(quota, NOW_TS, 80, True, 10)]
    assert lines == [("5-hour limit", None, None),
                     ("#--------- 10% remaining", None, "yellow"),
                     ("Used: 90 / 100", None, None),
                     ("Resets in: 1h", None, None),
                     ("At this pace: runs out in 26m, 33m before the reset", "yellow", None),
                     ("! High usage: 90% used", "yellow", None)]
    reached = mystatus.Quota(label="Daily", remaining_percent=0)
    assert [(line.style, line.level) for line in mystatus._quota_lines(reached, NOW_TS, 80, True, 10)] == \
        [(None, None), (None, "red"), ("red", None)]


def test_colour_in_chinese_paints_the_percentage_where_the_language_puts_it(home, server):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out = run(["--lang", "zh"])
    assert GREEN + "█" * 28 + "░" * 2 + RESET + " 剩余 " + GREEN + "95%" + RESET in out.splitlines()


@pytest.mark.parametrize("argv, env, tty, coloured", [
    ([], {}, True, True),
    ([], {}, False, False),                                  # a pipe or a file
    ([], {"NO_COLOR": "1"}, True, False),
    ([], {"NO_COLOR": ""}, True, True),                      # no-color.org: an empty NO_COLOR is not set
    ([], {"FORCE_COLOR": "1"}, False, True),
    ([], {"FORCE_COLOR": "0"}, False, False),
    ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),  # off wins
    ([], {"TERM": "dumb"}, True, False),
    (["--color", "always"], {}, False, True),
    (["--color", "always"], {"NO_COLOR": "1"}, False, True),  # the option wins over the environment
    (["--color", "never"], {}, True, False),
    (["--color", "never"], {"FORCE_COLOR": "1"}, True, False),
    (["--color", "auto"], {"FORCE_COLOR": "1"}, False, True),
])
def test_when_there_is_colour(home, server, argv, env, tty, coloured):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out = run(argv, tty=tty, **env)
    assert ("\x1b[" in out) == coloured


def test_json_is_never_coloured(home, server):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out = run(["--json", "--color", "always"])
    assert "\x1b" not in out and json.loads(out)["providers"][0]["ok"]


def test_a_bad_color_value_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        mystatus.main(["--color", "sometimes"], env={"HOME": str(tmp_path)})
    assert exc.value.code == 2 and "--color" in capsys.readouterr().err


# Width ########################################################################


def full_report(home, server):
    """Every layout: windows, compact with a warning, a failure with a long error."""
    home.auth(dict(openai_auth(), **zhipu_auth()))
    home.accounts([{"email": "alice@example.com", "refreshToken": "1//refresh-alice-0123456789",
                    "projectId": "proj-alice"}])
    server.route("/openai/usage", Reply(OPENAI_PACED))
    server.route("/zhipu/quota", Reply({"code": 401, "msg": "Invalid API key: the key was revoked by the "
                                        "account owner or it expired; create a new one in the console"}, status=200))
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply({"models": {
        "gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 1.0, "resetTime": "2026-11-22T16:59:00Z"}},
        "claude-opus-4-5": {"quotaInfo": {"remainingFraction": 0.1, "resetTime": "2026-11-24T13:00:00Z"}},
        "gemini-2-5-x": {"displayName": "Gemini 2.5 Flash Thinking Preview", "quotaInfo": {}}}}))


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("columns", [40, 120])
def test_no_line_is_wider_than_the_terminal(home, server, lang, columns):
    full_report(home, server)
    _, out = run(["--lang", lang], COLUMNS=str(columns))
    lines = out.splitlines()
    assert max(width(line) for line in lines) <= columns
    cells = [len(bar) for line in lines for bar in re.findall("[█░]+", ANSI_RE.sub("", line))]
    if columns == 120:
        assert cells == [30, 30, 20, 20]  # today's widths: nothing needed to shrink (an unknown model has no bar)
    else:
        assert cells[:2] == [26, 26] if lang == "en" else all(10 <= n <= 30 for n in cells)
    zhipu = {"en": "Zhipu AI", "zh-Hans": "智谱 AI", "zh-Hant": "智譜 AI"}[lang]
    assert "Google" in out and zhipu in out  # the failure is there, wrapped


def test_names_too_long_for_a_bar_beside_them_go_on_a_line_of_their_own(home, server):
    full_report(home, server)
    _, out = run(["--color", "never"], COLUMNS="40")
    google = out[out.index("### alice@example.com"):out.index("Failed")].splitlines()
    assert google == [
        "### alice@example.com",
        "G3 Pro",
        "  4h 59m ████████████████████  100%",
        "Claude (resets Tue 11-24 13:00)",  # the date does not fit in the column: beside the name
        "   2d 1h ██░░░░░░░░░░░░░░░░░░   10%",
        "  ⚠ High usage: 90% used",
        "Gemini 2.5 Flash Thinking Preview",
        "       -                          -",  # unknown: no bar, no figure, no warning
        "",
    ]
    _, out = run(["--color", "never"], COLUMNS="120")
    assert re.search("^G3 Pro {28}4h 59m {17}█{20}  100%$", out, re.M)  # wide enough: one line, as in a pipe
    assert re.search("^Claude {29}2d 1h Tue 11-24 13:00 █{2}░{18}   10%", out, re.M)


def test_bars_shrink_no_further_than_ten_cells(home, server):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out = run(["--color", "never"], COLUMNS="12")
    assert "█" * 10 + " 95% remaining" in out.splitlines()


def test_a_long_error_wraps_at_words_with_an_indent(home, server):
    full_report(home, server)
    _, out = run(["--color", "never"], COLUMNS="40")
    failed = out[out.index("Failed to query accounts:"):].splitlines()[1:]
    assert failed == [
        "- Zhipu AI (9c89****AQVM): API error",
        "  401: Invalid API key: the key was",
        "  revoked by the account owner or it",
        "  expired; create a new one in the",
        "  console",
    ]


def test_a_pipe_keeps_todays_width_whatever_columns_says(home, server):
    full_report(home, server)
    _, wide = run(tty=False)
    _, narrow = run(tty=False, COLUMNS="40")
    assert narrow == wide and "\x1b" not in wide
    assert "█" * 3 + "░" * 27 + " 10% remaining" in wide.splitlines()
    assert max(width(line) for line in wide.splitlines()) > 40


@settings(deadline=None)  # max_examples: the profile (conftest)
@given(text=st.text(st.sampled_from("ab 中文，。x-/"), max_size=80), columns=st.integers(8, 60),
       indent=st.integers(0, 4))
def test_wrapping_keeps_every_word_and_fits_unless_a_word_is_longer(text, columns, indent):
    text = " " * indent + text.strip()
    lines = mystatus._wrap(text, columns)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    for i, line in enumerate(lines):
        if i:
            assert line.startswith(" " * (indent + 2))
        if mystatus._width(line) > columns:  # only a word that fits on no line
            assert " " not in line.strip() and not re.search("[中文]", line.strip()[1:])
    assert lines[0] == text or all(not line.endswith(" ") for line in lines)


def test_chinese_wraps_between_characters_and_keeps_punctuation_with_the_word_before():
    lines = mystatus._wrap("- 智谱 AI：API 密钥无效，请在控制台重新创建一个新的密钥。", 20)
    assert lines == ["- 智谱 AI：API 密钥", "  无效，请在控制台重", "  新创建一个新的密", "  钥。"]
    assert all(mystatus._width(line) <= 20 for line in lines)


# A real terminal ##############################################################


# The command (mystatus.run(), as the installed `mystatus` starts it), its
# progress line due after PROGRESS_AFTER = argv[1] seconds: the tests of the
# progress need not wait the real second.
COMMAND = "import sys, mystatus; mystatus.PROGRESS_AFTER = float(sys.argv.pop(1)); mystatus.run()"


def run_on_pty(tmp_path, server, *argv, when=None, progress_after=mystatus.PROGRESS_AFTER, **env):
    """mystatus with stdout and stderr on one pseudo-terminal: (exit status,
    everything the terminal received, with \\r\\n as \\n).  `when`, a (text,
    threading.Event) pair: the event is set once the terminal has received the
    text."""
    import pty

    master, slave = pty.openpty()
    base = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "PYTHONPATH": ROOT, "NO_PROXY": "*",
            "TZ": "UTC", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
            "MYSTATUS_OPENAI_URL": server.url("/openai/usage")}
    base.update(env)
    proc = subprocess.Popen([sys.executable, "-c", COMMAND, str(progress_after)] + list(argv), cwd=str(tmp_path),
                            env=base,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    data = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer of the terminal has closed it
                break
            if not chunk:
                break
            data += chunk
            if when and when[0].encode() in data:
                when[1].set()
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=30), data.decode("utf-8").replace("\r\n", "\n")


def openai_home(tmp_path):
    auth = tmp_path / ".local" / "share" / "opencode" / "auth.json"
    auth.parent.mkdir(parents=True)
    # The child runs at the real clock: the token must be valid now.
    auth.write_text(json.dumps(openai_auth(expires=int(time.time() + 3600) * 1000)))


def test_on_a_real_terminal_colour_width_and_a_progress_line_erased_before_the_report(tmp_path, server):
    openai_home(tmp_path)
    shown = threading.Event()

    def slow(handler):  # progress shows after PROGRESS_AFTER: the answer comes once it is on the terminal
        shown.wait(30)
        Reply(OPENAI_PACED).send(handler)

    server.route("/openai/usage", slow)
    status, seen = run_on_pty(tmp_path, server, COLUMNS="40", when=("Asking 1 account", shown), progress_after=0.1)
    assert status == 3
    assert "\rAsking 1 account… 0/1" in seen  # after PROGRESS_AFTER of waiting, on the terminal
    erase = "\r" + " " * len("Asking 1 account… 0/1") + "\r"
    assert seen.index(erase) + len(erase) == seen.index("\x1b[1m## OpenAI")  # gone before the report starts
    report_ = seen[seen.index(erase) + len(erase):]
    assert BOLD + "## OpenAI account quota" + RESET in report_
    assert YELLOW + "At this pace: runs out in 10h 40m, 2d" + RESET in report_
    assert max(width(line) for line in report_.splitlines()) <= 40


def test_a_quick_answer_on_a_real_terminal_shows_no_progress(tmp_path, server):
    openai_home(tmp_path)
    server.route("/openai/usage", Reply(OPENAI_PACED))
    started = time.monotonic()
    status, seen = run_on_pty(tmp_path, server, NO_COLOR="1")
    took = time.monotonic() - started
    assert status == 3 and "\x1b" not in seen
    # No progress line unless the run itself took PROGRESS_AFTER: on a machine
    # busy enough to make a quick answer slow, a progress line is right.
    if "Asking" in seen:
        assert took >= mystatus.PROGRESS_AFTER
    else:
        assert seen.startswith("## OpenAI account quota\n")


def test_a_pipe_gets_no_progress_and_no_colour_however_slow(tmp_path, server):
    """An answer that takes several times PROGRESS_AFTER and PROGRESS_TICK
    (0.05 s each here): a terminal would have shown the progress line."""
    openai_home(tmp_path)
    server.route("/openai/usage", Reply(OPENAI_PACED, delay=0.05 + 3 * 0.05))
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "PYTHONPATH": ROOT, "NO_PROXY": "*",
           "TZ": "UTC", "COLUMNS": "40", "MYSTATUS_OPENAI_URL": server.url("/openai/usage")}
    command = "import mystatus; mystatus.PROGRESS_TICK = 0.05; " + COMMAND
    done = subprocess.run([sys.executable, "-c", command, "0.05"], cwd=str(tmp_path), env=env, capture_output=True,
                          timeout=60)
    assert done.returncode == 3 and done.stderr == b""
    out = done.stdout.decode("utf-8")
    assert "\x1b" not in out and "█" * 3 + "░" * 27 + " 10% remaining" in out


def utf8():
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8")


def text(stream):
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")


def test_progress_waits_a_second_then_overwrites_itself_and_is_erased():
    stream = utf8()
    progress = mystatus.Progress(stream, {}, 80, False)
    progress(0, 5)
    assert text(stream) == ""  # a quick answer leaves the terminal alone
    progress.start -= 2
    progress(3, 5)
    progress(4, 5)
    progress.erase()
    assert text(stream) == "\rAsking 5 accounts… 3/5\rAsking 5 accounts… 4/5\r" + " " * 22 + "\r"
    stream = utf8()
    chinese = mystatus.Progress(stream, mystatus.load_catalog("zh", {})[1], 80, False)
    chinese.start -= 2
    chinese(10, 10)
    chinese(9, 10)  # a shorter line: blanks cover what is left of the longer one
    chinese.erase()
    short = "正在查询 10 个账号… 9/10"
    assert text(stream) == "\r%s\r%s \r%s\r" % (short.replace("9/", "10/"), short, " " * (mystatus._width(short) + 1))
    stream = utf8()
    chinese = mystatus.Progress(stream, mystatus.load_catalog("zh", {})[1], 12, True)
    chinese.start -= 2
    chinese(1, 2)
    assert text(stream) == "\rAsking 2 ac"  # --ascii: English, cut to the terminal


def test_a_classic_windows_console_gets_no_colour_unless_asked(monkeypatch):
    monkeypatch.setattr(mystatus.os, "name", "nt")
    assert mystatus.use_color("auto", {}, True) is False  # conhost would print the escapes as text
    assert mystatus.use_color("auto", {"WT_SESSION": "1"}, True) is True  # Windows Terminal
    assert mystatus.use_color("auto", {"FORCE_COLOR": "1"}, False) is True


def test_a_model_without_a_percentage_keeps_its_column_in_a_pipe():
    result = mystatus.Result(provider="google", account="a", quotas=[mystatus.Quota(label="G3 Pro")])
    text = mystatus.render_text(mystatus.Report(results=[result]), now=NOW_TS)
    assert "G3 Pro   - " + " " * 20 + "     -" in text.splitlines()


# Numbers ######################################################################


@pytest.mark.parametrize("value, unit, shown", [
    (1873.4, "credits", "1,873.4"), (2000, "credits", "2,000"), (12345.5, "credits", "12,345.5"),
    (1500000, "credits", "1,500,000"), (-25000, "credits", "-25,000"), (12345, "requests", "12,345"),
    (812.25, "credits", "812.25"), (0.004, "credits", "0"), (500000, "tokens", "0.5M"),
])
def test_amounts_group_thousands_and_drop_trailing_zeros(value, unit, shown):
    assert mystatus.amount(value, unit) == shown
