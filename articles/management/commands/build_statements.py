import time

from django.core.management.base import BaseCommand, CommandError

from articles import statements
from articles.models import Quote
from newsroom import dependencies


class Command(BaseCommand):
    help = (
        "Make every statement (the same words by the same speaker across articles) again from the quotes' "
        "words, some speakers at a time: for an archive filled before statements existed, or by bulk "
        "inserts. Quotes an editor split off stay apart. New quotes are matched as they are saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="Speakers per transaction (default 500).")

    def handle(self, *args, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        started, done, made = time.monotonic(), 0, 0
        speakers = sorted(Quote.objects.order_by().values_list("speaker", flat=True).distinct())
        for start in range(0, len(speakers), batch):
            chunk = speakers[start : start + batch]
            made += statements.rebuild(chunk, announce=False)
            done += len(chunk)
            self.stdout.write(
                f"speakers: {done:,}/{len(speakers):,}, {made:,} statements ({time.monotonic() - started:,.0f}s)"
            )
        dependencies.invalidate(["all"])  # made again without signals: whatever linked them is stale
        self.stdout.write(self.style.SUCCESS(f"{made:,} statements of {len(speakers):,} speakers."))
