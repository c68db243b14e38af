"""Load a believable association: members, helpdesk, academy and programmes.

Each app contributes its own `<app>/demo.py` with `seed(scale=..., stdout=...)`;
they run in dependency order. Idempotent: a second run adds nothing.
"""

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

APPS_IN_ORDER = [
    "members",
    "programmes",
    "knowledge",
    "academy",
    "communications",
    "meetings",
    "billing",
]


class Command(BaseCommand):
    help = "Load demo data (idempotent). Use --scale large for ten years of data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["normal", "large"], default="normal")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even when DEBUG is off (never in production).",
        )

    def handle(self, *args, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data while DEBUG is off; use --force if you are sure."
            )
        for app in APPS_IN_ORDER:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            started = time.monotonic()
            with transaction.atomic():
                module.seed(scale=scale, stdout=self.stdout)
            self.stdout.write(f"  ({time.monotonic() - started:.1f} s)")
        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load: without them the planner expects the
            # tables to be small and joins them by scanning them whole.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
