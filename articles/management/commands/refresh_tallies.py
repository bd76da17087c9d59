import time

from django.core.management.base import BaseCommand

from articles import tallies
from newsroom import dependencies


class Command(BaseCommand):
    help = (
        "Recompute every count readers see (quotes per person and per month, people and articles per "
        "state) from the archive as it is now. They are kept as content changes; this is for bulk "
        "changes made without signals, or to check them."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        tallies.refresh_everything()
        dependencies.invalidate(["all"])  # recounted without signals: whatever showed them is stale
        self.stdout.write(self.style.SUCCESS(f"Tallies recomputed in {time.monotonic() - started:,.1f}s."))
