"""Which pictures of the media library the articles' published pages show (media.usage): an
article's lead image and figures, an outlet's logo. Published includes scheduled: such a page
appears with no save, so its pictures must already be fit to show."""

from django.db.models import Q

from .models import Article, Figure, Outlet


def shown_publicly(image_ids):
    """{image id: what shows it} among `image_ids` (three small queries)."""
    published = Q(status=Article.Status.PUBLISHED)
    found = {}
    for pk, headline in Article.objects.filter(published, lead_image__in=image_ids).values_list(
        "lead_image", "headline"
    )[:100]:
        found.setdefault(pk, f"the lead image of “{headline}”")
    figures = Figure.objects.filter(image__in=image_ids, article__status=Article.Status.PUBLISHED)
    for pk, headline in figures.values_list("image", "article__headline")[:100]:
        found.setdefault(pk, f"a figure in “{headline}”")
    outlets = Outlet.objects.public().filter(logo__in=image_ids).values_list("logo", "name")
    for pk, name in outlets:
        found.setdefault(pk, f"the logo of {name}")
    return found
