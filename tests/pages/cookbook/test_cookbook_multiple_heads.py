"""docs/cookbook/multiple-heads.md: two revisions on one parent, and `alembic merge`.

Each test builds the recipe's mini project (examples/cookbook_multiple_heads/)
in a temporary folder: the handbook's own chain never gets a second head.
"""

import pytest

from tools.outputs.scenarios._cookbook import (
    build,
    columns,
    revision_files,
    run,
    schema,
    version_rows,
)


@pytest.fixture
def project(tmp_path):
    return build("multiple_heads", tmp_path / "project")


def test_two_revisions_on_one_parent_are_two_heads(project):
    """Two revision files whose down_revision is the same parent: `alembic heads` lists both."""
    assert run(project, "heads").splitlines()[1:] == ["0003a (head)", "0003b (head)"]


def test_upgrade_head_with_two_heads_fails_and_changes_nothing(project):
    """`alembic upgrade head` refuses to choose between two heads (exit code 255),
    and the database keeps its schema and its version row."""
    run(project, "upgrade 0002")
    before = schema(project)
    text = run(project, "upgrade head", expect=255)
    assert "FAILED: Multiple head revisions are present for given argument 'head'" in text
    assert schema(project) == before
    assert version_rows(project) == ["0002"]


def test_merge_with_a_wrong_revision_writes_no_file(project):
    """A typo in `alembic merge` fails with "Can't locate revision" and writes no file."""
    before = revision_files(project)
    text = run(project, "merge -m 'merge tags and bio' 0003a 0003c", expect=255)
    assert "FAILED: Can't locate revision identified by '0003c'" in text
    assert revision_files(project) == before


def test_merge_revision_joins_the_heads_and_upgrade_head_runs_both_branches(project):
    """`alembic merge heads` writes one revision whose down_revision names both heads;
    then `upgrade head` applies both branches and the merge, and one version row remains."""
    run(project, "upgrade 0002")
    run(project, "merge -m 'merge tags and bio' --rev-id 0004 heads")
    assert "0004_merge_tags_and_bio.py" in revision_files(project)
    assert run(project, "heads").splitlines()[1:] == ["0004 (head)"]
    text = run(project, "upgrade head")
    assert "Running upgrade 0003a, 0003b -> 0004" in text
    assert version_rows(project) == ["0004"]
    names = {row[1] for row in schema(project)}
    assert {"users", "tags"} <= names
    assert "bio" in columns(project, "users")


def test_upgrade_heads_without_a_merge_records_one_row_per_head(project):
    """`upgrade heads` applies both branches but leaves two heads: alembic_version
    then holds two rows, which is why a merge revision is the lasting fix."""
    run(project, "upgrade heads")
    assert version_rows(project) == ["0003a", "0003b"]


def test_after_upgrade_heads_upgrade_head_fails_until_a_merge_joins_them(project):
    """With both branches applied, `upgrade head` still refuses two heads; once a merge
    revision joins them it goes through and one version row remains."""
    run(project, "upgrade heads")
    text = run(project, "upgrade head", expect=255)
    assert "FAILED: Multiple head revisions are present for given argument 'head'" in text
    run(project, "merge -m 'merge tags and bio' --rev-id 0004 heads")
    run(project, "upgrade head")
    assert version_rows(project) == ["0004"]
