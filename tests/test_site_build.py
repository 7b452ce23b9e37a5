"""The site builds in strict mode, and a broken page stops the build with its name."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
PROJECT_PARTS = ["docs", "migrations", "examples", "tools", "tests", "overrides", "mkdocs.yml", "alembic.ini", "pyproject.toml"]


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    # Not --quiet: it hides warnings, and strict mode then has none to count.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project to break on purpose."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", ".cache")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=ignore)
        else:
            copy.mkdir(exist_ok=True)
            shutil.copy2(source, copy / part)
    return copy


def test_strict_build_succeeds(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "tutorial" / "first-migration" / "index.html").is_file()


def test_pages_show_embedded_code_and_generated_output(built_site):
    html = (built_site / "tutorial" / "first-migration" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "op.create_table(" in text  # the revision scripts
    assert "Running upgrade 0001 -&gt; 0002, create events table" in text  # a transcript
    assert "--8&lt;--" not in text  # no include left unexpanded


def test_built_pages_request_nothing_from_other_hosts(built_site):
    """No Google Fonts, no CDN: scripts, styles and fonts all come from the site."""
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag) and 'rel="canonical"' not in tag:
                offenders.append(f"{page.relative_to(built_site)}: {tag}")
    assert not offenders, "\n".join(offenders)


BREAKAGES = {
    "missing snippet file": (
        '--8<-- "migrations/versions/0001_create_users.py:upgrade"',
        '--8<-- "migrations/versions/0001_create_user.py:upgrade"',
        "embeds 'migrations/versions/0001_create_user.py', which does not exist",
    ),
    "missing named section": (
        '--8<-- "migrations/versions/0001_create_users.py:upgrade"',
        '--8<-- "migrations/versions/0001_create_users.py:upgrad"',
        "has no `--8<-- [start:upgrad]` marker",
    ),
    "broken internal link": (
        "(../index.md#run-it-on-your-machine)",
        "(../install.md)",
        "contains a link '../install.md', but the target 'install.md' is not found",
    ),
    "broken anchor": (
        "(../index.md#run-it-on-your-machine)",
        "(../index.md#run-it-on-my-machine)",
        "does not contain an anchor '#run-it-on-my-machine'",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.replace(" ", "-"))
def test_broken_page_fails_the_build_naming_the_page(project_copy, tmp_path, breakage):
    old, new, message = BREAKAGES[breakage]
    page = project_copy / "docs" / "tutorial" / "first-migration.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")

    result = build(project_copy, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite a {breakage}"
    assert "first-migration.md" in output, output
    assert message in output, output
