"""Opens and clicks: counted per newsletter and section, each reader once, with nothing that
says who read; click links are signed and never lead anywhere else."""

import pytest
from django.urls import reverse

from communications import tokens
from communications.models import Newsletter, Reader, Section

from .factories import SectionFactory

pytestmark = pytest.mark.django_db


def _open(client, newsletter, token):
    return client.get(
        reverse("communications:open", args=[tokens.open_token(newsletter.pk, token)])
    )


def _click(client, section, token, url=None):
    signed = tokens.click_token(section.newsletter_id, section.pk, url or section.link_url, token)
    return client.get(reverse("communications:click", args=[signed]))


def test_the_pixel_counts_every_open_and_each_reader_once(client):
    newsletter = SectionFactory().newsletter
    response = _open(client, newsletter, "lezer-a")
    assert response["Content-Type"] == "image/gif" and response.content.startswith(b"GIF89a")
    assert "no-cache" in response["Cache-Control"]
    _open(client, newsletter, "lezer-a")
    _open(client, newsletter, "lezer-b")
    newsletter.refresh_from_db()
    assert (newsletter.opens, newsletter.unique_opens) == (3, 2)


def test_a_click_is_counted_for_the_newsletter_and_its_section_and_leads_to_the_target(client):
    section = SectionFactory(link_url="https://www.ingrado.nl/kennisbank")
    other = SectionFactory(newsletter=section.newsletter)
    response = _click(client, section, "lezer-a")
    assert response.status_code == 302 and response["Location"] == section.link_url
    _click(client, section, "lezer-a")
    _click(client, other, "lezer-a")
    _click(client, section, "lezer-b")
    newsletter = Newsletter.objects.get()
    assert (newsletter.clicks, newsletter.unique_clicks) == (4, 2)
    assert newsletter.unique_opens == 2, "a reader who clicks has opened it (images off)"
    section.refresh_from_db()
    assert (section.clicks, section.unique_clicks) == (3, 2)
    assert Section.objects.get(pk=other.pk).unique_clicks == 1


def test_readers_are_stored_as_a_keyed_hash_without_a_link_to_a_person(client):
    section = SectionFactory()
    _click(client, section, "lezer-a")
    reader = Reader.objects.get()
    assert "lezer-a" not in reader.digest and len(reader.digest) == 64
    field_names = {field.name for field in Reader._meta.get_fields()}
    assert field_names == {"id", "newsletter", "digest", "opened", "clicked"}


def test_a_changed_click_link_leads_nowhere(client):
    section = SectionFactory()
    signed = tokens.click_token(section.newsletter_id, section.pk, section.link_url, "x")
    forged = signed.replace(signed[5], "A" if signed[5] != "A" else "B", 1)
    for bad in (forged, signed[:-1], "https:%2F%2Fevil.example"):
        response = client.get(reverse("communications:click", args=[bad]))
        assert response.status_code == 400, bad
        assert "niet geldig" in response.content.decode()
    assert Newsletter.objects.get().clicks == 0


def test_a_click_link_signed_for_another_purpose_does_not_redirect(client):
    """An unsubscribe or open token is signed with another salt: not a click link."""
    section = SectionFactory()
    for token in (tokens.unsubscribe_token(1), tokens.open_token(section.newsletter_id, "x")):
        assert client.get(reverse("communications:click", args=[token])).status_code == 400


def test_a_test_mail_and_a_changed_pixel_count_nothing(client):
    section = SectionFactory()
    assert _click(client, section, "").status_code == 302  # a test mail's link still works
    _open(client, section.newsletter, "")
    assert client.get(reverse("communications:open", args=["kapot"])).status_code == 404
    newsletter = Newsletter.objects.get()
    assert (newsletter.opens, newsletter.clicks, newsletter.unique_opens) == (0, 0, 0)
