"""Checking JSON-LD against the schema.org vocabulary, as generated into classes by msgspec-schemaorg:
every node's @type is a schema.org type, every property is one that type has (its own or inherited),
and every nested node's type is one the property expects (or a subtype of one)."""

import re

import msgspec_schemaorg.models as types

# Keys of JSON-LD itself, not schema.org properties.
KEYWORDS = {"@context", "@id", "@type", "@graph"}
# What a property expecting one of these accepts besides a node: a literal.
LITERALS = {"str", "int", "float", "bool", "date", "datetime", "time", "URL"}


def schema_type(name):
    cls = getattr(types, name, None)
    assert isinstance(cls, type), f"{name} is not a schema.org type"
    return cls


def expected(cls, prop):
    """The names the annotation of `prop` on `cls` (or an ancestor) mentions, or None if no type has it."""
    for klass in cls.__mro__:
        annotation = getattr(klass, "__annotations__", {}).get(prop)
        if annotation is not None:
            return set(re.findall(r"[A-Za-z_]\w*", str(annotation))) - {"Union", "List", "Optional", "None"}
    return None


def assert_valid_schemaorg(node, where="@root"):
    """Fail, naming the place, where `node` (a JSON-LD document or value) uses what schema.org lacks."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            assert_valid_schemaorg(item, f"{where}[{index}]")
        return
    if not isinstance(node, dict):
        return
    if "@graph" in node:
        assert_valid_schemaorg(node["@graph"], f"{where}.@graph")
    if "@type" not in node:
        assert set(node) <= KEYWORDS, f"{where}: a node without @type: {sorted(node)}"
        return
    cls = schema_type(node["@type"])
    for prop, value in node.items():
        if prop in KEYWORDS:
            continue
        allowed = expected(cls, prop)
        assert allowed is not None, f"{where}: {node['@type']} has no property {prop}"
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            place = f"{where}.{prop}" + (f"[{index}]" if isinstance(value, list) else "")
            if isinstance(item, dict) and "@type" in item:
                kind = schema_type(item["@type"])
                fits = any(issubclass(kind, getattr(types, name)) for name in allowed if hasattr(types, name))
                assert fits, f"{place}: {item['@type']} is not one of {sorted(allowed)}"
                assert_valid_schemaorg(item, place)
            elif isinstance(item, dict):
                assert set(item) <= {"@id"}, f"{place}: a node without @type"
            else:
                assert allowed & LITERALS or "Any" in allowed, (
                    f"{place}: a literal where {sorted(allowed)} is expected"
                )
                if allowed & LITERALS == {"URL"}:
                    assert re.match(r"https?://", str(item)), f"{place}: {item!r} is not a web address"
