"""Hearing of other people's changes to a book on PostgreSQL, as they commit them.

Every write of the store notifies the changes channel in its transaction; a thread of the
app's own listens on a connection of its own and counts what others changed (the app
compares the count, as it compares SQLite's data_version). A lost connection (a server
restart, a network cut) is made again, with a pause that grows while the server stays
away, and counts as a change: what happened meanwhile was not heard.
"""

from __future__ import annotations

import threading
from typing import Any

import psycopg

from successplan.errors import StoreError
from successplan.store.postgres_migrations import CHANGES_CHANNEL

# Seconds between attempts to listen again while the server is away (doubling up to).
_FIRST_PAUSE, _LONGEST_PAUSE = 0.2, 5.0


class ChangeListener:
    """A thread that counts the changes others commit to the book."""

    def __init__(self, settings: dict[str, Any], shown: str, own_processes: set[int]) -> None:
        self._settings = settings
        self._shown = shown
        self._own = own_processes
        self._stopped = threading.Event()
        self._count = 0
        self._count_lock = threading.Lock()
        self.listening = threading.Event()
        self._thread = threading.Thread(
            target=self._listen, name="successplan-changes", daemon=True
        )

    @property
    def token(self) -> int:
        with self._count_lock:
            return self._count

    def start(self) -> None:
        self._thread.start()
        # The first changes are heard once listening: wait a little for it (not for ever).
        self.listening.wait(timeout=2)

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)

    def _heard(self) -> None:
        with self._count_lock:
            self._count += 1

    def _listen(self) -> None:
        from successplan.store.postgres_connection import connect

        pause = _FIRST_PAUSE
        first = True
        while not self._stopped.is_set():
            try:
                connection = connect(self._settings, self._shown)
            except StoreError:
                self._stopped.wait(pause)
                pause = min(pause * 2, _LONGEST_PAUSE)
                continue
            try:
                connection.execute(f"LISTEN {CHANGES_CHANNEL}")
                if not first:
                    self._heard()  # changes made while away were not heard
                first, pause = False, _FIRST_PAUSE
                self.listening.set()
                while not self._stopped.is_set():
                    for notice in connection.notifies(timeout=0.5):
                        if notice.pid not in self._own:
                            self._heard()
            except psycopg.Error:
                self.listening.clear()
            finally:
                connection.close()
