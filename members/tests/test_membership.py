"""'An active member organisation' is one rule (`members.models.active_membership`) wherever
the portal counts or filters members."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Organisation, active_membership
from members.tests.factories import OrganisationFactory, RayonFactory

pytestmark = pytest.mark.django_db


def test_the_rayon_page_counts_only_current_member_organisations(member_client):
    midden = RayonFactory(name="Rayon van de telling")  # nobody else's organisation
    today = timezone.localdate()
    OrganisationFactory(rayon=midden, name="Gemeente Lid")
    OrganisationFactory(rayon=midden, name="Gemeente Tot Eind Dit Jaar", member_until=today)
    OrganisationFactory(rayon=midden, name="Gemeente Vroeger", member_until=date(2020, 12, 31))
    OrganisationFactory(rayon=midden, name="Gemeente Straks", member_since=today + timedelta(1))
    OrganisationFactory(rayon=midden, name="Gemeente Nooit", member_since=None)
    page = member_client.get(reverse("members:rayon_list")).content.decode()
    counted = re.search(r"Rayon van de telling</h2>\s*<p [^>]*>(\d+) lidorganisatie", page)
    assert counted and counted.group(1) == "2"


@pytest.mark.parametrize(
    ("since", "until"),
    [
        (None, None),
        (-1, None),
        (0, None),
        (1, None),
        (-10, -1),
        (-10, 0),
        (-10, 1),
        (0, 0),
    ],
)
def test_an_organisation_s_own_check_answers_as_the_rule_does(since, until):
    """`Organisation.is_active_member` (for one loaded row) and the query condition agree on
    every boundary."""
    today = timezone.localdate()
    organisation = OrganisationFactory(
        member_since=None if since is None else today + timedelta(since),
        member_until=None if until is None else today + timedelta(until),
    )
    by_rule = Organisation.objects.filter(active_membership(), pk=organisation.pk).exists()
    assert organisation.is_active_member() is by_rule
    assert Organisation.objects.active_members().filter(pk=organisation.pk).exists() is by_rule
