from django.contrib import admin

from .models import Activity, Edition, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "krsd_points", "price_member", "is_published"]
    list_filter = ["kind", "audience", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["project"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "capacity", "enrolment_deadline", "is_cancelled"]
    list_filter = ["is_cancelled", "activity__kind"]
    inlines = [SessionInline]
    raw_id_fields = ["activity"]
