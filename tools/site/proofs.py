"""The Reference pages that list every test: the targets of "Proved by" links.

A page claims something, then links to the test that proves it:

    Proved by [test_name](../reference/tests/test_module.md#test_name)

This module turns each test module into one page, one section per test (its
docstring, its source, the command that runs it), so such links always land on
the current code of the test.
"""

import ast
import io
from dataclasses import dataclass
from pathlib import Path

from tools.common import ROOT

TESTS = ROOT / "tests"


@dataclass(frozen=True)
class Proof:
    name: str
    docstring: str
    source: str
    lineno: int


@dataclass(frozen=True)
class ProofModule:
    path: Path  # relative to the repository root
    docstring: str
    proofs: tuple[Proof, ...]

    @property
    def page(self) -> str:
        return f"reference/tests/{self.path.stem}.md"


def top_level_source(lines: list[str], node: ast.stmt) -> str:
    """The source of a statement at the top of a module (column 0), from the module's lines.

    What `ast.get_source_segment` returns for it, without splitting the whole module
    again for every test: that made listing the tests an eighth of each site build.
    """
    first, last = node.lineno - 1, node.end_lineno - 1
    end = lines[last].encode("utf-8")[: node.end_col_offset].decode("utf-8")  # offsets count bytes
    return "".join(lines[first:last]) + end


def proof_modules() -> list[ProofModule]:
    modules = []
    for path in sorted(TESTS.rglob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        lines = io.StringIO(source, newline="").readlines()  # split where ast counts lines: \n, \r\n, \r
        proofs = []
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                proofs.append(
                    Proof(
                        name=node.name,
                        docstring=ast.get_docstring(node) or "",
                        source=top_level_source(lines, node),
                        lineno=node.lineno,
                    )
                )
        modules.append(ProofModule(path.relative_to(ROOT), ast.get_docstring(tree) or "", tuple(proofs)))
    return modules


def module_page(module: ProofModule) -> str:
    lines = [f"# {module.path.stem}", ""]
    if module.docstring:
        lines += [module.docstring, ""]
    lines += [
        f"Source: `{module.path.as_posix()}`. Run it: `pytest {module.path.as_posix()}`.",
        "",
    ]
    for proof in module.proofs:
        lines += [f"## {proof.name}", ""]
        if proof.docstring:
            lines += [proof.docstring, ""]
        lines += [
            f"`pytest {module.path.as_posix()}::{proof.name}` (line {proof.lineno})",
            "",
            # Kept out of the search index: test source was 40 % of it, and readers search the pages.
            "<div data-search-exclude markdown>",
            "",
            '??? example "Source"',
            "",
            "    ```python",
            *[f"    {line}" if line else "" for line in proof.source.splitlines()],
            "    ```",
            "",
            "</div>",
            "",
        ]
    return "\n".join(lines)


def index_page(modules: list[ProofModule]) -> str:
    lines = [
        "# Tests that prove the pages",
        "",
        "Every claim a test can check links here: each module below is a page with the",
        "tests it holds, what each one proves, and its source. `make test` runs them all.",
        "",
        "| Test module | Tests | What it covers |",
        "| --- | ---: | --- |",
    ]
    for module in modules:
        summary = module.docstring.strip().splitlines()[0] if module.docstring.strip() else ""
        link = f"[{module.path.as_posix()}]({module.path.stem}.md)"
        lines.append(f"| {link} | {len(module.proofs)} | {summary} |")
    return "\n".join(lines) + "\n"
