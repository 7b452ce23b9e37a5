"""Each code block leaves the build with its copy button, instead of getting it from Material at load.

Material's `content.code.copy` inserts the button into each block as the page loads, then
measures the block (does it scroll sideways?). Each insertion restyles the block's code and
each measurement lays the page out again: on a page of 20 blocks, half of Material's set-up
time on a phone. With the button already in the markup, the measurements follow one another
with nothing changed in between, and the page is laid out once.

The markup is Material's (`md-code__nav`, `md-code__button`, its "Copy to clipboard" title
from the page's own translations), so its stylesheet draws the button and its clipboard
handler, which listens for any `[data-clipboard-target]`, copies the code. The toolbar is
`role="presentation"`: not a landmark, on a page with many of them (axe: landmark-unique).
mkdocs.yml leaves `content.code.copy` off, so Material adds no second button.
tests/tools/site/test_copy_buttons.py and tests/e2e/test_e2e_copy_buttons.py check it.
"""

import html
import json
import re

# A highlighted block: <pre> (not a mermaid diagram's), Pygments' empty span, then its <code>.
_BLOCK = re.compile(r'(<pre\b(?![^>]*\bclass="[^"]*\bmermaid\b)[^>]*>(?:<span></span>)?)<code\b([^>]*)>')
_ID = re.compile(r'\sid="([^"]*)"')
# Material's page configuration, which carries the interface texts in the page's language.
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def copy_title(page_html: str) -> str:
    """The copy button's title in the page's language, from Material's configuration in the page."""
    found = _CONFIG.search(page_html)
    if not found:
        raise LookupError("the page has no Material configuration (<script id=\"__config\">) to read the copy button's title from")
    return json.loads(found.group(1))["translations"]["clipboard.copy"]


def add_copy_buttons(page_html: str, title: str | None = None) -> str:
    """Every highlighted code block with Material's copy button in front of its code, aimed at it;
    the button's title is the page's own translation unless `title` is given."""
    if not _BLOCK.search(page_html):
        return page_html
    title = html.escape(copy_title(page_html) if title is None else title, quote=True)
    number = 0

    def add(block: re.Match) -> str:
        nonlocal number
        opening, attributes = block.group(1), block.group(2)
        existing = _ID.search(attributes)
        if existing:
            target = existing.group(1)
        else:
            number += 1
            target = f"__copy_{number}"
            attributes = f' id="{target}"{attributes}'
        button = (f'<nav class="md-code__nav" role="presentation"><button class="md-code__button" title="{title}"'
                  f' data-clipboard-target="#{target}" data-md-type="copy"></button></nav>')
        return f"{opening}{button}<code{attributes}>"

    return _BLOCK.sub(add, page_html)
