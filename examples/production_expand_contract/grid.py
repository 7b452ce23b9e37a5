"""Run the old app's and the new app's queries against the database at every revision.

Each revision gets a database of its own: created empty, migrated to 0001, given one
venue and one event written the old way, then migrated to that revision. There both apps
create an event and list events, and each list should show the other app's event and the
event from before, each with its place.
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from examples.production_expand_contract.apps import FROM_BEFORE, NEW_APP, OLD_APP, WRITTEN
from examples.production_shared.chain import upgrade
from examples.production_shared.waiting import connection_to

CHAIN = "expand_contract"
REVISIONS = {
    "0001": "before (the old app's schema)",
    "0002": "expand: add name, sync trigger",
    "0003": "backfill name and venue",
    "0004": "switch: name NOT NULL",
    "0005": "contract: drop title, location",
}
# --8<-- [start:direct]
# The handbook's chain, 0005 (rename), 0009 (venues from locations) and 0010 (drop), in one release.
DIRECT = [
    "ALTER TABLE events RENAME COLUMN title TO name",
    "INSERT INTO venues (name) SELECT DISTINCT location FROM events WHERE location IS NOT NULL "
    "ON CONFLICT (name) DO NOTHING",
    "UPDATE events SET venue_id = venues.id FROM venues WHERE venues.name = events.location",
    "ALTER TABLE events DROP COLUMN location",
]
# --8<-- [end:direct]
CHECKS = ("create", "list", "reads the other app's event", "reads the older event")


@dataclass(frozen=True)
class Result:
    passed: bool
    why: str = ""  # the error, when a query failed


def seed_the_old_way(connection: sa.Connection) -> None:
    connection.exec_driver_sql("INSERT INTO venues (name) VALUES ('Main hall')")
    connection.exec_driver_sql("INSERT INTO events (title, location) VALUES ('Before the release', 'Main hall')")


def attempt(connection: sa.Connection, sql: str) -> tuple[Result, list[tuple]]:
    """Run one query in a savepoint: a failure is recorded and the transaction goes on."""
    try:
        with connection.begin_nested():
            result = connection.exec_driver_sql(sql)
            rows = [tuple(row) for row in result] if result.returns_rows else []
    except sa.exc.DBAPIError as failure:
        return Result(False, str(failure.orig).splitlines()[0]), []
    return Result(True), rows


def both_apps(connection: sa.Connection) -> dict[str, dict[str, Result]]:
    """Both apps create an event, then both list; each should read the other's event and the old one."""
    apps = {"old": OLD_APP, "new": NEW_APP}
    results: dict[str, dict[str, Result]] = {}
    with connection.begin():
        for name, app in apps.items():
            results[name] = {"create": attempt(connection, app["create"])[0]}
        for name, app in apps.items():
            listed, rows = attempt(connection, app["list"])
            other = WRITTEN["new" if name == "old" else "old"]
            results[name]["list"] = listed
            results[name]["reads the other app's event"] = Result(other in rows)
            results[name]["reads the older event"] = Result(FROM_BEFORE in rows)
        connection.rollback()
    return results


def at_state(new_database: Callable[[], str], revision: str, then: list[str] = ()) -> dict[str, dict[str, Result]]:
    with connection_to(new_database()) as connection:
        upgrade(CHAIN, connection, "0001")
        seed_the_old_way(connection)
        connection.commit()
        upgrade(CHAIN, connection, revision)
        for statement in then:
            connection.exec_driver_sql(statement)
        connection.commit()
        return both_apps(connection)


def expand_contract_grid(new_database: Callable[[], str]) -> dict[str, dict[str, dict[str, Result]]]:
    return {revision: at_state(new_database, revision) for revision in REVISIONS}


def direct_grid(new_database: Callable[[], str]) -> dict[str, dict[str, dict[str, Result]]]:
    return {"0001": at_state(new_database, "0001"), "direct": at_state(new_database, "0001", DIRECT)}


def markdown(grid: dict[str, dict[str, dict[str, Result]]], labels: dict[str, str]) -> str:
    """One row per state, one column per app and check; a failure says why."""
    header = ["Revision"] + [f"{app} app: {check}" for app in ("old", "new") for check in CHECKS]
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " --- |" * (len(header) - 1)]
    for state, apps in grid.items():
        cells = [cell(apps[app][check]) for app in ("old", "new") for check in CHECKS]
        lines.append(f"| {labels[state]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def cell(result: Result) -> str:
    if result.passed:
        return "pass"
    return f"**fail**: {result.why}" if result.why else "**fail**"
