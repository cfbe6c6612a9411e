"""The module docstring's "Adding a platform" is the whole of it: Acme Code, a
platform of no one's, added to a copy of the project exactly as it says, works,
and passes every test that could know the list of platforms.

A test that writes today's platforms out ("the last four are ...", the
--only choices, the nothing-configured text) would fail for any new platform
although nothing is wrong with it; a rule every platform must keep (the
READMEs' tables, pyproject.toml, a short name) that the docstring does not
name would fail too.  Either is found here, when the docstring or the test is
written, not by the next person adding a platform."""

import ast
import os
import re
import shutil
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT


# The recipe ###################################################################

# Its block, key-based as the docstring describes one: a pure parser and its
# row.  Its label is a message of its own, so the catalogs need entries too;
# its title is longer than seven characters, so it needs a short name.
ACME_BLOCK = '''
# Platform: Acme Code ##########################################################
#
# A platform of no one's: the one test_adding_a_platform.py adds.


def parse_acme(payload: "typing.Any", endpoint: "str | None" = None, now: "float | None" = None) -> Result:
    left = _num(_obj(payload, "usage answer").get("left"))
    if left is None:
        raise MystatusError(M("unexpected answer: no quota in it"))
    return Result(provider="acme", quotas=[Quota(id="daily", label=M("Acme daily credits"), remaining_percent=left,
                                                 unit="percent", window_seconds=86400)])


ACME = Platform(id="acme", title="Acme Code", short="Acme", auth_keys=("acme-code",), parse=parse_acme,
                env_keys=("ACME_API_KEY",), urls={"MYSTATUS_ACME_URL": "https://api.acme.invalid/v1/usage"})


'''
# The row's fields the block sets: each is a field the docstring tells of.
ACME_FIELDS = ("parse", "urls", "auth_keys", "short", "env_keys")

ACME_PAYLOADS = '''

# Acme Code (test_adding_a_platform.py's) ######################################

ACME_KEY = "ac-0123456789abcdefACMEKEY"
ACME_USAGE = {"left": 42}
'''

# Its own tests, as a test_<platform>.py would have them: in process, against
# the fixture server.
ACME_TESTS = '''"""Acme Code, the platform test_adding_a_platform.py adds."""

import json

import mystatus
from conftest import ROOT, Reply, run_main
from payloads import ACME_KEY, ACME_USAGE

USAGE = "/mystatus_acme_url"  # conftest.PATHS's route of an endpoint it has no name for


def test_this_is_the_copy_with_acme_in_it():
    assert mystatus.__file__.startswith(ROOT) and mystatus.PLATFORM["acme"] is mystatus.ACME


def test_its_key_is_sent_and_its_answer_read(home, server, capsys):
    home.auth({"acme-code": {"type": "api", "key": ACME_KEY}})
    server.route(USAGE, Reply(ACME_USAGE))
    status, out, err = run_main(capsys, "--json", "--only", "acme")
    (entry,) = json.loads(out)["providers"]
    assert (status, err) == (0, "")
    assert (entry["provider"], entry["account"], entry["quotas"][0]["remaining_percent"]) == \\
        ("acme", "ac-0****EKEY", 42)
    (request,) = server.hits(USAGE)
    assert request.method == "GET" and request.header("Authorization") == "Bearer " + ACME_KEY
    status, out, _ = run_main(capsys)
    assert status == 0 and "## Acme Code account quota" in out and "Acme daily credits" in out
    _, out, _ = run_main(capsys, "--lang", "zh")
    assert "Acme 每日额度" in out
    _, out, _ = run_main(capsys, "--oneline")
    assert out == "Acme 42%\\n"


def test_its_variable_is_read_and_an_echoed_key_hidden(home, server, capsys):
    home.environ["ACME_API_KEY"] = ACME_KEY
    server.route(USAGE, Reply({"message": "bad key " + ACME_KEY}, status=401))
    status, out, _ = run_main(capsys)
    assert status == 1 and "- Acme Code (ac-0****EKEY): HTTP 401: bad key ****" in out.splitlines()


def test_where_its_credentials_are_read_is_told(home, capsys):
    status, out, _ = run_main(capsys, "--only", "acme")
    lines = out.splitlines()
    assert status == 4 and lines[0] == "Not configured: Acme Code. mystatus reads:"
    assert lines[1].split() == ["Acme", "Code", "auth.json,", "opencode.db,", "opencode.json,", "ACME_API_KEY"]
'''


def acme_place():
    """Where Acme Code goes in report order: before the last platform, not
    after it, as a platform goes wherever it belongs; so a test that takes
    today's last platforms for all of them, or the last for the end of the
    list, is found."""
    return len(mystatus.PLATFORMS) - 1


def add_the_block_and_the_row(text):
    """The block just before the platform table, the row in PLATFORMS."""
    table = text.index("# Platform table ####")
    text = text[:table] + ACME_BLOCK.lstrip("\n") + text[table:]
    match = re.search(r"^PLATFORMS = \(([^)]*)\)", text, re.M)
    rows = [row.strip() for row in match.group(1).split(",")]
    assert len(rows) == len(mystatus.PLATFORMS)
    rows.insert(acme_place(), "ACME")
    return text[:match.start(1)] + ", ".join(rows) + text[match.end(1):]


def add_the_catalog_entries(text):
    """Its message first in each catalog, so both keep one order."""
    for catalog, words in (("ZH_HANS", "Acme 每日额度"), ("ZH_HANT", "Acme 每日額度")):
        opening = "%s = {\n" % catalog
        assert text.count(opening) == 1, catalog
        text = text.replace(opening, '%s    "Acme daily credits": "%s",\n' % (opening, words))
    return text


def add_the_readme_rows(text):
    """Its row in the table of provider ids, where report order puts it, and
    its override variable with its default in the table of endpoints."""
    lines = text.split("\n")
    rows = lines.index(next(line for line in lines if line.startswith("<!-- One row per platform"))) + 3
    lines.insert(rows + acme_place(), "| Acme Code | `acme-code` | `ACME_API_KEY` |")
    last = max(number for number, line in enumerate(lines) if re.match(r"\| `MYSTATUS_\w+_URL` \|", line))
    lines.insert(last + 1, "| `MYSTATUS_ACME_URL` | `https://api.acme.invalid/v1/usage` |")
    return "\n".join(lines)


def add_to_the_package_summary(text):
    text, described = re.subn(r'^(description = ".*?)"', r'\1, Acme Code"', text, count=1, flags=re.M)
    text, keyworded = re.subn(r'^(keywords = \[)', r'\1"acme", ', text, count=1, flags=re.M)
    assert described == keyworded == 1
    return text


# Each file the recipe changes or adds, and how.
RECIPE = {
    "mystatus.py": add_the_block_and_the_row,
    "i18n.py": add_the_catalog_entries,
    "payloads.py": lambda text: text + ACME_PAYLOADS,
    "test_acme.py": lambda text: ACME_TESTS,
    "README.md": add_the_readme_rows,
    "README.zh-CN.md": add_the_readme_rows,
    "README.zh-TW.md": add_the_readme_rows,
    "pyproject.toml": add_to_the_package_summary,
}


def docstring_section():
    """The module docstring's "Adding a platform", up to its end."""
    section = mystatus.__doc__.split("\nAdding a platform\n", 1)[1]
    assert len(section) > 500
    return section


def test_the_docstring_names_every_file_and_field_the_recipe_needs():
    section = " ".join(docstring_section().split())
    # This module's own edit is its block (the row ends it) and its entry in
    # the table; the test file's name is the platform's.
    shown = {"mystatus.py": "# Platform: Name ####", "test_acme.py": "test_<platform>.py"}
    named = {name: shown.get(name, name) for name in RECIPE}
    assert [name for name, words in named.items() if words not in section] == []
    assert [field for field in ACME_FIELDS if "`%s`" % field not in section] == []
    assert "PLATFORMS" in section and "seven characters" in section


# Which tests could know the platforms #########################################

# How a test reaches the platform table.
TABLE = {"PLATFORMS", "PROVIDERS", "PLATFORM", "DEFAULT_URLS", "ALIASES"}
# Calls that take the whole of what they are given.
WHOLE = {"set", "list", "tuple", "sorted", "dict", "len", "join"}

# The rules of the module that a new platform's words and messages meet: no
# other section may use them (a word of its title that is English would be
# found everywhere), and both catalogs translate them.  By name, in whichever
# test module holds them.  (The rules of its code's form, top-down reading and
# annotations, hold for the block this test writes, whatever the docstring says.)
MODULE_RULES = {
    "test_no_section_outside_the_platform_blocks_names_a_platform",
    "test_catalogs_translate_every_message_with_the_same_placeholders",
}


class Words:
    """Today's platforms' ids, titles and short names, and the platform each names."""

    def __init__(self):
        self.platform = {word: p.id for p in mystatus.PLATFORMS for word in (p.id, p.title, p.short) if word}
        # The longest first: "OpenCode Go" is found whole, not as "Go".
        self.pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(
            sorted(map(re.escape, self.platform), key=len, reverse=True)))


def names_platforms(node, words):
    """How many platforms one literal names: a string, or a list, tuple, set
    or dict of them (a test's expectation written out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        strings = [node.value]
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        items = node.keys + node.values if isinstance(node, ast.Dict) else node.elts
        strings = [item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    else:
        return 0
    return len({words.platform[word] for text in strings for word in words.pattern.findall(text)})


def reads_the_table(node):
    """Whether an expression holds one of the table's names (mystatus.X)."""
    return any(isinstance(n, ast.Attribute) and n.attr in TABLE and isinstance(n.value, ast.Name)
               and n.value.id == "mystatus" for n in ast.walk(node))


def goes_over_the_table(node):
    """Whether a node takes the table whole, or a slice of it: a loop over
    it, a set, list, join or length of it, a comparison with it.  Not one row
    looked up (PLATFORM["kimi"]) nor the table handed on to code that takes
    any id (a strategy drawing ids, a cache of every platform)."""
    if isinstance(node, (ast.For, ast.comprehension)):
        return reads_the_table(node.iter)
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        return name in WHOLE and any(reads_the_table(arg) for arg in node.args)
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Slice) and reads_the_table(node.value)
    if isinstance(node, ast.Compare):
        return any(reads_the_table(side) and not isinstance(side, ast.Subscript)
                   for side in [node.left] + node.comparators)
    return False


def knows_platforms(node, suspects, words):
    """Whether code goes over the platform table, uses a name that does, or
    writes out three platforms or more in one literal."""
    for child in ast.walk(node):
        if goes_over_the_table(child):
            return True
        if (isinstance(child, ast.Name) and child.id in suspects) or (isinstance(child, ast.arg)
                                                                     and child.arg in suspects):
            return True  # an argument: a fixture of that name
        if names_platforms(child, words) >= 3:
            return True
    return False


def suspects(tree, known, words):
    """The module-level names of a module (constants, helpers, fixtures) that
    know the platforms, given the names `known` to, until no more are found."""
    found = set(known)
    while True:
        more = set()
        for node in tree.body:
            if isinstance(node, ast.Assign):
                pairs = []
                for target in node.targets:  # A, B = x, y: each name by its own value
                    if (isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                            and len(target.elts) == len(node.value.elts)):
                        pairs += zip(target.elts, node.value.elts)
                    else:
                        pairs.append((target, node.value))
                for target, value in pairs:
                    if knows_platforms(value, found, words):
                        more |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
            elif isinstance(node, ast.FunctionDef) and not node.name.startswith("test_"):
                if knows_platforms(node, found, words):
                    more.add(node.name)
        if more <= found:
            return found
        found |= more


def parse(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return ast.parse(f.read())


def platform_aware_tests(folder):
    """The test functions of the test modules in `folder` (this one aside)
    that could depend on which platforms there are, and the module's rules,
    as pytest node ids."""
    words = Words()
    shared = suspects(parse(folder, "payloads.py"), set(), words)
    chosen = []
    for name in sorted(os.listdir(folder)):
        if not re.fullmatch(r"test_\w+\.py", name) or name in (os.path.basename(__file__), "test_acme.py"):
            continue
        tree = parse(folder, name)
        # payloads.py's names as this module imports them (a module's own
        # constant of the same name is another thing).
        imported = {alias.asname or alias.name for node in tree.body
                    if isinstance(node, ast.ImportFrom) and node.module == "payloads" for alias in node.names}
        local = suspects(tree, shared & imported, words)
        chosen += [name + "::" + node.name for node in tree.body
                   if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
                   and (node.name in MODULE_RULES or knows_platforms(node, local, words))]
    missing = MODULE_RULES - {test.split("::")[1] for test in chosen}
    assert not missing, "no test module has %s: renamed?" % ", ".join(sorted(missing))
    return chosen


# The run ######################################################################


def copy_with_acme(folder):
    """The project (its modules, tests, READMEs, pyproject.toml, CI script)
    copied to `folder`, then the recipe applied."""
    for name in os.listdir(ROOT):
        source = os.path.join(ROOT, name)
        if name == ".ci":
            shutil.copytree(source, os.path.join(folder, name), ignore=shutil.ignore_patterns("node", ".venv*"))
        elif os.path.isfile(source) and (name.endswith((".py", ".md", ".toml")) or name == "LICENSE"):
            shutil.copy(source, os.path.join(folder, name))
    for name, change in RECIPE.items():
        path = os.path.join(folder, name)
        old = ""
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        new = change(old)
        assert new != old, name
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)


@pytest.mark.long
def test_a_platform_added_as_the_docstring_says_passes_every_test_that_knows_the_platforms(tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    copy_with_acme(str(copy))
    chosen = platform_aware_tests(str(copy))
    # One of each kind: a rule every platform keeps, the table read, today's
    # platforms written out in one string, in a list of payloads.py, in a tuple.
    assert {"test_report_width.py::test_every_platform_has_a_short_name_for_the_status_bar",
            "test_help.py::test_no_platform_id_is_cut_at_its_hyphen",
            "test_cli_output.py::test_usage_errors_in_chinese",
            "test_mystatus.py::test_nothing_configured_names_the_platforms_and_files",
            "test_key_platforms.py::test_sections_come_after_copilot_in_this_order",
            "test_readme.py::test_the_readmes_list_every_provider_id_and_variable_each_platform_reads"} <= set(chosen)
    # ...and not every test: a platform's own tests name it, not the list, and
    # a property test draws ids from the table whatever they are.
    assert "test_zhipu.py::test_zhipu_report_sends_the_raw_key_and_shows_it_masked" not in chosen
    assert "test_hostile.py::test_renderers_never_raise" not in chosen and len(chosen) < 100
    # The copy's conftest puts the copy first on sys.path; nothing of this
    # run's pytest (its worker's variables) reaches that one.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}

    def run(*options):
        # Its temporary folders in this test's, not among every session's in
        # the system's temporary folder (whose old ones each session ending
        # there deletes).
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                               "--basetemp", str(tmp_path / "tmp")] + list(options) + ["test_acme.py"] + chosen,
                              cwd=str(copy), env=env, capture_output=True, text=True, timeout=300)

    # Plain asserts: rewriting the copy's twenty test modules (no bytecode of
    # them is kept) was a sixth of the run's CPU, for messages a passing run
    # never shows.  A run that fails is made again with them, for the account
    # of what failed.
    done = run("--assert=plain")
    told = done if done.returncode == 0 else run()
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, told.stdout[-6000:] + told.stderr[-2000:]
    assert re.search(r"\b\d{2,} passed\b", summary) and "failed" not in summary, summary
