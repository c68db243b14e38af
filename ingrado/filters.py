"""The base of the portal's filter sets.

django-filter builds, for every request, a deep copy of each filter, a new form class and
the form's fields; on the staff queue that was a tenth of a page rendered fresh. Here a
filter set copies each filter shallowly (its options dict too), and the form class is built
once per filter set class and language: the form itself still copies its fields, as every
Django form does.
"""

import copy
import functools

import django_filters
from django.http import QueryDict
from django.utils.translation import get_language
from django_filters.filters import Filter


def _own_copy(filter_: Filter, model, parent) -> Filter:
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)
    copied.model, copied.parent = model, parent
    if copied.method is not None:
        copied.method = copied.method  # binds its FilterMethod to the copy, not the original
    return copied


@functools.cache
def _form_class(filterset_class, language):
    """The form class django-filter would build, once per class and language (labels that
    django-filter derives from the model are translated when the form class is built)."""
    model = filterset_class._meta.model
    fields = {
        name: _own_copy(filter_, model, None).field
        for name, filter_ in filterset_class.base_filters.items()
    }
    return type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)


class FilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django_filters.FilterSet.__init__, with a shallow copy per filter.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {
            name: _own_copy(filter_, queryset.model, self)
            for name, filter_ in self.base_filters.items()
        }

    def get_form_class(self):
        return _form_class(type(self), get_language())
