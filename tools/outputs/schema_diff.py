"""What a real database says its schema is (reflection), and the difference between two.

The Reference pages show, for every revision, what it changed: tables, columns,
constraints and indexes added, removed or changed. Both sides come from
reflecting a real SQLite database, never from the models or the revision's code.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from tools.outputs.diagrams import SKIPPED_TABLES


@dataclass(frozen=True)
class TableShape:
    columns: dict[str, str]  # name -> "VARCHAR(200) NOT NULL DEFAULT ..."
    constraints: dict[tuple[str, str], str]  # (kind, name or definition) -> definition
    indexes: dict[str, str]  # name -> "UNIQUE (a, b)" or "(a, b)"


Schema = dict[str, TableShape]
KINDS = ("table", "column", "primary key", "foreign key", "unique constraint", "check constraint", "index")
FK_OPTIONS = {"ondelete": "ON DELETE", "onupdate": "ON UPDATE"}


@dataclass(frozen=True)
class Change:
    action: str  # "added", "removed", "changed"
    kind: str  # one of KINDS
    name: str  # "events", "events.capacity", "ix_events_owner_id"
    detail: str


def _columns(names) -> str:
    return "(" + ", ".join(names) + ")"


def column_definition(column: dict) -> str:
    parts = [str(column["type"]), "NULL" if column["nullable"] else "NOT NULL"]
    if column.get("default") is not None:
        parts.append(f"DEFAULT {column['default']}")
    return " ".join(parts)


def reflect(engine: sa.Engine | sa.Inspector, *, skip: frozenset[str] = SKIPPED_TABLES) -> Schema:
    inspector = sa.inspect(engine)
    schema: Schema = {}
    for table in sorted(t for t in inspector.get_table_names() if t not in skip):
        constraints: dict[tuple[str, str], str] = {}

        def add(kind: str, name: str | None, definition: str) -> None:
            constraints[(kind, name or definition)] = definition

        pk = inspector.get_pk_constraint(table)
        if pk["constrained_columns"]:
            add("primary key", pk.get("name"), _columns(pk["constrained_columns"]))
        for fk in inspector.get_foreign_keys(table):
            referred = f"{fk['referred_table']} {_columns(fk['referred_columns'])}"
            definition = f"{_columns(fk['constrained_columns'])} → {referred}"
            for option, value in sorted((fk.get("options") or {}).items()):
                definition += f" {FK_OPTIONS.get(option, option.upper())} {value}"
            add("foreign key", fk.get("name"), definition)
        for uq in inspector.get_unique_constraints(table):
            add("unique constraint", uq.get("name"), _columns(uq["column_names"]))
        for ck in inspector.get_check_constraints(table):
            add("check constraint", ck.get("name"), ck["sqltext"])
        schema[table] = TableShape(
            columns={c["name"]: column_definition(c) for c in inspector.get_columns(table)},
            constraints=constraints,
            indexes={
                ix["name"]: ("UNIQUE " if ix["unique"] else "") + _columns(ix["column_names"])
                for ix in inspector.get_indexes(table)
            },
        )
    return schema


def _compare(kind: str, before: dict, after: dict, label) -> list[Change]:
    changes = []
    for key in sorted(after.keys() - before.keys(), key=str):
        changes.append(Change("added", kind, label(key), after[key]))
    for key in sorted(before.keys() - after.keys(), key=str):
        changes.append(Change("removed", kind, label(key), before[key]))
    for key in sorted(before.keys() & after.keys(), key=str):
        if before[key] != after[key]:
            changes.append(Change("changed", kind, label(key), f"{before[key]} → {after[key]}"))
    return changes


def diff(before: Schema, after: Schema) -> list[Change]:
    """Every difference between two reflected schemas, table by table.

    A table added or removed is one change listing its columns; its constraints
    and indexes are listed too, since they came or went with it.
    """
    empty = TableShape({}, {}, {})
    changes = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, empty), after.get(table, empty)
        if table not in before:
            changes.append(Change("added", "table", table, ", ".join(new.columns)))
        elif table not in after:
            changes.append(Change("removed", "table", table, ", ".join(old.columns)))
        else:
            changes += _compare("column", old.columns, new.columns, lambda name: f"{table}.{name}")
        by_kind: dict[str, tuple[dict, dict]] = {}
        for side, shape in ((0, old), (1, new)):
            for (kind, key), definition in shape.constraints.items():
                by_kind.setdefault(kind, ({}, {}))[side][key] = definition
        for kind, (old_constraints, new_constraints) in sorted(by_kind.items()):
            # An unnamed constraint's key is its definition: it shows as removed + added.
            changes += _compare(kind, old_constraints, new_constraints, lambda key: f"{key} on {table}")
        changes += _compare("index", old.indexes, new.indexes, lambda name: f"{name} on {table}")
    return changes
