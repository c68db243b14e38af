"""The bank: SEPA direct-debit batches (pain.008, made with `sepaxml`) and the import of
bank statements (camt.053), matched on the invoices' payment references.

A statement is refused whole, with a Dutch message and nothing recorded, when it is not a
camt.053 file, is of another account than Ingrado's, or does not balance (opening balance
plus credits minus debits is not the closing balance). Importing the same statement twice
records nothing twice: the statement's identifier and the file's checksum are unique, and
so is every entry's bank reference.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from sepaxml import SepaDD

from members.services import audit_log

from . import identifiers, services
from .models import BankStatement, DirectDebitBatch, Invoice, Payment
from .services import BillingError

MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class StatementRefused(BillingError):
    pass


# --- pain.008 ---------------------------------------------------------------------------


def direct_debit_candidates():
    """Open invoices to organisations with a mandate, not yet in a batch."""
    return (
        Invoice.objects.open_items()
        .filter(
            organisation__billing_profile__mandate_reference__gt="",
            organisation__billing_profile__mandate_signed_on__isnull=False,
            direct_debits__isnull=True,
        )
        .select_related("organisation__billing_profile")
        .order_by("number")
    )


@transaction.atomic
def direct_debit_batch_create(*, collection_date: date, actor=None) -> DirectDebitBatch:
    seller = settings.BILLING_SELLER
    invoices = list(direct_debit_candidates().select_for_update(of=("self",)))
    if not invoices:
        raise BillingError(_("There are no open invoices to collect by direct debit."))
    sepa = SepaDD(
        {
            "name": seller["name"],
            "IBAN": seller["iban"],
            "BIC": seller["bic"],
            "batch": True,
            "creditor_id": seller["creditor_id"],
            "currency": "EUR",
        },
        schema="pain.008.001.02",
        clean=True,
    )
    total = Decimal("0.00")
    for invoice in invoices:
        profile = invoice.organisation.billing_profile
        sepa.add_payment(
            {
                "name": invoice.buyer_name,
                "IBAN": profile.iban,
                "amount": int(invoice.balance * 100),
                "type": "RCUR",
                "collection_date": collection_date,
                "mandate_id": profile.mandate_reference,
                "mandate_date": profile.mandate_signed_on,
                "description": f"{invoice.number} {invoice.payment_reference}",
                "endtoend_id": invoice.payment_reference,
            }
        )
        total += invoice.balance
    xml = sepa.export(validate=True, pretty_print=True).decode()
    message_id = etree.fromstring(xml.encode()).findtext(".//{*}GrpHdr/{*}MsgId")
    batch = DirectDebitBatch.objects.create(
        message_id=message_id,
        collection_date=collection_date,
        total=total,
        xml=xml,
        created_by=actor,
    )
    batch.invoices.set(invoices)
    audit_log(actor=actor, action="billing.direct_debit_batch", obj=batch, invoices=len(invoices))
    return batch


def next_collection_date(today=None) -> date:
    return (today or timezone.localdate()) + timedelta(days=5)


# --- camt.053 ---------------------------------------------------------------------------


@dataclass
class Transaction:
    amount: Decimal
    credit: bool
    booked_on: date
    bank_reference: str
    references: set[str]
    counterparty: str = ""
    counterparty_iban: str = ""
    remittance: str = ""
    direct_debit: bool = False


@dataclass
class ParsedStatement:
    identifier: str
    iban: str
    opening: Decimal
    closing: Decimal
    booked_from: date | None
    booked_until: date | None
    transactions: list[Transaction] = field(default_factory=list)


def _text(node, path):
    return (node.findtext(path) or "").strip() if node is not None else ""


def _decimal(text, what):
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        raise StatementRefused(
            _("The statement holds an amount that is not a number (%(what)s).") % {"what": what}
        ) from None


def _date(node):
    value = _text(node, "{*}Dt") or _text(node, "{*}DtTm")[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StatementRefused(_("The statement holds a date that is not a date.")) from None


def _balance(statement, code):
    for balance in statement.findall("{*}Bal"):
        if _text(balance, "{*}Tp/{*}CdOrPrtry/{*}Cd") == code:
            amount = _decimal(_text(balance, "{*}Amt"), code)
            return -amount if _text(balance, "{*}CdtDbtInd") == "DBIT" else amount
    return None


def parse_statement(raw: bytes) -> ParsedStatement:
    """Read a camt.053 file; StatementRefused for anything else."""
    if len(raw) > MAX_STATEMENT_BYTES:
        raise StatementRefused(_("The file is larger than 5 MB: that is not a day's statement."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        raise StatementRefused(
            _("The file is not XML: upload the camt.053 file of the bank.")
        ) from None
    namespace = etree.QName(root).namespace or ""
    statement = root.find("{*}BkToCstmrStmt/{*}Stmt")
    if not namespace.startswith("urn:iso:std:iso:20022:tech:xsd:camt.053") or statement is None:
        raise StatementRefused(
            _("This is not a bank statement in camt.053 format: nothing has been recorded.")
        )
    iban = identifiers.compact(_text(statement, "{*}Acct/{*}Id/{*}IBAN"))
    if iban != identifiers.compact(settings.BILLING_SELLER["iban"]):
        raise StatementRefused(
            _(
                "This statement is of account %(iban)s, not of Ingrado's account: "
                "nothing has been recorded."
            )
            % {"iban": iban or "?"}
        )
    opening, closing = _balance(statement, "OPBD"), _balance(statement, "CLBD")
    if opening is None or closing is None:
        raise StatementRefused(_("The statement has no opening or closing balance."))
    parsed = ParsedStatement(
        identifier=f"{iban}:{_text(statement, '{*}Id')}",
        iban=iban,
        opening=opening,
        closing=closing,
        booked_from=None,
        booked_until=None,
    )
    movement = Decimal("0.00")
    for index, entry in enumerate(statement.findall("{*}Ntry"), start=1):
        amount = _decimal(_text(entry, "{*}Amt"), "Ntry/Amt")
        credit = _text(entry, "{*}CdtDbtInd") == "CRDT"
        movement += amount if credit else -amount
        booked_on = _date(entry.find("{*}BookgDt"))
        parsed.booked_from = min(filter(None, [parsed.booked_from, booked_on]))
        parsed.booked_until = max(filter(None, [parsed.booked_until, booked_on]))
        entry_reference = _text(entry, "{*}AcctSvcrRef") or _text(entry, "{*}NtryRef")
        direct_debit = _text(entry, "{*}BkTxCd/{*}Domn/{*}Fmly/{*}Cd") in ("RDDT", "IDDT")
        details = entry.findall("{*}NtryDtls/{*}TxDtls")
        for number, detail in enumerate(details or [None], start=1):
            tx_amount = amount
            if detail is not None and len(details) > 1:
                tx_amount = _decimal(
                    _text(detail, "{*}AmtDtls/{*}TxAmt/{*}Amt") or _text(detail, "{*}Amt"), "TxAmt"
                )
            reference = _text(detail, "{*}Refs/{*}AcctSvcrRef") or (
                f"{entry_reference or parsed.identifier + ':' + str(index)}:{number}"
            )
            texts = [
                _text(detail, "{*}RmtInf/{*}Strd/{*}CdtrRefInf/{*}Ref"),
                _text(detail, "{*}Refs/{*}EndToEndId"),
                " ".join(
                    t.text or ""
                    for t in (detail.findall("{*}RmtInf/{*}Ustrd") if detail is not None else [])
                ),
            ]
            party = "{*}RltdPties/{*}Dbtr" if credit else "{*}RltdPties/{*}Cdtr"
            account = (
                "{*}RltdPties/{*}DbtrAcct/{*}Id/{*}IBAN"
                if credit
                else "{*}RltdPties/{*}CdtrAcct/{*}Id/{*}IBAN"
            )
            parsed.transactions.append(
                Transaction(
                    amount=tx_amount,
                    credit=credit,
                    booked_on=booked_on,
                    bank_reference=f"{parsed.iban}:{reference}",
                    references=set().union(*(identifiers.references_in(t) for t in texts)),
                    counterparty=_text(detail, f"{party}/{{*}}Nm"),
                    counterparty_iban=_text(detail, account),
                    remittance=" ".join(t for t in texts if t)[:280],
                    direct_debit=direct_debit,
                )
            )
    if opening + movement != closing:
        raise StatementRefused(
            _(
                "The statement does not balance: opening balance %(opening)s plus the entries "
                "(%(movement)s) is not the closing balance %(closing)s. Nothing has been recorded."
            )
            % {"opening": opening, "movement": movement, "closing": closing}
        )
    return parsed


@dataclass
class ImportResult:
    statement: BankStatement
    matched: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    skipped: int = 0


@transaction.atomic
def statement_import(*, raw: bytes, actor=None) -> ImportResult:
    """Record the statement's credits as payments of the invoices whose payment reference
    they carry; a credit without a known reference is kept unmatched (for staff), a debit
    is left out. All or nothing."""
    parsed = parse_statement(raw)
    checksum = hashlib.sha256(raw).hexdigest()
    if BankStatement.objects.filter(identifier=parsed.identifier).exists() or (
        BankStatement.objects.filter(file_sha256=checksum).exists()
    ):
        raise StatementRefused(
            _("This statement has already been imported: nothing has been recorded twice.")
        )
    statement = BankStatement.objects.create(
        identifier=parsed.identifier,
        account_iban=parsed.iban,
        file_sha256=checksum,
        opening_balance=parsed.opening,
        closing_balance=parsed.closing,
        booked_from=parsed.booked_from,
        booked_until=parsed.booked_until,
        imported_by=actor,
    )
    result = ImportResult(statement)
    references = (
        set().union(*(t.references for t in parsed.transactions)) if parsed.transactions else set()
    )
    invoices = {
        invoice.payment_reference: invoice
        for invoice in Invoice.objects.filter(payment_reference__in=references)
    }
    for tx in parsed.transactions:
        if not tx.credit:
            continue
        invoice = next((invoices[r] for r in sorted(tx.references) if r in invoices), None)
        payment = services.payment_record(
            invoice=invoice,
            amount=tx.amount,
            booked_on=tx.booked_on,
            method=Payment.Method.DIRECT_DEBIT if tx.direct_debit else Payment.Method.TRANSFER,
            bank_reference=tx.bank_reference,
            statement=statement,
            counterparty=tx.counterparty,
            counterparty_iban=tx.counterparty_iban,
            remittance=tx.remittance,
            actor=actor,
        )
        if payment is None:
            result.skipped += 1
        elif invoice is None:
            result.unmatched.append(payment)
        else:
            result.matched.append(payment)
    audit_log(
        actor=actor,
        action="billing.statement_import",
        obj=statement,
        matched=len(result.matched),
        unmatched=len(result.unmatched),
    )
    return result
