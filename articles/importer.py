"""Import an article from plain text as a draft, with proposed quotes for an editor to review.

Reads the format of the sample story (a title line, a blank line, the headline, a "By" byline,
a date line, then the body) or a plain body with its metadata given separately. Nothing is
written unless everything is readable, and proposals become quotes only when accepted.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from newsroom.addresses import in_use
from people.models import Author, Person, Position, State

from . import richtext, text_facts
from .extraction import ExtractionTooSlow, extract_quotes, mentioned_states, name_keys, normal_name, title_words
from .extraction.names import TITLE_FORMS, normal_title
from .models import Article, Byline, ImportedStory, Outlet, Quote, QuoteProposal, Topic, body_fingerprint, web_url

MAX_BYTES = 1_000_000
# Extraction is linear: a 1 MB text takes under 2 s (make bench-extract). This stops any text that
# would still take long well before gunicorn's worker timeout (30 s) turns the import into a 500.
EXTRACTION_SECONDS = 10
# More than any article quotes; a text past it is a collection of articles, or not an article (and a
# proposal's position is a small integer).
MAX_PROPOSALS = 1000
DATE_FORMATS = ["%A, %B %d, %Y", "%B %d, %Y", "%b. %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%d %B %Y"]
OPENING, CLOSING = "“", "”"


class ImportRefused(ValueError):
    """The text can't be imported; the message says why, for the person importing it."""


class AlreadyImported(ImportRefused):
    """The story is in the archive already: `article` holds it."""

    def __init__(self, article):
        self.article = article
        super().__init__(
            f"This story is already in the archive: “{article.headline}” (article {article.pk}, "
            f"{article.get_status_display().lower()}). Nothing was imported."
        )


@dataclass
class Parsed:
    headline: str
    body: str
    dek: str = ""
    outlet: str = ""
    authors: list[str] = field(default_factory=list)
    published_on: datetime.date | None = None
    original_url: str = ""


def decode(data):
    """Bytes of an uploaded or named file as text, refusing what isn't an article's text."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"The file is {len(data):,} bytes; the limit is {MAX_BYTES:,} (1 MB).")
    if b"\0" in data:
        raise ImportRefused("This is a binary file, not text. Save the article as plain text (UTF-8).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"This is not UTF-8 text (bad byte at position {error.start}).") from error
    if not text.strip():
        raise ImportRefused("The text is empty.")
    return text.replace("\r\n", "\n")


def parse_date(value):
    value = " ".join(value.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ImportRefused(f"Unreadable date: “{value}”. Write it like “June 6, 2011” or “2011-06-06”.")


def parse(text, headline="", outlet="", author="", date="", original_url=""):
    """The article in `text`; metadata given here overrides what the text says."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportRefused(f"The text is over {MAX_BYTES:,} bytes (1 MB).")
    if not text.strip():
        raise ImportRefused("The text is empty.")
    parsed = _parse_header(text) or Parsed(headline="", body=text.strip())
    if headline.strip():
        parsed.headline = headline.strip()
    if outlet.strip():
        parsed.outlet = outlet.strip()
    if author.strip():
        parsed.authors = [name.strip() for name in re.split(r",| and ", author) if name.strip()]
    if date.strip() if isinstance(date, str) else date:
        parsed.published_on = date if isinstance(date, datetime.date) else parse_date(date)
    if original_url.strip():
        parsed.original_url = original_url.strip()
        try:
            web_url(parsed.original_url)
        except ValidationError as error:
            raise ImportRefused(f"The original URL “{parsed.original_url}” is not an http(s) address.") from error
    if not parsed.headline:
        raise ImportRefused("No headline: give one, or use the format title line, headline, “By …”, date, body.")
    # The fields' own limits: what an editor's form would refuse, the importer refuses too.
    for what, value, limit in [
        ("headline", parsed.headline, Article._meta.get_field("headline").max_length),
        ("dek (the title line)", parsed.dek, Article._meta.get_field("dek").max_length),
        ("outlet", parsed.outlet, Outlet._meta.get_field("name").max_length),
        ("original URL", parsed.original_url, Article._meta.get_field("original_url").max_length),
    ] + [("author name", name, Author._meta.get_field("name").max_length) for name in parsed.authors]:
        if len(value) > limit:
            raise ImportRefused(f"The {what} is {len(value):,} characters long; the limit is {limit:,}.")
    if not parsed.body:
        raise ImportRefused("The article has no body.")
    check_quotation_marks(parsed.body)
    return parsed


def _parse_header(text):
    """Title line, blank line, headline, "By …" line, date line, body; or None for a plain body."""
    lines = text.strip().split("\n")
    if len(lines) < 6 or lines[1].strip() or not lines[3].startswith("By "):
        return None
    title = lines[0].strip()
    outlet = ""
    if match := re.fullmatch(r"(.*?)\s*\(([^()]+)\)", title):
        title, outlet = match.groups()
    authors = [name.strip() for name in re.split(r",| and ", lines[3][3:]) if name.strip()]
    return Parsed(
        headline=lines[2].strip(),
        dek=title,
        outlet=outlet,
        authors=authors,
        published_on=parse_date(lines[4]),
        body="\n".join(lines[5:]).strip(),
    )


def check_quotation_marks(body):
    """Refuse curly quotation marks that don't pair up.

    By news convention a quote running over several paragraphs leaves each paragraph
    open and reopens the next, so an open quote may carry across a paragraph break only
    into a paragraph that starts with an opening mark.
    """
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    open_at = None
    for number, paragraph in enumerate(paragraphs, start=1):
        start = 0
        if open_at is not None:
            if not paragraph.startswith(OPENING):
                raise ImportRefused(
                    f"Unbalanced quotation marks: the quote opened in paragraph {open_at} never closes."
                )
            start = 1
        for char in paragraph[start:]:
            if char == OPENING:
                if open_at is not None and open_at == number:
                    raise ImportRefused(f"Unbalanced quotation marks in paragraph {number}: “ opened twice.")
                open_at = number
            elif char == CLOSING:
                if open_at is None:
                    raise ImportRefused(f"Unbalanced quotation marks in paragraph {number}: ” without “.")
                open_at = None
    if open_at is not None:
        raise ImportRefused(f"Unbalanced quotation marks: the quote opened in paragraph {open_at} never closes.")
    if body.count('"') % 2:
        raise ImportRefused('Unbalanced quotation marks: an odd number of straight quotes (").')


def already_imported(parsed):
    """The article already holding this story (the same original URL, or the same body once
    whitespace and quotation marks are normalised), or None. One query, on two indexes."""
    same = Q(body_fingerprint=body_fingerprint(parsed.body))
    if parsed.original_url:
        same |= Q(original_url=parsed.original_url)
    return Article.objects.filter(same).order_by("pk").first()


def import_article(parsed, user=None, copy=False):
    """A draft article with its outlet, bylines and proposed quotes (one transaction). A story
    already in the archive is refused (AlreadyImported) unless `copy` asks for a new copy, also when
    another import of it commits while this one reads the text (ImportedStory's unique keys)."""
    if not copy and (existing := already_imported(parsed)):
        raise AlreadyImported(existing)
    # The text is read before the transaction: no lock is held for the seconds it may take.
    # The body is stored as HTML paragraphs, every character of the text escaped (pasted markup
    # stays words); quotes are read from its plain text, whose offsets the proposals keep.
    body = richtext.from_plain(parsed.body)
    text = richtext.plain_text(body)
    try:
        proposals = extract_quotes(text, seconds=EXTRACTION_SECONDS)
    except ExtractionTooSlow as error:
        raise ImportRefused(
            f"Reading this text for quotes took over {EXTRACTION_SECONDS} seconds, so it was stopped and nothing "
            "was imported. Check that it is an article's text, or import it in shorter parts."
        ) from error
    if len(proposals) > MAX_PROPOSALS:
        raise ImportRefused(
            f"This text holds {len(proposals):,} quotes; one import proposes at most {MAX_PROPOSALS:,}, so nothing "
            "was imported. Check that it is one article's text, or import it in shorter parts."
        )
    attempts = 2
    while True:
        attempts -= 1
        try:
            with transaction.atomic():
                return _create(parsed, body, text, proposals, user, copy)
        except IntegrityError as error:
            # Another import committed since this one looked: the same story (its keys), which wins
            # and this one writes nothing; or a new outlet, author or headline of the same name, which
            # the second attempt finds (and a new slug goes around).
            keys = ImportedStory.keys(text, parsed.original_url)
            won = ImportedStory.objects.filter(key__in=keys).select_related("article").first()
            if not copy and (existing := won.article if won else already_imported(parsed)):
                raise AlreadyImported(existing) from error
            if not attempts:
                raise ImportRefused(
                    "Other imports were saving an outlet, an author or a headline of the same name at the same "
                    "moment: import it again."
                ) from error


def _create(parsed, body, text, proposals, user, copy):
    """import_article's writes, in its transaction: `body` as stored, `text` its plain text."""
    outlet = None
    if parsed.outlet:
        outlet = Outlet.objects.filter(name__iexact=parsed.outlet).first()
        if outlet is None:
            _may_create(user, "articles.add_outlet", f"The outlet “{parsed.outlet}”")
            outlet = Outlet.objects.create(name=parsed.outlet, slug=unique_slug(Outlet, parsed.outlet))
    published_at = None
    if parsed.published_on:
        published_at = timezone.make_aware(datetime.datetime.combine(parsed.published_on, datetime.time.min))
    article = Article.objects.create(
        headline=parsed.headline[:300],
        slug=unique_slug(Article, parsed.headline),
        dek=parsed.dek,
        body=body,
        original_url=parsed.original_url,
        outlet=outlet,
        published_at=published_at,
        status=Article.Status.DRAFT,
        created_by=user,
    )
    if not copy:
        keys = ImportedStory.keys(text, article.original_url)
        ImportedStory.objects.bulk_create(ImportedStory(key=key, article=article) for key in keys)
    for position, name in enumerate(parsed.authors):
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            _may_create(user, "people.add_author", f"The author “{name}”")
            author = Author.objects.create(name=name, slug=unique_slug(Author, name))
        Byline.objects.get_or_create(article=article, author=author, defaults={"position": position})
    people = match_speakers(proposals, text)
    spans = [text_facts.QuoteSpan(p.start, p.end, p.speaker or "") for p in proposals]
    facts = text_facts.quote_facts(text, spans, parsed.published_on)
    states = set(State.objects.values_list("code", flat=True))
    # The summary line may name a speaker first: "Massachusetts Governor Deval Patrick Refuses …".
    full_text = "\n\n".join(part for part in [parsed.headline, parsed.dek, text] if part)
    offices, home = {}, None
    rows = []
    for position, (proposal, person_id, said) in enumerate(zip(proposals, people, facts, strict=True)):
        row = QuoteProposal(
            article=article,
            text=proposal.text,
            kind=proposal.kind,
            speaker_name=(proposal.speaker or "")[:200],
            person_id=person_id,
            start=proposal.start,
            end=proposal.end,
            position=position,
            context=said.context,
        )
        if said.when:
            row.said_on, row.said_on_precision = said.when.date, said.when.precision
        if person_id is None and proposal.speaker:
            # Someone new: the office the text prints with their name, for the editor to confirm.
            if home is None:
                home = text_facts.home_state(full_text) or ""  # read once, for every new speaker
            key = (proposal.speaker, proposal.title)
            if key not in offices:
                offices[key] = text_facts.position_of(full_text, proposal.speaker, proposal.title, home=home)
            office = offices[key]
            state = office.state or proposal.state
            row.title, row.organization, row.party = office.title, office.organization, office.party
            row.state_id = state if state in states else None
        rows.append(row)
    QuoteProposal.objects.bulk_create(rows)
    return article


def _may_create(user, permission, what):
    """Reporters import into the directory as it is; editors and researchers may add to it."""
    if user is not None and not user.has_perm(permission):
        raise ImportRefused(f"{what} is not in the directory yet: ask an editor to add it, or leave it out.")


def unique_slug(model, text, max_length=200):
    base = slugify(text)[: max_length - 8] or "untitled"
    slug, n = base, 2
    # A renamed or merged row's old address still redirects: a new row doesn't take it over.
    while in_use(model, slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def accept(proposal, text=None, kind=None, person=None, **facts):
    """Turn a proposal into a quote, creating its speaker if they aren't known yet.

    The quote's context, said_on and said_on_precision are the proposal's unless given in `facts`;
    a new speaker gets the office the proposal holds (refused without a title and a state)."""
    speaker = person or proposal.person or speaker_in_article(proposal.article, proposal.speaker_name)
    if speaker is None:
        speaker = new_person(
            proposal.speaker_name,
            title=proposal.title,
            organization=proposal.organization,
            state=proposal.state,
            party=proposal.party,
        )
    quote, _ = Quote.objects.get_or_create(
        article=proposal.article,
        speaker=speaker,
        text=(text or proposal.text).strip(),
        defaults={
            "kind": kind or proposal.kind,
            "position": proposal.position,
            "context": proposal.context,
            "said_on": proposal.said_on,
            "said_on_precision": proposal.said_on_precision,
        }
        | facts,
    )
    proposal.decision, proposal.quote, proposal.person = QuoteProposal.Decision.ACCEPTED, quote, speaker
    proposal.save(update_fields=["decision", "quote", "person"])
    mark_in_body(quote)
    return quote


def mark_in_body(quote):
    """Mark the quote's words in its article's body (richtext.mark), if found there unmarked. The
    body's words don't change, nor its plain text or fingerprint: one UPDATE of the body alone."""
    articles = Article.objects.filter(pk=quote.article_id)
    body = articles.values_list("body", flat=True).get()
    marked = richtext.mark(body, quote.pk, quote.text)
    if marked != body:
        articles.update(body=marked)


def reject(proposal):
    proposal.decision = QuoteProposal.Decision.REJECTED
    proposal.save(update_fields=["decision"])


def speaker_in_article(article, name):
    """The person a speaker not found in the directory is, if this article's review has met them:
    the same name, or a surname alone ("Dart said"), as a speaker accepted before in it (the
    printed name, a name given instead, or an alias); None for someone new. One query."""
    key = _name_key(name)
    accepted = article.proposals.filter(decision=QuoteProposal.Decision.ACCEPTED).values("person")
    earlier = {
        person: {_name_key(n) for n in [person.name, *person.alias_list]}
        for person in Person.objects.filter(pk__in=accepted).order_by("pk")
    }
    same = [person for person, names in earlier.items() if key in names]
    if not same and key and " " not in key:
        same = [person for person, names in earlier.items() if any(n.rsplit(" ", 1)[-1] == key for n in names)]
    return same[0] if len(same) == 1 else None


def _name_key(name):
    return " ".join(name.replace(".", "").casefold().split())


def new_person(name, *, title, state, organization="", party=""):
    """A person not yet in the directory, with the office the text gives them.

    Nobody is added with only a name: without a title and a state an editor couldn't tell
    them from a namesake, so that refuses (ImportRefused)."""
    name = " ".join(name.split())
    title = " ".join((title or "").split())
    if not name or not title or state is None:
        raise ImportRefused("A new person needs a name, a title and a state: give them, or choose someone known.")
    parts = name.split()
    sort_name = f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name
    person = Person.objects.create(
        name=name, slug=unique_slug(Person, name), sort_name=sort_name, state=state, party=party or ""
    )
    Position.objects.create(person=person, title=title, organization=organization or "", state=state)
    return person


def coverage_proposals(article):
    """What the importer proposes for the article's states and topics, not set on it yet.

    [(kind, object, reason, text, start, end)]: kind "state" or "topic"; `text[start:end]` is the
    words it was read from, in the headline, summary or body; for a speaker's state, their quote.
    A few queries whatever the length: the article's states and topics, all topics, the states,
    the proposals with their people.
    """
    text = "\n\n".join(part for part in [article.headline, article.dek, article.body_text] if part)
    offset = len(text) - len(article.body_text)
    have_states = set(article.states.values_list("code", flat=True))
    have_topics = set(article.topics.values_list("pk", flat=True))
    states = State.objects.in_bulk()
    found = []
    for code, mention in text_facts.states_named(text).items():
        if code in states and code not in have_states:
            found.append(("state", states[code], "named in the text", text, mention.start, mention.end))
    named = {item[1].code for item in found}
    speakers = article.proposals.exclude(decision=QuoteProposal.Decision.REJECTED).select_related("person")
    for proposal in speakers:
        code = proposal.person.state_id if proposal.person else proposal.state_id
        if code and code in states and code not in have_states and code not in named:
            named.add(code)
            who = proposal.person.name if proposal.person else proposal.speaker_name
            reason = f"the home state of {who}, quoted"
            found.append(("state", states[code], reason, text, offset + proposal.start, offset + proposal.end))
    topics = Topic.objects.exclude(pk__in=have_topics).only("pk", "name", "aliases")
    names = [(topic, name) for topic in topics for name in [topic.name, *topic.alias_list]]
    for topic, mention in text_facts.names_in(text, names).items():
        reason = "named in the text" if mention.value == topic.name else f"named in the text as “{mention.value}”"
        found.append(("topic", topic, reason, text, mention.start, mention.end))
    return found


def match_speakers(proposals, text):
    """The id of the `Person` each proposal's speaker is, or None for someone not yet known.

    A speaker matches a person by name or alias (titles, case and periods ignored); among
    several, the one whose state and office the article gives wins, and a tie stays unmatched.
    One query, plus one for positions, for each SURNAMES_PER_QUERY surnames.
    """
    names = {key for p in proposals if p.speaker for key in name_keys(p.speaker)}
    if not names:
        return [None] * len(proposals)
    surnames = sorted({name.split()[-1] for name in names})
    people = {}
    for first in range(0, len(surnames), SURNAMES_PER_QUERY):
        query = Q()
        for surname in surnames[first : first + SURNAMES_PER_QUERY]:
            query |= Q(name__icontains=surname) | Q(aliases__icontains=surname)
        people.update((person.pk, person) for person in Person.objects.filter(query).prefetch_related("positions"))
    people = people.values()
    known = {}
    for person in people:
        for name in {normal_name(person.name), *(normal_name(alias) for alias in person.alias_list)}:
            known.setdefault(name, []).append(person)
    in_article = mentioned_states(text)
    return [
        best_match(
            [person for key in name_keys(p.speaker) for person in known.get(key, ())] or _same_office(people, p),
            p,
            in_article,
        )
        if p.speaker
        else None
        for p in proposals
    ]


def _same_office(people, proposal):
    """Those of `people` with the speaker's surname who held the office printed before the name
    ("Cook County Sheriff Tom Dart" is the Thomas J. Dart who was a sheriff), none without one."""
    words = normal_title(proposal.title)
    surname = normal_name(proposal.speaker).rsplit(" ", 1)[-1]
    if not words or not surname:
        return []
    office = TITLE_FORMS.get(words[-1], words[-1])
    return [
        person
        for person in people
        if normal_name(person.name).rsplit(" ", 1)[-1] == surname
        and any(office in normal_title(position.title) for position in person.positions.all())
    ]


# SQLite refuses a condition nested more than 1,000 deep, and each surname adds two.
SURNAMES_PER_QUERY = 200


def best_match(candidates, proposal, in_article):
    """The candidate the article's clues point to: the speaker's own state counts most, then the
    office printed with the name, then any state the article covers."""
    wanted = title_words(proposal.title)

    def score(person):
        positions = person.positions.all()
        states = {person.state_id} | {position.state_id for position in positions}
        offices = " ".join(position.title.lower() for position in positions)
        same_office = any(word in offices for word in wanted)
        return 2 * (proposal.state in states) + same_office + bool(states & in_article)

    candidates = list(dict.fromkeys(candidates))
    if len(candidates) == 1:
        return candidates[0].pk
    ranked = sorted(((score(person), person.pk) for person in candidates), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]
