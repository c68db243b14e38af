"""Read queries of the nieuwsbrief: the editor with its suggestions, the subscriber list."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import capfirst

from academy.models import Edition
from knowledge.models import Item
from knowledge.stats import TopicTrend, topic_trends
from members.models import active_membership

from .filters import SubscriberFilter
from .mail import absolute
from .models import Newsletter, Section, Subscriber
from .services import IMPORT_HEADINGS

# Without an earlier newsletter, the editor looks back this far.
DEFAULT_PERIOD = timedelta(days=30)
SUGGESTED_TOPICS = 8
SUGGESTED_ITEMS = 10
SUGGESTED_EDITIONS = 6


def newsletters():
    return Newsletter.objects.select_related("created_by__person").order_by("-created_at", "-pk")


def get_newsletter(pk) -> Newsletter:
    return get_object_or_404(Newsletter, pk=pk)


def sections(newsletter: Newsletter) -> list[Section]:
    return list(newsletter.sections.order_by("order", "pk"))


def members_only_sections(sections) -> set[int]:
    """The sections that link to a members-only kennisbank item (one query, none without
    such links): the editor marks them, as the newsletter also goes to non-members."""
    slugs = {}
    site = settings.SITE_URL.rstrip("/")
    for section in sections:
        if not section.link_url.startswith(site + "/"):
            continue
        try:
            match = resolve(urlsplit(section.link_url).path)
        except Resolver404:
            continue
        if match.view_name == "knowledge:item_detail":
            slugs.setdefault(match.kwargs["slug"], []).append(section.pk)
    if not slugs:
        return set()
    members = Item.objects.filter(slug__in=list(slugs), audience=Item.Audience.MEMBERS)
    return {pk for slug in members.values_list("slug", flat=True) for pk in slugs[slug]}


def get_section(pk) -> Section:
    return get_object_or_404(Section.objects.select_related("newsletter"), pk=pk)


def subscriber_list(*, params) -> SubscriberFilter:
    return SubscriberFilter(params or None, queryset=Subscriber.objects.for_list())


def subscriber_export(queryset) -> tuple[list, Iterator[list]]:
    """(headings, rows) of the subscriber list for a download: the import's columns first
    (address, name, organisation), then the status and the consent with its moments."""

    def label(name):
        return capfirst(Subscriber._meta.get_field(name).verbose_name)

    moments = ("consent_at", "subscribed_at", "unsubscribed_at")
    header = [*IMPORT_HEADINGS.values(), label("status"), label("consent"), *map(label, moments)]
    rows = (
        [
            subscriber.email,
            subscriber.name,
            subscriber.organisation_name
            or (subscriber.organisation.name if subscriber.organisation else ""),
            subscriber.get_status_display(),
            subscriber.get_consent_display(),
            *(getattr(subscriber, moment) for moment in moments),
        ]
        for subscriber in queryset.iterator(chunk_size=1000)
    )
    return header, rows


def get_subscriber(pk) -> Subscriber:
    return get_object_or_404(Subscriber, pk=pk)


def subscriber_counts(queryset) -> dict:
    """Counts of the filtered list: per status, and members against non-members."""
    statuses = Subscriber.Status
    totals = queryset.aggregate(
        total=Count("pk"),
        members=Count("pk", filter=active_membership("organisation__")),
        **{status.value: Count("pk", filter=Q(status=status)) for status in statuses},
    )
    return {
        **totals,
        "non_members": totals["total"] - totals["members"],
        "by_status": [(status.label, totals[status.value]) for status in statuses],
    }


@dataclass
class Suggestions:
    since: datetime
    until: datetime
    previous_since: datetime
    topics: list[TopicTrend] = field(default_factory=list)
    items: list = field(default_factory=list)
    editions: list = field(default_factory=list)


def suggestions(newsletter: Newsletter, *, now: datetime | None = None) -> Suggestions:
    """What the helpdesk says the members ask about since the previous newsletter.

    The topics with the most questions since the previous newsletter, compared with the
    period of the same length before it, rising topics first; the kennisbank items published
    or revised since; the upcoming Academie editions with places left. (The year plan:
    "extra aandacht in de nieuwsbrief voor onderwerpen waar vragen over binnenkomen".)"""
    now = now or timezone.now()
    previous = (
        Newsletter.objects.exclude(pk=newsletter.pk)
        .filter(started_at__lt=now)
        .aggregate(last=Max("started_at"))["last"]
    )
    since = previous or now - DEFAULT_PERIOD
    previous_since = since - (now - since)
    topics = topic_trends(since=since, until=now, limit=SUGGESTED_TOPICS)
    names = {topic.name for topic in topics}
    items = list(
        Item.objects.filter(published_at__isnull=False)
        .filter(Q(published_at__gte=since) | Q(updated_at__gte=since))
        .prefetch_related("topics")
        .only("title", "slug", "audience", "published_at", "updated_at")
        .order_by("-updated_at")[:50]
    )
    # Items on the topics members ask about most come first.
    items.sort(key=lambda item: not any(t.name in names for t in item.topics.all()))
    today = timezone.localdate()
    editions = list(
        Edition.objects.filter(
            activity__is_published=True, is_cancelled=False, enrolment_deadline__gte=today
        )
        .with_dates_and_places()
        .filter(first_date__gte=today, places_left__gt=0)
        .select_related("activity")
        .order_by("first_date", "pk")[:SUGGESTED_EDITIONS]
    )
    added = set(newsletter.sections.values_list("link_url", flat=True))
    items = items[:SUGGESTED_ITEMS]
    for item in items:
        item.is_added = absolute(reverse("knowledge:item_detail", args=[item.slug])) in added
    for edition in editions:
        edition.is_added = absolute(reverse("academy:edition_detail", args=[edition.pk])) in added
    return Suggestions(
        since=since,
        until=now,
        previous_since=previous_since,
        topics=topics,
        items=items,
        editions=editions,
    )


def get_item(pk) -> Item:
    return get_object_or_404(Item.objects.filter(published_at__isnull=False), pk=pk)


def get_edition(pk) -> Edition:
    return get_object_or_404(
        Edition.objects.with_dates_and_places().select_related("activity"), pk=pk
    )
