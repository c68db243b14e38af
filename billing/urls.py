from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("facturen/", views.open_items, name="open_items"),
    path("facturen/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("facturen/<int:pk>/factuur.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("facturen/<int:pk>/e-factuur.xml", views.invoice_ubl, name="invoice_ubl"),
    path(
        "facturen/<int:pk>/inkoopnummer/",
        views.invoice_purchase_order,
        name="invoice_purchase_order",
    ),
    path("facturen/<int:pk>/crediteren/", views.invoice_credit, name="invoice_credit"),
    path("facturen/organisatie/<int:pk>/", views.organisation_billing, name="organisation"),
    path(
        "facturen/organisatie/<int:pk>/contributie-naar-rato/",
        views.contribution_pro_rata,
        name="contribution_pro_rata",
    ),
    path("facturen/voorstel/<int:pk>/", views.proposal_decide, name="proposal_decide"),
    path("facturen/mijn-organisatie/", views.my_organisation, name="my_organisation"),
    path("facturen/contributie/", views.contribution, name="contribution"),
    path("facturen/incasso/", views.direct_debit, name="direct_debit"),
    path(
        "facturen/incasso/<int:pk>/pain008.xml",
        views.direct_debit_download,
        name="direct_debit_download",
    ),
    path("facturen/bank/", views.statement_import, name="statement_import"),
    path("facturen/boekhouding/", views.bookkeeping, name="bookkeeping"),
    path("facturen/boekhouding.csv", views.bookkeeping_csv, name="bookkeeping_csv"),
    path("facturen/factuurgegevens.csv", views.profiles_export, name="profiles_export"),
    path("facturen/factuurgegevens/import/", views.profiles_import, name="profiles_import"),
]
