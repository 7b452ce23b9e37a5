"""examples/notebooks_step_through_migrations/walkthrough.py: the chain, snapshots and data sentences the
"Step through every revision" notebook shows."""

import shutil

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from examples.app.db import make_engine
from examples.notebooks_step_through_migrations.walkthrough import (
    SAMPLE_ROWS,
    Table,
    data_changes,
    revision_chain,
    rows_text,
    seed_new_tables,
    snapshot,
)
from tools.common import ROOT


def test_chain_is_read_from_the_script_directory(alembic_cfg):
    """The notebook never lists revisions itself: a new revision file shows up on the next run."""
    expected = [r.revision for r in reversed(list(ScriptDirectory.from_config(alembic_cfg).walk_revisions()))]
    chain = revision_chain(alembic_cfg)
    assert [step.revision for step in chain] == expected
    assert chain[0].down_revision is None and chain[0].downgrade_target == "base"
    assert [step.down_revision for step in chain[1:]] == expected[:-1]
    assert chain[0].message == "create users table"
    assert "def upgrade()" in chain[0].source("upgrade")


def test_chain_with_two_heads_is_refused_with_a_clear_error(alembic_cfg, tmp_path):
    """Two heads have no single order to step through: the error names them."""
    versions = tmp_path / "versions"
    shutil.copytree(ROOT / "migrations" / "versions", versions, ignore=shutil.ignore_patterns("__pycache__"))
    (versions / "side_branch.py").write_text(
        '"""a second child of 0001"""\nrevision = "side"\ndown_revision = "0001"\n'
        "branch_labels = depends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"
    )
    alembic_cfg.set_main_option("version_locations", str(versions))
    head = ScriptDirectory.from_config(alembic_cfg).get_heads()
    with pytest.raises(ValueError, match=r"the chain has 2 heads \(.*side.*\): merge them"):
        revision_chain(alembic_cfg)
    assert "side" in head


def test_data_changes_say_what_a_step_did_to_each_table():
    before = {
        "users": Table(("id", "name", "nickname", "mail"), ((1, "Ada", "ada", "a@x"), (2, "Grace", None, "g@x"))),
        "events": Table(("id", "title"), ((1, "Demo"),)),
        "tags": Table(("id",), ()),
        "notes": Table(("id", "body"), ((1, "kept"),)),
    }
    after = {
        "users": Table(("id", "name", "active", "email"), ((1, "ADA", 1, "a@x"), (2, "GRACE", None, "g@x"))),
        "venues": Table(("id", "name"), ((1, "Room 1"), (2, "Lab B"))),
        "rooms": Table(("id",), ()),
        "notes": Table(("id", "body"), ((1, "kept"),)),
    }
    before["venues"] = Table(("id", "name"), ())
    assert data_changes(before, after) == [
        "`events` was dropped: its 1 row is gone.",
        "`notes`: 1 row kept, every value unchanged.",
        "`rooms` is new, with 0 rows.",
        "`tags` was dropped: it was empty.",
        "`users`: column `mail` renamed to `email`, its 2 values kept; column `nickname` dropped with its 2 values;"
        " column `active` added (existing rows got 1, NULL); values of `name` rewritten.",
        "`venues`: went from 0 rows to 2.",
    ]


def test_rows_text_shows_the_first_rows_and_counts_the_rest():
    state = {"users": Table(("id", "email"), ((1, "a@example.org"), (2, None), (3, "c@example.org")))}
    assert rows_text(state, limit=2) == (
        "users (3 rows)\n"
        "  id | email\n"
        "  1  | a@example.org\n"
        "  2  | NULL\n"
        "  ... 1 more\n"
    )
    assert rows_text({}) == "(no tables)\n"


def test_sample_rows_go_into_new_tables_only(alembic_cfg, database_url):
    """Rows are added when their table appears, never twice, and fit the schema of the day."""
    engine = make_engine(database_url)
    command.upgrade(alembic_cfg, "0001")
    assert seed_new_tables(database_url, {}) == {"users": len(SAMPLE_ROWS["users"])}
    before = snapshot(engine)
    command.upgrade(alembic_cfg, "0002")
    assert seed_new_tables(database_url, before) == {"events": len(SAMPLE_ROWS["events"])}
    assert seed_new_tables(database_url, snapshot(engine)) == {}
    state = snapshot(engine)
    engine.dispose()
    assert "alembic_version" not in state
    assert [row[0] for row in state["users"].rows] == [1, 2, 3]  # in key order
    assert state["events"].rows[0][state["events"].columns.index("title")] == SAMPLE_ROWS["events"][0]["title"]
