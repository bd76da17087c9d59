from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_involved(apps, schema_editor):
    """State.involved_article_count for the archive as it is (articles/tallies.refresh_states)."""
    db = schema_editor.connection.alias
    State = apps.get_model("people", "State")
    InvolvedState = apps.get_model("articles", "InvolvedState")
    involved = (
        InvolvedState.objects.using(db)
        .filter(article__counted=True, state=OuterRef("pk"))
        .order_by()
        .values("state")
        .annotate(n=Count("*"))
        .values("n")
    )
    State.objects.using(db).update(involved_article_count=Coalesce(Subquery(involved), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_old_addresses"),
        ("people", "0006_state_involved_article_count"),
    ]

    operations = [migrations.RunPython(count_involved, migrations.RunPython.noop)]
