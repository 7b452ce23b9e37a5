"""docs/cookbook/missing-revision.md: "Can't locate revision identified by ...",
and the two ways out (bring the file back and downgrade; `stamp --purge`)."""

import tempfile

import pytest

from tools.outputs.scenarios._cookbook import add, columns, run, schema, version_rows
from tools.outputs.scenarios.cookbook_missing_revision import (
    FEATURE_REVISION,
    database_ahead_of_the_code,
)


@pytest.fixture
def project():
    with tempfile.TemporaryDirectory() as tmp:
        yield database_ahead_of_the_code(tmp)[0]


@pytest.mark.parametrize("args", ["current", "upgrade head", "downgrade 0001", "stamp 0002"])
def test_every_command_that_reads_the_version_fails_and_changes_nothing(project, args):
    """With alembic_version at '0003' and no file for it, current, upgrade, downgrade
    and a plain stamp all fail with "Can't locate revision" (exit 255), and the
    schema and version row stay as they were."""
    before = schema(project)
    text = run(project, args, expect=255)
    assert text.rstrip().endswith("FAILED: Can't locate revision identified by '0003'")
    assert schema(project) == before
    assert version_rows(project) == ["0003"]


def test_restoring_the_file_then_downgrading_undoes_the_feature(project):
    """With the revision file back, `downgrade 0002` runs its downgrade(): the column
    goes, the version row says 0002, and the models match again (`alembic check` passes)."""
    add("missing_revision", project, FEATURE_REVISION)
    run(project, "downgrade 0002")
    (project / FEATURE_REVISION).unlink()
    assert version_rows(project) == ["0002"]
    assert "bio" not in columns(project, "users")
    assert "No new upgrade operations detected." in run(project, "check")


def test_stamp_purge_rewrites_only_the_version_row(project):
    """`stamp --purge 0002` empties alembic_version and writes 0002 without reading the
    old row; it runs no DDL, so the feature's column is still there and `alembic check`
    reports it."""
    tables_before = [row for row in schema(project) if row[2] != "alembic_version"]
    run(project, "stamp --purge 0002")
    assert version_rows(project) == ["0002"]
    assert [row for row in schema(project) if row[2] != "alembic_version"] == tables_before
    assert "bio" in columns(project, "users")
    text = run(project, "check", expect=255)
    assert "New upgrade operations detected: [('remove_column', None, 'users'" in text


def test_a_cleanup_revision_after_stamp_purge_removes_the_leftover(project):
    """After `stamp --purge`, autogenerate writes a revision that drops the leftover
    column; upgrading to it leaves the database matching the models."""
    run(project, "stamp --purge 0002")
    run(project, "revision --autogenerate -m 'drop leftover bio' --rev-id 0004")
    run(project, "upgrade head")
    assert version_rows(project) == ["0004"]
    assert "bio" not in columns(project, "users")
    assert "No new upgrade operations detected." in run(project, "check")
