from django.contrib import admin
from django.db import models

from . import services
from .models import ConsultationQuestion, Meeting, ProgrammeItem, Workshop


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 1


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 1
    fields = ["round", "title", "speaker", "capacity"]


class ConsultationQuestionInline(admin.TabularInline):
    model = ConsultationQuestion
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Staff edit programmes, workshops and consultation questions here; a raised capacity
    gives its free places to the first waiting through the same service as the pages."""

    list_display = [
        "title",
        "kind",
        "date",
        "rayon",
        "status",
        "capacity",
        "price_member",
        "price_non_member",
    ]
    list_filter = ["kind", "status", "rayon"]
    search_fields = ["title"]
    date_hierarchy = "date"
    raw_id_fields = ["alv", "region", "created_by"]
    inlines = [ProgrammeItemInline, WorkshopInline, ConsultationQuestionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            services.meeting_places_refill(meeting=form.instance)
