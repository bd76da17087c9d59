"""Officials from public data: Open States person files and congress-legislators lists.

`Importer.import_file()` reads one YAML file, checks all of it, then writes it in one
transaction: a bad file changes nothing. People are matched by external id (Open States,
Bioguide, Wikidata), then by name and state; positions by title, organization and start.
"""

import dataclasses
import datetime
import re
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from newsroom.addresses import in_use
from people.models import DatePrecision, Gender, OfficeLevel, Party, Person, Position, State, offices_changed

try:  # libyaml parses legislators-current.yaml about ten times faster.
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}

PARTIES = {
    "democratic": Party.DEMOCRATIC,
    "democrat": Party.DEMOCRATIC,
    # Minnesota's affiliate of the Democratic Party.
    "democratic-farmer-labor": Party.DEMOCRATIC,
    "republican": Party.REPUBLICAN,
    "independent": Party.INDEPENDENT,
    "libertarian": Party.LIBERTARIAN,
    "green": Party.GREEN,
    # No party is not an unknown party.
    "nonpartisan": "",
    "no party": "",
}

# Governments that are not called "State of …".
GOVERNMENTS = {
    "DC": "District of Columbia",
    "KY": "Commonwealth of Kentucky",
    "MA": "Commonwealth of Massachusetts",
    "PA": "Commonwealth of Pennsylvania",
    "VA": "Commonwealth of Virginia",
    "PR": "Commonwealth of Puerto Rico",
    "MP": "Commonwealth of the Northern Mariana Islands",
    "GU": "Territory of Guam",
    "VI": "Territory of the U.S. Virgin Islands",
    "AS": "Territory of American Samoa",
}

# Lower houses not called "House of Representatives", and what their members are called.
LOWER_HOUSES = {
    "CA": ("Assemblymember", "California State Assembly"),
    "NV": ("Assemblymember", "Nevada Assembly"),
    "NY": ("Assemblymember", "New York State Assembly"),
    "NJ": ("Assemblymember", "New Jersey General Assembly"),
    "WI": ("State Representative", "Wisconsin State Assembly"),
    "MD": ("Delegate", "Maryland House of Delegates"),
    "VA": ("Delegate", "Virginia House of Delegates"),
    "WV": ("Delegate", "West Virginia House of Delegates"),
}

UNICAMERAL = {
    "NE": ("State Senator", "Nebraska Legislature"),
    "DC": ("Councilmember", "Council of the District of Columbia"),
}

# Members of the House from places that are not states.
HOUSE_DELEGATES = {
    "DC": "Delegate",
    "GU": "Delegate",
    "VI": "Delegate",
    "AS": "Delegate",
    "MP": "Delegate",
    "PR": "Resident Commissioner",
}

JURISDICTION = re.compile(
    r"ocd-jurisdiction/country:us/(?:state|district|territory):(?P<code>[a-z]{2})"
    r"(?:/place:(?P<place>[^/]+))?/government"
)
DATE_FORMATS = [
    (re.compile(r"\d{4}-\d{2}-\d{2}"), DatePrecision.DAY, ""),
    (re.compile(r"\d{4}-\d{2}"), DatePrecision.MONTH, "-01"),
    (re.compile(r"\d{4}"), DatePrecision.YEAR, "-01-01"),
]
PROGRESS_EVERY = 100


class OfficialsError(Exception):
    """A path or file that can't be imported; `field` says where in the file."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.message, self.field = message, field

    def __str__(self):
        return f"{self.field}: {self.message}" if self.field else self.message


@dataclasses.dataclass
class Term:
    title: str
    organization: str
    state: str  # USPS code, or "" for a national office
    start_date: datetime.date | None
    start_precision: str
    end_date: datetime.date | None
    end_precision: str
    level: str = ""  # OfficeLevel


@dataclasses.dataclass
class Official:
    field: str  # where the person is in the file, for messages: "" or "[12]"
    name: str
    sort_name: str
    party: str | None  # None: the data doesn't say
    gender: str | None  # None: the data doesn't say
    state: str  # USPS code of the latest term, or ""
    aliases: list[str]
    terms: list[Term]
    openstates_id: str = ""
    bioguide_id: str = ""
    wikidata_id: str = ""
    # Other Open States ids of the same person (e.g. their legislator record), for matching only.
    other_openstates_ids: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Counts:
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    positions_created: int = 0
    positions_updated: int = 0
    positions_unchanged: int = 0

    def add(self, other):
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    @property
    def people(self):
        return self.people_created + self.people_updated + self.people_unchanged

    @property
    def positions(self):
        return self.positions_created + self.positions_updated + self.positions_unchanged

    def __str__(self):
        return (
            f"people: {self.people_created} created, {self.people_updated} updated, "
            f"{self.people_unchanged} unchanged; positions: {self.positions_created} created, "
            f"{self.positions_updated} updated, {self.positions_unchanged} unchanged"
        )


def find_files(paths):
    """The files to import, in a stable order: each file given, and every .yml/.yaml under each directory."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
            if not found:
                raise OfficialsError(f"{path}: no .yml or .yaml files in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise OfficialsError(f"{path}: no such file or directory")
    return list(dict.fromkeys(files))


class Importer:
    """Imports files one at a time and keeps the running `total` of what it did."""

    def __init__(self):
        self.states = dict(State.objects.values_list("code", "name"))
        self.total = Counts()

    def import_file(self, path, progress=None):
        """Import one file in one transaction; `progress(done, total)` is called every 100 people.

        Raises OfficialsError (and writes nothing) when any part of the file is bad.
        A few queries per person and one per new position batch.
        """
        officials = self.parse_file(path)
        counts = Counts()
        with transaction.atomic():
            for done, official in enumerate(officials, 1):
                counts.add(self.save(official))
                if progress and done % PROGRESS_EVERY == 0 and done < len(officials):
                    progress(done, len(officials))
        self.total.add(counts)
        return counts

    # Reading

    def parse_file(self, path):
        try:
            data = yaml.load(Path(path).read_bytes(), Loader=Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise OfficialsError(f"not valid YAML ({error.problem or error.context})", where) from error
        except yaml.YAMLError as error:
            raise OfficialsError(f"not valid YAML ({error})") from error
        except OSError as error:
            raise OfficialsError(f"can't be read ({error.strerror})") from error
        if isinstance(data, dict):
            return [self.parse_openstates(data)]
        if isinstance(data, list):
            return [self.parse_congress(entry, f"[{i}]") for i, entry in enumerate(data)]
        raise OfficialsError(
            "neither an Open States person (a mapping with id, name and roles) "
            "nor a congress-legislators list (a list of entries with id, name and terms)"
        )

    def parse_openstates(self, data):
        ocd_id = text(data, "id", "")
        if not ocd_id.startswith("ocd-person/"):
            raise OfficialsError(f"{ocd_id!r} is not an Open States person id (ocd-person/…)", "id")
        name = text(data, "name", "")
        given, family = text(data, "given_name", "", required=False), text(data, "family_name", "", required=False)
        if not family:
            given, family = split_name(name)
        roles = items(data, "roles", "")
        terms = [self.parse_role(role, f"roles[{i}]") for i, role in enumerate(roles)]
        parties = [text(p, "name", f"party[{i}].") for i, p in enumerate(items(data, "party", ""))]
        other_names = [text(n, "name", f"other_names[{i}].") for i, n in enumerate(items(data, "other_names", ""))]
        ids = {}
        for i, other in enumerate(items(data, "other_identifiers", "")):
            scheme = text(other, "scheme", f"other_identifiers[{i}].")
            ids.setdefault(scheme, []).append(text(other, "identifier", f"other_identifiers[{i}]."))
        return Official(
            field="",
            name=name,
            sort_name=f"{family}, {given}" if given else family,
            # Listed oldest first; the party of the latest role is the last one.
            party=party_choice(parties[-1]) if parties else None,
            gender=gender_choice(text(data, "gender", "", required=False), "gender"),
            state=latest(terms).state if terms else "",
            aliases=[*other_names, f"{given} {family}".strip(), family],
            terms=terms,
            openstates_id=ocd_id,
            bioguide_id=identifier(ids.get("bioguide", [""])[0], "other_identifiers"),
            wikidata_id=wikidata(ids.get("wikidata", [""])[0], "other_identifiers"),
            other_openstates_ids=[i for i in ids.get("openstates", []) if i != ocd_id],
        )

    def parse_role(self, role, field):
        kind = text(role, "type", f"{field}.")
        jurisdiction = text(role, "jurisdiction", f"{field}.")
        match = JURISDICTION.fullmatch(jurisdiction)
        code = match["code"].upper() if match else ""
        if code not in self.states:
            raise OfficialsError(
                f"{jurisdiction!r} is not the government of a US state, district or territory "
                "(ocd-jurisdiction/country:us/state:xx/government)",
                f"{field}.jurisdiction",
            )
        title, organization = self.state_office(kind, code, match["place"], role.get("district"))
        level = OfficeLevel.LOCAL if match["place"] else OfficeLevel.STATE
        return term(title, organization, code, role, field, "start_date", "end_date", level=level)

    def state_office(self, kind, code, place, district):
        """Title and organization of an Open States role."""
        state = self.states[code]
        if place:
            town = place.replace("_", " ").replace("~", "/").title()
            return kind.replace("_", " ").title(), town
        if kind in ("upper", "lower", "legislature"):
            if kind == "upper":
                title, chamber = "State Senator", f"{state} Senate"
            elif kind == "lower":
                title, chamber = LOWER_HOUSES.get(code, ("State Representative", f"{state} House of Representatives"))
            else:
                title, chamber = UNICAMERAL.get(code, ("Legislator", f"{state} Legislature"))
            return title, f"{chamber}, {district_label(district)}" if district not in (None, "") else chamber
        government = GOVERNMENTS.get(code, f"State of {state}")
        if kind == "governor" and code == "DC":
            return "Mayor", government
        if kind == "lt_governor":
            return "Lieutenant Governor", government
        small = {"of", "the", "and", "for"}
        words = kind.replace("_", " ").split()
        return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words), government

    def parse_congress(self, entry, field):
        if not isinstance(entry, dict):
            raise OfficialsError("each entry must be a mapping with id, name and terms", field)
        names = entry.get("name")
        if not isinstance(names, dict):
            raise OfficialsError("required field is missing (a mapping with first and last)", f"{field}.name")
        first = text(names, "first", f"{field}.name.")
        last = text(names, "last", f"{field}.name.")
        middle, suffix, nickname, full = (
            text(names, key, f"{field}.name.", required=False)
            for key in ("middle", "suffix", "nickname", "official_full")
        )
        if paren := re.fullmatch(r"(.+?)\s*\((.+)\)", first):  # "James (Jim)"
            first, nickname = paren[1], nickname or paren[2]
        called = nickname if nickname and not full else first
        # Without an official full name: "Jimmy Carter", or initials that tell namesakes apart
        # ("George H. W. Bush", "George W. Bush"; "John Quincy Adams" is not "John Adams").
        initials = "" if nickname else " ".join(f"{word[0]}." for word in middle.replace(".", " ").split())
        name = full or " ".join(filter(None, [called, initials, last]))
        ids = entry.get("id") if isinstance(entry.get("id"), dict) else {}
        terms_data = items(entry, "terms", f"{field}.")
        if not terms_data:
            raise OfficialsError("at least one term is required", f"{field}.terms")
        terms, parties = [], []
        for i, data in enumerate(terms_data):
            terms.append(self.parse_term(data, f"{field}.terms[{i}]"))
            affiliations = items(data, "party_affiliations", f"{field}.terms[{i}].")
            parties.append(text(affiliations[-1] if affiliations else data, "party", f"{field}.terms[{i}].", False))
        current = max(range(len(terms)), key=lambda i: terms[i].start_date)
        bio = entry.get("bio") if isinstance(entry.get("bio"), dict) else {}
        formal = " ".join(filter(None, [first, middle, last, suffix]))
        return Official(
            field=field,
            name=name,
            sort_name=f"{last}, {called}",
            party=party_choice(parties[current]) if parties[current] else None,
            gender=gender_choice(text(bio, "gender", f"{field}.bio.", required=False), f"{field}.bio.gender"),
            state=terms[current].state,
            aliases=[full, f"{first} {last}", f"{nickname} {last}" if nickname else "", formal, last],
            terms=terms,
            bioguide_id=identifier(ids.get("bioguide"), f"{field}.id.bioguide"),
            wikidata_id=wikidata(ids.get("wikidata"), f"{field}.id.wikidata"),
        )

    def parse_term(self, data, field):
        kind = text(data, "type", f"{field}.")
        if kind in ("prez", "viceprez"):
            title = "President of the United States" if kind == "prez" else "Vice President of the United States"
            return term(title, "", "", data, field, "start", "end", start_required=True, level=OfficeLevel.FEDERAL)
        if kind not in ("sen", "rep"):
            raise OfficialsError(f"{kind!r} is not one of sen, rep, prez, viceprez", f"{field}.type")
        code = text(data, "state", f"{field}.")
        if code not in self.states:
            raise OfficialsError(f"{code!r} is not a US state, district or territory code", f"{field}.state")
        if kind == "sen":
            return term(
                "U.S. Senator", "United States Senate", code, data, field, "start", "end", True, OfficeLevel.FEDERAL
            )
        house = "United States House of Representatives"
        district = data.get("district")
        if code in HOUSE_DELEGATES:
            title, organization = HOUSE_DELEGATES[code], house
        elif district == 0:
            title, organization = "U.S. Representative", f"{house}, {self.states[code]} at-large district"
        elif isinstance(district, int) and district > 0:
            title, organization = "U.S. Representative", f"{house}, {self.states[code]}'s {ordinal(district)} district"
        else:  # -1 or absent: the district is not known
            title, organization = "U.S. Representative", house
        return term(title, organization, code, data, field, "start", "end", True, OfficeLevel.FEDERAL)

    # Writing

    def save(self, official):
        counts = Counts()
        person = self.find_person(official)
        values = {"name": official.name, "sort_name": official.sort_name}
        if official.party is not None:
            values["party"] = official.party
        if official.gender is not None:
            values["gender"] = official.gender
        if official.state:
            values["state_id"] = official.state
        for key in ("openstates_id", "bioguide_id", "wikidata_id"):
            if getattr(official, key):
                values[key] = getattr(official, key)
        if person is None:
            person = Person(slug=unique_slug(official.name), **values)
            person.aliases = merge_aliases([], official.aliases, official.name)
            check_lengths(person, official)
            person.save()
            counts.people_created += 1
            held = {}
        else:
            old_name = person.name
            changed = [key for key, value in values.items() if getattr(person, key) != value]
            for key in changed:
                setattr(person, key, values[key])
            # Keep the name it was known by, so searches for it still find the person.
            aliases = merge_aliases(person.alias_list, [old_name, *official.aliases], person.name)
            if aliases != person.aliases:
                person.aliases = aliases
                changed.append("aliases")
            if changed:
                check_lengths(person, official)
                person.save(update_fields=changed)
            counts.people_updated += bool(changed)
            counts.people_unchanged += not changed
            held = {(p.title, p.organization, p.start_date): p for p in person.positions.all()}
        self.save_positions(person, official, held, counts)
        return counts

    def find_person(self, official):
        """By external id, then by name and state; two queries at most."""
        by_id = Q()
        openstates_ids = [official.openstates_id, *official.other_openstates_ids]
        if official.openstates_id:
            by_id |= Q(openstates_id__in=openstates_ids)
        if official.bioguide_id:
            by_id |= Q(bioguide_id=official.bioguide_id)
        if official.wikidata_id:
            by_id |= Q(wikidata_id=official.wikidata_id)
        if by_id:
            found = list(Person.objects.filter(by_id).order_by("pk")[:2])
            if len(found) > 1:
                a, b = found
                raise OfficialsError(
                    f"the ids of {official.name} belong to two people in the database, “{a}” (id {a.pk}) and "
                    f"“{b}” (id {b.pk}); merge them in the admin or correct their ids, then import again",
                    official.field or "id",
                )
            if found:
                return found[0]
        namesakes = Person.objects.filter(name__iexact=official.name)
        if official.state:
            namesakes = namesakes.filter(state_id=official.state)
        # A namesake who already has another id of the same kind is someone else.
        for key in ("openstates_id", "bioguide_id", "wikidata_id"):
            if getattr(official, key):
                namesakes = namesakes.filter(**{key: ""})
        return namesakes.order_by("pk").first()

    def save_positions(self, person, official, held, counts):
        """Match terms to `held` positions by (title, organization, start date); create the rest in one query."""
        new = []
        for t in official.terms:
            values = {
                "state_id": t.state or None,
                "start_precision": t.start_precision,
                "end_date": t.end_date,
                "end_precision": t.end_precision,
                "level": t.level,
            }
            key = (t.title, t.organization, t.start_date)
            position = held.get(key)
            if position is None:
                position = held[key] = Position(
                    person=person, title=t.title, organization=t.organization, start_date=t.start_date, **values
                )
                check_lengths(position, official)
                new.append(position)
                continue
            changed = [k for k, value in values.items() if getattr(position, k) != value]
            for k in changed:
                setattr(position, k, values[k])
            if position.pk is None:  # the same term twice in the data: the last one wins
                continue
            if changed:
                position.save(update_fields=changed)
            counts.positions_updated += bool(changed)
            counts.positions_unchanged += not changed
        Position.objects.bulk_create(new)
        Position.objects.filter(pk__in=[position.pk for position in new]).copy_holders()
        counts.positions_created += len(new)
        if new:  # no post_save for each: what follows the offices held is told at once
            offices_changed.send(sender=Position, people=[person.pk])


# Small readers that name the field when the data is wrong.


def text(mapping, key, prefix, required=True):
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if value is None or value == "":
        if required:
            raise OfficialsError("required field is missing", f"{prefix}{key}")
        return ""
    if isinstance(value, (dict, list)):
        raise OfficialsError(f"must be text, not {type(value).__name__}", f"{prefix}{key}")
    return str(value).strip()


def items(mapping, key, prefix):
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise OfficialsError("must be a list", f"{prefix}{key}")
    return value


def parse_date(value, field):
    """A date and its precision from "2011-06-06", "2011-06", "2011" or a YAML date."""
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    raw = str(value).strip()
    for pattern, precision, padding in DATE_FORMATS:
        if pattern.fullmatch(raw):
            try:
                return datetime.date.fromisoformat(raw + padding), precision
            except ValueError:
                break
    raise OfficialsError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", field)


def term(title, organization, state, data, field, start_key, end_key, start_required=False, level=""):
    dates = {}
    for key in (start_key, end_key):
        value = data.get(key)
        if value in (None, ""):
            if key == start_key and start_required:
                raise OfficialsError("required field is missing", f"{field}.{key}")
            dates[key] = None, DatePrecision.DAY
        else:
            dates[key] = parse_date(value, f"{field}.{key}")
    (start, start_precision), (end, end_precision) = dates[start_key], dates[end_key]
    if start and end and end < start:
        raise OfficialsError(f"{end} is before the start, {start}", f"{field}.{end_key}")
    return Term(title, organization, state, start, start_precision, end, end_precision, level)


def latest(terms):
    """The term that ended last (a term with no end is current), then started last."""
    return max(terms, key=lambda t: (t.end_date or datetime.date.max, t.start_date or datetime.date.min))


def party_choice(name):
    return PARTIES.get(name.strip().lower(), Party.OTHER)


GENDERS = {
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "nonbinary": Gender.NONBINARY,
    "non-binary": Gender.NONBINARY,
}


def gender_choice(value, field):
    """A Gender from congress-legislators' "F"/"M" or Open States' "Female"/"Male"; None when the
    data says nothing, an error for anything else."""
    if not value:
        return None
    try:
        return GENDERS[value.strip().lower()]
    except KeyError:
        raise OfficialsError(f"{value!r} is not a gender the importer knows (F, M, Female, Male)", field) from None


def identifier(value, field):
    if value in (None, ""):
        return ""
    if isinstance(value, (dict, list)):
        raise OfficialsError("must be text", field)
    return str(value).strip()


def wikidata(value, field):
    value = identifier(value, field)
    if value and not re.fullmatch(r"Q[0-9]+", value):
        raise OfficialsError(f"{value!r} is not a Wikidata id (Q followed by digits)", field)
    return value


def split_name(name):
    """("Given", "Family") from a full name, leaving a suffix such as "Jr." aside."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    return " ".join(words[:-1]), words[-1]


def district_label(district):
    label = str(district).strip()
    if re.fullmatch(r"[0-9]+[A-Za-z]?|[A-Za-z]", label):
        return f"District {label}"
    if re.match(r"(?i)(ward|district|at-large)\b", label):
        return label
    return f"{label} District"


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def merge_aliases(existing, new, name):
    """Existing aliases first, then new ones; no blanks, no repeats, not the name itself."""
    seen, kept = {name.casefold()}, []
    for alias in [*existing, *new]:
        alias = " ".join(alias.split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return "\n".join(kept)


def unique_slug(name):
    """slugify(name), with -2, -3… on collision; one query per candidate."""
    base = slugify(name)[:190] or "person"
    slug, n = base, 1
    while in_use(Person, slug):  # nor an old address a renamed or merged person keeps
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_lengths(obj, official):
    """Refuse text longer than its column (PostgreSQL would refuse it mid-file; SQLite would not)."""
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            where = f"{official.field} " if official.field else ""
            raise OfficialsError(
                f"{where}{official.name}: {field.verbose_name} is longer than {field.max_length} characters",
                field.name,
            )
