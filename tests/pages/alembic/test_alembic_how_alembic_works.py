"""docs/alembic/how-alembic-works.md: the script directory, configuration, the
revision chain, alembic_version, and what each command does to a database."""

import contextlib
import io

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError

from tools.outputs.scenarios.alembic_how_alembic_works import (
    SCRATCH_IDS,
    revision_graph,
)
from tools.outputs.sql_capture import handbook_config, is_bookkeeping, recording
from tools.outputs.transcript import alembic


def state(url: str) -> tuple[list[str], list[str] | None]:
    """(tables, alembic_version rows or None when there is no such table)."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        tables = sorted(sa.inspect(connection).get_table_names())
        versions = None
        if "alembic_version" in tables:
            versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    engine.dispose()
    return tables, versions


def schema_sql(url: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all()
    engine.dispose()
    return rows


@pytest.fixture
def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(handbook_config())


@pytest.fixture
def scratch(tmp_path) -> Config:
    """A project as `alembic init` writes it, with two revisions whose ids share 'ae10'."""
    config = Config(str(tmp_path / "alembic.ini"), stdout=io.StringIO())
    with contextlib.redirect_stdout(io.StringIO()):
        command.init(config, str(tmp_path / "migrations"))
    config = Config(str(tmp_path / "alembic.ini"), stdout=io.StringIO())
    config.set_main_option("script_location", str(tmp_path / "migrations"))
    previous = None
    for rev_id in SCRATCH_IDS:
        previous = command.revision(config, message=f"revision {rev_id}", rev_id=rev_id, head=previous or "base").revision
    return config


def test_init_writes_a_script_directory_and_alembic_ini(tmp_path):
    """`alembic init migrations` writes env.py, script.py.mako, an empty versions/
    folder and alembic.ini, whose script_location points at the folder."""
    code, _ = alembic("init migrations", "sqlite:///unused.db", cwd=tmp_path)
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "migrations").iterdir()) == ["README", "env.py", "script.py.mako", "versions"]
    assert list((tmp_path / "migrations" / "versions").iterdir()) == []
    assert "script_location = %(here)s/migrations" in (tmp_path / "alembic.ini").read_text()


def test_pyproject_template_moves_the_settings_to_tool_alembic(tmp_path):
    """With `--template pyproject`, script_location lives in pyproject.toml's
    [tool.alembic]; alembic.ini keeps only the database URL and logging."""
    code, _ = alembic("init --template pyproject migrations", "sqlite:///unused.db", cwd=tmp_path)
    assert code == 0
    assert 'script_location = "%(here)s/migrations"' in (tmp_path / "pyproject.toml").read_text()
    ini = (tmp_path / "alembic.ini").read_text()
    assert "script_location" not in ini.replace("# script_location", "")
    assert "sqlalchemy.url" in ini and "[loggers]" in ini


def test_revision_graph_follows_down_revision(script):
    """The diagram has one arrow per down_revision link, and the chain from the
    head walks back to base through every revision."""
    graph = revision_graph()
    revisions = list(script.walk_revisions())
    links = [(down, revision.revision) for revision in revisions for down in revision._normalized_down_revisions or ("base",)]
    for down, up in links:
        source = "base" if down == "base" else f"r{down}"
        assert f"    {source} --> r{up}\n" in graph
    assert graph.count("-->") == len(links)
    assert revisions[-1].down_revision is None and revisions[0].revision == script.get_current_head()


def test_current_and_heads_create_nothing(alembic_cfg, database_url):
    """`alembic current` reads alembic_version but does not create it; `heads` and
    `history` read only the scripts."""
    command.current(alembic_cfg)
    assert state(database_url) == ([], None)
    with contextlib.redirect_stdout(io.StringIO()):
        command.heads(alembic_cfg)
        command.history(alembic_cfg)
    assert state(database_url) == ([], None)


def test_alembic_version_holds_one_row_per_head(alembic_cfg, database_url, script):
    command.upgrade(alembic_cfg, "head")
    assert state(database_url)[1] == [script.get_current_head()]


def test_relative_ids_step_one_revision(alembic_cfg, database_url, script):
    """`upgrade +1` from an empty database applies the first revision only;
    `downgrade -1` from the head undoes the head only."""
    command.upgrade(alembic_cfg, "+1")
    assert state(database_url)[1] == ["0001"]
    command.upgrade(alembic_cfg, "head")
    command.downgrade(alembic_cfg, "-1")
    assert state(database_url)[1] == [script.get_revision(script.get_current_head()).down_revision]


def test_downgrade_base_leaves_an_empty_alembic_version(alembic_cfg, database_url):
    """Downgrading to base drops every table of the app but keeps alembic_version, with no row."""
    command.upgrade(alembic_cfg, "0002")
    command.downgrade(alembic_cfg, "base")
    assert state(database_url) == (["alembic_version"], [])


def test_stamp_writes_the_version_row_and_nothing_else(database_url, tmp_path):
    """`alembic stamp 0002` on a database at 0001 sends only alembic_version
    statements: no table is created, the record simply says 0002."""
    from examples.app.db import make_engine

    engine = make_engine(database_url, foreign_keys=False)
    command.upgrade(handbook_config(engine), "0001")
    with recording(engine) as sent:
        command.stamp(handbook_config(engine), "0002")
    engine.dispose()
    assert sent and all(is_bookkeeping(s) for s in sent)
    assert any("UPDATE alembic_version" in s for s in sent)
    assert state(database_url) == (["alembic_version", "users"], ["0002"])


def test_downgrade_after_a_false_stamp_fails_and_changes_nothing(alembic_cfg, database_url):
    """After stamping 0002 over a schema at 0001, downgrading runs 0002's downgrade
    against tables that are not there: it fails, and the handbook env rolls back."""
    command.upgrade(alembic_cfg, "0001")
    command.stamp(alembic_cfg, "0002")
    with pytest.raises(sa.exc.OperationalError, match="no such index: ix_events_starts_at"):
        command.downgrade(alembic_cfg, "0001")
    assert state(database_url) == (["alembic_version", "users"], ["0002"])


def test_failed_downgrade_undoes_the_revisions_it_already_ran(alembic_cfg, database_url, script):
    """`downgrade base` from the head runs several downgrades, then one refuses
    (an irreversible revision): the whole command is rolled back, schema and version."""
    command.upgrade(alembic_cfg, "head")
    command.downgrade(alembic_cfg, "-1")
    before = state(database_url)
    schema_before = schema_sql(database_url)
    with pytest.raises(CommandError, match="is irreversible"):
        command.downgrade(alembic_cfg, "base")
    assert state(database_url) == before
    assert schema_sql(database_url) == schema_before
    assert before[1] == [script.get_revision(script.get_current_head()).down_revision]


def test_offline_mode_writes_sql_and_never_connects(tmp_path, monkeypatch):
    """`alembic upgrade 0002 --sql` prints the SQL, and no database file appears."""
    url = f"sqlite:///{tmp_path / 'never.db'}"
    code, text = alembic("upgrade 0002 --sql", url)
    assert code == 0
    assert "CREATE TABLE users" in text and "INSERT INTO alembic_version" in text
    assert not (tmp_path / "never.db").exists()


def test_a_unique_prefix_of_any_length_names_a_revision(scratch):
    """Any prefix that exactly one id starts with names it, one character included;
    an ambiguous one is a resolution error. The four characters Alembic's message
    asks for are a minimum length of the *id*: a shorter id is only found whole."""
    for rev_id in ("c3d4e5f6a7b8", "f00"):
        command.revision(scratch, message=f"revision {rev_id}", rev_id=rev_id, head="base", splice=True)
    revisions = ScriptDirectory.from_config(scratch).revision_map
    assert revisions.get_revision("c").revision == "c3d4e5f6a7b8"
    assert revisions.get_revision("ae102").revision == SCRATCH_IDS[0]
    assert revisions.get_revision("ae10b").revision == SCRATCH_IDS[1]
    with pytest.raises(ResolutionError, match="Multiple revisions start with 'ae10'"):
        revisions.get_revision("ae10")
    assert revisions.get_revision("f00").revision == "f00"
    with pytest.raises(ResolutionError, match="No such revision or branch 'f0'; please ensure at least four characters"):
        revisions.get_revision("f0")


ENV_PY_RAN = "open('env-py-ran', 'a').write('ran\\n')\n"


@pytest.mark.parametrize(
    ("command_line", "runs_env_py"),
    [
        ("history", False),
        ("heads", False),
        ('revision -m "plain"', False),
        ("current", True),
        ("upgrade head", True),
        ("upgrade head --sql", True),
        ('revision --autogenerate -m "compare"', True),
    ],
)
def test_env_py_runs_for_database_commands_and_not_for_history_or_heads(tmp_path, command_line, runs_env_py):
    """A project as `alembic init` writes it, its env.py marking each run in a file:
    commands that reach the database (or write its SQL) run env.py, the ones that
    only read the revision files do not."""
    alembic("init migrations", None, cwd=tmp_path)
    ini = tmp_path / "alembic.ini"
    ini.write_text(ini.read_text().replace("driver://user:pass@localhost/dbname", "sqlite:///scratch.db"))
    env_py = tmp_path / "migrations" / "env.py"
    with_metadata = env_py.read_text().replace("target_metadata = None", "import sqlalchemy\ntarget_metadata = sqlalchemy.MetaData()")
    env_py.write_text(ENV_PY_RAN + with_metadata)
    alembic('revision -m "first" --rev-id 0001', None, cwd=tmp_path)
    alembic("upgrade head", None, cwd=tmp_path)  # autogenerate compares a database at head
    (tmp_path / "env-py-ran").unlink()
    code, text = alembic(command_line, None, cwd=tmp_path)
    assert code == 0, text
    assert (tmp_path / "env-py-ran").exists() == runs_env_py


def test_partial_and_relative_ids_in_commands(tmp_path):
    """On the command line: `upgrade ae102` then `upgrade ae102+1` reach the second revision."""
    alembic("init migrations", "sqlite:///unused.db", cwd=tmp_path)
    ini = tmp_path / "alembic.ini"
    ini.write_text(ini.read_text().replace("driver://user:pass@localhost/dbname", "sqlite:///scratch.db"))
    previous = "base"
    for rev_id in SCRATCH_IDS:
        alembic(f'revision -m "r {rev_id}" --rev-id {rev_id} --head {previous}', "sqlite:///unused.db", cwd=tmp_path)
        previous = rev_id
    assert alembic("upgrade ae10", "sqlite:///unused.db", cwd=tmp_path)[1].endswith(
        "FAILED: Can't locate revision identified by 'ae10'\n"
    )
    assert alembic("upgrade ae102", "sqlite:///unused.db", cwd=tmp_path)[0] == 0
    assert state(f"sqlite:///{tmp_path / 'scratch.db'}")[1] == [SCRATCH_IDS[0]]
    assert alembic("upgrade ae102+1", "sqlite:///unused.db", cwd=tmp_path)[0] == 0
    assert state(f"sqlite:///{tmp_path / 'scratch.db'}")[1] == [SCRATCH_IDS[1]]
