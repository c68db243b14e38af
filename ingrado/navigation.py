"""The header's menus, built in Python once per language and kind of user.

Every page showed them through eleven {% url %} and a dozen {% translate %} tags: a fifth of
the time a logged-in page spent rendering when nothing else was cached. What they show
depends only on the language, whether the user is logged in, whether they see the staff
pages and whether they may make the annual report, so each combination is built once per
process (and per URL prefix, which tests and proxies may change).
"""

import functools
from typing import NamedTuple

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members.permissions import has_permissions, is_staff_user


class Header(NamedTuple):
    menu: tuple[tuple[str, str], ...]  # (url, label) of the main menu
    home: str
    dashboard: str
    logout: str
    login: str
    signup: str
    set_language: str


def context(request):
    """Context processor: `header`, built when a template shows it."""
    return {"header": SimpleLazyObject(lambda: header(request))}


def header(request) -> Header:
    user = request.user
    logged_in = user.is_authenticated
    return _header(
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        logged_in=logged_in,
        reports=logged_in and has_permissions(user, ["programmes.generate_report"]),
        staff=logged_in and is_staff_user(user),
    )


@functools.cache
def _header(language, prefix, urlconf, *, logged_in, reports, staff) -> Header:
    menu = [
        (reverse("members:home"), _("Home")),
        (reverse("knowledge:item_list"), _("Kennisbank")),
    ]
    if logged_in:
        menu.append((reverse("knowledge:question_list"), _("Questions")))
    menu += [
        (reverse("academy:catalogue"), _("Academie")),
        (reverse("programmes:plan"), _("Programmes")),
    ]
    if reports:
        menu.append((reverse("programmes:report_list"), _("Annual report")))
    if staff:
        menu.append((reverse("members:organisation_list"), _("Members")))
    return Header(
        menu=tuple(menu),
        home=reverse("members:home"),
        dashboard=reverse("members:dashboard"),
        logout=reverse("account_logout"),
        login=reverse("account_login"),
        signup=reverse("account_signup"),
        set_language=reverse("set_language"),
    )
