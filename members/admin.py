from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditLog, EmailDomain, Organisation, Person, Rayon, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "is_superuser", "date_joined"]
    search_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class RayonContactInline(admin.TabularInline):
    model = Person
    fk_name = "rayon_contact_for"
    fields = ["first_name", "last_name", "email", "organisation"]
    raw_id_fields = ["organisation"]
    extra = 0


@admin.register(Rayon)
class RayonAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    inlines = [RayonContactInline]


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    # A website typed without a scheme is https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "rayon", "member_since", "member_until"]
    list_filter = ["kind", "rayon"]
    search_fields = ["name", "city"]
    raw_id_fields = ["region", "contact_municipality"]
    inlines = [EmailDomainInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "organisation", "function", "krsd_registered"]
    list_filter = ["function", "krsd_registered", "organisation__rayon"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["organisation"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    readonly_fields = ["at", "actor", "action", "object_type", "object_id", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
