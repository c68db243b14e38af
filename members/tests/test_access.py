import pytest
from django.urls import reverse

from members.tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login_from_my_ingrado(client):
    response = client.get(reverse("members:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_sees_my_ingrado_with_their_organisation(member_client, member):
    response = member_client.get(reverse("members:dashboard"))
    assert response.status_code == 200
    assert member.person.organisation.name in response.content.decode()


def test_member_is_refused_the_directory(member_client):
    assert member_client.get(reverse("members:organisation_list")).status_code == 403
    assert member_client.get(reverse("members:person_list")).status_code == 403
    assert member_client.get(reverse("members:organisation_export")).status_code == 403


def test_staff_without_two_factor_is_sent_to_set_it_up(client, roles_synced):
    staff = StaffFactory(mfa=False)
    client.force_login(staff)
    response = client.get(reverse("members:organisation_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_demo_staff_may_skip_two_factor_only_while_debug_is_on(client, roles_synced, settings):
    staff = StaffFactory(mfa=False, is_demo_account=True)
    client.force_login(staff)
    settings.DEMO_ACCOUNTS_SKIP_MFA = True
    settings.DEBUG = True
    assert client.get(reverse("members:organisation_list")).status_code == 200
    settings.DEBUG = False
    assert client.get(reverse("members:organisation_list")).status_code == 302


def test_staff_with_two_factor_sees_the_directory(staff_client):
    MemberFactory()
    response = staff_client.get(reverse("members:organisation_list"))
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_role_removed_outside_the_portal_stops_working_at_the_next_request(
    client, postgres_only, roles_synced
):
    """As when an administrator removes a role with SQL: nothing keeps the old role."""
    import psycopg

    from members.tests.factories import StaffFactory
    from tests.support import postgres_url

    staff = StaffFactory()
    client.force_login(staff)
    assert client.get(reverse("members:organisation_list")).status_code == 200
    with psycopg.connect(postgres_url(), autocommit=True) as outside:
        outside.execute("DELETE FROM members_user_groups WHERE user_id = %s", [staff.pk])
    assert client.get(reverse("members:organisation_list")).status_code == 403
