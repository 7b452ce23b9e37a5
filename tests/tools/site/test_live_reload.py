"""`mkdocs serve` polls the watched folders every POLL_SECONDS (tools/site/hooks/live_reload.py)."""

from mkdocs.livereload import LiveReloadServer

from tools.site.hooks import live_reload


def test_serve_polls_every_watched_folder_at_the_shorter_interval(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "examples").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path / "docs"))  # watched by MkDocs before its on_serve event
        assert live_reload.on_serve(server, config=None, builder=server.builder) is server
        server.watch(str(tmp_path / "examples"))  # mkdocs.yml's `watch:`, after it
        intervals = {emitter.timeout for emitter in server.observer.emitters}
        assert len(server.observer.emitters) == 2
        assert intervals == {live_reload.POLL_SECONDS}
    finally:
        server.server_close()
