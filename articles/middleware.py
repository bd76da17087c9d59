from . import tallies


def go_live(get_response):
    """Count a scheduled article in the readers' tallies once its moment has passed, before a page
    is served or rendered: it went live with no save to do it (tallies.go_live announces it to
    the caches as a publication)."""

    def middleware(request):
        tallies.go_live_when_due()
        return get_response(request)

    return middleware
