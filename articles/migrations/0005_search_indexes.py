from django.db import migrations

# Frozen copies of articles/search.py's expressions (tests/test_search.py checks they match
# and that the planner uses these indexes).
ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C'))"
)
QUOTE_VECTOR = "to_tsvector('english'::regconfig, text)"

# Full-text and trigram indexes exist on PostgreSQL only; SQLite searches without them.
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Search: the same expressions as articles/search.py, or the planner won't use them.
    f"CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article USING gin ({ARTICLE_VECTOR})",
    f"CREATE INDEX IF NOT EXISTS quote_search_idx ON articles_quote USING gin (({QUOTE_VECTOR}))",
    # People by name or alias, misspellings included (word similarity, `<%`).
    "CREATE INDEX IF NOT EXISTS person_name_trgm_idx ON people_person USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS person_aliases_trgm_idx ON people_person USING gin (aliases gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP INDEX IF EXISTS quote_search_idx",
    "DROP INDEX IF EXISTS person_name_trgm_idx",
    "DROP INDEX IF EXISTS person_aliases_trgm_idx",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_web_urls_only"), ("people", "0002_states")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
