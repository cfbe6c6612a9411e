"""--format: text, json, oneline (--json and --oneline as aliases), waybar,
xbar and prometheus; each output checked against what reads it, and outside
text escaped for where it goes."""

import json
import math

import pytest

import i18n
import mystatus
from conftest import Reply
from payloads import (COPILOT_USER, GOOGLE_MODELS, NOW_TS, OPENAI_USAGE, ZHIPU_QUOTA, copilot_auth,
                      google_account, openai_auth, report, zhipu_auth)

M = mystatus.M
HOSTILE = 'evil"\\\n} 1\nmystatus_account_up{platform="x"} 1 | bash=/bin/sh terminal=true <b>&amp;'


def everything(home, server):
    home.auth({**openai_auth(), **zhipu_auth(), **copilot_auth()})
    home.accounts([google_account()])
    server.route("/openai/usage", Reply(OPENAI_USAGE))  # 85 and 77 % left
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))  # 95 and 90
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))  # 100, 50, 85, 40, 10
    server.route("/github/copilot_internal/user", Reply(COPILOT_USER))  # 23.7, and chat unlimited


def quota(remaining=None, label="Chat", **fields):
    return mystatus.Quota(label=label, remaining_percent=remaining, **fields)


def one(*quotas, error=None, account="me@example.com", provider="zhipuai", **fields):
    return mystatus.Report(results=[mystatus.Result(provider=provider, account=account, quotas=list(quotas),
                                                    error=error, **fields)])


# --format and its aliases #####################################################


def test_format_names_the_same_outputs_as_the_old_options(home, server, capsys):
    everything(home, server)
    assert report(capsys, "--format", "json") == report(capsys, "--json")
    assert report(capsys, "--format", "oneline") == report(capsys, "--oneline")
    assert report(capsys, "--format", "text") == report(capsys)
    status, _, err = report(capsys, "--json", "--format", "xbar")
    assert status == 2 and "not allowed with" in err


@pytest.mark.parametrize("form", ["waybar", "xbar", "prometheus"])
def test_nothing_configured_is_said_on_stderr_beside_every_format(home, capsys, form):
    status, out, err = report(capsys, "--format", form)
    assert "No AI coding subscription is configured" in err
    if form == "waybar":  # the bar says so too, and the tooltip tells what to do
        doc = check_waybar(out)
        assert (status, doc["class"], doc["text"]) == (0, "error", "No subscription configured")
        assert "No AI coding subscription is configured" in doc["tooltip"]
    else:
        assert "No AI coding subscription" not in out and status == 4


# waybar #######################################################################


def check_waybar(line):
    """The shape waybar's custom module reads with "return-type": "json": one
    line, one object; text, alt, tooltip strings, class a string or a list of
    them, percentage a whole number (waybar reads it as an int)."""
    assert line.endswith("\n") and line.count("\n") == 1
    doc = json.loads(line)
    assert isinstance(doc, dict) and set(doc) <= {"text", "alt", "tooltip", "class", "percentage"}
    for key in ("text", "alt", "tooltip"):
        assert isinstance(doc.get(key, ""), str)
    assert isinstance(doc.get("class", ""), str) or all(isinstance(c, str) for c in doc["class"])
    if "percentage" in doc:
        assert type(doc["percentage"]) is int and 0 <= doc["percentage"] <= 100
    return doc


def test_waybar_is_one_object_with_the_summary_the_report_and_the_lowest_percentage(home, server, capsys):
    everything(home, server)
    status, out, err = report(capsys, "--format", "waybar")
    doc = check_waybar(out)
    assert (status, err) == (0, "")  # waybar hides a module whose command fails
    assert doc["text"] == "OpenAI 77% · Zhipu 90% · Google 10% · Copilot 23.7%"
    assert doc["percentage"] == 10
    assert doc["class"] == "warning"  # Google's 10 % left is 90 % used, above the threshold of 80
    assert doc["tooltip"] == report(capsys)[1].rstrip("\n")  # the plain report
    assert check_waybar(report(capsys, "--format", "waybar", "--threshold", "95")[1])["class"] == "ok"


@pytest.mark.parametrize("rep, expected", [
    (one(quota(50)), "ok"),
    (one(quota(20)), "warning"),
    (one(quota(20), quota(0)), "critical"),
    (one(quota(60, limit_reached=True)), "critical"),
    (one(quota(50), error=M("boom")), "error"),
    (mystatus.Report(results=[*one(quota(50)).results, *one(error=M("boom")).results]), "error"),
    (mystatus.Report(results=[*one(quota(0)).results, *one(error=M("boom")).results]), "critical"),
    (mystatus.Report(results=one(quota(50)).results, failures=[("auth.json", M("bad"))]), "error"),
])
def test_waybar_class(rep, expected):
    doc = check_waybar(mystatus.render_waybar(rep, now=NOW_TS, threshold=80))
    assert doc["class"] == expected


def test_waybar_percentage_is_whole_and_left_out_when_unknown():
    assert check_waybar(mystatus.render_waybar(one(quota(23.7), quota(99.5)), now=NOW_TS))["percentage"] == 24
    assert check_waybar(mystatus.render_waybar(one(quota(-4.5)), now=NOW_TS))["percentage"] == 0
    assert "percentage" not in check_waybar(mystatus.render_waybar(one(quota(None, used=3)), now=NOW_TS))
    assert "percentage" not in check_waybar(mystatus.render_waybar(one(quota(unlimited=True)), now=NOW_TS))


def test_waybar_escapes_markup_and_stays_one_line():
    rep = one(quota(50, label=HOSTILE), account=HOSTILE)
    doc = check_waybar(mystatus.render_waybar(rep, now=NOW_TS))
    assert "<b>" not in doc["tooltip"] and "&lt;b&gt;&amp;amp;" in doc["tooltip"]


# xbar, SwiftBar, Argos ########################################################


def xbar_lines(text):
    """(text, {parameter: value}) a line, split as xbar does: at the first "|"."""
    lines = []
    for line in text.rstrip("\n").split("\n"):
        shown, _, params = line.partition("|")
        lines.append((shown, dict(p.split("=", 1) for p in params.split())))
    return lines


def test_xbar_shows_the_lowest_figure_then_a_line_a_quota(home, server, capsys):
    everything(home, server)
    status, out, _ = report(capsys, "--format", "xbar")
    lines = xbar_lines(out)
    assert status == 3
    assert lines[0] == ("10% ", {"color": "orange"})
    assert lines[1] == ("---", {})
    shown = [s for s, _ in lines[2:]]
    assert len(shown) == 2 + 2 + 5 + 2  # OpenAI, Zhipu, Google's models, Copilot's
    assert any(s.startswith("OpenAI") and "77%" in s for s in shown)
    colours = {s.split(":")[0].strip(): p.get("color") for s, p in lines[2:]}
    assert [k for k, c in colours.items() if c] != []
    low = [s for s, p in lines[2:] if p.get("color") == "orange"]
    assert low and all(("10%" in s or "23.7%" in s) for s in low)


def test_xbar_colours_an_exhausted_quota_red_and_an_error():
    rep = mystatus.Report(results=[*one(quota(0, label="5h")).results,
                                   *one(error=M("Unauthorized"), provider="openai").results])
    lines = xbar_lines(mystatus.render_xbar(rep, now=NOW_TS))
    assert lines[0] == ("0%! ", {"color": "red"})
    assert ("Zhipu AI (me@example.com) 5h: 0% ", {"color": "red"}) in lines
    assert ("OpenAI (me@example.com): Unauthorized ", {"color": "red"}) in lines


def test_xbar_outside_text_cannot_add_a_parameter_or_a_line():
    rep = one(quota(50, label=HOSTILE), account=HOSTILE, error=None)
    rep.failures = [(HOSTILE, M(HOSTILE))]
    out = mystatus.render_xbar(rep, now=NOW_TS)
    lines = xbar_lines(out)
    assert len(lines) == 4  # title, ---, the quota, the failure: no line forged
    for _, params in lines:
        assert set(params) <= {"color"}
    assert "bash" in out  # shown as text, harmlessly


# Prometheus ###################################################################


def families(text):
    parser = pytest.importorskip("prometheus_client.parser")
    return {f.name: f for f in parser.text_string_to_metric_families(text)}


def samples(fams, name):
    return [(s.labels, s.value) for s in fams[name].samples] if name in fams else []


def test_prometheus_parses_and_has_every_metric_with_help_and_type(home, server, capsys):
    everything(home, server)
    status, out, _ = report(capsys, "--format", "prometheus")
    assert status == 3
    fams = families(out)
    for name in ("mystatus_quota_remaining_ratio", "mystatus_quota_resets_at_seconds",
                 "mystatus_quota_limit_reached", "mystatus_account_up", "mystatus_last_run_timestamp_seconds"):
        assert "# HELP %s " % name in out and "# TYPE %s gauge\n" % name in out
        assert name.replace("_seconds", "") in fams or name in fams
    assert samples(fams, "mystatus_last_run_timestamp_seconds") == [({}, NOW_TS)]
    ratios = {(s["platform"], s["quota"]): v for s, v in samples(fams, "mystatus_quota_remaining_ratio")}
    assert min(ratios.values()) == pytest.approx(0.10)
    assert [k for k, v in ratios.items() if v == pytest.approx(0.10)] == [("google", "Claude")]
    assert all(0 <= v <= 1 for v in ratios.values())
    ups = samples(fams, "mystatus_account_up")
    assert {s["platform"] for s, v in ups if v == 1} == {"openai", "zhipuai", "google", "copilot"}
    # No series written twice: Prometheus would refuse the whole file.
    lines = [line.rsplit(" ", 1)[0] for line in out.splitlines() if not line.startswith("#")]
    assert len(lines) == len(set(lines))


def test_prometheus_leaves_unknown_values_out_never_zero():
    rep = one(quota(None, used=5), quota(float("nan"), label="nan"), quota(40, label="known", window_seconds=18000,
                                                                          resets_at=NOW_TS + 60),
              quota(unlimited=True, label="free"))
    out = mystatus.render_prometheus(rep, now=NOW_TS)
    fams = families(out)
    ratios = samples(fams, "mystatus_quota_remaining_ratio")
    assert ratios == [({"platform": "zhipuai", "account": "me@example.com", "quota": "known",
                        "window_seconds": "18000"}, 0.4)]
    assert [v for _, v in samples(fams, "mystatus_quota_resets_at_seconds")] == [NOW_TS + 60]
    assert "NaN" not in out and "Inf" not in out
    assert all(math.isfinite(s.value) for f in fams.values() for s in f.samples)


def test_prometheus_marks_a_failed_account_down_without_figures():
    out = mystatus.render_prometheus(one(quota(40), error=M("boom")), now=NOW_TS)
    fams = families(out)
    assert samples(fams, "mystatus_account_up") == [({"platform": "zhipuai", "account": "me@example.com"}, 0)]
    assert samples(fams, "mystatus_quota_remaining_ratio") == []


def test_prometheus_escapes_hostile_labels_and_injects_no_line():
    rep = one(quota(40, label=HOSTILE), quota(30, label=HOSTILE), account=HOSTILE)
    rep.failures = [("/tmp/a\nb", M("bad"))]
    out = mystatus.render_prometheus(rep, now=NOW_TS)
    fams = families(out)
    assert set(fams) == {"mystatus_quota_remaining_ratio", "mystatus_quota_resets_at_seconds",
                         "mystatus_quota_limit_reached", "mystatus_quota_unavailable", "mystatus_quota_age_seconds",
                         "mystatus_account_up", "mystatus_credential_file_up", "mystatus_last_run_timestamp_seconds"}
    assert samples(fams, "mystatus_account_up") == [({"platform": "zhipuai", "account": HOSTILE}, 1)]
    quotas = sorted(s["quota"] for s, _ in samples(fams, "mystatus_quota_remaining_ratio"))
    assert quotas == sorted([HOSTILE, HOSTILE + " (2)"])  # two series, not one written twice
    assert samples(fams, "mystatus_credential_file_up") == [({"source": "/tmp/a\nb"}, 0)]
    assert out.count("\nmystatus_account_up{") == 1


# A quota switched off, a window of unknown length: facts each format says its own way


def states():
    """A windows-layout platform's quota switched off by the platform, one in a
    window whose length is unknown, and one plain."""
    return one(quota(label="Weekly", unavailable=True), quota(60, label="Daily", window_length_unknown=True,
                                                              resets_at=NOW_TS + 3600), quota(70, label="5h"))


def test_text_says_a_quota_is_off_or_its_window_unknown_beside_its_name():
    out = mystatus.render_text(states(), now=NOW_TS, ascii_only=True).splitlines()
    weekly, daily = out.index("Weekly (unavailable)"), out.index("Daily (length unknown)")
    assert out[weekly + 1] == ""  # no bar, no figure: nothing of it is there to show
    assert out[daily + 1].endswith(" 60% remaining")
    zh = mystatus.render_text(states(), now=NOW_TS, catalog=i18n.ZH_HANS).splitlines()
    assert "Weekly（不可用）" in zh and "Daily（时长未知）" in zh
    tw = mystatus.render_text(states(), now=NOW_TS, catalog=i18n.ZH_HANT).splitlines()
    assert "Weekly（無法使用）" in tw and "Daily（時長未知）" in tw
    # The last good figures of a failed account, from the cache, say it too.
    stale = states()
    stale.results[0].error, stale.results[0].as_of = M("boom"), NOW_TS - 60
    out = mystatus.render_text(stale, now=NOW_TS).splitlines()
    assert "    Weekly (unavailable): -" in out and "    Daily (length unknown): 60%" in out


def test_json_has_the_states_as_fields_and_the_label_alone():
    doc = json.loads(mystatus.render_json(states(), now=NOW_TS))
    shown = [(q["label"], q["remaining_percent"], q["unavailable"], q["window_length_unknown"])
             for q in doc["providers"][0]["quotas"]]
    assert shown == [("Weekly", None, True, False), ("Daily", 60, False, True), ("5h", 70, False, False)]


def test_a_quota_switched_off_is_not_the_lowest_figure_of_a_status_bar():
    assert mystatus.render_oneline(states()) == "Zhipu 60%\n"
    assert mystatus.render_oneline(one(quota(label="Weekly", unavailable=True))) == "Zhipu -\n"
    lines = xbar_lines(mystatus.render_xbar(states(), now=NOW_TS))
    assert lines[0] == ("60%", {})
    assert ("Zhipu AI (me@example.com) Weekly: unavailable", {}) in lines
    assert ("Zhipu AI (me@example.com) Daily: 60% · Resets in: 1h", {}) in lines
    doc = check_waybar(mystatus.render_waybar(states(), now=NOW_TS))
    assert (doc["percentage"], doc["class"]) == (60, "ok") and "Weekly (unavailable)" in doc["tooltip"]


def test_prometheus_says_which_quota_is_switched_off():
    fams = families(mystatus.render_prometheus(states(), now=NOW_TS))
    assert [(s["quota"], v) for s, v in samples(fams, "mystatus_quota_unavailable")] == [
        ("Weekly", 1), ("Daily", 0), ("5h", 0)]
    assert [s["quota"] for s, _ in samples(fams, "mystatus_quota_remaining_ratio")] == ["Daily", "5h"]
