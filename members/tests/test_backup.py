"""The backup and restore pair: a dump restored into a fresh database holds the data."""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from members.models import Organisation
from members.tests.factories import OrganisationFactory
from tests.support import postgres_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_holds_the_data(tmp_path, settings):
    OrganisationFactory(name="Gemeente Teruggezet")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "PRIVATE_ROOT": str(tmp_path / "restored-private"),
    }
    fresh = None
    if connection.vendor == "postgresql":
        fresh = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
        subprocess.run(
            ["createdb", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres", fresh],
            check=True,
        )
        env["DATABASE_URL"] = postgres_url(fresh)
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    try:
        subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        found = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from members.models import Organisation; "
                "print(Organisation.objects.filter(name='Gemeente Teruggezet').count())",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert found.stdout.strip().splitlines()[-1] == "1"
    finally:
        if fresh:
            subprocess.run(
                [
                    "dropdb",
                    "-h",
                    db["HOST"] or "127.0.0.1",
                    "-U",
                    db["USER"] or "postgres",
                    "--if-exists",
                    fresh,
                ],
                check=False,
            )
    assert Organisation.objects.filter(name="Gemeente Teruggezet").exists()


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "geen-backup.tar.gz"
    bad.write_bytes(b"not a tar file")
    with pytest.raises(CommandError):
        call_command("restore", str(bad), stdout=io.StringIO())
