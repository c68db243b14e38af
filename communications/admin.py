from django.contrib import admin
from django.db import models

from .models import Newsletter, Section, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "status", "consent", "subscribed_at", "hard_failures"]
    list_filter = ["status", "consent"]
    search_fields = ["email", "name", "organisation_name"]
    raw_id_fields = ["person", "organisation"]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    readonly_fields = ["clicks", "unique_clicks"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "scheduled_at", "started_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "started_at",
        "finished_at",
        "opens",
        "unique_opens",
        "clicks",
        "unique_clicks",
    ]
    inlines = [SectionInline]
