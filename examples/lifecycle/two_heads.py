"""Step 8: two developers, two revisions on top of the same head, and the merge.

Everything happens in a throwaway copy of the project (alembic.ini and
migrations/) in a directory you choose, never in the real chain, which must
keep one head (tests/migrations/test_migrations.py checks that).
"""

import shutil
from pathlib import Path

from tools.common import ROOT

# --8<-- [start:branch_revisions]
# Both branches started from 0012 and took the next number; each file is fine alone.
BRANCH_REVISIONS = {
    "0013a_add_event_is_online.py": '''"""add events.is_online (Ana's branch)"""
import sqlalchemy as sa
from alembic import op

revision = "0013a"
down_revision = "0012"
branch_labels = depends_on = None


def upgrade():
    op.add_column("events", sa.Column("is_online", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("is_online")
''',
    "0013b_create_event_comments.py": '''"""create event_comments (Bo's branch)"""
import sqlalchemy as sa
from alembic import op

revision = "0013b"
down_revision = "0012"
branch_labels = depends_on = None


def upgrade():
    op.create_table(
        "event_comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("event_comments")
''',
}
# --8<-- [end:branch_revisions]


def throwaway_project(directory: Path) -> Path:
    """Copy alembic.ini and migrations/ into `directory`: a project to break freely."""
    shutil.copy(ROOT / "alembic.ini", directory / "alembic.ini")
    shutil.copytree(ROOT / "migrations", directory / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    return directory


def add_branch_revisions(project: Path) -> list[Path]:
    """Write both branches' revisions, as after merging the two git branches."""
    versions = project / "migrations" / "versions"
    paths = []
    for name, source in BRANCH_REVISIONS.items():
        (versions / name).write_text(source, encoding="utf-8")
        paths.append(versions / name)
    return paths


def main(argv: list[str] | None = None) -> int:
    """`python -m examples.lifecycle.two_heads FOLDER`: make the throwaway copy."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m examples.lifecycle.two_heads", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    folder = parser.parse_args(argv).folder
    if folder.exists():
        print(f"error: {folder} exists already: choose a new folder for the throwaway copy", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    added = add_branch_revisions(throwaway_project(folder))
    print(f"copied alembic.ini and migrations/ to {folder}/, then added:")
    for path in added:
        print(f"  migrations/versions/{path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
