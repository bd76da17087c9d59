"""Fill each author's kept count of published articles (people 0010; kept by articles/tallies.py)."""

from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    using = schema_editor.connection.alias
    Author = apps.get_model("people", "Author")
    Byline = apps.get_model("articles", "Byline")
    counted = (
        Byline.objects.using(using)
        .filter(article__counted=True, author=OuterRef("pk"))
        .order_by()
        .values("author")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Author.objects.using(using).update(
        public_article_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_person_totals_by_level"),
        ("people", "0010_author_article_count"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
