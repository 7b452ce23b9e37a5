"""MkDocs hook: tables leave the build already wrapped as Material wraps them at load, with a
stylesheet that styles them as Material's own (tools/site/table_markup.py)."""

from pathlib import Path

from mkdocs.structure.files import File, Files

from tools.site.table_markup import SITE_PATH, material_stylesheet, prewrapped_css, wrap_tables


def on_files(files: Files, config) -> Files:
    # Material's rules, then ours (extra_css, in mkdocs.yml's order): the copies keep that order.
    ours = [Path(config.docs_dir) / str(path) for path in config.extra_css if str(path) != SITE_PATH]
    css = prewrapped_css(material_stylesheet(), *(path.read_text(encoding="utf-8") for path in ours))
    files.append(File.generated(config, SITE_PATH, content=css))
    return files


def on_post_page(output: str, page, config) -> str:
    return wrap_tables(output)
