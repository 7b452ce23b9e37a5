"""Outputs of docs/production/where-migrations-run.md: two replicas migrating one PostgreSQL
database at the same instant, without and with the migration lock; the Compose check."""

import functools
import tempfile
from pathlib import Path

from examples.production_where_migrations_run import compose_check
from examples.production_where_migrations_run.race import Replica, race
from tools.engines import shared
from tools.outputs.scenarios import scenario

EXAMPLE = Path(compose_check.__file__).parent
ROLES = ("the replica that migrated", "the other replica")


def replica_report(role: str, replica: Replica) -> str:
    shown = replica.error or "\n".join(line for line in replica.log.splitlines() if line.startswith("INFO"))
    return f"# {role}: exit code {replica.returncode}\n{shown}\n"


@functools.cache
def race_on_a_new_database(migration_lock: bool) -> tuple[str, list[Replica]]:
    """The race the page shows and its tests assert on, once per process: (database URL, replicas)."""
    url = shared.postgresql().create_database()
    return url, race(url, migration_lock=migration_lock)


def race_report(migration_lock: bool) -> str:
    _, replicas = race_on_a_new_database(migration_lock)
    return "\n".join(replica_report(role, replica) for role, replica in zip(ROLES, replicas, strict=True))


def check_report(compose_text: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "compose.yaml"
        path.write_text(compose_text, encoding="utf-8")
        found = compose_check.problems(path)
    return "\n".join(problem.replace(str(path), "compose.yaml") for problem in found) + "\n" if found else "no problem found\n"


@scenario("production-where-migrations-run")
def where_migrations_run() -> dict[str, str]:
    compose = (EXAMPLE / "compose.yaml").read_text(encoding="utf-8")
    return {
        "race-without-lock.txt": race_report(migration_lock=False),
        "race-with-lock.txt": race_report(migration_lock=True),
        "compose-check.txt": check_report(compose),
        "compose-check-app-starts-early.txt": check_report(
            compose.replace("service_completed_successfully", "service_started")),
        "compose-check-two-migrators.txt": check_report(
            compose.replace('command: ["gunicorn", "--bind", "0.0.0.0:8000", "yourapp.wsgi:app"]',
                            'command: ["alembic", "upgrade", "head"]')),
    }
