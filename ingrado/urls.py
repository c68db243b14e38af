from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Ingrado beheer"
admin.site.site_title = "Ingrado beheer"
# The admin logs in through allauth (rate limits, two-factor); the two-factor requirement
# itself is enforced for every request by members.middleware.TwoFactorRequiredMiddleware.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("gezond/", views.health, name="health"),
    path("bench/referentie/", views.bench_reference, name="bench_reference"),
    path("privacy/", views.privacy, name="privacy"),
    path("colofon/", views.colofon, name="colofon"),
    path("contact/", views.contact, name="contact"),
    path("", include("knowledge.urls")),
    path("", include("academy.urls")),
    path("", include("programmes.urls")),
    path("", include("communications.urls")),
    path("", include("outbox.urls")),
    path("", include("billing.urls")),
    path("", include("meetings.urls")),
    path("", include("members.urls")),
]

handler400 = "ingrado.views.bad_request"
handler403 = "ingrado.views.permission_denied"
handler404 = "ingrado.views.page_not_found"
handler500 = "ingrado.views.server_error"

if settings.DEBUG:
    urlpatterns.append(path("__fout/500/", views.crash))
