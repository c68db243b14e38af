from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
                self.stderr.write(
                    _("line %(line)s: %(message)s") % {"line": line, "message": message}
                )
            raise CommandError(
                _("Nothing imported: %(count)s bad row(s).")
                % {"count": len(rejected.report.errors)}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(imported)s questions; %(skipped)s already present.")
                % {"imported": report.imported, "skipped": report.skipped}
            )
        )
