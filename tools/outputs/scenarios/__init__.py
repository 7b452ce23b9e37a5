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

from tools.common import ROOT
from tools.registry import Registry

GENERATED = ROOT / "docs" / "_generated"

Producer = Callable[[], dict[str, str]]
_SCENARIOS = Registry(__name__, "scenario")
scenario = _SCENARIOS.register


# A duration measured on this machine ("40.0 ms", "1.25 s"): shown on pages, never compared
# by the staleness test (two runs never take the same time), so files differing only there are equal.
MEASURED = re.compile(r"\d[\d,]*(\.\d+)? (ms|s)\b")


def measured(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def comparable(text: str) -> str:
    """`text` with every measured duration replaced by the same placeholder."""
    return MEASURED.sub("…", text)


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


def same(stored: dict[str, str], fresh: dict[str, str]) -> bool:
    """Equal files, measured durations aside."""
    return stored.keys() == fresh.keys() and all(comparable(stored[n]) == comparable(fresh[n]) for n in fresh)


def write(name: str, outputs: dict[str, str]) -> list[str]:
    """Replace the scenario's folder with `outputs`; return the names that changed."""
    path = folder(name)
    path.mkdir(parents=True, exist_ok=True)
    before = on_disk(name)
    for stale in set(before) - set(outputs):
        (path / stale).unlink()
    # A file whose only difference is a measured duration keeps its old text: no churn.
    changed = sorted(
        n for n in set(before) | set(outputs)
        if n not in before or n not in outputs or comparable(before[n]) != comparable(outputs[n])
    )
    for file_name in changed:
        if file_name in outputs:
            (path / file_name).write_text(outputs[file_name], encoding="utf-8")
    return changed
