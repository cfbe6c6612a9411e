"""The package's summary on an index names what mystatus reads: every platform
of the table, in the description and among the keywords."""

import os
import re

import mystatus
from conftest import ROOT


def project_field(name):
    """A one-line field of [project] in pyproject.toml, read without tomllib
    (Python 3.11+ only); a list spans lines up to its closing bracket."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    project = text.split("[project]", 1)[1].split("\n[", 1)[0]
    match = re.search(r"^%s\s*=\s*(\".*?\"|\[.*?\])" % name, project, re.M | re.S)
    assert match, "pyproject.toml has no %s" % name
    return match.group(1)


def test_the_description_names_every_platform():
    description = project_field("description")
    missing = [p.title for p in mystatus.PLATFORMS
               if p.title not in description and not (p.short and re.search(r"\b%s\b" % re.escape(p.short),
                                                                             description))]
    assert missing == [], "pyproject.toml's description does not name %s" % ", ".join(missing)


def test_the_keywords_name_every_platform():
    keywords = set(re.findall(r'"([^"]*)"', project_field("keywords")))
    missing = [p.id for p in mystatus.PLATFORMS
               if p.id not in keywords and (p.short or p.title).lower() not in keywords]
    assert missing == [], "pyproject.toml's keywords miss %s" % ", ".join(missing)
