"""Step 8, version control: two heads are a real error, `alembic merge` joins
them, and the demonstration never touches the real chain."""

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from examples.lifecycle.two_heads import ROOT, add_branch_revisions, throwaway_project
from tools.outputs.sql_capture import handbook_config
from tools.outputs.transcript import alembic


@pytest.fixture
def project(tmp_path) -> tuple[Path, str]:
    """A copy of the project whose database is at 0012, with both branches' revisions added."""
    folder = throwaway_project(tmp_path)
    url = f"sqlite:///{tmp_path / 'handbook.db'}"
    assert alembic("upgrade head", url, cwd=folder)[0] == 0
    add_branch_revisions(folder)
    return folder, url


def test_two_heads_make_upgrade_head_fail_and_change_nothing(project):
    """Two revisions on 0012: `alembic heads` lists both, `alembic upgrade head` fails with
    Alembic's real error, and the database stays at 0012."""
    folder, url = project
    assert alembic("heads", url, cwd=folder)[1].splitlines()[1:] == ["0013a (head)", "0013b (head)"]
    code, text = alembic("upgrade head", url, cwd=folder)
    assert code == 255
    assert "FAILED: Multiple head revisions are present for given argument 'head'" in text
    assert alembic("current", url, cwd=folder)[1].endswith("0012 (branchpoint)\n")


def test_merge_joins_both_heads_and_upgrade_head_works_again(project):
    """The merge revision lists both heads as down_revision; upgrading runs the
    two branch revisions, then the merge point."""
    folder, url = project
    assert alembic('merge heads -m "merge branches" --rev-id 0014', url, cwd=folder)[0] == 0
    config = handbook_config()
    config.set_main_option("script_location", str(folder / "migrations"))
    merge = ScriptDirectory.from_config(config).get_revision("0014")
    assert set(merge.down_revision) == {"0013a", "0013b"}
    code, text = alembic("upgrade head", url, cwd=folder)
    assert code == 0
    assert text.index("-> 0013a") < text.index("0013a, 0013b -> 0014")
    assert text.index("-> 0013b") < text.index("0013a, 0013b -> 0014")
    assert alembic("current", url, cwd=folder)[1].endswith("0014 (head) (mergepoint)\n")


def test_the_demonstration_leaves_the_real_chain_alone(project):
    """The branch revisions and the merge exist only in the copy."""
    real = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert not [name for name in real if name.startswith(("0013", "0014"))]
    assert ScriptDirectory.from_config(handbook_config()).get_heads() == ["0012"]


def test_the_copy_command_refuses_an_existing_folder(tmp_path, capsys):
    """`python -m examples.lifecycle.two_heads FOLDER` never writes into a folder that exists."""
    from examples.lifecycle.two_heads import main

    (tmp_path / "two-heads").mkdir()
    assert main([str(tmp_path / "two-heads")]) == 1
    assert "exists already" in capsys.readouterr().err
    assert list((tmp_path / "two-heads").iterdir()) == []
