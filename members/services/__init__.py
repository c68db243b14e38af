"""Write operations on members, organisations and people, by sub-domain: the audit log (audit),
people and their accounts (people), the organisations' CSV import (imports), and the AVG's
export and erasure (personal_data). Every caller imports from here:
`from members import services`."""

from .audit import (
    PERSON_AUDIT_ACTIONS,
    audit_log,
    audit_log_about,
)
from .imports import (
    IMPORT_COLUMNS,
    IMPORT_HEADINGS,
    MAX_IMPORT_ROWS,
    REQUIRED_COLUMNS,
    ImportFailed,
    ImportResult,
    organisation_import_row,
    organisations_import_csv,
)
from .people import (
    PROFILE_FIELDS,
    AddressClaim,
    domain_of,
    person_address_taken,
    person_claim_verified_address,
    person_link_by_email_domain,
    person_link_to_organisation,
    person_set_function,
    person_set_notifications,
    person_update_profile,
    signup_record,
)
from .personal_data import (
    person_erase,
    person_export_data,
)

__all__ = [
    "audit_log",
    "PERSON_AUDIT_ACTIONS",
    "audit_log_about",
    "domain_of",
    "signup_record",
    "AddressClaim",
    "person_claim_verified_address",
    "person_address_taken",
    "person_link_by_email_domain",
    "person_link_to_organisation",
    "person_set_function",
    "person_set_notifications",
    "PROFILE_FIELDS",
    "person_update_profile",
    "IMPORT_HEADINGS",
    "IMPORT_COLUMNS",
    "REQUIRED_COLUMNS",
    "MAX_IMPORT_ROWS",
    "organisation_import_row",
    "ImportResult",
    "ImportFailed",
    "organisations_import_csv",
    "person_export_data",
    "person_erase",
]
