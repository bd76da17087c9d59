from django.db import migrations
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def recount_totals(apps, schema_editor):
    """Each person's totals, all and by level of office, the sums of their months (counted by level
    since 0024), on the tables as they are here: articles/tallies.py's _refresh_totals as it was,
    frozen, for today's writes columns that later migrations add."""
    using = schema_editor.connection.alias
    MonthlyQuoteCount = apps.get_model("articles", "MonthlyQuoteCount")
    Person = apps.get_model("people", "Person")

    def total(**levels):
        months = MonthlyQuoteCount.objects.using(using).filter(person=OuterRef("pk"), **levels)
        summed = months.order_by().values("person").annotate(n=Sum("count")).values("n")
        return Coalesce(Subquery(summed, output_field=IntegerField()), Value(0))

    Person.objects.using(using).update(
        published_quote_count=total(),
        federal_quote_count=total(level="federal"),
        state_quote_count=total(level="state"),
        local_quote_count=total(level="local"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_quote_counts_by_office_level"),
        ("people", "0009_quote_counts_by_level"),
    ]

    operations = [migrations.RunPython(recount_totals, migrations.RunPython.noop)]
