"""`seed_demo` is idempotent: a second `make run` on the same database adds nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    """The number of rows of every table the app registry knows (many-to-many tables and
    SQLite's full-text index too)."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and not model._meta.proxy
    }


def test_seeding_the_demo_twice_changes_no_tables_row_count(roles_synced, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = _row_counts()
    assert first["members.Person"] > 500 and first["knowledge.Question"] > 2000
    call_command("seed_demo", stdout=io.StringIO())
    second = _row_counts()
    changed = {label: (n, second[label]) for label, n in first.items() if second[label] != n}
    assert not changed, changed
