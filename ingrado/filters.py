"""The base of the portal's filter sets."""

import django_filters


class FilterSet(django_filters.FilterSet):
    """Evaluates callable choices (see `ingrado.forms.shared_choices`) once per filter set:
    a choice field calls them again for every validation and every rendering."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():  # a copy per filter set
            choices = filter_.extra.get("choices")
            if callable(choices):
                filter_.extra["choices"] = choices()
