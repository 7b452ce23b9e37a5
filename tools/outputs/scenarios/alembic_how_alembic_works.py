"""Outputs of docs/alembic/how-alembic-works.md: a project as `alembic init` writes it,
the handbook's revision graph, and what each command does to a database."""

import re
import tempfile
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from tools.outputs.scenarios import scenario
from tools.outputs.sql_capture import handbook_config
from tools.outputs.transcript import alembic

# Commands run in this order on one fresh database; each gets a transcript
# and a row in the before/after table.
COMMANDS = (
    "current",
    "upgrade +1",
    "upgrade +1",
    "downgrade -1",
    "downgrade base",
    "upgrade 0001",
    "stamp 0002",
    "current",
    "downgrade 0001",
    "stamp 0001",
    "upgrade head",
    "downgrade -1",
    "downgrade base",
)
# Ids for the scratch project, chosen to share a prefix: see "Partial ids".
SCRATCH_IDS = ("ae1027a6acf3", "ae10b3c0f5d2")


def database_state(url: str) -> tuple[str, str]:
    """(alembic_version rows, tables) as the table on the page shows them."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(sa.inspect(connection).get_table_names())
            if "alembic_version" in tables:
                rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
                version = ", ".join(f"`{r}`" for r in rows) or "empty"
            else:
                version = "no table"
    finally:
        engine.dispose()
    return version, ", ".join(tables) or "none"


def slug(number: int, command: str) -> str:
    return f"command-{number:02d}-" + re.sub(r"[^a-z0-9]+", "-", command).strip("-") + ".txt"


def commands_on_a_database(url: str) -> dict[str, str]:
    outputs = {}
    rows = [
        "| # | Command | Exit code | `alembic_version` before | after | Tables before | after |",
        "| ---: | --- | ---: | --- | --- | --- | --- |",
    ]
    for number, command in enumerate(COMMANDS, start=1):
        before = database_state(url)
        code, text = alembic(command, url)
        after = database_state(url)
        outputs[slug(number, command)] = text
        rows.append(f"| {number} | `alembic {command}` | {code} | {before[0]} | {after[0]} | {before[1]} | {after[1]} |")
    outputs["commands.md"] = "\n".join(rows) + "\n"
    return outputs


def revision_graph() -> str:
    """A mermaid flowchart of the handbook's revisions, read from its ScriptDirectory."""
    script = ScriptDirectory.from_config(handbook_config())
    heads = set(script.get_heads())
    lines = ["flowchart TB", '    base(("base"))']
    edges = []
    for revision in reversed(list(script.walk_revisions())):
        mark = " (head)" if revision.revision in heads else ""
        label = revision.doc.replace('"', "#quot;")  # mermaid's escape inside a quoted label
        lines.append(f'    r{revision.revision}["{revision.revision}{mark}<br/>{label}"]')
        for down in revision._normalized_down_revisions or ("base",):
            source = "base" if down == "base" else f"r{down}"
            edges.append(f"    {source} --> r{revision.revision}")
    return "\n".join(lines + edges) + "\n"


def scratch_project(workdir: Path) -> dict[str, str]:
    """`alembic init` in an empty folder, then the configuration it wrote."""

    def run(args: str) -> str:
        text = alembic(args, "sqlite:///unused.db", cwd=workdir)[1]
        return text.replace(f"{workdir}/", "")  # the temporary folder, as the reader's "."

    outputs = {"init.txt": run("init migrations")}
    ini = workdir / "alembic.ini"
    settings = [line for line in ini.read_text().splitlines() if line.strip() and not line.startswith("#")]
    outputs["init-alembic-ini.txt"] = "\n".join(settings[: settings.index("[loggers]")]) + "\n"
    # What a reader edits first: the database URL.
    ini.write_text(ini.read_text().replace("driver://user:pass@localhost/dbname", "sqlite:///scratch.db"))
    outputs["revision-1.txt"] = run(f'revision -m "create accounts" --rev-id {SCRATCH_IDS[0]}')
    outputs["revision-2.txt"] = run(f'revision -m "add account email" --rev-id {SCRATCH_IDS[1]}')
    outputs["partial-ambiguous.txt"] = run("show ae10") + run("upgrade ae10")
    outputs["partial-unique.txt"] = run("upgrade ae102") + run("current")
    outputs["partial-relative.txt"] = run("upgrade ae102+1") + run("current")

    pyproject = workdir / "pyproject-template"
    pyproject.mkdir()
    outputs["init-pyproject.txt"] = alembic("init --template pyproject migrations", "sqlite:///unused.db", cwd=pyproject)[
        1
    ].replace(f"{pyproject}/", "")
    toml = [line for line in (pyproject / "pyproject.toml").read_text().splitlines() if line.strip() and not line.startswith("#")]
    outputs["init-pyproject-toml.txt"] = "\n".join(toml) + "\n"
    return outputs


@scenario("alembic-how-alembic-works")
def how_it_works() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        url = f"sqlite:///{workdir / 'handbook.db'}"
        outputs = {
            "heads.txt": alembic("heads", url)[1],
            "history.txt": alembic("history", url)[1],
            "revision-graph.mmd": revision_graph(),
            **commands_on_a_database(url),
        }
        scratch = workdir / "scratch"
        scratch.mkdir()
        outputs.update(scratch_project(scratch))
    return outputs
