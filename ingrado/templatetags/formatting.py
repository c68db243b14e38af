"""`{% load formatting %}`: the filters `number`, `percent`, `money`, `day` and `words` of
`ingrado.formatting` (registered in TEMPLATES' libraries, as `ingrado` is not an app)."""

from django import template

from ingrado import formatting

register = template.Library()


@register.filter
def number(value, decimals=0):
    return formatting.number(value, int(decimals))


@register.filter
def percent(value, decimals=1):
    return formatting.percent(value, int(decimals))


@register.filter
def money(value):
    return formatting.money(value)


@register.filter
def words(value):
    return formatting.words(value)


@register.filter
def day(value):
    return formatting.day(value)
