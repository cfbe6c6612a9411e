"""--help as a new user reads it: nothing cut inside a platform id, headings
punctuated in the reader's language, the words of the README, every Chinese
region --lang takes."""

import os
import re

import pytest

import i18n
import mystatus
from conftest import ROOT, run_main


@pytest.fixture
def no_locale(tmp_path):
    """An environment without a locale: --help in the language --lang names."""
    return {"HOME": str(tmp_path)}


def help_text(capsys, env, columns, *argv):
    status, out, err = run_main(capsys, "--help", *argv, env=dict(env, COLUMNS=str(columns)))
    assert (status, err) == (0, "")
    return out


@pytest.mark.parametrize("columns", [60, 72, 80, 100, 132])
@pytest.mark.parametrize("lang", ["en", "zh", "zh-TW"])
def test_no_platform_id_is_cut_at_its_hyphen(capsys, no_locale, columns, lang):
    out = help_text(capsys, no_locale, columns, "--lang", lang)
    for provider in mystatus.PROVIDERS:
        assert re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(provider), out), (provider, columns, out)
    # The --only list, joined again, is the list of ids in report order.
    listed = re.search(r"openai(?:,\s*[a-z0-9][a-z0-9-]*)*", out).group(0)
    assert "".join(listed.split()).strip(",") == ",".join(mystatus.PROVIDERS)


@pytest.mark.parametrize("lang, heading", [("zh", "选项："), ("zh-TW", "選項："), ("en", "options:")])
def test_a_heading_ends_with_the_colon_of_its_language(capsys, no_locale, lang, heading):
    lines = help_text(capsys, no_locale, 80, "--lang", lang).splitlines()
    assert heading in lines
    if lang != "en":  # beside 用法：, never a half-width colon ending a Chinese line
        assert lines[0].startswith("用法：")
        assert [line for line in lines if re.search(r"[^\x00-\x7f]:$", line)] == []


def test_traditional_chinese_says_threshold_as_its_readme_does(capsys, no_locale):
    with open(os.path.join(ROOT, "README.zh-TW.md"), encoding="utf-8") as f:
        readme = f.read()
    out = help_text(capsys, no_locale, 80, "--lang", "zh-TW")
    assert "門檻" in readme and "閾值" not in readme
    assert "門檻" in out and "閾值" not in out
    assert [v for v in i18n.ZH_HANT.values() if "閾值" in v] == []


@pytest.mark.parametrize("lang", ["en", "zh", "zh-TW"])
def test_lang_help_names_every_chinese_region_it_takes(capsys, no_locale, lang):
    text = "".join(help_text(capsys, no_locale, 1000, "--lang", lang).split())
    regions = [tag for tag in mystatus.LANGUAGES if re.fullmatch(r"zh-[A-Z]{2}", tag)]
    assert "zh-MO" in regions
    for tag in regions:
        assert tag in text, tag


def test_the_help_fits_the_columns_of_the_environment_main_is_given(capsys, no_locale):
    """argparse reads COLUMNS from the process's environment: main(env=...) says it here."""
    narrow, wide = (help_text(capsys, no_locale, columns).splitlines() for columns in (60, 132))
    assert len(narrow) > len(wide)
    assert 80 < max(len(line) for line in wide) <= 132  # the width given, not a default 80
