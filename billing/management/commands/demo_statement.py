"""Write a camt.053 bank statement that pays some of the open invoices (two in full, one in
part, and a transfer nobody can match), to import at /facturen/bank/ in the demo."""

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.utils import timezone

from billing.camt_example import statement_xml
from billing.models import Invoice


class Command(BaseCommand):
    help = "Write a camt.053 statement paying some open invoices (demo)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="the file to write, e.g. afschrift.xml")

    def handle(self, *args, output, **options):
        open_items = list(Invoice.objects.open_items().order_by("number")[:3])
        today = timezone.localdate()
        entries = [
            {
                "amount": invoice.balance,
                "reference": invoice.payment_reference,
                "name": invoice.buyer_name,
                "booked_on": today,
            }
            for invoice in open_items[:2]
        ]
        if len(open_items) > 2:
            entries.append(
                {
                    "amount": Decimal("50.00"),
                    "reference": open_items[2].payment_reference,
                    "unstructured": True,
                    "name": open_items[2].buyer_name,
                    "booked_on": today,
                }
            )
        entries.append(
            {
                "amount": Decimal("75.00"),
                "reference": "Bijdrage zonder factuur",
                "unstructured": True,
                "name": "Onbekende gever",
                "booked_on": today,
            }
        )
        raw = statement_xml(
            entries, statement_id=f"DEMO-{today:%Y%m%d%H%M%S}", opening=Decimal("50000.00")
        )
        with open(output, "wb") as file:
            file.write(raw)
        self.stdout.write(f"{output}: {len(entries)} entries; import it at /facturen/bank/")
