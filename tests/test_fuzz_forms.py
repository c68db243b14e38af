"""Hostile and malformed input never produces a 5xx and never leaves half-saved data.

Each target posts (or gets) generated values into a form or filter as the role that may
use it. Apps add their forms to TARGETS.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from members.models import Organisation, Person

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "a\x00b",
            "‮evil",
            "😀" * 50,
            "x" * 20000,
            "../../etc/passwd",
            "%00",
            "{{ 7*7 }}",
            "${jndi:ldap://x}",
            "-1",
            "0",
            "99999999999999999999",
            "2025-02-30",
            "nan",
            "true",
            "[]",
            "\r\n\r\n",
        ]
    ),
)

FUZZ_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _counts():
    return (Organisation.objects.count(), Person.objects.count())


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "rayon", "kind", "function", "krsd_registered", "active", "page"]),
        HOSTILE,
        max_size=5,
    )
)
def test_directory_filters_survive_any_query_string(staff_client, params):
    for name in [
        "members:person_list",
        "members:organisation_list",
        "members:person_export",
        "members:person_export_xlsx",
        "members:organisation_export_xlsx",
    ]:
        response = staff_client.get(reverse(name), params)
        assert response.status_code < 500


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "first_name": HOSTILE,
            "last_name": HOSTILE,
            "phone": HOSTILE,
            "function": HOSTILE,
            "krsd_registered": st.sampled_from(["", "on", "x"]),
            "krsd_number": HOSTILE,
        }
    )
)
def test_profile_form_survives_hostile_values(member_client, member, data):
    before = Person.objects.values().get(pk=member.person.pk)
    response = member_client.post(reverse("members:profile"), data)
    assert response.status_code in (200, 302)
    after = Person.objects.values().get(pk=member.person.pk)
    if response.status_code == 200:
        assert before == after, "an invalid form saved something"


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(data=st.fixed_dictionaries({"code": HOSTILE}))
def test_the_enrolment_code_form_survives_hostile_values(client, roles_synced, data):
    from allauth.mfa.models import Authenticator

    from members.tests.factories import StaffFactory

    client.force_login(StaffFactory(mfa=False))
    response = client.post(reverse("members:mfa_enrolment_confirm"), data)
    assert response.status_code == 200
    assert not Authenticator.objects.exists()


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(raw=st.binary(max_size=3000) | HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(raw=b"name,kind\rGemeente A,gemeente\r\n\x00")
@example(raw=b'name,kind\n"Gemeente\rB,gemeente\n')
@example(raw=b"name,kind,x\nA,gemeente,1,2,3\n")
def test_organisation_import_survives_any_file(staff_client, raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = _counts()
    response = staff_client.post(
        reverse("members:organisation_import"),
        {"file": SimpleUploadedFile("x.csv", raw, content_type="text/csv")},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _counts() == before


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(org=HOSTILE)
def test_person_link_survives_hostile_organisation_ids(staff_client, member, org):
    response = staff_client.post(
        reverse("members:person_link", args=[member.person.pk]), {"organisation": org}
    )
    assert response.status_code == 302


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "status",
                "topic",
                "expert",
                "rayon",
                "organisation",
                "overdue",
                "received_from",
                "received_until",
                "page",
            ]
        ),
        HOSTILE,
        max_size=5,
    )
)
def test_question_queue_filters_survive_any_query_string(staff_client, params):
    assert staff_client.get(reverse("knowledge:question_list"), params).status_code < 500


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "kind", "audience", "month", "places_left", "page", "onderwerp", "jaar"]
        ),
        HOSTILE,
        max_size=5,
    )
)
def test_public_searches_survive_any_query_string(client, params):
    for name in ["academy:catalogue", "knowledge:item_list"]:
        assert client.get(reverse(name), params).status_code < 500


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(data=st.fixed_dictionaries({"topic": HOSTILE, "subject": HOSTILE, "body": HOSTILE}))
def test_question_form_survives_hostile_values(member_client, data):
    from knowledge.forms import new_submission_key
    from knowledge.models import Question

    before = Question.objects.count()
    data = {**data, "submission_key": new_submission_key()}
    response = member_client.post(reverse("knowledge:question_create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Question.objects.count() == before


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {"body": HOSTILE, "insert_text": HOSTILE, "insert_item": HOSTILE},
        optional={"submit_for_review": HOSTILE},
    )
)
@example(data={"body": "Ja.", "insert_text": "9223372036854775808", "insert_item": ""})
def test_the_answer_form_survives_hostile_values(staff_client, member, data):
    """Saving, inserting a standard text or an item, sending for review: a page or a
    redirect, never an error; inserting saves nothing."""
    from knowledge.models import Answer
    from knowledge.tests.factories import ask

    question = ask(member)
    response = staff_client.post(reverse("knowledge:answer_save", args=[question.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # the text inserted, shown, not saved
        assert not Answer.objects.filter(question=question).exists()


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "title": HOSTILE,
            "question_text": HOSTILE,
            "answer_text": HOSTILE,
            "topics": HOSTILE,
            "sources": HOSTILE,
            "audience": HOSTILE,
            "review_by": HOSTILE,
        }
    )
)
@example(
    data={
        "title": "t",
        "question_text": "q",
        "answer_text": "a",
        "topics": "9223372036854775808",
        "sources": "",
        "audience": "public",
        "review_by": "2030-01-01",
    }
)
def test_kennisbank_item_form_survives_hostile_values(staff_client, data):
    from knowledge.models import Item

    before = Item.objects.count()
    response = staff_client.post(reverse("knowledge:item_create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Item.objects.count() == before


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(year=HOSTILE)
def test_report_and_figure_year_inputs_survive_hostile_values(board_client, year):
    assert board_client.post(reverse("programmes:report_list"), {"year": year}).status_code < 500
    assert board_client.get(reverse("knowledge:figures"), {"jaar": year}).status_code < 500


HISTORY_ROW = {
    "received_at": "2024-03-04",
    "answered_at": "2024-03-06T10:00:00",
    "asker_email": "vrager@gemeente.nl",
    "asker_name": "Els Vrager",
    "organisation": "Gemeente A",
    "topic": "Verlof",
    "subject": "Vraag",
    "question": "Mag dit?",
    "answer": "Ja.",
}


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    changes=st.lists(
        st.dictionaries(
            st.sampled_from(sorted(HISTORY_ROW)),
            HOSTILE | st.sampled_from(["0001-01-01", "9999-12-31", "x" * 300 + "@b.nl"]),
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    )
)
@example(changes=[{"asker_email": "x" * 300 + "@b.nl"}])
@example(changes=[{"received_at": "0001-01-01"}])
def test_question_history_import_survives_any_row(changes):
    """The command is not bound by gunicorn, but it must not crash on a bad file."""
    import csv
    import io

    from knowledge.importer import COLUMNS, ImportRejected, import_questions
    from knowledge.models import Question

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for number, change in enumerate(changes):
        writer.writerow({**HISTORY_ROW, "subject": f"Vraag {number}", **change})
    before = Question.objects.count()
    try:
        import_questions(buffer.getvalue().encode("utf-8", "surrogatepass"))
    except ImportRejected:
        assert Question.objects.count() == before


# --- nieuwsbrief ------------------------------------------------------------------------


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "status", "member", "rayon", "kind", "since", "page", "jaar"]),
        HOSTILE,
        max_size=5,
    )
)
def test_subscriber_filters_and_figures_survive_any_query_string(staff_client, params):
    for name in [
        "communications:subscriber_list",
        "communications:figures",
        "communications:subscriber_export",
        "communications:subscriber_export_xlsx",
    ]:
        assert staff_client.get(reverse(name), params).status_code < 500


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(data=st.fixed_dictionaries({"email": HOSTILE, "name": HOSTILE, "organisation": HOSTILE}))
@example(data={"email": "a@b.nl", "name": "x" * 151, "organisation": ""})
def test_the_public_sign_up_survives_hostile_values(client, data):
    from communications.models import Subscriber

    before = Subscriber.objects.count()
    response = client.post(reverse("communications:subscribe"), data)
    assert response.status_code == 200
    if "Kijk in je e-mail" not in response.content.decode():
        assert Subscriber.objects.count() == before


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "title": HOSTILE,
            "text": HOSTILE,
            "link_url": HOSTILE,
            "link_label": HOSTILE,
            "image_alt": HOSTILE,
            "scheduled_at": HOSTILE,
            "kind": HOSTILE,
            "id": HOSTILE,
            "members_only": HOSTILE,
        }
    )
)
def test_the_newsletter_editor_survives_hostile_values(staff_client, data):
    from communications.models import Newsletter, Section

    newsletter = Newsletter.objects.first() or Newsletter.objects.create(subject="Fuzz")
    for name in ("section_add", "newsletter_schedule", "suggestion_add"):
        before = Section.objects.count()
        response = staff_client.post(reverse(f"communications:{name}", args=[newsletter.pk]), data)
        assert response.status_code in (200, 302, 404)
        if response.status_code != 302:
            assert Section.objects.count() == before, "an invalid form saved something"
    newsletter.refresh_from_db()
    assert newsletter.status in ("draft", "scheduled"), "it was never sent"


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(raw=st.binary(max_size=3000) | HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(raw=b"email\ra@b.nl\r\n\x00")
@example(raw=b'email,name\n"a@b.nl\rB,x\n')
@example(raw=b"email,name,x\na@b.nl,1,2,3\n")
def test_the_subscriber_import_survives_any_file(staff_client, raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communications.models import Subscriber

    before = Subscriber.objects.count()
    response = staff_client.post(
        reverse("communications:subscriber_import"),
        {"file": SimpleUploadedFile("x.csv", raw, content_type="text/csv")},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Subscriber.objects.count() == before


# --- Facturen ---------------------------------------------------------------------------


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["state", "q", "product", "year", "page", "start", "end"]),
        HOSTILE,
        max_size=5,
    )
)
def test_invoice_lists_and_exports_survive_any_query_string(staff_client, params):
    for name in ["billing:open_items", "billing:bookkeeping", "billing:bookkeeping_csv"]:
        assert staff_client.get(reverse(name), params).status_code < 500


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            name: HOSTILE
            for name in (
                "invoice_name",
                "street",
                "postcode",
                "city",
                "country",
                "email",
                "kvk",
                "oin",
                "peppol_id",
                "vat_id",
                "inhabitants",
                "iban",
                "mandate_reference",
                "mandate_signed_on",
            )
        }
    )
)
def test_the_billing_profile_form_survives_hostile_values(staff_client, data):
    from billing.models import BillingProfile

    organisation = Organisation.objects.first() or Organisation.objects.create(
        name="Gemeente Fuzz", kind="gemeente"
    )
    before = list(BillingProfile.objects.values())
    response = staff_client.post(reverse("billing:organisation", args=[organisation.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert list(BillingProfile.objects.values()) == before


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(raw=st.binary(max_size=3000) | HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(
    raw=b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"
)
@example(
    raw=b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:camt.053.001.02'>"
    b"<BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>"
)
def test_the_bank_statement_import_survives_any_file(staff_client, raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from billing.models import BankStatement, Payment

    response = staff_client.post(
        reverse("billing:statement_import"),
        {"file": SimpleUploadedFile("afschrift.xml", raw, content_type="application/xml")},
    )
    assert response.status_code == 200
    assert not BankStatement.objects.exists() and not Payment.objects.exists()


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(raw=st.binary(max_size=3000) | HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(raw=b"organisation,iban\nGemeente X,NL00\n")
def test_the_billing_profile_import_survives_any_file(staff_client, raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from billing.models import BillingProfile

    response = staff_client.post(
        reverse("billing:profiles_import"),
        {"file": SimpleUploadedFile("x.csv", raw, content_type="text/csv")},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not BillingProfile.objects.exists()


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "purchase_order": HOSTILE,
            "year": HOSTILE,
            "confirm": HOSTILE,
            "collection_date": HOSTILE,
            "reason": HOSTILE,
        }
    )
)
def test_the_purchase_order_contributie_and_direct_debit_forms_survive_hostile_values(
    staff_client, data
):
    from billing.tests.factories import organisation_with_profile, simple_invoice

    draft = simple_invoice(organisation_with_profile(purchase_order_required=True))
    for url in (
        reverse("billing:invoice_purchase_order", args=[draft.pk]),
        reverse("billing:contribution"),
        reverse("billing:direct_debit"),
        reverse("billing:invoice_credit", args=[draft.pk]),
    ):
        assert staff_client.post(url, data).status_code in (200, 302)
    draft.refresh_from_db()
    if not draft.is_issued:
        assert draft.number is None and draft.purchase_order == ""


# --- bijeenkomsten ----------------------------------------------------------------------


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "kind", "rayon", "period", "year", "page", "jaar"]),
        HOSTILE,
        max_size=5,
    )
)
def test_the_meeting_list_its_calendar_and_figures_survive_any_query_string(staff_client, params):
    for name in ["meetings:list", "meetings:list_ics", "meetings:figures"]:
        assert staff_client.get(reverse(name), params).status_code < 500


def _meeting_fields():
    from meetings.models import Meeting

    return Meeting.EDITABLE_FIELDS


MEETING_FIELDS = _meeting_fields()


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(data=st.fixed_dictionaries({name: HOSTILE for name in MEETING_FIELDS}))
@example(
    data={
        **dict.fromkeys(MEETING_FIELDS, ""),
        "kind": "rayondag",
        "title": "Rayondag zonder rayon",
        "date": "2030-03-20",
        "start_time": "10:00",
        "end_time": "09:00",
        "audience": "members",
        "krsd_points": "0",
        "votes_per_organisation": "1",
        "answer_per": "organisation",
    }
)
def test_the_meeting_form_survives_hostile_values(staff_client, data):
    from meetings.models import Meeting

    before = Meeting.objects.count()
    response = staff_client.post(reverse("meetings:meeting_create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Meeting.objects.count() == before, "an invalid form saved something"


@pytest.fixture
def fuzz_alv(db):
    from meetings.models import Registration
    from meetings.tests.factories import alv, workshop

    general = alv()
    workshop(general)
    return general, Registration


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "q": HOSTILE,
            "person": HOSTILE,
            "kind": HOSTILE,
            "title": HOSTILE,
            "description": HOSTILE,
            "majority": HOSTILE,
            "is_secret": HOSTILE,
            "year_plan_year": HOSTILE,
            "year_plan_programme": HOSTILE,
            "start_time": HOSTILE,
            "end_time": HOSTILE,
            "speaker": HOSTILE,
            "round_1": HOSTILE,
        }
    )
)
def test_running_a_meeting_survives_hostile_values(staff_client, fuzz_alv, data):
    from meetings.models import Decision, MeetingReport, ProgrammeItem

    general, registration_model = fuzz_alv
    counts = lambda: (  # noqa: E731
        Decision.objects.count(),
        ProgrammeItem.objects.count(),
        registration_model.objects.count(),
        MeetingReport.objects.count(),
    )
    before = counts()
    for name in ("check_in", "decisions", "item_add", "report_request", "register"):
        response = staff_client.post(reverse(f"meetings:{name}", args=[general.pk]), data)
        assert response.status_code in (200, 302, 404), name
    response = staff_client.get(reverse("meetings:check_in", args=[general.pk]), data)
    assert response.status_code in (200, 400)  # 400: a control character in the query string
    after = counts()
    # Only a valid form adds a row, one at a time.
    assert all(b <= a <= b + 1 for a, b in zip(after, before, strict=True))


@pytest.mark.django_db
@FUZZ_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {"person": HOSTILE, "holder": HOSTILE, "organisation": HOSTILE, "choice": HOSTILE}
    )
)
def test_delegates_proxies_and_votes_survive_hostile_values(client, roles_synced, fuzz_alv, data):
    from meetings.models import Ballot, Decision, Delegate, Proxy
    from members.tests.factories import ManagerFactory

    general, _registration = fuzz_alv
    manager = ManagerFactory()
    client.force_login(manager)
    decision = Decision.objects.create(meeting=general, title="Besluit", state="open")
    before = (Delegate.objects.count(), Proxy.objects.count(), Ballot.objects.count())
    for name in ("delegate", "proxy"):
        assert client.post(reverse(f"meetings:{name}", args=[general.pk]), data).status_code == 200
    assert client.post(reverse("meetings:vote", args=[decision.pk]), data).status_code in (
        302,
        404,
    )
    assert (Delegate.objects.count(), Proxy.objects.count(), Ballot.objects.count()) == before
