"""Diagrams are drawn at build time (tools/site/mermaid_svg.py): readers get an SVG, no mermaid script.

The drawing is mermaid's own, run in Chromium during the build; these tests check that
every diagram of the built site arrived as an SVG that shows what its source says, and
that a diagram mermaid cannot draw stops the build with the page named.
"""

import html
import re
import threading

import pytest
import sqlalchemy as sa
from alembic import command
from mkdocs.exceptions import PluginError

from tests.er_checks import reflected_tables
from tools.outputs import revision_runs
from tools.site import built_site, mermaid_asset, mermaid_svg
from tools.site.built_site import CHROMIUM

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium draws the diagrams: `make browser`")

DRAWN = re.compile(r'<div class="mermaid">(<svg\b.*?</svg>)</div>', re.S)


def svg_words(svg: str) -> set[str]:
    """The words an SVG drawing shows (its <text> elements), styles and markup aside."""
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    return {word for text in texts for word in re.split(r"[\s,]+", html.unescape(re.sub(r"<[^>]+>", " ", text))) if word}


@needs_chromium
def test_every_diagram_arrives_as_an_inline_svg_and_no_page_loads_mermaid(built_site):
    """No `<pre class="mermaid">` is left for the browser, no page loads the 3.5 MB script,
    and the ids inside each page's drawings are unique (two drawings never share a marker)."""
    pages_with_drawings = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site).as_posix()
        assert mermaid_asset.DIAGRAM not in text, f"{where}: a diagram was left for the browser to draw"
        assert "mermaid.min.js" not in " ".join(re.findall(r'<script src="([^"]+)"', text)), where
        drawings = DRAWN.findall(text)
        if drawings:
            pages_with_drawings += 1
            svg_ids = [re.match(r'<svg[^>]*\bid="([^"]+)"', svg)[1] for svg in drawings]
            assert len(set(svg_ids)) == len(svg_ids), f"{where}: drawings share an id: {svg_ids}"
            assert all('aria-roledescription="error"' not in svg for svg in drawings), where
    # The schema pages, two explanation pages, the revision graph and one page per revision.
    assert pages_with_drawings >= 9 + len(revision_runs.revisions())


@needs_chromium
def test_the_head_revisions_drawing_shows_every_table_and_column_of_the_database(built_site, alembic_cfg, database_url):
    """What the SVG on the head revision's page shows is the schema `alembic upgrade head` builds."""
    command.upgrade(alembic_cfg, "head")
    engine = sa.create_engine(database_url)
    tables = reflected_tables(engine)
    engine.dispose()
    head = revision_runs.revisions()[-1].id
    page = (built_site / "reference" / "revisions" / head / "index.html").read_text(encoding="utf-8")
    shown = svg_words(DRAWN.search(page)[1])
    missing = {name for table, columns in tables.items() for name in {table, *columns}} - shown
    assert not missing, f"the drawing on revisions/{head}/ lacks {sorted(missing)}"


@needs_chromium
def test_the_revision_graph_drawing_shows_every_revision(built_site):
    page = (built_site / "reference" / "revision-graph" / "index.html").read_text(encoding="utf-8")
    shown = svg_words(DRAWN.search(page)[1])
    assert {revision.id for revision in revision_runs.revisions()} <= shown


@needs_chromium
def test_a_diagram_mermaid_cannot_parse_stops_the_build_naming_the_page():
    """The build stops before writing any page; the message names the page and quotes mermaid."""
    broken = '<pre class="mermaid"><code>flowchart LR\n  base --&gt;&gt; ((head</code></pre>'
    mermaid_svg.reset()
    try:
        mermaid_svg.collect(broken, "schema/broken-example/")
        with pytest.raises(mermaid_svg.DiagramError) as caught:
            mermaid_svg.draw_missing()
    finally:
        mermaid_svg.reset()
    message = str(caught.value)
    assert "/schema/broken-example/: the mermaid diagram starting 'flowchart LR' does not draw" in message
    assert "Parse error" in message or "Syntax error" in message, message



def drawer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "mermaid-svg"]


@needs_chromium
def test_a_diagram_new_to_the_cache_is_drawn_while_the_build_goes_on(tmp_path, monkeypatch):
    """Collecting the page hands the diagram to Chromium; on_env then only collects the drawing."""
    monkeypatch.setattr(mermaid_svg, "CACHE", tmp_path)
    source = "flowchart LR\n  drawn --> early\n"
    mermaid_svg.reset()
    try:
        mermaid_svg.collect(f'<pre class="mermaid"><code>{html.escape(source, quote=False)}</code></pre>', "schema/")
        assert drawer_threads(), "no drawing started when the page was collected"
        mermaid_svg.draw_missing()
    finally:
        mermaid_svg.reset()
    assert "early" in svg_words(mermaid_svg.cached(source))
    assert not drawer_threads()


def test_a_build_that_fails_after_a_diagram_was_handed_to_chromium_leaves_no_drawer(tmp_path, monkeypatch):
    """A failed build resets the diagrams (the hook's on_build_error): the drawing Chromium is closed."""
    monkeypatch.setattr(mermaid_svg, "CACHE", tmp_path)
    monkeypatch.setattr(mermaid_svg, "can_draw", lambda: True)
    mermaid_svg.reset()
    mermaid_svg.collect('<pre class="mermaid"><code>flowchart LR\n  a --&gt; b</code></pre>', "schema/")
    mermaid_svg.reset()
    assert not drawer_threads()


def test_chromium_failing_to_start_stops_the_build_with_its_error(tmp_path, monkeypatch):
    """The drawing thread's error reaches the build, at on_env, and the thread ends."""
    monkeypatch.setattr(mermaid_svg, "CACHE", tmp_path)
    monkeypatch.setattr(mermaid_svg, "can_draw", lambda: True)

    def no_chromium(*args, **kwargs):
        raise FileNotFoundError("/usr/bin/chromium is missing")

    monkeypatch.setattr(built_site, "launch", no_chromium)
    mermaid_svg.reset()
    try:
        mermaid_svg.collect('<pre class="mermaid"><code>flowchart LR\n  a --&gt; b</code></pre>', "schema/")
        with pytest.raises(PluginError, match="Drawing the mermaid diagrams in Chromium failed: /usr/bin/chromium is missing"):
            mermaid_svg.draw_missing()
    finally:
        mermaid_svg.reset()
    assert not drawer_threads()
    assert not list(tmp_path.iterdir())

def test_two_drawings_on_one_page_get_ids_of_their_own(tmp_path, monkeypatch):
    """The cached drawing carries a placeholder id; each copy on a page gets its own."""
    monkeypatch.setattr(mermaid_svg, "CACHE", tmp_path)
    source = "flowchart LR\n  a --> b\n"
    (tmp_path / f"{mermaid_svg.cache_key(source)}.svg").write_text(
        f'<svg id="{mermaid_svg.ID_TOKEN}"><style>#{mermaid_svg.ID_TOKEN} .node{{}}</style></svg>')
    fence = f'<pre class="mermaid"><code>{html.escape(source, quote=False)}</code></pre>'
    page = mermaid_svg.replace(f"<p>one</p>{fence}<p>two</p>{fence}")
    assert page == ('<p>one</p><div class="mermaid"><svg id="__mermaid_1"><style>#__mermaid_1 .node{}</style></svg></div>'
                    '<p>two</p><div class="mermaid"><svg id="__mermaid_2"><style>#__mermaid_2 .node{}</style></svg></div>')


def test_a_diagram_not_drawn_is_left_for_the_browser_with_mermaid_loaded(tmp_path, monkeypatch):
    """Without a drawing (no Chromium at build time) the page keeps the diagram and loads mermaid."""
    monkeypatch.setattr(mermaid_svg, "CACHE", tmp_path)
    fence = '<pre class="mermaid"><code>flowchart LR\n  a --&gt; b</code></pre>'
    page = fence + '<script src="../assets/javascripts/bundle.abc123.min.js"></script>'
    assert mermaid_svg.replace(page) == page
    assert mermaid_asset.add_script(page, "schema/").count("mermaid.min.js") == 1
