"""Every notification: who gets it, its subject and its link (on SITE_URL); what people can
switch off; and every e-mail template rendered in both languages."""

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse

from academy import services as academy
from academy.tests.factories import (
    edition_admin_form,
    edition_with_sessions,
    past_edition_with_sessions,
)
from ingrado.emails import render_email
from knowledge import services as helpdesk
from knowledge.tests.factories import TopicFactory, ask
from members.services import person_set_notifications
from members.tests.factories import ManagerFactory, MemberFactory, PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db

SITE = "https://portal.ingrado.test"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block, its tasks after commit, and return the e-mails it sent."""

    class Sent:
        def __enter__(self):
            mail.outbox.clear()
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return mail.outbox

        def __exit__(self, *exc):
            return self.capture.__exit__(*exc)

    return Sent


def _by_recipient(outbox):
    return {address: message for message in outbox for address in message.to}


def _links(message):
    return re.findall(r"https?://\S+", message.body)


def _html(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def experts(roles_synced):
    return StaffFactory(), StaffFactory()


def test_a_new_question_tells_the_asker_when_and_the_topics_experts_that_it_came(
    member, experts, sent
):
    topic = TopicFactory(name="Verzuim")
    handler, other = experts
    topic.experts.add(handler)
    with sent() as outbox:
        question = ask(member, subject="Luxeverzuim", topic=topic)
    received = _by_recipient(outbox)
    assert set(received) == {member.email, handler.email}
    to_asker = received[member.email]
    assert to_asker.subject == "[Ingrado] Je vraag is ontvangen: Luxeverzuim"
    assert question.due_date.strftime("%-d") in to_asker.body
    link = f"{SITE}{reverse('knowledge:question_detail', args=[question.pk])}"
    assert _links(to_asker) == [link] and link in _html(to_asker)
    to_expert = received[handler.email]
    assert to_expert.subject == "[Ingrado] Nieuwe vraag (Verzuim): Luxeverzuim"
    assert _links(to_expert) == [link]


def test_a_topic_without_experts_tells_every_expert_who_wants_it(member, experts, sent):
    first, second = experts
    person_set_notifications(person=second.person, choices={"new_question": False}, actor=second)
    with sent() as outbox:
        ask(member, topic=TopicFactory(name="Zonder expert"))
    assert set(_by_recipient(outbox)) == {member.email, first.email}


def test_assigning_tells_the_expert_unless_they_took_it_themselves(member, experts, sent):
    first, second = experts
    question = ask(member)
    with sent() as outbox:
        helpdesk.question_assign(question=question, expert=second, actor=first)
    [message] = outbox
    assert message.to == [second.email]
    assert message.subject.startswith("[Ingrado] Aan jou toegewezen:")
    assert _links(message) == [f"{SITE}/vragen/{question.pk}/"]
    with sent() as outbox:
        helpdesk.question_assign(question=question, expert=first, actor=first)
    assert outbox == []


def test_review_is_asked_of_the_other_experts_and_a_return_goes_back_to_the_author(
    member, experts, sent
):
    author, reviewer = experts
    question = ask(member)
    helpdesk.answer_save_draft(question=question, body="Zo zit het.", actor=author)
    with sent() as outbox:
        helpdesk.answer_submit_for_review(question=question, actor=author)
    assert [m.to for m in outbox] == [[reviewer.email]]
    assert outbox[0].subject.startswith("[Ingrado] Controle gevraagd:")
    with sent() as outbox:
        helpdesk.answer_return(question=question, reviewer=reviewer, comment="Noem artikel 11.")
    [message] = outbox
    assert message.to == [author.email] and "Noem artikel 11." in message.body
    assert message.subject.startswith("[Ingrado] Antwoord teruggestuurd:")


def test_information_requests_answers_and_replies_reach_the_right_person(member, experts, sent):
    expert, reviewer = experts
    question = ask(member)
    helpdesk.question_assign(question=question, expert=expert, actor=expert)
    with sent() as outbox:
        helpdesk.question_request_information(question=question, body="Welke school?", actor=expert)
    assert [m.to for m in outbox] == [[member.email]]
    assert outbox[0].subject.startswith("[Ingrado] We hebben meer informatie nodig:")
    with sent() as outbox:
        helpdesk.question_reply(question=question, body="Het Lyceum.", actor=member)
    assert [m.to for m in outbox] == [[expert.email]]
    assert outbox[0].subject.startswith("[Ingrado] Nieuw bericht van de vragensteller:")
    helpdesk.answer_save_draft(question=question, body="Antwoord.", actor=expert)
    helpdesk.answer_submit_for_review(question=question, actor=expert)
    with sent() as outbox:
        helpdesk.answer_approve(question=question, reviewer=reviewer)
    [message] = outbox
    assert message.to == [member.email]
    assert message.subject.startswith("[Ingrado] Antwoord op je vraag:")
    assert reverse("account_signup") not in message.body  # she has an account


def test_the_answer_to_a_phone_question_says_how_to_create_an_account(roles_synced, experts, sent):
    expert, reviewer = experts
    question = helpdesk.question_register_on_behalf(
        staff=expert,
        email="bellende.ouder@example.net",
        first_name="Sam",
        last_name="Bakker",
        topic=TopicFactory(),
        subject="Verlof",
        body="Mag mijn kind mee?",
        channel="phone",
    )
    helpdesk.answer_save_draft(question=question, body="Ja, onder voorwaarden.", actor=expert)
    helpdesk.answer_submit_for_review(question=question, actor=expert)
    with sent() as outbox:
        helpdesk.answer_approve(question=question, reviewer=reviewer)
    [message] = outbox
    assert message.to == ["bellende.ouder@example.net"]
    assert f"{SITE}{reverse('account_signup')}" in _links(message)
    assert "bellende.ouder@example.net" in message.body


def test_the_daily_reminder_respects_the_experts_choice(member, experts, sent):
    from django.utils import timezone

    from knowledge.models import Question
    from knowledge.tasks import remind_experts_of_due_questions

    first, second = experts
    for expert in experts:
        question = ask(member)
        Question.objects.filter(pk=question.pk).update(
            expert=expert, status="assigned", due_date=timezone.localdate()
        )
    person_set_notifications(person=second.person, choices={"due_reminder": False}, actor=second)
    with sent() as outbox:
        assert remind_experts_of_due_questions() == 1
    assert [m.to for m in outbox] == [[first.email]]


def test_enrolment_mails_confirmed_waiting_promoted_and_cancelled(roles_synced, sent):
    edition = edition_with_sessions(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    detail = f"{SITE}{reverse('academy:edition_detail', args=[edition.pk])}"
    with sent() as outbox:
        seat = academy.enrolment_create(edition=edition, person=first)
    assert outbox[0].to == [first.email] and outbox[0].subject.startswith(
        "[Ingrado] Inschrijving bevestigd:"
    )
    with sent() as outbox:
        academy.enrolment_create(edition=edition, person=second)
    assert outbox[0].to == [second.email] and "nummer 1" in outbox[0].subject
    assert detail in _links(outbox[0])
    with sent() as outbox:
        academy.enrolment_cancel(enrolment=seat)
    mails = _by_recipient(outbox)
    assert mails[first.email].subject.startswith("[Ingrado] Inschrijving geannuleerd:")
    assert detail in _links(mails[first.email])
    assert mails[second.email].subject.startswith("[Ingrado] Er is een plaats vrijgekomen:")


def test_a_ready_certificate_is_announced_with_the_way_to_it(member, sent):
    from academy.models import Certificate
    from academy.tasks import render_certificate

    edition = past_edition_with_sessions(sessions=1)
    enrolment = academy.enrolment_create(edition=edition, person=member.person)
    certificate = Certificate.objects.create(enrolment=enrolment)
    with sent() as outbox:
        render_certificate.apply(args=[certificate.pk])
    [message] = outbox
    assert message.to == [member.email]
    assert message.subject.startswith("[Ingrado] Je certificaat is klaar:")
    assert _links(message) == [f"{SITE}{reverse('academy:evaluate', args=[enrolment.pk])}"]


def test_a_certificate_is_announced_once_and_not_again_when_staff_open_it_later(
    member, staff_client, sent
):
    """Issue 24: staff opening an old certificate mailed "Je certificaat is klaar" again."""
    from academy.models import Certificate
    from academy.tasks import render_certificate

    edition = past_edition_with_sessions(sessions=1)
    enrolment = academy.enrolment_create(edition=edition, person=member.person)
    certificate = Certificate.objects.create(enrolment=enrolment)
    with sent() as outbox:
        render_certificate.apply(args=[certificate.pk])
    assert [m.to for m in outbox] == [[member.email]]

    # Its PDF is gone (history, demo data, a restore without files): staff open it, the task
    # makes it again, and the participant hears nothing more.
    Certificate.objects.filter(pk=certificate.pk).update(file="")
    download = reverse("academy:certificate_download", args=[enrolment.pk])
    with sent() as outbox:
        staff_client.get(download)
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.READY and certificate.file
    assert outbox == []
    with sent() as outbox:
        response = staff_client.get(download)
        assert response.status_code == 200
        response.close()
    assert outbox == []


def test_a_certificate_from_before_the_portal_is_not_announced_when_first_opened(
    member, staff_client, sent
):
    """The demo's and the history's certificates are ready without a PDF, announced long
    ago (their announcement date is their issue date)."""
    from academy.models import Certificate

    edition = past_edition_with_sessions(sessions=1)
    enrolment = academy.enrolment_create(edition=edition, person=member.person)
    certificate = Certificate.objects.create(
        enrolment=enrolment, state=Certificate.State.READY, announced_at=edition.created_at
    )
    with sent() as outbox:
        staff_client.get(reverse("academy:certificate_download", args=[enrolment.pk]))
    certificate.refresh_from_db()
    assert certificate.file and outbox == []


def test_staff_changing_or_cancelling_an_edition_in_the_admin_tells_the_participants(
    client, roles_synced, sent
):
    from members.tests.factories import AdministratorFactory

    edition = edition_with_sessions(capacity=1, sessions=1)
    people = [PersonFactory(), PersonFactory()]
    for person in people:
        academy.enrolment_create(edition=edition, person=person)
    client.force_login(AdministratorFactory())
    session = edition.sessions.get()
    url = reverse("admin:academy_edition_change", args=[edition.pk])
    data = edition_admin_form(
        edition,
        **{
            "sessions-0-date": (session.date + timedelta(days=1)).isoformat(),
            "sessions-0-start_time": "13:00",
            "sessions-0-end_time": "16:00",
            "sessions-0-location": "Zwolle",
        },
    )
    with sent() as outbox:
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert {m.to[0] for m in outbox} == {p.email for p in people}
    assert all(m.subject.startswith("[Ingrado] Gewijzigd:") and "Zwolle" in m.body for m in outbox)
    with sent() as outbox:
        client.post(url, {**data, "is_cancelled": "on"})
    assert {m.to[0] for m in outbox} == {p.email for p in people}
    assert all(m.subject.startswith("[Ingrado] Geannuleerd:") for m in outbox)


def test_managers_get_the_weekly_summary_only_when_they_ask_for_it(roles_synced, sent):
    from academy.notifications import weekly_summaries

    manager = ManagerFactory()
    colleague = MemberFactory(organisation=manager.person.organisation)
    academy.enrolment_create(edition=edition_with_sessions(), person=colleague.person)
    with sent() as outbox:
        assert weekly_summaries() == 0
    assert outbox == []
    person_set_notifications(person=manager.person, choices={"weekly_summary": True}, actor=manager)
    with sent() as outbox:
        assert weekly_summaries() == 1
    [message] = outbox
    assert message.to == [manager.email] and colleague.person.full_name in message.body
    assert f"{SITE}{reverse('academy:organisation_overview')}" in _links(message)


def test_people_switch_optional_e_mails_off_on_their_profile(client, roles_synced):
    expert = StaffFactory()
    client.force_login(expert)
    page = client.get(reverse("members:profile")).content.decode()
    assert "Een vraag die aan mij is toegewezen" in page
    client.post(reverse("members:profile"), {"meldingen": "1", "meldingen-new_question": "on"})
    expert.person.refresh_from_db()
    assert expert.person.notification_settings["new_question"] is True
    assert expert.person.notification_settings["question_assigned"] is False
    member = MemberFactory()
    client.force_login(member)
    page = client.get(reverse("members:profile")).content.decode()
    assert "Een vraag die aan mij is toegewezen" not in page  # a member has nothing optional


def test_allauths_e_mails_name_ingrado_and_link_to_the_site_url(client, roles_synced, sent):
    with sent():
        client.post(
            reverse("account_signup"),
            {
                "email": "nieuw@example.net",
                "password1": "Leerrecht-voor-iedereen-42",
                "password2": "Leerrecht-voor-iedereen-42",
                "first_name": "Noor",
                "last_name": "Visser",
                "function": "leerplicht",
            },
        )
    [message] = mail.outbox
    assert "Ingrado" in message.body and "testserver" not in message.body
    assert message.body.startswith("Hallo,")
    assert any(link.startswith(f"{SITE}/accounts/confirm-email/") for link in _links(message))


ROOT = Path(__file__).resolve().parent.parent


def _email_prefixes():
    return sorted(
        str(path.relative_to(path.parents[2])).removesuffix("_subject.txt")
        for path in ROOT.glob("*/templates/*/emails/*_subject.txt")
    )


@pytest.fixture
def every_context(roles_synced):
    """One context that every e-mail template of the portal can be rendered with."""
    from academy.models import Enrolment

    member, expert = MemberFactory(), StaffFactory()
    question = ask(member, subject="Verlof")
    answer = helpdesk.answer_save_draft(question=question, body="Zo.", actor=expert)
    answer.review_comment = "Korter graag."
    edition = edition_with_sessions(sessions=2)
    enrolment = Enrolment.objects.create(edition=edition, person=member.person, price=0)
    from billing.models import ProfileProposal
    from billing.tests.factories import simple_invoice

    invoice = simple_invoice()
    proposal = ProfileProposal.objects.create(
        organisation=invoice.organisation, proposed_by=member.person, changes={"city": "Elders"}
    )
    return {
        "invoice": invoice,
        "proposal": proposal,
        "question": question,
        "questions": [question],
        "expert": expert,
        "answer": answer,
        "has_account": False,
        "enrolment": enrolment,
        "sessions": list(edition.sessions.all()),
        "position": 2,
        "by_staff": True,
        "evaluated": False,
        "cancelled": False,
        "manager": member.person,
        "enrolments": [enrolment],
        "since": edition.created_at.date(),
        "subscriber": SimpleNamespace(name="Noor Visser"),
        "confirm_url": f"{SITE}/nieuwsbrief/bevestigen/token/",
        "days": 7,
        **_meeting_context(member),
    }


def _meeting_context(member):
    from meetings.models import Registration, Workshop
    from meetings.tests.factories import meeting

    werkconferentie = meeting(kind="werkconferentie")
    registration = Registration.objects.create(
        meeting=werkconferentie, person=member.person, status="confirmed"
    )
    return {
        "meeting": werkconferentie,
        "registration": registration,
        "workshop": Workshop.objects.create(meeting=werkconferentie, title="Data duiden"),
    }


@pytest.mark.parametrize("prefix", _email_prefixes())
def test_every_e_mail_renders_in_dutch_and_in_english(prefix, every_context):
    dutch = render_email(prefix, every_context, "nl")
    english = render_email(prefix, every_context, "en")
    for subject, text, html in (dutch, english):
        assert subject.startswith("[Ingrado] ") and len(subject) > 12
        assert text.strip() and "<html" in html and SITE in text
    assert dutch[0] != english[0] and dutch[1] != english[1], "the Dutch is translated"


def test_a_password_reset_queues_one_mail_whoever_the_address_belongs_to(client, member):
    """Known or unknown, the request only queues a mail in the outbox (no mail server in the
    request, so its time does not tell who has an account)."""
    from outbox.models import OutgoingMail

    for address in (member.email, "onbekend@example.net"):
        response = client.post(reverse("account_reset_password"), {"email": address})
        assert response.status_code == 302
        [row] = OutgoingMail.objects.filter(to=address)
        assert row.state == OutgoingMail.State.QUEUED and row.template.startswith("account/")
    assert mail.outbox == []  # sent by the task after the commit, not by the request
