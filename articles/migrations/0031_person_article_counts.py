"""Fill each person's kept count of the published articles quoting them (people 0012; kept by
articles/tallies.py)."""

from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    using = schema_editor.connection.alias
    Person = apps.get_model("people", "Person")
    Quote = apps.get_model("articles", "Quote")
    articles = (
        Quote.objects.using(using)
        .filter(speaker=OuterRef("pk"), article__counted=True)
        .order_by()
        .values("speaker")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    Person.objects.using(using).update(
        published_article_count=Coalesce(Subquery(articles, output_field=IntegerField()), Value(0))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0030_speaker_groups"),
        ("people", "0012_person_article_count"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
