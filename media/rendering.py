"""A library picture as the reader's page shows it: `<picture>` with a source per format, each a
srcset of widths, and an `<img>` (the JPEG fallback) with width and height, so the page doesn't
move as it loads. A picture without alt text, or not yet cut, shows nothing at all."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .images import MIME


def srcset(entries):
    return ", ".join(f"{url} {width}w" for url, width, height in entries)


def picture(image, shape="wide", sizes="100vw", eager=False, css_class="", decorative=False):
    """The `<picture>` of `image` in `shape` ("wide", "square"), or "" if it may not appear.
    `eager`: loaded at once (the lead image, above the fold), else lazily. `decorative`: with an
    empty alt, where the text beside it says the same (a small portrait by the person's name)."""
    if image is None or not image.can_appear:
        return ""
    sources = image.sources(shape)
    fallback = sources.get("jpeg") or sources.get("png")
    if not fallback:
        return ""
    others = [(MIME[kind], srcset(entries), sizes) for kind, entries in sources.items() if kind != "jpeg"]
    # The fallback's middle width as src: browsers without srcset are the old and small ones.
    src = fallback[len(fallback) // 2][0]
    largest = fallback[-1]
    loading = mark_safe(' fetchpriority="high"' if eager else ' loading="lazy"')  # noqa: S308 - constants
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" decoding="async"{}>'
        "</picture>",
        format_html(' class="{}"', css_class) if css_class else "",
        format_html_join("", '<source type="{}" srcset="{}" sizes="{}">', others),
        src,
        srcset(fallback),
        sizes,
        largest[1],
        largest[2],
        "" if decorative else image.alt_text,
        loading,
    )


def figure(image, sizes, eager=False, css_class="figure"):
    """`<figure>`: the picture, and its caption and credit under it; "" if it may not appear."""
    shown = picture(image, "wide", sizes=sizes, eager=eager)
    if not shown:
        return ""
    caption = format_html('<span class="caption">{}</span>', image.caption) if image.caption else ""
    credit = format_html('<span class="credit">{}</span>', image.credit) if image.credit else ""
    below = format_html("<figcaption>{}{}</figcaption>", caption, credit) if caption or credit else ""
    return format_html('<figure class="{}">{}{}</figure>', css_class, shown, below)
