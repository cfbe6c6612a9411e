"""How wide the report is where width is scarce: the --oneline summary of a
status bar, and the bars of a narrow terminal."""

import mystatus

M = mystatus.M
# The eight platforms of version 1.1, each answering, with a usual spread of
# figures (one fresh window at 100 %, one with a decimal).
EIGHT = {"openai": 77, "zhipuai": 90, "zai": 100, "google": 10, "copilot": 23.7, "opencode-go": 64,
         "kimi": 25, "minimax": 40}


def answered(provider, remaining):
    return mystatus.Result(provider=provider, quotas=[mystatus.Quota(label=M("Usage limit"),
                                                                     remaining_percent=remaining)])


# --oneline ####################################################################


def test_oneline_with_the_eight_platforms_stays_under_100_characters():
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
