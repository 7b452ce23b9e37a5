"""The site builds in strict mode, and a broken page stops the build with its name."""

import re

import pytest

from tests.conftest import build_site as build
from tools.outputs import revision_runs
from tools.site import mermaid_asset


def test_strict_build_succeeds(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "tutorial" / "first-migration" / "index.html").is_file()


def test_pages_show_embedded_code_and_generated_output(built_site):
    html = (built_site / "tutorial" / "first-migration" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "op.create_table(" in text  # the reader's first revision
    assert "Running upgrade 3f2a9c1d7e45 -&gt; b81e0c6d2f93, rename book name to title" in text  # a transcript
    assert "--8&lt;--" not in text  # no include left unexpanded


def test_built_pages_request_nothing_from_other_hosts(built_site):
    """No Google Fonts, no CDN: scripts, styles and fonts all come from the site."""
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag) and 'rel="canonical"' not in tag:
                offenders.append(f"{page.relative_to(built_site)}: {tag}")
    assert not offenders, "\n".join(offenders)


def script_sources(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_mermaid_comes_from_the_site_and_only_where_a_diagram_is_left_to_draw(built_site):
    """Diagrams are drawn at build time (tests/tools/site/test_mermaid_svg.py). One the build could not
    draw (no Chromium) is drawn in the browser, and Material would fetch mermaid from a CDN
    for it: such a page loads the site's own copy (the npm package's build) before Material's
    bundle, and every other page does without its ~3 MB."""
    served = built_site / mermaid_asset.SITE_PATH
    assert served.read_bytes() == mermaid_asset.source().read_bytes()
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        sources = script_sources(html)
        mermaid = [s for s in sources if s.endswith("mermaid.min.js")]
        bundle = [i for i, s in enumerate(sources) if re.search(r"assets/javascripts/bundle\.\w+\.min\.js$", s)]
        where = page.relative_to(built_site).as_posix()
        if mermaid_asset.DIAGRAM not in html:
            if mermaid:
                problems.append(f"{where}: loads mermaid without a diagram to draw")
            continue
        if len(mermaid) != 1 or not bundle or sources.index(mermaid[0]) > bundle[0]:
            problems.append(f"{where}: has a diagram but does not load the site's mermaid before the bundle")
        elif (page.parent / mermaid[0]).resolve() != served.resolve():
            problems.append(f"{where}: loads {mermaid[0]}, not {mermaid_asset.SITE_PATH}")
    assert not problems, "\n".join(problems)


def test_a_diagram_left_to_draw_loads_mermaid_before_materials_bundle():
    html = ('<pre class="mermaid"><code>flowchart LR</code></pre>'
            '<script src="../assets/javascripts/bundle.abc123.min.js"></script>')
    assert script_sources(mermaid_asset.add_script(html, "schema/")) == [
        "../assets/javascripts/mermaid.min.js", "../assets/javascripts/bundle.abc123.min.js"]


def test_a_listing_that_mentions_mermaid_does_not_load_it():
    """Code that shows the words class="mermaid" is not a diagram: no 3 MB script for it."""
    html = ('<pre><code><span class="s1">\'class="mermaid"\'</span> &lt;pre class="mermaid"&gt;</code></pre>'
            '<script src="assets/javascripts/bundle.abc123.min.js"></script>')
    assert mermaid_asset.add_script(html, "reference/tests/test_site_build/") == html


def test_every_revision_has_its_page_with_both_dialects_a_diagram_and_a_diff(built_site):
    """The Reference → Revisions pages are in the built site, one per revision file,
    each with the SQLite and PostgreSQL tabs, an ER diagram and the schema diff."""
    index = (built_site / "reference" / "revisions" / "index.html").read_text(encoding="utf-8")
    for revision in revision_runs.revisions():
        html = (built_site / "reference" / "revisions" / revision.id / "index.html").read_text(encoding="utf-8")
        for part in ("SQLite (executed)", "PostgreSQL (offline)", 'class="mermaid"', "What changed"):
            assert part in html, (revision.id, part)
        assert f'href="{revision.id}/"' in index
    graph = (built_site / "reference" / "revision-graph" / "index.html").read_text(encoding="utf-8")
    assert 'class="mermaid"' in graph  # drawn or not: tests/tools/site/test_mermaid_svg.py checks the drawing


def test_build_without_node_modules_says_to_run_make_install(tmp_path, monkeypatch):
    """Plain `mkdocs serve` or `mkdocs build` before `make install`: the build stops
    as it starts (the diagrams hook's on_config), and says what to run, instead of shipping pages that fetch
    mermaid from a CDN."""
    from mkdocs.exceptions import PluginError

    from tools.site.hooks import diagrams

    monkeypatch.setattr(mermaid_asset, "ROOT", tmp_path)  # a clone with no node_modules/
    with pytest.raises(PluginError) as stopped:
        diagrams.on_config(config=None)
    assert str(stopped.value) == (
        "node_modules/mermaid/dist/mermaid.min.js is missing: the site serves mermaid itself. "
        "Run `make install` (or `npm ci`) in the repository root, then build again."
    )


# Each of these stops the build at once: one build each.
BREAKAGES = {
    "missing snippet file": (
        '--8<-- "examples/tutorial_first_migration/models.py:book"',
        '--8<-- "examples/tutorial_first_migration/model.py:book"',
        "embeds 'examples/tutorial_first_migration/model.py', which does not exist",
    ),
    "missing named section": (
        '--8<-- "examples/tutorial_first_migration/models.py:book"',
        '--8<-- "examples/tutorial_first_migration/models.py:boo"',
        "has no `--8<-- [start:boo]` marker",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.replace(" ", "-"))
def test_broken_page_fails_the_build_naming_the_page(warm_project_copy, tmp_path, breakage):
    old, new, message = BREAKAGES[breakage]
    page = warm_project_copy / "docs" / "tutorial" / "first-migration.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")

    result = build(warm_project_copy, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite a {breakage}"
    assert "first-migration.md" in output, output
    assert message in output, output


def test_broken_links_and_anchors_fail_the_build_each_named(warm_project_copy, tmp_path):
    """Link problems do not stop the build at once: strict mode fails it at the end, and
    the output names every one, with its page (both in one build)."""
    page = warm_project_copy / "docs" / "tutorial" / "first-migration.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nSee [the install page](../install.md) and [my machine](../index.md#run-it-on-my-machine).\n",
                    encoding="utf-8")

    result = build(warm_project_copy, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed despite a broken link and a broken anchor"
    for message in ("contains a link '../install.md', but the target 'install.md' is not found",
                    "does not contain an anchor '#run-it-on-my-machine'"):
        assert any("first-migration.md" in line and message in line for line in output.splitlines()), output
