from datetime import date

import pytest

from knowledge.privacy import find_personal_data, is_valid_bsn
from knowledge.workdays import add_working_days, answer_due_date, is_working_day


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 2), date(2026, 3, 9)),  # Monday: the next Monday
        (date(2026, 3, 6), date(2026, 3, 13)),  # Friday: weekend skipped
        (date(2025, 5, 1), date(2025, 5, 9)),  # Bevrijdingsdag 5 May 2025
        (date(2025, 12, 23), date(2026, 1, 2)),  # Christmas, Boxing Day, New Year
        (date(2026, 5, 12), date(2026, 5, 20)),  # Ascension Day 14 May 2026
        (date(2026, 5, 20), date(2026, 5, 28)),  # Whit Monday 25 May 2026
        (date(2026, 4, 1), date(2026, 4, 10)),  # Good Friday 3 Apr, Easter Monday 6 Apr
    ],
)
def test_answer_is_due_five_dutch_working_days_after_receipt(received, due):
    assert answer_due_date(received) == due


def test_kings_day_on_a_weekday_is_no_working_day():
    assert not is_working_day(date(2026, 4, 27))
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_paused_days_move_the_due_date():
    assert answer_due_date(date(2026, 3, 2), paused_days=3) == date(2026, 3, 12)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019", "1112.22.333"])
def test_valid_bsns_are_found(bsn):
    findings = find_personal_data(f"Het BSN van de leerling is {bsn}.")
    assert [f.kind for f in findings] == ["bsn"]


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678"])
def test_numbers_failing_the_elfproef_are_not_bsns(number):
    assert not any(f.kind == "bsn" for f in find_personal_data(f"Dossier {number} is dicht."))


def test_elfproef():
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("111222332")


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "+31 6 12345678",
        "+31612345678",
        "0031 20 123 4567",
        "020-1234567",
        "010 123 45 67",
        "0612345678",
    ],
)
def test_dutch_phone_numbers_are_found(phone):
    findings = find_personal_data(f"Bel moeder op {phone} na drie uur.")
    assert [f.kind for f in findings] == ["phone"], findings


@pytest.mark.parametrize(
    "text",
    ["geboren op 12-03-2011", "geb. 3/9/2010", "geboortedatum 2011-03-12", "op 7 maart 2012"],
)
def test_dates_of_birth_are_found(text):
    assert [f.kind for f in find_personal_data(text)] == ["date"]


def test_email_and_the_askers_name_are_found_with_positions():
    text = "Mail Jan de Vries via jan.devries@gemeente.nl."
    findings = find_personal_data(text, names=["Jan de Vries"])
    assert [(f.kind, f.value) for f in findings] == [
        ("name", "Jan de Vries"),
        ("email", "jan.devries@gemeente.nl"),
    ]
    assert text[findings[1].start : findings[1].end] == "jan.devries@gemeente.nl"


def test_ordinary_legal_text_has_no_findings():
    text = (
        "Op grond van artikel 5 onder b van de Leerplichtwet 1969 kunnen ouders in 2025 "
        "een vrijstelling krijgen; 16 uur verzuim in 4 weken moet worden gemeld."
    )
    assert find_personal_data(text) == []
