"""Where pictures appear to readers, as the apps that show them declare it: `media` imports no app
(articles and people both use it), so each registers a function telling which of some images a
published page of theirs shows."""

_shown = []


def register(shown_publicly):
    """`shown_publicly(image_ids)` returns {image id: what shows it, for the editor} among those ids."""
    if shown_publicly not in _shown:
        _shown.append(shown_publicly)


def shown_publicly(image_ids):
    """{image id: what shows it} of `image_ids` appearing on a published page (one query per app)."""
    found = {}
    for shown in _shown:
        for pk, place in shown(image_ids).items():
            found.setdefault(pk, place)
    return found
