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
