"""MkDocs hook: reuse a page's Markdown render, search entries and template output while
what they are made from is unchanged (tools/site/page_cache.py says what that is).

Every event here runs after the other hooks and plugins (priority -100): the Markdown it
keys on is the one the other hooks finished, and the template it wraps is the last one.
"""

import logging
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from tools.site import page_cache
from tools.site.page_cache import digest

_cache = page_cache.CACHE
_build: dict = {}


def toc_text(items) -> str:
    return "".join(f"[{item.level}|{item.id}|{item.title}|{toc_text(item.children)}]" for item in items)


def nav_text(items) -> str:
    parts = []
    for item in items:
        if isinstance(item, Section):
            parts.append(f"S[{item.title}|{nav_text(item.children)}]")
        elif isinstance(item, Link):
            parts.append(f"L[{item.title}|{item.url}]")
        else:
            parts.append(f"P[{item.title}|{item.url}]")
    return "".join(parts)


@event_priority(-100)
def on_config(config):
    root = Path(config.config_file_path).parent
    settings = page_cache.tree_files(root, page_cache.SETTINGS_FOLDERS, page_cache.SETTINGS_FILES)
    warnings = page_cache.WarningSeen()
    logging.getLogger("mkdocs").addHandler(warnings)
    _cache.load()
    _cache.start_build()
    _build.clear()
    _build.update(root=root, warnings=warnings,
                  settings=page_cache.files_digest(root, settings))
    return config


@event_priority(-100)
def on_pre_build(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None:
        return
    add_entry = index.add_entry_from_context

    def cached_entries(page):
        def make():
            before = len(index.entries)
            add_entry(page)
            made = index.entries[before:]
            del index.entries[before:]
            return made
        key = digest("search", page.url, page.content or "", toc_text(page.toc), str(page.title), repr(page.meta))
        index.entries.extend(_cache.get("search", key, make))

    index.add_entry_from_context = cached_entries


@event_priority(-100)
def on_files(files, config):
    _build["files"] = digest(*(f"{f.src_uri}>{f.url}" for f in sorted(files, key=lambda f: f.src_uri)))
    return files


@event_priority(-100)
def on_nav(nav: Navigation, config, files):
    _build["nav"] = nav
    return nav


@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown  # notebooks: mkdocs-jupyter renders them, from its own cache
    embedded = page_cache.embedded_files(markdown, _build["root"])
    key = digest("render", _build["settings"], _build["files"], page.file.src_uri, page.url, markdown,
                 page_cache.files_digest(_build["root"], embedded))
    render = page.render

    def cached_render(config, files):
        def make():
            render(config, files)
            return {
                "content": page.content, "toc": page.toc, "title": page._title_from_render,
                "anchors": page.present_anchor_ids,
                "links": None if page.links_to_anchors is None else
                {target.src_uri: links for target, links in page.links_to_anchors.items()},
            }
        made = _cache.get("render", key, make)
        page.content, page.toc, page._title_from_render = made["content"], made["toc"], made["title"]
        page.present_anchor_ids = made["anchors"]
        if made["links"] is not None:
            page.links_to_anchors = {
                target: links for uri, links in made["links"].items()
                if (target := files.get_file_from_path(uri)) is not None
            }

    page.render = cached_render
    return markdown


class CachedTemplate:
    def __init__(self, template, name: str):
        self.template, self.name = template, name

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, context=None, **more):
        page = (context or {}).get("page")
        if not isinstance(page, Page) or more:
            return self.template.render(context, **more)
        # The address the site is served from (mkdocs serve's differs from mkdocs.yml's) is in the template's output only.
        site_url = str(getattr(context.get("config"), "site_url", ""))
        key = digest("template", self.name, _build["settings"], _build["nav"], site_url, page.url, page.content or "",
                     toc_text(page.toc), str(page.title), repr(page.meta), str(page.canonical_url),
                     str(page.edit_url), str(getattr(page, "nb_url", "")))
        return _cache.get("template", key, lambda: self.template.render(context))


class CachedTemplates:
    """The theme's Jinja environment, whose page templates reuse their output."""

    def __init__(self, env):
        self.env = env

    def __getattr__(self, name):
        return getattr(self.env, name)

    def get_template(self, name, *args, **kwargs):
        return CachedTemplate(self.env.get_template(name, *args, **kwargs), str(name))


@event_priority(-100)
def on_env(env, config, files):
    # Every page is rendered by now: the navigation's titles are known.
    _build["nav"] = digest(nav_text(_build["nav"].items))
    if _cache.folder is not None:
        # The theme's templates, compiled once: Jinja checks each against its source.
        (_cache.folder / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(_cache.folder / "jinja"))
    return CachedTemplates(env)


def _finish(succeeded: bool) -> None:
    warnings = _build.get("warnings")
    if warnings is not None:
        logging.getLogger("mkdocs").removeHandler(warnings)
        succeeded = succeeded and not warnings.seen
    _cache.finish_build(succeeded)


@event_priority(-100)
def on_post_build(config):
    _finish(True)


def on_build_error(error):
    _finish(False)
