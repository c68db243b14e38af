from django.contrib import admin
from django.db import models

from ingrado.caching import BumpsGenerationsAdmin

from . import services
from .models import Activity, Edition, Session
from .selectors import ACADEMY_GENERATION


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    # An online link typed without a scheme is https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Activity)
class ActivityAdmin(BumpsGenerationsAdmin):
    list_display = ["title", "kind", "audience", "krsd_points", "price_member", "is_published"]
    list_filter = ["kind", "audience", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["project"]
    cache_generations = (ACADEMY_GENERATION,)  # the catalogue shows it


@admin.register(Edition)
class EditionAdmin(BumpsGenerationsAdmin):
    list_display = ["__str__", "capacity", "enrolment_deadline", "is_cancelled"]
    list_filter = ["is_cancelled", "activity__kind"]
    inlines = [SessionInline]
    raw_id_fields = ["activity"]
    cache_generations = (ACADEMY_GENERATION,)

    def save_model(self, request, obj, form, change):
        """A changed capacity goes through the service that a cancellation uses too: under
        the edition's lock, a raised capacity promotes from the waiting list at once."""
        if not (change and "capacity" in form.changed_data):
            return super().save_model(request, obj, form, change)
        capacity = obj.capacity
        obj.capacity = form.initial["capacity"]  # the rest now; the capacity by the service
        super().save_model(request, obj, form, change)
        services.edition_capacity_change(edition=obj, capacity=capacity, actor=request.user)
        obj.capacity = capacity

    def save_related(self, request, form, formsets, change):
        """Participants hear of changed sessions and of a cancellation."""
        super().save_related(request, form, formsets, change)
        if not change:
            return
        cancelled = "is_cancelled" in form.changed_data and form.instance.is_cancelled
        sessions_changed = any(formset.has_changed() for formset in formsets)
        if cancelled or sessions_changed:
            services.edition_changed_by_staff(edition=form.instance, cancelled=cancelled)
