import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract_quotes
from articles.importer import match_speakers


class Command(BaseCommand):
    help = (
        "Propose the quotes of an article from its plain text (a UTF-8 file): direct quotes and "
        "paraphrases with an explicit attribution, each with its speaker (matched to a known person "
        "when possible) and character offsets into the file's text. Prints the proposals; saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The article as plain text, UTF-8.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help='"json": a list of {text, kind, speaker, person_id, start, end}; "text" (default): a listing.',
        )

    def handle(self, *args, **options):
        text = read_article(options["file"])
        proposals = extract_quotes(text)
        person_ids = match_speakers(proposals, text)
        if options["format"] == "json":
            rows = [
                {"text": p.text, "kind": p.kind, "speaker": p.speaker, "person_id": pk, "start": p.start, "end": p.end}
                for p, pk in zip(proposals, person_ids, strict=True)
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(listing(proposals, person_ids))


def read_article(path):
    """The file's text, or a CommandError saying what is wrong with it."""
    path = Path(path)
    if not path.exists():
        raise CommandError(f"No such file: {path}. Give the path of the article's plain-text file.")
    if path.is_dir():
        raise CommandError(f"{path} is a directory. Give the path of the article's plain-text file.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}. Check that the file is readable.") from error
    if b"\0" in data:
        raise CommandError(f"{path} is a binary file, not text. Save the article as plain text (UTF-8).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path} is not UTF-8 text (bad byte at position {error.start}). Save the article as UTF-8."
        ) from error
    if not text.strip():
        raise CommandError(f"{path} is empty. Put the article's text in it.")
    return text


def listing(proposals, person_ids):
    if not proposals:
        return "No quotes found."
    lines = []
    for proposal, pk in zip(proposals, person_ids, strict=True):
        if proposal.speaker is None:
            who = "speaker unknown"
        else:
            who = f"{proposal.speaker} ({f'person {pk}' if pk else 'new person'})"
        lines.append(f"{proposal.kind:<10} {who}, characters {proposal.start}–{proposal.end}")
        lines.append(f"           “{proposal.text}”")
    direct = sum(p.kind == "direct" for p in proposals)
    lines.append(f"{len(proposals)} proposals: {direct} direct, {len(proposals) - direct} paraphrase.")
    return "\n".join(lines)
