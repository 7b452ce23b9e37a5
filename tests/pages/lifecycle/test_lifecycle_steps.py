"""docs/lifecycle/: all 16 steps of the lifecycle are numbered headings, in
order, and each shows an executed example or says in one line why it has none."""

import re

import yaml

from tools.site.pages import DOCS, ROOT, includes

LIFECYCLE = DOCS / "lifecycle"
STEP = re.compile(r"^## Step (?P<number>\d+): (?P<title>.+)$", re.M)
STEP_TITLES = {
    1: "Pre-migration",
    2: "Back up data",
    3: "Schema changes",
    4: "Modify tables and columns",
    5: "Define relationships",
    6: "Apply constraints",
    7: "Data migration and transformation",
    8: "Version control",
    9: "Testing and validation",
    10: "Unit testing",
    11: "Integration testing",
    12: "Release migration",
    13: "Post-migration",
    14: "Monitor performance",
    15: "Rollback plan",
    16: "Monitor drift",
}


def nav_pages() -> list[str]:
    """The lifecycle pages in the order the site's navigation lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (section,) = [entry["The migration lifecycle"] for entry in config["nav"] if "The migration lifecycle" in entry]
    return [item if isinstance(item, str) else next(iter(item.values())) for item in section]


def steps() -> list[tuple[int, str, str]]:
    """(number, title, body) of every step heading, pages taken in navigation order."""
    found = []
    for page in nav_pages():
        text = (DOCS / page).read_text(encoding="utf-8")
        matches = list(STEP.finditer(text))
        for match, following in zip(matches, [*matches[1:], None], strict=False):
            body_end = following.start() if following else len(text)
            found.append((int(match["number"]), match["title"], text[match.end() : body_end]))
    return found


def test_all_sixteen_steps_are_numbered_headings_in_order():
    """Steps 1 to 16, each exactly once, with its name, in reading order."""
    assert [(number, title) for number, title, _ in steps()] == list(STEP_TITLES.items())


def test_every_step_has_an_executed_example():
    """Each step embeds a generated output, or code the tests run (a revision, an
    example, a test), or says in one line why it has no example."""
    missing = []
    for number, title, body in steps():
        embedded = [inc for inc in includes(body) if inc.path.startswith(("docs/_generated/", "examples/", "migrations/", "tests/"))]
        if not embedded and "it has no example" not in body:
            missing.append(f"Step {number}: {title}")
    assert missing == []


def test_every_lifecycle_page_is_in_the_navigation():
    """Every page in docs/lifecycle/ is listed under "The migration lifecycle" in mkdocs.yml, and nothing else is."""
    pages = {p.relative_to(DOCS).as_posix() for p in LIFECYCLE.glob("*.md")}
    assert pages == set(nav_pages())
