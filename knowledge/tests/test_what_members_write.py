"""What members write reaches staff, and what experts write reaches members: the remark of a
rating on the question page and in the figures; the answer itself in the mail "Antwoord op je
vraag"; files with an answer; a standard text shown before it is saved; what changed in a
resubmitted answer."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.models import Answer, Attachment, Question, StandardText
from knowledge.tasks import delete_expired_attachments
from knowledge.tests.factories import ask
from members.services import person_erase
from members.tests.factories import BoardFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
HOSTILE = 'Te laat <script>alert("x")</script> & zonder bron'


def _answered(member, author, reviewer, body="Ja, dat mag.", files=()):
    question = ask(member)
    services.answer_save_draft(question=question, body=body, actor=author, attachments=files)
    services.answer_submit_for_review(question=question, actor=author)
    services.answer_approve(question=question, reviewer=reviewer)
    return question


# --- the remark of a rating ---------------------------------------------------------


def test_the_remark_given_with_a_rating_is_on_the_question_page_and_in_the_figures(
    client, member, staff_user, other_staff_user
):
    question = _answered(member, staff_user, other_staff_user)
    services.answer_rate(question=question, helpful=False, remark=HOSTILE, actor=member)
    escaped = "Te laat &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; zonder bron"
    pages = {
        "staff question": (staff_user, reverse("knowledge:question_detail", args=[question.pk])),
        "asker question": (member, reverse("knowledge:question_detail", args=[question.pk])),
        "ratings": (staff_user, reverse("knowledge:ratings")),
        "figures": (staff_user, reverse("knowledge:figures") + f"?jaar={timezone.now().year}"),
        "board ratings": (BoardFactory(), reverse("knowledge:ratings")),
    }
    for name, (user, url) in pages.items():
        client.force_login(user)
        page = client.get(url).content.decode()
        assert escaped in page, name
        assert "<script>alert" not in page, name
    client.force_login(staff_user)
    page = client.get(reverse("knowledge:ratings")).content.decode()
    assert f'href="{reverse("knowledge:question_detail", args=[question.pk])}"' in page
    assert "niet nuttig" in page
    client.force_login(BoardFactory())
    page = client.get(reverse("knowledge:ratings")).content.decode()
    assert reverse("knowledge:question_detail", args=[question.pk]) not in page  # no access


def test_the_question_page_reads_the_rating_without_a_query_of_its_own(
    client, member, staff_user, other_staff_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rated = _answered(member, staff_user, other_staff_user)
    services.answer_rate(question=rated, helpful=True, remark="Dank!", actor=member)
    unrated = _answered(member, staff_user, other_staff_user)
    client.force_login(staff_user)
    counts = {}
    for question in (rated, unrated, rated):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("knowledge:question_detail", args=[question.pk]))
        counts[question.pk] = len(queries)
    assert "Dank!" in page.content.decode()
    assert counts[rated.pk] == counts[unrated.pk] <= 16, counts


# --- the answer in the mail ---------------------------------------------------------


def _answer_mail(member, staff_user, other_staff_user, capture, body):
    mail.outbox.clear()
    with capture(execute=True):
        _answered(member, staff_user, other_staff_user, body=body)
    [message] = [m for m in mail.outbox if "Antwoord op je vraag" in m.subject]
    [(html, _type)] = message.alternatives
    return message, html


def test_the_answer_mail_holds_the_answer_itself_escaped_in_its_html(
    member, staff_user, other_staff_user, django_capture_on_commit_callbacks
):
    body = f"Ja, zie artikel 7.\n\n{HOSTILE}"
    message, html = _answer_mail(
        member, staff_user, other_staff_user, django_capture_on_commit_callbacks, body
    )
    assert message.subject.startswith("[Ingrado] Antwoord op je vraag")
    assert "Ja, zie artikel 7." in message.body and HOSTILE in message.body  # plain text
    assert "Lees het hele gesprek en reageer in Mijn Ingrado:" in message.body
    assert "Ja, zie artikel 7." in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; zonder bron" in html
    assert "<script>" not in html


def test_a_setting_keeps_the_answer_out_of_the_mail(
    member, staff_user, other_staff_user, django_capture_on_commit_callbacks, settings
):
    settings.HELPDESK_ANSWER_IN_EMAIL = False
    message, html = _answer_mail(
        member, staff_user, other_staff_user, django_capture_on_commit_callbacks, "Geheim."
    )
    assert "Geheim." not in message.body and "Geheim." not in html
    assert "Lees het antwoord in Mijn Ingrado:" in message.body


# --- files with an answer -----------------------------------------------------------


def test_experts_attach_files_to_an_answer_that_the_asker_gets_once_it_is_sent(
    client, member, other_member, staff_user, other_staff_user, django_capture_on_commit_callbacks
):
    question = ask(member)
    client.force_login(staff_user)
    save = reverse("knowledge:answer_save", args=[question.pk])
    client.post(
        save,
        {"body": "Zie de brief.", "attachments": [SimpleUploadedFile("Brief aan ouders.pdf", PDF)]},
    )
    attachment = Attachment.objects.get(answer__question=question)
    assert attachment.original_name == "brief-aan-ouders.pdf"
    assert attachment.content_type == "application/pdf"
    assert "brief" not in attachment.file.name.lower()  # stored under a generated name
    download = reverse("knowledge:attachment_download", args=[question.pk, attachment.pk])

    # While the answer is a draft the asker sees nothing of it.
    client.force_login(member)
    assert client.get(download).status_code == 404
    assert (
        "brief-aan-ouders.pdf"
        not in client.get(reverse("knowledge:question_detail", args=[question.pk])).content.decode()
    )

    services.answer_submit_for_review(question=question, actor=staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_approve(question=question, reviewer=other_staff_user)
    assert "Bij het antwoord hoort 1 bijlage" in mail.outbox[0].body
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    page = client.get(reverse("knowledge:question_detail", args=[question.pk])).content.decode()
    assert "Bijlagen bij het antwoord" in page and "brief-aan-ouders.pdf" in page
    export = json.loads(client.get(reverse("members:my_data_download")).content)
    [exported] = _exported_questions(export)[0]["attachments"]
    assert exported["name"] == "brief-aan-ouders.pdf" and exported["with"] == "answer"
    client.force_login(other_member)
    assert client.get(download).status_code == 404

    # Sent: it can no longer be removed.
    client.force_login(staff_user)
    remove = reverse("knowledge:answer_attachment_remove", args=[question.pk, attachment.pk])
    client.post(remove)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def _exported_questions(export):
    for value in export.values():
        if isinstance(value, list) and value and "messages" in value[0]:
            return value
    raise AssertionError(f"no questions in the export: {list(export)}")


def test_files_with_an_answer_follow_the_upload_rules_and_a_refusal_saves_nothing(
    client, member, staff_user
):
    question = ask(member)
    client.force_login(staff_user)
    save = reverse("knowledge:answer_save", args=[question.pk])
    for upload, message in (
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"), "is geen PDF"),
        (SimpleUploadedFile("groot.pdf", PDF + b"0" * (10 * 1024 * 1024)), "groter dan 10 MB"),
    ):
        response = client.post(save, {"body": "Zie bijlage.", "attachments": [upload]}, follow=True)
        assert message in response.content.decode()
    assert not Answer.objects.filter(question=question).exists()
    assert not Attachment.objects.filter(question=question).exists()
    # Removing a file of the draft.
    client.post(save, {"body": "Zie bijlage.", "attachments": [SimpleUploadedFile("a.pdf", PDF)]})
    attachment = Attachment.objects.get(question=question)
    client.post(reverse("knowledge:answer_attachment_remove", args=[question.pk, attachment.pk]))
    assert not Attachment.objects.filter(question=question).exists()
    assert not attachment.file.storage.exists(attachment.file.name)


def test_files_with_an_answer_go_with_erasure_and_after_the_retention_period(
    member, staff_user, other_staff_user, settings
):
    question = _answered(
        member, staff_user, other_staff_user, files=[SimpleUploadedFile("a.pdf", PDF)]
    )
    attachment = Attachment.objects.get(question=question)
    services.question_close(question=question, actor=staff_user)
    Question.objects.filter(pk=question.pk).update(
        closed_at=timezone.now() - timedelta(days=settings.ATTACHMENT_RETENTION_DAYS + 1)
    )
    assert delete_expired_attachments() == 1
    assert not attachment.file.storage.exists(attachment.file.name)

    second = _answered(
        member, staff_user, other_staff_user, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    stored = Attachment.objects.get(question=second)
    person_erase(person=member.person, actor=staff_user)
    assert not Attachment.objects.filter(question=second).exists()
    assert not stored.file.storage.exists(stored.file.name)


# --- a standard text, shown before saving ---------------------------------------------


def test_inserting_a_standard_text_shows_it_in_the_answer_before_anything_is_saved(
    client, member, staff_user
):
    text = StandardText.objects.create(title="Slot", body="Met vriendelijke groet,\nHet team")
    question = ask(member)
    client.force_login(staff_user)
    save = reverse("knowledge:answer_save", args=[question.pk])
    response = client.post(save, {"body": "Ja, dat mag.", "insert_text": text.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ja, dat mag.\n\nMet vriendelijke groet,\nHet team</textarea>" in page
    assert "De tekst staat nu in het antwoord hieronder." in page
    assert not Answer.objects.filter(question=question).exists()
    client.post(save, {"body": "Ja, dat mag.\n\nMet vriendelijke groet,\nHet team"})
    assert Answer.objects.get(question=question).body.endswith("Het team")


# --- what changed in a resubmitted answer ---------------------------------------------


def test_the_reviewer_sees_what_changed_in_a_resubmitted_answer(
    client, member, staff_user, other_staff_user
):
    question = ask(member)
    services.answer_save_draft(question=question, body="Ja, dat mag altijd.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    client.force_login(other_staff_user)
    url = reverse("knowledge:question_detail", args=[question.pk])
    assert "Wat er veranderd is" not in client.get(url).content.decode()  # sent once
    services.answer_return(question=question, reviewer=other_staff_user, comment="Bron?")
    services.answer_save_draft(
        question=question, body="Ja, dat mag binnen vijf dagen <art. 7>.", actor=staff_user
    )
    services.answer_submit_for_review(question=question, actor=staff_user)
    page = client.get(url).content.decode()
    assert "Wat er veranderd is sinds de vorige versie ter controle" in page
    diff = page.split('<div class="diff">')[1].split("</div>")[0]
    assert diff == "Ja, dat mag <del>altijd.</del><ins>binnen vijf dagen &lt;art. 7&gt;.</ins>"


def test_the_ratings_and_figures_pages_read_the_remarks_in_a_fixed_number_of_queries(
    client, member, staff_user, other_staff_user, django_assert_max_num_queries
):
    for index in range(12):
        question = _answered(member, staff_user, other_staff_user)
        services.answer_rate(
            question=question, helpful=bool(index % 2), remark=f"Opmerking {index}", actor=member
        )
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("knowledge:ratings")).content.decode()
    assert page.count("Opmerking ") == 12
    with django_assert_max_num_queries(16):
        page = client.get(reverse("knowledge:figures")).content.decode()
    assert page.count("Opmerking ") == 10
