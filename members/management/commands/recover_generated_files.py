"""Queue again the generated files (certificates, annual reports) that are stuck: queued or
generating longer than their time limit. What Celery beat does every minute, for operators
(and for `make run`, where tasks run in-process and only a stopped server leaves files
behind)."""

from django.core.management.base import BaseCommand

from ingrado import generated_files


class Command(BaseCommand):
    help = "Queue again the certificates and annual reports that are stuck."

    def handle(self, *args, **options):
        for name, count in generated_files.sweep().items():
            self.stdout.write(f"{name}: {count} queued again or given up")
