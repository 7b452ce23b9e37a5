"""Lighter markup for highlighted code: the same text and colours in fewer elements.

Pygments wraps every name (`n`) and every run of whitespace (`w`) in a span of its
own. Material colours names with the code's own colour and whitespace not at all,
so these spans change nothing a reader sees; they were a third of the elements on a
code-heavy page, and the browser and axe-core paid for each one.
tests/tools/site/test_code_markup.py checks both the rewrite and the theme rule it relies on.
"""

import re

# Only spans whose class is exactly "n" or "w": "nb", "nf", "kn"... keep their colours.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_plain_tokens(html: str) -> str:
    return _PLAIN_TOKEN.sub(r"\1", html)
