"""Step 1, pre-migration: the inventory reads the live database and changes nothing."""

from examples.app.db import make_engine
from examples.lifecycle.inventory import inventory
from tests.lifecycle_support import database_at, file_digest


def inventory_of(url: str) -> str:
    engine = make_engine(url)
    try:
        return inventory(engine)
    finally:
        engine.dispose()


def test_inventory_lists_the_recorded_revision_what_is_pending_and_the_rows(tmp_path):
    """At 0002 the inventory names the recorded revision, every revision still to
    run in order, and each table's row count, read from the database itself."""
    text = inventory_of(database_at("0002", tmp_path))
    assert "recorded revision: 0002\n" in text
    assert "head of the scripts: 0012\n" in text
    assert "revisions to run: 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012\n" in text
    assert "  events                4\n" in text and "  users                 3\n" in text
    assert "  title        VARCHAR(200)  NOT NULL" in text  # the live schema, not the models at head


def test_inventory_at_head_has_nothing_to_run(tmp_path):
    """At the head nothing is pending, and the tables the chain added are listed."""
    text = inventory_of(database_at("0012", tmp_path))
    assert "recorded revision: 0012\n" in text
    assert "revisions to run: (none)\n" in text
    assert "event_attendees" in text and "venues" in text


def test_inventory_writes_nothing(tmp_path):
    """Taking stock must be safe on production: the file's bytes do not change."""
    url = database_at("0002", tmp_path)
    before = file_digest(url)
    inventory_of(url)
    assert file_digest(url) == before
