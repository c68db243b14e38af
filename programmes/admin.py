from django.contrib import admin

from .models import (
    AnnualReport,
    KeyFigure,
    Programme,
    Project,
    Result,
    ResultRevision,
    Speerpunt,
    StrategicPlan,
    YearPlan,
)


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "first_year", "last_year"]


@admin.register(Speerpunt)
class SpeerpuntAdmin(admin.ModelAdmin):
    list_display = ["letter", "title", "plan"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "theme", "speerpunt"]
    list_select_related = ["speerpunt"]


class YearPlanInline(admin.StackedInline):
    model = YearPlan
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "programme", "lead", "first_year", "last_year"]
    list_filter = ["programme"]
    list_select_related = ["programme", "lead"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["lead"]
    inlines = [YearPlanInline]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """Results are recorded on the project page (with history); the admin is for looking up."""

    list_display = ["text", "project", "year", "is_highlight", "status", "order"]
    list_filter = ["year", "is_highlight", "status", "project__programme"]
    list_select_related = ["project"]
    search_fields = ["text"]


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["value", "label", "project", "year", "order"]
    list_filter = ["year"]
    list_select_related = ["project"]


@admin.register(ResultRevision)
class ResultRevisionAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "project", "year", "action"]
    list_filter = ["action", "year"]
    list_select_related = ["actor", "project"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["year", "state", "requested_by", "requested_at", "finished_at", "attempts"]
    list_filter = ["state", "year"]
    list_select_related = ["requested_by"]
    readonly_fields = ["failure_reason", "task_id", "attempts", "started_at", "finished_at"]
