from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("vragen/", views.question_list, name="question_list"),
    path("vragen/nieuw/", views.question_create, name="question_create"),
    path("vragen/suggesties/", views.question_suggestions, name="question_suggestions"),
    path("vragen/registreren/", views.question_register, name="question_register"),
    path("vragen/cijfers/", views.figures, name="figures"),
    path("vragen/cijfers/<int:year>.csv", views.figures_csv, name="figures_csv"),
    path("vragen/cijfers/<int:year>.xlsx", views.figures_csv, {"fmt": "xlsx"}, name="figures_xlsx"),
    path("vragen/beoordelingen/", views.ratings, name="ratings"),
    path("vragen/<int:pk>/", views.question_detail, name="question_detail"),
    path("vragen/<int:pk>/toewijzen/", views.question_assign, name="question_assign"),
    path("vragen/<int:pk>/antwoord/", views.answer_save, name="answer_save"),
    path("vragen/<int:pk>/goedkeuren/", views.answer_approve, name="answer_approve"),
    path("vragen/<int:pk>/terugsturen/", views.answer_return, name="answer_return"),
    path(
        "vragen/<int:pk>/informatie/",
        views.question_request_information,
        name="question_request_information",
    ),
    path("vragen/<int:pk>/notitie/", views.question_note, name="question_note"),
    path("vragen/<int:pk>/sluiten/", views.question_close, name="question_close"),
    path("vragen/<int:pk>/reageren/", views.question_reply, name="question_reply"),
    path("vragen/<int:pk>/beoordelen/", views.question_rate, name="question_rate"),
    path("vragen/<int:pk>/publiceren/", views.question_publish, name="question_publish"),
    path(
        "vragen/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "vragen/<int:pk>/bijlagen/<int:attachment_pk>/verwijderen/",
        views.answer_attachment_remove,
        name="answer_attachment_remove",
    ),
    path("kennisbank/", views.item_list, name="item_list"),
    path("kennisbank/nieuw/", views.item_create, name="item_create"),
    path("kennisbank/herzien/", views.item_review, name="item_review"),
    path("kennisbank/<slug:slug>/", views.item_detail, name="item_detail"),
    path("kennisbank/<slug:slug>/bewerken/", views.item_edit, name="item_edit"),
]
