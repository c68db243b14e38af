"""The public pages an association owes its visitors: a privacy statement (what is stored,
what the newsletter measures, how long, the rights under the AVG, whom to ask), a colofon and
a contact page, linked from every page's footer, in Dutch and English."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_page_links_the_privacy_statement_colofon_and_contact_in_its_footer(
    client, member_client
):
    for visitor, url in (
        (client, reverse("members:home")),
        (client, reverse("knowledge:item_list")),
        (client, reverse("communications:subscribe")),
        (client, "/bestaat-niet/"),
        (member_client, reverse("members:dashboard")),
    ):
        footer = visitor.get(url).content.decode().split('<footer class="site-footer">')[1]
        for name, label in (
            ("privacy", "Privacyverklaring"),
            ("colofon", "Colofon"),
            ("contact", "Contact"),
        ):
            assert f'<a href="{reverse(name)}">{label}</a>' in footer, url


def test_the_privacy_statement_says_what_is_kept_measured_and_for_how_long(client, settings):
    settings.ATTACHMENT_RETENTION_DAYS = 200
    settings.NEWSLETTER_CONFIRMATION_DAYS = 7
    settings.ACCESS_LOG_RETENTION_DAYS = 10
    settings.PRIVACY_EMAIL = "privacy@ingrado.nl"
    page = _text(client.get(reverse("privacy")))
    for words in (
        "Wat we bewaren",
        "Kwaliteitsregister Sociaal Domein",
        # What the newsletter measures, as the README's "What is measured" states it.
        "Er wordt geen IP-adres, browser, tijdstip van lezen of locatie bewaard",
        "een versleutelde hash van het willekeurige kenmerk",
        "hoeveel lezers zich via de link in die nieuwsbrief afmeldden",
        # The access log without the newsletter's tokens.
        "Het wordt na 10 dagen verwijderd",
        "zodat het logboek niet zegt wie welke nieuwsbrief opende",
        # Retention as the settings say.
        "verwijderd 200 dagen nadat de vraag is afgesloten",
        "niet is bevestigd: verwijderd na 7 dagen",
        # Rights under the AVG and whom to ask.
        "Je rechten onder de AVG",
        reverse("members:my_data"),
        "Autoriteit Persoonsgegevens",
        'href="mailto:privacy@ingrado.nl"',
    ):
        assert words in page, words


def test_the_colofon_and_contact_page_are_public_and_name_the_contact_address(client, settings):
    settings.CONTACT_EMAIL = "info@ingrado.nl"
    settings.CONTACT_PHONE = "033 123 45 67"
    contact = _text(client.get(reverse("contact")))
    assert 'href="mailto:info@ingrado.nl"' in contact and 'href="tel:0331234567"' in contact
    assert reverse("knowledge:question_create") in contact
    colofon = _text(client.get(reverse("colofon")))
    assert "Uitgever" in colofon and "geen rechten ontlenen" in colofon
    settings.CONTACT_PHONE = ""
    assert "tel:" not in client.get(reverse("contact")).content.decode()


def test_the_public_pages_speak_english_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _text(client.get(reverse("privacy")))
    assert "Your rights under the AVG" in page and "What the newsletter measures" in page
    assert "Privacy statement" in _text(client.get(reverse("colofon")))


def test_the_public_pages_read_nothing_from_the_database_for_a_visitor(
    client, django_assert_num_queries
):
    for name in ("privacy", "colofon", "contact"):
        with django_assert_num_queries(0):
            assert client.get(reverse(name)).status_code == 200


def test_a_members_footer_manages_the_subscription_instead_of_inviting_to_subscribe(
    client, member_client
):
    footer = member_client.get(reverse("members:dashboard")).content.decode().split("<footer")[1]
    assert "Je abonnement op de nieuwsbrief beheren" in footer
    assert reverse("members:profile") in footer
    assert "Aanmelden voor de nieuwsbrief" not in footer
    member_client.logout()
    footer = client.get(reverse("members:home")).content.decode().split("<footer")[1]
    assert "Aanmelden voor de nieuwsbrief" in footer
