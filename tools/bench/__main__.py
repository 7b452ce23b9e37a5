"""Print the bench tables: `python -m tools.bench [section ...]` (`make bench` runs them all)."""

import argparse
import time

from tools.bench import sections


def main(argv: list[str] | None = None) -> int:
    known = sections()
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"sections to run (default: all): {', '.join(known)}")
    options = parser.parse_args(argv)
    unknown = [n for n in options.names if n not in known]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(known)}")
    for name in options.names or known:
        start = time.perf_counter()
        table = known[name]()
        print(table.render())
        print(f"({name}: measured in {time.perf_counter() - start:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
