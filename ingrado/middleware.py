from django.conf import settings
from django.utils import translation

from .text import CONTROL_CHARACTERS
from .views import bad_request


class DutchUnlessChosenMiddleware:
    """Serve Dutch unless the user picked another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language; many office laptops
    are set to English, but the portal is Dutch first. The language cookie still wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RefuseControlCharactersMiddleware:
    """Answer 400 with the Dutch error page when the path, the query string or one of the
    portal's cookies holds a control character, before any view or the session reads it.

    Form fields are the forms' business: Django's CharField refuses NUL with a form error and
    a tab or line break is ordinary text there. Imported CSV cells are checked per line.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_control_character(request):
            with translation.override(settings.LANGUAGE_CODE):
                return bad_request(request)
        return self.get_response(request)

    def _holds_control_character(self, request) -> bool:
        texts = [request.path_info]
        for key, values in request.GET.lists():
            texts += [key, *values]
        cookies = (
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            settings.LANGUAGE_COOKIE_NAME,
        )
        texts += [request.COOKIES.get(name, "") for name in cookies]
        return any(CONTROL_CHARACTERS.search(text) for text in texts)
