"""Write operations of Facturen: the invoice engine (create, issue, credit), the contributie
run, payments and reminders, billing profiles.

**Invoicing a source** (the API for the Academie, meetings and anything else that is paid):

    from billing.services import LineSpec, invoice_create, invoice_credit_source

    invoice_create(
        product=Product.MEETING,
        source_type="meetings.registration", source_id=str(registration.pk),
        organisation=organisation,          # or None, and person=... to invoice a person
        person=None,
        purchase_order="PO-123",            # required by some organisations; else a draft
        lines=[LineSpec("ALV 2027, lunch", gross_price=Decimal("35.00"), vat_rate=21)],
    )
    invoice_credit_source(source_type="meetings.registration", source_id=str(pk))

`invoice_create` is idempotent per source: a second call returns the first invoice. Numbers
are given when an invoice is issued (`invoice_issue`), under a row lock of the year's
sequence, so they are consecutive without gaps or duplicates.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado.errors import DomainError
from members.models import Organisation, Person
from members.services import audit_log

from . import identifiers, notifications, selectors
from .models import (
    BillingProfile,
    BuyerChoice,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Payment,
    Product,
    ProfileProposal,
    Tariff,
)

CENT = Decimal("0.01")
EXEMPT_REASON = gettext_lazy("Exempt from VAT (education, art. 11 lid 1 sub o Wet OB)")


class BillingError(DomainError):
    """A refused billing action; `message` is shown to the user."""


class AlreadyCredited(BillingError):
    default_message = gettext_lazy("This invoice has already been credited.")


class NotIssued(BillingError):
    default_message = gettext_lazy("Only an issued invoice can be credited.")


def cents(amount: Decimal) -> Decimal:
    """Rounded to the cent, half up, as Dutch invoices round."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class LineSpec:
    """One invoice line. Give `unit_price` (excl. VAT) or `gross_price` (incl. VAT, as the
    Academie's prices are); `vat_rate` None or 0 means exempt."""

    description: str
    unit_price: Decimal | None = None
    gross_price: Decimal | None = None
    quantity: Decimal = Decimal("1")
    vat_rate: Decimal | int | None = None
    exemption_reason: str = ""
    product: str = ""

    def net_unit_price(self) -> Decimal:
        if self.unit_price is not None:
            return cents(self.unit_price)
        rate = Decimal(self.vat_rate or 0)
        return cents(Decimal(self.gross_price) * 100 / (100 + rate))


@dataclass
class Quote:
    """Price and VAT of lines, before an invoice exists (shown before enrolling)."""

    excl: Decimal
    vat: Decimal
    incl: Decimal
    lines: list = field(default_factory=list)


def line_amounts(quantity: Decimal, unit_price: Decimal, vat_rate) -> tuple[Decimal, Decimal]:
    """(amount excl. VAT, VAT) of a line, each rounded to the cent: VAT per line."""
    excl = cents(Decimal(quantity) * Decimal(unit_price))
    return excl, cents(excl * Decimal(vat_rate or 0) / 100)


def quote(lines: list[LineSpec]) -> Quote:
    rows = []
    for spec in lines:
        excl, vat = line_amounts(spec.quantity, spec.net_unit_price(), spec.vat_rate)
        rows.append((spec, excl, vat))
    excl = sum((r[1] for r in rows), Decimal("0.00"))
    vat = sum((r[2] for r in rows), Decimal("0.00"))
    return Quote(excl, vat, excl + vat, rows)


def seller() -> dict:
    return settings.BILLING_SELLER


# --- buyers -------------------------------------------------------------------------


profile_of = selectors.profile_of  # a read, used by the services, documents and forms


def _buyer_from_organisation(organisation: Organisation) -> dict:
    profile = profile_of(organisation)
    endpoint, legal = profile.endpoint, profile.legal_id
    return {
        "organisation": organisation,
        "buyer_name": profile.invoice_name or organisation.name,
        "buyer_department": profile.department or profile.contact_name,
        "buyer_street": profile.street or organisation.address,
        "buyer_postcode": profile.postcode or organisation.postcode,
        "buyer_city": profile.city or organisation.city,
        "buyer_country": profile.country or "NL",
        "buyer_email": profile.email or organisation.email,
        "buyer_endpoint": ":".join(endpoint) if endpoint else "",
        "buyer_legal_id": ":".join(legal) if legal else "",
        "buyer_vat_id": profile.vat_id,
        "purchase_order_required": profile.purchase_order_required,
    }


def _buyer_from_person(person: Person) -> dict:
    return {
        "person": person,
        "buyer_name": person.full_name,
        "buyer_email": person.email,
        "buyer_country": "NL",
    }


# --- the invoice engine ---------------------------------------------------------------


@transaction.atomic
def invoice_create(
    *,
    product: str,
    lines: list[LineSpec],
    organisation: Organisation | None = None,
    person: Person | None = None,
    purchase_order: str = "",
    description: str = "",
    source_type: str = "",
    source_id: str = "",
    issue: bool = True,
    issue_date: date | None = None,
    mail: bool = True,
    actor=None,
) -> Invoice:
    """Make an invoice for `organisation` (or `person`) with `lines`, and issue it unless
    `issue` is False, and mail it (`mail`: the demo and history imports do not).
    Idempotent per (source_type, source_id): the source's existing invoice
    is returned. An organisation that requires a purchase order number and has none gets a
    draft with the reason (`draft_reason`)."""
    if (organisation is None) == (person is None):
        raise ValueError("invoice either an organisation or a person")
    if source_type:
        existing = _invoice_of_source(source_type, source_id)
        if existing is not None:
            return existing
    buyer = _buyer_from_organisation(organisation) if organisation else _buyer_from_person(person)
    invoice = Invoice(
        kind=Invoice.Kind.INVOICE,
        product=product,
        source_type=source_type,
        source_id=source_id,
        purchase_order=(purchase_order or "").strip(),
        description=description,
        **buyer,
    )
    invoice.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        # The same source invoiced at the same moment by another process: theirs counts.
        existing = _invoice_of_source(source_type, source_id)
        if existing is None:
            raise
        return existing
    _add_lines(invoice, [(spec, 1) for spec in lines], product)
    audit_log(actor=actor, action="billing.invoice_create", obj=invoice, source=source_type)
    if issue:
        invoice = invoice_issue(invoice=invoice, on=issue_date, mail=mail, actor=actor)
    return invoice


def _invoice_of_source(source_type: str, source_id: str) -> Invoice | None:
    return Invoice.objects.filter(
        kind=Invoice.Kind.INVOICE, source_type=source_type, source_id=source_id
    ).first()


def _add_lines(invoice: Invoice, specs, product: str) -> None:
    rows = []
    for position, (spec, sign) in enumerate(specs, start=1):
        unit_price = spec.net_unit_price()
        quantity = Decimal(spec.quantity) * sign
        excl, vat = line_amounts(quantity, unit_price, spec.vat_rate)
        exempt = not spec.vat_rate
        rows.append(
            InvoiceLine(
                invoice=invoice,
                position=position,
                description=spec.description[:200],
                quantity=quantity,
                unit_price=unit_price,
                vat_category=(
                    InvoiceLine.VatCategory.EXEMPT if exempt else InvoiceLine.VatCategory.STANDARD
                ),
                vat_rate=Decimal(spec.vat_rate or 0),
                exemption_reason=(spec.exemption_reason or str(EXEMPT_REASON)) if exempt else "",
                amount_excl=excl,
                vat_amount=vat,
                product=spec.product or product,
            )
        )
    for row in rows:
        row.full_clean(exclude=["invoice"])
    InvoiceLine.objects.bulk_create(rows)
    invoice.total_excl = sum((r.amount_excl for r in rows), Decimal("0.00"))
    invoice.total_vat = sum((r.vat_amount for r in rows), Decimal("0.00"))
    invoice.total_incl = invoice.total_excl + invoice.total_vat
    invoice.balance = invoice.total_incl if invoice.kind == Invoice.Kind.INVOICE else 0
    invoice.save(update_fields=["total_excl", "total_vat", "total_incl", "balance"])


def _next_sequence(year: int) -> int:
    """The next number of `year`. The UPDATE takes the row lock (PostgreSQL and SQLite
    alike) until this transaction ends: a concurrent issuer waits, then counts on from
    ours; a rollback gives the number back. No gaps, no duplicates."""
    InvoiceSequence.objects.bulk_create([InvoiceSequence(year=year)], ignore_conflicts=True)
    InvoiceSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    return InvoiceSequence.objects.values_list("last_number", flat=True).get(year=year)


@transaction.atomic
def invoice_issue(
    *, invoice: Invoice, on: date | None = None, mail: bool = True, actor=None
) -> Invoice:
    """Give a draft its number, date, due date and payment reference, and mail it. A draft
    to an organisation that requires a purchase order number stays a draft, with the reason,
    until it has one."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_issued:
        return invoice
    needs_po = invoice.kind == Invoice.Kind.INVOICE and invoice.purchase_order_required
    if needs_po and not invoice.purchase_order:
        reason = _(
            "%(name)s requires a purchase order number on every invoice: the invoice is sent "
            "as soon as it has one."
        ) % {"name": invoice.buyer_name}
        if invoice.draft_reason != reason:
            invoice.draft_reason = reason
            invoice.save(update_fields=["draft_reason"])
        return invoice
    on = on or timezone.localdate()
    sequence = _next_sequence(on.year)
    invoice.year, invoice.sequence = on.year, sequence
    invoice.number = f"{on.year}-{sequence:05d}"
    invoice.issue_date = on
    invoice.status = Invoice.Status.ISSUED
    invoice.issued_at = timezone.now()
    invoice.draft_reason = ""
    if invoice.kind == Invoice.Kind.INVOICE:
        invoice.due_date = on + timedelta(days=settings.BILLING_PAYMENT_TERM_DAYS)
        invoice.payment_reference = identifiers.creditor_reference(invoice.number)
    invoice.full_clean(validate_unique=False, validate_constraints=False)
    invoice.save()
    audit_log(actor=actor, action="billing.invoice_issue", obj=invoice, number=invoice.number)
    if mail:
        notifications.notify("invoice_issued", invoice.pk)
    return invoice


@transaction.atomic
def invoice_set_purchase_order(
    *, invoice: Invoice, purchase_order: str, mail: bool = True, actor=None
) -> Invoice:
    """The organisation's manager (or staff) gives a draft its purchase order number; the
    invoice is then issued. An issued invoice is not changed."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    purchase_order = " ".join((purchase_order or "").split())
    if invoice.is_issued:
        raise BillingError(
            _("This invoice has been issued and can no longer be changed: make a credit note.")
        )
    if not purchase_order:
        raise BillingError(_("Fill in the purchase order number."))
    invoice.purchase_order = purchase_order[:50]
    invoice.full_clean(validate_unique=False, validate_constraints=False)
    invoice.save(update_fields=["purchase_order"])
    audit_log(actor=actor, action="billing.purchase_order_set", obj=invoice, value=purchase_order)
    return invoice_issue(invoice=invoice, mail=mail, actor=actor)


@transaction.atomic
def invoice_credit(*, invoice: Invoice, reason: str = "", actor=None) -> Invoice:
    """A credit note for the whole invoice: its own number, a reference to the original and
    the original's lines with the opposite sign. The original's balance becomes what was
    paid (to refund) or 0."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != Invoice.Kind.INVOICE or not invoice.is_issued:
        raise NotIssued()
    if Invoice.objects.filter(credited_invoice=invoice).exists():
        raise AlreadyCredited()
    credit = Invoice(
        kind=Invoice.Kind.CREDIT_NOTE,
        credited_invoice=invoice,
        product=invoice.product,
        description=(
            reason or _("Credit note for invoice %(number)s") % {"number": invoice.number}
        )[:200],
        **{
            name: getattr(invoice, name)
            for name in (
                "organisation_id",
                "person_id",
                "buyer_name",
                "buyer_department",
                "buyer_street",
                "buyer_postcode",
                "buyer_city",
                "buyer_country",
                "buyer_email",
                "buyer_endpoint",
                "buyer_legal_id",
                "buyer_vat_id",
                "purchase_order",
            )
        },
    )
    try:
        with transaction.atomic():
            credit.save()
    except IntegrityError:
        raise AlreadyCredited() from None
    specs = [
        (
            LineSpec(
                line.description,
                unit_price=line.unit_price,
                quantity=line.quantity,
                vat_rate=line.vat_rate,
                exemption_reason=line.exemption_reason,
                product=line.product,
            ),
            -1,
        )
        for line in invoice.lines.all()
    ]
    _add_lines(credit, specs, invoice.product)
    credit = invoice_issue(invoice=credit, actor=actor)
    _refresh_balance(invoice)
    audit_log(actor=actor, action="billing.invoice_credit", obj=invoice, credit_note=credit.number)
    return credit


def invoice_credit_source(*, source_type: str, source_id: str, reason: str = "", actor=None):
    """Credit the issued invoice of a source (a cancelled enrolment or registration); a
    draft is deleted instead. Nothing happens when the source has no invoice or is credited."""
    invoice = _invoice_of_source(source_type, source_id)
    if invoice is None:
        return None
    if not invoice.is_issued:
        invoice.lines.all().delete()
        invoice.delete()
        return None
    try:
        return invoice_credit(invoice=invoice, reason=reason, actor=actor)
    except AlreadyCredited:
        return None


@transaction.atomic
def invoice_delete_draft(*, invoice: Invoice, actor=None) -> None:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_issued:
        raise BillingError(_("An issued invoice cannot be deleted: make a credit note."))
    audit_log(actor=actor, action="billing.draft_delete", obj=invoice)
    invoice.lines.all().delete()
    invoice.delete()


# --- payments ------------------------------------------------------------------------


def _refresh_balance(invoice: Invoice) -> Invoice:
    """What is left to pay: the total, less what the credit note took off, less what was
    paid (negative: overpaid, or to refund after a credit note)."""
    paid = invoice.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    credited = Invoice.objects.filter(credited_invoice=invoice).aggregate(total=Sum("total_incl"))[
        "total"
    ] or Decimal("0.00")
    invoice.amount_paid = paid
    invoice.balance = invoice.total_incl + credited - paid
    if invoice.balance <= 0 and paid > 0 and invoice.paid_at is None:
        last = invoice.payments.order_by("-booked_on").values_list("booked_on", flat=True).first()
        invoice.paid_at = last
    elif invoice.balance > 0:
        invoice.paid_at = None
    invoice.save(update_fields=["amount_paid", "balance", "paid_at"])
    return invoice


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice | None,
    amount: Decimal,
    booked_on: date,
    method: str,
    bank_reference: str,
    statement=None,
    counterparty: str = "",
    counterparty_iban: str = "",
    remittance: str = "",
    actor=None,
) -> Payment | None:
    """Record money received for `invoice` (None: a bank entry nobody could match). An
    entry recorded before (the same bank reference) is not recorded again: None."""
    if invoice is not None:
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    payment = Payment(
        invoice=invoice,
        amount=cents(amount),
        booked_on=booked_on,
        method=method,
        statement=statement,
        bank_reference=bank_reference[:120],
        counterparty=counterparty[:140],
        counterparty_iban=counterparty_iban[:34],
        remittance=remittance[:280],
    )
    payment.full_clean(exclude=["invoice", "statement"], validate_unique=False)
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        return None
    if invoice is not None:
        _refresh_balance(invoice)
        audit_log(actor=actor, action="billing.payment_record", obj=invoice, amount=str(amount))
    return payment


# --- the contributie -------------------------------------------------------------------


@dataclass
class RunResult:
    created: int = 0
    existing: int = 0
    drafts: int = 0
    without_tariff: list = field(default_factory=list)


CONTRIBUTION_SOURCE = "contributie"


def tariff_for(organisation: Organisation, year: int, tariffs=None) -> Tariff | None:
    """The tariff of the organisation's kind and bracket (the highest lower bound its number
    of inhabitants reaches; no number known: the lowest bracket)."""
    inhabitants = profile_of(organisation).inhabitants or 0
    candidates = [
        t
        for t in (tariffs if tariffs is not None else Tariff.objects.filter(year=year))
        if t.kind == organisation.kind and t.inhabitants_from <= inhabitants
    ]
    return max(candidates, key=lambda t: t.inhabitants_from, default=None)


def _contribution_lines(organisation, year, tariff, months=12) -> list[LineSpec]:
    text = _("Contributie %(year)s") % {"year": year}
    if months < 12:
        text += " " + _("(%(months)s of 12 months)") % {"months": months}
    amount = cents(tariff.amount * months / 12)
    return [LineSpec(text, unit_price=amount, vat_rate=tariff.vat_rate)]


def contribution_run(
    *, year: int, actor=None, on: date | None = None, mail: bool = True
) -> RunResult:
    """ "Contributie <year>": one invoice per organisation with an active membership on
    1 January of that year (partners and former members none). Running it again makes
    none: each organisation's contributie of a year is one source."""
    result = RunResult()
    tariffs = list(Tariff.objects.filter(year=year))
    members = (
        Organisation.objects.active_members(on=date(year, 1, 1))
        .exclude(kind=Organisation.Kind.PARTNER)
        .select_related("billing_profile")
        .order_by("name")
    )
    for organisation in members:
        tariff = tariff_for(organisation, year, tariffs)
        if tariff is None:
            result.without_tariff.append(organisation.name)
            continue
        source_id = f"{year}:{organisation.pk}"
        if _invoice_of_source(CONTRIBUTION_SOURCE, source_id) is not None:
            result.existing += 1
            continue
        invoice = invoice_create(
            product=Product.CONTRIBUTION,
            lines=_contribution_lines(organisation, year, tariff),
            organisation=organisation,
            description=_("Contributie %(year)s") % {"year": year},
            source_type=CONTRIBUTION_SOURCE,
            source_id=source_id,
            issue_date=on,
            mail=mail,
            actor=actor,
        )
        result.created += 1
        result.drafts += not invoice.is_issued
    if actor is not None:
        audit_log(
            actor=actor,
            action="billing.contribution_run",
            obj=actor,
            year=year,
            created=result.created,
        )
    return result


def pro_rata_months(joined: date) -> int:
    """The months a member that joined on `joined` pays of that year: from the month it
    joined (BILLING_CONTRIBUTION_PRO_RATA "months"), or all twelve ("none")."""
    if settings.BILLING_CONTRIBUTION_PRO_RATA == "months":
        return 13 - joined.month
    return 12


@dataclass
class ProRataResult:
    invoice: Invoice
    created: bool
    months: int


def contribution_pro_rata_quote(*, organisation: Organisation, year: int):
    """(months, tariff, amount excl. VAT) of the contributie of a member that joined during
    `year`, or BillingError with the reason in Dutch when it has none to pay that way."""
    since = organisation.member_since
    if organisation.kind == Organisation.Kind.PARTNER:
        raise BillingError(_("Partners pay no contributie."))
    if since is None or since.year != year or not organisation.is_active_member(on=since):
        raise BillingError(
            _("%(name)s did not join in %(year)s: its contributie comes with the contributie run.")
            % {"name": organisation.name, "year": year}
        )
    tariff = tariff_for(organisation, year)
    if tariff is None:
        raise BillingError(_("There is no contributie tariff for this kind of organisation."))
    months = pro_rata_months(since)
    return months, tariff, cents(tariff.amount * months / 12)


@transaction.atomic
def contribution_pro_rata(
    *, organisation: Organisation, year: int, actor=None, on: date | None = None, mail=True
) -> ProRataResult:
    """ "Contributie naar rato": one invoice for the rest of `year` for a member that joined
    during it (after the run): months × tariff / 12. The same source as the run's invoice
    (one contributie per organisation and year), so a second click, or the run, makes none."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    existing = _invoice_of_source(CONTRIBUTION_SOURCE, f"{year}:{organisation.pk}")
    if existing is not None:
        return ProRataResult(existing, False, 0)
    months, tariff, _amount = contribution_pro_rata_quote(organisation=organisation, year=year)
    invoice = invoice_create(
        product=Product.CONTRIBUTION,
        lines=_contribution_lines(organisation, year, tariff, months),
        organisation=organisation,
        description=_("Contributie %(year)s") % {"year": year},
        source_type=CONTRIBUTION_SOURCE,
        source_id=f"{year}:{organisation.pk}",
        issue_date=on,
        mail=mail,
        actor=actor,
    )
    audit_log(
        actor=actor,
        action="billing.contribution_pro_rata",
        obj=organisation,
        year=year,
        months=months,
    )
    return ProRataResult(invoice, True, months)


def contribution_invoice_new_member(
    *, organisation: Organisation, year: int, actor=None, on: date | None = None
) -> Invoice | None:
    """A member that joined in the course of `year` pays for the months from the month it
    joined (BILLING_CONTRIBUTION_PRO_RATA "months"), or for the whole year ("none"); None
    when it did not join that year (`contribution_pro_rata` says why)."""
    try:
        return contribution_pro_rata(
            organisation=organisation, year=year, actor=actor, on=on
        ).invoice
    except BillingError:
        if organisation.member_since is None or organisation.member_since.year != year:
            return None
        raise


def new_members_without_contribution(year: int):
    """Organisations that joined during `year` (after 1 January, so the run did not invoice
    them), not partners, without a contributie invoice of that year yet."""
    invoiced = Invoice.objects.filter(
        source_type=CONTRIBUTION_SOURCE, source_id__startswith=f"{year}:"
    ).values_list("organisation_id", flat=True)
    return (
        Organisation.objects.filter(member_since__gt=date(year, 1, 1), member_since__year=year)
        .exclude(kind=Organisation.Kind.PARTNER)
        .exclude(pk__in=invoiced)
        .order_by("member_since", "name")
    )


# --- reminders ------------------------------------------------------------------------


@dataclass
class ReminderResult:
    first: int = 0
    second: int = 0


def reminders_send(*, today: date | None = None) -> ReminderResult:
    """A friendly reminder 14 days after the due date and a second after 28
    (BILLING_REMINDER_DAYS); after that the invoice is listed for staff. Never for a paid
    or credited invoice, and never twice (the row is claimed before the mail is queued)."""
    today = today or timezone.localdate()
    first_days, second_days = settings.BILLING_REMINDER_DAYS
    result = ReminderResult()
    due = Invoice.objects.open_items()
    for stage, days, field_name in (
        ("second", second_days, "second_reminder_at"),
        ("first", first_days, "first_reminder_at"),
    ):
        candidates = due.filter(due_date__lte=today - timedelta(days=days)).filter(
            **{f"{field_name}__isnull": True}
        )
        if stage == "second":
            candidates = candidates.filter(first_reminder_at__isnull=False)
        for pk in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                claimed = (
                    Invoice.objects.open_items()
                    .filter(pk=pk, **{f"{field_name}__isnull": True})
                    .update(**{field_name: timezone.now()})
                )
                if claimed:
                    notifications.notify(f"reminder_{stage}", pk)
                    setattr(result, stage, getattr(result, stage) + 1)
    return result


# --- billing profiles ------------------------------------------------------------------

PROFILE_FIELDS = (
    "invoice_name",
    "department",
    "street",
    "postcode",
    "city",
    "country",
    "contact_name",
    "email",
    "kvk",
    "oin",
    "peppol_id",
    "vat_id",
    "purchase_order_required",
    "inhabitants",
    "iban",
    "mandate_reference",
    "mandate_signed_on",
)


def _normalise(name, value):
    if name in ("kvk", "oin", "iban", "vat_id") and isinstance(value, str):
        return identifiers.compact(value)
    if isinstance(value, str):
        return " ".join(value.split()) if name != "peppol_id" else value.strip()
    return value


@transaction.atomic
def profile_update(*, organisation: Organisation, actor, **changes) -> BillingProfile:
    """Staff change an organisation's billing profile. Every field is checked (IBAN, KvK,
    OIN, Peppol ID, VAT number): a ValidationError names the field, nothing is saved."""
    profile = BillingProfile.objects.select_for_update().filter(organisation=organisation).first()
    profile = profile or BillingProfile(organisation=organisation)
    for name, value in changes.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(f"{name} is not a billing profile field")
        setattr(profile, name, _normalise(name, value))
    profile.full_clean()
    profile.save()
    audit_log(
        actor=actor, action="billing.profile_update", obj=organisation, fields=sorted(changes)
    )
    return profile


@transaction.atomic
def profile_propose(
    *, organisation: Organisation, person: Person, changes: dict, note=""
) -> ProfileProposal:
    """The organisation's manager proposes changes; they are checked as staff's would be,
    against the profile as stored (a form may have changed the instance it was given)."""
    profile = BillingProfile.objects.filter(organisation=organisation).first()
    profile = profile or BillingProfile(organisation=organisation)
    changed = {}
    for name, value in changes.items():
        if name not in PROFILE_FIELDS or name in ("mandate_reference", "mandate_signed_on"):
            raise ValueError(f"{name} cannot be proposed")
        value = _normalise(name, value)
        if getattr(profile, name) != value:
            setattr(profile, name, value)
            changed[name] = value.isoformat() if isinstance(value, date) else value
    profile.full_clean(exclude=["organisation"])
    if not changed and not note:
        raise BillingError(_("Nothing has changed."))
    proposal = ProfileProposal(
        organisation=organisation, proposed_by=person, changes=changed, note=note
    )
    proposal.full_clean()
    proposal.save()
    notifications.notify("profile_proposed", proposal.pk)
    return proposal


@transaction.atomic
def proposal_decide(*, proposal: ProfileProposal, apply: bool, actor) -> ProfileProposal:
    proposal = ProfileProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProfileProposal.Status.OPEN:
        raise BillingError(_("This proposal has already been dealt with."))
    if apply:
        changes = dict(proposal.changes)
        if changes.get("mandate_signed_on"):
            changes["mandate_signed_on"] = date.fromisoformat(changes["mandate_signed_on"])
        profile_update(organisation=proposal.organisation, actor=actor, **changes)
    proposal.status = ProfileProposal.Status.APPLIED if apply else ProfileProposal.Status.DECLINED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    return proposal


# --- whom to invoice ------------------------------------------------------------------


def buyer_choice_save(
    *, source_type: str, source_id: str, bill_to: str, organisation=None, purchase_order=""
) -> BuyerChoice:
    choice = BuyerChoice(
        source_type=source_type,
        source_id=source_id,
        bill_to=bill_to,
        organisation=organisation if bill_to == BuyerChoice.BillTo.ORGANISATION else None,
        purchase_order=" ".join((purchase_order or "").split())[:50],
    )
    choice.full_clean(validate_unique=False, validate_constraints=False)
    BuyerChoice.objects.filter(source_type=source_type, source_id=source_id).delete()
    choice.save()
    return choice


def file_checksum(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)
