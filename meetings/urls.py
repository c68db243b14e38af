from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("bijeenkomsten/", views.meeting_list, name="list"),
    path("bijeenkomsten/agenda.ics", views.list_ics, name="list_ics"),
    path("bijeenkomsten/cijfers/", views.figures, name="figures"),
    path("bijeenkomsten/cijfers/<int:year>.csv", views.figures_csv, name="figures_csv"),
    path("bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.meeting_ics, name="meeting_ics"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("bijeenkomsten/<int:pk>/publiceren/", views.meeting_publish, name="meeting_publish"),
    path("bijeenkomsten/<int:pk>/annuleren/", views.meeting_cancel, name="meeting_cancel"),
    path("bijeenkomsten/<int:pk>/programma/", views.item_add, name="item_add"),
    path("bijeenkomsten/programma/<int:pk>/verwijderen/", views.item_delete, name="item_delete"),
    path("bijeenkomsten/<int:pk>/documenten/", views.document_add, name="document_add"),
    path(
        "bijeenkomsten/<int:pk>/documenten/<int:document_pk>/",
        views.document_download,
        name="document_download",
    ),
    path("bijeenkomsten/<int:pk>/aanmelden/", views.register, name="register"),
    path(
        "bijeenkomsten/aanmelding/<int:pk>/afmelden/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "bijeenkomsten/aanmelding/<int:pk>/workshops/",
        views.workshops_choose,
        name="workshops_choose",
    ),
    path("bijeenkomsten/aanmelding/<int:pk>/evaluatie/", views.evaluate, name="evaluate"),
    path("bijeenkomsten/aanmelding/<int:pk>/uitchecken/", views.check_out, name="check_out"),
    path("bijeenkomsten/<int:pk>/deelnemers/", views.participants, name="participants"),
    path("bijeenkomsten/<int:pk>/deelnemers.csv", views.participants_csv, name="participants_csv"),
    path("bijeenkomsten/<int:pk>/inchecken/", views.check_in, name="check_in"),
    path("bijeenkomsten/<int:pk>/aanwezig/", views.presence, name="presence"),
    path("bijeenkomsten/<int:pk>/ik-ben-er/", views.self_check_in, name="self_check_in"),
    path("bijeenkomsten/<int:pk>/stemregister/", views.voting_register, name="voting_register"),
    path("bijeenkomsten/<int:pk>/afgevaardigde/", views.delegate, name="delegate"),
    path("bijeenkomsten/<int:pk>/volmacht/", views.proxy, name="proxy"),
    path("bijeenkomsten/volmacht/<int:pk>/intrekken/", views.proxy_revoke, name="proxy_revoke"),
    path("bijeenkomsten/<int:pk>/stemmen/", views.vote_page, name="vote_page"),
    path("bijeenkomsten/<int:pk>/besluiten/", views.decisions, name="decisions"),
    path("bijeenkomsten/besluit/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("bijeenkomsten/besluit/<int:pk>/stem/", views.vote, name="vote"),
    path("bijeenkomsten/besluit/<int:pk>/openen/", views.decision_open, name="decision_open"),
    path("bijeenkomsten/besluit/<int:pk>/sluiten/", views.decision_close, name="decision_close"),
    path("bijeenkomsten/<int:pk>/verslagen/", views.report_request, name="report_request"),
    path("bijeenkomsten/verslag/<int:pk>.pdf", views.report_download, name="report_download"),
    path("bijeenkomsten/verslag/<int:pk>/opnieuw/", views.report_retry, name="report_retry"),
    path("bijeenkomsten/betrokkenheid/", views.engagement_map, name="engagement_map"),
    path(
        "organisaties/<int:pk>/tijdlijn/",
        views.organisation_timeline,
        name="organisation_timeline",
    ),
    path("bijeenkomsten/<int:pk>/raadpleging/", views.consultation, name="consultation"),
    path(
        "bijeenkomsten/<int:pk>/raadpleging/uitslag/",
        views.consultation_results,
        name="consultation_results",
    ),
]
