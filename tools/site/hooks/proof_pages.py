"""MkDocs hook: Reference → Tests (one page per test module, generated from tests/) and
the short proof links `[test_name][]` of every page, expanded into links to them."""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from tools.site import proof_links, proofs

_test_pages: dict[str, str] = {}


def on_files(files: Files, config) -> Files:
    modules = proofs.proof_modules()
    _test_pages.clear()
    _test_pages.update(proof_links.index(modules))
    files.append(File.generated(config, "reference/tests/index.md", content=proofs.index_page(modules)))
    for module in modules:
        files.append(File.generated(config, module.page, content=proofs.module_page(module)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return proof_links.expand(markdown, page.file.src_uri, _test_pages)
    except proof_links.UnknownTest as error:
        raise PluginError(str(error)) from error
