"""Round trips with generated rows: upgrade → downgrade → upgrade keeps every row.

Hypothesis generates the rows a database holds at the revision before each
reversible one: users, events, sign-ups and venues, with unicode text, NULLs where
a column allows them, values at their declared maximum length, and duplicates
wherever no constraint forbids them (display names, event names, locations).
The rows respect what the chain guarantees at that revision (venues are filled
by 0009, so before it there are none; from 0009 on an event's location is its
venue's name), because a downgrade may rely on those facts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from alembic.util import CommandError
from hypothesis import given, settings, strategies as st

from tools.outputs.chain_states import SeededChain, columns_in_any_order, database_state, downgrade, previous, revisions, upgrade

IRREVERSIBLE = ("0004",)
# Small but real: each example migrates a database three times.
# Derandomized: every run generates the same rows, so the Guarantees page can count them.
SETTINGS = settings(max_examples=4, deadline=None, database=None, derandomize=True)

# Unicode of every kind but surrogates and NUL (PostgreSQL text cannot hold NUL).
TEXT = st.characters(codec="utf-8", exclude_characters="\x00")


@cache  # built once per size, for the reason DESCRIPTION is
def text(max_size: int) -> st.SearchStrategy[str]:
    """Any text up to `max_size` characters, with the boundary itself drawn often."""
    return st.one_of(st.text(TEXT, min_size=1, max_size=max_size), st.text(TEXT, min_size=max_size, max_size=max_size))


def reversible_revisions() -> list[str]:
    """Revisions whose round trip can keep rows: reversible, and with tables before them
    (below the first revision there is nothing to keep)."""
    return [r for r in revisions() if r not in IRREVERSIBLE and previous(r) is not None]


# Built once: strategies are validated on first use, which costs more than drawing from them.
DESCRIPTION = st.one_of(st.none(), st.text(TEXT, max_size=300))


@st.composite
def worlds(draw) -> dict:
    """Rows for every table of the chain, in a shape each revision's tables take a part of."""
    user_count = draw(st.integers(1, 4))
    names = draw(st.lists(text(100), min_size=1, max_size=3))  # few names: duplicates are likely
    users = [
        {
            "id": n,
            "email": f"{n}.{draw(text(40))}",  # unique by its prefix, any unicode after it
            "display_name": draw(st.sampled_from(names)),
        }
        for n in range(1, user_count + 1)
    ]
    locations = draw(st.lists(text(200), min_size=1, max_size=3, unique=True))
    titles = draw(st.lists(text(200), min_size=1, max_size=3))
    first_start = draw(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2999, 1, 1)))
    events = []
    for n in range(1, draw(st.integers(0, 5)) + 1):
        events.append({
            "id": n,
            "owner_id": draw(st.integers(1, user_count)),
            "title": draw(st.sampled_from(titles)),
            # A distinct start per event: (owner, name, start) is unique from 0011 on.
            "starts_at": first_start + timedelta(days=n),
            "location": draw(st.one_of(st.none(), st.sampled_from(locations))),
            "description": draw(DESCRIPTION),
            "capacity": draw(st.integers(1, 2**31 - 1)),
        })
    pairs = draw(st.lists(st.tuples(st.integers(1, max(len(events), 1)), st.integers(1, user_count)), unique=True, max_size=6))
    attendees = [{"event_id": e, "user_id": u} for e, u in pairs if events]
    return {"users": users, "events": events, "event_attendees": attendees}


@dataclass(frozen=True)
class Shape:
    """The tables a database has at one revision: their columns, and whether events link
    to venues yet (0009 on)."""

    columns: dict[str, set[str]]
    linked: bool


def shape_of(engine: sa.Engine) -> Shape:
    inspector = sa.inspect(engine)
    columns = {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    return Shape(columns, _revision_at_least(engine, "0009"))


def rows_for(world: dict, shape: Shape) -> dict[str, list[dict]]:
    """`world`'s rows in the shape the tables take at `shape`, per table it has, in insertion order."""
    columns = shape.columns
    rows = {table: [dict(row) for row in world.get(table, [])] for table in ("users", "events", "event_attendees")}
    venues: list[dict] = []
    if "events" in columns:
        for event in rows["events"]:
            if "name" in columns["events"]:
                event["name"] = event.pop("title")
        if "venue_id" in columns["events"] and "location" in columns["events"] and "venues" in columns:
            names = sorted({e["location"] for e in rows["events"] if e["location"] is not None})
            venues = [{"id": n, "name": name} for n, name in enumerate(names, start=1)] if shape.linked else []
            by_name = {v["name"]: v["id"] for v in venues}
            for event in rows["events"]:
                event["venue_id"] = by_name.get(event["location"])
        elif "venue_id" in columns["events"]:  # 0010 on: the venue is all that is left of a location
            names = sorted({e["location"] for e in rows["events"] if e["location"] is not None})
            venues = [{"id": n, "name": name} for n, name in enumerate(names, start=1)]
            by_name = {v["name"]: v["id"] for v in venues}
            for event in rows["events"]:
                event["venue_id"] = by_name.get(event.pop("location"))
    rows["venues"] = venues
    return {
        table: [{k: v for k, v in row.items() if k in columns[table]} for row in rows[table]]
        for table in ("users", "venues", "events", "event_attendees")
        if table in columns and rows[table]
    }


def insert_world(url: str, world: dict) -> int:
    """Insert `world` into the tables the database at `url` has, in the shape they have there:
    the rows inserted."""
    engine = sa.create_engine(url)
    try:
        rows = rows_for(world, shape_of(engine))
        with engine.begin() as connection:
            for table, kept in rows.items():
                connection.execute(sa.table(table, *[sa.column(c) for c in kept[0]]).insert(), kept)
        return sum(len(kept) for kept in rows.values())
    finally:
        engine.dispose()


def _revision_at_least(engine: sa.Engine, revision: str) -> bool:
    with engine.connect() as connection:
        current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return current is not None and current >= revision


def round_trip(chain: SeededChain, revision: str, world: dict) -> int:
    """Rows generated at the revision before `revision`, then upgrade, downgrade, upgrade:
    the downgrade gives back every row (equal checksums), the second upgrade the same rows
    as the first. Returns the rows generated; raises AssertionError naming what changed."""
    before = previous(revision)
    url = chain.database_at(before)
    reader = sa.create_engine(url)  # one engine reads each state of this copy: compiled once
    try:
        inserted = insert_world(url, world)
        start = database_state(url, reader)
        upgrade(url, revision)
        first = database_state(url, reader)
        downgrade(url, before or "base")
        back = database_state(url, reader)
        # Column order is compared only where the engine can restore it (SQLite's batch rebuild).
        same = (back.schema == start.schema if chain.engine_name == "sqlite"
                else columns_in_any_order(back.schema) == columns_in_any_order(start.schema))
        assert same, f"downgrade of {revision} did not restore the schema"
        assert back.checksums() == start.checksums(), f"downgrade of {revision} changed rows: {_changed(start, back)}"
        upgrade(url, revision)
        again = database_state(url, reader)
        assert again.rows_without_drawn_keys == first.rows_without_drawn_keys, (
            f"upgrading {revision} again gave other rows: {_changed(first, again)}"
        )
        return inserted
    finally:
        reader.dispose()
        chain.discard(url)


def irreversible_refusal(chain: SeededChain, revision: str, world: dict) -> int:
    """Rows generated at an irreversible revision: its downgrade refuses and changes nothing."""
    url = chain.database_at(revision)
    reader = sa.create_engine(url)
    try:
        inserted = insert_world(url, world)
        start = database_state(url, reader)
        try:
            downgrade(url, previous(revision))
        except CommandError as refusal:
            assert "is irreversible" in str(refusal), refusal
        else:
            raise AssertionError(f"the downgrade of {revision} ran")
        assert database_state(url, reader) == start, f"the refused downgrade of {revision} changed the database"
        return inserted
    finally:
        reader.dispose()
        chain.discard(url)


def _changed(a, b) -> str:
    return ", ".join(t for t in sorted(set(a.rows) | set(b.rows)) if a.rows.get(t) != b.rows.get(t)) or "none"


def generated_rows(check, chain: SeededChain, revision: str) -> int:
    """Run `check(chain, revision, world)` on Hypothesis's generated worlds: the rows it generated in all."""
    total = 0

    @SETTINGS
    @given(worlds())
    def run(world):
        nonlocal total
        total += check(chain, revision, world)

    run()
    return total


def counted_rows(chain: SeededChain, at: str, revision: str) -> int:
    """The rows the checks of `revision` generate and insert into the database at `at`,
    counted by the function that shapes them for the insert; the shape is read once."""
    url = chain.database_at(at)
    engine = sa.create_engine(url)
    try:
        shape = shape_of(engine)
    finally:
        engine.dispose()
        chain.discard(url)
    return generated_rows(lambda _chain, _revision, world: sum(map(len, rows_for(world, shape).values())),
                          chain, revision)


def rows_per_revision(chain: SeededChain) -> dict[str, int]:
    """Rows the round-trip checks generate, per revision (the irreversible one included):
    the Guarantees page's figures, which the round-trip tests check they match."""
    counts = {r: counted_rows(chain, previous(r), r) for r in reversible_revisions()}
    for revision in IRREVERSIBLE:
        counts[revision] = counted_rows(chain, revision, revision)
    return dict(sorted(counts.items()))


ROWS_HEADER = "| Revision | Rows generated on SQLite | Rows generated on PostgreSQL |\n| --- | ---: | ---: |\n"


def rows_table(per_engine: dict[str, dict[str, int]]) -> str:
    sqlite, postgresql = per_engine["sqlite"], per_engine["postgresql"]
    lines = [f"| {r}{' (irreversible)' if r in IRREVERSIBLE else ''} | {sqlite[r]} | {postgresql[r]} |\n" for r in sqlite]
    total = f"| all | {sum(sqlite.values())} | {sum(postgresql.values())} |\n"
    return ROWS_HEADER + "".join(lines) + total


def read_rows_figures(table: str) -> dict[str, dict[str, int]]:
    figures: dict[str, dict[str, int]] = {"sqlite": {}, "postgresql": {}}
    for line in table.splitlines()[2:]:
        revision, sqlite, postgresql = (cell.strip() for cell in line.split("|")[1:4])
        if revision != "all":
            figures["sqlite"][revision.split()[0]] = int(sqlite)
            figures["postgresql"][revision.split()[0]] = int(postgresql)
    return figures
