"""Highlighted code loses its plain name and whitespace spans, and nothing a reader sees changes."""

import html
import re

import pygments
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from tools.site import material_assets
from tools.site.code_markup import unwrap_plain_tokens

SAMPLE = 'def upgrade() -> None:\n    op.add_column("events", sa.Column("capacity", sa.Integer()))\n'


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_names_and_whitespace_lose_their_spans_and_keep_their_text():
    highlighted = pygments.highlight(SAMPLE, PythonLexer(), HtmlFormatter())
    assert '<span class="n">' in highlighted and '<span class="w">' in highlighted
    unwrapped = unwrap_plain_tokens(highlighted)
    assert '<span class="n">' not in unwrapped and '<span class="w">' not in unwrapped
    assert text_of(unwrapped) == text_of(highlighted)


def test_coloured_tokens_keep_their_spans():
    highlighted = pygments.highlight(SAMPLE, PythonLexer(), HtmlFormatter())
    unwrapped = unwrap_plain_tokens(highlighted)
    for token_class in ("k", "nf", "s2", "p", "o"):  # keyword, function name, string, punctuation, operator
        assert highlighted.count(f'<span class="{token_class}">') == unwrapped.count(f'<span class="{token_class}">')


def test_the_theme_gives_names_the_code_colour_and_whitespace_none():
    """Why the rewrite is invisible: Material colours `.n` as plain code and has no rule for `.w`."""
    css = material_assets.main_stylesheet().read_text(encoding="utf-8")
    assert ".highlight .n{color:var(--md-code-hl-name-color)}" in css
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert not re.search(r"\.highlight \.w[,{]", css)


def test_built_pages_carry_no_plain_token_spans(built_site):
    page = (built_site / "lifecycle" / "schema-changes" / "index.html").read_text(encoding="utf-8")
    assert '<span class="k">' in page  # still highlighted
    assert '<span class="n">' not in page and '<span class="w">' not in page
