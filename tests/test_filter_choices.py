"""No filter offers the same choice twice: every FilterSet of the project, every choice field,
in Dutch and in English, with the data that made duplicates (an audience called "Everyone"
beside "Everyone" for no filter, two experts with the same name)."""

from collections import Counter

import django_filters
import pytest
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import override

from knowledge.tests.factories import TopicFactory
from members.tests.factories import RayonFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _project_filtersets():
    autodiscover_modules("filters")
    apps = {name.split(".")[0] for name in settings.INSTALLED_APPS}
    found, todo = [], list(django_filters.FilterSet.__subclasses__())
    while todo:
        filterset = todo.pop()
        todo.extend(filterset.__subclasses__())
        if filterset.__module__.split(".")[0] in apps - {"django_filters"}:
            found.append(filterset)
    return found


def _options(bound_field):
    widget = bound_field.field.widget
    groups = widget.get_context(bound_field.html_name, None, {})["widget"]["optgroups"]
    return [
        (str(option["value"]), str(option["label"]))
        for _g, options, _i in groups
        for option in options
    ]


def test_every_filter_offers_each_choice_once(roles_synced):
    for name in ("Hanneke", "Joost"):
        for _ in range(2):
            staff = StaffFactory()
            staff.person.first_name, staff.person.last_name = name, "Mulder"
            staff.person.save()
    RayonFactory(name="Midden")
    TopicFactory(name="Verzuim")
    filtersets = _project_filtersets()
    assert {f.__name__ for f in filtersets} >= {
        "QuestionQueueFilter",
        "CatalogueFilter",
        "OrganisationFilter",
        "PersonFilter",
        "SubscriberFilter",
    }
    duplicates = []
    checked = 0
    for language in ("nl", "en"):
        with override(language):
            for filterset in filtersets:
                form = filterset(None, queryset=filterset._meta.model.objects.none()).form
                for bound_field in form:
                    if not hasattr(bound_field.field.widget, "choices"):
                        continue
                    options = _options(bound_field)
                    checked += 1
                    labels = Counter(" ".join(label.lower().split()) for _v, label in options)
                    values = Counter(value for value, _label in options)
                    twice = [k for k, n in labels.items() if n > 1]
                    twice += [k for k, n in values.items() if n > 1]
                    if twice:
                        duplicates.append(
                            f"{language} {filterset.__name__}.{bound_field.name}: {twice}"
                        )
    assert checked > 20
    assert not duplicates, duplicates


def test_the_expert_picker_on_a_question_tells_two_experts_of_one_name_apart(roles_synced):
    from knowledge.forms import AssignForm

    twins = [StaffFactory(), StaffFactory()]
    for staff in twins:
        staff.person.first_name, staff.person.last_name = "Joost", "Mulder"
        staff.person.save()
    labels = [label for _value, label in AssignForm().fields["expert"].choices]
    assert f"Joost Mulder ({twins[0].email})" in labels
    assert f"Joost Mulder ({twins[1].email})" in labels
    assert len(labels) == len(set(labels))
