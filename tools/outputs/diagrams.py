"""Mermaid diagrams drawn from what a real database says about itself (reflection),
never from the models: a diagram shows the schema the migrations actually built."""

import sqlalchemy as sa

SKIPPED_TABLES = frozenset({"alembic_version"})


def mermaid_type(column_type: sa.types.TypeEngine) -> str:
    # Mermaid accepts letters, digits, _ - ( ) [ ] in a type; SQLite's names fit.
    return str(column_type).replace(" ", "_")


def er_diagram(engine: sa.Engine | sa.Inspector, *, skip: frozenset[str] = SKIPPED_TABLES) -> str:
    """A mermaid `erDiagram` of every table: columns with PK/FK/UK marks, and one
    relationship line per foreign key (`||` when the key is NOT NULL, `|o` when not)."""
    inspector = sa.inspect(engine)
    tables = sorted(t for t in inspector.get_table_names() if t not in skip)
    lines = ["erDiagram"]
    relationships = []
    for table in tables:
        columns = inspector.get_columns(table)
        pk = set(inspector.get_pk_constraint(table)["constrained_columns"])
        fks = inspector.get_foreign_keys(table)
        fk_columns = {c for fk in fks for c in fk["constrained_columns"]}
        unique = {
            uq["column_names"][0] for uq in inspector.get_unique_constraints(table) if len(uq["column_names"]) == 1
        } | {
            ix["column_names"][0]
            for ix in inspector.get_indexes(table)
            if ix["unique"] and len(ix["column_names"]) == 1
        }
        lines.append(f"    {table} {{")
        for column in columns:
            keys = [k for k, cols in (("PK", pk), ("FK", fk_columns), ("UK", unique)) if column["name"] in cols]
            mark = f" {', '.join(keys)}" if keys else ""
            lines.append(f"        {mermaid_type(column['type'])} {column['name']}{mark}")
        lines.append("    }")
        nullable = {c["name"]: c["nullable"] for c in columns}
        for fk in fks:
            if fk["referred_table"] in skip:
                continue
            parent_side = "|o" if any(nullable[c] for c in fk["constrained_columns"]) else "||"
            one_to_one = set(fk["constrained_columns"]) <= unique and len(fk["constrained_columns"]) == 1
            child_side = "o|" if one_to_one else "o{"
            label = ", ".join(fk["constrained_columns"])
            relationships.append(f'    {fk["referred_table"]} {parent_side}--{child_side} {table} : "{label}"')
    return "\n".join(lines + sorted(relationships)) + "\n"
