"""Restore a backup made by `manage.py backup` into the configured database and folders.

The database is replaced (`pg_restore --clean --if-exists`, or the SQLite file is
overwritten): run it on a fresh or expendable database, with the portal stopped.
"""

import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import pg_args, pg_environment


class Command(BaseCommand):
    help = "Restore the database and files from a backup FILE made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        db = connection.settings_dict
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            try:
                with tarfile.open(file, "r:gz") as archive:
                    archive.extractall(scratch, filter="data")
            except (OSError, tarfile.TarError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from None
            if connection.vendor == "postgresql":
                dump = scratch / "database.dump"
                if not dump.exists():
                    raise CommandError("This backup holds no PostgreSQL dump.")
                connection.close()
                result = subprocess.run(
                    [
                        "pg_restore",
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        *pg_args(db),
                        "-d",
                        db["NAME"],
                        str(dump),
                    ],
                    env=pg_environment(db),
                    capture_output=True,
                    text=True,
                )
                if result.returncode:
                    raise CommandError(f"pg_restore failed: {result.stderr.strip()[:2000]}")
            else:
                dump = scratch / "database.sqlite3"
                if not dump.exists():
                    raise CommandError("This backup holds no SQLite database.")
                connection.close()
                source = sqlite3.connect(dump)
                target = sqlite3.connect(db["NAME"])
                with target:
                    source.backup(target)
                source.close()
                target.close()
            for name, folder in (
                ("private", settings.PRIVATE_ROOT),
                ("media", settings.MEDIA_ROOT),
            ):
                if (scratch / name).exists():
                    shutil.copytree(scratch / name, folder, dirs_exist_ok=True)
        # pg_restore and the SQLite backup API bypass the ORM: drop pages cached before. The
        # cache has a Redis database of its own (REDIS_URL): the task queue's (CELERY_BROKER_URL)
        # keeps its queued work.
        cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored from {file}"))
