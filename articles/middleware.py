from . import tallies


def go_live(get_response):
    """Count a scheduled article in the readers' tallies once its moment has passed, before anything
    is served from a cache or rendered: it went live with no save to do it (tallies.go_live)."""

    def middleware(request):
        tallies.go_live_when_due()
        return get_response(request)

    return middleware
