"""Back up the database (and the private and media files) to one archive.

PostgreSQL: `pg_dump --format=custom`; SQLite: the sqlite3 backup API. The archive is a
tar.gz holding `database.dump` (or `database.sqlite3`) and the folders `private/` and
`media/`. Restore it with `manage.py restore FILE`.
"""

import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_environment(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def pg_args(db):
    return [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]


class Command(BaseCommand):
    help = "Back up the database and the private and media files to FILE (tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        db = connection.settings_dict
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            if connection.vendor == "postgresql":
                dump = scratch / "database.dump"
                result = subprocess.run(
                    [
                        "pg_dump",
                        "--format=custom",
                        "--no-owner",
                        *pg_args(db),
                        "-f",
                        str(dump),
                        db["NAME"],
                    ],
                    env=pg_environment(db),
                    capture_output=True,
                    text=True,
                )
                if result.returncode:
                    raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
            elif connection.vendor == "sqlite":
                dump = scratch / "database.sqlite3"
                name = str(db["NAME"])
                source = sqlite3.connect(name, uri=name.startswith("file:"))
                target = sqlite3.connect(dump)
                with target:
                    source.backup(target)
                source.close()
                target.close()
            else:
                raise CommandError(f"No backup for {connection.vendor}.")
            with tarfile.open(file, "w:gz") as archive:
                archive.add(dump, arcname=dump.name)
                for folder, name in (
                    (settings.PRIVATE_ROOT, "private"),
                    (settings.MEDIA_ROOT, "media"),
                ):
                    if Path(folder).exists():
                        archive.add(folder, arcname=name)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}"))
