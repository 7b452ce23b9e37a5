"""MkDocs hook: tables leave the build already wrapped as Material wraps them at load, with a
stylesheet that styles them as Material's own (tools/site/table_markup.py)."""

from mkdocs.structure.files import File, Files

from tools.site.table_markup import SITE_PATH, material_stylesheet, prewrapped_css, wrap_tables


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, SITE_PATH, content=prewrapped_css(material_stylesheet())))
    return files


def on_post_page(output: str, page, config) -> str:
    return wrap_tables(output)
