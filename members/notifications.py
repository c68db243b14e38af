"""The e-mails the portal sends people, and which of them each person wants.

Each app registers its kinds of notification (like its dashboard panel): who gets it and
whether a person may switch it off. Mandatory ones (a question received, an answer sent, an
enrolment confirmed) always go out; optional ones follow the person's choice on their
profile (`Person.notification_settings`), or the kind's default.
"""

from dataclasses import dataclass

from django.utils.functional import Promise

EXPERTS, MEMBERS, MANAGERS = "experts", "members", "managers"


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str | Promise
    audience: str  # EXPERTS, MEMBERS or MANAGERS
    optional: bool = True
    default: bool = True  # for optional kinds: on unless the person switched it off


_kinds: dict[str, NotificationKind] = {}


def register(*kinds: NotificationKind) -> None:
    for kind in kinds:
        _kinds[kind.code] = kind


def kind(code: str) -> NotificationKind:
    return _kinds[code]


def optional_kinds(audiences) -> list[NotificationKind]:
    return [k for k in _kinds.values() if k.optional and k.audience in audiences]


def wants(person, code: str) -> bool:
    """Whether this person gets notifications of kind `code` (a person without a profile
    gets the defaults)."""
    notification = _kinds[code]
    if not notification.optional:
        return True
    if person is None:
        return notification.default
    return person.notification_settings.get(code, notification.default)


def reaches(person, code: str) -> bool:
    """Whether a mail of kind `code` goes to this person: they have an address, were not
    erased (AVG) and want it."""
    return bool(person.email) and person.erased_at is None and wants(person, code)
