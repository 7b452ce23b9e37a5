"""MkDocs hook: lighter markup for highlighted code (tools/site/code_markup.py)."""

from tools.site.code_markup import unwrap_plain_tokens


def on_post_page(output: str, page, config) -> str:
    return unwrap_plain_tokens(output)
