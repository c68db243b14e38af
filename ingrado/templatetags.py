"""Template tags of the portal as a whole (registered as the library `portal` in settings)."""

from django import template
from django.template.loader import render_to_string

from ingrado import page_cache

register = template.Library()

# The apps whose data feed the choices of the filter forms (topics, experts, rayons, kinds).
CHOICE_APPS = ("academy", "auth", "knowledge", "members")


@register.simple_tag(takes_context=True)
def filter_form(context, filterset):
    """The filter form of a list. It holds nothing personal, so everybody who filters a list
    the same way shares one rendering, until the data behind its choices changes."""
    request = context["request"]
    return page_cache.remember(
        f"filter-form:{request.path}:{page_cache.filter_key(request.GET)}",
        CHOICE_APPS,
        lambda: render_to_string(
            "includes/filter_form.html", {"filter": filterset, "request": request}
        ),
        timeout=600,
    )
