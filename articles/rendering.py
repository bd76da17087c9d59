"""An article body as the page shows it: cleaned again, with its quotes set off and linked, and
its pictures from the media library."""

from django.utils.safestring import mark_safe

from media.rendering import figure

from . import richtext

# The body column's width on the page (static/css/site.css): what a figure's srcset is chosen for.
FIGURE_SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)"


def render_body(body, quotes, images=None):
    """The body's HTML, cleaned again (richtext.clean), with each quote set off and linked to its
    permalink: where the body marks it (`<q data-quote="ID">`), else at the first appearance of
    its words in text no link or other quote holds. A mark naming no quote of `quotes` (deleted
    since, or of another article) stays a plain `<q>`. Each `<figure data-image="ID">` becomes
    the picture of `images` ({id: media.Image}) with its caption and credit, loaded lazily; one
    naming no picture there, or a picture without alt text, shows nothing."""
    by_pk = {quote.pk: quote for quote in quotes}
    cleaned = richtext.clean(body)
    tokens = richtext.tokens(cleaned)
    marked = set(richtext.marks(cleaned)) & set(by_pk)
    for quote in quotes:
        if quote.pk not in marked and quote.text:
            tokens = richtext.mark_tokens(tokens, quote.pk, quote.text)
    return mark_safe(_render(tokens, by_pk, images or {}))  # noqa: S308 - cleaned; every text and attribute escaped


def _render(tokens, by_pk, images):
    """The HTML of `tokens`, each first mark of a quote in `by_pk` as the reader sees it, each
    figure as its picture in `images`."""
    parts, closing, seen, in_figure = [], [], set(), 0
    for index, token in enumerate(tokens):
        if token[:2] == ("start", "figure"):
            # The picture from the library in place of whatever the figure held.
            if not in_figure:
                image = images.get(int(token[2].get(richtext.FIGURE_IMAGE) or 0))
                parts.append(figure(image, FIGURE_SIZES) if image is not None else "")
            in_figure += 1
        elif token[:2] == ("end", "figure"):
            in_figure = max(in_figure - 1, 0)
        elif in_figure:
            continue
        elif token[0] == "start" and token[1] == "q":
            quote = by_pk.get(int(token[2].get(richtext.QUOTE_MARK) or 0))
            if quote is None or quote.pk in seen:
                parts.append("<q>")
                closing.append("</q>")
                continue
            seen.add(quote.pk)
            url = quote.get_absolute_url()
            tag = "q" if quote.kind == quote.Kind.DIRECT else "span"
            attrs = {"class": "in-body" if tag == "q" else "in-body paraphrase"}
            attrs |= {"cite": url} if tag == "q" else {}
            attrs |= {"id": f"in-body-{quote.pk}"}
            # A link inside the marked words keeps them from being one link themselves.
            linked = not _holds_link(tokens, index)
            parts.append(richtext.start_tag(tag, attrs) + (richtext.start_tag("a", {"href": url}) if linked else ""))
            closing.append(("</a>" if linked else "") + f"</{tag}>")
        elif token[0] == "end" and token[1] == "q":
            parts.append(closing.pop() if closing else "")
        else:
            parts.append(richtext.serialize([token]))
    return "".join(parts)


def _holds_link(tokens, start):
    depth = 0
    for token in tokens[start:]:
        if token[0] == "start" and token[1] == "a":
            return True
        if token[:2] == ("start", "q"):
            depth += 1
        elif token[:2] == ("end", "q"):
            depth -= 1
            if depth == 0:
                return False
    return False
