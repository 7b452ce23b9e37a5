"""Run SQL one statement at a time and record what SQLite answers, for a page to show.

    session = SqlSession(engine)
    session.run("INSERT INTO users ...")      # must succeed
    session.fails("INSERT INTO users ...")    # must fail: SQLite's error is recorded
    session.plan("SELECT ... WHERE ...")      # EXPLAIN QUERY PLAN, drawn as a tree
    text = session.transcript()

Each statement runs in its own transaction on the engine it is given (so with the
handbook's engine, with foreign keys on). An unexpected outcome raises: a scenario
cannot record a failure it did not get, or a success it did not get.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from examples.lifecycle.query_plan import query_plan

PROMPT = "sql> "
CONTINUATION = "...> "


class UnexpectedOutcome(AssertionError):
    """A statement succeeded where the scenario expected an error, or the reverse."""


class SqlSession:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.lines: list[str] = []

    def note(self, text: str) -> None:
        """A comment in the transcript, as SQL writes one."""
        self.lines.append(f"-- {text}")

    def run(self, sql: str) -> list[tuple]:
        """Run a statement that must succeed; return its rows (empty for a change)."""
        self._echo(sql)
        try:
            with self.engine.begin() as connection:
                result = connection.exec_driver_sql(sql)
                if result.returns_rows:
                    columns, rows = list(result.keys()), [tuple(r) for r in result.fetchall()]
                    self.lines += format_rows(columns, rows)
                    return rows
                self.lines.append(f"({result.rowcount} row{'s' if result.rowcount != 1 else ''} changed)")
                return []
        except sa.exc.DBAPIError as error:
            raise UnexpectedOutcome(f"{sql!r} failed: {error.orig}") from error

    def fails(self, sql: str) -> str:
        """Run a statement that must fail; record and return the driver's error, e.g.
        `sqlite3.IntegrityError: UNIQUE constraint failed: users.email`."""
        self._echo(sql)
        try:
            with self.engine.begin() as connection:
                connection.exec_driver_sql(sql)
        except sa.exc.DBAPIError as error:
            message = f"{type(error.orig).__module__}.{type(error.orig).__name__}: {error.orig}"
            self.lines.append(message)
            return message
        raise UnexpectedOutcome(f"{sql!r} succeeded, but the scenario expected an error")

    def plan(self, sql: str) -> str:
        """Record `EXPLAIN QUERY PLAN <sql>` as the sqlite3 shell draws it (examples/lifecycle/query_plan.py); return the tree."""
        self._echo(f"EXPLAIN QUERY PLAN {sql}")
        with self.engine.connect() as connection:
            tree = query_plan(connection, sa.text(sql))
        self.lines += tree.splitlines()
        return tree

    def transcript(self) -> str:
        return "\n".join(self.lines) + "\n"

    def _echo(self, sql: str) -> None:
        first, *rest = sql.strip().rstrip(";").splitlines()
        self.lines.append(PROMPT + first + ("" if rest else ";"))
        for number, line in enumerate(rest, start=1):
            self.lines.append(CONTINUATION + line + (";" if number == len(rest) else ""))


def format_rows(columns: Sequence[str], rows: Sequence[tuple]) -> list[str]:
    """A small aligned table; NULL shown as NULL, as SQL writes it."""
    cells = [[str(c) for c in columns]] + [["NULL" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = [" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    if not rows:
        lines.append("(no rows)")
    return lines

