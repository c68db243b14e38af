"""The header's main menu: what each kind of user finds in it, in their language."""

import html
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from members import roles

pytestmark = pytest.mark.django_db


def _menu(client, path="/"):
    page = client.get(path).content.decode()
    nav = page.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return [
        (url, html.unescape(label))
        for url, label in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', nav)
    ]


def _labels(client, path="/"):
    return [label for _, label in _menu(client, path)]


# The home page is behind the logo (its alternative text "Ingrado"), not a menu item.
PUBLIC = ["Kennisbank", "Academie", "Bijeenkomsten", "Programma's"]


def test_a_visitor_sees_the_public_menu_and_the_login_links(client):
    assert _labels(client) == PUBLIC
    page = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in page
    assert f'href="{reverse("account_signup")}"' in page


def test_a_member_also_finds_their_questions(member_client):
    assert _labels(member_client) == [
        "Kennisbank",
        "Vragen",
        "Academie",
        "Bijeenkomsten",
        "Programma's",
    ]
    page = member_client.get("/").content.decode()
    assert f'href="{reverse("members:dashboard")}"' in page
    assert f'action="{reverse("account_logout")}"' in page


def test_staff_find_the_members_and_the_board_the_annual_report(staff_client, board_user):
    assert _labels(staff_client)[-3:] == ["Jaarverslag", "Leden", "Facturen"]
    staff_client.force_login(board_user)
    labels = _labels(staff_client)
    assert "Jaarverslag" in labels and "Leden" not in labels and "Facturen" not in labels
    assert dict((label, url) for url, label in _menu(staff_client))["Jaarverslag"] == reverse(
        "programmes:report_list"
    )


def test_the_menu_follows_a_new_role_at_once(member_client, member):
    assert "Leden" not in _labels(member_client)
    member.groups.add(Group.objects.get(name=roles.STAFF))
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={"secret": "X"})
    assert "Leden" in _labels(member_client, reverse("knowledge:item_list"))


def test_the_menu_speaks_the_chosen_language(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert _labels(client) == ["Kennisbank", "Academie", "Meetings", "Programmes"]
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert _labels(client) == PUBLIC
