"""A session that locks event 1 to change it, again and again while a backfill runs: how long did it wait?

It locks the row (SELECT … FOR UPDATE) instead of updating it: an UPDATE would write a
new version of the row at the end of the table, where the backfill's scan reaches it last.
"""

import threading
import time

import sqlalchemy as sa

from examples.production_shared.waiting import WAIT_LIMIT_SECONDS, connection_to


class WriteProbe:
    def __init__(self, url: str, event_id: int = 1):
        self.url, self.event_id = url, event_id
        self.longest_wait = 0.0
        self.writes = 0
        self._stop = threading.Event()
        self._first_write = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def __enter__(self) -> "WriteProbe":
        self._thread.start()
        # Connected and writing before the backfill starts, however slow the machine is.
        if not self._first_write.wait(timeout=WAIT_LIMIT_SECONDS):
            raise TimeoutError("the write probe did not start")
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with connection_to(self.url, isolation_level="AUTOCOMMIT") as connection:
            while not self._stop.is_set():
                started = time.perf_counter()
                connection.execute(sa.text("SELECT id FROM events WHERE id = :id FOR UPDATE"), {"id": self.event_id})
                self.longest_wait = max(self.longest_wait, time.perf_counter() - started)
                self.writes += 1
                self._first_write.set()
