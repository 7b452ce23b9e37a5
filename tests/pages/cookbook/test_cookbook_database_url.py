"""docs/cookbook/database-url.md: env.py takes the URL from HANDBOOK_DATABASE_URL,
else from alembic.ini; a `%` in a URL meets ConfigParser's interpolation twice."""

import pytest
from alembic.config import Config
from sqlalchemy.engine import make_url

from tools.outputs.scenarios._cookbook import add, build, replace_line, run
from tools.outputs.scenarios.cookbook_database_url import (
    ESCAPED,
    INI_LINE,
    POSTGRES_URL,
    RAW,
)


@pytest.fixture
def project(tmp_path):
    return build("database_url", tmp_path / "project")


def test_the_environment_variable_wins_over_alembic_ini(project):
    """With HANDBOOK_DATABASE_URL set, the upgrade goes to that database; the ini's
    app.db is not created."""
    run(project, "upgrade head", url="sqlite:///from-env.db")
    assert (project / "from-env.db").exists()
    assert not (project / "app.db").exists()


def test_without_the_variable_alembic_ini_decides(project):
    run(project, "upgrade head", url=None)
    assert (project / "app.db").exists()


def test_a_raw_percent_in_alembic_ini_fails_before_connecting(project):
    """`%40` in the ini is read as the start of an interpolation: ConfigParser raises
    InterpolationSyntaxError and no database is touched."""
    replace_line(project / "alembic.ini", INI_LINE, RAW)
    text = run(project, "current", expect=1, url=None)
    assert text.rstrip().endswith(
        "configparser.InterpolationSyntaxError: '%' must be followed by '%' or '(', found: '%40ss@db.internal/app'"
    )
    assert list(project.glob("*.db")) == []


def test_a_doubled_percent_reads_back_as_the_real_url(project):
    """`%%40` in the ini reads back as `%40`, which the URL parser decodes to `@`:
    the password is `p@ss`. Offline SQL generation with it uses the PostgreSQL dialect."""
    replace_line(project / "alembic.ini", INI_LINE, ESCAPED)
    url = Config(str(project / "alembic.ini")).get_main_option("sqlalchemy.url")
    assert url == POSTGRES_URL
    assert make_url(url).password == "p@ss"
    assert "Context impl PostgresqlImpl." in run(project, "upgrade 0001 --sql", url=None)


def test_set_main_option_breaks_on_a_percent_and_passing_the_url_directly_does_not(project):
    """Copying the variable into the config with set_main_option() raises ValueError
    on the `%`; the cookbook's env.py hands the same URL straight to Alembic and works."""
    text = run(project, "upgrade 0001 --sql", url=POSTGRES_URL)
    assert "Context impl PostgresqlImpl." in text
    add("database_url", project, "env.py", "env_set_main_option.py")
    text = run(project, "upgrade 0001 --sql", expect=1, url=POSTGRES_URL)
    assert text.rstrip().endswith(
        "ValueError: invalid interpolation syntax in 'postgresql://app:p%40ss@db.internal/app' at position 18"
    )
