from . import tallies


def go_live(get_response):
    """Count a scheduled article in the readers' tallies once its moment has passed, before a page
    is rendered: it went live with no save to do it (tallies.go_live). (No page stored in the
    cache outlives that moment: a hit needs no check.)"""

    def middleware(request):
        tallies.go_live_when_due()
        return get_response(request)

    return middleware
