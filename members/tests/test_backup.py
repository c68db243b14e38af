"""The backup and restore pair: a dump restored into a fresh database holds the data."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from members.models import Organisation
from members.tests.factories import OrganisationFactory
from tests.support import fresh_database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_holds_the_data(tmp_path, settings):
    OrganisationFactory(name="Gemeente Teruggezet")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "PRIVATE_ROOT": str(tmp_path / "restored-private"),
    }
    with fresh_database_url(tmp_path) as database_url:
        env["DATABASE_URL"] = database_url
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
    assert Organisation.objects.filter(name="Gemeente Teruggezet").exists()


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "geen-backup.tar.gz"
    bad.write_bytes(b"not a tar file")
    with pytest.raises(CommandError):
        call_command("restore", str(bad), stdout=io.StringIO())
