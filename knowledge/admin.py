from django.contrib import admin

from ingrado.caching import BumpsGenerationsAdmin

from . import services
from .models import Item, LegalSource, Question, StandardText, Topic
from .selectors import KENNISBANK_GENERATION
from .stats import QUESTIONS_GENERATION


@admin.register(Topic)
class TopicAdmin(BumpsGenerationsAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    filter_horizontal = ["experts"]
    cache_generations = (KENNISBANK_GENERATION,)  # the kennisbank shows the topics


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    list_display = ["title"]
    search_fields = ["title", "body"]


@admin.register(LegalSource)
class LegalSourceAdmin(BumpsGenerationsAdmin):
    search_fields = ["name"]
    cache_generations = (KENNISBANK_GENERATION,)


@admin.register(Question)
class QuestionAdmin(BumpsGenerationsAdmin):
    list_display = ["subject", "status", "topic", "received_at", "due_date", "expert"]
    list_filter = ["status", "topic", "channel"]
    search_fields = ["subject"]
    raw_id_fields = ["asker", "expert", "organisation", "created_by"]
    list_select_related = ["topic", "expert"]
    cache_generations = (QUESTIONS_GENERATION,)  # the queue's counts per status


@admin.register(Item)
class ItemAdmin(BumpsGenerationsAdmin):
    """The personal-data check is the model's validation (`Item.clean`): the admin's form
    refuses an item with personal data as the portal does, naming each finding."""

    list_display = ["title", "audience", "published_at", "review_by"]
    list_filter = ["audience", "topics"]
    search_fields = ["title"]
    raw_id_fields = ["source_question", "author"]
    cache_generations = (KENNISBANK_GENERATION,)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.update_search_index(Item.objects.filter(pk=form.instance.pk))
