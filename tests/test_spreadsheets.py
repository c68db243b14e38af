"""Files people open in Excel: every export as CSV and as .xlsx, with Dutch headings and no
formula a spreadsheet would run; every import in another encoding refused with a Dutch
message naming the real line (ingrado/csvfiles.py reads and writes them all)."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from academy import services as academy_services
from academy.tests.factories import past_edition_with_sessions
from communications.tests.factories import SubscriberFactory
from members.models import Organisation
from members.tests.factories import OrganisationFactory, PersonFactory, RayonFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://aanvaller.example","klik")'


@pytest.fixture
def world():
    rayon = RayonFactory(name="Midden")
    organisation = OrganisationFactory(
        name=FORMULA, rayon=rayon, member_since=date(2010, 1, 1), phone="+31 33 496 9911"
    )
    person = PersonFactory(first_name="Anne", last_name=FORMULA, organisation=organisation)
    edition = past_edition_with_sessions(sessions=1)
    academy_services.enrolment_create(edition=edition, person=person)
    SubscriberFactory(email="lezer@ede.nl", name=FORMULA)
    return {"edition": edition}


def _exports(world):
    """(URL name, arguments, the Dutch headings it starts with) of every export."""
    return [
        ("members:organisation_export", [], ["Naam", "Soort", "Rayon", "Doorstroompunt-regio"]),
        ("members:person_export", [], ["Voornaam", "Achternaam", "E-mailadres", "Organisatie"]),
        ("knowledge:figures_csv", [2025], ["Cijfer", "Waarde"]),
        ("academy:participants_csv", [world["edition"].pk], ["Voornaam", "Achternaam"]),
        ("communications:subscriber_export", [], ["E-mailadres", "Naam", "Organisatie", "Status"]),
    ]


def test_every_export_is_offered_as_xlsx_with_dutch_headings_and_formulas_kept_as_text(
    staff_client, world
):
    for name, args, headings in _exports(world):
        csv_url = reverse(name, args=args)
        xlsx_url = reverse(
            name.replace("_csv", "_xlsx").replace("export", "export_xlsx"), args=args
        )
        assert xlsx_url.endswith(".xlsx"), xlsx_url
        response = staff_client.get(xlsx_url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert response["Content-Disposition"].endswith('.xlsx"')
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows())
        assert [cell.value for cell in rows[0][: len(headings)]] == headings, name
        cells = [cell for row in rows[1:] for cell in row]
        for cell in cells:
            assert cell.data_type != "f", f"{name}: a formula in {cell.coordinate}"
        formulas = [cell for cell in cells if cell.value == FORMULA]
        if name != "knowledge:figures_csv":
            assert formulas, f"{name}: the text is kept as it was"
            assert all(cell.data_type == "s" and cell.quotePrefix for cell in formulas)

        csv_text = staff_client.get(csv_url).content.decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(csv_text)))[: len(headings)] == headings, name
        if name != "knowledge:figures_csv":
            assert "'" + FORMULA.replace('"', '""') in csv_text


def test_the_helpdesk_figures_download_names_its_rows_in_dutch(board_client):
    text = board_client.get(reverse("knowledge:figures_csv", args=[2025])).content.decode(
        "utf-8-sig"
    )
    labels = [row[0] for row in csv.reader(io.StringIO(text))]
    assert labels[:4] == ["Cijfer", "Ontvangen vragen", "Beantwoorde vragen", "Vragenstellers"]
    assert "K1 ontvangen" in labels and "received" not in labels


def test_the_organisation_import_takes_dutch_english_and_coded_headings(staff_client):
    RayonFactory(name="Midden")
    for header, name in (
        ("Naam;Soort;Rayon;Lid sinds", "Gemeente Nederlands"),
        ("Name,Kind,Rayon,Member since", "Gemeente Engels"),
        ("name,kind,rayon,member_since", "Gemeente Codes"),
    ):
        separator = ";" if ";" in header else ","
        raw = f"{header}\n{separator.join([name, 'gemeente', 'Midden', '1-2-2024'])}\n".encode()
        response = staff_client.post(
            reverse("members:organisation_import"),
            {"file": SimpleUploadedFile("orgs.csv", raw, content_type="text/csv")},
        )
        assert response.status_code == 302, response.context and response.context["errors"]
        assert Organisation.objects.get(name=name).member_since == date(2024, 2, 1)


def test_an_organisation_file_in_windows_1252_names_its_real_line(staff_client):
    RayonFactory(name="Midden")
    raw = (
        "Naam;Soort;Rayon\r\nGemeente Ede;gemeente;Midden\r\n"
        "Gemeente Súdwest-Fryslân;gemeente;Midden\r\n"
    ).encode("cp1252")
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("orgs.csv", raw, content_type="text/csv")},
    )
    assert response.context["errors"][0][0] == 3
    page = response.content.decode()
    assert "Regel 3: deze regel bevat een teken dat geen UTF-8 is (&#x27;ú&#x27;)" in page
    assert "Regel 0" not in page
    assert not Organisation.objects.filter(name="Gemeente Ede").exists()


def test_a_file_saved_as_utf_16_is_refused_on_its_first_line(staff_client):
    raw = "Naam\tSoort\r\nGemeente Ede\tgemeente\r\n".encode("utf-16")
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("orgs.txt", raw, content_type="text/plain")},
    )
    assert "Regel 1: het bestand is opgeslagen als UTF-16" in response.content.decode()


def test_the_question_history_import_in_windows_1252_names_its_real_line(tmp_path):
    header = (
        "received_at,answered_at,asker_email,asker_name,organisation,topic,subject,question,answer"
    )
    row = "2024-03-04,2024-03-06,a@ede.nl,Els,Gemeente Ede,Verlof,Vraag {n},Mag dit?,{answer}"
    lines = [header, row.format(n=1, answer="Ja."), row.format(n=2, answer='"Ja,\nmet een regel"')]
    lines.append(row.format(n=3, answer="Ja, één keer."))
    path = tmp_path / "oud.csv"
    path.write_bytes("\n".join(lines).encode("cp1252"))
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), stderr=stderr)
    # The quoted answer spans two lines of the file: the fourth row is line 4 of the CSV.
    assert "regel 4: deze regel bevat een teken dat geen UTF-8 is ('é')" in stderr.getvalue()
    assert "regel 0" not in stderr.getvalue()


def test_an_xlsx_export_holds_text_no_spreadsheet_can_store(staff_client):
    """XML 1.0 has no control characters: a stored one becomes U+FFFD instead of an error."""
    OrganisationFactory(name="Gemeente\x01Ede\x1b", city="Ede\tstad")
    response = staff_client.get(reverse("members:organisation_export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Gemeente\ufffdEde\ufffd" in names


def test_the_exports_run_the_same_queries_however_many_rows(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    urls = [
        reverse(name)
        for name in (
            "members:organisation_export_xlsx",
            "members:person_export_xlsx",
            "communications:subscriber_export_xlsx",
        )
    ]
    PersonFactory(organisation=OrganisationFactory())
    SubscriberFactory()
    before = [queries(url) for url in urls]
    for _ in range(10):
        PersonFactory(organisation=OrganisationFactory())
        SubscriberFactory()
    assert [queries(url) for url in urls] == before
