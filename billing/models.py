"""Facturen: billing profiles, invoices and credit notes with their lines, the contributie
tariffs, payments, bank statements and direct-debit batches.

An issued invoice is never edited: `Invoice.save()` and `InvoiceLine.save()` refuse every
change to what the invoice says once it has a number (only its payment state and reminders
move on), and neither can be deleted. A correction is a credit note: an invoice of kind
"credit note" with its own number that refers to the original (`credited_invoice`) and
holds its lines with the opposite sign, so that an invoice and its credit note add up to 0.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person

from . import identifiers

ZERO = Decimal("0.00")


class InvoiceImmutable(ValidationError):
    pass


class BillingProfile(models.Model):
    """Where and how an organisation is invoiced. Staff edit it; the organisation's manager
    sees it and proposes changes (`ProfileProposal`)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="billing_profile",
        verbose_name=_("organisation"),
    )
    invoice_name = models.CharField(
        _("name on the invoice"),
        max_length=150,
        blank=True,
        help_text=_("Empty: the organisation's name."),
    )
    department = models.CharField(_("department / attention of"), max_length=150, blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    country = models.CharField(_("country"), max_length=2, default="NL")
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("invoice e-mail address"), blank=True)
    kvk = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[identifiers.validate_kvk]
    )
    oin = models.CharField(
        _("OIN"), max_length=20, blank=True, validators=[identifiers.validate_oin]
    )
    peppol_id = models.CharField(
        _("Peppol ID"),
        max_length=60,
        blank=True,
        validators=[identifiers.validate_peppol_id],
        help_text=_("Scheme and identifier, e.g. 0190:00000001001234567000 (OIN)."),
    )
    vat_id = models.CharField(
        _("VAT number"), max_length=20, blank=True, validators=[identifiers.validate_vat_id]
    )
    purchase_order_required = models.BooleanField(
        _("purchase order number required"), default=False
    )
    inhabitants = models.PositiveIntegerField(
        _("inhabitants"), null=True, blank=True, help_text=_("For the contributie brackets.")
    )
    iban = models.CharField(
        _("IBAN"), max_length=34, blank=True, validators=[identifiers.validate_iban]
    )
    mandate_reference = models.CharField(_("mandate reference"), max_length=35, blank=True)
    mandate_signed_on = models.DateField(_("mandate signed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("billing profile")
        verbose_name_plural = _("billing profiles")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        errors = {}
        if self.mandate_reference and not (self.iban and self.mandate_signed_on):
            errors["mandate_reference"] = _(
                "A direct-debit mandate needs the IBAN and the date it was signed."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_mandate(self) -> bool:
        return bool(self.iban and self.mandate_reference and self.mandate_signed_on)

    @property
    def endpoint(self) -> tuple[str, str] | None:
        """(scheme, identifier) of the organisation's Peppol address: its Peppol ID, else its
        OIN (0190) or KvK number (0106)."""
        if self.peppol_id:
            scheme, identifier = self.peppol_id.split(":", 1)
            return scheme, identifier
        if self.oin:
            return "0190", self.oin
        if self.kvk:
            return "0106", self.kvk
        return None

    @property
    def legal_id(self) -> tuple[str, str] | None:
        if self.oin:
            return "0190", self.oin
        if self.kvk:
            return "0106", self.kvk
        return None


class ProfileProposal(models.Model):
    """A manager proposes changes to their organisation's billing profile; staff apply or
    decline them."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        APPLIED = "applied", _("Applied")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    proposed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    changes = models.JSONField(_("changes"), default=dict)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")

    def __str__(self):
        return f"{self.organisation} {self.created_at:%Y-%m-%d}"


class Tariff(models.Model):
    """The contributie of a year for a kind of organisation, from a number of inhabitants
    on (a bracket; 0 for one amount for every organisation of the kind)."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind of organisation"),
        max_length=10,
        choices=[c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.PARTNER],
    )
    inhabitants_from = models.PositiveIntegerField(_("from inhabitants"), default=0)
    amount = models.DecimalField(
        _("amount (excl. VAT)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=0)

    class Meta:
        ordering = ["year", "kind", "inhabitants_from"]
        verbose_name = _("contributie tariff")
        verbose_name_plural = _("contributie tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "inhabitants_from"], name="one_tariff_per_bracket"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} ≥ {self.inhabitants_from}"


class InvoiceSequence(models.Model):
    """The last number given in a year. The row is locked while a number is given, so
    numbers are consecutive without gaps or duplicates however many are issued at once."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice number sequence")
        verbose_name_plural = _("invoice number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Product(models.TextChoices):
    CONTRIBUTION = "contributie", _("Contributie")
    ACADEMY = "academie", _("Academie")
    MEETING = "bijeenkomst", _("Meeting")
    OTHER = "overig", _("Other")


class InvoiceQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Invoice.Status.ISSUED)

    def open_items(self):
        """Issued invoices (not credit notes, not credited) with a balance left."""
        return self.issued().filter(
            kind=Invoice.Kind.INVOICE, credit_note__isnull=True, balance__gt=0
        )


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    # What may still change once an invoice is issued: its payment state and reminders.
    MUTABLE_WHEN_ISSUED = frozenset(
        {"amount_paid", "balance", "paid_at", "first_reminder_at", "second_reminder_at"}
    )

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default="invoice")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="draft")
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    product = models.CharField(_("product"), max_length=12, choices=Product.choices)
    source_type = models.CharField(_("source"), max_length=40, blank=True)
    source_id = models.CharField(_("source id"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("person invoiced"),
    )
    # The buyer as invoiced (a copy: a later change of the profile does not change it).
    buyer_name = models.CharField(_("buyer"), max_length=150)
    buyer_department = models.CharField(_("attention of"), max_length=150, blank=True)
    buyer_street = models.CharField(_("street and number"), max_length=150, blank=True)
    buyer_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    buyer_city = models.CharField(_("city"), max_length=80, blank=True)
    buyer_country = models.CharField(_("country"), max_length=2, default="NL")
    buyer_email = models.EmailField(_("invoice e-mail address"), blank=True)
    buyer_endpoint = models.CharField(_("Peppol address"), max_length=60, blank=True)
    buyer_legal_id = models.CharField(_("KvK or OIN"), max_length=30, blank=True)
    buyer_vat_id = models.CharField(_("buyer's VAT number"), max_length=20, blank=True)
    purchase_order = models.CharField(_("purchase order number"), max_length=50, blank=True)
    purchase_order_required = models.BooleanField(
        _("purchase order number required"), default=False
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    draft_reason = models.CharField(_("why it is a draft"), max_length=300, blank=True)
    issue_date = models.DateField(_("invoice date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    payment_reference = models.CharField(
        _("payment reference"), max_length=25, unique=True, null=True, blank=True
    )
    credited_invoice = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("credits invoice"),
    )
    total_excl = models.DecimalField(
        _("total excl. VAT"), max_digits=12, decimal_places=2, default=0
    )
    total_vat = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2, default=0)
    total_incl = models.DecimalField(_("total"), max_digits=12, decimal_places=2, default=0)
    amount_paid = models.DecimalField(_("paid"), max_digits=12, decimal_places=2, default=0)
    balance = models.DecimalField(_("open"), max_digits=12, decimal_places=2, default=0)
    paid_at = models.DateField(_("paid on"), null=True, blank=True)
    first_reminder_at = models.DateTimeField(_("first reminder"), null=True, blank=True)
    second_reminder_at = models.DateTimeField(_("second reminder"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        permissions = [
            ("manage_invoices", _("Can manage invoices and payments")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="invoice_number_once_per_year"
            ),
            # One invoice per source (an enrolment, a year's contributie): whatever happens
            # twice, a source is invoiced once.
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(kind="invoice") & ~Q(source_type=""),
                name="one_invoice_per_source",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(number__isnull=False) & Q(issue_date__isnull=False)),
                name="issued_invoice_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice") | Q(credited_invoice__isnull=False),
                name="credit_note_refers_to_invoice",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "due_date"]),
            models.Index(fields=["issue_date"]),
        ]

    def __str__(self):
        return self.number or str(_("draft %(pk)s") % {"pk": self.pk})

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Invoice.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.ISSUED:
                fields = kwargs.get("update_fields")
                if fields is None or not set(fields) <= self.MUTABLE_WHEN_ISSUED:
                    raise InvoiceImmutable(
                        _("An issued invoice cannot be changed: make a credit note.")
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise InvoiceImmutable(_("An issued invoice cannot be deleted: make a credit note."))
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_credited(self) -> bool:
        try:
            return self.credit_note is not None
        except Invoice.DoesNotExist:
            return False

    @property
    def is_overpaid(self) -> bool:
        return self.is_issued and self.balance < 0 and not self.is_credit_note


class InvoiceLine(models.Model):
    class VatCategory(models.TextChoices):
        STANDARD = "S", _("Standard rate")
        EXEMPT = "E", _("Exempt from VAT")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=9, decimal_places=2, default=1)
    unit_price = models.DecimalField(_("price excl. VAT"), max_digits=12, decimal_places=2)
    vat_category = models.CharField(_("VAT category"), max_length=1, choices=VatCategory.choices)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=0)
    exemption_reason = models.CharField(_("reason for exemption"), max_length=200, blank=True)
    amount_excl = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    product = models.CharField(_("product"), max_length=12, choices=Product.choices)

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        if self._invoice_issued():
            raise InvoiceImmutable(_("An issued invoice cannot be changed: make a credit note."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._invoice_issued():
            raise InvoiceImmutable(_("An issued invoice cannot be changed: make a credit note."))
        return super().delete(*args, **kwargs)

    def _invoice_issued(self) -> bool:
        return Invoice.objects.filter(pk=self.invoice_id, status=Invoice.Status.ISSUED).exists()

    @property
    def amount_incl(self) -> Decimal:
        return self.amount_excl + self.vat_amount


class BankStatement(models.Model):
    """An imported camt.053 statement; importing it again records nothing."""

    identifier = models.CharField(_("statement"), max_length=120, unique=True)
    account_iban = models.CharField(_("account"), max_length=34)
    file_sha256 = models.CharField(_("file checksum"), max_length=64, unique=True)
    opening_balance = models.DecimalField(_("opening balance"), max_digits=14, decimal_places=2)
    closing_balance = models.DecimalField(_("closing balance"), max_digits=14, decimal_places=2)
    booked_from = models.DateField(_("from"), null=True, blank=True)
    booked_until = models.DateField(_("until"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self):
        return self.identifier


class Payment(models.Model):
    """Money received (or refunded: negative) for an invoice. A bank entry the import could
    not match is kept without an invoice, for staff to see."""

    class Method(models.TextChoices):
        TRANSFER = "overboeking", _("Bank transfer")
        DIRECT_DEBIT = "incasso", _("Direct debit")

    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("invoice"),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    booked_on = models.DateField(_("booked on"))
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    statement = models.ForeignKey(
        BankStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("bank statement"),
    )
    # The bank's reference of the entry: unique, so one entry is recorded once.
    bank_reference = models.CharField(_("bank reference"), max_length=120, unique=True)
    counterparty = models.CharField(_("from"), max_length=140, blank=True)
    counterparty_iban = models.CharField(_("from account"), max_length=34, blank=True)
    remittance = models.CharField(_("description"), max_length=280, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-booked_on", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.booked_on} {self.amount}"


class DirectDebitBatch(models.Model):
    """A SEPA direct-debit batch (pain.008) for the bank."""

    message_id = models.CharField(_("message id"), max_length=35, unique=True)
    collection_date = models.DateField(_("collection date"))
    invoices = models.ManyToManyField(
        Invoice, related_name="direct_debits", verbose_name=_("invoices")
    )
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    xml = models.TextField(_("pain.008 file"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("direct-debit batch")
        verbose_name_plural = _("direct-debit batches")

    def __str__(self):
        return self.message_id


class BuyerChoice(models.Model):
    """Whom to invoice for a source (an enrolment, a meeting registration), as asked before
    it was confirmed: the organisation (with its purchase order number) or the person."""

    class BillTo(models.TextChoices):
        ORGANISATION = "organisation", _("My organisation")
        PERSON = "person", _("Me personally")

    source_type = models.CharField(_("source"), max_length=40)
    source_id = models.CharField(_("source id"), max_length=40)
    bill_to = models.CharField(_("invoice to"), max_length=12, choices=BillTo.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purchase_order = models.CharField(_("purchase order number"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("whom to invoice")
        verbose_name_plural = _("whom to invoice")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="one_choice_per_source"
            )
        ]

    def __str__(self):
        return f"{self.source_type}#{self.source_id}: {self.bill_to}"
