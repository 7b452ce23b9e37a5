"""MkDocs hook: tables leave the build already wrapped as Material wraps them at load, with a
stylesheet that styles them as Material's own (tools/site/table_markup.py)."""

from mkdocs.structure.files import File, Files

from tools.site import page_cache
from tools.site.table_markup import SITE_PATH, material_stylesheet, prewrapped_css, prewrapped_css_key, wrap_tables


def on_files(files: Files, config) -> Files:
    material_css = material_stylesheet()
    css = page_cache.CACHE.get("stylesheet", prewrapped_css_key(material_css), lambda: prewrapped_css(material_css))
    files.append(File.generated(config, SITE_PATH, content=css))
    return files


def on_post_page(output: str, page, config) -> str:
    return wrap_tables(output)
