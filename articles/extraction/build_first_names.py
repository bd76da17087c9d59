"""Build `first_names.tsv`: the gender a first name is recorded with, for "he"/"she" agreement.

    python -m articles.extraction.build_first_names [OFFICIALS_DIR]

OFFICIALS_DIR (default `../shared/data/officials` beside the project) holds the officials data the
project already uses, both CC0 1.0 (see the LICENSE file in each folder):
- `congress-legislators/legislators-current.yaml` and `executive.yaml` (unitedstates/congress-legislators):
  `name.first` and `name.nickname`, with `bio.gender` (M or F);
- `openstates/data/<state>/executive/*.yml` (openstates/people): `given_name` with `gender` (Male or Female).

A name is written only when at least MIN_RECORDS officials carry it and all of them with one gender
(so "Chris", recorded for men and a woman, is left out), and not an initial ("J."). These are about
640 officials: common names only, and a unisex name recorded for one gender here ("Pat", "Sam",
"Morgan" are recorded for men only) is written with it; the extractor reads a name's gender only to
skip a candidate whose gender disagrees with "he"/"she", never to choose one. Nothing is read at
run time but the file written here (no download, no database).
"""

import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "first_names.tsv"
DEFAULT = HERE.parents[1].parent / "shared" / "data" / "officials"
MIN_RECORDS = 2


def records(officials):
    """(first name, "M" or "F") for every official with a recorded gender."""
    for name in ("legislators-current.yaml", "executive.yaml"):
        with open(officials / "congress-legislators" / name, encoding="utf-8") as f:
            for person in yaml.safe_load(f):
                gender = (person.get("bio") or {}).get("gender")
                for key in ("first", "nickname"):
                    first = person["name"].get(key)
                    if gender in {"M", "F"} and first:
                        yield first, gender
    for path in sorted((officials / "openstates" / "data").glob("*/*/*.yml")):
        with open(path, encoding="utf-8") as f:
            person = yaml.safe_load(f)
        gender = {"Male": "M", "Female": "F"}.get(person.get("gender"))
        if gender and person.get("given_name"):
            yield person["given_name"], gender


def build(officials):
    counts = defaultdict(Counter)
    for first, gender in records(officials):
        counts[first.strip()][gender] += 1
    rows = []
    for first, genders in sorted(counts.items()):
        total = sum(genders.values())
        if len(genders) == 1 and total >= MIN_RECORDS and " " not in first and not first.endswith("."):
            rows.append((first, next(iter(genders)), total))
    return rows


def main(argv):
    officials = Path(argv[1]) if len(argv) > 1 else DEFAULT
    rows = build(officials)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# first name<TAB>gender (M/F)<TAB>officials recorded with it; built by build_first_names.py\n")
        f.write("# from congress-legislators and Open States officials data (CC0 1.0); do not edit by hand\n")
        for first, gender, total in rows:
            f.write(f"{first}\t{gender}\t{total}\n")
    print(f"{len(rows)} names written to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
