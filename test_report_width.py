"""How wide the report is where width is scarce: the --oneline summary of a
status bar, and the bars of a narrow terminal."""

import re

import mystatus

M = mystatus.M
# Eight platforms answering at once, with a usual spread of figures (one fresh
# window at 100 %, one with a decimal).  Claude is not among them: with it too
# the line is 110 characters.
EIGHT = {"openai": 77, "zhipuai": 90, "zai": 100, "google": 10, "copilot": 23.7, "opencode-go": 64,
         "kimi": 25, "minimax": 40}


def answered(provider, remaining):
    return mystatus.Result(provider=provider, quotas=[mystatus.Quota(label=M("Usage limit"),
                                                                     remaining_percent=remaining)])


# --oneline ####################################################################


def test_oneline_with_eight_platforms_answering_stays_under_100_characters():
    report = mystatus.Report(results=[answered(p, figure) for p, figure in EIGHT.items()])
    line = mystatus.render_oneline(report)
    assert line == ("OpenAI 77% · Zhipu 90% · Z.ai 100% · Google 10% · Copilot 23.7% · Go 64% · Kimi 25% "
                    "· MiniMax 40%\n")
    assert len(line.rstrip("\n")) < 100
    ascii_line = mystatus.render_oneline(report, ascii_only=True)
    assert len(ascii_line.rstrip("\n")) < 100


def test_every_platform_has_a_short_name_for_the_status_bar():
    # A status bar holds about a hundred characters: every platform, those to
    # come too, gets a name of at most seven for it.
    long_ones = [p.id for p in mystatus.PLATFORMS if len(p.short or p.title) > 7]
    assert long_ones == []


# Bars on a narrow terminal ####################################################

NOW = 1795348800  # 2026-11-22 12:00 UTC


def bars(text):
    return [len(run) for run in re.findall("[█░]+", text)]


def test_bars_in_one_report_share_one_width_at_40_columns():
    # 100 %, 5 % and 99.6 % leave 15, 13 and 16 columns of text after the bar:
    # fitted each to its own, the bars were 25, 27 and 24 cells.
    report = mystatus.Report(results=[
        mystatus.Result(provider="openai", quotas=[
            mystatus.Quota(label=M("Usage limit"), remaining_percent=100),
            mystatus.Quota(label=M("Weekly limit"), remaining_percent=5)]),
        mystatus.Result(provider="kimi", quotas=[mystatus.Quota(label=M("Usage limit"), remaining_percent=99.56)])])
    for catalog in ({}, mystatus.load_catalog("zh", {})[1]):
        text = mystatus.render_text(report, now=NOW, width=40, catalog=catalog)
        assert len(bars(text)) == 3 and len(set(bars(text))) == 1, text
        assert max(mystatus._width(line) for line in text.splitlines()) <= 40
    assert bars(mystatus.render_text(report, now=NOW, width=40)) == [24] * 3
    assert bars(mystatus.render_text(report, now=NOW)) == [30] * 3  # in a pipe, as ever


def test_the_google_tables_of_two_accounts_share_their_columns():
    def account(email, label):
        return mystatus.Result(provider="google", account=email, quotas=[
            mystatus.Quota(label=label, remaining_percent=50, resets_at=NOW + 3600)])

    report = mystatus.Report(results=[account("a@example.com", "G3 Pro"),
                                      account("b@example.com", "Gemini 2.5 Flash Thinking")])
    for width in (None, 44, 60):
        text = mystatus.render_text(report, now=NOW, width=width)
        rows = [line for line in text.splitlines() if "█" in line]
        assert len(set(bars(text))) == 1 and len({row.index("1h") for row in rows}) == 1, text
