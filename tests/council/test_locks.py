"""The named lock: one holder at a time, across connections on PostgreSQL, a
waiter that gives up in time, and the lock free again after an error."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from council import locks


def hold_in_another_thread(name: str) -> tuple[threading.Event, threading.Event]:
    """Take `name` in another thread (its own connection); release on `done`."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with locks.exclusive(name, timeout=5):
                taken.set()
                done.wait(10)
        finally:
            connections.close_all()

    threading.Thread(target=hold, daemon=True).start()
    assert taken.wait(10)
    return taken, done


@pytest.mark.django_db(transaction=True)
def test_a_taken_lock_makes_the_waiter_give_up():
    _taken, done = hold_in_another_thread("test:document")
    try:
        with (
            pytest.raises(locks.LockTimeout),
            locks.exclusive("test:document", timeout=0.3),
        ):
            pass
        with locks.exclusive("test:another", timeout=0.3):
            pass  # other names are free
    finally:
        done.set()


@pytest.mark.django_db(transaction=True)
def test_the_waiter_gets_the_lock_once_released():
    _taken, done = hold_in_another_thread("test:document")
    threading.Timer(0.2, done.set).start()
    with locks.exclusive("test:document", timeout=5):
        pass


@pytest.mark.django_db(transaction=True)
def test_an_error_inside_releases_the_lock():
    with (
        pytest.raises(ValueError),
        locks.exclusive("test:document", timeout=1),
    ):
        raise ValueError
    _taken, done = hold_in_another_thread("test:document")
    done.set()


def test_lock_ids_are_64_bit_and_stable():
    assert locks.lock_id("pdf:a") == locks.lock_id("pdf:a")
    assert locks.lock_id("pdf:a") != locks.lock_id("pdf:b")
    assert -(2**63) <= locks.lock_id("pdf:a") < 2**63
