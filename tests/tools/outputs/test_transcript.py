"""Transcripts recorded in-process are what a shell shows for the same command."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.common import ROOT
from tools.outputs.transcript import alembic, python_module

BIN = Path(sys.executable).parent


def shell(command: str, database_url: str) -> tuple[int, str]:
    env = {**os.environ, "HANDBOOK_DATABASE_URL": database_url}
    result = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return result.returncode, f"$ {command}\n{result.stdout}"


@pytest.mark.parametrize(
    "args", ["upgrade 0001", "history", "current", "upgrade nonexistent"], ids=lambda a: a.replace(" ", "-")
)
def test_alembic_in_process_equals_a_real_shell(args, tmp_path):
    """The transcript helper runs Alembic in-process for speed; a real `alembic`
    process on an identical database prints the same text and exit code."""
    ours = alembic(args, f"sqlite:///{tmp_path / 'ours.db'}")
    code, text = shell(f"{BIN / 'alembic'} {args}", f"sqlite:///{tmp_path / 'shell.db'}")
    assert ours == (code, text.replace(str(BIN / "alembic"), "alembic", 1))


def test_python_module_in_process_equals_a_real_shell(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.db'}"
    alembic("upgrade 0002", url)
    ours = python_module("examples.app.show_schema", url)
    code, text = shell(f"{BIN / 'python'} -m examples.app.show_schema", url)
    assert ours == (code, text.replace(str(BIN / "python"), "python", 1))
    assert "users" in ours[1]


def test_failing_command_reports_its_exit_code_and_message(tmp_path):
    code, text = alembic("upgrade nonexistent", f"sqlite:///{tmp_path / 'db.db'}")
    assert code == 255  # Alembic exits with -1
    assert "FAILED: Can't locate revision identified by 'nonexistent'" in text


def test_uncaught_exception_is_shown_as_a_shell_shows_its_last_lines(tmp_path):
    """A command that dies with a Python exception (not Alembic's CommandError) is
    recorded with exit code 1 and the exception's own lines, the frames elided;
    a real shell ends with the same lines."""
    import shutil

    project = tmp_path / "examples" / "alembic_transactions"
    shutil.copytree(ROOT / "examples" / "alembic_transactions", project, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
    args = "-c examples/alembic_transactions/stock/alembic.ini upgrade head"
    code, ours = alembic(args, "sqlite:///unused.db", cwd=tmp_path)
    (project / "stock" / "stock.db").unlink()
    result = subprocess.run(
        f"{BIN / 'alembic'} {args}", shell=True, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert (code, result.returncode) == (1, 1)
    assert "Traceback (most recent call last):\n  ...\nsqlalchemy.exc.IntegrityError:" in ours
    tail = ours.split("  ...\n", 1)[1]
    assert result.stdout.endswith(tail)


def test_no_database_url_means_the_variable_is_unset(tmp_path, monkeypatch):
    """With database_url=None the command runs without HANDBOOK_DATABASE_URL (so
    alembic.ini's URL applies), and the caller's value is restored afterwards."""
    monkeypatch.setenv("HANDBOOK_DATABASE_URL", "sqlite:///callers.db")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = %(here)s\n")
    (tmp_path / "env.py").write_text("import os\nprint('set' if 'HANDBOOK_DATABASE_URL' in os.environ else 'unset')\n")
    (tmp_path / "versions").mkdir()
    assert alembic("current", None, cwd=tmp_path) == (0, "$ alembic current\nunset\n")
    assert alembic("current", "sqlite:///x.db", cwd=tmp_path) == (0, "$ alembic current\nset\n")
    assert os.environ["HANDBOOK_DATABASE_URL"] == "sqlite:///callers.db"


def test_a_cookbook_transcript_shows_no_warning_from_garbage_left_by_earlier_work(tmp_path):
    """Transcripts print every warning the command raises but ResourceWarning, which a reader's
    terminal does not show either: an object other work left in a reference cycle (an unclosed
    connection) may be collected while the command runs, and its warning is not the command's."""
    import warnings

    from tools.outputs.scenarios._cookbook import build, run

    class LeftOpen:
        def __del__(self):
            warnings.warn("a connection of earlier work was left open", ResourceWarning, stacklevel=1)

    project = build("ci_at_head", tmp_path / "project")
    leaked = LeftOpen()
    leaked.cycle = leaked  # only the garbage collector frees it
    del leaked
    assert "left open" not in run(project, "history")
