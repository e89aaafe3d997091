"""A named lock for work that must not run twice at once, such as a PDF rendering.

On PostgreSQL it is a session advisory lock, so it holds across threads, worker
processes and hosts that share the database, without a table, a transaction or a
row to clean up: the server drops it when the holder unlocks or its connection
ends, so a worker that dies cannot leave it taken. Other databases (SQLite for
development and tests, one process) get a lock of this process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.transaction import TransactionManagementError

logger = logging.getLogger(__name__)

# How often a waiter asks PostgreSQL again whether the lock is free.
POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """The lock stayed taken for longer than the caller would wait."""


def lock_id(name: str) -> int:
    """The name as PostgreSQL's 64-bit advisory lock key."""
    digest = hashlib.sha256(f"samverkan:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


_local_locks: weakref.WeakValueDictionary[str, threading.Lock] = (
    weakref.WeakValueDictionary()
)
_local_guard = threading.Lock()


def _local_lock(name: str) -> threading.Lock:
    with _local_guard:
        lock = _local_locks.get(name)
        if lock is None:
            lock = threading.Lock()
            _local_locks[name] = lock
        return lock


@contextmanager
def exclusive(
    name: str, *, timeout: float, using: str = DEFAULT_DB_ALIAS
) -> Iterator[None]:
    """Hold the lock `name` inside the block; wait at most `timeout` seconds for
    it, then raise LockTimeout."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        lock = _local_lock(name)
        if not lock.acquire(timeout=timeout):
            raise LockTimeout(name)
        try:
            yield
        finally:
            lock.release()
        return
    key = lock_id(name)
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= deadline:
                raise LockTimeout(name)
            time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except (DatabaseError, TransactionManagementError):
            # The session cannot speak now (a broken transaction): closing it is
            # what releases the lock, rather than keeping it for the connection's
            # whole life.
            logger.exception("The lock %r could not be released; reconnecting.", name)
            connection.close()
