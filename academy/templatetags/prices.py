"""`{% load prices %}{% vat_note %}`: what an Academie price includes (ACADEMY_VAT_RATE)."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def vat_note() -> str:
    """ "vrijgesteld van btw", or "incl. 21% btw" when the prices include VAT."""
    rate = settings.ACADEMY_VAT_RATE
    if rate is None:
        return _("exempt from VAT")
    return _("incl. %(rate)s%% VAT") % {"rate": rate}
