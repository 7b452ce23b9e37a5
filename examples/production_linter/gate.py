"""A migration gate for CI: squawk over the offline SQL of every revision.

    python -m examples.production_linter.gate [versions folder ...]   # default: migrations/versions

Each revision's script (examples/production_linter/offline_sql.py) is written to a file
named after the revision file, squawk (PyPI `squawk-cli`, pinned in pyproject.toml)
reads them with squawk.toml, and every finding that accepted.py does not explain fails
the gate, printed with the revision file, the line and the statement.
"""

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from examples.production_linter.accepted import ACCEPTED
from examples.production_linter.offline_sql import ROOT, RevisionScript, offline_scripts

SQUAWK = Path(sys.executable).parent / "squawk"  # the binary the squawk-cli wheel installs
CONFIG = Path(__file__).parent / "squawk.toml"


@dataclass(frozen=True)
class Finding:
    file: str  # the revision file
    line: int  # in its offline script, counting from 1
    statement: str
    rule: str
    message: str

    @property
    def revision_file(self) -> str:
        return Path(self.file).stem

    def __str__(self) -> str:
        return f"{self.file}: line {self.line}: {self.rule}: {self.message}\n    {self.statement}"


def statement_at(sql: str, line: int) -> str:
    """The statement that starts on `line` (0-based, as squawk reports it), on one line."""
    text = sql.splitlines()[line:]
    statement = []
    for part in text:
        statement.append(part.strip())
        if part.rstrip().endswith(";"):
            break
    return " ".join(p for p in statement if p)


# --8<-- [start:lint]
def lint(scripts: Iterable[RevisionScript]) -> list[Finding]:
    """squawk's findings over each script that offline mode could write."""
    scripts = [s for s in scripts if s.sql]
    with tempfile.TemporaryDirectory(prefix="handbook-squawk-") as tmp:
        by_path = {}
        for script in scripts:
            path = Path(tmp) / f"{Path(script.file).stem}.sql"
            path.write_text(script.sql, encoding="utf-8")
            by_path[str(path)] = script
        result = subprocess.run(
            [str(SQUAWK), "--config", str(CONFIG), "--reporter", "json", *sorted(by_path)],
            capture_output=True, text=True, timeout=60,
        )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        raise RuntimeError(f"squawk failed ({result.returncode}): {result.stderr.strip()}")
    findings = []
    for item in json.loads(result.stdout):
        script = by_path[item["file"]]
        findings.append(Finding(script.file, item["line"] + 1, statement_at(script.sql, item["line"]),
                                item["rule_name"], item["message"]))
    return sorted(findings, key=lambda f: (f.file, f.line, f.rule))
# --8<-- [end:lint]


def unexplained(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if (f.revision_file, f.rule) not in ACCEPTED]


def main(argv: list[str] | None = None) -> int:
    folders = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or [ROOT / "migrations" / "versions"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"no such versions folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    failures = []
    for folder in folders:
        scripts = offline_scripts(folder)
        for script in scripts.values():
            if script.error:
                print(f"{script.file}: not linted, offline mode cannot write it ({script.error})")
        failures += unexplained(lint(scripts.values()))
    for finding in failures:
        print(finding)
    print(f"{len(failures)} finding(s) to fix or explain in examples/production_linter/accepted.py"
          if failures else "no unexplained finding")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
