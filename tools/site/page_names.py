"""One name per page: docs/<section>/<page>.md finds its parts by that name.

    tools/outputs/scenarios/<section>_<page>.py   @scenario("<section>-<page>") → docs/_generated/<section>-<page>/
    tests/pages/<section>/test_<section>_<page>.py   the claims the page links ("Proved by")

A page that embeds generated outputs needs its scenario module; a page with proof links
needs its test module (it may link other modules too, such as tests/migrations/).
tests/pages/test_page_names.py fails on any page without them, naming the missing file.
"""

import re
from pathlib import Path

from tools.common import ROOT
from tools.site.proof_links import SHORT_LINK

# Reference pages describe the tools: the tests of tools/ (tests/tools/) prove them.
SECTIONS_WITHOUT_PAGE_PARTS = {"reference"}
GENERATED_INCLUDE = re.compile(r"--8<--\s+\"docs/_generated/")


def page_name(page: Path, docs: Path) -> tuple[str, str] | None:
    """(section, page) with underscores for a page in a section folder; None for the others."""
    parts = page.relative_to(docs).with_suffix("").parts
    if len(parts) != 2 or parts[0].startswith("_") or parts[0] in SECTIONS_WITHOUT_PAGE_PARTS:
        return None
    return parts[0].replace("-", "_"), parts[1].replace("-", "_")


def missing_parts(root: Path = ROOT) -> list[str]:
    """One line per page part that should exist and does not, naming the page and the file."""
    docs = root / "docs"
    problems = []
    for page in sorted(p for p in docs.rglob("*.md") if "_generated" not in p.parts):
        name = page_name(page, docs)
        if name is None:
            continue
        section, stem = name
        text = page.read_text(encoding="utf-8")
        shown = page.relative_to(root).as_posix()
        if GENERATED_INCLUDE.search(text):
            scenario = root / "tools" / "outputs" / "scenarios" / f"{section}_{stem}.py"
            folder = f"{section}_{stem}".replace("_", "-")
            if not scenario.is_file():
                problems.append(f"{shown} embeds generated outputs but has no scenario module "
                                f"{scenario.relative_to(root).as_posix()}")
            elif f'@scenario("{folder}")' not in scenario.read_text(encoding="utf-8"):
                problems.append(f'{shown}: {scenario.relative_to(root).as_posix()} registers no @scenario("{folder}")')
        if SHORT_LINK.search(text):
            tests = root / "tests" / "pages" / section / f"test_{section}_{stem}.py"
            if not tests.is_file():
                problems.append(f"{shown} links tests (Proved by) but has no test module {tests.relative_to(root).as_posix()}")
    return problems
