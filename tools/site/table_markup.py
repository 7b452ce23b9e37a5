"""Tables leave the build inside Material's scroll wrappers, so Material's script leaves them be.

As a page loads, Material wraps every table without a class (`table:not([class])`) in two divs
that let a wide table scroll sideways. Each wrap takes the table out of the page and puts it
back, and the browser styles and lays it out again after the page's first layout: on
/production/locks/ (14 tables) that was most of a phone's blocking time at load.

Here the build wraps them the same way and gives them a class, `prewrapped`, which keeps
Material's script off them. Material styles tables by that same `table:not([class])`, so
`prewrapped_css` copies every such rule of Material's stylesheet for the class: the copy is
made from the installed theme at each build and follows it across upgrades. (Our own table
rules select the wrapper instead, which both kinds of table are in.)
tests/tools/site/test_table_markup.py checks both; tests/e2e/test_e2e_tables.py checks that
Material moves no table and that a prewrapped table is styled as Material's own.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import tinycss2

from tools.site import material_assets, page_cache

CLASS = "prewrapped"
# The selector Material's script wraps and its stylesheet styles.
MATERIAL_SELECTOR = "table:not([class])"
SITE_PATH = "assets/stylesheets/prewrapped-tables.css"

_TABLE_TAG = re.compile(r"<(/?)table\b([^>]*)>", re.IGNORECASE)
_CLASS_ATTRIBUTE = re.compile(r"\sclass\s*=", re.IGNORECASE)
# Material's markup for the wrap (its bundle's `md-typeset__scrollwrap > md-typeset__table`).
_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
_CLOSE = "</div></div>"


def wrap_tables(html: str) -> str:
    """Each table without a class attribute, wrapped as Material would, with the class that
    keeps Material from wrapping it again; tables with a class are left as they are."""
    wrapped: list[bool] = []  # one entry per open table, nested tables included

    def rewrite(tag: re.Match) -> str:
        closing, attributes = tag.group(1), tag.group(2)
        if closing:
            return tag.group(0) + (_CLOSE if wrapped and wrapped.pop() else "")
        wrap = not _CLASS_ATTRIBUTE.search(attributes)
        wrapped.append(wrap)
        return f'{_OPEN}<table class="{CLASS}"{attributes}>' if wrap else tag.group(0)

    return _TABLE_TAG.sub(rewrite, html)


def material_stylesheet() -> str:
    return material_assets.main_stylesheet().read_text(encoding="utf-8")


def _selectors(prelude) -> list[str]:
    """A rule's selector list, split at its top-level commas (not those inside `:is(...)`)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts]


def _twins(rules, selector: str) -> Iterator[str]:
    for rule in rules:
        if rule.type == "qualified-rule":
            chosen = [s.replace(MATERIAL_SELECTOR, selector) for s in _selectors(rule.prelude) if MATERIAL_SELECTOR in s]
            if chosen:
                yield f"{','.join(chosen)}{{{tinycss2.serialize(rule.content).strip()}}}"
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = "".join(_twins(tinycss2.parse_rule_list(rule.content, True, True), selector))
            if inner:
                yield f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}"


def prewrapped_css(*stylesheets: str) -> str:
    """Every rule of these stylesheets that selects `table:not([class])`, for `table.prewrapped`
    instead, in the same order and media; selectors of the rule that do not are left out."""
    selector = f"table.{CLASS}"
    rules = [twin for css in stylesheets for twin in _twins(tinycss2.parse_stylesheet(css, True, True), selector)]
    return "".join(f"{rule}\n" for rule in rules)


def prewrapped_css_key(*stylesheets: str) -> str:
    """What `prewrapped_css` makes its copy from: the stylesheets and this module's code. The
    table hook keeps the copy in the page cache under it, so a build parses Material's
    stylesheet only when one of them changed."""
    return page_cache.digest("prewrapped tables", *stylesheets, Path(__file__).read_bytes())
