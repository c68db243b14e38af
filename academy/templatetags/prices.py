"""`{% load prices %}{% vat_note %}`: what an Academie price includes (ACADEMY_VAT_RATE);
`{% vat_note rate %}` for another rate (a meeting's: `meetings.services.vat_rate()`)."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()

_ACADEMY = object()


@register.simple_tag
def vat_note(rate=_ACADEMY) -> str:
    """ "vrijgesteld van btw", or "incl. 21% btw" when the prices include VAT."""
    if rate is _ACADEMY:
        rate = settings.ACADEMY_VAT_RATE
    if not rate:
        return _("exempt from VAT")
    return _("incl. %(rate)s%% VAT") % {"rate": rate}
