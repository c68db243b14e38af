"""The admin is a door, not a way around the rules: invoices and their lines are read-only
there (issued ones can never change; drafts are made by the services), credits go through
`services.invoice_credit`, profiles through `services.profile_update`."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import BillingProfile, Invoice, InvoiceLine, Payment, Tariff


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "status", "buyer_name", "issue_date", "total_incl", "balance"]
    list_filter = ["kind", "status", "product"]
    search_fields = ["number", "buyer_name"]
    inlines = [InvoiceLineInline]
    actions = ["credit"]

    def has_change_permission(self, request, obj=None):
        # Listing and viewing; the change form is read-only and saves nothing.
        return False

    @admin.action(description=_("Credit the selected invoices (a credit note each)"))
    def credit(self, request, queryset):
        made = 0
        for invoice in queryset:
            try:
                services.invoice_credit(invoice=invoice, actor=request.user)
                made += 1
            except services.BillingError as error:
                self.message_user(request, f"{invoice}: {error.message}", messages.WARNING)
        self.message_user(request, _("%(n)s credit notes made.") % {"n": made})


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["booked_on", "amount", "invoice", "method", "counterparty"]


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
    list_display = ["year", "kind", "inhabitants_from", "amount", "vat_rate"]
    list_filter = ["year", "kind"]


@admin.register(BillingProfile)
class BillingProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "email", "purchase_order_required", "iban"]
    search_fields = ["organisation__name"]

    def save_model(self, request, obj, form, change):
        services.profile_update(
            organisation=obj.organisation,
            actor=request.user,
            **{
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name != "organisation"
            },
        )
