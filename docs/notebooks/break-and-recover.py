# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Break it and recover
#
# Things go wrong on the way to the head revision: a migration dies halfway, or
# someone changes the live database by hand. This notebook does both on purpose, to
# a copy of a real database, and recovers each time:
#
# 1. take a backup with SQLite's online backup API;
# 2. run a revision that fails halfway, through the handbook's `env.py` (nothing
#    changes) and through the `env.py` of a stock `alembic init` (half of it stays);
# 3. restore the half-migrated database from the backup;
# 4. change the schema by hand, detect the drift, and resolve it with a new revision.
#
# Everything happens in a temporary folder: the repository's `migrations/` and
# `var/` are never touched. The site runs this notebook on every build; download it
# (the button at the top of the page) to run it in your clone, with the project's
# virtual environment as the kernel.

# %%
import sys
from pathlib import Path

ROOT = next(
    (folder for folder in [Path.cwd(), *Path.cwd().parents] if (folder / "alembic.ini").is_file() and (folder / "migrations").is_dir()),
    None,
)
if ROOT is None:
    raise RuntimeError("Run this notebook inside a clone of the handbook: no folder above it holds alembic.ini and migrations/")
sys.path.insert(0, str(ROOT))

# %% [markdown]
# ## A database with a history
#
# First a database worth protecting: the lifecycle's sample rows (users with
# carelessly typed emails, events with free-text locations) written at revision 0002,
# then migrated to the head, so every data migration has run on them.

# %%
import inspect
import shutil
import tempfile

import sqlalchemy as sa
from alembic import command

from examples.alembic_transactions.projects import HERE as TRANSACTIONS, config_for
from examples.app.db import make_engine
from examples.lifecycle.backup import backup, contents, restore
from examples.lifecycle.drift import OUT_OF_BAND_CHANGES, drift, drift_report
from examples.lifecycle.sample_data import production_database
from examples.notebooks_break_and_recover.recovery import failing_revision, online_runner, versions_with
from examples.notebooks_step_through_migrations.walkthrough import current_revision, rows_text, snapshot
from tools.outputs.sql_capture import handbook_config

workdir = Path(tempfile.mkdtemp(prefix="break-and-recover-"))
url = production_database(workdir / "handbook.db", "head")
engine = make_engine(url)
head = current_revision(engine)
print("database at revision", head)
print(rows_text(snapshot(engine), ["users", "events"], limit=2), end="")

# %% [markdown]
# ## 1. Back up
#
# Copying the file while an app writes to it can catch half a transaction. SQLite's
# online backup API copies the database page by page through a connection, and
# restarts if a writer changes a page it already copied, so the copy is always a
# consistent database. Python exposes it as `Connection.backup`:

# %%
print(inspect.getsource(backup))

# %%
backup_file = backup(url, workdir / "before-upgrade.db")
print("backup:", backup_file.name, f"({backup_file.stat().st_size} bytes)")
print("identical to the live database:", contents(f"sqlite:///{backup_file}") == contents(url))

# %% [markdown]
# ## 2. A revision that fails halfway
#
# The next revision creates an `audit_log` table, then adds a column to `users`.
# SQLite cannot alter most of a table in place, so Alembic's batch mode builds
# `_alembic_tmp_users`, copies the rows across, drops `users` and renames the copy.
# Then the revision dies, as a deploy does when its process is killed:

# %%
broken = failing_revision(head)
print(broken)
versions = versions_with(workdir / "versions", {"fails_halfway.py": broken})

# %% [markdown]
# ### With the handbook's env.py: nothing changes
#
# The handbook's `env.py` makes SQLite run DDL inside a real transaction (see
# `examples/app/db.py`), so when the revision raises, everything it did is rolled
# back: schema, recorded revision and every row are exactly what they were.

# %%
def attempt_upgrade(config, url: str, target: str = "fails_halfway"):
    """Try the upgrade; show its error and the tables and version it leaves behind."""
    try:
        command.upgrade(config, target)
    except RuntimeError as error:
        print("upgrade failed:", error)
    state = contents(url)
    print("tables:", ", ".join(name for kind, name, _, _ in state[0] if kind == "table"))
    print("alembic_version:", state[1]["alembic_version"])
    return state


config = handbook_config(make_engine(url, foreign_keys=False))
config.set_main_option("version_locations", str(versions))
before = contents(url)
after = attempt_upgrade(config, url)
print("database unchanged:", after == before)

# %% [markdown]
# ### With a stock alembic init env.py: half of it stays
#
# Now the same revision files run by the stock mini-project of
# [Transactions](../../alembic/transactions/), whose `env.py` is the one
# `alembic init` writes, untouched, on a copy of the same database (made from the
# backup). Its online runner opens a connection and a transaction: that looks safe,
# but Python's `sqlite3` driver only sends `BEGIN` before `INSERT`, `UPDATE` and
# `DELETE`, and Alembic assumes SQLite has no transactional DDL, so each `CREATE`
# and `ALTER` is committed the moment it runs.

# %%
stock_url = f"sqlite:///{workdir / 'stock.db'}"
restore(backup_file, stock_url)
stock = config_for("stock", workdir / "stock.db")
stock.set_main_option("version_locations", str(versions))  # the handbook's revisions + the failing one
print(online_runner(TRANSACTIONS / "stock" / "env.py"))

# %%
half = attempt_upgrade(stock, stock_url)

# %% [markdown]
# The new `audit_log` table stayed, and so did batch mode's `_alembic_tmp_users`;
# `alembic_version` still says the old head, so Alembic believes the revision never
# ran. Fixing the revision and running it again does not help, because its first
# step now fails:

# %%
try:
    command.upgrade(stock, "fails_halfway")
except sa.exc.OperationalError as error:
    print("second attempt failed:", str(error.orig))

# %% [markdown]
# ## 3. Restore from the backup
#
# The way out of a half-applied migration is the backup taken before it. Restoring
# uses the same API in the other direction, into the broken database, in one locked
# step; afterwards the database equals the backup: schema, recorded revision and
# every row.

# %%
print(inspect.getsource(restore))
restore(backup_file, stock_url)
restored = contents(stock_url)
print("tables:", ", ".join(name for kind, name, _, _ in restored[0] if kind == "table"))
print("alembic_version:", restored[1]["alembic_version"])
print("identical to the backup:", restored == contents(f"sqlite:///{backup_file}"))

# %% [markdown]
# ## 4. Drift: a change made by hand
#
# A slow page, a SQL console, and someone fixes it on the live database without a
# migration: a `notes` column and an index on `events.name`. `alembic_version` still
# says head, so `alembic upgrade head` has nothing to do. The change is invisible,
# until something compares the database with the models.

# %%
with engine.begin() as connection:
    for statement in OUT_OF_BAND_CHANGES:
        print(statement)
        connection.exec_driver_sql(statement)
print("recorded revision, still:", current_revision(engine))

# %% [markdown]
# ### Detect it
#
# `alembic check` compares the database with the models, the way autogenerate does,
# and fails when a revision would have something to do: a gate for CI or for a
# deploy. The models know nothing of the hand-made changes, so it wants to remove
# them. In Python, `compare_metadata` returns the same list of operations (the
# lifecycle's `drift` function wraps it).

# %%
from tools.outputs.transcript import alembic

code, transcript = alembic("check", url)
print(transcript, end="")
print("exit code:", code)

# %%
print(inspect.getsource(drift))
print(drift_report(drift(engine)), end="")

# %% [markdown]
# ### Resolve it with a new revision
#
# The team decides the change was right and keeps it. Deleting it by hand would
# only move the drift; keeping it means the models describe it and a revision
# creates it on every other database. The revision must also run on this one, where
# the column and index exist already, so it checks before adding. Here the models
# change in memory (in a project you edit `models.py`), and the revision goes into
# the temporary copy of `versions/`:

# %%
from examples.app.models import Base

events = Base.metadata.tables["events"]
events.append_column(sa.Column("notes", sa.Text()))
sa.Index("ix_events_name", events.c.name)

next_id = f"{int(head) + 1:04d}"
adopt = f'''"""keep the notes column and name index added by hand

They were added to the live database without a migration (drift). Every other
database gets them here; where they exist already, nothing is done.

Revision ID: {next_id}
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "{next_id}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    columns = {{c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}}
    if "notes" not in columns:
        op.add_column("events", sa.Column("notes", sa.Text()))
    op.create_index("ix_events_name", "events", ["name"], if_not_exists=True)


def downgrade():
    op.drop_index("ix_events_name", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("notes")
'''
(versions / "fails_halfway.py").unlink()  # the broken revision is not part of this story
(versions / f"{next_id}_keep_hand_made_notes_and_index.py").write_text(adopt)
print(adopt)

# %% [markdown]
# Upgrading the drifted database records the change, and `alembic check` (here
# `command.check`, on the copy of `versions/`) finds nothing left to do. The same
# revision on the backup, a database that never saw the hand-made change, creates
# the column and index, so both databases end up with the same schema.

# %%
command.upgrade(config, "head")
command.check(config)  # raises AutoGenerateDiffsDetected on any difference
print("drifted database now at:", current_revision(engine))

clean_url = f"sqlite:///{workdir / 'from-backup.db'}"
restore(backup_file, clean_url)
clean_config = handbook_config(make_engine(clean_url, foreign_keys=False))
clean_config.set_main_option("version_locations", str(versions))
command.upgrade(clean_config, "head")
command.check(clean_config)
same = contents(clean_url)[0] == contents(url)[0]
print("backup upgraded to", next_id, "has the same schema as the drifted database:", same)

# %%
engine.dispose()
shutil.rmtree(workdir)
