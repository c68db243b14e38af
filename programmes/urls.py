from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmas/", views.plan, name="plan"),
    path("programmas/<int:number>/", views.programme_detail, name="programme_detail"),
    path("programmas/project/<slug:slug>/", views.project_detail, name="project_detail"),
    path(
        "programmas/project/<slug:slug>/resultaat/",
        views.entry_add,
        {"kind": "result"},
        name="result_add",
    ),
    path(
        "programmas/project/<slug:slug>/kerncijfer/",
        views.entry_add,
        {"kind": "figure"},
        name="figure_add",
    ),
    path("programmas/project/<slug:slug>/jaarplan/", views.year_plan_save, name="year_plan_save"),
    *[
        path(f"programmas/{segment}/<int:pk>/{suffix}", view, {"kind": kind}, name=f"{kind}_{name}")
        for kind, segment in (("result", "resultaat"), ("figure", "kerncijfer"))
        for suffix, view, name in (
            ("", views.entry_edit, "edit"),
            ("verwijderen/", views.entry_delete, "delete"),
            ("verplaatsen/", views.entry_move, "move"),
        )
    ],
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
    path("jaarverslag/rapport/<int:pk>/publiceren/", views.report_publish, name="report_publish"),
    path("jaarverslag/<int:year>/intrekken/", views.report_withdraw, name="report_withdraw"),
    path("jaarverslag/<int:year>/teksten/", views.edition_edit, name="edition_edit"),
    path("jaarverslag/<int:year>/citaat/", views.quote_add, name="quote_add"),
    path("jaarverslag/citaat/<int:pk>/", views.quote_edit, name="quote_edit"),
    path("jaarverslag/citaat/<int:pk>/verwijderen/", views.quote_delete, name="quote_delete"),
]
