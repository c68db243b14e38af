from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from members.permissions import needs_mfa_setup

from . import views

admin.site.site_header = "Ingrado beheer"
admin.site.site_title = "Ingrado beheer"
# The admin logs in through allauth (rate limits, two-factor) and requires 2FA.
_admin_login = secure_admin_login(admin.site.login)


def _admin_login_requiring_mfa(request, *args, **kwargs):
    if request.user.is_authenticated and request.user.is_staff and needs_mfa_setup(request.user):
        return redirect("mfa_activate_totp")
    return _admin_login(request, *args, **kwargs)


_admin_has_permission = admin.site.has_permission
admin.site.login = _admin_login_requiring_mfa
admin.site.has_permission = lambda request: (
    _admin_has_permission(request) and not (needs_mfa_setup(request.user))
)

urlpatterns = [
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("gezond/", views.health, name="health"),
    path("bench/referentie/", views.bench_reference, name="bench_reference"),
    path("", include("knowledge.urls")),
    path("", include("academy.urls")),
    path("", include("programmes.urls")),
    path("", include("members.urls")),
]

handler400 = "ingrado.views.bad_request"
handler403 = "ingrado.views.permission_denied"
handler404 = "ingrado.views.page_not_found"
handler500 = "ingrado.views.server_error"

if settings.DEBUG:
    urlpatterns.append(path("__fout/500/", views.crash))
