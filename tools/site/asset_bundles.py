"""Our stylesheets and scripts, each kind served to the browser as one file.

A page used to load five small files of ours besides Material's (three stylesheets, four
scripts). Each is a request before the page can be drawn or set up, and on a phone's
connection a request costs a round trip however small the file: Lighthouse's mobile first
paint of /alembic/transactions/ went from 1.5-1.8 s to 1.2-1.6 s with them joined.

The sources stay one file per concern in docs/assets/. The build joins them in order:
the stylesheets mkdocs.yml lists in `extra_css` (the generated ones included) into
STYLESHEET, and SCRIPTS, which run before Material's bundle, into SCRIPT, which
overrides/main.html loads. tests/tools/site/test_asset_bundles.py checks both.
"""

STYLESHEET = "assets/stylesheets/handbook.css"
SCRIPT = "assets/javascripts/handbook.js"

# In the order they run, all before Material's bundle: the search index held back until wanted,
# the palette applied without restyling the page, closed details kept out of Material's measuring,
# and the keyboard given the scrolling boxes.
SCRIPTS = (
    "assets/javascripts/search-on-demand.js",
    "assets/javascripts/palette-at-load.js",
    "assets/javascripts/details-at-load.js",
    "assets/javascripts/accessibility.js",
)


def join_stylesheets(sources: list[tuple[str, str]]) -> str:
    """(path, text) pairs, in order, as one stylesheet; a comment names where each part starts."""
    return "".join(f"/* {path} */\n{text.rstrip()}\n" for path, text in sources)


def join_scripts(sources: list[tuple[str, str]]) -> str:
    """(path, text) pairs, in order, as one script. Each part ends with a semicolon of its own:
    a part that starts with "(" must not be read as a call on the part before it."""
    return "".join(f"/* {path} */\n{text.rstrip()}\n;\n" for path, text in sources)
