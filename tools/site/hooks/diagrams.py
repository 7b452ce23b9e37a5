"""MkDocs hook: mermaid diagrams drawn at build time into inline SVG, and mermaid's script
served by the site (loaded only by pages with a diagram left for the browser to draw)."""

from mkdocs.structure.files import File, Files

from tools.site import mermaid_asset, mermaid_svg


def on_config(config):
    mermaid_asset.source()  # fail now, with what to run, when node_modules is missing
    mermaid_svg.reset()  # `mkdocs serve` rebuilds in the same process
    return config


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, mermaid_asset.SITE_PATH, abs_src_path=str(mermaid_asset.source())))
    return files


def on_page_content(html: str, page, config, files) -> str:
    mermaid_svg.collect(html, page.url)
    return html


def on_env(env, config, files):
    # Every page is converted by now and none is written yet: the new diagrams' drawings are due.
    mermaid_svg.draw_missing()
    return env


def on_post_page(output: str, page, config) -> str:
    return mermaid_asset.add_script(mermaid_svg.replace(output), page.url)


def on_build_error(error):
    mermaid_svg.reset()  # closes the Chromium drawing this build's diagrams
