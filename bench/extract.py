"""make bench-extract: the quote extractor's time on hostile texts of growing size.

    extract.py [--sizes 125000,250000,500000,1000000] [--repeat 3] [--json FILE]

Generates deterministic texts of each shape at each size (bytes of UTF-8, up to the importer's
1 MB limit), times `extract_quotes` on each (the best of --repeat runs, in CPU seconds of this
process, so that other work on the machine counts little; wall seconds are shown too) and prints
seconds per size and the ratio of time per byte between the largest and the smallest size.
Exits non-zero if any 1 MB text takes 2 s or more, or if a shape's time per byte grows clearly
with the size (ratio above 2: linear work gives about 1, quadratic work the size ratio, 8).
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 2.0  # for the largest text, on the 2-core machine the project runs on
LIMIT_RATIO = 2.0

NAMES = [
    "Gov. Deval Patrick",
    "Mary Beth Heffernan",
    "Sen. Elizabeth Warren (D-Mass.)",
    "Patrick",
    "Heffernan",
    "he",
    "she",
    "it",
    "a spokesman for the Department of Justice",
    "the governor",
    "Korean Central News Agency (KCNA)",
    "Police Chief Ed Davis of Boston",
]
VERBS = ["said", "added", "asked", "told reporters", "wrote", "replied", "warned", "noted"]
SAYINGS = [
    "Yes",
    "No",
    "Maybe",
    "Not now",
    "We will see",
    "That is simply wrong",
    "The program works and we intend to keep it",
    "I never said that",
]
CLAUSES = [
    "the state would withdraw from the program",
    "the budget was balanced for the first time in a decade",
    "he was not running again",
    "the agency had failed to act",
]
WORDS = "the of and budget state program officials said week city council plan vote reporters letter".split()


def _short_quotes(rnd):
    """The issue's case: paragraphs of many short attributed quotes."""
    units = [f'"{rnd.choice(SAYINGS)}," {rnd.choice(NAMES)} {rnd.choice(VERBS)}.' for _ in range(rnd.randint(3, 8))]
    return " ".join(units) + "\n\n"


def _news_sentence(rnd):
    name, verb = rnd.choice(NAMES), rnd.choice(VERBS)
    return rnd.choice(
        [
            f"“{rnd.choice(SAYINGS)},” {verb} {name}.",
            f"{name[:1].upper()}{name[1:]} {verb} that {rnd.choice(CLAUSES)}.",
            f"According to {name}, {rnd.choice(CLAUSES)}.",
            f"{name[:1].upper()}{name[1:]} {verb}: “{rnd.choice(SAYINGS)}.”",
            f"The {rnd.choice(WORDS)} {rnd.choice(WORDS)} met on Monday in Boston, Mass.",
            f"“{rnd.choice(SAYINGS)},” {name} {verb}, “{rnd.choice(SAYINGS).lower()}.”",
        ]
    )


def _giant_paragraph(rnd):
    """News sentences with quotes and attributions, never a paragraph break."""
    return _news_sentence(rnd) + " "


def _no_quotes(rnd):
    """Prose with names, titles and reporting verbs but no quotation mark: paraphrases only."""
    sentences = [
        f"{rnd.choice(NAMES[:5])} {rnd.choice(VERBS)} last week {rnd.choice(CLAUSES)}, "
        f"{' '.join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12)))}."
        for _ in range(rnd.randint(2, 6))
    ]
    return " ".join(sentences) + "\n\n"


def _unbalanced(rnd):
    """Stray, doubled and lone curly and straight marks."""
    pieces = [rnd.choice(WORDS) for _ in range(rnd.randint(4, 20))]
    for _ in range(rnd.randint(1, 5)):
        pieces.insert(rnd.randrange(len(pieces) + 1), rnd.choice(['"', "“", "”", "„", '"said', "“”", '""']))
    return " ".join(pieces) + rnd.choice([". ", ", said Patrick. ", "\n\n", "\n"])


def _long_quotes(rnd):
    """Quotes of several thousand words, continued across paragraphs by the news convention."""
    paragraphs = [
        "“" + ". ".join(" ".join(rnd.choice(WORDS) for _ in range(12)) for _ in range(8)) + "."
        for _ in range(rnd.randint(5, 30))
    ]
    paragraphs[-1] += f"” {rnd.choice(NAMES)} {rnd.choice(VERBS)}."
    return "\n\n".join(paragraphs) + "\n\n"


def _runs(rnd, size):
    """Runs of spaces and marks a tenth of the text long, where a search that restarts at each
    character of a run (a pattern with a leading `\\s*`) is quadratic in the run."""
    run = size // 10
    return rnd.choice(
        [
            f"Smith said the plan{' ' * run}would pass; he left.\n\n",
            f"“It works{' ' * run}[Tweet, 3/11/22]\n\n",
            f"Wow{'!' * run}x. Patrick said so.\n\n",
            f"Gov. Ed Davis of{' ' * run}Boston said it.\n\n",
            f"Davis said{' ' * run}, last week, it would.\n\n",
        ]
    )


SHAPES = {
    "short_quotes": _short_quotes,
    "giant_paragraph": _giant_paragraph,
    "no_quotes": _no_quotes,
    "unbalanced": _unbalanced,
    "long_quotes": _long_quotes,
    "runs": _runs,
}


def generate(shape, size, seed=1):
    """A text of the shape, `size` bytes of UTF-8 at most, the same for the same arguments."""
    rnd, make = random.Random(f"{shape}-{seed}"), SHAPES[shape]  # noqa: S311 (test data, not secrets)
    pieces, total = [], 0
    while True:
        piece = make(rnd, size) if make is _runs else make(rnd)
        length = len(piece.encode())
        if total + length > size:
            break
        pieces.append(piece)
        total += length
    return "".join(pieces).strip()


def measure(sizes, repeat):
    from articles.extraction import extract_quotes

    rows = []
    for shape in SHAPES:
        for size in sizes:
            text = generate(shape, size)
            best = wall = float("inf")
            for _ in range(repeat):
                started, cpu = time.perf_counter(), time.process_time()
                proposals = extract_quotes(text)
                best, wall = min(best, time.process_time() - cpu), min(wall, time.perf_counter() - started)
            rows.append(
                {
                    "shape": shape,
                    "bytes": len(text.encode()),
                    "seconds": best,
                    "wall": wall,
                    "proposals": len(proposals),
                }
            )
    return rows


def verdict(rows):
    """(lines to print, failed?) from the measured rows."""
    lines, failed = [], False
    largest = max(row["bytes"] for row in rows)
    for shape in SHAPES:
        mine = [row for row in rows if row["shape"] == shape]
        small, big = mine[0], mine[-1]
        ratio = (big["seconds"] / big["bytes"]) / (small["seconds"] / small["bytes"])
        slow = big["bytes"] > 0.9 * largest and big["seconds"] >= LIMIT_SECONDS
        steep = ratio > LIMIT_RATIO
        failed = failed or slow or steep
        times = "  ".join(
            f"{row['bytes'] / 1000:>5.0f} KB {row['seconds']:5.2f} s ({row['wall']:5.2f})" for row in mine
        )
        flag = " SLOW" * slow + " SUPER-LINEAR" * steep
        lines.append(f"{shape:<16} {times}  per-byte ratio {ratio:4.2f}  ({big['proposals']} proposals){flag}")
    return lines, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="125000,250000,500000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="Also write the measurements to this file.")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    rows = measure(sorted(int(size) for size in options.sizes.split(",")), options.repeat)
    lines, failed = verdict(rows)
    print("\n".join(lines))
    print(f"CPU seconds (wall seconds). Limits: 1 MB under {LIMIT_SECONDS} s; per-byte ratio at most {LIMIT_RATIO}.")
    if options.json:
        Path(options.json).write_text(json.dumps(rows, indent=2))
    if failed:
        print("FAILED: the extractor is too slow or not linear", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
