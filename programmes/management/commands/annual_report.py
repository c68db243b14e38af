from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.report import build_report


class Command(BaseCommand):
    help = (
        "Build the jaarverslag PDF synchronously, through the same code the Celery task uses "
        "(programmes.report.build_report)."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", required=True, help="PDF file to write")
        parser.add_argument("--html", help="also write the HTML that was rendered to this file")

    def handle(self, *args, year, output, html=None, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Year out of range: {year}")
        rendered = build_report(year)
        try:
            if html:
                Path(html).write_text(rendered.html, encoding="utf-8")
            Path(output).write_bytes(rendered.pdf)
        except OSError as error:
            raise CommandError(f"Cannot write the report: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Jaarverslag {year} written to {output} ({len(rendered.pdf)} bytes)"
            )
        )
