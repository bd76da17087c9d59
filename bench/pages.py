"""make bench, step 2: the pages to measure, and what each costs inside Django.

    pages.py DIR HOST

Chooses the pages from the archive in the database (the most-quoted person, their state, a
topic of theirs, a generated article with several quotes, the statement most often repeated),
creates the superuser `bench` and a session for the admin pages, then requests every page once
to warm up and once measured with Django's test client: status, SQL queries, bytes. Writes to DIR:

    pages.tsv                 name, group (reader or admin), path; one page a line
    pages.json                the archive's sizes, the app's settings, a row per page
    cookie                    the admin session cookie, for curl and wrk
    ceiling/<name>.body       each reader page's bytes, and ceiling/content-types.json,
                              served by newsroom/bench.py at /_bench/ceiling/<name>
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SEED = 1  # the archive bench.sh generates: its slugs start gen1-
COMMON_WORD, RARE_WORD = "budget", "heffernan"  # the demo's Mary Beth Heffernan
ADMIN = {
    "admin_articles": "/admin/articles/article/",
    "admin_quotes": "/admin/articles/quote/",
    "admin_people": "/admin/people/person/",
}


def reader_pages():
    """{name: path} of the reader pages, chosen by query; a few aggregate queries over the archive."""
    from django.db.models import Count

    from articles.models import Article, Outlet, Quote, Statement
    from people.models import Author, Person, State

    top = Quote.objects.published().values("speaker").annotate(n=Count("pk")).order_by("-n", "speaker").first()
    person = Person.objects.select_related("state").get(pk=top["speaker"])
    state = person.state or State.objects.get(code="MA")
    theirs = Article.objects.published().filter(quotes__speaker=person)
    topic = (
        Article.topics.through.objects.filter(article__in=theirs)
        .values("topic__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__slug")
        .first()
    )
    with_quotes = Article.objects.published().filter(slug__startswith=f"gen{SEED}-").annotate(n=Count("quotes"))
    article = with_quotes.filter(n__gte=5).order_by("pk").first() or with_quotes.order_by("-n", "pk").first()
    combined = {"person": person.slug, "state": state.code, "topic": topic["topic__slug"] if topic else ""}
    combined |= {"from": "2010-01-01", "to": "2020-12-31"}
    # The statement reported by the most articles (generate_archive repeats one quote in 25).
    statement = Statement.objects.filter(public_count__gte=2).order_by("-public_count", "pk").first()
    # The second most quoted, to compare with the first.
    second = Person.objects.most_quoted().exclude(pk=person.pk).first()
    # The outlet and the author with the most published articles: the Sources page's largest of each.
    outlet = Outlet.objects.public().order_by("-public_article_count", "slug").first()
    author = Author.objects.public().order_by("-public_article_count", "slug").first()
    outlet_topic = {"outlet": outlet and outlet.slug, "topic": topic and topic["topic__slug"]}
    outlet_topic |= {"from": "2008-01-01", "to": "2022-12-31"}
    return (
        {
            "home": "/",
            "articles": "/articles/",
            "articles_by_state": "/articles/?state=MA",
            "articles_by_person": f"/articles/?person={person.slug}",
            "articles_combined": f"/articles/?{urlencode(combined)}",
            "articles_page_500": "/articles/?page=500",
            "article": article.get_absolute_url(),
            "person": person.get_absolute_url(),
            "state": state.get_absolute_url(),
            "quotes_by_state": f"/quotes/?state={state.code}",
            "search_common": f"/search/?q={COMMON_WORD}",
            "search_rare": f"/search/?q={RARE_WORD}",
            "sources": "/sources/",
            "sources_by_state_and_period": f"/sources/?state={state.code}&from=2010-01-01&to=2014-12-31",
            "sources_by_topic": f"/sources/?topic={topic['topic__slug']}" if topic else "/sources/?state=MA",
        }
        | ({"sources_by_outlet": f"/sources/?outlet={outlet.slug}"} if outlet else {})
        | ({"sources_by_author": f"/sources/?author={author.slug}"} if author else {})
        | (
            # The slowest shape to count: a large outlet and a topic over a long part of the archive.
            {"sources_by_outlet_topic_period": f"/sources/?{urlencode(outlet_topic)}"} if outlet and topic else {}
        )
        | ({"statement": statement.get_absolute_url()} if statement else {})
        | ({"compare": f"/compare/?people={person.slug},{second.slug}"} if second else {})
        | (
            {"compare_by_topic": f"/compare/?people={person.slug},{second.slug}&topic={topic['topic__slug']}"}
            if second and topic
            else {}
        )
    )


def admin_cookie():
    """A session of the superuser `bench`, two-factor verified (no usable password, no codes:
    it can't sign in by the form)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    user, _ = get_user_model().objects.get_or_create(username="bench")
    user.is_active = user.is_staff = user.is_superuser = True
    if user.has_usable_password():
        user.set_unusable_password()  # once: a new hash would end the sessions of earlier runs
    user.save()
    # Through the second step too (newsroom/twofactor.py: superusers must pass it): django-otp
    # reads the verifying device from the session.
    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return settings.SESSION_COOKIE_NAME, session.session_key


def measure(client, path):
    """Status, queries, bytes and time of a request, the second one: the first warms up the
    process (and whatever the app remembers between requests); its queries are kept too."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
    row = {"status": response.status_code, "queries": len(queries), "queries_first": len(first)}
    row |= {"bytes": len(response.content), "server_ms": round(1000 * elapsed, 1)}
    return row | {"content_type": response["Content-Type"]}, response.content


def archive():
    from django.conf import settings
    from django.db import connection

    from articles.models import Article, Quote
    from people.models import Person

    return {
        "articles": Article.objects.count(),
        "published_articles": Article.objects.published().count(),
        "people": Person.objects.count(),
        "quotes": Quote.objects.count(),
        "database": f"{connection.vendor} {connection.Database.__name__}",
        "database_version": getattr(connection, "pg_version", None),
        "settings": {name: getattr(settings, name) for name in dir(settings) if name.startswith("NEWSROOM_")},
    }


def main(directory, host):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    directory = Path(directory)
    (directory / "ceiling").mkdir(parents=True, exist_ok=True)
    cookie_name, session_key = admin_cookie()
    (directory / "cookie").write_text(f"{cookie_name}={session_key}")
    reader = Client(HTTP_HOST=host, raise_request_exception=False)
    editor = Client(HTTP_HOST=host, raise_request_exception=False)
    editor.cookies[cookie_name] = session_key

    pages = [(name, "reader", path) for name, path in reader_pages().items()]
    pages += [(name, "admin", path) for name, path in ADMIN.items()]
    rows, content_types = [], {}
    for name, group, path in pages:
        row, body = measure(editor if group == "admin" else reader, path)
        rows.append({"name": name, "group": group, "path": path} | row)
        print(f"{name:20} {row['status']} {row['queries']:3} queries {row['bytes']:8,} bytes  {path}")
        if group == "reader":
            (directory / "ceiling" / f"{name}.body").write_bytes(body)
            content_types[name] = row["content_type"]
    (directory / "ceiling" / "content-types.json").write_text(json.dumps(content_types))
    (directory / "pages.tsv").write_text("".join(f"{name}\t{group}\t{path}\n" for name, group, path in pages))
    (directory / "pages.json").write_text(json.dumps({"archive": archive(), "pages": rows}, indent=2, default=str))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
