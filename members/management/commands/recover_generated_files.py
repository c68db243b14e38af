"""Queue again the generated files (certificates, annual reports) that are stuck: queued or
generating longer than their time limit. What Celery beat does every minute, by hand for
operators."""

from django.core.management.base import BaseCommand

from ingrado import generated_files


class Command(BaseCommand):
    help = "Queue again the certificates and annual reports that are stuck."

    def handle(self, *args, **options):
        for name, count in generated_files.sweep().items():
            self.stdout.write(f"{name}: {count} queued again or given up")
