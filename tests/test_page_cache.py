"""Pages of logged-in users come from the cache until the data they show changes."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ingrado import page_cache
from knowledge.models import Question
from knowledge.tests.factories import ask
from members.roles import STAFF

QUEUE = "/vragen/"


def rendered(response) -> bool:
    """True when the view rendered a template for this response, False when cached."""
    assert response.status_code == 200
    return bool(response.templates)


def warm(client, url=QUEUE):
    """The first request sets the CSRF cookie, the second fills the cache."""
    client.get(url)
    client.get(url)


@pytest.fixture
def question(member):
    return ask(member, subject="Vrijstelling 5 onder a")


@pytest.mark.django_db
def test_a_reload_is_served_from_the_cache(staff_client, question):
    warm(staff_client)
    response = staff_client.get(QUEUE)
    assert not rendered(response)
    assert "Vrijstelling 5 onder a" in response.content.decode()


@pytest.mark.django_db
def test_a_queryset_update_is_seen_at_once(staff_client, question):
    warm(staff_client)
    Question.objects.filter(pk=question.pk).update(subject="Verlof buiten de schoolvakanties")
    response = staff_client.get(QUEUE)
    assert rendered(response)
    assert "Verlof buiten de schoolvakanties" in response.content.decode()


@pytest.mark.django_db
def test_writes_to_unrelated_apps_keep_the_page(staff_client, question):
    from programmes.models import StrategicPlan

    warm(staff_client)
    StrategicPlan.objects.create(
        title="Plan", first_year=2025, last_year=2030, mission="m", core_values="k"
    )
    assert not rendered(staff_client.get(QUEUE))


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_is_seen(roles_synced, staff_user, member):
    client = Client()
    client.force_login(staff_user)
    question = ask(member, subject="Eerste onderwerp")
    warm(client)
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(subject="Tweede onderwerp")
    response = client.get(QUEUE)
    assert "Tweede onderwerp" in response.content.decode()


@pytest.mark.django_db
def test_another_session_of_the_same_user_gets_its_own_page(staff_client, staff_user, question):
    warm(staff_client)
    laptop = Client()
    laptop.force_login(staff_user)
    laptop.get(QUEUE)
    assert rendered(laptop.get(QUEUE))


@pytest.mark.django_db
def test_losing_the_role_ends_the_cached_queue(staff_client, staff_user, question):
    warm(staff_client)
    staff_user.groups.remove(Group.objects.get(name=STAFF))
    response = staff_client.get(QUEUE)  # now their own (empty) list of questions
    assert rendered(response)
    assert "Vrijstelling 5 onder a" not in response.content.decode()


@pytest.mark.django_db
def test_pending_messages_get_a_fresh_page_that_shows_them(staff_client, question):
    warm(staff_client)
    response = staff_client.post(
        reverse("knowledge:question_assign", args=[question.pk]), {"expert": ""}, follow=True
    )
    # The redirect target is rendered fresh with the message, not taken from the cache.
    assert response.redirect_chain
    assert rendered(response)
    assert list(response.context["messages"])


@pytest.mark.django_db
def test_htmx_requests_are_not_cached(staff_client, question):
    warm(staff_client)
    assert rendered(staff_client.get(QUEUE, headers={"HX-Request": "true"}))


@pytest.mark.django_db
def test_an_unreachable_cache_renders_every_time(staff_client, question, monkeypatch):
    warm(staff_client)
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: {})
    monkeypatch.setattr(page_cache.cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(page_cache.cache, "get", lambda key, default=None: default)
    assert rendered(staff_client.get(QUEUE))
    assert rendered(staff_client.get(QUEUE))


@pytest.mark.django_db
def test_reads_and_session_writes_do_not_bump_versions(staff_client, question):
    warm(staff_client)
    before = page_cache.versions(("knowledge", "members"))
    staff_client.get(QUEUE)
    staff_client.get(reverse("knowledge:question_detail", args=[question.pk]))  # audit log
    assert page_cache.versions(("knowledge", "members")) == before


@pytest.mark.django_db
def test_a_lost_version_starts_again_from_the_clock(staff_client, question):
    warm(staff_client)
    first = page_cache.versions(("knowledge",))
    page_cache.cache.delete("data-version:knowledge")
    assert int(page_cache.versions(("knowledge",))) > int(first)


@pytest.mark.django_db
def test_somebody_logging_in_keeps_everybodys_pages(staff_client, question, member):
    warm(staff_client)
    Client().force_login(member)  # login() records last_login on the user row
    member.refresh_from_db()
    assert member.last_login is not None  # the login happened, and was written
    assert not rendered(staff_client.get(QUEUE))


@pytest.mark.django_db
def test_a_changed_user_row_is_still_a_change(staff_client, question, member):
    warm(staff_client)
    member.is_active = False
    member.save()
    assert rendered(staff_client.get(QUEUE))


@pytest.mark.django_db
def test_a_two_factor_login_keeps_everybodys_pages(staff_client, staff_user, question):
    from allauth.mfa.models import Authenticator

    warm(staff_client)
    authenticator = Authenticator.objects.get(user=staff_user, type=Authenticator.Type.TOTP)
    authenticator.record_usage()  # what allauth writes when a TOTP code is accepted
    assert not rendered(staff_client.get(QUEUE))
