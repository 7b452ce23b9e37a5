"""Step 14, monitor performance: the query plan, drawn as a tree; the index's
effect is checked on the plan, never on timings (those are in make bench-lifecycle)."""

import sqlalchemy as sa

from examples.lifecycle.query_plan import query_plan, uses_a_full_scan


def plan_on(statement, *setup: str) -> str:
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        for sql in setup:
            connection.exec_driver_sql(sql)
        return query_plan(connection, statement)


def test_a_plan_is_drawn_as_the_sqlite3_shell_draws_it():
    """A one-step plan is drawn under a QUERY PLAN title, like `.eqp on` in the sqlite3 shell."""
    plan = plan_on(sa.text("SELECT * FROM t WHERE a = 1"), "CREATE TABLE t (a INTEGER, b TEXT)")
    assert plan == "QUERY PLAN\n`--SCAN t\n"


def test_an_index_changes_scan_into_search():
    """The same query, before and after CREATE INDEX: the plan says which rows SQLite reads."""
    table = "CREATE TABLE t (a INTEGER, b TEXT)"
    query = sa.text("SELECT b FROM t WHERE a = 1")
    before = plan_on(query, table)
    after = plan_on(query, table, "CREATE INDEX ix_t_a ON t (a)")
    assert uses_a_full_scan(before, "t")
    assert after == "QUERY PLAN\n`--SEARCH t USING INDEX ix_t_a (a=?)\n"
    assert not uses_a_full_scan(after, "t")


def test_nested_steps_are_indented_under_their_parent():
    """A plan with a subquery draws its children indented under their parent step."""
    plan = plan_on(
        sa.text("SELECT * FROM t WHERE a IN (SELECT a FROM u)"),
        "CREATE TABLE t (a INTEGER)",
        "CREATE TABLE u (a INTEGER)",
    )
    lines = plan.splitlines()
    assert lines[0] == "QUERY PLAN"
    assert any(line.startswith(("|  ", "   ")) for line in lines[2:])  # a child drawn under its parent
