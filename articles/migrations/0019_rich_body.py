import html
from html.parser import HTMLParser

from django.db import migrations, models

# articles/richtext.py's from_plain() and plain_text() as they were when this migration was
# written, frozen.
BLOCK_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote"}


def from_plain(text):
    """Plain text with blank lines between paragraphs as `<p>` paragraphs, every character escaped."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def plain_text(body):
    """The words of an HTML body without markup, blocks separated by a blank line, a line break as
    a newline, entities decoded. Reverses from_plain() exactly."""
    reader = _TextReader()
    reader.feed(body)
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current = [], []

    def end_block(self):
        block = "".join(self.current).strip()
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.end_block()
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.end_block()

    def handle_data(self, data):
        self.current.append(data)

    def text(self):
        self.end_block()
        return "\n\n".join(self.blocks)

# The articles' search document reads the body's plain text (body_text) rather than its HTML: a
# frozen copy of articles/search.py's expression (tests/test_discovery.py checks they match).
ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C'))"
)
# Migration 0009's, on the plain-text body.
BEFORE_VECTOR = ARTICLE_VECTOR.replace("body_text", "body")


def stored_document(vector):
    return [
        "ALTER TABLE articles_article DROP COLUMN IF EXISTS article_document",
        f"ALTER TABLE articles_article ADD COLUMN article_document tsvector GENERATED ALWAYS AS ({vector}) STORED",
        "CREATE INDEX article_search_idx ON articles_article USING gin (article_document)",
    ]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def to_html(apps, schema_editor):
    """Every body as `<p>` paragraphs, with its plain text stored beside it."""
    def change(article):
        body = from_plain(article.body)
        return {"body": body, "body_text": plain_text(body)}

    rewrite(apps, schema_editor, change)


def to_plain(apps, schema_editor):
    rewrite(apps, schema_editor, lambda article: {"body": plain_text(article.body)})


def rewrite(apps, schema_editor, change):
    """Set the fields `change(article)` gives on every article, a thousand at a time."""
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.using(schema_editor.connection.alias).only("pk", "body").order_by("pk")
    last, fields = 0, None
    while batch := list(rows.filter(pk__gt=last)[:1000]):
        for article in batch:
            values = change(article)
            for name, value in values.items():
                setattr(article, name, value)
            fields = list(values)
        Article.objects.using(schema_editor.connection.alias).bulk_update(batch, fields)
        last = batch[-1].pk
    if schema_editor.connection.vendor == "postgresql":
        # The updates' deferred constraint checks, run now: PostgreSQL refuses to alter a table
        # with checks pending, as the next operation does (backwards: removing body_text).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    # Plain-text bodies (paragraphs between blank lines, any markup shown as typed) become `<p>`
    # paragraphs with every character escaped, so they read the same; back, the HTML's plain text
    # (paragraphs kept; links, emphasis and quote marks added since are lost).
    dependencies = [("articles", "0018_imported_story")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                blank=True,
                help_text='HTML: paragraphs, links (http, https, mailto), bold, italic, subheads (h2, h3), lists, '
                'block quotes, line breaks, and quotes marked as <q data-quote="ID">. Anything else is removed on '
                "save.",
            ),
        ),
        migrations.RunPython(to_html, to_plain),
        migrations.RunPython(run(stored_document(ARTICLE_VECTOR)), run(stored_document(BEFORE_VECTOR))),
    ]
