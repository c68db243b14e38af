"""Project-wide views: health check and Dutch error pages."""

from csp.middleware import CSPMiddleware
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

# Switching the interface language changes nothing but a cookie, so it needs no CSRF
# token; that keeps public pages free of per-visitor tokens and cacheable.
switch_language = csrf_exempt(set_language)


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bench_reference(request):
    """The benchmark's reference: the same server stack, a small template, no database."""
    return render(request, "bench_reference.html")


def bad_request(request, exception=None):
    # Without the request's context processors: the request itself is what is wrong. This
    # answer may leave before the frame and CSP middlewares have run (it is given by the
    # control-character middleware in front of them, or for an error Django raises in an
    # earlier middleware), so it gets their headers here, as every other page has them.
    response = HttpResponseBadRequest(loader.render_to_string("errors/400.html"))
    for middleware in (XFrameOptionsMiddleware(_unused), CSPMiddleware(_unused)):
        response = middleware.process_response(request, response)
    return response


def _unused(request):
    raise AssertionError("only process_response is used")


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be the problem.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def crash(request):
    raise RuntimeError("Deliberate error to preview the 500 page.")
