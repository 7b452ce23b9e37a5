"""Autogenerate, case by case: a database built from the models *before* a change,
the models *after* it, and the revision autogenerate writes for the difference.

    >>> from examples.alembic_autogenerate.cases import CASES, autogenerate
    >>> print(autogenerate(CASES["new_column"]))

Each case is the smallest schema that shows one behaviour; the database is
SQLite in memory, the rendering is Alembic's own (`render_python_code`, the
function behind `alembic revision --autogenerate`), in batch mode as the
handbook's env.py asks for SQLite.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from alembic.autogenerate import produce_migrations, render_python_code
from alembic.migration import MigrationContext
from alembic.operations import Operations

from examples.app.models import NAMING_CONVENTION


@dataclass(frozen=True)
class Case:
    name: str
    change: str  # what the developer changed in the models, in words
    lesson: str  # what the revision autogenerate writes means for you
    before: Callable[[sa.MetaData], None]  # adds the "before" tables to a MetaData
    after: Callable[[sa.MetaData], None]
    options: dict = field(default_factory=dict)  # extra context.configure() options
    naming_convention: bool = False


def users(metadata: sa.MetaData, *columns: sa.Column | sa.Constraint) -> sa.Table:
    return sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True), *columns)


def email(**kwargs) -> sa.Column:
    return sa.Column("email", sa.String(100), **kwargs)


def status(*values: str, **kwargs) -> sa.Column:
    return sa.Column("status", sa.Enum(*values, name="status", **kwargs))


# --8<-- [start:cases]
CASES = {
    case.name: case
    for case in [
        Case(
            "new_table", "a new model, `Event`", "written as `create_table`",
            before=lambda m: users(m),
            after=lambda m: (users(m), sa.Table("events", m, sa.Column("id", sa.Integer, primary_key=True))),
        ),
        Case(
            "new_column", "a new attribute, `users.email`", "written as `add_column`",
            before=lambda m: users(m),
            after=lambda m: users(m, email()),
        ),
        Case(
            "nullability", "`email` becomes NOT NULL", "written; existing NULLs make it fail when it runs",
            before=lambda m: users(m, email(nullable=True)),
            after=lambda m: users(m, email(nullable=False)),
        ),
        Case(
            "type_change", "`String(100)` becomes `String(320)`", "written (type comparison is on by default)",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, sa.Column("email", sa.String(320))),
        ),
        Case(
            "server_default_ignored", "`server_default` changes, default comparison settings", "missed: `compare_server_default` is off by default",
            before=lambda m: users(m, email(server_default="unknown")),
            after=lambda m: users(m, email(server_default="none@example.org")),
        ),
        Case(
            "server_default_compared", "the same change, with `compare_server_default=True`", "written",
            before=lambda m: users(m, email(server_default="unknown")),
            after=lambda m: users(m, email(server_default="none@example.org")),
            options={"compare_server_default": True},
        ),
        Case(
            "python_default", "a Python-side `default=` is added", "never seen: the database knows nothing of it",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, email(default="none@example.org")),
            options={"compare_server_default": True},
        ),
        Case(
            "rename_column", "`email` is renamed `contact_email`", "drop + add: the column's data is lost; write `alter_column(new_column_name=...)` yourself",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, sa.Column("contact_email", sa.String(100))),
        ),
        Case(
            "rename_table", "`users` is renamed `accounts`",
            "drop + add: the table's rows are lost; write `rename_table` yourself",
            before=lambda m: users(m, email()),
            after=lambda m: sa.Table("accounts", m, sa.Column("id", sa.Integer, primary_key=True), email()),
        ),
        Case(
            "unnamed_constraint_added", "`UniqueConstraint(\"email\")`, no name, no naming convention", "written with name `None`: the batch operation fails",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, email(), sa.UniqueConstraint("email")),
        ),
        Case(
            "named_constraint_added", "the same constraint, with the handbook's naming convention", "written with a name, and it runs",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, email(), sa.UniqueConstraint("email")),
            naming_convention=True,
        ),
        Case(
            "unnamed_constraint_removed", "an unnamed unique constraint is removed", "missed: SQLite reports no name to compare",
            before=lambda m: users(m, email(), sa.UniqueConstraint("email")),
            after=lambda m: users(m, email()),
        ),
        Case(
            "enum_column_added", "a new `Enum` column", "written; SQLite stores VARCHAR plus a CHECK",
            before=lambda m: users(m),
            after=lambda m: users(m, status("draft", "published", create_constraint=True)),
        ),
        Case(
            "enum_value_added", "a value is added to the `Enum`", "missed: the old CHECK keeps rejecting the new value",
            before=lambda m: users(m, status("draft", "published", create_constraint=True)),
            after=lambda m: users(m, status("draft", "published", "archived", create_constraint=True)),
        ),
        Case(
            "index_added", "`index=True` on `email`", "written as `create_index`",
            before=lambda m: users(m, email()),
            after=lambda m: users(m, email(index=True)),
        ),
        Case(
            "index_removed", "`index=True` is taken away", "written as `drop_index`",
            before=lambda m: users(m, email(index=True)),
            after=lambda m: users(m, email()),
        ),
    ]
}
# --8<-- [end:cases]


def metadata(case: Case, build: Callable[[sa.MetaData], None]) -> sa.MetaData:
    result = sa.MetaData(naming_convention=NAMING_CONVENTION) if case.naming_convention else sa.MetaData()
    build(result)
    return result


def database(case: Case) -> sa.Engine:
    """An in-memory SQLite database holding the case's "before" schema."""
    engine = sa.create_engine("sqlite://")
    metadata(case, case.before).create_all(engine)
    return engine


def autogenerate(case: Case, engine: sa.Engine | None = None) -> str:
    """The body of `upgrade()` autogenerate writes for the case, as Alembic renders it."""
    engine = engine or database(case)
    target = metadata(case, case.after)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"target_metadata": target, **case.options})
        script = produce_migrations(context, target)
    return "def upgrade():\n    " + render_python_code(script.upgrade_ops, render_as_batch=True) + "\n"


def apply(rendered: str, engine: sa.Engine) -> None:
    """Run a rendered `upgrade()` against `engine`, as `alembic upgrade` would."""
    with engine.begin() as connection:
        namespace = {"op": Operations(MigrationContext.configure(connection)), "sa": sa}
        exec(compile(rendered, "<autogenerated revision>", "exec"), namespace)  # code Alembic wrote
        namespace["upgrade"]()
