"""Races between two database connections, made to happen every time rather than by chance."""

import contextlib
import threading

import pytest
from django.db import connection, transaction

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two connections writing at once: SQLite's test database serialises writers, so the race can't happen",
)


@contextlib.contextmanager
def in_another_connection(work):
    """Run `work()` in a second connection's transaction, committed only once this connection waits
    for one of the rows it locked: the request under test runs into it every time."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (waiter,) = cursor.fetchone()
    started, finished, problems = threading.Event(), threading.Event(), []

    def other_editor():
        try:
            with transaction.atomic():
                work()
                started.set()
                with connection.cursor() as cursor:
                    while not finished.is_set():
                        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [waiter])
                        if cursor.fetchone()[0]:
                            break  # the request waits for this transaction: commit now
                        finished.wait(0.01)
                    else:
                        problems.append("the request never waited for the other connection")
        except Exception as error:  # reported in the test's thread
            problems.append(error)
        finally:
            started.set()
            connection.close()

    thread = threading.Thread(target=other_editor)
    thread.start()
    try:
        assert started.wait(30)
        yield
    finally:
        finished.set()
        thread.join(30)
    assert not problems, problems
