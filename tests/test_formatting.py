"""One way to write numbers, amounts and dates (ingrado.formatting)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from ingrado import formatting

NBSP = "\u00a0"


def test_numbers_are_grouped_the_dutch_way():
    assert formatting.number(4043) == "4.043"
    assert formatting.number(91.5, 1) == "91,5"
    assert formatting.number(None) == "–"


def test_a_percentage_keeps_its_sign_with_its_number():
    assert formatting.percent(30.1) == f"30,1{NBSP}%"
    assert formatting.percent(Decimal("8.25"), 2) == f"8,25{NBSP}%"


def test_money_is_euros_with_cents_and_never_a_float():
    assert formatting.money(Decimal("1250")) == f"€{NBSP}1.250,00"
    assert formatting.money(Decimal("-12.505")) == f"-€{NBSP}12,51"
    assert formatting.money(0) == f"€{NBSP}0,00"
    with pytest.raises(TypeError):
        formatting.money(12.5)


def test_a_date_is_written_out_and_held_together():
    assert formatting.day(date(2025, 4, 16)) == f"16{NBSP}april{NBSP}2025"
    late_evening = datetime(2025, 9, 29, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert formatting.day(late_evening) == f"30{NBSP}september{NBSP}2025"


def test_english_readers_get_their_own_marks():
    with translation.override("en"):
        assert formatting.number(4043) == "4,043"
        assert formatting.money(Decimal("1250")) == f"€{NBSP}1,250.00"


def test_the_template_filters_write_the_same():
    rendered = Template(
        "{% load formatting %}{{ n|number }} {{ p|percent }} {{ m|money }} {{ d|day }}"
    ).render(Context({"n": 4256, "p": 20.1, "m": Decimal("95"), "d": date(2025, 9, 30)}))
    assert rendered == (f"4.256 20,1{NBSP}% €{NBSP}95,00 30{NBSP}september{NBSP}2025")


def test_small_numbers_are_written_in_words_in_a_sentence():
    with translation.override("nl"):
        assert formatting.words(5) == "vijf" and formatting.words(1) == "één"
        assert (
            formatting.words(1, capital=True) == "Eén"
            and formatting.words(13, capital=True) == "Dertien"
        )
        assert formatting.words(23) == "23" and formatting.words(4043) == "4.043"
    with translation.override("en"):
        assert formatting.words(5) == "five"


@pytest.mark.django_db
def test_academie_prices_have_a_thousands_separator_and_cents(client):
    from django.urls import reverse

    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions()
    edition.activity.price_member, edition.activity.price_non_member = (
        Decimal("1250"),
        Decimal("1495.5"),
    )
    edition.activity.save()
    for url in (reverse("academy:catalogue"), reverse("academy:edition_detail", args=[edition.pk])):
        page = client.get(url).content.decode()
        assert f"€{NBSP}1.250,00" in page or "€&nbsp;1.250,00" in page, url
        assert "1250" not in page.replace("1.250", "")


@pytest.mark.django_db
def test_the_figures_pages_group_thousands(staff_client, settings):
    from django.template.loader import render_to_string
    from django.urls import reverse

    from knowledge.charts import bar_chart

    chart = bar_chart([("Vrijstellingen", 4043)], title="t")
    rendered = render_to_string("knowledge/_bar_chart.html", {"chart": chart})
    assert '<span class="num">4.043</span>' in rendered
    page = staff_client.get(reverse("communications:subscriber_list"))
    assert page.status_code == 200
