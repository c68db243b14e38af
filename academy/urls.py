from django.urls import path

from . import views

app_name = "academy"

urlpatterns = [
    path("academie/", views.catalogue, name="catalogue"),
    path("academie/editie/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("academie/editie/<int:pk>/agenda.ics", views.edition_ics, name="edition_ics"),
    path("academie/editie/<int:pk>/inschrijven/", views.enrol, name="enrol"),
    path("academie/editie/<int:pk>/deelnemers/", views.participants, name="participants"),
    path(
        "academie/editie/<int:pk>/deelnemers.csv", views.participants_csv, name="participants_csv"
    ),
    path(
        "academie/editie/<int:pk>/deelnemers.xlsx",
        views.participants_csv,
        {"fmt": "xlsx"},
        name="participants_xlsx",
    ),
    path(
        "academie/editie/<int:pk>/sessie/<int:session_pk>/aanwezigheid/",
        views.attendance,
        name="attendance",
    ),
    path(
        "academie/editie/<int:pk>/certificaten/",
        views.issue_certificates,
        name="issue_certificates",
    ),
    path(
        "academie/inschrijving/<int:pk>/annuleren/", views.enrolment_cancel, name="enrolment_cancel"
    ),
    path("academie/inschrijving/<int:pk>/evaluatie/", views.evaluate, name="evaluate"),
    path(
        "academie/inschrijving/<int:pk>/certificaat.pdf",
        views.certificate_download,
        name="certificate_download",
    ),
    path("academie/certificaat/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("academie/cijfers/", views.figures, name="figures"),
    path("academie/mijn-organisatie/", views.organisation_overview, name="organisation_overview"),
]
