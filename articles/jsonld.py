"""schema.org descriptions of articles and their quotes, for search engines (JSON-LD)."""

from django.conf import settings

from people.jsonld import person_reference

from .models import Evidence, rating_scale

# The schema.org type of each kind of evidence, cited by the quotation checked against it.
EVIDENCE_TYPES = {
    Evidence.Kind.RECORDING: "MediaObject",
    Evidence.Kind.TRANSCRIPT: "CreativeWork",
    Evidence.Kind.DOCUMENT: "DigitalDocument",
}


def article_jsonld(request, article, quotes, lead_image=None):
    """A NewsArticle and one Quotation per quote. Reads prefetched bylines, quotes, their
    speakers and evidence. `lead_image` (a media.Image): its cuts as the article's `image`,
    widest shapes first, if it may appear on the page."""
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
    quotations = [quotation(request, quote, speakers[quote.speaker_id], news["@id"]) for quote in quotes]
    return {"@context": "https://schema.org", "@graph": [news, *quotations]}


def quotation(request, quote, creator, article_id):
    """A Quotation, part of the article `article_id`, citing what it was checked against."""
    node = {
        "@type": "Quotation",
        "@id": request.build_absolute_uri(quote.get_absolute_url()),
        "text": quote.text,
        "creator": creator,
        "isPartOf": {"@id": article_id},
        "dateCreated": quote.said_on,
    }
    if citations := [evidence_reference(evidence) for evidence in quote.evidence.all()]:
        node["citation"] = citations
    return node


def evidence_reference(evidence):
    node = {"@type": EVIDENCE_TYPES[evidence.kind], "name": evidence.title}
    if evidence.url:
        node["url"] = evidence.link
    if evidence.note:
        node["description"] = evidence.note
    return node


def quote_jsonld(request, quote):
    """The quote's page: its Quotation and, if the newsroom rated the statement, a ClaimReview of
    it. Reads the quote's speaker, article, outlet and evidence (prefetched)."""
    article = quote.article
    article_url = request.build_absolute_uri(article.get_absolute_url())
    creator = person_reference(request, quote.speaker)
    graph = [quotation(request, quote, creator, article_url + "#article")]
    if review := claim_review(request, quote, creator, article_url):
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}


def claim_review(request, quote, creator, article_url):
    """A ClaimReview of the quote's statement on the newsroom's scale (settings.NEWSROOM_RATING_SCALE,
    best first: ratingValue counts from 1, the worst), or None if it isn't rated on the scale."""
    values = [value for value, _ in rating_scale()]
    if quote.rating not in values:
        return None
    url = request.build_absolute_uri(quote.get_absolute_url())
    appearance = {
        "@type": "NewsArticle",
        "@id": article_url + "#article",
        "url": article_url,
        "headline": quote.article.headline,
        "datePublished": quote.article.published_at,
    }
    claim = {"@type": "Claim", "author": creator, "appearance": appearance}
    if quote.said_on:
        claim["datePublished"] = quote.said_on
    return {
        "@type": "ClaimReview",
        "@id": url + "#claim-review",
        "url": url,
        "claimReviewed": quote.display_text,
        "datePublished": quote.rated_at,
        "author": {
            "@type": "Organization",
            "name": settings.NEWSROOM_ORGANIZATION_NAME,
            "url": request.build_absolute_uri("/"),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": len(values) - values.index(quote.rating),
            "bestRating": len(values),
            "worstRating": 1,
            "alternateName": quote.rating_label,
        },
        "itemReviewed": claim,
    }
