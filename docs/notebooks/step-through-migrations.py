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
# # Step through every revision
#
# This notebook takes an empty SQLite file through the handbook's migrations one
# revision at a time. After each step it shows the code the revision runs, the SQL
# SQLite received, the tables and columns that result, and a few rows. Then it walks
# back down to the beginning and shows which data survives each downgrade, and why.
#
# The site runs this notebook on every build, against the migrations in the
# repository: the outputs below are the ones the current code produces. To run it
# yourself, download it (the button at the top of the page), put it anywhere in your
# clone, and open it with the project's virtual environment as the kernel, or run
# `.venv/bin/jupyter execute --inplace step-through-migrations.ipynb`.

# %% [markdown]
# ## Setting up
#
# The kernel starts in the notebook's folder. The first cell finds the clone the
# notebook sits in (the folder with `alembic.ini` and `migrations/`) and imports the
# project's code from there.

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
# The database is a new file in a temporary folder, never the project's
# `var/handbook.db`. Alembic uses the handbook's own `alembic.ini` and `env.py`,
# handed an engine for that file.

# %%
import shutil
import tempfile

import sqlalchemy as sa
from IPython.display import Markdown, display

from examples.app.db import make_engine
from examples.app.show_schema import describe, describe_table
from examples.notebooks_step_through_migrations.walkthrough import (
    changed_tables,
    current_revision,
    data_changes,
    revision_chain,
    rows_text,
    schema_sql,
    seed_new_tables,
    snapshot,
)
from tools.outputs.sql_capture import format_statements, handbook_config, migration_sql

workdir = Path(tempfile.mkdtemp(prefix="step-through-"))
url = f"sqlite:///{workdir / 'handbook.db'}"
engine = make_engine(url)
config = handbook_config()
print("database:", url.removeprefix("sqlite:///").replace(str(workdir), "<temporary folder>"))


def show(title: str, text: str, language: str = "text") -> None:
    """One labelled block of output, as a code block."""
    display(Markdown(f"**{title}**\n\n```{language}\n{text.rstrip()}\n```"))


# %% [markdown]
# ## The chain of revisions
#
# Each revision names the one it follows (`down_revision`). Alembic's
# `ScriptDirectory` reads them from `migrations/versions/` and orders them; this
# notebook never lists them itself, so a new revision shows up here on the next
# build.

# %%
chain = revision_chain(config)
for step in chain:
    print(f"{step.revision}  follows {step.down_revision or '(nothing)':<10} {step.message}")

# %% [markdown]
# ## Step 0: an empty file
#
# Before the first upgrade the file has no tables at all, not even Alembic's
# bookkeeping table, so Alembic reports no current revision.

# %%
print(describe(engine), end="")
print("current revision:", current_revision(engine))

# %% [markdown]
# ## The first step, in detail
#
# `alembic upgrade <revision>` runs the `upgrade()` function of every revision
# between the current one and the target. With the target set to the next revision
# in the chain, that is exactly one function:

# %%
step = chain[0]
show(f"{step.revision}: upgrade()", step.source("upgrade"), "python")

# %% [markdown]
# `migration_sql` runs `alembic upgrade` through the handbook's `env.py` and records
# every statement SQLite receives. Alembic's own reads and writes of
# `alembic_version` are left out, so what remains is what the revision asked for:

# %%
before = snapshot(engine)
statements = migration_sql(url, "upgrade", step.revision)
show(f"SQL of upgrade {step.revision}", format_statements(statements), "sql")

# %% [markdown]
# The first upgrade also created `alembic_version`, a one-row table holding the
# revision the database is at. The new table, read back from the database itself:

# %%
print(describe(engine), end="")
print("current revision:", current_revision(engine))

# %% [markdown]
# A table with no rows teaches little. The notebook adds a few sample rows to each
# table of the app the moment a revision creates it, through bound parameters:
# later revisions then have real data to transform, and downgrades real data to lose.

# %%
print("inserted:", seed_new_tables(url, before))
print(rows_text(snapshot(engine)), end="")

# %% [markdown]
# ## Every other revision, one at a time
#
# The same moves for each remaining revision: its code, the SQL it ran, the tables
# it created or changed (read back from the database), and what happened to the
# rows, found by comparing every table before and after the step.

# %%
for step in chain[1:]:
    before, before_schema = snapshot(engine), schema_sql(engine)
    statements = migration_sql(url, "upgrade", step.revision)
    after = snapshot(engine)
    changed = changed_tables(before_schema, schema_sql(engine))
    seeded = seed_new_tables(url, before)
    display(Markdown(f"### Upgrade to {step.revision}: {step.message}\n\n{step.why}"))
    show(f"{step.revision}: upgrade()", step.source("upgrade"), "python")
    show(f"SQL of upgrade {step.revision}", format_statements(statements), "sql")
    inspector = sa.inspect(engine)
    listing = "\n".join(describe_table(inspector, table) for table in changed)
    show("Tables it created or changed", listing or "(none: this step changed data only)")
    show("What the step did to the data", "\n".join(data_changes(before, after)) or "(no rows yet)")
    if seeded:
        show("Sample rows inserted", ", ".join(f"{n} into {t}" for t, n in seeded.items()))
        after = snapshot(engine)
    show("A few rows", rows_text(after))

print("current revision:", current_revision(engine), "(head)" if current_revision(engine) == chain[-1].revision else "")

# %% [markdown]
# ## Back down, one revision at a time
#
# `alembic downgrade <revision>` runs `downgrade()` functions, newest first. A
# downgrade undoes the *schema*: a dropped table takes its rows with it, a dropped
# column takes its values. Alembic keeps no copy of either, so the question for each
# step is what the database still holds afterwards.
#
# Some changes cannot be undone: a revision that rewrites values without keeping
# the old ones says so, and its `downgrade()` raises instead of guessing. The walk
# stops there. With the handbook's `env.py` the failed downgrade runs in a
# transaction that is rolled back, so the database is left exactly as it was; the
# cell checks that rather than assuming it.

# %%
downgraded = []
for step in reversed(chain):
    before = snapshot(engine)
    try:
        statements = migration_sql(url, "downgrade", step.downgrade_target)
    except Exception as refusal:  # an irreversible revision refuses to go down
        unchanged = snapshot(engine) == before and current_revision(engine) == step.revision
        display(Markdown(f"### Downgrade of {step.revision} refused"))
        show("The error", f"{type(refusal).__name__}: {refusal}")
        show("Database unchanged", str(unchanged))
        break
    after = snapshot(engine)
    downgraded.append(step.revision)
    display(Markdown(f"### Downgrade {step.revision} → {step.downgrade_target}: undo \"{step.message}\""))
    show(f"SQL of downgrade {step.revision}", format_statements(statements), "sql")
    show("What happened to the data", "\n".join(data_changes(before, after)) or "(no data)")

print("current revision:", current_revision(engine))
print(rows_text(snapshot(engine)), end="")

# %% [markdown]
# ## Up again: the schema comes back, the data does not
#
# Upgrading to the head again rebuilds every table and column the downgrades
# removed, and data migrations run again on whatever rows are left. Rows that went
# with a dropped table do not come back: a downgrade is a schema operation, not an
# undo button for data. That is why a migration starts with a backup, and why going
# below an irreversible revision means restoring one (the notebook *Break it and
# recover* does both).

# %%
before = snapshot(engine)
migration_sql(url, "upgrade", "head")
print("current revision:", current_revision(engine))
print("\n".join(data_changes(before, snapshot(engine))))

# %%
engine.dispose()
shutil.rmtree(workdir)
