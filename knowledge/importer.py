"""Import answered questions from the previous system (CSV), all or nothing.

Columns: received_at,answered_at,asker_email,asker_name,organisation,topic,subject,question,answer
(UTF-8, with or without a byte order mark; commas or, as Dutch Excel writes, semicolons;
a file in another encoding is refused naming the line of its first other character).
Unknown askers, organisations and topics are created; a row already imported (same
received_at, asker and subject) is skipped, so importing a file twice adds nothing.
"""

import csv
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT
from members.models import Organisation, Person

from . import stats
from .models import Message, Question, Topic
from .workdays import answer_due_date

COLUMNS = [
    "received_at",
    "answered_at",
    "asker_email",
    "asker_name",
    "organisation",
    "topic",
    "subject",
    "question",
    "answer",
]
# What the database holds: longer values would fail when saved, or be cut and then collide.
MAX_LENGTHS = {
    "asker_email": Person._meta.get_field("email").max_length,
    "organisation": Organisation._meta.get_field("name").max_length,
    "topic": Topic._meta.get_field("name").max_length,
    "subject": Question._meta.get_field("subject").max_length,
}
# The history of the previous system; a date far outside it is a mistake in the file.
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportRejected(Exception):
    def __init__(self, report):
        super().__init__("import rejected")
        self.report = report


def _moment(value):
    """ISO 8601, or day-month-year as Dutch Excel writes a date back (1-3-2025 10:15)."""
    value = value.strip()
    moment = parse_datetime(value) or csvfiles.parse_dutch_datetime(value)
    if moment is None:
        day = parse_date(value) or csvfiles.parse_dutch_date(value)
        moment = datetime.combine(day, datetime.min.time()) if day else None
    if moment is None:
        raise ValueError
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _key(received, email, subject):
    raw = f"{received.isoformat()}|{email.lower()}|{subject.strip()}"
    return "import-" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _parse(text):
    reader = csvfiles.dict_reader(text)
    missing = set(COLUMNS) - {name.strip() for name in reader.fieldnames or []}
    if missing:
        raise ImportRejected(
            ImportReport(
                errors=[(1, _("Missing columns: %(cols)s") % {"cols": ", ".join(sorted(missing))})]
            )
        )
    rows, errors = [], []
    try:
        _parse_rows(reader, rows, errors)
    except csv.Error as error:  # e.g. a cell longer than the csv module's field limit
        line = reader.line_num + 1  # the line being read, not yet counted
        errors.append((line, _("Unreadable CSV: %(e)s") % {"e": error}))
    return rows, errors


def _parse_rows(reader, rows, errors):
    for line, row in enumerate(reader, start=2):
        row = {k.strip(): csvfiles.cell(v) for k, v in row.items() if k}
        problems = []
        try:
            received = _moment(row["received_at"])
        except (ValueError, TypeError):
            problems.append(_("received_at is not an ISO 8601 date"))
            received = None
        try:
            answered = _moment(row["answered_at"])
        except (ValueError, TypeError):
            problems.append(_("answered_at is not an ISO 8601 date"))
            answered = None
        for column, moment in (("received_at", received), ("answered_at", answered)):
            if moment and not EARLIEST <= moment <= timezone.now():
                problems.append(
                    _("%(column)s lies outside %(year)s and today")
                    % {"column": column, "year": EARLIEST.year}
                )
        if received and answered and answered < received:
            problems.append(_("answered_at lies before received_at"))
        try:
            validate_email(row["asker_email"])
        except ValidationError:
            problems.append(_("asker_email is not an e-mail address"))
        for column in ("topic", "subject", "question", "answer"):
            if not row[column]:
                problems.append(_("%(column)s is empty") % {"column": column})
        problems += [
            _("%(column)s is longer than %(max)s characters") % {"column": column, "max": limit}
            for column, limit in MAX_LENGTHS.items()
            if len(row[column]) > limit
        ]
        problems += [
            _("column %(column)s contains an invisible control character (such as NUL)")
            % {"column": column}
            for column, value in row.items()
            if CONTROL_CHARACTERS_IN_TEXT.search(value)
        ]
        if problems:
            errors.append((line, "; ".join(problems)))
        else:
            rows.append((line, row, received, answered))


def import_questions(raw: bytes) -> ImportReport:
    try:
        text = csvfiles.decode(raw)
    except csvfiles.UnreadableFile as error:
        raise ImportRejected(ImportReport(errors=[(error.line, error.message)])) from None
    try:
        rows, errors = _parse(text)
    except csv.Error as error:  # in the header line
        message = _("Unreadable CSV: %(e)s") % {"e": error}
        raise ImportRejected(ImportReport(errors=[(1, message)])) from None
    if errors:
        raise ImportRejected(ImportReport(errors=errors))
    report = ImportReport()
    with transaction.atomic():
        _save(rows, report)
    return report


def _save(rows, report):
    keys = {
        _key(r, row["asker_email"], row["subject"]): (line, row, r, a) for line, row, r, a in rows
    }
    existing = set(
        Question.objects.filter(import_key__in=keys).values_list("import_key", flat=True)
    )
    report.skipped = len(existing)
    todo = {k: v for k, v in keys.items() if k not in existing}
    if not todo:
        return
    topics = {t.name.lower(): t for t in Topic.objects.all()}
    organisations = {o.name.lower(): o for o in Organisation.objects.select_related("rayon")}
    emails = {row["asker_email"].lower() for _l, row, _r, _a in todo.values()}
    people = {p.email.lower(): p for p in Person.objects.filter(email__in=emails)}
    for _line, row, _r, _a in todo.values():
        name = row["topic"]
        if name.lower() not in topics:
            topics[name.lower()] = Topic.objects.create(name=name[:100])
        org_name = row["organisation"]
        if org_name and org_name.lower() not in organisations:
            organisations[org_name.lower()] = Organisation.objects.create(
                name=org_name[:150], kind=Organisation.Kind.PARTNER
            )
        email = row["asker_email"].lower()
        if email not in people:
            first, _space, last = row["asker_name"].partition(" ")
            people[email] = Person.objects.create(
                email=email,
                first_name=first[:80],
                last_name=last[:120],
                organisation=organisations.get(org_name.lower()) if org_name else None,
                is_external=not org_name,
            )
    questions = []
    for key, (_line, row, received, answered) in todo.items():
        person = people[row["asker_email"].lower()]
        org = organisations.get(row["organisation"].lower()) if row["organisation"] else None
        questions.append(
            Question(
                import_key=key,
                asker=person,
                topic=topics[row["topic"].lower()],
                subject=row["subject"],
                body=row["question"],
                channel=Question.Channel.IMPORT,
                status=Question.Status.CLOSED,
                organisation=org,
                organisation_kind=org.kind if org else "",
                rayon=org.rayon if org else None,
                is_external=org is None,
                received_at=received,
                answered_at=answered,
                closed_at=answered,
                due_date=answer_due_date(timezone.localdate(received)),
            )
        )
    Question.objects.bulk_create(questions, batch_size=1000)
    stats.forget_status_counts()
    saved = {q.import_key: q for q in Question.objects.filter(import_key__in=todo)}
    messages = []
    for key, (_line, row, received, answered) in todo.items():
        question = saved[key]
        messages.append(
            Message(
                question=question,
                kind=Message.Kind.QUESTION,
                body=row["question"],
                created_at=received,
            )
        )
        messages.append(
            Message(
                question=question, kind=Message.Kind.ANSWER, body=row["answer"], created_at=answered
            )
        )
    Message.objects.bulk_create(messages, batch_size=2000)
    report.imported = len(todo)
