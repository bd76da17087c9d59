"""An article body as the page shows it: cleaned again, with its quotes set off and linked."""

from django.utils.safestring import mark_safe

from . import richtext


def render_body(body, quotes):
    """The body's HTML, cleaned again (richtext.clean), with each quote set off and linked to its
    permalink: where the body marks it (`<q data-quote="ID">`), else at the first appearance of
    its words in text no link or other quote holds. A mark naming no quote of `quotes` (deleted
    since, or of another article) stays a plain `<q>`."""
    by_pk = {quote.pk: quote for quote in quotes}
    cleaned = richtext.clean(body)
    tokens = richtext.tokens(cleaned)
    marked = set(richtext.marks(cleaned)) & set(by_pk)
    for quote in quotes:
        if quote.pk not in marked and quote.text:
            tokens = richtext.mark_tokens(tokens, quote.pk, quote.text)
    return mark_safe(_render(tokens, by_pk))  # noqa: S308 - cleaned; every text and attribute escaped


def _render(tokens, by_pk):
    """The HTML of `tokens`, each first mark of a quote in `by_pk` as the reader sees it."""
    parts, closing, seen = [], [], set()
    for index, token in enumerate(tokens):
        if token[0] == "start" and token[1] == "q":
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
