"""schema.org descriptions of articles and their quotes, for search engines (JSON-LD)."""

from people.jsonld import person_reference


def article_jsonld(request, article, quotes, lead_image=None):
    """A NewsArticle and one Quotation per quote. Reads prefetched bylines, quotes and speakers.
    `lead_image` (a media.Image): its cuts as the article's `image`, widest shapes first, if it may
    appear on the page."""
    url = request.build_absolute_uri(article.get_absolute_url())
    speakers = {}
    for quote in quotes:
        speakers.setdefault(quote.speaker_id, person_reference(request, quote.speaker))
    news = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.headline,
        "description": article.dek or article.headline,
        "articleBody": article.body_text,
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "author": [person_reference(request, byline.author) for byline in article.bylines.all()],
        "publisher": {"@type": "NewsMediaOrganization", "name": article.outlet.name if article.outlet else "Newsroom"},
        "about": list(speakers.values()),
        "mentions": list(speakers.values()),
    }
    if lead_image is not None and lead_image.can_appear:
        shapes = [lead_image.largest(shape) for shape in ("social", "wide", "square")]
        news["image"] = [request.build_absolute_uri(found[0]) for found in shapes if found]
    if article.outlet and article.outlet.homepage_url:
        news["publisher"]["url"] = article.outlet.homepage_url
    quotations = [
        {
            "@type": "Quotation",
            "@id": request.build_absolute_uri(quote.get_absolute_url()),
            "text": quote.text,
            "creator": speakers[quote.speaker_id],
            "isPartOf": {"@id": news["@id"]},
            "dateCreated": quote.said_on,
        }
        for quote in quotes
    ]
    return {"@context": "https://schema.org", "@graph": [news, *quotations]}
