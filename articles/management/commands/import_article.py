from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.importer import AlreadyImported, ImportRefused, decode, import_article, parse


class Command(BaseCommand):
    help = (
        "Import an article from a plain-text file as a draft with proposed quotes, for an editor to review "
        "in the admin. Reads the sample story's format (title line, headline, “By …”, date, body) or a plain "
        "body with --headline (and optionally --outlet, --author, --date). Writes nothing if the file is unusable."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--headline", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="", help="Byline names, separated by commas or “and”.")
        parser.add_argument("--date", default="", help="Publication date, e.g. 2011-06-06.")
        parser.add_argument("--url", default="", help="The story's original URL.")
        parser.add_argument(
            "--copy", action="store_true", help="Import a story that is already in the archive as a new copy."
        )

    def handle(self, *args, file, headline, outlet, author, date, url, copy, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}. Give the path of the article's text file.")
        try:
            text = decode(path.read_bytes())
            parsed = parse(text, headline=headline, outlet=outlet, author=author, date=date, original_url=url)
            article = import_article(parsed, copy=copy)
        except AlreadyImported as error:
            existing = reverse("admin:articles_article_change", args=[error.article.pk])
            raise CommandError(
                f"{path}: {error} See it at {existing}, or give --copy to import a new copy anyway."
            ) from error
        except ImportRefused as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        proposals = list(article.proposals.all())
        self.stdout.write(self.style.SUCCESS(f"Imported “{article.headline}” as a draft (id {article.pk})."))
        review = reverse("admin:articles_article_proposals", args=[article.pk])
        self.stdout.write(f"{len(proposals)} proposed quotes; review them at {review}")
        for proposal in proposals:
            who = proposal.speaker_name or "unknown speaker"
            known = f"person {proposal.person_id}" if proposal.person_id else "new person"
            self.stdout.write(f"  [{proposal.kind}] {who} ({known}): {proposal.text}")
