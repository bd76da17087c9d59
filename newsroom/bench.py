"""The ceiling of `make bench`: prerendered pages answered by an ordinary view.

bench/pages.py saves the bytes and content type of each measured page to a directory;
with NEWSROOM_BENCH_CEILING_DIR set, /_bench/ceiling/<name> answers them from memory
through the same middleware and server as the real page, so that the gap between the
two is the work of the real view: its queries and its templates.
"""

import functools
import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse


@functools.cache
def prerendered():
    """{name: (body, content type)}, read from the directory on the first call only."""
    directory = Path(settings.NEWSROOM_BENCH_CEILING_DIR)
    content_types = json.loads((directory / "content-types.json").read_text())
    return {name: ((directory / f"{name}.body").read_bytes(), kind) for name, kind in content_types.items()}


def ceiling(request, name):
    try:
        body, content_type = prerendered()[name]
    except KeyError:
        raise Http404(f"No prerendered page named {name!r}.") from None
    return HttpResponse(body, content_type=content_type)
