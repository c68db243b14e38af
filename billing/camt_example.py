"""camt.053 statements as a bank writes them, for the demo (`seed_demo` leaves one to import)
and the tests: `statement_xml(entries, ...)`, each entry a dict with `amount`, `reference`
(the payment reference, put in the structured remittance or, with `unstructured=True`, in
the free text), `booked_on`, `name`, `iban`, and optionally `debit`, `direct_debit` and a
`transactions` list for a batch booking (one entry, several transactions)."""

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


def _remittance(tx):
    if tx.get("unstructured"):
        return f"<RmtInf><Ustrd>{escape(tx['reference'])}</Ustrd></RmtInf>"
    return (
        "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
        f"<Ref>{escape(tx['reference'])}</Ref></CdtrRefInf></Strd></RmtInf>"
    )


def _details(tx, index, with_amount):
    amount = (
        f'<AmtDtls><TxAmt><Amt Ccy="EUR">{tx["amount"]:.2f}</Amt></TxAmt></AmtDtls>'
        if with_amount
        else ""
    )
    end_to_end = escape(tx.get("end_to_end", "NOTPROVIDED"))
    return (
        f"<TxDtls><Refs><AcctSvcrRef>{escape(tx.get('bank_reference', f'TX{index}'))}</AcctSvcrRef>"
        f"<EndToEndId>{end_to_end}</EndToEndId></Refs>{amount}"
        f"<RltdPties><Dbtr><Nm>{escape(tx.get('name', 'Gemeente'))}</Nm></Dbtr>"
        f"<DbtrAcct><Id><IBAN>{tx.get('iban', 'NL44RABO0123456789')}</IBAN></Id></DbtrAcct>"
        "</RltdPties>"
        f"{_remittance(tx)}</TxDtls>"
    )


def statement_xml(
    entries,
    *,
    statement_id="2027-001",
    iban="NL91ABNA0417164300",
    opening=Decimal("10000.00"),
    closing=None,
) -> bytes:
    movement = Decimal("0.00")
    rows = []
    for number, entry in enumerate(entries, start=1):
        transactions = entry.get("transactions") or [entry]
        amount = sum((Decimal(t["amount"]) for t in transactions), Decimal("0.00"))
        debit = entry.get("debit", False)
        movement += -amount if debit else amount
        family = "RDDT" if entry.get("direct_debit") else "RCDT"
        booked = entry.get("booked_on", date(2027, 1, 15)).isoformat()
        details = "".join(
            _details(t, f"{statement_id}-{number}-{i}", len(transactions) > 1)
            for i, t in enumerate(transactions, start=1)
        )
        rows.append(
            f'<Ntry><NtryRef>{number}</NtryRef><Amt Ccy="EUR">{amount:.2f}</Amt>'
            f"<CdtDbtInd>{'DBIT' if debit else 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>"
            f"<BookgDt><Dt>{booked}</Dt></BookgDt><ValDt><Dt>{booked}</Dt></ValDt>"
            f"<AcctSvcrRef>{escape(statement_id)}-{number}</AcctSvcrRef>"
            f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
            f"<NtryDtls>{details}</NtryDtls></Ntry>"
        )
    closing = opening + movement if closing is None else closing
    today = date.today().isoformat()
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{NAMESPACE}"><BkToCstmrStmt>'
        f"<GrpHdr><MsgId>MSG-{escape(statement_id)}</MsgId><CreDtTm>{today}T08:00:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>{escape(statement_id)}</Id><CreDtTm>{today}T08:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
        f'<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{opening:.2f}</Amt>'
        f"<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{today}</Dt></Dt></Bal>"
        f'<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing:.2f}</Amt>'
        f"<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{today}</Dt></Dt></Bal>"
        + "".join(rows)
        + "</Stmt></BkToCstmrStmt></Document>"
    ).encode()
