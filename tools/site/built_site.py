"""The built site as the browser tests and `make bench` see it.

`serve` runs a quiet HTTP server on 127.0.0.1 in a thread, on a free port. With
`gzip=True` text files are sent compressed when the browser asks, as any real host
does, so Lighthouse measures the bytes a reader really downloads. `sitemap_paths`
lists the pages; `CHROMIUM` and `CHROMIUM_ARGS` say how to start Debian's Chromium.
"""

import contextlib
import functools
import gzip as gzip_module
import io
import sys
import threading
import typing
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium as root needs --no-sandbox; the rest stop it calling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run",
]

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map")


def gzip_size(path: Path) -> int:
    """Bytes on the wire for this file: gzip-compressed when a host would compress it."""
    data = path.read_bytes()
    return len(gzip_module.compress(data, 6, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


# Under Playwright the browser can resolve no host but this machine: a request to any
# other fails at once, and the tests, which watch requests, name the page that made it.
ONLY_THIS_MACHINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def launch(playwright, extra_args: tuple[str, ...] = ()):
    """Debian's Chromium under Playwright (Playwright's own browser downloads are never used)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM),
                                      args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE, *extra_args])


def sitemap_paths(site: Path) -> list[str]:
    """Paths of every page in the built sitemap, relative to the site root ("" is the home page)."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return [urlsplit(loc.text.strip()).path.lstrip("/") for loc in root.findall("s:url/s:loc", namespace)]


def is_local(url: str) -> bool:
    """True for this machine's 127.0.0.1 and for URLs that need no host (data:, blob:, about:)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def site_file(site: Path, url: str) -> Path:
    """The file of the built site that a URL of the served site answers with."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


class _Handler(SimpleHTTPRequestHandler):
    compress = False
    extra_files: typing.ClassVar[dict[str, Path]] = {}  # URL path -> a file outside the site (test tooling)

    def translate_path(self, path):
        extra = self.extra_files.get(urlsplit(path).path)
        return str(extra) if extra else super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # Pages are never stored, so a test that rewrites one sees its change. Other files
        # do not change while one server runs (each serve() has a port, so an origin, of its
        # own): the browser keeps them, and compiles the scripts once, as it does on a real host.
        page = urlsplit(self.path).path.endswith(("/", ".html"))
        self.send_header("Cache-Control", "no-store" if page else "max-age=3600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects /page to /page/
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip_module.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page drops the requests still under way: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, gzip: bool = False, extra_files: dict[str, Path] | None = None) -> Iterator[str]:
    """Serve `directory` until the block ends; yields the base URL, ending in '/'.

    `extra_files` serves files from elsewhere at the given URL paths (the browser tests'
    axe-core), without copying them into the site under test.
    """
    attributes = {"compress": gzip, "extra_files": dict(extra_files or {})}
    handler = functools.partial(type("Handler", (_Handler,), attributes), directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
