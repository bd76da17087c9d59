from django.core.management.base import BaseCommand, CommandError

from newsroom import dependencies
from people.officials import Importer, OfficialsError, find_files


class Command(BaseCommand):
    help = (
        "Import people and their positions from Open States person YAML (state officials) and "
        "unitedstates congress-legislators YAML (members of Congress, presidents and vice presidents). "
        "PATH is a file or a directory searched for .yml/.yaml files. Re-running updates people and "
        "positions instead of duplicating them; each file is imported in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A YAML file or a directory of them.")

    def handle(self, *args, paths, verbosity, **options):
        try:
            files = find_files(paths)
        except OfficialsError as error:
            raise CommandError(str(error)) from error
        importer, self.verbosity = Importer(), verbosity
        for number, path in enumerate(files, 1):
            counts = self.import_file(importer, path, number, len(files))
            if verbosity:
                self.stdout.write(
                    f"[{number}/{len(files)}] {path}: {counts.people} {plural(counts.people, 'person', 'people')} "
                    f"({counts.people_created} new), {counts.positions} {plural(counts.positions, 'position')} "
                    f"({counts.positions_created} new)"
                )
        self.stdout.write(self.style.SUCCESS(f"Imported {len(files)} files: {importer.total}."))

    def import_file(self, importer, path, number, total):
        def progress(done, people):
            self.stdout.write(f"[{number}/{total}] {path}: {done} of {people} people…")

        try:
            counts = importer.import_file(path, progress if self.verbosity else None)
        except OfficialsError as error:
            done = number - 1
            before = f"The {done} {plural(done, 'file')} before it stay imported ({importer.total}). " if done else ""
            raise CommandError(
                f"{path}: {error}. Nothing from this file was imported. {before}"
                "Correct the file and run the command again: files already imported are updated, not duplicated."
            ) from error
        # Once per file, as it commits: its positions are bulk-inserted, which sends no signal
        # to make the cached pages stale.
        dependencies.invalidate(["all"])
        return counts


def plural(n, singular, many=None):
    return singular if n == 1 else many or f"{singular}s"
