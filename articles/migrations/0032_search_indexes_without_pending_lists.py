"""The full-text and name indexes take each change at once (fastupdate off), on PostgreSQL.

With GIN's default fast update, new entries wait in a pending list that every search reads in
full until a vacuum or a large enough insert merges it. A person's row is rewritten whenever their
counts change (articles/tallies.py), so the name indexes' list filled with every save: after the
counts of 20,000 people were refilled, a search for a name read 359 pending pages and took 110 ms
instead of 1. Without the list an update inserts its entries itself (a few rows per save), and
searches never pay for what the newsroom saved before them.
"""

from django.db import migrations

INDEXES = ["person_name_trgm_idx", "person_aliases_trgm_idx", "article_search_idx", "quote_search_idx"]


def fastupdate(value):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = {value})")
            if value == "off":  # what already waits is merged now, not at the next vacuum
                schema_editor.execute(
                    "SELECT gin_clean_pending_list(oid) FROM pg_class WHERE relname = %s", [index]
                )

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0031_person_article_counts")]

    operations = [migrations.RunPython(fastupdate("off"), fastupdate("on"))]
