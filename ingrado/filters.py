"""The base of the portal's filter sets."""

import functools

import django_filters


class FilterSet(django_filters.FilterSet):
    """Looks callable choices (see `ingrado.forms.shared_choices`) up at most once per filter
    set, and only when needed: a choice field calls them for every validation and every
    rendering, and not at all when the field is left empty and the form comes from the cache
    (`{% filter_form %}`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():  # a copy per filter set
            choices = filter_.extra.get("choices")
            if callable(choices):
                filter_.extra["choices"] = functools.cache(choices)
