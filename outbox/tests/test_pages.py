"""The staff page of outgoing e-mail: failed and uncertain mails first, sending one again
after a question, a fixed number of queries however many mails."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import OutgoingMail
from tests.support import page_queries

pytestmark = pytest.mark.django_db

State = OutgoingMail.State


def _mail(to, state, **fields):
    return OutgoingMail.objects.create(
        to=to,
        from_email="Ingrado <noreply@ingrado.nl>",
        subject=f"[Ingrado] Aan {to}",
        text="Tekst",
        language="nl",
        state=state,
        headers={"Message-ID": f"<{to}@ingrado.nl>"},
        **fields,
    )


def test_the_list_shows_what_failed_or_is_uncertain_and_not_what_was_sent(staff_client):
    _mail("weg@gemeente.nl", State.FAILED, attempts=1, error="SMTPRecipientsRefused: 550")
    _mail("onzeker@gemeente.nl", State.UNCERTAIN, attempts=1)
    _mail("goed@gemeente.nl", State.SENT, attempts=1)
    page = staff_client.get(reverse("outbox:mail_list")).content.decode()
    assert "weg@gemeente.nl" in page and "onzeker@gemeente.nl" in page
    assert "goed@gemeente.nl" not in page
    assert "Mislukt" in page and "Onzeker" in page and "550" in page
    assert page.count("Opnieuw versturen") == 2
    everything = staff_client.get(reverse("outbox:mail_list"), {"state": ""}).content.decode()
    assert "goed@gemeente.nl" in everything
    found = staff_client.get(reverse("outbox:mail_list"), {"state": "", "q": "goed"})
    assert "weg@gemeente.nl" not in found.content.decode()


def test_members_and_the_board_do_not_see_outgoing_mail(member_client, board_client):
    assert member_client.get(reverse("outbox:mail_list")).status_code == 403


def test_staff_are_asked_first_and_then_the_mail_is_sent_again(
    staff_client, staff_user, django_capture_on_commit_callbacks
):
    uncertain = _mail("onzeker@gemeente.nl", State.UNCERTAIN, attempts=1)
    url = reverse("outbox:mail_resend", args=[uncertain.pk])
    page = staff_client.get(url).content.decode()
    assert "Deze e-mail is misschien al aangekomen" in page and "onzeker@gemeente.nl" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, follow=True)
    assert "wordt opnieuw verstuurd" in response.content.decode()
    copy = uncertain.resends.get()
    assert (copy.state, copy.resent_by) == (State.SENT, staff_user)
    assert [m.to for m in mail.outbox] == [["onzeker@gemeente.nl"]]
    # Once: the list no longer offers it, and a second POST changes nothing.
    assert (
        "onzeker@gemeente.nl" not in staff_client.get(reverse("outbox:mail_list")).content.decode()
    )
    response = staff_client.post(url, follow=True)
    assert "één keer" in response.content.decode()
    assert OutgoingMail.objects.filter(to="onzeker@gemeente.nl").count() == 2
    assert staff_client.get(url).status_code == 302


def test_the_list_runs_the_same_queries_for_three_mails_or_sixty(staff_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = staff_client.get(reverse("outbox:mail_list"))
            assert response.status_code == 200
        return len(page_queries(captured))

    for index in range(3):
        _mail(f"a{index}@gemeente.nl", State.FAILED, attempts=1)
    few = queries()
    for index in range(57):
        _mail(f"b{index}@gemeente.nl", State.UNCERTAIN, attempts=1)
    assert queries() == few
    assert few <= 8, few
