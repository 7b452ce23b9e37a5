"""Generated outputs that pages embed: transcripts, schema listings, SQL, diagrams.

A *scenario* is a function that runs real commands against a fresh database and
returns `{file name: text}`. Its files live in `docs/_generated/<scenario>/`.
The same function serves `make snapshots` (write the files) and the staleness
test (compare the files with a fresh run), so they can never disagree.

Add a scenario: write a module in this package with a function decorated by
`@scenario("name")`; nothing else needs registering.
"""

import re
from collections.abc import Callable
from pathlib import Path

from tools.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "docs" / "_generated"

Producer = Callable[[], dict[str, str]]
_SCENARIOS = Registry(__name__, "scenario")
scenario = _SCENARIOS.register


# Durations measured by a scenario ("1.25 s", "40 ms") change from run to run. In a file
# whose name contains ".measured." they are compared as placeholders: the rest of the file
# (row counts, which run waited) must still equal a fresh run, and `make snapshots` keeps
# the committed figures until something else in the file changes.
MEASURED_FILE = ".measured."
DURATION = re.compile(r"\d[\d,]*(?:\.\d+)?(?= (?:s|ms)\b)")


def comparable(file_name: str, text: str | None) -> str | None:
    if text is None or MEASURED_FILE not in file_name:
        return text
    return DURATION.sub("#", text)


def same_outputs(stored: dict[str, str], fresh: dict[str, str]) -> bool:
    return stored.keys() == fresh.keys() and all(comparable(n, stored[n]) == comparable(n, t) for n, t in fresh.items())


def scenarios() -> dict[str, Producer]:
    """Every scenario, after importing every module of this package."""
    return dict(sorted(_SCENARIOS.every().items()))


def produce(name: str) -> dict[str, str]:
    outputs = scenarios()[name]()
    for file_name, text in outputs.items():
        if "/" in file_name or not text.endswith("\n"):
            raise ValueError(f"scenario {name!r}: bad output {file_name!r} (flat name, text ending in a newline)")
    return outputs


def folder(name: str) -> Path:
    return GENERATED / name


def on_disk(name: str) -> dict[str, str]:
    path = folder(name)
    if not path.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir()) if p.is_file()}


def write(name: str, outputs: dict[str, str]) -> list[str]:
    """Replace the scenario's folder with `outputs`; return the names that changed."""
    path = folder(name)
    path.mkdir(parents=True, exist_ok=True)
    before = on_disk(name)
    for stale in set(before) - set(outputs):
        (path / stale).unlink()
    changed = sorted(n for n in set(before) | set(outputs) if comparable(n, before.get(n)) != comparable(n, outputs.get(n)))
    for file_name in changed:
        if file_name in outputs:
            (path / file_name).write_text(outputs[file_name], encoding="utf-8")
    return changed
