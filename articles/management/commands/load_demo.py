import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo, richtext
from articles.models import Article, Byline, Evidence, Outlet, Quote, Topic
from people.models import Author, Person, Position, State


class Command(BaseCommand):
    help = (
        "Load the sample story (Boston Herald, June 6, 2011) with its authors, people, positions and quotes. "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        self.changes = 0
        with transaction.atomic():
            self.load()
        if self.changes:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {self.changes} rows created or updated."))
        else:
            self.stdout.write("Demo content already up to date: nothing changed.")

    def upsert(self, model, lookup, values):
        """Create the row, or update only the fields that differ (no write when none do)."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.changes += 1
            return model.objects.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self.changes += 1
        return obj

    def set_m2m(self, manager, objects):
        if set(manager.all()) != set(objects):
            manager.set(objects)
            self.changes += 1

    def load(self):
        states = State.objects.in_bulk()
        outlet = self.upsert(Outlet, {"slug": demo.OUTLET["slug"]}, _without(demo.OUTLET, "slug"))
        topics = {t["slug"]: self.upsert(Topic, {"slug": t["slug"]}, _without(t, "slug")) for t in demo.TOPICS}
        authors = {a["slug"]: self.upsert(Author, {"slug": a["slug"]}, _without(a, "slug")) for a in demo.AUTHORS}

        people = {}
        for data in demo.PEOPLE:
            values = _without(data, "slug", "positions") | {"state": states[data["state"]]}
            person = people[data["slug"]] = self.upsert(Person, {"slug": data["slug"]}, values)
            for position in data["positions"]:
                lookup = {"person": person, "title": position["title"], "start_date": position["start_date"]}
                values = _without(position, "title", "start_date") | {"state": states[position["state"]]}
                self.upsert(Position, lookup, {"start_precision": "day", "end_precision": "day"} | values)

        data = demo.ARTICLE
        published_at = timezone.make_aware(datetime.datetime.combine(data["published_on"], datetime.time.min))
        values = {
            "headline": data["headline"],
            "dek": data["dek"],
            "outlet": outlet,
            "original_url": data["original_url"],
            "published_at": published_at,
            "status": data["status"],
        }
        article = self.upsert(Article, {"slug": data["slug"]}, values)
        self.set_m2m(article.topics, [topics[slug] for slug in data["topics"]])
        self.set_m2m(article.states, [states[code] for code in data["states"]])
        for position, slug in enumerate(data["authors"]):
            self.upsert(Byline, {"article": article, "author": authors[slug]}, {"position": position})

        quotes = []
        for position, quote in enumerate(demo.QUOTES):
            lookup = {"article": article, "speaker": people[quote["speaker"]], "text": quote["text"]}
            values = (
                {"said_on_precision": "day"} | _without(quote, "speaker", "text", "evidence") | {"position": position}
            )
            quotes.append(saved := self.upsert(Quote, lookup, values))
            # What the words were checked against (the demo's verifier is nobody: no account is made).
            for index, evidence in enumerate(quote.get("evidence", [])):
                lookup = {"quote": saved, "title": evidence["title"]}
                self.upsert(Evidence, lookup, _without(evidence, "title") | {"position": index})
        # The body as HTML paragraphs with each quote marked (its words tied to its record); set
        # once the quotes have their keys.
        body = richtext.from_plain(data["body"])
        for quote in quotes:
            body = richtext.mark(body, quote.pk, quote.text)
        self.upsert(Article, {"slug": data["slug"]}, {"body": body})


def _without(mapping, *keys):
    return {key: value for key, value in mapping.items() if key not in keys}
