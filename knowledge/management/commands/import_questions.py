from django.core.management.base import BaseCommand, CommandError

from knowledge.importer import ImportRejected, import_questions


class Command(BaseCommand):
    help = "Import answered questions from the previous system (CSV); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            report = import_questions(raw)
        except ImportRejected as rejected:
            for line, message in rejected.report.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(
                f"Nothing imported: {len(rejected.report.errors)} bad row(s)."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.imported} questions; {report.skipped} already present."
            )
        )
