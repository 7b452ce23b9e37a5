"""Every snippet include on every page resolves, by named section."""

from pathlib import Path

import pytest

from tools.site.pages import (
    ROOT,
    Include,
    include_problem,
    include_problems,
    includes,
    pages,
)


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_include_resolves(page: Path):
    problems = include_problems(page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("include", "expected"),
    [
        (Include(1, "migrations/versions/0001_create_users.py", "upgrade"), None),
        (Include(1, "migrations/versions/0001_create_users.py", "sideways"), "no `--8<-- [start:sideways]` marker"),
        (Include(1, "migrations/versions/9999_missing.py", "upgrade"), "does not exist"),
        (Include(1, "migrations/versions/0001_create_users.py", None), "embed a named section"),
        (Include(1, "migrations/versions/0001_create_users.py", "19:27"), "by line numbers"),
        (Include(1, "docs/_generated/tutorial-first-migration/12-history.txt", None), None),
    ],
    ids=["good", "missing-section", "missing-file", "whole-source-file", "line-numbers", "generated-file"],
)
def test_include_problems_are_explained(include, expected):
    problem = include_problem(include)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_escaped_include_is_not_an_include():
    """`;--8<--` shows the syntax literally; it embeds nothing."""
    assert includes(';--8<-- "nowhere.py:nothing"\n--8<-- "a.py:b"') == [Include(2, "a.py", "b")]
