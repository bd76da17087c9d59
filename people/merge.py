"""Merging duplicate people into one survivor, in one transaction.

The survivor takes the others' positions, names (as aliases), external ids and the blanks of its
own profile they fill; their addresses answer 301 to the survivor's (PersonRedirect, newsroom/addresses.py). What
other apps keep about a person (quotes, proposals, the readers' tallies: `articles`, which
`people` never imports) moves on the `merging` signal, sent before the others are deleted: a
person who still has quotes is PROTECTed, so a receiver that left one behind stops the merge and
nothing is written.
"""

from django.db import transaction
from django.dispatch import Signal

from newsroom.addresses import redirect_to
from newsroom.dependencies import filed, filed_under, invalidate, tag_of

from .models import Person, PersonRedirect, Position

# Sent inside the merge's transaction with `survivor` (a Person) and `others` (the people merged
# into it, still in the database): move whatever points at the others to the survivor.
merging = Signal()

EXTERNAL_IDS = ["wikidata_id", "openstates_id", "bioguide_id"]
# Blanks of the survivor's profile that another's value fills.
PROFILE = ["bio", "party", "state_id"]
# The most people one merge takes: a duplicate is a handful, a larger selection is a mistake.
MAX_PEOPLE = 20


class MergeRefused(ValueError):
    """The people can't be merged; the message says why, for the editor."""


@transaction.atomic
def merge_people(survivor, others):
    """Merge `others` into `survivor` (Person instances); returns the survivor as saved."""
    keys = {person.pk for person in others} - {survivor.pk}
    if not keys:
        raise MergeRefused("Choose at least one other person to merge into the survivor.")
    if len(keys) + 1 > MAX_PEOPLE:
        raise MergeRefused(f"One merge takes at most {MAX_PEOPLE} people.")
    # Locked, and read as they are now: the selection may be minutes old.
    locked = {person.pk: person for person in Person.objects.select_for_update().filter(pk__in=keys | {survivor.pk})}
    if survivor.pk not in locked or len(locked) != len(keys) + 1:
        raise MergeRefused("Someone deleted one of these people meanwhile; select them again.")
    survivor, others = locked[survivor.pk], sorted((locked[pk] for pk in keys), key=lambda person: person.pk)
    for field in EXTERNAL_IDS:
        values = {getattr(person, field) for person in [survivor, *others]} - {""}
        if len(values) > 1:
            label = Person._meta.get_field(field).verbose_name
            raise MergeRefused(
                f"These are different people by their {label}s ({', '.join(sorted(values))}): not merged."
            )
        if values:
            setattr(survivor, field, values.pop())
    for field in PROFILE:
        if not getattr(survivor, field):
            setattr(
                survivor,
                field,
                next((getattr(p, field) for p in others if getattr(p, field)), getattr(survivor, field)),
            )
    names = [survivor.name, *survivor.alias_list]
    for person in others:
        names += [person.name, *person.alias_list]
    seen, aliases = {survivor.name.casefold()}, []
    for name in names[1:]:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            aliases.append(name)
    survivor.aliases = "\n".join(aliases)

    _move_positions(survivor, others)
    # Earlier merges' addresses lead straight to the survivor, and the others' own join them.
    PersonRedirect.objects.filter(person__in=others).update(person=survivor)
    redirect_to(survivor, [person.slug for person in others])
    merging.send(sender=Person, survivor=survivor, others=others)
    # The ids are unique: the others let go of them before the survivor takes them.
    Person.objects.filter(pk__in=keys).update(**dict.fromkeys(EXTERNAL_IDS, ""))
    survivor.save(update_fields=["aliases", *EXTERNAL_IDS, "bio", "party", "state"])
    for person in others:
        person.delete()  # hard invalidation of what showed them (people/invalidation.py)
    # Their positions came by an update (no signals): the survivor's page shows them now.
    invalidate(
        {
            "content",
            tag_of(survivor),
            filed_under(survivor),
            *(filed(f"state-{code}") for code in _states(survivor, others)),
        }
    )
    return survivor


def _move_positions(survivor, others):
    """The others' positions go to the survivor, but for those it holds already (same title,
    organization, state and start)."""

    def key(position):
        return (position.title.casefold(), position.organization.casefold(), position.state_id, position.start_date)

    held = {key(position) for position in survivor.positions.all()}
    duplicates = []
    for position in Position.objects.filter(person__in=others).order_by("pk"):
        if key(position) in held:
            duplicates.append(position.pk)
        held.add(key(position))
    Position.objects.filter(pk__in=duplicates).delete()
    Position.objects.filter(person__in=others).update(person=survivor)


def _states(survivor, others):
    return {survivor.state_id, *(person.state_id for person in others)} - {None}
