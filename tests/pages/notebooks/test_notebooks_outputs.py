"""The notebooks in docs/notebooks/, executed directly (as the site build does, without
building the site): every cell runs, and the outputs say what the text around them says."""

import re

import nbformat
import pytest
from alembic.script import ScriptDirectory

from examples.notebooks_step_through_migrations.walkthrough import SAMPLE_ROWS
from tools.outputs.sql_capture import handbook_config
from tools.site.notebooks import ROOT, execute_all, notebook_paths, text_outputs

# The notebooks run once for this module: its tests on one worker.
pytestmark = pytest.mark.xdist_group("notebooks-outputs")


@pytest.fixture(scope="module")
def executed() -> dict[str, nbformat.NotebookNode]:
    """Every notebook, run once for this module, all kernels at once."""
    return {path.stem: notebook for path, notebook in execute_all(notebook_paths()).items()}


@pytest.fixture(scope="module")
def chain() -> list[str]:
    script = ScriptDirectory.from_config(handbook_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def outputs(executed, name: str) -> str:
    return text_outputs(executed[name])


def cell_outputs(executed, name: str, source_part: str) -> str:
    """The text outputs of the one code cell whose source contains `source_part`."""
    (cell,) = [c for c in executed[name].cells if c.cell_type == "code" and source_part in c.source]
    return text_outputs(nbformat.v4.new_notebook(cells=[cell]))


def test_every_notebook_runs_to_the_end(executed):
    """No cell raised (execute_all would have), and every code cell ran, in order."""
    assert sorted(executed) == sorted(p.stem for p in notebook_paths())
    for name, notebook in executed.items():
        counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1)), name


def test_step_through_walks_up_the_whole_chain(executed, chain):
    """One step per revision found in migrations/versions, in chain order, each with its SQL."""
    text = outputs(executed, "step-through-migrations")
    listed = re.findall(r"^(\S+)  follows ", text, flags=re.MULTILINE)
    assert listed == chain
    assert f"**SQL of upgrade {chain[0]}**" in text
    assert "CREATE TABLE users (" in text
    for revision in chain[1:]:
        assert f"### Upgrade to {revision}: " in text
        assert f"**SQL of upgrade {revision}**" in text
    assert f"current revision: {chain[-1]} (head)" in text


def test_step_through_seeds_rows_that_later_steps_keep(executed):
    text = outputs(executed, "step-through-migrations")
    assert f"inserted: {{'users': {len(SAMPLE_ROWS['users'])}}}" in text
    assert SAMPLE_ROWS["users"][0]["email"] in text  # as typed, before any revision cleans it
    assert f"`users`: {len(SAMPLE_ROWS['users'])} rows kept, every value unchanged." in text


def test_step_through_downgrades_and_says_what_data_is_lost(executed, chain):
    """Down one revision at a time until the base or an irreversible revision, which
    refuses and changes nothing; rows that went with a dropped table do not come back
    when upgrading again."""
    text = outputs(executed, "step-through-migrations")
    down_section = text[text.index("### Downgrade "):text.rindex("current revision:")]
    up_again = text[text.rindex("current revision:"):]
    downgraded = re.findall(r"^### Downgrade (\S+) → ", text, flags=re.MULTILINE)
    refused = re.findall(r"^### Downgrade of (\S+) refused", text, flags=re.MULTILINE)
    newest_first = list(reversed(chain))
    assert downgraded == newest_first[: len(downgraded)]
    if refused:
        assert refused == [newest_first[len(downgraded)]]
        assert re.search(r"\*\*The error\*\*\n\n```text\n\w+Error: .+", down_section)
        assert "**Database unchanged**\n\n```text\nTrue\n```" in text
        assert f"current revision: {refused[0]}" in text
    else:
        assert downgraded == newest_first
        assert "current revision: None" in text
    lost = re.findall(r"`(\w+)` was dropped: its \d+ rows? (?:is|are) gone", down_section)
    assert lost, "no downgrade dropped a table with rows: the notebook shows no data loss"
    assert any(f"`{table}` is new, with 0 rows." in up_again for table in lost)
    assert f"current revision: {chain[-1]}" in up_again


def test_break_and_recover_failed_revision_changes_nothing_with_the_handbook_env(executed):
    backup = cell_outputs(executed, "break-and-recover", "backup_file = backup(")
    assert "identical to the live database: True" in backup
    handbook = cell_outputs(executed, "break-and-recover", "after = attempt_upgrade(config, url)")
    assert "upgrade failed: the deploy was killed halfway through this revision\n" in handbook, handbook
    assert "database unchanged: True" in handbook, handbook


def test_break_and_recover_stock_env_leaves_half_a_revision_then_restore_fixes_it(executed, chain):
    """The stock `alembic init` env: new table and batch leftover kept, version not bumped,
    a re-run fails on the leftover; restoring the backup gives back the exact database."""
    stock = cell_outputs(executed, "break-and-recover", "half = attempt_upgrade(stock, stock_url)")
    assert "upgrade failed: the deploy was killed halfway through this revision\n" in stock, stock
    (half_tables,) = re.findall(r"^tables: (.*)$", stock, flags=re.MULTILINE)
    assert {"_alembic_tmp_users", "audit_log"} <= set(half_tables.split(", ")), stock
    assert f"alembic_version: [('{chain[-1]}',)]" in stock, stock
    again = cell_outputs(executed, "break-and-recover", "second attempt failed")
    assert again == "second attempt failed: table audit_log already exists\n", again
    restored = cell_outputs(executed, "break-and-recover", "restored = contents(stock_url)")
    assert "identical to the backup: True" in restored, restored


def test_break_and_recover_detects_drift_and_resolves_it_with_a_revision(executed, chain):
    text = outputs(executed, "break-and-recover")
    drift_part = text[text.index("recorded revision, still:") :]
    assert f"recorded revision, still: {chain[-1]}" in drift_part
    assert "$ alembic check" in drift_part and "exit code: 255" in drift_part
    assert "New upgrade operations detected" in drift_part
    assert "('remove_column', None, 'events', Column('notes'" in drift_part
    assert "No new upgrade operations detected." in drift_part
    resolved = f"{int(chain[-1]) + 1:04d}"
    assert f"drifted database now at: {resolved}" in drift_part
    assert f"backup upgraded to {resolved} has the same schema as the drifted database: True" in drift_part


def test_notebooks_leave_the_repository_alone(executed):
    """The notebooks work in temporary folders: nothing appears next to them in the clone,
    and the revisions they write never reach migrations/versions."""
    assert not list((ROOT / "docs").rglob("*.db"))
    revision_files = [p.name for p in (ROOT / "migrations" / "versions").glob("*.py")]
    assert not [name for name in revision_files if "fails_halfway" in name or "hand_made" in name]
    assert [p.suffix for p in (ROOT / "docs" / "notebooks").iterdir() if p.name != "__pycache__"] == [".py"] * len(
        executed
    )
