"""Outputs of docs/lifecycle/version-control.md (tools/outputs/scenarios/_lifecycle.py has the reader's session)."""

from tools.outputs.scenarios import scenario
from tools.outputs.scenarios._lifecycle import Reader, reader


@scenario("lifecycle-version-control")
def version_control() -> dict[str, str]:
    """Step 8: the chain, then two heads and their merge in a throwaway copy of the project.

    Inside the copy, the reader's relative URL (sqlite:///var/lifecycle.db) names a
    database of the copy's own, so the demonstration never touches theirs."""
    with reader() as r:
        outputs = {"history.txt": r.alembic("history"), "heads-real.txt": r.alembic("heads")}
        outputs["copy.txt"] = r.python("two_heads", "two-heads")
        copy = Reader(r.folder / "two-heads")
        outputs |= {
            "upgrade-copy.txt": copy.alembic("upgrade 0012", project=copy.folder),
            "heads-two.txt": copy.alembic("heads", project=copy.folder),
            "upgrade-two-heads.txt": copy.alembic("upgrade head", expect=255, project=copy.folder),
            "merge.txt": copy.alembic('merge heads -m "merge is_online and comments" --rev-id 0014', project=copy.folder),
            "upgrade-after-merge.txt": copy.alembic("upgrade head", project=copy.folder),
            "current-after-merge.txt": copy.alembic("current", project=copy.folder),
            "history-branches.txt": copy.alembic("history -r 0012:", project=copy.folder),
        }
        merge_file = copy.folder / "migrations" / "versions" / "0014_merge_is_online_and_comments.py"
        outputs["merge-revision.txt"] = "".join(
            line for line in merge_file.read_text().splitlines(keepends=True) if line.startswith(("revision", "down_revision"))
        )
        # Alembic prints the absolute path of the file it generates: show it from the copy's root.
        return {name: text.replace(f"{copy.folder}/", "") for name, text in outputs.items()}
