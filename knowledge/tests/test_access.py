import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge import services
from knowledge.forms import new_submission_key
from knowledge.models import Attachment
from knowledge.tests.factories import ask
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89"
)


def test_member_sees_only_their_own_questions(member_client, member, other_member):
    ask(member, subject="Mijn eigen vraag")
    ask(other_member, subject="Vraag van een ander")
    page = member_client.get(reverse("knowledge:question_list")).content.decode()
    assert "Mijn eigen vraag" in page and "Vraag van een ander" not in page


def test_another_members_question_and_attachment_are_404(member_client, other_member):
    question = ask(other_member, attachments=[SimpleUploadedFile("brief.pdf", PDF)])
    attachment = question.attachments.get()
    assert (
        member_client.get(reverse("knowledge:question_detail", args=[question.pk])).status_code
        == 404
    )
    assert (
        member_client.get(
            reverse("knowledge:attachment_download", args=[question.pk, attachment.pk])
        ).status_code
        == 404
    )


def test_attachment_cannot_be_reached_through_another_question(member_client, member, other_member):
    own = ask(member)
    foreign = ask(other_member, attachments=[SimpleUploadedFile("brief.pdf", PDF)])
    attachment = foreign.attachments.get()
    url = reverse("knowledge:attachment_download", args=[own.pk, attachment.pk])
    assert member_client.get(url).status_code == 404


def test_asker_and_staff_download_the_attachment(member_client, member, staff_client):
    question = ask(member, attachments=[SimpleUploadedFile("../../etc/brief.pdf", PDF)])
    attachment = question.attachments.get()
    url = reverse("knowledge:attachment_download", args=[question.pk, attachment.pk])
    response = member_client.get(url)
    # Reading the whole stream closes the file (the test client's closing wrapper).
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert attachment.original_name == "brief.pdf"
    assert ".." not in attachment.file.name and "brief" not in attachment.file.name
    response = staff_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.pdf", b"", "leeg"),
        ("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "geen PDF"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "geen PDF"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_saved(member_client, name, content, message):
    from knowledge.tests.factories import TopicFactory

    topic = TopicFactory(name="Verlof")
    response = member_client.post(
        reverse("knowledge:question_create"),
        {
            "topic": topic.pk,
            "subject": "Met bijlage",
            "body": "Zie bijlage",
            "attachments": [SimpleUploadedFile(name, content)],
            "submission_key": new_submission_key(),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    from knowledge.models import Question

    assert not Question.objects.exists(), "nothing half-saved"


def test_oversized_attachment_is_refused(member):
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(services.HelpdeskError):
        ask(member, attachments=[big])


def test_image_attachment_is_accepted_by_its_content(member):
    question = ask(member, attachments=[SimpleUploadedFile("foto.jpg", PNG)])
    attachment = question.attachments.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "foto.png"


def test_member_cannot_open_staff_pages(member_client, member):
    question = ask(member)
    for name, args in [
        ("knowledge:figures", []),
        ("knowledge:ratings", []),
        ("knowledge:question_register", []),
        ("knowledge:item_create", []),
        ("knowledge:item_review", []),
        ("knowledge:question_publish", [question.pk]),
    ]:
        assert member_client.get(reverse(name, args=args)).status_code == 403, name


def test_member_cannot_act_as_staff_on_own_question(member_client, member):
    question = ask(member)
    response = member_client.post(
        reverse("knowledge:answer_save", args=[question.pk]), {"body": "Zelf beantwoord"}
    )
    assert response.status_code == 403
    assert not question.answers.exists()


def test_queue_query_count_does_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    members = MemberFactory.create_batch(3)
    for index in range(30):
        ask(members[index % 3], subject=f"Vraag {index}")
    with django_assert_max_num_queries(16):
        response = staff_client.get(reverse("knowledge:question_list"))
    assert len(response.context["page"]) == 30


def test_question_page_query_count_is_fixed(staff_client, member, django_assert_max_num_queries):
    question = ask(
        member, attachments=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)]
    )
    for index in range(10):
        services.note_add(question=question, body=f"notitie {index}", actor=member)
    with django_assert_max_num_queries(16):
        staff_client.get(reverse("knowledge:question_detail", args=[question.pk]))


def _zip(*names):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["archief.zip", "verslag.docx", "zonder-extensie"])
def test_a_zip_that_is_not_a_word_document_is_refused_whatever_its_name(member, name):
    upload = SimpleUploadedFile(name, _zip("notities.txt", "word/niet-het-document.xml"))
    with pytest.raises(services.HelpdeskError, match="geen Word-document"):
        ask(member, attachments=[upload])
    assert not Attachment.objects.exists()


def test_a_damaged_zip_is_refused_with_a_clear_message(member):
    upload = SimpleUploadedFile("kapot.docx", b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(services.HelpdeskError, match="geen Word-document"):
        ask(member, attachments=[upload])


def test_a_word_document_is_accepted_by_its_content_whatever_its_name(member):
    content = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    question = ask(member, attachments=[SimpleUploadedFile("brief.zip", content)])
    attachment = question.attachments.get()
    assert attachment.original_name == "brief.docx"
    assert attachment.content_type.endswith("wordprocessingml.document")


def test_a_zip_attachment_on_the_question_form_gets_a_dutch_message(member_client):
    from knowledge.models import Question
    from knowledge.tests.factories import TopicFactory

    response = member_client.post(
        reverse("knowledge:question_create"),
        {
            "topic": TopicFactory(name="Verlof").pk,
            "subject": "Met bijlage",
            "body": "Zie bijlage",
            "attachments": [SimpleUploadedFile("stukken.zip", _zip("a.txt"))],
            "submission_key": new_submission_key(),
        },
    )
    assert response.status_code == 200
    assert "stukken.zip is een ZIP-bestand, geen Word-document" in response.content.decode()
    assert not Question.objects.exists()
