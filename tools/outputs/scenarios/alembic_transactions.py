"""Outputs of docs/alembic/transactions.md: the stock env.py and the handbook's,
each running a revision that fails halfway, the table of every setting, and the
table of every engine (SQLite, and private PostgreSQL and MariaDB servers)."""

import shutil
import tempfile
from pathlib import Path

from examples.alembic_transactions import projects
from tools.engines import shared
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
        outputs["engine-outcomes.md"] = engine_table(every_engine(workdir))
    return outputs


ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}


def every_engine(workdir: Path) -> list[projects.EngineTrial]:
    """Both mini-projects on each engine, each on a new empty database."""
    new_database = {
        "sqlite": lambda name: workdir / f"engines-{name}.db",
        "postgresql": lambda name: shared.postgresql().create_database(),
        "mariadb": lambda name: shared.mariadb().create_database(),
    }
    return [
        projects.try_on_engine(project, engine, new_database[engine](project))
        for engine in ENGINE_NAMES
        for project in ("stock", "handbook")
    ]


def what_to_do(trial: projects.EngineTrial) -> str:
    if trial.left_behind:
        return f"drop {code_list(trial.left_behind)} by hand, fix the data, run it again"
    return "fix the data, run it again"


def code_list(names: tuple[str, ...], empty: str = "none") -> str:
    return ", ".join(f"`{name}`" for name in names) or empty


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def engine_table(trials: list[projects.EngineTrial]) -> str:
    header = ["Engine", "`env.py`", "Left behind by the failed `0002`", "`alembic_version`", "Rows in `accounts`",
              "The same command again", "What you must do"]
    return markdown_table(header, [
        [ENGINE_NAMES[t.engine], t.project, code_list(t.left_behind, "nothing"),
         ", ".join(t.first.state.versions) or "no row", t.first.state.accounts, short_error(t.rerun.error),
         what_to_do(t)]
        for t in trials
    ])


def yes_no(value: bool | None) -> str:
    return {None: "default (False)", True: "True", False: "False"}[value]


def short_error(error: str | None) -> str:
    if error is None:
        return "succeeds"
    return "fails: `" + error.split(") ", 1)[-1] + "`"


def outcome_table(trials: list[projects.Trial]) -> str:
    header = ["Driver fix", "`transactional_ddl`", "`transaction_per_migration`", "Tables left after the failure",
              "`alembic_version`", "Rows in `accounts`", "The same command again"]
    return markdown_table(header, [
        ["yes" if t.settings.driver_fix else "no", yes_no(t.settings.transactional_ddl),
         t.settings.transaction_per_migration, code_list(t.first.state.tables),
         ", ".join(t.first.state.versions) or "no row",
         "no table" if t.first.state.accounts is None else t.first.state.accounts, short_error(t.rerun.error)]
        for t in trials
    ])
