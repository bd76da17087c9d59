import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from psycopg.errors import QueryCanceled

from .canonical import reads_query


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it doesn't. Never cached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def server_error(request):
    """The 500 page, or a friendly 503 when the cause is the database: unreachable, out of
    connections, or a query cancelled at the statement timeout (DATABASE_STATEMENT_TIMEOUT).

    The database's error is looked for along the exception's whole chain: whatever raised it
    (a view, a template, a remembered value's computation), it may reach here as the cause of
    another. Connections are health-checked before reuse (CONN_HEALTH_CHECKS), so the site
    recovers by itself as soon as the database answers again.
    """
    error = sys.exc_info()[1]
    causes = list(exception_chain(error))
    if not any(isinstance(cause, OperationalError | InterfaceError) for cause in causes):
        return render_without_request("500.html", status=500)
    response = render_without_request("503.html", status=503)
    response["Retry-After"] = "30"
    add_never_cache_headers(response)
    if any(isinstance(cause, QueryCanceled) for cause in causes):
        # One record that says what happened, in the form of Django's own "Service Unavailable:
        # <path>", which is then skipped.
        log_response("Statement timeout: %s", request.path, response=response, request=request, exception=error)
    return response


def bad_request(request, exception):
    """The 400 page; in JSON for an address of the API, whose clients read JSON.

    Raised before any view runs (an unknown Host header, a NUL character: newsroom/middleware.py),
    so the API's own error handling never sees it. The reason is not repeated: it may quote the
    refused header.
    """
    if in_namespace(request, API_NAMESPACE):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def not_found_in_api(request):
    """Any address under the API that names nothing, as the API's own 404 (DRF's words)."""
    return JsonResponse({"detail": "Not found."}, status=404)


API_NAMESPACE = "api"  # the JSON API's URL namespace (articles/site_urls.py)


def in_namespace(request, namespace):
    try:
        return resolve(request.path_info).namespace == namespace
    except Resolver404:
        return False


def exception_chain(error):
    """`error`, then the exception it was raised from or while handling, and so on."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def render_without_request(template_name, status):
    # No request context: context processors could touch the session, hence the database.
    return HttpResponse(loader.get_template(template_name).render(), status=status)


@reads_query()
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    return redirect(static("img/favicon.svg"), permanent=True)
