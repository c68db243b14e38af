"""Form fields shared by the apps."""

from django import forms

MAX_ID = 2**63 - 1


def parse_id(text: str) -> int | None:
    """A primary key from a query string or form value, or None. Only ASCII digits:
    `str.isdigit()` also accepts digits such as '²' that `int()` refuses."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids no database can hold with the normal 'invalid choice' message, instead
    of letting the database raise (an `IN` lookup does not guard against overflow)."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
