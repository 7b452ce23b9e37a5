"""Step 14: what SQLite plans to do for a query (EXPLAIN QUERY PLAN), as a tree.

The plan is the part of performance a test can check: it does not vary with
the machine's load. Timings belong to the benchmark (make bench-lifecycle).
"""

import sqlalchemy as sa


# --8<-- [start:explain]
def query_plan(connection: sa.Connection, statement: sa.Executable) -> str:
    """The plan drawn the way the sqlite3 shell draws it (`.eqp on`)."""
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    children: dict[int, list[tuple[int, str]]] = {}
    for node_id, parent, _unused, detail in rows:
        children.setdefault(parent, []).append((node_id, detail))

    lines = ["QUERY PLAN"]

    def draw(parent: int, indent: str) -> None:
        nodes = children.get(parent, [])
        for position, (node_id, detail) in enumerate(nodes):
            last = position == len(nodes) - 1
            lines.append(f"{indent}{'`--' if last else '|--'}{detail}")
            draw(node_id, indent + ("   " if last else "|  "))

    draw(0, "")
    return "\n".join(lines) + "\n"
# --8<-- [end:explain]


def uses_a_full_scan(plan: str, table: str) -> bool:
    """True when the plan reads every row of `table` ("SCAN table", no index)."""
    return any(line.lstrip("|`- ").split(" USING")[0] == f"SCAN {table}" for line in plan.splitlines())
