from django.conf import settings
from django.core.exceptions import BadRequest


def reject_nul_characters(get_response):
    """Answer 400 to a path, query string or form field holding a NUL character.

    No legitimate input contains one, and PostgreSQL refuses them in text,
    which would otherwise turn a typo or a probe into a server error.
    """

    def middleware(request):
        if "\x00" in request.path:
            raise BadRequest("NUL character in the address.")
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in request parameters.")
        return get_response(request)

    return middleware


def content_security_policy(get_response):
    """Send the site's Content-Security-Policy on every response that hasn't its own."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware
