"""MkDocs hooks: pages generated from the repository at build time.

Listed under `hooks:` in mkdocs.yml, so `mkdocs build` and `mkdocs serve` run
them with no extra step.
"""

import sys
from pathlib import Path

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `mkdocs serve` run outside the venv's editable install
    sys.path.insert(0, str(ROOT))

from tools import code_markup, mermaid_asset, mermaid_svg, proof_links, proofs, reference, revision_runs  # noqa: E402

_test_pages: dict[str, str] = {}


def on_config(config):
    mermaid_asset.source()  # fail now, with what to run, when node_modules is missing
    mermaid_svg.reset()  # `mkdocs serve` rebuilds in the same process
    reference.expand_nav(config.nav or [], revision_runs.revisions())
    return config


def on_files(files: Files, config) -> Files:
    modules = proofs.proof_modules()
    _test_pages.clear()
    _test_pages.update(proof_links.index(modules))
    files.append(File.generated(config, "reference/tests/index.md", content=proofs.index_page(modules)))
    for module in modules:
        files.append(File.generated(config, module.page, content=proofs.module_page(module)))
    try:
        revision_pages = reference.pages()
    except revision_runs.RevisionPageError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"Reference → Revisions: {error}") from error
    for path, content in revision_pages.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, mermaid_asset.SITE_PATH, abs_src_path=str(mermaid_asset.source())))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Stop the build on a broken snippet include, naming the page and line.

    pymdownx.snippets would stop it too, but with a traceback that names no page.
    """
    from mkdocs.exceptions import PluginError

    from tools.pages import include_problems

    problems = include_problems(f"docs/{page.file.src_uri}", markdown)
    if problems:
        raise PluginError("Broken snippet include:\n  " + "\n  ".join(problems))
    try:
        return proof_links.expand(markdown, page.file.src_uri, _test_pages)
    except proof_links.UnknownTest as error:
        raise PluginError(str(error)) from error


def on_page_content(html: str, page, config, files) -> str:
    mermaid_svg.collect(html, page.url)
    return html


def on_env(env, config, files):
    # Every page is converted by now and none is written yet: draw all new diagrams in one go.
    mermaid_svg.draw_missing()
    return env


def on_post_page(output: str, page, config) -> str:
    # Diagrams become inline SVG; mermaid is loaded only for any left for the browser to draw.
    output = mermaid_svg.replace(code_markup.unwrap_plain_tokens(output))
    return mermaid_asset.add_script(output, page.url)
