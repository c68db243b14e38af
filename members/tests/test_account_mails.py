"""allauth's mails and pages in the portal's words: "je", the portal named "Ingrado", never a
host and port; every link on SITE_URL, whatever Host the request named."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from members.tests.factories import MemberFactory
from members.tests.signup import queued, sign_up

pytestmark = pytest.mark.django_db

SITE = "https://portal.ingrado.nl"
FOREIGN_HOST = "Evil.Example:8080"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _sign_up(client, email):
    return sign_up(client, email, HTTP_HOST=FOREIGN_HOST)


def _links(body):
    return re.findall(r"https?://\S+", body)


def _words(body):
    """The text of a mail without its links."""
    return re.sub(r"https?://\S+", "", body)


def _assert_portal_words(body):
    words = _words(body)
    assert "Ingrado" in words
    assert not re.search(r"\b(u|uw|U|Uw)\b", words), words
    for host in ("portal.ingrado.nl", "evil.example", "127.0.0.1", ":8000", ":8080"):
        assert host not in words.lower(), (host, words)
    links = _links(body)
    assert links and all(link.startswith(SITE + "/") for link in links), links


def test_the_verification_mail_names_ingrado_and_links_to_the_site(client, roles_synced):
    _sign_up(client, "noor@ergens.nl")
    message = queued()[-1]
    assert message.subject == "[Ingrado] Bevestig je e-mailadres"
    _assert_portal_words(message.body)
    assert "Klik dan niet op de link" in message.body


def test_the_account_already_exists_mail_links_to_the_site_not_the_host_named(client, roles_synced):
    member = MemberFactory()
    _sign_up(client, member.email)
    message = queued()[-1]
    assert message.to == [member.email]
    _assert_portal_words(message.body)
    assert SITE + reverse("account_reset_password") in message.body


def test_the_unknown_account_mail_links_to_the_site_not_the_host_named(client, roles_synced):
    client.post(
        reverse("account_reset_password"), {"email": "niemand@ergens.nl"}, HTTP_HOST=FOREIGN_HOST
    )
    message = queued()[-1]
    assert message.to == ["niemand@ergens.nl"]
    _assert_portal_words(message.body)
    assert SITE + reverse("account_signup") in message.body


def test_the_password_reset_mail_links_to_the_site(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email}, HTTP_HOST=FOREIGN_HOST)
    _assert_portal_words(queued()[-1].body)


def _main_text(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_sign_up_and_verification_pages_say_je(client, roles_synced):
    signup = _main_text(client.get(reverse("account_signup")))
    assert "Je wachtwoord" in signup
    response = _sign_up(Client(), "noor@ergens.nl")
    sent = _main_text(Client().get(response["Location"]))
    for text in (signup, sent):
        assert not re.search(r"\b(u|uw|U|Uw|a\.u\.b\.)\b", text), text
    assert "Bevestig je e-mailadres" in sent and "Ingrado" in sent
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", queued()[-1].body).group(0)
    confirm = _main_text(client.get(link.removeprefix(SITE)))
    assert "jouw e-mailadres is voor je account bij Ingrado" in confirm
