"""The public side: a limit per client address on the sign-up, and a draft's images only for
staff."""

import pytest
from django.core import mail as outbox
from django.core.files.base import ContentFile
from django.urls import reverse

from communications import mail, services
from communications.models import Newsletter, Subscriber
from communications.views import PIXEL

from .factories import SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup_limit(settings):
    """Production's arrangement: one proxy appends the client's address; three sign-ups per
    client address in ten minutes."""
    settings.PUBLIC_FORM_RATE_LIMITS = {"newsletter_subscribe": "3/10m/ip"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _sign_up(client, number, forwarded_for, capture):
    with capture(execute=True):
        return client.post(
            reverse("communications:subscribe"),
            {"email": f"adres{number}@voorbeeld.nl"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def test_the_sign_up_is_limited_per_client_address_with_the_dutch_429_page(
    client, signup_limit, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    for number in range(3):
        # What the client itself puts before the proxy's entry does not make it another client.
        response = _sign_up(client, number, f"10.9.9.{number}, 203.0.113.7", capture)
        assert "Kijk in je e-mail" in response.content.decode()
    refused = _sign_up(client, 3, "10.9.9.9, 203.0.113.7", capture)
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    assert len(outbox.outbox) == 3 and Subscriber.objects.count() == 3

    # Another client address is not held up by this one.
    other = _sign_up(client, 4, "198.51.100.20", capture)
    assert other.status_code == 200 and len(outbox.outbox) == 4


def test_an_invalid_form_does_not_count_against_the_limit(client, signup_limit):
    for _ in range(5):
        response = client.post(
            reverse("communications:subscribe"),
            {"email": "geen adres"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        assert response.status_code == 200
    response = client.post(
        reverse("communications:subscribe"),
        {"email": "goed@voorbeeld.nl"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert "Kijk in je e-mail" in response.content.decode()


def test_the_sign_up_limit_fails_open_while_redis_is_unreachable(
    client, signup_limit, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }
    for number in range(5):
        response = _sign_up(client, number, "203.0.113.7", django_capture_on_commit_callbacks)
        assert response.status_code == 200
    assert Subscriber.objects.count() == 5


# --- images -------------------------------------------------------------------------------


def _section_with_image(**newsletter):
    section = SectionFactory(**{f"newsletter__{k}": v for k, v in newsletter.items()})
    section.image.save("beeld.gif", ContentFile(PIXEL))
    return section


def _get(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_a_drafts_images_are_for_staff_only(client, member, staff_user):
    section = _section_with_image()
    url = reverse("communications:section_image", args=[section.pk])
    assert _get(client, url).status_code == 404
    client.force_login(member)
    assert _get(client, url).status_code == 404
    client.force_login(staff_user)
    response = _get(client, url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    client.logout()
    # The sequential ids of other sections lead nowhere either.
    for pk in (section.pk, section.pk + 1):
        assert _get(client, reverse("communications:section_image", args=[pk])).status_code == 404


def test_a_sent_newsletters_images_are_public_and_cacheable(client):
    section = _section_with_image(status=Newsletter.Status.SENT)
    response = _get(client, reverse("communications:section_image", args=[section.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"
    html = mail.render(section.newsletter, [section], mail.Recipient("A", "a@b.nl", 0))[1]
    assert f'/nieuwsbrief/afbeelding/{section.pk}/"' in html, "a plain link, no signature"


def test_a_test_mail_shows_a_drafts_images_to_its_mail_program(
    client, staff_user, django_capture_on_commit_callbacks
):
    section = _section_with_image()
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send_test(newsletter=section.newsletter, user=staff_user)
    html = outbox.outbox[0].alternatives[0][0]
    start = html.index("/nieuwsbrief/afbeelding/")
    url = html[start : html.index('"', start)].replace("&amp;", "&")
    assert "?s=" in url
    assert _get(client, url).status_code == 200, "without a login, by the signed link"
    other = _section_with_image()
    forged = url.replace(f"/{section.pk}/", f"/{other.pk}/")
    assert _get(client, forged).status_code == 404
