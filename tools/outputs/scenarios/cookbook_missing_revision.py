"""Outputs of docs/cookbook/missing-revision.md: a database at a revision no file has."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build, run, section

FEATURE_REVISION = "versions/0003_add_user_bio.py"


def database_ahead_of_the_code(tmp: str) -> tuple[Path, str]:
    """Upgrade on a feature branch (with 0003), then switch back to main (without it)."""
    project = build("missing_revision", Path(tmp) / "project")
    add("missing_revision", project, FEATURE_REVISION)
    upgraded = run(project, "upgrade head")
    (project / FEATURE_REVISION).unlink()
    return project, upgraded


@scenario("cookbook-missing-revision")
def missing_revision() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project, out["upgrade-on-feature-branch.txt"] = database_ahead_of_the_code(tmp)
        out["current-fails.txt"] = run(project, "current", expect=255)
        out["upgrade-fails.txt"] = run(project, "upgrade head", expect=255)
        out["history.txt"] = run(project, "history")
        # Fix 1: the file still exists somewhere (the feature branch): bring it back, step down.
        add("missing_revision", project, FEATURE_REVISION)
        out["downgrade-with-file-back.txt"] = run(project, "downgrade 0002")
        (project / FEATURE_REVISION).unlink()
        out["current-after-downgrade.txt"] = run(project, "current")
        out["check-after-downgrade.txt"] = run(project, "check")
    with tempfile.TemporaryDirectory() as tmp:
        # Fix 2: the file is gone for good.
        project, _ = database_ahead_of_the_code(tmp)
        out["stamp-fails.txt"] = run(project, "stamp 0002", expect=255)
        out["stamp-purge.txt"] = run(project, "stamp --purge 0002")
        out["current-after-stamp.txt"] = run(project, "current")
        out["check-after-stamp.txt"] = run(project, "check", expect=255)
        out["revision-cleanup.txt"] = run(project, "revision --autogenerate -m 'drop leftover bio' --rev-id 0004")
        out["cleanup-upgrade.txt"] = section(project / "versions" / "0004_drop_leftover_bio.py", "upgrade")
        out["upgrade-cleanup.txt"] = run(project, "upgrade head")
        out["check-after-cleanup.txt"] = run(project, "check")
    return out
