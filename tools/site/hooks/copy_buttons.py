"""MkDocs hook: each code block's copy button is in the page as it leaves the build
(tools/site/copy_buttons.py), not inserted by Material as the page loads."""

from tools.site.copy_buttons import add_copy_buttons


def on_post_page(output: str, page, config) -> str:
    return add_copy_buttons(output)
