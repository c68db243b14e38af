"""No table has two columns with the same heading (as the queue had "Onderwerp" twice: the
question's title and its topic), on the demo's main pages of staff, board and members."""

import re
from collections import Counter
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from academy.models import Edition
from members.models import Person

pytestmark = pytest.mark.django_db


def _headings(page: str) -> list[list[str]]:
    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    found = []
    for table in tables:
        head = table.split("</thead>")[0] if "</thead>" in table else ""
        cells = re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S)
        found.append([" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return found


def test_no_table_on_the_main_pages_has_two_columns_with_the_same_heading(
    demo_data, client, settings
):
    settings.DEBUG = settings.DEMO_ACCOUNTS_SKIP_MFA = True  # the demo accounts, as `make run`
    users = get_user_model().objects
    edition = Edition.objects.filter(enrolments__isnull=False).order_by("-pk").first()
    person = Person.objects.filter(questions__isnull=False, enrolments__isnull=False).first()
    pages = {
        "expert@example.org": [
            reverse("knowledge:question_list"),
            reverse("knowledge:question_list") + "?status=alle",
            reverse("knowledge:ratings"),
            reverse("knowledge:figures"),
            reverse("members:organisation_list"),
            reverse("members:person_list"),
            reverse("members:person_detail", args=[person.pk]),
            reverse("academy:participants", args=[edition.pk]),
            reverse("academy:figures"),
            reverse("programmes:report_list"),
            reverse("communications:newsletter_list"),
            reverse("communications:subscriber_list"),
            reverse("communications:figures"),
        ],
        "bestuur@example.org": [reverse("members:work")],
        "lid@example.org": [reverse("knowledge:question_list"), reverse("members:dashboard")],
    }
    checked = 0
    for email, urls in pages.items():
        client.force_login(users.get(email=email))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            for headings in _headings(response.content.decode()):
                named = [h.lower() for h in headings if h]
                twice = [h for h, n in Counter(named).items() if n > 1]
                assert not twice, (url, headings)
                checked += bool(named)
    assert checked >= 12
