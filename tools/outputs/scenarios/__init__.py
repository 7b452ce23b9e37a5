"""Generated outputs that pages embed: transcripts, schema listings, SQL, diagrams.

A *scenario* is a function that runs real commands against a fresh database and
returns `{file name: text}`. Its files live in `docs/_generated/<scenario>/`.
The same function serves `make snapshots` (write the files) and the staleness
test (compare the files with a fresh run), so they can never disagree.

Add a scenario: write a module in this package with a function decorated by
`@scenario("name")`; nothing else needs registering.
"""

from collections.abc import Callable
from pathlib import Path

from tools.common import ROOT
from tools.registry import Registry

GENERATED = ROOT / "docs" / "_generated"

Producer = Callable[[], dict[str, str]]
_SCENARIOS = Registry(__name__, "scenario")
scenario = _SCENARIOS.register


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
    for file_name, text in outputs.items():
        if before.get(file_name) != text:
            (path / file_name).write_text(text, encoding="utf-8")
    return sorted(n for n in set(before) | set(outputs) if before.get(n) != outputs.get(n))
