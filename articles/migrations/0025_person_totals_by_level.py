from django.db import migrations


def recount_totals(apps, schema_editor):
    # The same code that keeps them (articles/tallies.py): each person's totals by level of office,
    # from their months (counted by level since 0024).
    from articles import tallies
    from people.models import Person

    using = schema_editor.connection.alias
    tallies.refresh_person_totals(Person.objects.using(using).values("pk"), using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_quote_counts_by_office_level"),
        ("people", "0009_quote_counts_by_level"),
    ]

    operations = [migrations.RunPython(recount_totals, migrations.RunPython.noop)]
