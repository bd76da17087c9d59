from django.core.management.base import BaseCommand

from articles import tallies


class Command(BaseCommand):
    help = (
        "Count the scheduled articles whose moment has passed in the readers' tallies. The first "
        "request after the moment does it too; run this from cron (every minute) for quiet times."
    )

    def handle(self, *args, **options):
        due = tallies.go_live()
        if options["verbosity"]:
            self.stdout.write(f"{len(due)} article{'' if len(due) == 1 else 's'} went live.")
