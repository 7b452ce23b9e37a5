"""Outputs of docs/alembic/transactions.md: the stock env.py and the handbook's,
each running a revision that fails halfway, and the table of every setting."""

import shutil
import tempfile
from pathlib import Path

from examples.alembic_transactions import projects
from tools.outputs.scenarios import scenario
from tools.outputs.transcript import alembic, python_module

SHOW = "examples.alembic_transactions.projects"


def copy_projects(workdir: Path) -> None:
    """The mini-projects at the same relative path as in the repository, so the
    commands read as a reader types them from the repository root."""
    target = workdir / "examples" / "alembic_transactions"
    shutil.copytree(projects.HERE, target, ignore=shutil.ignore_patterns("__pycache__", "settings", "*.db"))


def session(project: str, workdir: Path) -> dict[str, str]:
    ini = f"examples/alembic_transactions/{project}/alembic.ini"
    db = f"examples/alembic_transactions/{project}/{project}.db"  # where alembic.ini puts it
    url = f"sqlite:///{workdir / db}"  # unused by these env.py files: they read alembic.ini

    def run(args: str) -> str:
        return alembic(f"-c {ini} {args}", url, cwd=workdir)[1]

    def show() -> str:
        return python_module(SHOW, url, db, cwd=workdir)[1]

    outputs = {
        f"{project}-upgrade-0001.txt": run("upgrade 0001"),
        f"{project}-upgrade-head.txt": run("upgrade head"),
        f"{project}-state.txt": show(),
        f"{project}-rerun.txt": run("upgrade head"),
    }
    return outputs


@scenario("alembic-transactions")
def transactions() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        copy_projects(workdir)
        outputs = {**session("stock", workdir), **session("handbook", workdir)}
        # The recovery with the handbook env: fix the data, run the same command.
        shown = "examples/alembic_transactions/handbook/handbook.db"
        db = workdir / shown
        deleted = projects.remove_duplicate_emails(db)
        outputs["handbook-fixed-data.txt"] = f"deleted {deleted} duplicate account(s)\n" + alembic(
            "-c examples/alembic_transactions/handbook/alembic.ini upgrade head", f"sqlite:///{db}", cwd=workdir
        )[1] + python_module(SHOW, f"sqlite:///{db}", shown, cwd=workdir)[1]
        outputs["settings-outcomes.md"] = outcome_table(projects.try_every_setting(workdir))
    return outputs


def yes_no(value: bool | None) -> str:
    return {None: "default (False)", True: "True", False: "False"}[value]


def short_error(error: str | None) -> str:
    if error is None:
        return "succeeds"
    return "fails: `" + error.split(") ", 1)[-1] + "`"


def outcome_table(trials: list[projects.Trial]) -> str:
    lines = [
        "| Driver fix | `transactional_ddl` | `transaction_per_migration` "
        "| Tables left after the failure | `alembic_version` | Rows in `accounts` | The same command again |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for trial in trials:
        s, state = trial.settings, trial.first.state
        tables = ", ".join(f"`{t}`" for t in state.tables) or "none"
        lines.append(
            f"| {'yes' if s.driver_fix else 'no'} | {yes_no(s.transactional_ddl)} | {s.transaction_per_migration} "
            f"| {tables} | {', '.join(state.versions) or 'no row'} "
            f"| {'no table' if state.accounts is None else state.accounts} | {short_error(trial.rerun.error)} |"
        )
    return "\n".join(lines) + "\n"
