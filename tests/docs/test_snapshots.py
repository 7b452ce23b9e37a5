"""Every generated output a page shows equals a fresh run of the real commands."""

import pytest

from tools.pages import ROOT, includes, pages
from tools.snapshots import GENERATED, comparable, on_disk, produce, scenarios

SCENARIOS = sorted(scenarios())


def pages_showing(name: str) -> list[str]:
    prefix = f"docs/_generated/{name}/"
    return [
        page.relative_to(ROOT).as_posix()
        for page in pages()
        if any(inc.path.startswith(prefix) for inc in includes(page.read_text(encoding="utf-8")))
    ]


@pytest.mark.parametrize("name", SCENARIOS)
def test_generated_output_matches_a_fresh_run(name):
    fresh, stored = produce(name), on_disk(name)
    shown_on = ", ".join(pages_showing(name)) or "no page"
    assert sorted(stored) == sorted(fresh), (
        f"docs/_generated/{name}/ holds {sorted(stored)}, a fresh run writes {sorted(fresh)} "
        f"(shown on {shown_on}): run `make snapshots`"
    )
    for file_name, text in fresh.items():
        assert comparable(file_name, stored[file_name]) == comparable(file_name, text), (
            f"docs/_generated/{name}/{file_name} differs from a fresh run (shown on {shown_on}): "
            "run `make snapshots` and review the diff"
        )


def test_every_generated_folder_belongs_to_a_scenario():
    """Nobody can hand-write an 'output': each folder is written by a scenario."""
    folders = sorted(p.name for p in GENERATED.iterdir() if p.is_dir())
    assert [f for f in folders if f not in SCENARIOS] == []
    assert not [p.name for p in GENERATED.iterdir() if p.is_file()]


def test_every_generated_file_is_shown_somewhere():
    used = {
        inc.path
        for page in pages()
        for inc in includes(page.read_text(encoding="utf-8"))
        if inc.path.startswith("docs/_generated/")
    }
    unused = sorted(
        path.relative_to(ROOT).as_posix()
        for path in GENERATED.rglob("*")
        if path.is_file() and path.relative_to(ROOT).as_posix() not in used
    )
    assert not unused, f"generated but embedded by no page: {unused}"
