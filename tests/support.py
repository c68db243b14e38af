"""Helpers for tests: for those that start processes of their own (workers, gunicorn,
restore), and for those that count a page's queries."""


def postgres_url(name: str | None = None) -> str:
    """The URL of the PostgreSQL server the tests run on: of the test database, or of the
    database `name` on the same server."""
    from django.db import connection

    db = connection.settings_dict
    return (
        f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name or db['NAME']}"
    )


def page_queries(captured) -> list[dict]:
    """The queries a page ran (from CaptureQueriesContext), without the session's: with Redis
    the session comes from the cache, without it from the database."""
    return [query for query in captured.captured_queries if "django_session" not in query["sql"]]
