"""Our stylesheets and scripts reach the browser as one file of each kind, joined in order."""

import re
import subprocess

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from tools.common import ROOT
from tools.site.asset_bundles import SCRIPT, SCRIPTS, STYLESHEET, join_scripts, join_stylesheets
from tools.site.hooks import asset_bundles as hook


def test_stylesheets_are_joined_in_order_each_part_named():
    assert join_stylesheets([("a.css", "p { color: red; }\n\n"), ("b.css", "h1 { margin: 0; }")]) == (
        "/* a.css */\np { color: red; }\n/* b.css */\nh1 { margin: 0; }\n")


def test_a_script_that_starts_with_a_parenthesis_is_not_called_on_the_script_before_it():
    """Joined as plain text, `const calls = []` then `(() => ...)()` would run `[](...)`."""
    joined = join_scripts([("first.js", "const calls = []"), ("second.js", "(() => calls.push('second ran'))()")])
    result = subprocess.run(["node", "-e", joined + "\nconsole.log(calls.join())"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "second ran\n"


def test_a_missing_source_fails_the_build_naming_it():
    hook._stylesheets[:] = ["assets/stylesheets/no-such-sheet.css"]
    with pytest.raises(PluginError, match=re.escape("assets/stylesheets/no-such-sheet.css is to be joined")):
        hook.on_files(Files([]), config=None)


def test_every_page_loads_one_stylesheet_and_one_script_of_ours_holding_every_source(built_site):
    stylesheet = (built_site / STYLESHEET).read_text(encoding="utf-8")
    script = (built_site / SCRIPT).read_text(encoding="utf-8")
    for source in ("assets/stylesheets/accessibility.css", "assets/stylesheets/tabs.css"):
        assert (ROOT / "docs" / source).read_text(encoding="utf-8").rstrip() in stylesheet
        assert not (built_site / source).exists(), f"{source} is published beside the joined stylesheet"
    starts = [script.index((ROOT / "docs" / source).read_text(encoding="utf-8").rstrip()) for source in SCRIPTS]
    assert starts == sorted(starts), "the scripts are joined out of order"
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assets = [href.split("assets/")[-1] for href in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', text)
                  if "assets/" in href]
        # Material's own (named by content hash), and the notebook and diagram pages' own.
        ours = [path for path in assets if not re.search(r"(main|palette|bundle)\.[0-9a-f]{8}\.min\.|notebook-|mermaid", path)]
        assert ours == ["stylesheets/handbook.css", "javascripts/handbook.js"], page
