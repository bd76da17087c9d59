"""schema.org descriptions of people, for search engines (JSON-LD)."""

WIKIDATA = "https://www.wikidata.org/wiki/{}"
BIOGUIDE = "https://bioguide.congress.gov/search/bio/{}"


def same_as(person):
    links = []
    if getattr(person, "wikidata_id", ""):
        links.append(WIKIDATA.format(person.wikidata_id))
    if getattr(person, "bioguide_id", ""):
        links.append(BIOGUIDE.format(person.bioguide_id))
    return links


def person_reference(request, person):
    """A Person node: enough to name and link someone from another page's data."""
    node = {"@type": "Person", "name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}
    if links := same_as(person):
        node["sameAs"] = links
    return node


def person_jsonld(request, person, image_url=None):
    """The Person on their own page, with the office they hold (or last held), and their portrait's
    address if it may appear. Reads prefetched positions."""
    node = {"@context": "https://schema.org"} | person_reference(request, person)
    node["@id"] = node["url"] + "#person"
    if image_url:
        node["image"] = image_url
    position = person.current_position or next(iter(person.positions.all()), None)
    if position is not None:
        node["jobTitle"] = position.title
        if position.organization:
            node["affiliation"] = {"@type": "GovernmentOrganization", "name": position.organization}
    if person.state is not None:
        node["homeLocation"] = {"@type": "State", "name": person.state.name}
    if person.bio:
        node["description"] = person.bio
    return node
