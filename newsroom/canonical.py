"""Each public page sees only the query parameters it reads; the rest are dropped.

`/?utm_source=1` … `/?utm_source=300` are one page, yet keyed by their full address they
were three hundred renders in the page cache. A view says which parameters it reads
(`reads_query`, or for the API its filterset and paginator); before the view and the page
cache see a request to it, any other parameter is dropped and the rest put in one order.

Dropped rather than answered with a redirect to the canonical address: a campaign link costs
no extra round trip, and no browser keeps a permanent redirect that would outlive a page
starting to read a parameter. Since the view itself never sees what was dropped (pagination
and export links copy request.GET), a stored page is exactly what any of those addresses
renders. A view that says nothing keeps its whole query string.

A parameter it reads left empty (`?person=&state=`, a filter form submitted with blank fields)
is the one exception: answered with a permanent redirect to the address without it, so that
the address a reader sees, bookmarks and shares is the clean one, JavaScript or not.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.urls import Resolver404, resolve
from django.utils.http import escape_leading_slashes
from django.views.decorators.http import require_safe


def reads_query(*sources):
    """Declare the query parameters a reader page's view reads: names, or forms and filtersets
    whose fields are the parameters (a ListFilterSet's `parameters()`, a form's fields). A reader
    page only reads: any method but GET and HEAD answers 405 (Django's `require_safe`)."""
    names = set()
    for source in sources:
        if isinstance(source, str):
            names.add(source)
        elif hasattr(source, "parameters"):
            names |= source.parameters()
        else:
            names |= set(source.base_fields)

    def decorate(view):
        view = require_safe(view)
        view.query_parameters = frozenset(names)
        return view

    return decorate


def query_parameters(view):
    """The query parameters `view` reads, or None when it doesn't say."""
    declared = getattr(view, "query_parameters", None)
    if declared is not None:
        return declared
    cls = getattr(view, "cls", None)  # a REST framework view: its filterset, paginator and ?format=
    if cls is None:
        return None
    names = set()
    if (filterset := getattr(cls, "filterset_class", None)) is not None:
        if not hasattr(filterset, "parameters"):
            return None
        names |= filterset.parameters()
    if (pagination := getattr(cls, "pagination_class", None)) is not None:
        names |= {getattr(pagination, "page_query_param", None), getattr(pagination, "page_size_query_param", None)}
    names.add(settings.REST_FRAMEWORK.get("URL_FORMAT_OVERRIDE", "format"))
    return frozenset(names - {None})


def canonical_query(get_response):
    """Drop the query parameters the requested view doesn't read; sort the rest by name."""

    def middleware(request):
        if request.META.get("QUERY_STRING"):
            try:
                wanted = query_parameters(resolve(request.path_info).func)
            except Resolver404:
                wanted = None
            if wanted is not None:
                query = QueryDict(mutable=True)
                for name in sorted(request.GET):
                    if name in wanted:
                        query.setlist(name, request.GET.getlist(name))
                if request.method in ("GET", "HEAD") and any("" in values for _, values in query.lists()):
                    # An empty filter (a form submitted with fields left blank) means no filter:
                    # the address without it is the page's one address, in the browser's bar too.
                    for name, values in list(query.lists()):
                        query.setlist(name, [value for value in values if value != ""])
                        if not query.getlist(name):
                            del query[name]
                    clean = query.urlencode()
                    path = escape_leading_slashes(request.path)  # never another host's address
                    return HttpResponsePermanentRedirect(path + (f"?{clean}" if clean else ""))
                # What get_full_path(), request.GET and every link built from them now read.
                request.META["QUERY_STRING"] = query.urlencode()
                query._mutable = False
                request.GET = query
        return get_response(request)

    return middleware
