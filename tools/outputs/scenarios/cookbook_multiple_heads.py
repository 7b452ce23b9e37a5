"""Outputs of docs/cookbook/multiple-heads.md: two heads, the failure, the merge."""

import tempfile
from pathlib import Path

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._cookbook import build, run


@scenario("cookbook-multiple-heads")
def multiple_heads() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        project = build("multiple_heads", Path(tmp) / "project")
        out = {
            "heads.txt": run(project, "heads"),
            "upgrade-0002.txt": run(project, "upgrade 0002"),
            "upgrade-head-fails.txt": run(project, "upgrade head", expect=255),
            "current-after-failure.txt": run(project, "current"),
            "merge-typo.txt": run(project, "merge -m 'merge tags and bio' 0003a 0003c", expect=255),
            "merge.txt": run(project, "merge -m 'merge tags and bio' --rev-id 0004 heads"),
        }
        merge_file = project / "versions" / "0004_merge_tags_and_bio.py"
        out["merge-revision.txt"] = "".join(
            line + "\n" for line in merge_file.read_text().splitlines() if line.startswith(("revision", "down_revision"))
        )
        out["heads-after-merge.txt"] = run(project, "heads")
        out["upgrade-head.txt"] = run(project, "upgrade head")
        out["current-head.txt"] = run(project, "current")
        out["history.txt"] = run(project, "history")
        return out
