"""The Facturen panel on Mijn Ingrado: a manager sees their organisation's open invoices."""

from .models import Invoice


def dashboard(request, person):
    if person is None or not person.is_manager:
        return {"invoices": None}
    invoices = (
        Invoice.objects.filter(organisation_id=person.organisation_id)
        .exclude(status=Invoice.Status.ISSUED, balance__lte=0)
        .filter(kind=Invoice.Kind.INVOICE)
        .order_by("-created_at")[:5]
    )
    return {"invoices": list(invoices)}
