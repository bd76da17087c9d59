"""An article body as safe HTML: plain-text paragraphs with their quotes set off."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def body_paragraphs(body, quotes):
    """Split the body into paragraphs and mark each quote at its first appearance.

    A paragraph is a list of plain-text segments, some belonging to a quote; the
    segments are escaped only when rendered, so no HTML in the body or in a quote
    is ever executed, and a quote is only looked for in text no other quote took.
    """
    paragraphs = [[(p.strip(), None)] for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    for quote in quotes:
        _mark_first(paragraphs, quote)
    return [mark_safe("".join(_render(text, quote) for text, quote in segments)) for segments in paragraphs]  # noqa: S308


def _mark_first(paragraphs, quote):
    for segments in paragraphs:
        for index, (text, owner) in enumerate(segments):
            at = text.find(quote.text) if owner is None and quote.text else -1
            if at != -1:
                end = at + len(quote.text)
                segments[index : index + 1] = [(text[:at], None), (text[at:end], quote), (text[end:], None)]
                return


def _render(text, quote):
    if quote is None:
        return escape(text)
    if quote.kind == quote.Kind.DIRECT:
        html = '<q class="in-body" cite="{cite}" id="in-body-{pk}">{text}</q>'
    else:
        html = '<span class="in-body paraphrase" id="in-body-{pk}">{text}</span>'
    return format_html(html, cite=quote.get_absolute_url(), pk=quote.pk, text=text)
