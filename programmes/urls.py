from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmas/", views.plan, name="plan"),
    path("programmas/<int:number>/", views.programme_detail, name="programme_detail"),
    path("programmas/project/<slug:slug>/", views.project_detail, name="project_detail"),
    path("programmas/project/<slug:slug>/resultaat/", views.result_add, name="result_add"),
    path("programmas/project/<slug:slug>/kerncijfer/", views.figure_add, name="figure_add"),
    path("programmas/project/<slug:slug>/jaarplan/", views.year_plan_save, name="year_plan_save"),
    path("programmas/resultaat/<int:pk>/", views.result_edit, name="result_edit"),
    path("programmas/resultaat/<int:pk>/verwijderen/", views.result_delete, name="result_delete"),
    path("programmas/resultaat/<int:pk>/verplaatsen/", views.result_move, name="result_move"),
    path("programmas/kerncijfer/<int:pk>/", views.figure_edit, name="figure_edit"),
    path("programmas/kerncijfer/<int:pk>/verwijderen/", views.figure_delete, name="figure_delete"),
    path("programmas/kerncijfer/<int:pk>/verplaatsen/", views.figure_move, name="figure_move"),
    path(
        "programmas/jaarplan/<int:pk>/verwijderen/",
        views.year_plan_delete,
        name="year_plan_delete",
    ),
    path("jaarverslag/", views.report_list, name="report_list"),
    path("jaarverslag/status/", views.report_status, name="report_status"),
    path("jaarverslag/<int:year>/", views.report_online, name="report_online"),
    path("jaarverslag/rapport/<int:pk>/download/", views.report_download, name="report_download"),
    path("jaarverslag/rapport/<int:pk>/opnieuw/", views.report_retry, name="report_retry"),
]
