"""Every URL pattern of the project, with every role: the expected answer.

A URL without a stated expectation fails the test, so a new view cannot slip through.
Expectations: an HTTP status, or "login" (redirect to the login page), or "redirect"
(any other redirect). Key "*" is the default for roles not named.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members.tests.factories import (
    AdministratorFactory,
    BoardFactory,
    ManagerFactory,
    MemberFactory,
    OrganisationFactory,
    PersonFactory,
    StaffFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "member",
    "other_member",
    "non_member",
    "manager",
    "staff",
    "board",
    "administrator",
]
LOGGED_IN = {"*": 200, "anonymous": "login"}
STAFF_ONLY = {"*": 403, "anonymous": "login", "staff": 200, "administrator": 200}
STAFF_POST_ONLY = {"*": 405}
PUBLIC = {"*": 200}
INVOICE_READERS = {
    "*": 404,
    "anonymous": "login",
    "manager": 200,
    "staff": 200,
    "administrator": 200,
}

# Pages of the two-factor set-up itself: reached, not redirected, without two-factor.
TWO_FACTOR_SETUP = {"members:mfa_enrolment_confirm"}

# Third-party URL namespaces with their own tests; the admin is checked in test_project.
SKIPPED_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_", "usersessions_")
SKIPPED_NAMES = {"set_language", "health", "bench_reference"}

EXPECTATIONS = {
    "members:home": PUBLIC,
    "members:dashboard": LOGGED_IN,
    # Mijn werk: for those with work panels; everyone else is sent on to Mijn Ingrado.
    "members:work": {
        "*": "redirect",
        "anonymous": "login",
        "staff": 200,
        "board": 200,
        "administrator": 200,
    },
    "members:profile": LOGGED_IN,
    "members:my_data": LOGGED_IN,
    "members:my_data_download": LOGGED_IN,
    "members:rayon_list": LOGGED_IN,
    # Part of setting up two-factor authentication: those who have it are sent on to it.
    "members:mfa_enrolment_confirm": {
        **LOGGED_IN,
        "staff": "redirect",
        "board": "redirect",
        "administrator": "redirect",
    },
    "members:organisation_list": STAFF_ONLY,
    "members:organisation_export": STAFF_ONLY,
    "members:organisation_export_xlsx": STAFF_ONLY,
    "members:organisation_import": STAFF_ONLY,
    "members:organisation_detail": STAFF_ONLY,
    "members:person_list": STAFF_ONLY,
    "members:person_export": STAFF_ONLY,
    "members:person_export_xlsx": STAFF_ONLY,
    "members:person_detail": STAFF_ONLY,
    "members:organisation_choices": STAFF_ONLY,
    "members:person_link": STAFF_POST_ONLY,
    "members:person_function": STAFF_POST_ONLY,
    "members:person_erase": STAFF_POST_ONLY,
    # Helpdesk: a member sees their own question; a colleague or outsider gets 404.
    "knowledge:question_list": LOGGED_IN,
    "knowledge:question_create": {
        "*": 200,
        "anonymous": "login",
        "non_member": 403,
        "staff": 403,
        "board": 403,
        "administrator": 403,
    },
    "knowledge:question_suggestions": LOGGED_IN,
    "knowledge:question_register": STAFF_ONLY,
    "knowledge:figures": {**STAFF_ONLY, "board": 200},
    "knowledge:figures_csv": {**STAFF_ONLY, "board": 200},
    "knowledge:figures_xlsx": {**STAFF_ONLY, "board": 200},
    "knowledge:ratings": {**STAFF_ONLY, "board": 200},
    "knowledge:question_detail": {
        "*": 404,
        "anonymous": "login",
        "member": 200,
        "staff": 200,
        "administrator": 200,
    },
    "knowledge:attachment_download": {
        "*": 404,
        "anonymous": "login",
        "member": 200,
        "staff": 200,
        "administrator": 200,
    },
    # The fixture's question is unanswered: staff are sent back with a message.
    "knowledge:question_publish": {**STAFF_ONLY, "staff": "redirect", "administrator": "redirect"},
    "knowledge:answer_attachment_remove": STAFF_POST_ONLY,
    "knowledge:question_assign": STAFF_POST_ONLY,
    "knowledge:answer_save": STAFF_POST_ONLY,
    "knowledge:answer_approve": STAFF_POST_ONLY,
    "knowledge:answer_return": STAFF_POST_ONLY,
    "knowledge:question_request_information": STAFF_POST_ONLY,
    "knowledge:question_note": STAFF_POST_ONLY,
    "knowledge:question_close": STAFF_POST_ONLY,
    "knowledge:question_reply": STAFF_POST_ONLY,
    "knowledge:question_rate": STAFF_POST_ONLY,
    "knowledge:item_list": PUBLIC,
    "knowledge:item_detail": PUBLIC,
    "knowledge:item_create": STAFF_ONLY,
    "knowledge:item_edit": STAFF_ONLY,
    "knowledge:item_review": STAFF_ONLY,
    # Academie: the catalogue is public; enrolments are their owner's (others: 404).
    "academy:catalogue": PUBLIC,
    "academy:edition_detail": PUBLIC,
    "academy:edition_ics": PUBLIC,
    # GET asks first (price, VAT, whom to invoice, the cancellation terms), POST enrols; the
    # member is already enrolled in the fixture's edition and is sent back to it.
    "academy:enrol": {**LOGGED_IN, "member": "redirect"},
    # GET is the confirmation page (the participant list links to it), POST cancels.
    "academy:enrolment_cancel": {
        "*": 404,
        "anonymous": "login",
        "member": 200,
        "staff": 200,
        "administrator": 200,
    },
    "academy:attendance": STAFF_POST_ONLY,
    "academy:issue_certificates": STAFF_POST_ONLY,
    "academy:participants": STAFF_ONLY,
    "academy:participants_csv": STAFF_ONLY,
    "academy:participants_xlsx": STAFF_ONLY,
    "academy:figures": {**STAFF_ONLY, "board": 200},
    "academy:evaluate": {"*": 404, "anonymous": "login", "member": 200},
    # Ready certificate, evaluation not yet in: the owner is sent to the evaluation first.
    "academy:certificate_download": {
        "*": 404,
        "anonymous": "login",
        "member": "redirect",
        "staff": 200,
        "administrator": 200,
    },
    "academy:certificate_verify": PUBLIC,
    "academy:organisation_overview": {"*": 403, "anonymous": "login", "manager": 200},
    # Programmes: the plan is public; results are recorded by staff; the report is for
    # staff and board; the online annual report for everyone logged in.
    "programmes:plan": PUBLIC,
    "programmes:programme_detail": PUBLIC,
    "programmes:project_detail": PUBLIC,
    "programmes:result_add": STAFF_POST_ONLY,
    "programmes:figure_add": STAFF_POST_ONLY,
    "programmes:year_plan_save": STAFF_POST_ONLY,
    "programmes:result_edit": STAFF_ONLY,
    # Deleting: GET is the confirmation page, POST deletes.
    "programmes:result_delete": STAFF_ONLY,
    "programmes:figure_delete": STAFF_ONLY,
    "programmes:result_move": STAFF_POST_ONLY,
    "programmes:figure_edit": STAFF_ONLY,
    "programmes:figure_move": STAFF_POST_ONLY,
    "programmes:year_plan_delete": STAFF_ONLY,
    "programmes:report_online": LOGGED_IN,
    "programmes:report_list": {**STAFF_ONLY, "board": 200},
    "programmes:report_status": {**STAFF_ONLY, "board": 200},
    "programmes:report_download": {**STAFF_ONLY, "board": 200},
    "programmes:report_retry": STAFF_POST_ONLY,
    "programmes:report_publish": STAFF_POST_ONLY,
    "programmes:report_withdraw": STAFF_POST_ONLY,
    "programmes:edition_edit": STAFF_ONLY,
    "programmes:quote_add": STAFF_POST_ONLY,
    "programmes:quote_edit": STAFF_ONLY,
    "programmes:quote_delete": STAFF_ONLY,
    # Nieuwsbrief: signing up, confirming, unsubscribing and the links in a newsletter are
    # public (signed tokens); a click link leads on to its target; writing, sending and the
    # subscriber list are for staff, the figures for staff and board.
    "communications:subscribe": PUBLIC,
    "communications:confirm": PUBLIC,
    "communications:unsubscribe": PUBLIC,
    "communications:open": PUBLIC,
    "communications:click": {"*": "redirect"},
    # A draft's images only for staff (the fixture's newsletter is a draft); a sent one's
    # are public (communications/tests).
    "communications:section_image": {"*": 404, "staff": 200, "administrator": 200},
    "communications:my_subscription": STAFF_POST_ONLY,
    "communications:newsletter_list": STAFF_ONLY,
    "communications:newsletter_create": STAFF_ONLY,
    "communications:newsletter_detail": STAFF_ONLY,
    "communications:newsletter_progress": STAFF_ONLY,
    "communications:newsletter_preview": STAFF_ONLY,
    "communications:section_add": STAFF_POST_ONLY,
    "communications:suggestion_add": STAFF_POST_ONLY,
    "communications:newsletter_test": STAFF_POST_ONLY,
    "communications:newsletter_schedule": STAFF_POST_ONLY,
    "communications:newsletter_send": STAFF_POST_ONLY,
    "communications:section_edit": STAFF_ONLY,
    "communications:section_delete": STAFF_POST_ONLY,
    "communications:section_move": STAFF_POST_ONLY,
    "communications:subscriber_list": STAFF_ONLY,
    "communications:subscriber_import": STAFF_ONLY,
    "communications:subscriber_export": STAFF_ONLY,
    "communications:subscriber_export_xlsx": STAFF_ONLY,
    "communications:subscriber_erase": STAFF_POST_ONLY,
    "communications:figures": {**STAFF_ONLY, "board": 200},
    # The public pages an association owes its visitors (footer of every page).
    "privacy": PUBLIC,
    "colofon": PUBLIC,
    "contact": PUBLIC,
    # Outgoing e-mail: failed and uncertain mails; GET asks before sending one again.
    "outbox:mail_list": STAFF_ONLY,
    "outbox:mail_resend": STAFF_ONLY,
    # Facturen: staff manage invoices; an invoice and its downloads are for staff and the
    # manager of the invoiced organisation (a colleague or anyone else: 404).
    "billing:open_items": STAFF_ONLY,
    "billing:invoice_detail": INVOICE_READERS,
    "billing:invoice_pdf": INVOICE_READERS,
    "billing:invoice_ubl": INVOICE_READERS,
    "billing:invoice_purchase_order": STAFF_POST_ONLY,
    # GET is the confirmation page, POST makes the credit note.
    "billing:invoice_credit": STAFF_ONLY,
    "billing:organisation": STAFF_ONLY,
    "billing:contribution_pro_rata": STAFF_POST_ONLY,
    "billing:proposal_decide": STAFF_POST_ONLY,
    "billing:my_organisation": {"*": 403, "anonymous": "login", "manager": 200},
    "billing:contribution": STAFF_ONLY,
    "billing:direct_debit": STAFF_ONLY,
    "billing:direct_debit_download": STAFF_ONLY,
    "billing:statement_import": STAFF_ONLY,
    "billing:bookkeeping": STAFF_ONLY,
    "billing:bookkeeping_csv": STAFF_ONLY,
    "billing:profiles_export": STAFF_ONLY,
    "billing:profiles_import": STAFF_ONLY,
    # Bijeenkomsten: the list, a published meeting and its calendar are public; staff run
    # meetings; a member's registration is theirs (others: 404); the manager names the
    # delegate and gives proxies; documents are for those who may take part (a members-only
    # ALV: members, staff and board); the voting register, PDFs and figures for staff and
    # board.
    "meetings:list": PUBLIC,
    "meetings:list_ics": PUBLIC,
    "meetings:figures": {**STAFF_ONLY, "board": 200},
    "meetings:figures_csv": {**STAFF_ONLY, "board": 200},
    "meetings:meeting_create": STAFF_ONLY,
    "meetings:meeting_detail": PUBLIC,
    "meetings:meeting_ics": PUBLIC,
    "meetings:meeting_edit": STAFF_ONLY,
    "meetings:meeting_publish": STAFF_POST_ONLY,
    # GET is the confirmation page, POST cancels.
    "meetings:meeting_cancel": STAFF_ONLY,
    "meetings:item_add": STAFF_POST_ONLY,
    "meetings:item_delete": STAFF_POST_ONLY,
    "meetings:document_add": STAFF_ONLY,
    "meetings:document_download": {"*": 200, "anonymous": "login", "non_member": 404},
    # GET asks first (price, VAT and whom to invoice for a paid meeting, the workshops, the
    # date to cancel), POST registers; the member is registered in the fixture's ALV, and
    # whoever is not of a members-only ALV's audience is sent back to it with the reason.
    "meetings:register": {
        "*": "redirect",
        "anonymous": "login",
        "other_member": 200,
        "manager": 200,
    },
    "meetings:registration_cancel": {
        "*": 404,
        "anonymous": "login",
        "member": 200,
        "staff": 200,
        "administrator": 200,
    },
    "meetings:workshops_choose": STAFF_POST_ONLY,
    "meetings:evaluate": {"*": 404, "anonymous": "login", "member": 200},
    "meetings:check_out": STAFF_POST_ONLY,
    "meetings:participants": STAFF_ONLY,
    "meetings:participants_csv": STAFF_ONLY,
    "meetings:check_in": STAFF_ONLY,
    "meetings:presence": LOGGED_IN,
    "meetings:self_check_in": STAFF_POST_ONLY,
    "meetings:voting_register": {**STAFF_ONLY, "board": 200},
    "meetings:delegate": {"*": 403, "anonymous": "login", "manager": 200},
    "meetings:proxy": {"*": 403, "anonymous": "login", "manager": 200},
    "meetings:proxy_revoke": STAFF_POST_ONLY,
    "meetings:vote_page": LOGGED_IN,
    "meetings:decisions": STAFF_ONLY,
    "meetings:decision_detail": LOGGED_IN,
    "meetings:vote": STAFF_POST_ONLY,
    "meetings:decision_open": STAFF_POST_ONLY,
    "meetings:decision_close": STAFF_POST_ONLY,
    "meetings:report_request": STAFF_POST_ONLY,
    "meetings:report_download": {**STAFF_ONLY, "board": 200},
    "meetings:report_retry": STAFF_POST_ONLY,
    "meetings:consultation": LOGGED_IN,
    "meetings:consultation_results": {**STAFF_ONLY, "board": 200},
    # The organisation's timeline: staff and the organisation's own manager; the
    # betrokkenheidskaart: staff and rayon contact persons (of their own rayon).
    "meetings:organisation_timeline": {
        "*": 403,
        "anonymous": "login",
        "manager": 200,
        "staff": 200,
        "administrator": 200,
    },
    "meetings:engagement_map": STAFF_ONLY,
}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            yield from _walk(pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern


def project_url_names():
    names = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.startswith(SKIPPED_PREFIXES) or name in SKIPPED_NAMES:
            continue
        names[name] = pattern
    return names


def test_every_url_has_a_stated_expectation():
    missing = sorted(set(project_url_names()) - set(EXPECTATIONS))
    assert not missing, f"URLs without an authorisation expectation: {missing}"


@pytest.fixture
def world(roles_synced):
    organisation = OrganisationFactory()
    users = {
        "anonymous": None,
        "member": MemberFactory(organisation=organisation),
        "other_member": MemberFactory(),
        "non_member": UserFactory(),
        "manager": ManagerFactory(organisation=organisation),
        "staff": StaffFactory(),
        "board": BoardFactory(),
        "administrator": AdministratorFactory(),
    }
    person = PersonFactory(organisation=organisation)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge.tests.factories import ItemFactory, ask

    question = ask(users["member"], attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF")])
    from academy.models import Certificate, Enrolment
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions()
    enrolment = Enrolment.objects.create(
        edition=edition, person=users["member"].person, status="confirmed", price=0
    )
    from django.core.files.base import ContentFile

    certificate = Certificate.objects.create(enrolment=enrolment, state="ready")
    certificate.file.save("certificaat.pdf", ContentFile(b"%PDF-1.4"))

    from programmes.models import (
        AnnualReport,
        KeyFigure,
        Programme,
        Project,
        Result,
        StrategicPlan,
        YearPlan,
    )

    plan = StrategicPlan.objects.create(
        title="Plan", first_year=2025, last_year=2030, mission="m", core_values="k"
    )
    programme = Programme.objects.create(
        plan=plan, number=1, name="Versterk de basis", theme="t", description="d"
    )
    project = Project.objects.create(programme=programme, name="Kennis", slug="kennis")
    result = Result.objects.create(project=project, year=2025, text="Resultaat")
    figure = KeyFigure.objects.create(project=project, year=2025, value="1", label="x")
    year_plan = YearPlan.objects.create(project=project, year=2025, intended_results="Doel")
    report = AnnualReport.objects.create(year=2025, state="ready")
    report.file.save("jv.pdf", ContentFile(b"%PDF-1.4"))
    from programmes.models import MemberQuote, ReportEdition

    quote = MemberQuote.objects.create(
        edition=ReportEdition.objects.create(year=2025), text="Mooi jaar.", name="Sanne"
    )
    from communications.models import Subscriber
    from communications.tests.factories import SectionFactory, SubscriberFactory
    from communications.views import PIXEL

    section = SectionFactory()
    section.image.save("beeld.gif", ContentFile(PIXEL))
    from billing.tests.factories import billing_objects

    objects = {
        **_meeting_objects(users, organisation),
        **billing_objects(organisation, users["manager"]),
        "project": project,
        "result": result,
        "figure": figure,
        "year_plan": year_plan,
        "report": report,
        "quote": quote,
        "organisation": organisation,
        "person": person,
        "question": question,
        "attachment": question.attachments.get(),
        "item": ItemFactory(),
        "edition": edition,
        "enrolment": enrolment,
        "certificate": certificate,
        "section": section,
        "subscriber": SubscriberFactory(),
        "pending": SubscriberFactory(status=Subscriber.Status.PENDING),
        "outgoing_mail": _failed_mail(),
    }
    return {"users": users, "objects": objects}


def _failed_mail():
    from outbox.models import OutgoingMail

    return OutgoingMail.objects.create(
        to="weg@gemeente.nl",
        from_email="noreply@ingrado.nl",
        subject="[Ingrado] Je vraag is ontvangen",
        text="Tekst",
        language="nl",
        state=OutgoingMail.State.FAILED,
        attempts=1,
        error="SMTPRecipientsRefused: 550",
    )


def _meeting_objects(users, organisation):
    """An ALV with the member's registration, a document, a decision, a proxy the manager's
    organisation gave, its besluitenlijst, and a consultation."""
    from django.core.files.base import ContentFile

    from meetings.models import (
        Decision,
        Delegate,
        Document,
        Meeting,
        MeetingReport,
        Proxy,
        Registration,
    )
    from meetings.tests.factories import alv, meeting

    general = alv(days_ahead=5)
    registration = Registration.objects.create(
        meeting=general, person=users["member"].person, status="confirmed"
    )
    document = Document(meeting=general, title="Agenda", original_name="agenda.pdf", size=8)
    document.content_type = "application/pdf"
    document.file.save("agenda.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    holder = users["other_member"].person
    Delegate.objects.create(meeting=general, organisation=holder.organisation, person=holder)
    proxy = Proxy.objects.create(meeting=general, grantor=organisation, holder=holder.organisation)
    report = MeetingReport.objects.create(meeting=general, kind="besluitenlijst", state="ready")
    report.file.save("besluitenlijst.pdf", ContentFile(b"%PDF-1.4"))
    from datetime import timedelta

    from django.utils import timezone

    consultation = meeting(
        kind=Meeting.Kind.CONSULTATION, answers_until=timezone.now() + timedelta(days=14)
    )
    return {
        "meeting": general,
        "registration": registration,
        "document": document,
        "decision": Decision.objects.create(meeting=general, title="Jaarrekening 2025"),
        "item": general.items.create(title="Opening"),
        "proxy": proxy,
        "report": report,
        "consultation": consultation,
    }


def _meeting_kwargs(name, objects):
    by_meeting = {"pk": objects["meeting"].pk}
    return {
        "meetings:figures_csv": {"year": 2025},
        "meetings:document_download": {
            "pk": objects["meeting"].pk,
            "document_pk": objects["document"].pk,
        },
        "meetings:registration_cancel": {"pk": objects["registration"].pk},
        "meetings:workshops_choose": {"pk": objects["registration"].pk},
        "meetings:evaluate": {"pk": objects["registration"].pk},
        "meetings:check_out": {"pk": objects["registration"].pk},
        "meetings:item_delete": {"pk": objects["item"].pk},
        "meetings:proxy_revoke": {"pk": objects["proxy"].pk},
        "meetings:decision_detail": {"pk": objects["decision"].pk},
        "meetings:vote": {"pk": objects["decision"].pk},
        "meetings:decision_open": {"pk": objects["decision"].pk},
        "meetings:decision_close": {"pk": objects["decision"].pk},
        "meetings:report_download": {"pk": objects["report"].pk},
        "meetings:report_retry": {"pk": objects["report"].pk},
        "meetings:consultation": {"pk": objects["consultation"].pk},
        "meetings:consultation_results": {"pk": objects["consultation"].pk},
        "meetings:organisation_timeline": {"pk": objects["organisation"].pk},
    }.get(
        name,
        by_meeting
        if name
        not in (
            "meetings:list",
            "meetings:list_ics",
            "meetings:figures",
            "meetings:meeting_create",
            "meetings:engagement_map",
        )
        else {},
    )


def url_kwargs(name, objects):
    """Arguments for URLs that need them: objects owned by the `member` role."""
    kwargs = {
        "members:organisation_detail": {"pk": objects["organisation"].pk},
        "members:person_detail": {"pk": objects["person"].pk},
        "members:person_link": {"pk": objects["person"].pk},
        "members:person_function": {"pk": objects["person"].pk},
        "members:person_erase": {"pk": objects["person"].pk},
        "knowledge:figures_csv": {"year": 2025},
        "knowledge:figures_xlsx": {"year": 2025},
        "knowledge:attachment_download": {
            "pk": objects["question"].pk,
            "attachment_pk": objects["attachment"].pk,
        },
        "knowledge:answer_attachment_remove": {
            "pk": objects["question"].pk,
            "attachment_pk": objects["attachment"].pk,
        },
        "knowledge:item_detail": {"slug": objects["item"].slug},
        "knowledge:item_edit": {"slug": objects["item"].slug},
        "academy:certificate_verify": {"code": objects["certificate"].code},
        "academy:attendance": {
            "pk": objects["edition"].pk,
            "session_pk": objects["edition"].sessions.first().pk,
        },
        "outbox:mail_resend": {"pk": objects["outgoing_mail"].pk},
    }
    programme_kwargs = {
        "programmes:programme_detail": {"number": 1},
        "programmes:project_detail": {"slug": "kennis"},
        "programmes:result_add": {"slug": "kennis"},
        "programmes:figure_add": {"slug": "kennis"},
        "programmes:year_plan_save": {"slug": "kennis"},
        "programmes:result_edit": {"pk": objects["result"].pk},
        "programmes:result_delete": {"pk": objects["result"].pk},
        "programmes:figure_delete": {"pk": objects["figure"].pk},
        "programmes:result_move": {"pk": objects["result"].pk},
        "programmes:figure_edit": {"pk": objects["figure"].pk},
        "programmes:figure_move": {"pk": objects["figure"].pk},
        "programmes:year_plan_delete": {"pk": objects["year_plan"].pk},
        "programmes:report_online": {"year": 2025},
        "programmes:report_download": {"pk": objects["report"].pk},
        "programmes:report_retry": {"pk": objects["report"].pk},
        "programmes:report_publish": {"pk": objects["report"].pk},
        "programmes:report_withdraw": {"year": 2025},
        "programmes:edition_edit": {"year": 2025},
        "programmes:quote_add": {"year": 2025},
        "programmes:quote_edit": {"pk": objects["quote"].pk},
        "programmes:quote_delete": {"pk": objects["quote"].pk},
    }
    if name in programme_kwargs:
        return programme_kwargs[name]
    if name.startswith("billing:"):
        return _billing_kwargs(name, objects)
    if name.startswith("communications:"):
        return _newsletter_kwargs(name, objects)
    if name.startswith("meetings:"):
        return _meeting_kwargs(name, objects)
    if name in (
        "academy:edition_detail",
        "academy:edition_ics",
        "academy:enrol",
        "academy:participants",
        "academy:participants_csv",
        "academy:participants_xlsx",
        "academy:issue_certificates",
    ):
        return {"pk": objects["edition"].pk}
    if name in ("academy:enrolment_cancel", "academy:evaluate", "academy:certificate_download"):
        return {"pk": objects["enrolment"].pk}
    if (
        name.startswith("knowledge:")
        and name.replace("knowledge:", "").startswith(("question_", "answer_"))
        and name not in kwargs
        and name
        not in (
            "knowledge:question_list",
            "knowledge:question_create",
            "knowledge:question_suggestions",
            "knowledge:question_register",
        )
    ):
        return {"pk": objects["question"].pk}
    return kwargs.get(name, {})


def _billing_kwargs(name, objects):
    if name.startswith("billing:invoice_"):
        return {"pk": objects["invoice"].pk}
    return {
        "billing:organisation": {"pk": objects["organisation"].pk},
        "billing:contribution_pro_rata": {"pk": objects["organisation"].pk},
        "billing:proposal_decide": {"pk": objects["proposal"].pk},
        "billing:direct_debit_download": {"pk": objects["batch"].pk},
    }.get(name, {})


def _newsletter_kwargs(name, objects):
    from communications import tokens

    section, subscriber = objects["section"], objects["subscriber"]
    pending = objects["pending"]
    newsletter = section.newsletter_id
    by_newsletter = {"pk": newsletter}
    return {
        "communications:confirm": {"token": tokens.confirm_token(pending.pk, pending.email)},
        "communications:unsubscribe": {"token": tokens.unsubscribe_token(subscriber.pk)},
        "communications:open": {"token": tokens.open_token(newsletter, "lezer")},
        "communications:click": {
            "token": tokens.click_token(newsletter, section.pk, section.link_url, "lezer")
        },
        "communications:section_image": {"pk": section.pk},
        "communications:newsletter_detail": by_newsletter,
        "communications:newsletter_progress": by_newsletter,
        "communications:newsletter_preview": by_newsletter,
        "communications:section_add": by_newsletter,
        "communications:suggestion_add": by_newsletter,
        "communications:newsletter_test": by_newsletter,
        "communications:newsletter_schedule": by_newsletter,
        "communications:newsletter_send": by_newsletter,
        "communications:section_edit": {"pk": section.pk},
        "communications:section_delete": {"pk": section.pk},
        "communications:section_move": {"pk": section.pk},
        "communications:subscriber_erase": {"pk": subscriber.pk},
    }.get(name, {})


def _outcome(response):
    if response.streaming:
        b"".join(response.streaming_content)  # closes the file
    if response.status_code in (301, 302):
        location = response["Location"]
        return "login" if location.startswith(reverse("account_login")) else "redirect"
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_url_answers_each_role_as_expected_and_waits_for_two_factor(
    client, world, without_two_factor, name
):
    """Every role gets what EXPECTATIONS states; staff, board and administrators without
    two-factor authentication (demo accounts too, DEBUG off) reach nothing but its set-up,
    with GET or POST. One world for both: building it is most of each check's time."""
    expectation = EXPECTATIONS[name]
    url = reverse(name, kwargs=url_kwargs(name, world["objects"]))
    failures = []
    for role in ROLES:
        client.logout()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        expected = expectation.get(role, expectation["*"])
        got = _outcome(client.get(url))
        if got != expected:
            failures.append(f"{role}: expected {expected}, got {got}")
    setup = reverse("mfa_activate_totp")
    for role, user in without_two_factor.items():
        client.force_login(user)
        for method in (client.get, client.post):
            response = method(url)
            if name in TWO_FACTOR_SETUP:
                if response.status_code != 200:
                    failures.append(f"{role} without 2FA: {_outcome(response)}")
            elif response.status_code != 302 or response["Location"] != setup:
                failures.append(
                    f"{role} without 2FA, {method.__name__.upper()}: {_outcome(response)}"
                )
    assert not failures, f"{name} ({url}): " + "; ".join(failures)


@pytest.fixture
def without_two_factor(world, settings):
    """Staff, board and administrator accounts that have not set up two-factor
    authentication, demo accounts among them, with DEBUG off: the demo exemption must not
    apply, even when DEMO_ACCOUNTS_SKIP_MFA is left on by mistake."""
    settings.DEBUG = False
    settings.DEMO_ACCOUNTS_SKIP_MFA = True
    return {
        "staff": StaffFactory(mfa=False),
        "board": BoardFactory(mfa=False),
        "administrator": AdministratorFactory(mfa=False),
        "demo staff": StaffFactory(mfa=False, is_demo_account=True),
    }


@pytest.mark.django_db
def test_the_admin_and_its_downloads_wait_for_two_factor_too(client, without_two_factor):
    client.force_login(without_two_factor["administrator"])
    for url in ("/beheer/", "/beheer/members/person/", reverse("members:dashboard")):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert client.post(reverse("account_logout")).status_code == 302


@pytest.mark.django_db
def test_demo_accounts_skip_two_factor_only_on_a_development_server(client, roles_synced, settings):
    demo_staff = StaffFactory(mfa=False, is_demo_account=True)
    client.force_login(demo_staff)
    settings.DEMO_ACCOUNTS_SKIP_MFA = True
    settings.DEBUG = True
    assert client.get(reverse("members:organisation_list")).status_code == 200
    settings.DEBUG = False
    assert client.get(reverse("members:organisation_list")).status_code == 302
