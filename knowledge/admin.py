from django.contrib import admin

from . import services
from .models import Item, LegalSource, Question, StandardText, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    filter_horizontal = ["experts"]


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    list_display = ["title"]
    search_fields = ["title", "body"]


@admin.register(LegalSource)
class LegalSourceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "topic", "received_at", "due_date", "expert"]
    list_filter = ["status", "topic", "channel"]
    search_fields = ["subject"]
    raw_id_fields = ["asker", "expert", "organisation", "created_by"]
    list_select_related = ["topic", "expert"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "published_at", "review_by"]
    list_filter = ["audience", "topics"]
    search_fields = ["title"]
    raw_id_fields = ["source_question", "author"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.update_search_index(Item.objects.filter(pk=form.instance.pk))
