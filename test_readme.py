"""The READMEs keep up with the program: every option --help shows is
documented in each language, and the test command they give is the one CI runs."""

import os
import re

from conftest import ROOT, run_main

READMES = ("README.md", "README.zh-CN.md", "README.zh-TW.md")


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return f.read()


def help_options(capsys, tmp_path):
    """The long options `mystatus --help` prints (hidden ones are not shown, so not asked for)."""
    # No locale: in English.  Wide enough that argparse never wraps, so no option is cut at a hyphen.
    status, out, _ = run_main(capsys, "--help", env={"HOME": str(tmp_path), "COLUMNS": "1000"})
    assert status == 0
    # --help is argparse's own, the same in every program; the READMEs need not list it.
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]", out)) - {"--help"}


def code_lines(text):
    """Command lines shown as code: indented four spaces or inside ``` fences."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced or line.startswith("    "):
            lines.append(line.strip())
    return lines


def test_every_help_option_is_in_every_readme(capsys, tmp_path):
    options = help_options(capsys, tmp_path)
    assert {"--json", "--lang", "--only", "--install-opencode-command"} <= options  # the parse found them
    for name in READMES:
        text = read(name)
        missing = sorted(o for o in options if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), text))
        assert missing == [], "%s does not mention %s" % (name, ", ".join(missing))


def readme_test_command(name):
    """The one command in a README that runs the tests (a code line calling pytest)."""
    commands = {line for line in code_lines(read(name)) if "pytest" in line}
    assert len(commands) == 1, "%s: expected one test command, found %r" % (name, sorted(commands))
    return commands.pop()


def test_the_chinese_readmes_give_the_english_test_command():
    english = readme_test_command("README.md")
    assert readme_test_command("README.zh-CN.md") == english
    assert english in read("README.zh-TW.md")


def test_ci_runs_the_readme_test_command():
    command = readme_test_command("README.md")
    ci = [line.strip() for line in read(os.path.join(".ci", "run")).splitlines()
          if not line.lstrip().startswith("#")]
    assert command in ci, ".ci/run does not run the README's test command %r" % command


def sections(name):
    """The README's sections outside code blocks: (heading level, the options
    and variables the section names).  --lang aside: a Chinese README shows
    its samples with --lang zh."""
    found, fenced = [], False
    for line in read(name).splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.append((line.split()[0], set()))
        elif found:
            found[-1][1].update(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b",
                                           line))
    return [(level, names - {"--lang"}) for level, names in found]


def test_the_three_readmes_agree_section_by_section():
    english = sections("README.md")
    assert len(english) > 10
    for name in READMES[1:]:
        other = sections(name)
        assert [level for level, _ in other] == [level for level, _ in english], name
        for number, ((_, theirs), (_, ours)) in enumerate(zip(other, english)):
            assert theirs == ours, "%s, section %d: %s" % (name, number + 1, sorted(theirs ^ ours))


def test_the_readmes_give_commands_that_work_on_a_pep_668_system():
    for name in READMES:
        lines = code_lines(read(name))
        # bench.py uses the tests' server, which needs pytest: the venv's Python, not the system's.
        assert ".venv/bin/python bench.py" in read(name) and "python3 bench.py" not in read(name), name
        # The status bar recipes call a bare `mystatus`: how to get one where pip refuses.
        assert "pipx install ." in lines, name


ID_TABLE = "<!-- One row per platform, in report order: test_readme.py checks them against the platform table. -->"


def id_table(name):
    """The rows of the README's table of provider ids, as (platform, ids, variables):
    the names in backquotes of each cell."""
    lines = read(name).splitlines()
    assert lines.count(ID_TABLE) == 1, name
    start = lines.index(ID_TABLE) + 3  # the marker, the header, the rule
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append((cells[0], *(re.findall(r"`([^`]+)`", cell) for cell in cells[1:3])))
    return rows


def test_the_readmes_list_every_provider_id_and_variable_each_platform_reads():
    """Each README's table of provider ids is the platform table's: a row per
    platform in report order, its auth keys and its variables in the order read."""
    import mystatus
    expected = [(list(p.auth_keys), list(p.env_keys)) for p in mystatus.PLATFORMS]
    for name in READMES:
        rows = id_table(name)
        assert [(ids, variables) for _, ids, variables in rows] == expected, name
    assert [title for title, _, _ in id_table("README.md")] == [p.title for p in mystatus.PLATFORMS]


def test_the_readmes_give_every_endpoint_override_with_its_default():
    import mystatus
    for name in READMES:
        text = read(name)
        missing = [variable for variable, url in mystatus.DEFAULT_URLS.items()
                   if not re.search(r"\| `%s` \| `%s`" % (re.escape(variable), re.escape(url)), text)]
        assert missing == [], "%s: %s" % (name, ", ".join(missing))
