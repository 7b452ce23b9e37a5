"""What an erDiagram draws, and what the database has, read independently of
tools/outputs/diagrams.py: the tests compare the two."""

import re

import sqlalchemy as sa


def drawn_tables(diagram: str) -> dict[str, set[str]]:
    """{table: column names} as a mermaid erDiagram draws them."""
    return {
        name: set(re.findall(r"^\s{8}\S+ (\w+)", body, re.M))
        for name, body in re.findall(r"^    (\w+) \{\n(.*?)^    \}", diagram, re.M | re.S)
    }


def reflected_tables(engine: sa.Engine) -> dict[str, set[str]]:
    """{table: column names} as the database reports them, Alembic's table aside."""
    inspector = sa.inspect(engine)
    return {
        table: {c["name"] for c in inspector.get_columns(table)}
        for table in inspector.get_table_names()
        if table != "alembic_version"
    }
