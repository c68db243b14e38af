import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Invoice, Product

STATES = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("reminded", _("Reminded twice: to call")),
    ("overpaid", _("Overpaid")),
    ("paid", _("Paid")),
    ("draft", _("Drafts")),
    ("credit", _("Credit notes")),
    ("all", _("Everything")),
]


class InvoiceFilter(django_filters.FilterSet):
    """The open items (debiteuren) list: by default what is still to be paid."""

    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATES, method="filter_state", empty_label=None
    )
    q = django_filters.CharFilter(label=_("Organisation, name or number"), method="filter_q")
    product = django_filters.ChoiceFilter(
        label=_("Product"), choices=Product.choices, empty_label=_("All products")
    )
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)

    class Meta:
        model = Invoice
        fields = ["state", "q", "product", "year"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("state", "open")
        super().__init__(data, *args, **kwargs)

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.open_items()
        if value == "overdue":
            return queryset.open_items().filter(due_date__lt=today)
        if value == "reminded":
            return queryset.open_items().filter(second_reminder_at__isnull=False)
        if value == "overpaid":
            return queryset.issued().filter(kind=Invoice.Kind.INVOICE, balance__lt=0)
        if value == "paid":
            return queryset.issued().filter(
                kind=Invoice.Kind.INVOICE, balance__lte=0, amount_paid__gt=0
            )
        if value == "draft":
            return queryset.filter(status=Invoice.Status.DRAFT)
        if value == "credit":
            return queryset.filter(kind=Invoice.Kind.CREDIT_NOTE)
        return queryset

    def filter_q(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(buyer_name__icontains=value)
            | Q(number__icontains=value)
            | Q(organisation__name__icontains=value)
        )
