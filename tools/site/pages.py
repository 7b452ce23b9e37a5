"""Read the handbook's Markdown pages: their code blocks and their snippet includes.

Rule one of the handbook: a code block on a page is either

* **embedded**: its body is only `--8<-- "file:section"` lines, pulling code from a
  file the tests run (or a generated output from docs/_generated/), or
* **executed**: a `pycon` block, which tests/pages/test_executed_blocks.py runs
  as a doctest, or
* **opted out**: preceded by `<!-- no-test: reason -->` with a written reason.

Anything else is unclassified, and tests/pages/test_blocks.py fails on it.
The MkDocs hook uses `include_problems` to stop a build with the page's name.
"""

import contextlib
import doctest
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.common import ROOT, environment_variable

DOCS = ROOT / "docs"
GENERATED_PREFIX = "docs/_generated/"
SOURCE_FOLDERS = ("migrations/", "examples/", "tests/", "tools/", "alembic.ini", "pyproject.toml", "Makefile")

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")
INCLUDE = re.compile(r'^[ \t]*(?P<escaped>;?)--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$')
OPT_OUT = re.compile(r"^<!--\s*no-test:\s*(?P<reason>.*?)\s*-->$")
MIN_REASON_WORDS = 4
# The only kinds of block that may go unchecked, each with its own reason after it:
# `<!-- no-test: shell state: setting a variable changes the shell only -->`.
OPT_OUT_KINDS = {
    "set-up command": "installs or starts the project; CI runs it on a clean clone",
    "shell state": "changes the reader's shell (activate, export, cd), nothing a test can see",
    "interactive shell": "a session the reader types into, with their own input",
    "placeholder to edit": "holds values the reader must replace before running it",
    "commands of a generated transcript": "the commands whose run a generated output on the page shows",
}
# Containers whose content is indented: admonitions, details, tabs, list items, definitions.
CONTAINER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>(?:!!!|\?\?\?\+?|===)[ \t]|[-*+][ \t]+|\d+\.[ \t]+|:[ \t]{3})")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    info: str
    body: tuple[str, ...]
    before: str  # the last non-blank line above the fence

    @property
    def lang(self) -> str:
        first = self.info.split()[0] if self.info.split() else ""
        return first.lstrip(".{").rstrip("}")

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


@dataclass(frozen=True)
class Include:
    line: int
    path: str
    section: str | None


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "_generated" not in p.parts)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def blocks(page: Path, text: str | None = None) -> list[Block]:
    """Every code block of a page: fenced ones, and indented ones (four spaces more than
    the container they sit in, after a blank line), which Markdown renders as code too."""
    lines = (page.read_text(encoding="utf-8") if text is None else text).splitlines()
    found, index, last_text = [], 0, ""
    containers: list[int] = []  # content indents of the open admonitions, list items, …
    while index < len(lines):
        line = lines[index]
        if line.strip():
            while containers and _indent(line) < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        after_blank = index == 0 or not lines[index - 1].strip()
        if line.strip() and after_blank and _indent(line) >= base + 4 and not FENCE_OPEN.match(line):
            end = index
            while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= base + 4):
                end += 1
            while not lines[end - 1].strip():
                end -= 1
            body = tuple(line.expandtabs(4)[base + 4 :] for line in lines[index:end])
            found.append(Block(page, index + 1, "", body, last_text))
            last_text, index = "", end
            continue
        match = FENCE_OPEN.match(line)
        if not match:
            if line.strip():
                last_text = line.strip()
                container = CONTAINER.match(line)
                if container:
                    # Admonitions, details and tabs indent their content by four; a list item
                    # or a definition by the width of its marker.
                    marker = container["marker"].expandtabs(4)
                    width = 4 if marker.startswith(("!!!", "???", "===")) else len(marker)
                    containers.append(_indent(line) + width)
            index += 1
            continue
        fence, indent = match["fence"], len(match["indent"])
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        body = tuple(line[indent:] if line[:indent].strip() == "" else line for line in lines[index + 1 : end])
        found.append(Block(page, index + 1, match["info"].strip(), body, last_text))
        last_text, index = "", end + 1
    return found


def includes(text: str) -> list[Include]:
    """Every snippet include in a page (escaped ones, `;--8<--`, are shown literally)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = INCLUDE.match(line)
        if match and not match["escaped"]:
            path, _, section = match["target"].partition(":")
            found.append(Include(number, path, section or None))
    return found


def include_problem(include: Include) -> str | None:
    """Why this include cannot work, in words a contributor understands; None when it can."""
    target = ROOT / include.path
    if not target.is_file():
        return f"embeds '{include.path}', which does not exist"
    generated = include.path.startswith(GENERATED_PREFIX)
    if include.section is None:
        if generated:
            return None
        return f"embeds all of '{include.path}': embed a named section instead (`# --8<-- [start:name]` in the file)"
    if re.fullmatch(r"[\d:-]+", include.section):
        return f"embeds '{include.path}' by line numbers ({include.section}), which drift: use a named section"
    text = target.read_text(encoding="utf-8")
    for mark in ("start", "end"):
        if f"--8<-- [{mark}:{include.section}]" not in text:
            marker = f"--8<-- [{mark}:{include.section}]"
            return f"embeds section '{include.section}' of '{include.path}', but that file has no `{marker}` marker"
    return None


def include_problems(page_name: str, text: str) -> list[str]:
    return [
        f"{page_name}:{include.line}: {problem}"
        for include in includes(text)
        if (problem := include_problem(include))
    ]


def classify(block: Block) -> tuple[str, str]:
    """(kind, detail) where kind is embedded, executed, opted-out or unclassified."""
    content = [line for line in block.body if line.strip()]
    if content and all(INCLUDE.match(line) for line in content):
        return "embedded", ", ".join(INCLUDE.match(line)["target"] for line in content)
    if block.lang == "pycon":
        return "executed", "pycon doctest"
    opt_out = OPT_OUT.match(block.before)
    if opt_out:
        kind, _, reason = opt_out["reason"].partition(":")
        if kind.strip() not in OPT_OUT_KINDS:
            allowed = "; ".join(f"{k!r} ({why})" for k, why in OPT_OUT_KINDS.items())
            return "unclassified", f"a no-test reason must start with one of these kinds and a colon: {allowed}"
        if len(reason.split()) < MIN_REASON_WORDS:
            return "unclassified", f"the no-test reason {reason.strip()!r} is too short to explain anything"
        return "opted-out", opt_out["reason"]
    return "unclassified", (
        "a code block that is neither embedded from a tested file (--8<--), nor a pycon block "
        "the doc-test runner executes, nor opted out with <!-- no-test: reason -->"
    )


def run_pycon_blocks(page: Path, text: str | None = None) -> list[str]:
    """Run every pycon block of a page in order, in one namespace, against a fresh database,
    from the repository root (where a reader types the commands).

    Returns one message per failing example; an empty list means all passed.
    """
    failures = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    namespace: dict = {}
    with (tempfile.TemporaryDirectory() as tmp, contextlib.chdir(ROOT),
          environment_variable("HANDBOOK_DATABASE_URL", f"sqlite:///{Path(tmp) / 'handbook.db'}")):
        for block in blocks(page, text):
            if block.lang != "pycon":
                continue
            test = parser.get_doctest("\n".join(block.body), namespace, block.where, str(page), block.line)
            report: list[str] = []
            result = runner.run(test, out=report.append, clear_globs=False)
            namespace = test.globs  # DocTest works on a copy: carry it to the next block
            if result.failed:
                failures.append(f"{block.where}: a pycon block does not give what the page shows\n" + "".join(report))
    return failures
