"""Outputs of docs/cookbook/empty-autogenerate.md: autogenerate with nothing to do."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import add, build, revision_files, run, section

AUTOGENERATE = "revision --autogenerate -m 'nothing changed' --rev-id 0003"


def listing(project: Path) -> str:
    return "".join(f"versions/{name}\n" for name in revision_files(project))


@scenario("cookbook-empty-autogenerate")
def empty_autogenerate() -> dict[str, str]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = build("empty_autogenerate", Path(tmp) / "project")
        run(project, "upgrade head")
        out["autogenerate-empty.txt"] = run(project, AUTOGENERATE)
        empty = project / "versions" / "0003_nothing_changed.py"
        out["empty-upgrade.txt"] = section(empty, "upgrade")
        out["files-with-empty.txt"] = listing(project)
        empty.unlink()
        add("empty_autogenerate", project, "env.py", "env_skip_empty.py")
        out["autogenerate-skipped.txt"] = run(project, AUTOGENERATE)
        out["files-after-skip.txt"] = listing(project)
        out["revision-by-hand.txt"] = run(project, "revision -m 'backfill nicknames' --rev-id 0003")
    return out
