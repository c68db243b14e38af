"""Helpers for tests: for those that start processes of their own (workers, gunicorn,
restore), and for those that count a page's queries."""

import contextlib
import subprocess
import uuid


def postgres_url(name: str | None = None) -> str:
    """The URL of the PostgreSQL server the tests run on: of the test database, or of the
    database `name` on the same server."""
    from django.db import connection

    db = connection.settings_dict
    return (
        f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name or db['NAME']}"
    )


@contextlib.contextmanager
def fresh_database_url(tmp_path):
    """The URL of an empty database beside the test database, for a process of its own to
    restore into: on PostgreSQL a new database, dropped afterwards; on SQLite a new file."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    db = connection.settings_dict
    server = ["-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres"]
    fresh = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    subprocess.run(["createdb", *server, fresh], check=True)
    try:
        yield postgres_url(fresh)
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", fresh], check=False)


def page_queries(captured) -> list[dict]:
    """The queries a page ran (from CaptureQueriesContext), without the session's: with Redis
    the session comes from the cache, without it from the database."""
    return [query for query in captured.captured_queries if "django_session" not in query["sql"]]


def all_at_once(calls) -> list:
    """Run each of `calls` (functions without arguments) in a thread of its own, released
    together by a barrier, each on its own database connection: what a race looks like.
    Returns what each returned or raised, in the order given."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as error:  # returned to the test, which asserts on it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
