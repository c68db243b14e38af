"""The year's figures (staff, board, jaarverslag) and the AVG: export and erasure."""

import json
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communications import services, stats
from communications.models import Delivery, Newsletter, Subscriber
from members.services import person_erase

from .factories import NewsletterFactory, SectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _sent(year, month, delivered, opened, clicked, **extra):
    return NewsletterFactory(
        status="sent",
        started_at=timezone.make_aware(datetime(year, month, 10, 10)),
        recipients=delivered,
        delivered=delivered,
        unique_opens=opened,
        unique_clicks=clicked,
        **extra,
    )


def test_the_year_figures_count_newsletters_recipients_and_rates_from_the_data():
    _sent(2025, 1, delivered=4000, opened=1200, clicked=800)
    _sent(2025, 6, delivered=4100, opened=1230, clicked=820)
    _sent(2024, 6, delivered=3000, opened=3000, clicked=3000)
    NewsletterFactory(status="draft")
    figures = stats.year_figures(2025)
    assert figures == {
        "year": 2025,
        "newsletters": 2,
        "delivered": 8100,
        "recipients": 4050,
        "open_rate": 30.0,
        "click_rate": 20.0,
        "rated_newsletters": 2,
        "recent_newsletters": 0,
        "failed": 0,
        "unsubscribes": 0,
    }
    assert stats.year_figures(2023)["open_rate"] is None


def test_a_finished_sending_leaves_the_counts_the_figures_read(django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(3)
    newsletter = SectionFactory().newsletter
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter)
    figures = stats.year_figures(timezone.localdate().year)
    assert (figures["newsletters"], figures["delivered"]) == (1, 3)


def test_the_board_sees_the_figures_page_and_the_jaarverslag_states_them(board_client):
    from programmes.tests.factories import ProgrammeFactory, ProjectFactory, ResultFactory

    project = ProjectFactory(
        programme=ProgrammeFactory(number=5, name="Verbonden vereniging"),
        name="Ledenbinding",
        slug="ledenbinding",
    )
    ResultFactory(project=project, year=2025, text="Twee magazines.")
    for month in range(1, 11):
        _sent(2025, month, delivered=4000, opened=1200, clicked=800)
    page = board_client.get(reverse("communications:figures"), {"jaar": 2025}).content.decode()
    assert "<strong>10</strong> nieuwsbrieven verstuurd" in page
    assert "<strong>30,0\u00a0%</strong>" in page
    report = board_client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    assert "10 digitale nieuwsbrieven verstuurd, elk aan ongeveer 4.000 ontvangers" in report
    assert "30,0\u00a0% daarvan opende de nieuwsbrief en 20,0\u00a0% klikte door" in report


def test_a_persons_data_export_holds_their_subscription_and_its_consent(member_client, member):
    member_client.post(reverse("communications:my_subscription"), {"subscribe": "1"})
    subscriber = Subscriber.objects.get()
    newsletter = _sent(2025, 3, delivered=1, opened=0, clicked=0)
    Delivery.objects.create(
        newsletter=newsletter, subscriber=subscriber, state="sent", sent_at=timezone.now()
    )
    response = member_client.get(reverse("members:my_data_download"))
    data = json.loads(b"".join([response.content]))["newsletter"]
    assert data["email"] == member.email
    assert data["status"] == "Aangemeld"
    assert data["consent"] == "Op het eigen profiel in het portaal"
    assert data["consent_at"] and data["subscribed_at"]
    assert data["newsletters"] == [
        {
            "subject": newsletter.subject,
            "state": "Verstuurd",
            "sent_at": data["newsletters"][0]["sent_at"],
        }
    ]


def test_erasing_a_person_removes_their_address_and_keeps_the_counts(member, staff_user):
    services.subscription_set_for_person(person=member.person, subscribe=True)
    newsletter = _sent(2025, 3, delivered=1, opened=1, clicked=0)
    Delivery.objects.create(
        newsletter=newsletter, subscriber=Subscriber.objects.get(), state="sent"
    )
    person_erase(person=member.person, actor=staff_user)
    assert not Subscriber.objects.exists()
    delivery = Delivery.objects.get()
    assert delivery.subscriber is None and delivery.state == "sent"
    assert stats.year_figures(2025)["open_rate"] == 100.0


def test_staff_remove_an_address_on_request(staff_client):
    subscriber = SubscriberFactory()
    url = reverse("communications:subscriber_erase", args=[subscriber.pk])
    staff_client.post(url)
    assert Subscriber.objects.exists(), "not without ticking the box"
    response = staff_client.post(url, {"confirm": "yes"}, follow=True)
    assert "alleen de tellingen blijven" in response.content.decode()
    assert not Subscriber.objects.exists()


def _queries(client, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.support import page_queries

    cache.clear()  # the filter form's cached fragment: count the page as rendered afresh
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(page_queries(captured))


def _more_rows(draft, member, count):
    from academy.tests.factories import edition_with_sessions
    from knowledge.tests.factories import ItemFactory, TopicFactory, ask

    for _ in range(count):
        index = Newsletter.objects.count()
        topic = TopicFactory(name=f"Onderwerp {index}")
        ask(member, topic=topic)
        ItemFactory(topics=[topic])
        edition_with_sessions(sessions=2)
        SectionFactory(newsletter=draft)
        SectionFactory(newsletter=_sent(2025, 2, delivered=10, opened=3, clicked=2))
        SubscriberFactory.create_batch(5)


def test_the_pages_run_the_same_number_of_queries_however_many_rows(staff_client, member):
    draft = NewsletterFactory()
    sent = _sent(2025, 1, delivered=10, opened=3, clicked=2)
    SectionFactory(newsletter=sent)
    urls = [
        reverse("communications:newsletter_list"),
        reverse("communications:subscriber_list"),
        reverse("communications:figures") + "?jaar=2025",
        reverse("communications:newsletter_detail", args=[draft.pk]),
        reverse("communications:newsletter_detail", args=[sent.pk]),
        reverse("communications:newsletter_preview", args=[draft.pk]),
    ]
    _more_rows(draft, member, 1)
    before = [_queries(staff_client, url) for url in urls]
    _more_rows(draft, member, 4)
    after = [_queries(staff_client, url) for url in urls]
    assert after == before
    assert max(after) <= 14, after


def test_the_years_rates_leave_out_the_newsletters_of_the_last_seven_days(staff_client):
    from datetime import timedelta

    now = timezone.now()
    settled = _sent(now.year, 1, delivered=100, opened=50, clicked=20)
    fresh = _sent(now.year, 1, delivered=100, opened=1, clicked=0)
    Newsletter.objects.filter(pk=settled.pk).update(started_at=now - timedelta(days=8))
    Newsletter.objects.filter(pk=fresh.pk).update(started_at=now - timedelta(days=1))
    figures = stats.year_figures(now.year)
    assert (figures["newsletters"], figures["delivered"]) == (2, 200)
    assert (figures["open_rate"], figures["click_rate"]) == (50.0, 20.0)
    assert (figures["rated_newsletters"], figures["recent_newsletters"]) == (1, 1)
    page = staff_client.get(reverse("communications:figures"), {"jaar": now.year})
    text = page.content.decode()
    assert "<strong>50,0\u00a0%</strong>" in text
    assert "De nieuwsbrief van de laatste 7 dagen telt nog niet mee" in text
    assert [row["recent"] for row in page.context["rows"]] == [False, True]
    assert "telt nog" in text


def test_unsubscribes_and_failures_are_counted_per_newsletter_and_in_the_figures(
    staff_client, client
):
    from communications import tokens

    newsletter = _sent(2025, 5, delivered=9, opened=0, clicked=0, failed=2)
    subscriber = SubscriberFactory()
    link = reverse(
        "communications:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk, newsletter.pk)]
    )
    client.post(link)
    client.post(link)  # a second click counts nothing more
    newsletter.refresh_from_db()
    assert newsletter.unsubscribes == 1
    figures = stats.year_figures(2025)
    assert (figures["failed"], figures["unsubscribes"]) == (2, 1)
    page = staff_client.get(reverse("communications:figures"), {"jaar": 2025}).content.decode()
    assert "<strong>2</strong> e-mails mislukt" in page
    assert "<strong>1</strong> afgemeld via een nieuwsbrief" in page
    assert '<th scope="col" class="num">Mislukt</th>' in page
    detail = staff_client.get(reverse("communications:newsletter_detail", args=[newsletter.pk]))
    assert "<strong>1</strong> afgemeld via deze nieuwsbrief" in detail.content.decode()


def test_each_newsletters_unsubscribe_link_names_it(django_capture_on_commit_callbacks, client):
    from django.core import mail as outbox

    subscriber = SubscriberFactory()
    newsletter = SectionFactory().newsletter
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter)
    header = outbox.outbox[0].extra_headers["List-Unsubscribe"]
    client.post("/" + header.strip("<>").split("/", 3)[3])
    subscriber.refresh_from_db()
    newsletter.refresh_from_db()
    assert (subscriber.status, newsletter.unsubscribes) == ("unsubscribed", 1)
