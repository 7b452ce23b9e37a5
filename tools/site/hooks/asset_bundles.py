"""MkDocs hook: our stylesheets and scripts are each served as one file (tools/site/asset_bundles.py)."""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from tools.site.asset_bundles import SCRIPT, SCRIPTS, STYLESHEET, join_scripts, join_stylesheets

_stylesheets: list[str] = []


@event_priority(-50)
def on_config(config):
    # The pages link the joined stylesheet only; what it joins is mkdocs.yml's list.
    _stylesheets[:] = [str(path) for path in config.extra_css]
    config.extra_css = [STYLESHEET]
    return config


def _take(files: Files, path: str) -> tuple[str, str]:
    """A source's text, taken out of the site: only the joined file is published."""
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"{path} is to be joined into one of the site's assets, but the site has no such file")
    files.remove(file)
    return path, file.content_string


# After the other hooks' on_files: tools/site/hooks/table_markup.py generates a stylesheet there.
@event_priority(-50)
def on_files(files: Files, config) -> Files:
    stylesheet = join_stylesheets([_take(files, path) for path in _stylesheets])
    script = join_scripts([_take(files, path) for path in SCRIPTS])
    files.append(File.generated(config, STYLESHEET, content=stylesheet))
    files.append(File.generated(config, SCRIPT, content=script))
    return files
