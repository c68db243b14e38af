"""The admin of the programmes. Results, key figures and year plans are changed through the
same services as on the project page (`programmes.services`): every change is kept in the
history, and the history's latest revision keys the online jaarverslag."""

from django import forms
from django.contrib import admin

from ingrado.caching import BumpsGenerationsAdmin

from . import services
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
from .selectors import PROGRAMMES_GENERATION


class ProgrammesAdmin(BumpsGenerationsAdmin):
    cache_generations = (PROGRAMMES_GENERATION,)  # what the programme pages show


@admin.register(StrategicPlan)
class StrategicPlanAdmin(ProgrammesAdmin):
    list_display = ["title", "first_year", "last_year"]


@admin.register(Speerpunt)
class SpeerpuntAdmin(ProgrammesAdmin):
    list_display = ["letter", "title", "plan"]


@admin.register(Programme)
class ProgrammeAdmin(ProgrammesAdmin):
    list_display = ["number", "name", "theme", "speerpunt"]
    list_select_related = ["speerpunt"]


class YearPlanInlineForm(forms.ModelForm):
    """A year plan's year is chosen when it is written: the service keeps one plan per
    project and year."""

    class Meta:
        model = YearPlan
        fields = ["year", "intended_results", "activities"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True


class YearPlanInline(admin.StackedInline):
    model = YearPlan
    form = YearPlanInlineForm
    extra = 0


@admin.register(Project)
class ProjectAdmin(ProgrammesAdmin):
    list_display = ["name", "code", "programme", "lead", "first_year", "last_year"]
    list_filter = ["programme"]
    list_select_related = ["programme", "lead"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["lead"]
    inlines = [YearPlanInline]

    def save_formset(self, request, form, formset, change):
        """Year plans are written and deleted through the services, with their history."""
        if formset.model is not YearPlan:
            return super().save_formset(request, form, formset, change)
        # commit=False: the formset lists what changed (for the admin's own log) and
        # saves nothing itself.
        changed = formset.save(commit=False)
        for plan in formset.deleted_objects:
            services.year_plan_delete(plan=plan, actor=request.user)
        for plan in changed:
            services.year_plan_save(
                project=form.instance,
                year=plan.year,
                intended_results=plan.intended_results,
                activities=plan.activities,
                actor=request.user,
            )


class EntryAdmin(admin.ModelAdmin):
    """Results and key figures: recorded, changed and deleted through the services, as on
    the project page. The project and year are chosen when an entry is recorded; the order
    is changed on the project page."""

    entry_fields: tuple[str, ...] = ()

    def get_fields(self, request, obj=None):
        return ["project", "year", *self.entry_fields, "order"]

    def get_readonly_fields(self, request, obj=None):
        return ["order"] if obj is None else ["project", "year", "order"]

    def save_model(self, request, obj, form, change):
        services.entry_save(
            model=self.model,
            project=obj.project,
            year=obj.year,
            actor=request.user,
            entry=obj,
            **{name: form.cleaned_data[name] for name in self.entry_fields},
        )

    def delete_model(self, request, obj):
        services.entry_delete(entry=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.entry_delete(entry=entry, actor=request.user)


@admin.register(Result)
class ResultAdmin(EntryAdmin):
    list_display = ["text", "project", "year", "is_highlight", "status", "order"]
    list_filter = ["year", "is_highlight", "status", "project__programme"]
    list_select_related = ["project"]
    search_fields = ["text"]
    entry_fields = ("text", "is_highlight", "status")


@admin.register(KeyFigure)
class KeyFigureAdmin(EntryAdmin):
    list_display = ["value", "label", "project", "year", "order"]
    list_filter = ["year"]
    list_select_related = ["project"]
    entry_fields = ("value", "label")


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
