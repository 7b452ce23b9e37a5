"""Upgrade → downgrade → upgrade keeps every row Hypothesis generates, on SQLite and PostgreSQL.

For each reversible revision, rows are generated for the tables of the revision
before it (unicode, NULLs, values at their maximum length, duplicates where no
constraint forbids them; tools/outputs/round_trips.py), then the revision goes up, down
and up again. The downgrade gives back every row (equal checksums per table) and
the schema; the second upgrade gives the rows the first one did. The irreversible
revision refuses its downgrade and changes nothing. The number of rows each check
generates is the figure on the Guarantees page, and each test checks it generated
exactly that many.
"""

from pathlib import Path

import pytest

from tools.outputs.round_trips import (
    IRREVERSIBLE,
    generated_rows,
    irreversible_refusal,
    read_rows_figures,
    reversible_revisions,
    round_trip,
)

ROOT = Path(__file__).resolve().parents[2]
FIGURES = read_rows_figures((ROOT / "docs" / "_generated" / "reference-guarantees" / "round-trip-rows.md").read_text())
ENGINES = ("sqlite", "postgresql")


@pytest.mark.parametrize("revision", reversible_revisions())
@pytest.mark.parametrize("engine_name", ENGINES)
def test_round_trip_keeps_every_generated_row(engine_name, revision, generated_rows_chain):
    """Generated rows survive upgrade → downgrade → upgrade of this revision, row for row."""
    rows = generated_rows(round_trip, generated_rows_chain(engine_name), revision)
    assert rows == FIGURES[engine_name][revision], "the Guarantees page's figure is stale: run `make snapshots`"


@pytest.mark.parametrize("revision", IRREVERSIBLE)
@pytest.mark.parametrize("engine_name", ENGINES)
def test_irreversible_revision_refuses_its_downgrade_with_generated_rows(engine_name, revision, generated_rows_chain):
    """With generated rows at the irreversible revision, its downgrade refuses and nothing changes."""
    rows = generated_rows(irreversible_refusal, generated_rows_chain(engine_name), revision)
    assert rows == FIGURES[engine_name][revision], "the Guarantees page's figure is stale: run `make snapshots`"
