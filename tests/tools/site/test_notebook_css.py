"""The notebook pages' stylesheet keeps every rule a notebook page can use and drops the
rest (tools/site/notebook_css.py)."""

from tools.site.notebook_css import classes_in, without_unused_rules

CSS = """\
.jupyter-wrapper .jp-Cell .jp-InputPrompt{color:gray}
.jupyter-wrapper .jp-Cell:not(.jp-mod-active) .jp-InputPrompt{opacity:.5}
.jupyter-wrapper .jp-Toolbar{display:flex}
.jupyter-wrapper .jp-Toolbar,.jupyter-wrapper .jp-OutputArea{margin:0}
.jupyter-wrapper :root{--jp-unused:1px}
:root{--md-kept:1px}
[data-md-color-scheme=slate] .jupyter-wrapper .md-typeset{color:white}
@media print{.jupyter-wrapper .jp-Menu{display:none}}
@media (max-width:760px){.jupyter-wrapper .jp-Cell{padding:0}}
.jupyter-wrapper .jp-Cell:is(.jp-mod-x){margin:1px}
"""

PAGE = '<div class="jupyter-wrapper"><div class="jp-Cell jp-CodeCell"><div class="jp-InputPrompt">In [1]:</div>' \
       '<div class="jp-OutputArea"></div></div></div>'


def test_notebook_stylesheet_drops_only_rules_no_notebook_page_can_use():
    kept = without_unused_rules(CSS, classes_in(PAGE))
    for rule in (".jp-Cell .jp-InputPrompt{color:gray}", ":not(.jp-mod-active) .jp-InputPrompt{opacity:.5}",
                 ".jupyter-wrapper .jp-Toolbar,.jupyter-wrapper .jp-OutputArea{margin:0}", ":root{--md-kept:1px}",
                 "[data-md-color-scheme=slate] .jupyter-wrapper .md-typeset{color:white}",
                 "@media (max-width:760px){.jupyter-wrapper .jp-Cell{padding:0}}", ":is(.jp-mod-x){margin:1px}"):
        assert rule in kept, rule
    for rule in (".jupyter-wrapper .jp-Toolbar{display:flex}", "--jp-unused", "@media print", ".jp-Menu"):
        assert rule not in kept, rule


def test_a_stylesheet_is_pruned_again_only_when_it_or_the_classes_it_is_pruned_for_change(tmp_path, monkeypatch):
    """A rebuild reuses the pruned stylesheet of the last build (page cache, kind "stylesheet")."""
    from tools.site import notebook_css, page_cache
    from tools.site.hooks.notebooks import write_stylesheets

    monkeypatch.setattr(page_cache, "CACHE", page_cache.PageCache(None))
    pruned = []
    real = notebook_css.without_unused_rules
    monkeypatch.setattr(notebook_css, "without_unused_rules", lambda css, used: pruned.append(css) or real(css, used))
    used = classes_in(PAGE)

    def build(css: str, classes: set[str]) -> str:
        write_stylesheets(tmp_path, {"assets/notebook.css": css}, classes)
        page_cache.CACHE.finish_build(succeeded=True)
        return (tmp_path / "assets" / "notebook.css").read_text(encoding="utf-8")

    first = build(CSS, used)
    assert build(CSS, used) == first and len(pruned) == 1  # nothing changed: not pruned again
    assert ".jp-Toolbar{display:flex}" in build(CSS, used | {"jp-Toolbar"}) and len(pruned) == 2
    assert "jp-Extra" in build(CSS + ".jupyter-wrapper .jp-Extra{margin:0}", used | {"jp-Extra"}) and len(pruned) == 3
