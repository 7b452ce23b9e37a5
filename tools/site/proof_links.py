"""The short form of a "Proved by" link: `[test_name][]` on a page becomes a link to the test.

Test names are unique across the suite, so a name alone finds its module's page under
Reference → Tests. A name that no test carries stops the build, naming the page.
"""

import posixpath
import re

from tools.site import proofs

SHORT_LINK = re.compile(r"\[`?(test_[A-Za-z0-9_]+)`?\]\[\]")


class UnknownTest(LookupError):
    pass


def index(modules=None) -> dict[str, str]:
    """Test name → the page (relative to docs/) that shows it; a duplicate name is an error."""
    pages: dict[str, str] = {}
    for module in proofs.proof_modules() if modules is None else modules:
        for proof in module.proofs:
            if proof.name in pages:
                raise ValueError(f"two tests are called {proof.name}: test names must be unique across the suite")
            pages[proof.name] = module.page
    return pages


FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(markdown: str) -> list[tuple[bool, str]]:
    """Each line with whether it is outside a fenced code block (code may show the syntax itself)."""
    result, fence = [], None
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
            result.append((False, line))
        elif match and line.strip().startswith(fence):
            fence = None
            result.append((False, line))
        else:
            result.append((fence is None, line))
    return result


def link(name: str, page_path: str, pages: dict[str, str]) -> str:
    """The Markdown link from `page_path` (relative to docs/) to the section of test `name`."""
    target = posixpath.relpath(pages[name], posixpath.dirname(page_path) or ".")
    return f"[{name}]({target}#{name})"


def expand(markdown: str, page_path: str, pages: dict[str, str]) -> str:
    """Replace each `[test_x][]` outside code with a relative link from `page_path` (relative to docs/)."""
    lines = prose_lines(markdown)
    prose = "".join(line for is_prose, line in lines if is_prose)
    unknown = sorted({m.group(1) for m in SHORT_LINK.finditer(prose) if m.group(1) not in pages})
    if unknown:
        raise UnknownTest(f"docs/{page_path} links tests that do not exist: {', '.join(unknown)}")

    def replace(match: re.Match) -> str:
        return link(match.group(1), page_path, pages)

    return "".join(SHORT_LINK.sub(replace, line) if is_prose else line for is_prose, line in lines)
