from django.db import migrations

# Frozen copies of articles/search.py's expressions (tests/test_discovery.py checks they match).
ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C'))"
)
QUOTE_VECTOR = "to_tsvector('english'::regconfig, text)"

# On PostgreSQL the search documents are stored, generated columns: ranking or matching a
# common word no longer rebuilds a tsvector for every row (seconds over a million quotes).
# Django's models don't declare them; the database keeps them current on every write.
FORWARD = [
    f"ALTER TABLE articles_article ADD COLUMN article_document tsvector GENERATED ALWAYS AS ({ARTICLE_VECTOR}) STORED",
    "DROP INDEX IF EXISTS article_search_idx",
    "CREATE INDEX article_search_idx ON articles_article USING gin (article_document)",
    f"ALTER TABLE articles_quote ADD COLUMN quote_document tsvector GENERATED ALWAYS AS ({QUOTE_VECTOR}) STORED",
    "DROP INDEX IF EXISTS quote_search_idx",
    "CREATE INDEX quote_search_idx ON articles_quote USING gin (quote_document)",
]
BACKWARD = [
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS article_document",
    f"CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article USING gin ({ARTICLE_VECTOR})",
    "ALTER TABLE articles_quote DROP COLUMN IF EXISTS quote_document",
    f"CREATE INDEX IF NOT EXISTS quote_search_idx ON articles_quote USING gin (({QUOTE_VECTOR}))",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    # Each statement commits on its own: a table is locked only while it is rewritten,
    # never one table while waiting for the other (a deadlock with readers of both).
    atomic = False
    dependencies = [("articles", "0008_large_table_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
