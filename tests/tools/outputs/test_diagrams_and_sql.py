"""The shared helpers behind generated diagrams and SQL listings."""

import sqlalchemy as sa

from tests.er_checks import drawn_tables, reflected_tables
from tools.outputs.diagrams import er_diagram
from tools.outputs.sql_capture import migration_sql


def test_er_diagram_has_exactly_the_reflected_tables_and_columns(alembic_cfg, database_url):
    from alembic import command

    command.upgrade(alembic_cfg, "head")
    engine = sa.create_engine(database_url)
    diagram = er_diagram(engine)
    expected = reflected_tables(engine)
    engine.dispose()
    assert drawn_tables(diagram) == expected
    assert '    users ||--o{ events : "owner_id"' in diagram
    assert "        INTEGER id PK" in diagram


def test_migration_sql_is_what_sqlite_receives(database_url):
    statements = migration_sql(database_url, "upgrade", "0001")
    assert len(statements) == 1 and statements[0].startswith("CREATE TABLE users (")
    everything = migration_sql(database_url, "upgrade", "0002", include_bookkeeping=True)
    # Our BEGIN goes through the cursor; COMMIT is the driver's commit(), not a statement.
    assert everything[0] == "BEGIN"
    assert any("alembic_version" in s for s in everything)
    assert any(s.startswith("CREATE INDEX ix_events_starts_at") for s in everything)


def test_stable_order_sorts_only_what_batch_mode_emits_in_set_order():
    """Constraint lines inside a CREATE TABLE and runs of CREATE INDEX are sorted;
    columns and every other statement keep their place."""
    from tools.outputs.sql_capture import stable_order

    create = (
        "CREATE TABLE _alembic_tmp_t (\n\tid INTEGER NOT NULL, \n\tb INTEGER, \n"
        "\tCONSTRAINT uq_t_b UNIQUE (b), \n\tCONSTRAINT pk_t PRIMARY KEY (id)\n)"
    )
    statements = [create, "INSERT INTO _alembic_tmp_t SELECT * FROM t", "CREATE INDEX ix_b ON t (b)", "CREATE INDEX ix_a ON t (a)"]
    assert stable_order(statements) == [
        "CREATE TABLE _alembic_tmp_t (\n\tid INTEGER NOT NULL, \n\tb INTEGER, \n"
        "\tCONSTRAINT pk_t PRIMARY KEY (id), \n\tCONSTRAINT uq_t_b UNIQUE (b)\n)",
        "INSERT INTO _alembic_tmp_t SELECT * FROM t",
        "CREATE INDEX ix_a ON t (a)",
        "CREATE INDEX ix_b ON t (b)",
    ]


def test_format_statements_ends_each_statement_before_its_parameters():
    """A listing stays valid SQL: the `;` ends the statement, and the recorded
    parameters follow as a comment (a `;` after the comment would be commented out)."""
    from tools.outputs.sql_capture import format_statements

    listing = format_statements(["UPDATE users SET email=? WHERE id = ?\n-- parameters: ('a@b.c', 1)", "COMMIT;"])
    assert listing == "UPDATE users SET email=? WHERE id = ?;\n-- parameters: ('a@b.c', 1)\n\nCOMMIT;\n"
