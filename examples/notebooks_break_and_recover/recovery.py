"""What the notebook "Break it and recover" needs beyond the lifecycle's backup and
drift helpers (examples/lifecycle/) and the stock mini-project (examples/alembic_transactions/).

* `failing_revision`: the text of a revision that changes two tables and then fails
  (tests/migrations/test_env_transactions.py uses it too, with a failure of its own and then a fix);
* `versions_with`: a copy of migrations/versions plus extra revision files, in a
  temporary folder, so the notebook never writes to the repository's own;
* `online_runner`: the function of an env.py that runs migrations online, to show it.
"""

import shutil
from pathlib import Path

from tools.common import ROOT

FAILING_REVISION = '''\
"""add an audit log and users.nickname (fails halfway)

Revision ID: {revision}
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("audit_log", sa.Column("id", sa.Integer, primary_key=True))
    # SQLite cannot add most things in place: batch mode copies users into
    # _alembic_tmp_users, then drops the old table and renames the copy.
    # PostgreSQL alters users in place (it cannot drop a table others reference).
    rebuild = "always" if op.get_context().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("users", recreate=rebuild) as batch:
        batch.add_column(sa.Column("nickname", sa.String(50)))
    {failure}


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("nickname")
    op.drop_table("audit_log")
'''


def failing_revision(head: str, revision: str = "fails_halfway",
                     failure: str = 'raise RuntimeError("the deploy was killed halfway through this revision")') -> str:
    """The revision's text; `failure` is its last line in upgrade() (a test swaps in a fix)."""
    return FAILING_REVISION.format(head=head, revision=revision, failure=failure)


def versions_with(folder: Path, extra: dict[str, str]) -> Path:
    """A copy of migrations/versions in `folder`, plus the files in `extra` ({name: text})."""
    shutil.copytree(ROOT / "migrations" / "versions", folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def online_runner(env_py: Path) -> str:
    """The `run_migrations_online` function of an env.py, as written in the file."""
    text = env_py.read_text(encoding="utf-8")
    start = text.index("def run_migrations_online")
    function = text[start : text.index("\nif context.is_offline_mode()", start)]
    # Snippet markers (`# --8<-- [end:...]`) are for the pages, not part of the code.
    return "\n".join(line for line in function.rstrip().splitlines() if "--8<--" not in line) + "\n"
