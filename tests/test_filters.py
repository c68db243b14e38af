"""ingrado.filters.FilterSet: django-filter's behaviour with cheaper copies."""

import pytest
from django.utils import translation

from members.filters import PersonFilter
from members.models import Person
from members.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_filter_sets_of_one_class_filter_each_with_their_own_values():
    PersonFactory(first_name="Anna", last_name="Jansen")
    PersonFactory(first_name="Bram", last_name="de Vries")
    people = Person.objects.all()
    anna = PersonFilter({"q": "Anna"}, queryset=people)
    bram = PersonFilter({"q": "Bram"}, queryset=people)
    assert [p.first_name for p in bram.qs] == ["Bram"]
    assert [p.first_name for p in anna.qs] == ["Anna"]
    # The method filter resolves on its own filter set, never on the class's filters.
    assert anna.filters["q"].parent is anna and bram.filters["q"].parent is bram
    assert not hasattr(PersonFilter.base_filters["q"], "parent")


def test_a_filter_sets_form_is_its_own_and_the_class_is_shared_per_language():
    first, second = PersonFilter({"function": "x"}), PersonFilter({})
    assert type(first.form) is type(second.form)
    assert first.form.fields["function"] is not second.form.fields["function"]
    assert not first.form.is_valid() and second.form.is_valid()
    with translation.override("en"):
        english = PersonFilter({})
        assert english.form["function"].label == "Function"
    assert type(english.form) is not type(second.form)
    assert second.form["function"].label == "Functie"
