"""A function that grants access to colleagues' data (manager / coordinator) is set by staff,
never by the person themselves: not on the profile, not at sign-up."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import services
from members.models import Person
from members.tests.factories import ManagerFactory, MemberFactory

pytestmark = pytest.mark.django_db

MANAGER = Person.Function.MANAGER
OVERVIEW = "academy:organisation_overview"


def _profile(client, **fields):
    data = {"first_name": "Sanne", "last_name": "Vries", "function": "leerplicht", **fields}
    return client.post(reverse("members:profile"), data)


def test_a_member_cannot_make_themselves_manager_on_the_profile(member_client, member):
    response = _profile(member_client, function=MANAGER)
    assert response.status_code == 200
    assert "function" in response.context["form"].errors
    assert MANAGER not in dict(response.context["form"].fields["function"].choices)
    member.person.refresh_from_db()
    assert member.person.function != MANAGER
    assert member_client.get(reverse(OVERVIEW)).status_code == 403


def test_the_service_refuses_a_self_chosen_manager_function_too(member):
    with pytest.raises(ValidationError):
        services.person_update_profile(person=member.person, actor=member, function=MANAGER)


def test_a_manager_sees_the_function_read_only_and_keeps_it(client, roles_synced):
    manager = ManagerFactory()
    client.force_login(manager)
    page = client.get(reverse("members:profile")).content.decode()
    assert 'name="function"' in page and "disabled" in page.split('name="function"')[1][:200]
    assert _profile(client, function="leerplicht").status_code == 302
    manager.person.refresh_from_db()
    assert manager.person.function == MANAGER


def test_sign_up_does_not_offer_the_manager_function(client, roles_synced):
    page = client.get(reverse("account_signup")).content.decode()
    assert f'value="{MANAGER}"' not in page
    response = client.post(
        reverse("account_signup"),
        {
            "email": "noor@vb.nl",
            "password1": "Leerrecht-voor-iedereen-42",
            "password2": "Leerrecht-voor-iedereen-42",
            "first_name": "Noor",
            "last_name": "Visser",
            "function": MANAGER,
        },
    )
    assert response.status_code == 200
    assert not Person.objects.filter(email="noor@vb.nl").exists()


def test_staff_make_a_colleague_manager_and_rayon_contact(staff_client, roles_synced):
    from members.tests.factories import RayonFactory

    member = MemberFactory()
    rayon = RayonFactory(name="Oost")
    response = staff_client.post(
        reverse("members:person_function", args=[member.person.pk]),
        {"function": MANAGER, "rayon_contact_for": rayon.pk},
    )
    assert response.status_code == 302
    member.person.refresh_from_db()
    assert (member.person.function, member.person.rayon_contact_for) == (MANAGER, rayon)
    staff_client.force_login(member)
    assert staff_client.get(reverse(OVERVIEW)).status_code == 200
