"""The demo as seed_demo loads it: 2025 as the jaarverslag tells it, and today's ALV to try."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings import selectors, services, stats
from meetings.models import Decision, Meeting, Proxy, Registration
from members.models import Person

pytestmark = pytest.mark.django_db


def test_the_jaarverslag_2025_sentences_come_from_the_meetings_not_from_typed_results(demo_data):
    from programmes.models import KeyFigure, Result

    typed = Result.objects.filter(year=2025)
    for words in ("algemene ledenvergaderingen", "rayondagen", "regio's bezocht", "Kick-off"):
        assert not typed.filter(text__contains=words).exists(), words
    assert not KeyFigure.objects.filter(year=2025, label="regio's bezocht").exists()
    figures = stats.year_figures(2025)
    # Dates are held together with a non-breaking space (ingrado.formatting.day_month).
    sentences = {key: text.replace("\xa0", " ") for key, text in stats.sentences(figures).items()}
    assert "16\xa0april" in stats.sentences(figures)["alv"]
    assert sentences["alv"] == (
        "Twee algemene ledenvergaderingen en bijbehorende werkconferenties, "
        "op 16 april en op 30 september."
    )
    assert sentences["rayondagen"] == (
        "Twee rayondagen, in samenwerking met de rayoncontactpersonen: rayon Midden (20 maart) "
        "en rayon Zuid-Oost (6 november)."
    )
    assert sentences["rayon_contacts"] == "Kick-off voor de rayoncontactpersonen (4 februari)."
    assert sentences["visits"] == "Dertien Doorstroompunt-regio's bezocht."
    assert stats.rayons_with_rayondag_text(figures) == "2 van 6"
    assert figures["evaluation_average"] >= 7 and figures["share_good"] > 80


def test_the_year_plans_2026_say_they_were_adopted_in_the_alv_of_30_september(client, demo_data):
    page = client.get(reverse("programmes:project_detail", args=["community"])).content.decode()
    assert "Vastgesteld in de ALV van 30\xa0september\xa02025" in page


def test_todays_alv_is_open_with_agenda_documents_proxies_and_a_secret_vote_to_try(demo_data):
    general = Meeting.objects.get(kind=Meeting.Kind.ALV, date=timezone.localdate())
    assert general.accepts_registrations()
    assert general.items.count() >= 5 and general.documents.filter(is_draft=False).count() == 2
    assert Proxy.objects.filter(meeting=general).count() == 3
    secret = general.decisions.get(is_secret=True)
    assert secret.state == Decision.State.OPEN
    sanne = Person.objects.get(email="lid@example.org")
    # She checks in, holds Zwolle's proxy and casts both votes in secret.
    services.check_in(meeting=general, person=sanne, actor=sanne.user, by_staff=False)
    rights = selectors.voting_rights(general, sanne)
    assert sorted(rights.values()) == [False, True]
    for organisation_pk in rights:
        services.vote_cast(
            decision=secret,
            organisation=sanne.organisation.__class__.objects.get(pk=organisation_pk),
            choice="for",
            voter=sanne,
            actor=sanne.user,
        )
    secret.refresh_from_db()
    assert secret.tally_for == 2


def test_seeding_again_adds_nothing(demo_data):
    counts = (Meeting.objects.count(), Registration.objects.count(), Decision.objects.count())
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert (Meeting.objects.count(), Registration.objects.count(), Decision.objects.count()) == (
        counts
    )
