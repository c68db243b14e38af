"""The README quotes the jaarverslag's newsletter sentence of the demo's 2025 (section
"Nieuwsbrief", Figures): the quote is what the online jaarverslag shows, in the portal's
number format (4.043; 30,1 %)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_readme_newsletter_quote")]

QUOTE = re.compile(
    r'"(?P<quote>\d+ digitale nieuwsbrieven verstuurd[^"]*?) …" \(the demo\'s 2025\)'
)


def _plain(text: str) -> str:
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def test_the_readme_quotes_the_newsletter_sentence_as_the_jaarverslag_shows_it(demo, staff_client):
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    match = QUOTE.search(" ".join(readme.split()))
    assert match, "the README quotes the newsletter sentence"
    quote = match["quote"]
    assert re.search(r"\d\.\d{3} ontvangers", quote), "thousands grouped with a dot"
    assert re.search(r"\d,\d %", quote), "a decimal comma and a space before %"

    html = staff_client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    page = _plain(re.sub(r"<[^>]+>", " ", html))
    assert quote in page, (quote, re.findall(r"\d+ digitale nieuwsbrieven verstuurd[^.]*", page))
