"""Importing the existing list: all or nothing, errors by line, doubles merged, and an
address that unsubscribed earlier never put back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communications import services
from communications.errors import ImportFailed
from communications.models import Subscriber
from members.tests.factories import OrganisationFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def _upload(client, text):
    return client.post(
        reverse("communications:subscriber_import"),
        {"file": SimpleUploadedFile("lijst.csv", text.encode(), content_type="text/csv")},
        follow=True,
    )


def test_staff_import_a_list_with_doubles_merged_and_organisations_recognised(staff_client):
    organisation = OrganisationFactory(name="Gemeente Ede")
    response = _upload(
        staff_client,
        "email,name,organisation\n"
        "anne@ede.nl,Anne de Vries,Gemeente Ede\n"
        "BRAM@partner.nl,,Stichting Leerrecht\n"
        "bram@partner.nl,Bram Bos,\n",
    )
    assert "2 adressen toegevoegd" in response.content.decode()
    assert "1 dubbele samengevoegd" in response.content.decode()
    anne = Subscriber.objects.get(email="anne@ede.nl")
    assert (anne.status, anne.consent, anne.organisation) == (
        "subscribed",
        Subscriber.Consent.IMPORT,
        organisation,
    )
    bram = Subscriber.objects.get(email="bram@partner.nl")
    assert (bram.name, bram.organisation_name, bram.organisation) == (
        "Bram Bos",
        "Stichting Leerrecht",
        None,
    )


def test_a_file_with_bad_lines_imports_nothing_and_names_every_bad_line(staff_client):
    response = _upload(
        staff_client,
        "e-mail,naam,organisatie\ngoed@voorbeeld.nl,Goed,\ngeen-adres,Fout,\n"
        "ook@voorbeeld.nl,Ook,\nx@y.nl,a\x00b,\n",
    )
    page = response.content.decode()
    assert "Er is niets geïmporteerd" in page
    assert "Regel 3: &#x27;geen-adres&#x27; is geen e-mailadres" in page
    assert "Regel 5: een cel bevat een onzichtbaar stuurteken" in page
    assert not Subscriber.objects.exists()


def test_an_address_that_unsubscribed_earlier_is_never_put_back(staff_user):
    SubscriberFactory(email="weg@voorbeeld.nl", status="unsubscribed")
    SubscriberFactory(email="blijft@voorbeeld.nl", name="")
    result = services.subscribers_import_csv(
        raw=b"email,name\nweg@voorbeeld.nl,Weg\nblijft@voorbeeld.nl,Blijft\nnieuw@voorbeeld.nl,\n",
        actor=staff_user,
    )
    assert (result.added, result.updated, result.skipped_unsubscribed) == (1, 1, 1)
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        "weg@voorbeeld.nl": "unsubscribed",
        "blijft@voorbeeld.nl": "subscribed",
        "nieuw@voorbeeld.nl": "subscribed",
    }
    assert Subscriber.objects.get(email="blijft@voorbeeld.nl").name == "Blijft"


def test_a_file_without_an_email_column_or_in_another_encoding_is_refused():
    for raw in (b"naam\nAnne\n", "email\nanne@ë.nl\n".encode("latin-1"), b"email\n"):
        with pytest.raises(ImportFailed):
            services.subscribers_import_csv(raw=raw, actor=None)
    assert not Subscriber.objects.exists()


def test_a_file_longer_than_the_limit_is_refused(settings, monkeypatch):
    # The limit is read where the import is: the services package only re-exports it.
    monkeypatch.setattr(services.imports, "MAX_IMPORT_ROWS", 3)
    raw = "email\n" + "".join(f"a{n}@voorbeeld.nl\n" for n in range(4))
    with pytest.raises(ImportFailed) as failure:
        services.subscribers_import_csv(raw=raw.encode(), actor=None)
    assert failure.value.errors[0][0] == 5
    assert not Subscriber.objects.exists()


def test_the_subscriber_list_filters_on_membership_rayon_kind_and_date(staff_client):
    member = OrganisationFactory()
    SubscriberFactory(email="lid@voorbeeld.nl", organisation=member)
    SubscriberFactory(email="extern@voorbeeld.nl", organisation_name="Stichting X")
    url = reverse("communications:subscriber_list")
    page = staff_client.get(url, {"member": "true"}).content.decode()
    assert "lid@voorbeeld.nl" in page and "extern@voorbeeld.nl" not in page
    page = staff_client.get(url, {"member": "false"}).content.decode()
    assert "extern@voorbeeld.nl" in page and "lid@voorbeeld.nl" not in page
    page = staff_client.get(url, {"rayon": member.rayon_id, "kind": "gemeente"}).content.decode()
    assert "lid@voorbeeld.nl" in page and "extern@voorbeeld.nl" not in page
    page = staff_client.get(url, {"since": "2999-01-01"}).content.decode()
    assert "Geen abonnees die aan deze filters voldoen" in page
    response = staff_client.get(url)
    assert response.context["counts"]["total"] == 2
    assert response.context["counts"]["members"] == 1


def test_a_list_saved_by_dutch_excel_imports_semicolons_a_bom_and_the_exports_apostrophes(
    staff_client,
):
    """Dutch Excel's "CSV UTF-8": a byte order mark, semicolons, CRLF, Dutch headings; a cell
    the export marked against formulas keeps its text without the apostrophe."""
    raw = (
        "\ufeffE-mailadres;Naam;Organisatie\r\n"
        "anne@ede.nl;Anne de Vries;Gemeente Ede\r\n"
        "bram@partner.nl;Bram Bos;'+Plus Onderwijs\r\n"
    ).encode()
    response = staff_client.post(
        reverse("communications:subscriber_import"),
        {"file": SimpleUploadedFile("lijst.csv", raw, content_type="text/csv")},
        follow=True,
    )
    assert "2 adressen toegevoegd" in response.content.decode()
    assert dict(Subscriber.objects.values_list("email", "organisation_name")) == {
        "anne@ede.nl": "Gemeente Ede",
        "bram@partner.nl": "+Plus Onderwijs",
    }


def test_the_subscriber_export_imports_back_unchanged(staff_client):
    SubscriberFactory(email="anne@ede.nl", name="=Anne", organisation_name="Gemeente Ede")
    SubscriberFactory(email="weg@ede.nl", status="unsubscribed")
    before = list(Subscriber.objects.order_by("pk").values())
    exported = staff_client.get(reverse("communications:subscriber_export")).content
    text = exported.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("E-mailadres,Naam,Organisatie,Status,Toestemming")
    assert "'=Anne" in text
    response = staff_client.post(
        reverse("communications:subscriber_import"),
        {"file": SimpleUploadedFile("abonnees.csv", exported, content_type="text/csv")},
        follow=True,
    )
    assert "0 adressen toegevoegd, 1 stonden al op de lijst" in response.content.decode()
    assert list(Subscriber.objects.order_by("pk").values()) == before


def test_a_list_in_windows_1252_is_refused_naming_the_line_of_its_first_other_character(
    staff_client,
):
    raw = "email;naam\r\nanne@ede.nl;Anne\r\nbram@ede.nl;Bram Müller\r\n".encode("cp1252")
    response = staff_client.post(
        reverse("communications:subscriber_import"),
        {"file": SimpleUploadedFile("lijst.csv", raw, content_type="text/csv")},
    )
    page = response.content.decode()
    assert "Regel 3: deze regel bevat een teken dat geen UTF-8 is (&#x27;ü&#x27;)" in page
    assert "CSV UTF-8" in page and "Regel 0" not in page
    assert not Subscriber.objects.exists()
