"""Roles, permissions and two-factor state are cached, and every change counts at once."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import roles
from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/leden/personen/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_granted_role_opens_the_page_on_the_next_request(roles_synced):
    user = UserFactory(mfa=True)
    client = client_for(user)
    assert client.get(DIRECTORY).status_code == 403
    user.groups.add(Group.objects.get(name=roles.STAFF))
    assert client.get(DIRECTORY).status_code == 200


def test_a_removed_authenticator_sends_staff_to_set_it_up_again(staff_user):
    client = client_for(staff_user)
    assert client.get(DIRECTORY).status_code == 200
    Authenticator.objects.filter(user=staff_user).delete()
    response = client.get(DIRECTORY)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_permission_taken_from_the_role_closes_the_page(staff_user):
    client = client_for(staff_user)
    assert client.get(DIRECTORY).status_code == 200
    Group.objects.get(name=roles.STAFF).permissions.clear()
    assert client.get(DIRECTORY).status_code == 403


def test_a_deactivated_account_is_let_through_nowhere(staff_user):
    from members.permissions import has_permissions

    assert has_permissions(staff_user, ["members.view_directory"])
    staff_user.is_active = False
    assert not has_permissions(staff_user, ["members.view_directory"])


def test_the_checks_read_the_cache_not_the_database(staff_user, page_cache_off):
    client = client_for(staff_user)
    client.get(DIRECTORY)
    # Same user, nothing changed: roles, permissions and two-factor state come from the cache.
    with CaptureQueriesContext(connection) as again:
        assert client.get(reverse("members:organisation_list")).status_code == 200
    tables = " ".join(query["sql"] for query in again.captured_queries)
    for table in ("auth_permission", "auth_group", "mfa_authenticator"):
        assert table not in tables
