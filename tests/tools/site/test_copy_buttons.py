"""Code blocks leave the build with Material's copy button in front of their code."""

import re

import pytest

from tools.site import material_assets
from tools.site.copy_buttons import add_copy_buttons, copy_title

CONFIG = ('<script id="__config" type="application/json">'
          '{"translations": {"clipboard.copy": "Copy to clipboard", "clipboard.copied": "Copied"}}</script>')
BLOCK = '<div class="highlight"><pre><span></span><code>print(1)\n</code></pre></div>'
BUTTON = ('<nav class="md-code__nav" role="presentation"><button class="md-code__button" title="Copy to clipboard"'
          ' data-clipboard-target="#__copy_{n}" data-md-type="copy"></button></nav>')


def test_each_block_gets_a_button_aimed_at_its_own_code():
    page = CONFIG + BLOCK + BLOCK
    assert add_copy_buttons(page) == CONFIG + "".join(
        f'<div class="highlight"><pre><span></span>{BUTTON.format(n=n)}<code id="__copy_{n}">print(1)\n</code></pre></div>'
        for n in (1, 2))


def test_a_code_element_with_an_id_keeps_it_and_the_button_aims_at_it():
    page = CONFIG + '<pre><code class="language-sql" id="listing">SELECT 1</code></pre>'
    assert add_copy_buttons(page) == (
        CONFIG + '<pre><nav class="md-code__nav" role="presentation"><button class="md-code__button" title="Copy to clipboard"'
        ' data-clipboard-target="#listing" data-md-type="copy"></button></nav>'
        '<code class="language-sql" id="listing">SELECT 1</code></pre>')


def test_diagrams_and_code_not_directly_in_a_pre_get_no_button():
    page = CONFIG + '<pre class="mermaid"><code>graph LR</code></pre><pre><span class="k">SELECT</span></pre><p><code>x</code></p>'
    assert add_copy_buttons(page) == page


def test_the_title_is_the_pages_own_translation():
    french = CONFIG.replace("Copy to clipboard", "Copier dans le presse-papier")
    assert copy_title(french) == "Copier dans le presse-papier"
    assert 'title="Copier dans le presse-papier"' in add_copy_buttons(french + BLOCK)


def test_a_page_with_code_and_no_material_configuration_fails_with_what_is_missing():
    with pytest.raises(LookupError, match="no Material configuration"):
        add_copy_buttons(BLOCK)
    assert add_copy_buttons("<p>no code here</p>") == "<p>no code here</p>"


def test_the_markup_is_the_one_materials_script_makes_and_its_clipboard_handler_serves():
    """What the rewrite relies on: Material's bundle renders this toolbar and button, and copies
    for any element with a `data-clipboard-target`, whichever code inserted it."""
    code = material_assets.bundle().read_text(encoding="utf-8")
    assert 'x("nav",{class:"md-code__nav"})' in code
    assert re.search(r'x\("button",\{class:"md-code__button",title:\w+\("clipboard\.copy"\),'
                     r'"data-clipboard-target":`#\$\{e\} > code`,"data-md-type":"copy"\}\)', code)
    assert '"[data-clipboard-target], [data-clipboard-text]"' in code


def test_every_code_block_of_the_built_site_has_one_button_aimed_at_its_code(built_site):
    blocks = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<pre\b[^>]*>(<span></span>)?<code", text), f"{page}: a code block without a button"
        for target, code_id in re.findall(r'data-clipboard-target="#([^"]+)" data-md-type="copy"></button></nav><code id="([^"]+)"', text):
            assert target == code_id, page
            blocks += 1
    assert blocks > 500
