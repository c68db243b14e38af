from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    # Public: sign up (double opt-in), confirm, unsubscribe, and the links in a newsletter.
    path("nieuwsbrief/", views.subscribe, name="subscribe"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/o/<str:token>/", views.open_pixel, name="open"),
    path("nieuwsbrief/k/<str:token>/", views.click, name="click"),
    path("nieuwsbrief/afbeelding/<int:pk>/", views.section_image, name="section_image"),
    # The member's own subscription (on Mijn profiel).
    path("mijn/nieuwsbrief/", views.my_subscription, name="my_subscription"),
    # Staff: writing and sending.
    path("nieuwsbrief/redactie/", views.newsletter_list, name="newsletter_list"),
    path("nieuwsbrief/redactie/nieuw/", views.newsletter_create, name="newsletter_create"),
    path("nieuwsbrief/redactie/<int:pk>/", views.newsletter_detail, name="newsletter_detail"),
    path(
        "nieuwsbrief/redactie/<int:pk>/voortgang/",
        views.newsletter_progress,
        name="newsletter_progress",
    ),
    path("nieuwsbrief/redactie/<int:pk>/sectie/", views.section_add, name="section_add"),
    path("nieuwsbrief/redactie/<int:pk>/suggestie/", views.suggestion_add, name="suggestion_add"),
    path(
        "nieuwsbrief/redactie/<int:pk>/voorbeeld/",
        views.newsletter_preview,
        name="newsletter_preview",
    ),
    path("nieuwsbrief/redactie/<int:pk>/test/", views.newsletter_test, name="newsletter_test"),
    path(
        "nieuwsbrief/redactie/<int:pk>/inplannen/",
        views.newsletter_schedule,
        name="newsletter_schedule",
    ),
    path("nieuwsbrief/redactie/<int:pk>/versturen/", views.newsletter_send, name="newsletter_send"),
    path("nieuwsbrief/sectie/<int:pk>/", views.section_edit, name="section_edit"),
    path("nieuwsbrief/sectie/<int:pk>/verwijderen/", views.section_delete, name="section_delete"),
    path("nieuwsbrief/sectie/<int:pk>/verplaatsen/", views.section_move, name="section_move"),
    # Staff: the list of subscribers.
    path("nieuwsbrief/abonnees/", views.subscriber_list, name="subscriber_list"),
    path("nieuwsbrief/abonnees/export.csv", views.subscriber_export, name="subscriber_export"),
    path(
        "nieuwsbrief/abonnees/export.xlsx",
        views.subscriber_export,
        {"fmt": "xlsx"},
        name="subscriber_export_xlsx",
    ),
    path("nieuwsbrief/abonnees/import/", views.subscriber_import, name="subscriber_import"),
    path(
        "nieuwsbrief/abonnees/<int:pk>/verwijderen/",
        views.subscriber_erase,
        name="subscriber_erase",
    ),
    # Staff and board: figures per year.
    path("nieuwsbrief/cijfers/", views.figures, name="figures"),
]
