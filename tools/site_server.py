"""Serve a built site on 127.0.0.1 for the browser tests and `make bench`.

A thread in this process, on a free port, quiet. With `gzip=True` text files are
sent compressed when the browser asks for it, as any real host does, so that
Lighthouse measures the bytes a reader really downloads.
"""

import contextlib
import functools
import gzip as gzip_module
import io
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map")


def gzip_size(path: Path) -> int:
    """Bytes on the wire for this file: gzip-compressed when a host would compress it."""
    data = path.read_bytes()
    return len(gzip_module.compress(data, 6, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


class _Handler(SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # Tests load many pages quickly: no stale copy from a previous build.
        self.send_header("Cache-Control", "no-store")
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


@contextlib.contextmanager
def serve(directory: Path, gzip: bool = False) -> Iterator[str]:
    """Serve `directory` until the block ends; yields the base URL, ending in '/'."""
    handler = functools.partial(type("Handler", (_Handler,), {"compress": gzip}), directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
