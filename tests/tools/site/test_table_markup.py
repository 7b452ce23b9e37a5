"""Tables leave the build in Material's scroll wrappers, with Material's table rules copied for them."""

import re
from pathlib import Path

from tools.site import material_assets, table_markup
from tools.site.asset_bundles import STYLESHEET
from tools.site.table_markup import MATERIAL_SELECTOR, SITE_PATH, material_stylesheet, prewrapped_css, prewrapped_css_key, wrap_tables

WRAPPERS = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_a_table_without_a_class_is_wrapped_as_material_wraps_it_and_gets_the_class():
    html = "<p>before</p><table><tr><td>1</td></tr></table><p>after</p>"
    assert wrap_tables(html) == (
        f'<p>before</p>{WRAPPERS}<table class="prewrapped"><tr><td>1</td></tr></table></div></div><p>after</p>')


def test_a_table_with_a_class_is_left_as_it_is():
    html = '<table class="dataframe" border="1"><tr><td>1</td></tr></table><TABLE CLASS="x"></TABLE>'
    assert wrap_tables(html) == html


def test_other_attributes_stay_and_nested_tables_close_their_own_wrappers():
    html = '<table id="outer"><tr><td><table class="inner"><tr><td>1</td></tr></table></td></tr></table>'
    assert wrap_tables(html) == (
        f'{WRAPPERS}<table class="prewrapped" id="outer"><tr><td>'
        '<table class="inner"><tr><td>1</td></tr></table></td></tr></table></div></div>')


def test_escaped_table_markup_in_code_is_text_and_stays_text():
    html = "<pre><code>&lt;table&gt;&lt;/table&gt;</code></pre>"
    assert wrap_tables(html) == html


def test_the_wrappers_are_the_ones_materials_script_makes_for_the_tables_it_selects():
    """What the rewrite relies on: Material's bundle wraps `table:not([class])` in these two divs."""
    code = material_assets.bundle().read_text(encoding="utf-8")
    assert f'M("{MATERIAL_SELECTOR}",e)' in code
    assert re.search(r'x\("div",\{class:"md-typeset__scrollwrap"\},x\("div",\{class:"md-typeset__table"\},e\)\)', code)


def test_each_rule_for_material_tables_is_copied_for_the_class_in_its_media_and_order():
    css = (".md-typeset table:not([class]) th,.md-typeset h1{font-weight:700}"
           ".md-typeset p{margin:0}"
           "@media print{.md-typeset table:not([class]){display:table}.other{color:red}}"
           ":is(.a,.b) table:not([class]) td{padding:1em}")
    assert prewrapped_css(css) == (
        ".md-typeset table.prewrapped th{font-weight:700}\n"
        "@media print{.md-typeset table.prewrapped{display:table}}\n"
        ":is(.a,.b) table.prewrapped td{padding:1em}\n")


def test_materials_own_table_rules_all_have_a_copy():
    """On the installed theme: as many rules for the class as Material has for its tables, and
    every declaration of those carried over."""
    material_css = material_stylesheet()
    copied = prewrapped_css(material_css)
    assert copied.count("table.prewrapped") == material_css.count(MATERIAL_SELECTOR) > 5
    for declarations in re.findall(r"table:not\(\[class\]\)[^{,]*\{([^}]*)\}", material_css):
        assert declarations in copied


def test_built_pages_have_no_table_left_for_material_to_wrap_and_the_site_styles_them(built_site):
    pages = list(built_site.rglob("*.html"))
    tables = [tag for page in pages for tag in re.findall(r"<table\b[^>]*>", page.read_text(encoding="utf-8"))]
    assert '<table class="prewrapped">' in tables
    assert [tag for tag in tables if "class=" not in tag] == []
    stylesheet = (built_site / STYLESHEET).read_text(encoding="utf-8")  # the pages' one stylesheet of ours
    assert f"/* {SITE_PATH} */\n.md-typeset table.prewrapped{{" in stylesheet
    assert ".md-typeset table.prewrapped td{" in stylesheet



def test_the_copied_rules_are_made_again_when_materials_stylesheet_or_the_copying_code_changes(monkeypatch, tmp_path):
    """The hook keeps the copy in the page cache under this key (tools/site/hooks/table_markup.py)."""
    css = "table:not([class]){margin:0}"
    key = prewrapped_css_key(css)
    assert prewrapped_css_key(css) == key
    assert prewrapped_css_key(css.replace("0", "1")) != key
    edited = tmp_path / "table_markup.py"
    edited.write_text(Path(table_markup.__file__).read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    monkeypatch.setattr(table_markup, "__file__", str(edited))
    assert prewrapped_css_key(css) != key
