"""Print the tables of the app's database: columns, keys and indexes.

Run it from the repository root, inside the venv:

    python -m examples.app.show_schema

It reads the same database as `alembic` (HANDBOOK_DATABASE_URL, else var/handbook.db).
"""

import sys

import sqlalchemy as sa

from examples.app.db import database_url, make_engine, run_main


def describe(engine: sa.Engine, skip: tuple[str, ...] = ()) -> str:
    """The schema as plain text, read back from the database itself (tables in `skip` left out)."""
    inspector = sa.inspect(engine)
    tables = sorted(t for t in inspector.get_table_names() if t not in skip)
    if not tables:
        return "(no tables)\n"
    blocks = []
    for table in tables:
        blocks.append(describe_table(inspector, table))
    return "\n".join(blocks)


def describe_table(inspector: sa.Inspector, table: str) -> str:
    pk = set(inspector.get_pk_constraint(table)["constrained_columns"])
    rows = []
    for column in inspector.get_columns(table):
        flags = []
        if column["name"] in pk:
            flags.append("PRIMARY KEY")
        flags.append("NULL" if column["nullable"] else "NOT NULL")
        if column.get("default") is not None:
            flags.append(f"DEFAULT {column['default']}")
        rows.append((column["name"], str(column["type"]), " ".join(flags)))
    width_name = max(len(r[0]) for r in rows)
    width_type = max(len(r[1]) for r in rows)
    lines = [table]
    lines += [f"  {n:<{width_name}}  {t:<{width_type}}  {f}".rstrip() for n, t, f in rows]
    for fk in sorted(inspector.get_foreign_keys(table), key=lambda f: f["name"] or ""):
        cols = ", ".join(fk["constrained_columns"])
        ref = f"{fk['referred_table']}({', '.join(fk['referred_columns'])})"
        on_delete = fk.get("options", {}).get("ondelete")
        suffix = f" ON DELETE {on_delete}" if on_delete else ""
        lines.append(f"  foreign key {fk['name'] or '(unnamed)'}: {cols} -> {ref}{suffix}")
    for uq in sorted(inspector.get_unique_constraints(table), key=lambda u: u["name"] or ""):
        lines.append(f"  unique {uq['name'] or '(unnamed)'}: {', '.join(uq['column_names'])}")
    for ck in sorted(inspector.get_check_constraints(table), key=lambda c: c["name"] or ""):
        lines.append(f"  check {ck['name'] or '(unnamed)'}: {ck['sqltext']}")
    for ix in sorted(inspector.get_indexes(table), key=lambda i: i["name"]):
        unique = "unique index" if ix["unique"] else "index"
        lines.append(f"  {unique} {ix['name']}: {', '.join(ix['column_names'])}")
    return "\n".join(lines) + "\n"


def main() -> int:
    engine = make_engine(database_url())
    try:
        sys.stdout.write(describe(engine))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(run_main(main))
