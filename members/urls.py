from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn/", views.my_dashboard, name="dashboard"),
    path("mijn/werk/", views.my_work, name="work"),
    path("mijn/profiel/", views.my_profile, name="profile"),
    path("mijn/gegevens/", views.my_data, name="my_data"),
    path("mijn/gegevens/download/", views.my_data_download, name="my_data_download"),
    path("rayons/", views.rayon_list, name="rayon_list"),
    path(
        "mijn/tweestapsverificatie/bevestigen/",
        views.mfa_enrolment_confirm,
        name="mfa_enrolment_confirm",
    ),
    path("leden/", views.organisation_list, name="organisation_list"),
    path("leden/export.csv", views.organisation_export, name="organisation_export"),
    path(
        "leden/export.xlsx",
        views.organisation_export,
        {"fmt": "xlsx"},
        name="organisation_export_xlsx",
    ),
    path("leden/import/", views.organisation_import, name="organisation_import"),
    path("leden/organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("leden/organisaties/kiezen/", views.organisation_choices, name="organisation_choices"),
    path("leden/personen/", views.person_list, name="person_list"),
    path("leden/personen/export.csv", views.person_export, name="person_export"),
    path(
        "leden/personen/export.xlsx",
        views.person_export,
        {"fmt": "xlsx"},
        name="person_export_xlsx",
    ),
    path("leden/personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("leden/personen/<int:pk>/organisatie/", views.person_link, name="person_link"),
    path("leden/personen/<int:pk>/functie/", views.person_function, name="person_function"),
    path("leden/personen/<int:pk>/anonimiseren/", views.person_erase, name="person_erase"),
]
