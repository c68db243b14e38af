import csv
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from members import selectors
from members.models import EmailDomain, Organisation, Person
from members.tests.factories import OrganisationFactory, PersonFactory, RayonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    noord = RayonFactory(name="Noord")
    midden = RayonFactory(name="Midden")
    groningen = OrganisationFactory(name="Gemeente Groningen", rayon=noord)
    utrecht = OrganisationFactory(name="Gemeente Utrecht", rayon=midden)
    former = OrganisationFactory(
        name="Gemeente Vroeger", rayon=midden, member_until=date(2020, 12, 31)
    )
    PersonFactory(
        last_name="Dijkstra", organisation=groningen, krsd_registered=True, krsd_number="KRSD-1"
    )
    PersonFactory(last_name="Jansen", organisation=utrecht, function=Person.Function.COACH)
    PersonFactory(last_name="Smit", organisation=former)
    return {"noord": noord, "midden": midden, "groningen": groningen, "utrecht": utrecht}


def _names(response, key="page"):
    return [str(obj) for obj in response.context[key]]


def test_staff_filters_organisations_by_rayon(staff_client, directory):
    url = reverse("members:organisation_list")
    response = staff_client.get(url, {"rayon": directory["noord"].pk})
    assert _names(response) == ["Gemeente Groningen"]


def test_staff_filters_active_membership(staff_client, directory):
    response = staff_client.get(reverse("members:organisation_list"), {"active": "false"})
    assert "Gemeente Vroeger" in _names(response)
    assert "Gemeente Utrecht" not in _names(response)


def test_staff_filters_people_by_function_and_krsd(staff_client, directory):
    url = reverse("members:person_list")
    assert [p.last_name for p in staff_client.get(url, {"function": "coach"}).context["page"]] == [
        "Jansen"
    ]
    registered = staff_client.get(url, {"krsd_registered": "true"}).context["page"]
    assert [p.last_name for p in registered] == ["Dijkstra"]


def test_each_directory_row_shows_name_organisation_function_and_krsd(staff_client, directory):
    PersonFactory(first_name="", last_name="", email="zonder.naam@vb.nl", organisation=None)
    Person.objects.filter(last_name="Dijkstra").update(rayon_contact_for=directory["noord"])
    page = staff_client.get(reverse("members:person_list")).content.decode()
    page = re.sub(r">\s+<", "><", page)
    rows = {row.split("</a>")[0].rsplit(">", 1)[1]: row for row in page.split("<tr>")[2:]}
    dijkstra = next(row for name, row in rows.items() if name.endswith("Dijkstra"))
    assert "rayoncontactpersoon" in dijkstra and "Gemeente Groningen" in dijkstra
    assert "<td>Leerplichtambtenaar</td><td>ja</td>" in dijkstra
    jansen = next(row for name, row in rows.items() if name.endswith("Jansen"))
    assert "<td>nee</td>" in jansen and "rayoncontactpersoon" not in jansen
    assert "<td>–</td>" in rows["zonder.naam@vb.nl"]


def test_staff_searches_people_by_name_or_organisation(staff_client, directory):
    response = staff_client.get(reverse("members:person_list"), {"q": "utrecht"})
    assert [p.last_name for p in response.context["page"]] == ["Jansen"]


def test_directory_shows_krsd_share(staff_client, directory, staff_user):
    response = staff_client.get(reverse("members:person_list"), {"active": "true"})
    krsd = response.context["krsd"]
    # Active members' people: Dijkstra (registered), Jansen, and the staff user has no organisation.
    assert krsd["registered"] == 1
    assert krsd["total"] == 2
    assert krsd["share"] == 50.0


def test_directory_krsd_share_follows_the_filter_and_changes_at_once(staff_client, directory):
    url = reverse("members:person_list")
    active = staff_client.get(url, {"active": "true"}).context["krsd"]
    assert (active["registered"], active["total"]) == (1, 2)
    everyone = staff_client.get(url).context["krsd"]
    assert (everyone["registered"], everyone["total"]) == (1, 4)  # another filter, its own

    Person.objects.filter(last_name="Jansen").update(krsd_registered=True)
    changed = staff_client.get(url, {"active": "true"}).context["krsd"]
    assert (changed["registered"], changed["share"]) == (2, 100.0)


def test_people_export_respects_the_filter(staff_client, directory):
    response = staff_client.get(reverse("members:person_export"), {"rayon": directory["noord"].pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][1] == "Dijkstra"


def test_export_neutralises_spreadsheet_formulas(staff_client, directory):
    OrganisationFactory(name='=HYPERLINK("http://evil")', rayon=directory["noord"])
    response = staff_client.get(reverse("members:organisation_export"))
    content = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_directory_query_count_does_not_grow_with_rows(
    staff_client, directory, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(organisation=directory["utrecht"])
    with django_assert_max_num_queries(12):
        staff_client.get(reverse("members:person_list"))
    with django_assert_max_num_queries(12):
        staff_client.get(reverse("members:organisation_list"))
    with django_assert_max_num_queries(12):
        staff_client.get(reverse("members:organisation_detail", args=[directory["utrecht"].pk]))


def _upload(client, text):
    return client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("orgs.csv", text.encode("utf-8"), content_type="text/csv")},
    )


HEADER = "name,kind,rayon,region,member_since,member_until,email_domains,email\n"


def test_import_creates_and_updates_organisations(staff_client, directory):
    response = _upload(
        staff_client,
        HEADER
        + "Doorstroompunt Eemland,regio,Midden,,2010-01-01,,,\n"
        + "Gemeente Leusden,gemeente,Midden,Doorstroompunt Eemland,2011-01-01,,"
        + "leusden.nl,a@leusden.nl\n"
        + "Gemeente Utrecht,gemeente,Midden,,2008-01-01,,utrecht.nl,\n",
    )
    assert response.status_code == 302
    leusden = Organisation.objects.get(name="Gemeente Leusden")
    assert leusden.region.name == "Doorstroompunt Eemland"
    assert EmailDomain.objects.get(domain="leusden.nl").organisation == leusden
    assert Organisation.objects.get(name="Gemeente Utrecht").member_since == date(2008, 1, 1)


def test_import_with_errors_reports_every_bad_line_and_saves_nothing(staff_client, directory):
    before = Organisation.objects.count()
    response = _upload(
        staff_client,
        HEADER
        + "Gemeente Goed,gemeente,Midden,,2010-01-01,,goed.nl,\n"
        + "Gemeente Fout,stadsdeel,Midden,,2010-01-01,,,\n"
        + ",gemeente,Atlantis,,31-02-2010,,,geen-email\n"  # no such day
        + "Gemeente Later,gemeente,Noord,,2015-01-01,2014-01-01,,\n",
    )
    assert response.status_code == 200
    errors = dict(response.context["errors"])
    assert set(errors) == {3, 4, 5}
    assert "stadsdeel" in errors[3]
    assert "Atlantis" in errors[4] and "31-02-2010" in errors[4]
    assert Organisation.objects.count() == before
    assert not EmailDomain.objects.filter(domain="goed.nl").exists()


def test_import_refuses_a_file_that_is_not_utf8(staff_client, directory):
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("orgs.csv", "naam;é".encode("latin-1") + b"\xff\xfe")},
    )
    assert response.status_code == 200
    assert response.context["errors"]


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_a_cell_is_refused_by_line_and_nothing_is_saved(
    staff_client, directory, control
):
    before = Organisation.objects.count()
    response = _upload(
        staff_client,
        HEADER
        + "Gemeente Goed,gemeente,Midden,,2010-01-01,,goed.nl,\n"
        + f"Gemeente Nul{control},gemeente,Midden,,2010-01-01,,,\n",
    )
    assert response.status_code == 200
    errors = dict(response.context["errors"])
    assert list(errors) == [3]
    assert "stuurteken" in errors[3] and "Naam" in errors[3]
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert Organisation.objects.count() == before


def test_a_tab_or_line_break_inside_a_quoted_cell_is_ordinary_text(staff_client, directory):
    response = _upload(
        staff_client, HEADER + 'Gemeente Tab,gemeente,Midden,,2010-01-01,,,"a@b.nl"\n'
    )
    assert response.status_code == 302


FULL_HEADER = (
    "name,kind,rayon,region,member_since,member_until,email_domains,email,phone,address,"
    "postcode,city,website\n"
)


def _organisation_rows(count):
    """Rows as a real export has them: every column filled, a region and two domains."""
    region = "Doorstroompunt Midden,regio,Midden,,2010-01-01,,,,,,,,\n"
    return (
        FULL_HEADER
        + region
        + "".join(
            f"Gemeente {n:06d},gemeente,Midden,Doorstroompunt Midden,2012-01-01,,"
            f"g{n}.nl;g{n}-mail.nl,info@g{n}.nl,030 123 4567,Stadhuisplein {n},3511 AB,Utrecht,"
            f"https://g{n}.nl\n"
            for n in range(count - 1)
        )
    )


def test_a_file_at_the_row_limit_imports_completely_with_one_query_per_row(
    staff_client, directory, django_assert_max_num_queries
):
    """One query per row keeps the request far within gunicorn's timeout (about a second)."""
    from members.services import MAX_IMPORT_ROWS

    with django_assert_max_num_queries(MAX_IMPORT_ROWS + 30):
        response = _upload(staff_client, _organisation_rows(MAX_IMPORT_ROWS))
    assert response.status_code == 302
    assert Organisation.objects.filter(name__startswith="Gemeente 0").count() == (
        MAX_IMPORT_ROWS - 1
    )
    assert EmailDomain.objects.filter(domain__startswith="g").count() == 2 * (MAX_IMPORT_ROWS - 1)


def test_a_file_over_the_row_limit_is_refused_at_once_and_saves_nothing(
    staff_client, directory, django_assert_max_num_queries
):
    """The file of the report: about 100,000 rows, 4.9 MB, under the upload limit."""
    from members.forms import MAX_IMPORT_BYTES

    text = HEADER + "".join(
        f"Gemeente nr {n:05d},gemeente,Midden,,2012-01-01,,,\n" for n in range(100_000)
    )
    assert 4_800_000 < len(text.encode()) < MAX_IMPORT_BYTES
    before = Organisation.objects.count()
    with django_assert_max_num_queries(20):  # the rows are not even cleaned, let alone saved
        response = _upload(staff_client, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "meer dan 2000 organisaties" in page and "Er is niets geïmporteerd" in page
    assert Organisation.objects.count() == before


def test_import_refuses_a_domain_of_another_organisation(staff_client, directory):
    EmailDomain.objects.create(domain="utrecht.nl", organisation=directory["utrecht"])
    response = _upload(staff_client, HEADER + "Gemeente Ander,gemeente,,,2010-01-01,,utrecht.nl,\n")
    assert 2 in dict(response.context["errors"])


def test_member_edits_own_profile_and_krsd_number_is_required(member_client, member):
    url = reverse("members:profile")
    response = member_client.post(
        url,
        {
            "first_name": "Sanne",
            "last_name": "Vries",
            "function": "leerplicht",
            "krsd_registered": "on",
        },
    )
    assert response.status_code == 200
    assert "krsd_number" in response.context["form"].errors
    response = member_client.post(
        url,
        {
            "first_name": "Sanne",
            "last_name": "Vries",
            "function": "leerplicht",
            "krsd_registered": "on",
            "krsd_number": "KRSD-9",
        },
    )
    assert response.status_code == 302
    member.person.refresh_from_db()
    assert member.person.krsd_number == "KRSD-9"


def test_member_cannot_open_person_or_organisation_pages(member_client, directory):
    person = Person.objects.first()
    assert member_client.get(reverse("members:person_detail", args=[person.pk])).status_code == 403
    assert (
        member_client.get(
            reverse("members:organisation_detail", args=[directory["utrecht"].pk])
        ).status_code
        == 403
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_directory_page_can_be_read_off_its_index_in_order(directory):
    """Without a sort, the planner reaches for the index only if it matches the directory's
    filter and order: a change to either that leaves the index behind fails here."""
    rows = selectors.directory_rows(selectors.person_directory(params={}).qs)[:30]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        sql, params = rows.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "person_directory_order_idx" in plan and "Sort" not in plan, plan


def test_the_person_page_shows_their_questions_and_enrolments_and_logs_it(
    staff_client, staff_user, member
):
    from academy import services as academy_services
    from academy.tests.factories import edition_with_sessions
    from knowledge.tests.factories import ask
    from members.models import AuditLog

    ask(member, subject="Vrijstelling bij verhuizing")
    edition = edition_with_sessions()
    academy_services.enrolment_create(edition=edition, person=member.person)
    response = staff_client.get(reverse("members:person_detail", args=[member.person.pk]))
    page = response.content.decode()
    assert "<h2>Vragen</h2>" in page and "Vrijstelling bij verhuizing" in page
    assert "<h2>Inschrijvingen bij de Academie</h2>" in page
    assert edition.activity.title in page
    entry = AuditLog.objects.get(action="person_view", object_id=str(member.person.pk))
    assert entry.actor == staff_user
    assert entry.detail == {"shown": ["questions", "enrolments", "registrations"]}


def test_the_person_page_query_count_does_not_grow_with_questions_and_enrolments(
    staff_client, member, django_assert_max_num_queries
):
    from academy import services as academy_services
    from academy.tests.factories import edition_with_sessions
    from knowledge.tests.factories import ask

    url = reverse("members:person_detail", args=[member.person.pk])
    for index in range(25):
        ask(member, subject=f"Vraag {index}")
        academy_services.enrolment_create(edition=edition_with_sessions(), person=member.person)
    # Session, user, roles, the person, the audit log, the questions, the enrolments, the
    # meeting registrations, the organisations found, and the form's rayons: the same however
    # many rows.
    with django_assert_max_num_queries(13):
        response = staff_client.get(url, {"organisatie": "Gemeente"})
    assert len(response.context["sections"][0]["questions"]) == 20
    assert len(response.context["sections"][1]["enrolments"]) == 20


def test_the_organisation_picker_is_a_search_not_a_long_dropdown(staff_client, directory):
    for number in range(30):
        OrganisationFactory(name=f"Gemeente Dorp {number}")
    person = Person.objects.get(last_name="Jansen")
    url = reverse("members:person_detail", args=[person.pk])
    page = staff_client.get(url).content.decode()
    assert page.count('name="organisation"') == 2, "none and the current one, nothing else"
    assert "Gemeente Utrecht" in page and "Gemeente Dorp 1" not in page
    found = staff_client.get(url, {"organisatie": "groningen"}).content.decode()
    assert 'name="organisatie" value="groningen"' in found
    assert f'value="{directory["groningen"].pk}"' in found
    many = staff_client.get(url, {"organisatie": "dorp"}).content.decode()
    assert many.count('name="organisation"') == 2 + selectors.ORGANISATION_CHOICES
    assert "typ meer van de naam" in many


def test_the_organisation_search_answers_htmx_with_the_choices_only(staff_client, directory):
    response = staff_client.get(
        reverse("members:organisation_choices"),
        {"organisatie": "gron", "huidig": directory["utrecht"].pk},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.startswith('<fieldset class="choices">')
    assert "Gemeente Groningen" in page and "Gemeente Utrecht" in page  # the current one stays
    assert "<html" not in page
    for strange in ("", "%", "\u00e9", "x" * 500):
        assert (
            staff_client.get(
                reverse("members:organisation_choices"), {"organisatie": strange, "huidig": "x"}
            ).status_code
            == 200
        )


def test_the_server_checks_the_chosen_organisation(staff_client, directory):
    person = Person.objects.get(last_name="Jansen")
    url = reverse("members:person_link", args=[person.pk])
    response = staff_client.post(url, {"organisation": "999999"}, follow=True)
    assert "Kies een bestaande organisatie." in response.content.decode()
    person.refresh_from_db()
    assert person.organisation == directory["utrecht"]
    staff_client.post(url, {"organisation": directory["groningen"].pk})
    person.refresh_from_db()
    assert person.organisation == directory["groningen"]
    staff_client.post(url, {"organisation": ""})
    person.refresh_from_db()
    assert person.organisation is None


def test_the_organisation_export_imports_back_unchanged(staff_client, directory):
    """The export has the import's columns: the file imports as it is, changing nothing,
    also a phone number an export marked against spreadsheet formulas."""
    region = OrganisationFactory(name="Doorstroompunt Eemland", kind="regio", rayon=None)
    leusden = OrganisationFactory(
        name="Gemeente Leusden",
        rayon=directory["midden"],
        region=region,
        member_until=date(2030, 12, 31),
        email="leerplicht@leusden.nl",
        phone="+31 33 496 9911",
        address="Hessenweg 1a",
        postcode="3832 GV",
        city="Leusden",
        website="https://www.leusden.nl/",
    )
    EmailDomain.objects.create(domain="leusden.nl", organisation=leusden)
    EmailDomain.objects.create(domain="leusden-gemeente.nl", organisation=leusden)
    fields = [f.name for f in Organisation._meta.concrete_fields]
    before = {o.pk: [getattr(o, f) for f in fields] for o in Organisation.objects.all()}
    domains = set(EmailDomain.objects.values_list("domain", "organisation"))
    exported = staff_client.get(reverse("members:organisation_export")).content
    text = exported.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "Naam,Soort,Rayon,Doorstroompunt-regio,Lid sinds,Lid tot,E-maildomeinen,E-mailadres,"
        "Telefoon,Adres,Postcode,Plaats,Website"
    ), "Dutch headings"
    assert "Gemeente Leusden,gemeente,Midden,Doorstroompunt Eemland,2010-" in text
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("organisaties.csv", exported, content_type="text/csv")},
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    after = {o.pk: [getattr(o, f) for f in fields] for o in Organisation.objects.all()}
    assert after == before
    assert set(EmailDomain.objects.values_list("domain", "organisation")) == domains


def test_the_export_saved_by_dutch_excel_imports_too(staff_client, directory):
    """Dutch Excel saves "CSV UTF-8" with a byte order mark, semicolons, CRLF and dates as
    day-month-year."""
    exported = staff_client.get(reverse("members:organisation_export")).content
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    for row in rows[1:]:
        if row[4]:
            year, month, day = row[4].split("-")
            row[4] = f"{int(day)}-{int(month)}-{year}"
    rows.append(["Gemeente Nieuw; en Anders", "gemeente", "Noord", "", "1-2-2024"] + [""] * 8)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    raw = ("\ufeff" + out.getvalue()).encode("utf-8")
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("organisaties.csv", raw, content_type="text/csv")},
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Organisation.objects.get(name="Gemeente Nieuw; en Anders").member_since == date(
        2024, 2, 1
    )
    assert Organisation.objects.get(name="Gemeente Utrecht").member_since == (
        directory["utrecht"].member_since
    )
