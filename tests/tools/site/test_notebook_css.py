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
