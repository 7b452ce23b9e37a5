"""docs/alembic/autogenerate.md: one test per row of the table — what autogenerate
writes for each kind of change, and what happens when that revision runs."""

import pytest
import sqlalchemy as sa

from examples.alembic_autogenerate.cases import CASES, apply, autogenerate, database

EMPTY = "    pass\n"


def written(name: str) -> str:
    return autogenerate(CASES[name])


def run_case(name: str, *rows: dict) -> sa.Engine:
    """The case's database with `rows` in users, after running what autogenerate wrote."""
    engine = database(CASES[name])
    with engine.begin() as connection:
        for row in rows:
            connection.execute(sa.text(f"INSERT INTO users ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"), row)
    apply(written(name), engine)
    return engine


def columns(engine: sa.Engine) -> dict[str, dict]:
    return {c["name"]: c for c in sa.inspect(engine).get_columns("users")}


def test_new_table():
    """A new model becomes `op.create_table`, which creates the table."""
    assert "op.create_table('events'," in written("new_table")
    assert "events" in sa.inspect(run_case("new_table")).get_table_names()


def test_new_column():
    assert "batch_op.add_column(sa.Column('email', sa.String(length=100), nullable=True))" in written("new_column")
    assert "email" in columns(run_case("new_column"))


def test_nullability():
    """NOT NULL is seen; the revision fails when existing rows hold NULL."""
    assert "nullable=False)" in written("nullability")
    assert columns(run_case("nullability"))["email"]["nullable"] is False
    with pytest.raises(sa.exc.IntegrityError, match=r"NOT NULL constraint failed: _alembic_tmp_users.email"):
        run_case("nullability", {"id": 1, "email": None})


def test_type_change():
    assert "type_=sa.String(length=320)" in written("type_change")
    assert str(columns(run_case("type_change"))["email"]["type"]) == "VARCHAR(320)"


def test_server_default_ignored():
    """Without compare_server_default, a changed server default produces an empty revision."""
    assert CASES["server_default_ignored"].options == {}
    assert written("server_default_ignored").endswith(EMPTY + "    # ### end Alembic commands ###\n")


def test_server_default_compared():
    """With compare_server_default=True the same change is written, and runs."""
    assert "server_default='none@example.org'" in written("server_default_compared")
    assert columns(run_case("server_default_compared"))["email"]["default"] == "'none@example.org'"


def test_python_default():
    """A Python-side default= lives in SQLAlchemy only: nothing to compare, even with
    compare_server_default on, and the database keeps no default."""
    assert EMPTY in written("python_default")
    assert columns(run_case("python_default"))["email"]["default"] is None


def test_rename_column():
    """A rename is written as add + drop; running it loses every value of the column."""
    rendered = written("rename_column")
    assert "batch_op.add_column(sa.Column('contact_email'" in rendered
    assert "batch_op.drop_column('email')" in rendered
    assert "new_column_name" not in rendered
    engine = run_case("rename_column", {"id": 1, "email": "ada@example.org"})
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT id, contact_email FROM users")).all() == [(1, None)]


def test_rename_table():
    """A renamed table is written as create_table + drop_table; running it drops the rows."""
    rendered = written("rename_table")
    assert "op.create_table('accounts'," in rendered and "op.drop_table('users')" in rendered
    assert "rename_table" not in rendered
    engine = run_case("rename_table", {"id": 1, "email": "ada@example.org"})
    assert sa.inspect(engine).get_table_names() == ["accounts"]
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM accounts")).scalar_one() == 0


def test_unnamed_constraint_added():
    """Without a naming convention the constraint is written with name None, and
    batch mode refuses it."""
    assert "batch_op.create_unique_constraint(None, ['email'])" in written("unnamed_constraint_added")
    with pytest.raises(ValueError, match=r"Constraint must have a name"):
        run_case("unnamed_constraint_added")


def test_named_constraint_added():
    """With the handbook's naming convention it gets a name, and runs."""
    assert "create_unique_constraint(batch_op.f('uq_users_email'), ['email'])" in written("named_constraint_added")
    names = [u["name"] for u in sa.inspect(run_case("named_constraint_added")).get_unique_constraints("users")]
    assert names == ["uq_users_email"]


def test_unnamed_constraint_removed():
    """SQLite reports the unnamed constraint with no name; autogenerate writes nothing
    and the constraint stays."""
    engine = database(CASES["unnamed_constraint_removed"])
    assert [u["name"] for u in sa.inspect(engine).get_unique_constraints("users")] == [None]
    assert EMPTY in written("unnamed_constraint_removed")


def test_enum_column_added():
    """On SQLite an Enum is a VARCHAR as long as its longest value, plus a CHECK
    only when create_constraint=True."""
    assert "sa.Enum('draft', 'published', name='status', create_constraint=True)" in written("enum_column_added")
    engine = run_case("enum_column_added")
    assert str(columns(engine)["status"]["type"]) == "VARCHAR(9)"
    (check,) = sa.inspect(engine).get_check_constraints("users")
    assert check["sqltext"] == "status IN ('draft', 'published')"
    # Without create_constraint=True (SQLAlchemy's default) there is no CHECK at all.
    plain = sa.create_engine("sqlite://")
    sa.Table("t", (m := sa.MetaData()), sa.Column("status", sa.Enum("draft", "published", name="status")))
    m.create_all(plain)
    assert sa.inspect(plain).get_check_constraints("t") == []


def test_enum_value_added():
    """A new Enum value is not seen: the revision is empty and the database still
    rejects the value the models now allow."""
    assert EMPTY in written("enum_value_added")
    engine = run_case("enum_value_added")
    with pytest.raises(sa.exc.IntegrityError, match=r"CHECK constraint failed"), engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO users (id, status) VALUES (1, 'archived')"))


def test_index_added():
    assert "batch_op.create_index(batch_op.f('ix_users_email'), ['email'], unique=False)" in written("index_added")
    assert [i["name"] for i in sa.inspect(run_case("index_added")).get_indexes("users")] == ["ix_users_email"]


def test_index_removed():
    assert "batch_op.drop_index(batch_op.f('ix_users_email'))" in written("index_removed")
    assert sa.inspect(run_case("index_removed")).get_indexes("users") == []


def test_every_case_has_its_test():
    """The page's table links each case to test_<case>; this module must define each one."""
    assert sorted(n for n in globals() if n.startswith("test_") and n[5:] in CASES) == sorted(
        f"test_{name}" for name in CASES
    )
