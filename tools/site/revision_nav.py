"""Reference → Revisions in the navigation: the index's entry becomes a section that holds
the index and one entry per revision.

Apart from tools/site/reference.py, which makes the pages, so that a build whose revision
pages are cached lays out its navigation without loading Alembic and SQLAlchemy.
"""

from tools.outputs.reference_paths import PAGES_FOLDER

INDEX_PAGE = f"{PAGES_FOLDER}/index.md"


def expand_nav(nav: list, entries: list[tuple[str, str]]) -> bool:
    """Turn the nav entry for the Revisions index into a section holding the index and an
    entry for each (title, page), in their order. Returns whether the entry was found."""
    for position, entry in enumerate(nav):
        if not isinstance(entry, dict):
            continue
        (title, value), = entry.items()
        if value == INDEX_PAGE:
            nav[position] = {title: [INDEX_PAGE, *({entry_title: page} for entry_title, page in entries)]}
            return True
        if isinstance(value, list) and expand_nav(value, entries):
            return True
    return False
