"""Regenerate the outputs pages embed: `python -m tools.snapshots [--check] [scenario ...]`."""

import argparse
import sys

from tools.snapshots import GENERATED, ROOT, on_disk, produce, same_outputs, scenarios, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.snapshots", description=__doc__)
    parser.add_argument("names", nargs="*", help="scenarios to run (default: all)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file is stale")
    options = parser.parse_args(argv)
    known = scenarios()
    unknown = [n for n in options.names if n not in known]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(known)}")
    stale = []
    for name in options.names or known:
        outputs = produce(name)
        if options.check:
            if not same_outputs(on_disk(name), outputs):
                stale.append(name)
        else:
            for changed in write(name, outputs):
                print(f"updated {(GENERATED / name / changed).relative_to(ROOT)}")
    orphans = sorted(p.name for p in GENERATED.iterdir() if p.is_dir() and p.name not in known)
    for orphan in orphans:
        print(f"docs/_generated/{orphan}/ belongs to no scenario: delete it or add a scenario", file=sys.stderr)
    for name in stale:
        print(f"docs/_generated/{name}/ is stale: run `make snapshots`", file=sys.stderr)
    return 1 if stale or orphans else 0


if __name__ == "__main__":
    raise SystemExit(main())
