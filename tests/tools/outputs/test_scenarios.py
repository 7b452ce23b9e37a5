"""Every generated output a page shows equals a fresh run of the real commands."""

import importlib

import pytest

from tools.outputs import revision_runs
from tools.outputs.scenarios import GENERATED, comparable, on_disk, produce, scenarios
from tools.site import reference
from tools.site.pages import ROOT, includes, pages

SCENARIOS = sorted(scenarios())
# Scenarios whose runs their page's tests reuse (kept per process, and per server on PostgreSQL):
# under `--dist loadgroup` they run on the same worker, so each run happens once.
SHARED_RUNS = {"production-hazards": "production-postgresql", "production-locks": "production-postgresql",
               "production-batched-backfills": "production-batched-backfills",
               "production-where-migrations-run": "production-where-migrations-run",
               "reference-bad-input": "reference-bad-input"}


def pages_showing(name: str) -> list[str]:
    prefix = f"docs/_generated/{name}/"
    return [
        page.relative_to(ROOT).as_posix()
        for page in pages()
        if any(inc.path.startswith(prefix) for inc in includes(page.read_text(encoding="utf-8")))
    ]


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xdist_group(SHARED_RUNS[n])) if n in SHARED_RUNS else n
             for n in SCENARIOS]
)
def test_generated_output_matches_a_fresh_run(name):
    fresh, stored = produce(name), on_disk(name)
    shown_on = ", ".join(pages_showing(name)) or "no page"
    assert sorted(stored) == sorted(fresh), (
        f"docs/_generated/{name}/ holds {sorted(stored)}, a fresh run writes {sorted(fresh)} "
        f"(shown on {shown_on}): run `make snapshots`"
    )
    for file_name, text in fresh.items():
        # Durations measured on this machine (tools.outputs.scenarios.measured) are not compared.
        assert comparable(stored[file_name]) == comparable(text), (
            f"docs/_generated/{name}/{file_name} differs from a fresh run (shown on {shown_on}): "
            "run `make snapshots` and review the diff"
        )


def test_a_scenario_shares_its_worker_group_with_the_page_tests_that_reuse_its_runs():
    """SHARED_RUNS names the same xdist_group as the page's test module: on another worker the
    staleness test would make the shared runs a second time."""
    for name, group in SHARED_RUNS.items():
        section, _, _ = name.partition("-")
        module = importlib.import_module(f"tests.pages.{section}.test_{name.replace('-', '_')}")
        marks = getattr(module, "pytestmark", None)
        assert marks is not None and (marks.name, marks.args) == ("xdist_group", (group,)), (
            f"{module.__name__} is not in the xdist_group {group!r} its scenario's staleness test is in")


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
    used |= set(reference.embedded_outputs(revision_runs.revisions()))  # pages generated at build time
    unused = sorted(
        path.relative_to(ROOT).as_posix()
        for path in GENERATED.rglob("*")
        if path.is_file() and path.relative_to(ROOT).as_posix() not in used
    )
    assert not unused, f"generated but embedded by no page: {unused}"
