"""Helpers for tests of concurrent edits: a form sent back as it was opened, and requests sent
at the same moment from threads that each hold their own database connection."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model


def opened_data(form: forms.Form) -> dict[str, Any]:
    """What a browser sends back for `form` as it was shown (hidden fields included)."""
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [_posted(v) for v in value]
        else:
            data[field.html_name] = _posted(value)
    return data


def _posted(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))  # a model choice's value


def in_parallel[T](*calls: Callable[[], T]) -> list[T | BaseException]:
    """Run each of `calls` in a thread of its own, all released at the same moment, and return
    what each returned (or raised). The data they read must be committed: use
    `transactional_db`."""
    assert not connection.in_atomic_block, "threads see only committed data (transactional_db)"
    barrier = threading.Barrier(len(calls))
    results: list[T | BaseException] = [RuntimeError("not run")] * len(calls)
    wrapper = type(connections[DEFAULT_DB_ALIAS])
    with _threads_database() as settings_dict:

        def run(index: int, call: Callable[[], T]) -> None:
            if settings_dict is not None:
                connections[DEFAULT_DB_ALIAS] = wrapper(settings_dict, DEFAULT_DB_ALIAS)
            try:
                barrier.wait(timeout=30)
                results[index] = call()
            except BaseException as error:  # reported to the test, not lost in the thread
                results[index] = error
            finally:
                connections[DEFAULT_DB_ALIAS].close()

        threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    return results


@contextmanager
def _threads_database() -> Iterator[dict[str, Any] | None]:
    """Where the threads reach the test database. On PostgreSQL, the test database itself (each
    thread opens its own connection: None). SQLite's test database lives in memory, where
    connections share one cache and a busy one fails instead of waiting: it is copied to a file
    that the threads use (the settings given), then copied back."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "threads.sqlite3"
        connection.ensure_connection()
        memory = connection.connection
        with closing(sqlite3.connect(path)) as copy:
            memory.backup(copy)
            # In WAL mode before any thread connects: switching a database to WAL takes an
            # exclusive lock, and a thread's switch (the settings' `init_command`) racing another
            # thread's transaction would fail at once instead of waiting.
            copy.execute("PRAGMA journal_mode=WAL")
        yield {**connection.settings_dict, "NAME": str(path)}
        with closing(sqlite3.connect(path)) as copy:
            copy.backup(memory)
