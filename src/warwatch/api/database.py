"""The store as the server holds it: one DuckDB database, opened once for the life of the process.

DuckDB lets one process write a database file, or any number of processes read it, never both: a second
process cannot even open the file read-only while a writer holds it. So the server chooses once, at start:

- **no token set** (the default): the store is opened **read-only**. Other processes may read it too
  (``warwatch show``, a notebook, a second server), none may write it; every write request gets 401.
- **a token set** (``WARWATCH_API_TOKEN``): the store is opened **read-write** and held for as long as the
  server runs. New articles go in through ``POST /articles``; ``warwatch code --store`` on the same file
  fails with "locked by another process" until the server stops.

Reads never wait for a write: each request takes a cursor (a connection to the same database) from a
pool, and DuckDB's MVCC shows it the last committed state. Writes take the one root connection under a
lock, one at a time.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..store import Store

__all__ = ["Database"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class Database:
    """The server's store: a pool of read cursors, one write connection, and a cache of ``meta``."""

    def __init__(self, path: Path | str, *, writable: bool) -> None:
        self.path = Path(path)
        self.writable = writable
        self._root = Store.open(self.path, read_only=not writable)
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._cursors: list[Store] = []
        self._pool_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self._generation = 0  # grows with every write: an answer computed across a write is not cached
        self._closed = False

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A cursor for this request; back in the pool afterwards (at most one per concurrent request)."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            with self._pool_lock:
                if self._closed:
                    raise RuntimeError("the store is closed") from None
                store = self._root.cursor()
                self._cursors.append(store)
        try:
            yield store
        finally:
            self._idle.put(store)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The write connection, one writer at a time; cached answers are dropped after the write."""
        if not self.writable:
            raise PermissionError("the store is open read-only")
        with self._write_lock:
            try:
                yield self._root
            finally:
                self._generation += 1
                self._cache.clear()

    def cached(self, key: str, compute: Callable[[Store], T]) -> T:
        """``compute(store)`` once until the next write (nothing else can write the file meanwhile)."""
        if key in self._cache:
            cached: T = self._cache[key]
            return cached
        generation = self._generation
        with self.reading() as store:
            value = compute(store)
        if generation == self._generation:
            self._cache[key] = value
        return value

    def close(self) -> None:
        with self._pool_lock:
            self._closed = True
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
        self._root.close()
