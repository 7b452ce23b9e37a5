"""The doc-test runner: every pycon block on a page runs and prints what the page shows."""

from pathlib import Path

import pytest

from tools.site.pages import ROOT, blocks, pages, run_pycon_blocks

PAGES_WITH_PYCON = [p for p in pages() if any(b.lang == "pycon" for b in blocks(p))]


@pytest.mark.parametrize("page", PAGES_WITH_PYCON, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_pycon_blocks_give_what_the_page_shows(page: Path):
    failures = run_pycon_blocks(page)
    assert not failures, "\n".join(failures)


def test_runner_reports_a_wrong_output_with_page_and_line():
    page = ROOT / "docs" / "example.md"
    text = "Intro.\n\n```pycon\n>>> 6 * 7\n41\n```\n"
    (failure,) = run_pycon_blocks(page, text)
    assert failure.startswith("docs/example.md:3: a pycon block does not give what the page shows")
    assert "Expected:\n    41\nGot:\n    42" in failure


def test_runner_shares_one_namespace_per_page_and_a_fresh_database():
    """Blocks run in order like a reader's session; HANDBOOK_DATABASE_URL points at a temp file."""
    page = ROOT / "docs" / "example.md"
    text = (
        "```pycon\n>>> import os\n>>> total = 40\n```\n\n"
        "```pycon\n>>> total + 2\n42\n>>> os.environ['HANDBOOK_DATABASE_URL'].endswith('/handbook.db')\nTrue\n```\n"
    )
    assert run_pycon_blocks(page, text) == []
