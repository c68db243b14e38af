"""`{% load report_text %}`: `typeset` writes a stored text as the jaarverslag prints it."""

from django import template

from programmes.typesetting import typeset

register = template.Library()
register.filter("typeset", typeset)
