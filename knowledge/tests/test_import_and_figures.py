import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from knowledge import stats
from knowledge.importer import ImportRejected, import_questions
from knowledge.models import Question, Topic
from members.models import Organisation, Person

pytestmark = pytest.mark.django_db
HEADER = (
    "received_at,answered_at,asker_email,asker_name,organisation,topic,subject,question,answer\n"
)


def _row(n, **over):
    values = {
        "received_at": "2024-03-04",
        "answered_at": "2024-03-06T10:00:00",
        "asker_email": f"vrager{n % 7}@gemeente.nl",
        "asker_name": "Els Vrager",
        "organisation": f"Gemeente Import {n % 3}",
        "topic": "Verlof",
        "subject": f"Vraag {n}",
        "question": "Mag dit?",
        "answer": "Ja.",
    }
    values.update(over)
    return ",".join(values[c] for c in HEADER.strip().split(",")) + "\n"


def test_import_creates_unknown_askers_organisations_and_topics_once():
    raw = (HEADER + "".join(_row(n) for n in range(1000))).encode()
    report = import_questions(raw)
    assert report.imported == 1000
    assert Question.objects.count() == 1000
    assert Organisation.objects.filter(name__startswith="Gemeente Import").count() == 3
    assert Person.objects.filter(email__startswith="vrager").count() == 7
    assert Topic.objects.filter(name="Verlof").count() == 1
    again = import_questions(raw)
    assert again.imported == 0 and again.skipped == 1000
    assert Question.objects.count() == 1000
    figures = stats.year_figures(2024)
    assert figures["answered"] == 1000 and figures["askers"] == 7
    assert figures["organisations"] == 3


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row():
    raw = (
        HEADER
        + _row(1)
        + _row(2, received_at="gisteren")
        + _row(3, asker_email="geen-mail")
        + _row(4, subject="")
        + _row(5, answered_at="2024-01-01")
    ).encode()
    with pytest.raises(ImportRejected) as rejected:
        import_questions(raw)
    lines = [line for line, _message in rejected.value.report.errors]
    assert lines == [3, 4, 5, 6]
    assert not Question.objects.exists()


def test_import_command_reports_errors_by_line(tmp_path):
    path = tmp_path / "oud.csv"
    path.write_text(HEADER + _row(1, topic=""), encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), stderr=stderr)
    assert "regel 2" in stderr.getvalue()


@pytest.mark.parametrize("control", ["\x00", "\x08", "\x9b"])
def test_a_control_character_in_a_cell_is_reported_by_line_and_nothing_is_imported(
    tmp_path, control
):
    path = tmp_path / "oud.csv"
    path.write_text(HEADER + _row(1) + _row(2, question=f"Mag{control} dit?"), encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_questions", str(path), stderr=stderr)
    assert "regel 3: kolom question bevat een onzichtbaar stuurteken" in stderr.getvalue()
    assert not Question.objects.exists()


def test_a_line_break_inside_a_quoted_answer_is_imported_as_text():
    raw = (HEADER + _row(1, answer='"Ja.\r\nMet\tgroet."')).encode()
    assert import_questions(raw).imported == 1
    assert Question.objects.get().messages.last().body == "Ja.\r\nMet\tgroet."


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("asker_email", "x" * 250 + "@gemeente.nl", "asker_email is langer dan 254 tekens"),
        ("organisation", "Gemeente " + "x" * 150, "organisation is langer dan 150 tekens"),
        ("topic", "T" * 101, "topic is langer dan 100 tekens"),
        ("received_at", "0001-01-01", "received_at ligt niet tussen 1990 en vandaag"),
        ("answered_at", "9999-12-31T23:59:59", "answered_at ligt niet tussen 1990 en vandaag"),
    ],
)
def test_a_value_the_database_cannot_hold_is_reported_by_line_not_crashed(column, value, message):
    raw = (HEADER + _row(1) + _row(2, **{column: value})).encode()
    with pytest.raises(ImportRejected) as rejected:
        import_questions(raw)
    assert rejected.value.report.errors == [(3, message)]
    assert not Question.objects.exists()


def test_a_cell_the_csv_reader_refuses_is_reported_in_dutch_with_its_line(tmp_path):
    path = tmp_path / "oud.csv"
    path.write_text(HEADER + _row(1) + _row(2, question='"' + "x" * 200_000 + '"'))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_questions", str(path), stderr=stderr)
    assert "regel 3: Onleesbare CSV" in stderr.getvalue()


def test_missing_columns_are_reported():
    with pytest.raises(ImportRejected):
        import_questions(b"received_at,subject\n2024-01-01,x\n")


def test_seeded_2025_figures_are_those_of_the_annual_report(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    figures = stats.year_figures(2025)
    assert figures["answered"] == 508
    assert figures["askers"] == 297
    assert figures["organisations"] == 152
    assert figures["top_topics"][:3] == [
        ("Vrijstellingen", 92),
        ("Aanwezigheid en verzuim", 86),
        ("Wet politiegegevens", 81),
    ]
    assert all(count < 81 for _name, count in figures["top_topics"][3:])
    assert sum(q["answered"] for q in figures["by_quarter"]) == 508
    before = Question.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Question.objects.count() == before, "seed_demo is idempotent"


def test_a_file_from_dutch_excel_imports_semicolons_a_bom_and_dutch_dates():
    """Excel in a Dutch locale saves "CSV UTF-8" with a byte order mark, semicolons, CRLF
    line ends and its own date format."""
    header = HEADER.strip().replace(",", ";")
    rows = [
        "4-3-2024;6-3-2024 10:00;vrager1@gemeente.nl;Els Vrager;Gemeente Import 1;Verlof;"
        '"Vraag; met puntkomma";Mag dit?;Ja.',
        "2024-03-05;2024-03-07;vrager2@gemeente.nl;Jan Vrager;;Verlof;Vraag 2;Mag dat?;Nee.",
    ]
    raw = ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")
    report = import_questions(raw)
    assert report.imported == 2
    question = Question.objects.get(subject="Vraag; met puntkomma")
    assert timezone.localtime(question.received_at).date().isoformat() == "2024-03-04"
    assert timezone.localtime(question.answered_at).hour == 10


def test_the_demo_kennisbank_holds_each_item_once_and_finds_dutch_word_forms(settings):
    import re

    from django.contrib.auth.models import AnonymousUser

    from knowledge import selectors
    from knowledge.models import Item

    settings.DEBUG = True
    # A database seeded by an earlier demo holds numbered copies: they go.
    Item.objects.create(
        title="Toezicht op thuisonderwijs (12)",
        slug="vraag-12",
        question_text="q",
        answer_text="a",
        review_by="2030-01-01",
    )
    call_command("seed_demo", stdout=io.StringIO())
    titles = list(Item.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles)) >= 25
    assert not [title for title in titles if re.search(r"\(\d+\)$", title)]
    call_command("seed_demo", stdout=io.StringIO())
    assert Item.objects.count() == len(titles), "seed_demo is idempotent"
    for word in ("vrijstellingen", "verhuizingen", "gemeenten"):
        found, _searched = selectors.search_items(AnonymousUser(), query=word)
        assert found, word
    # The demo accounts' questions, the ones staff open, have their history.
    in_review = Question.objects.get(asker__email="lid2@example.org", status="in_review")
    assert [event.get_action_display() for event in in_review.events.all()] == [
        "vraag ontvangen",
        "toegewezen aan een expert",
        "antwoord in concept opgeslagen",
        "antwoord ter controle aangeboden",
        "antwoord teruggestuurd met opmerking",
        "antwoord in concept opgeslagen",
        "antwoord ter controle aangeboden",
    ]
    # Returned once and sent again: its reviewer sees what changed.
    assert in_review.answers.get().versions.count() == 2
