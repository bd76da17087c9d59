"""Who gets quoted, set beside who holds office (issue 18): the Sources page's breakdowns.

Quotes are counted by their speaker's party, gender and home state (as recorded now) and by the
level of the office the speaker held when the words were said (MonthlyQuoteCount.level); offices
by their holder's party and gender, their level and the state they serve, counting each position
held at any time in the period once. Nothing here reads a quote of an unpublished article: the
months are kept from published ones only (articles/tallies.py), and a filtered count reads the
quotes readers see (`published_quotes()`).

Two ways to count quotes, both one aggregate query:
- `months_breakdown`: by period and by state, from the kept months, which carry their speaker's
  groups (tens of thousands of rows, never the million quotes, nor a join with every person);
- `quotes_breakdown`: by outlet, author or topic, from the quotes themselves (reached through an
  index from the outlet's, author's or topic's articles), each quote's office read off the
  positions' person index.
"""

import csv
import datetime
import io
from collections import Counter

from django.db.models import Case, Count, Max, Min, OuterRef, Sum, Value, When
from django.template.loader import render_to_string

from newsroom.dependencies import depends_on, filed_under
from newsroom.links import reverse

from .models import DatePrecision, Gender, OfficeLevel, Party, Person, Position, State, last_day

# The four breakdowns, in the page's order: (key, heading, what a row is).
BREAKDOWNS = [
    ("party", "Party", "Party"),
    ("gender", "Gender", "Gender"),
    ("level", "Level of office", "Level of office"),
    ("state", "State", "State"),
]
UNKNOWN = "Not recorded"
NO_OFFICE = "No office at the time"
# A chart shows at most this many rows (the most quoted first; states): the table has them all.
CHART_ROWS = 15

# Each row of a count: (party, gender, state, level, n).
FIELDS = ("party", "gender", "state", "level")


def months_breakdown(months):
    """Quotes by speakers' party, gender, state and office level, from MonthlyQuoteCount or
    SourceCount rows (`months`: a queryset of them, already narrowed to a period, a state, an
    outlet…), which carry their speaker's groups. One query, of those rows alone."""
    rows = months.order_by().values_list("party", "gender", "state", "level").annotate(n=Sum("count"))
    return list(rows)


def people_breakdown(people):
    """The same from people's kept totals (`people`: a queryset of them, narrowed to a state):
    what the unfiltered page reads, twenty thousand rows rather than their months. One query."""
    rows = (
        people.filter(published_quote_count__gt=0)
        .order_by()
        .values_list("party", "gender", "state")
        .annotate(
            total=Sum("published_quote_count"),
            federal=Sum("federal_quote_count"),
            state_level=Sum("state_quote_count"),
            local=Sum("local_quote_count"),
        )
    )
    result = []
    for party, gender, state, total, federal, state_level, local in rows:
        for level, n in (
            (OfficeLevel.FEDERAL, federal),
            (OfficeLevel.STATE, state_level),
            (OfficeLevel.LOCAL, local),
            ("", total - federal - state_level - local),
        ):
            if n:
                result.append((party, gender, state, str(level), n))
    return result


def quotes_breakdown(quotes):
    """The same from published quotes (`quotes`: a queryset of them, filtered by outlet, author,
    topic…). One query: a count per group, each quote's office found by a subquery."""
    level = Case(
        When(said_on__isnull=True, then=Value("")),
        default=Position.objects.level_on(OuterRef("speaker"), OuterRef("said_on")),
    )
    rows = (
        quotes.order_by()
        .annotate(office_level=level)
        .values_list("speaker__party", "speaker__gender", "speaker__state", "office_level")
        .annotate(n=Count("*"))
    )
    return list(rows)


def kept_months():
    """MonthlyQuoteCount, reached through the reverse relation (`people` never imports `articles`)."""
    return Person.monthly_quote_counts.rel.related_model.objects.all()


def compared(quoted, start, end, state=None):
    """tables() of `quoted` beside the offices held from `start` to `end` (of `state`'s offices)."""
    return tables(quoted, offices_held(start, end, state), labels("state"))


def quoted_period(months):
    """(first, last) month with a published quote among `months`, or (None, None): the period
    the unfiltered page compares with. Two reads of monthly_quote_month_idx."""
    found = months.filter(month__isnull=False).aggregate(first=Min("month"), last=Max("month"))
    return found["first"], found["last"]


def offices_held(start, end, state=None):
    """Positions held at any time from `start` to `end` (either may be None: unbounded), of the
    office's `state` if given, counted by holder's party, gender, the office's state and level.
    One query over the positions alone (they carry their holder's groups)."""
    positions = Position.objects.all()
    if start or end:
        positions = positions.held_between(start or datetime.date.min, end or datetime.date.max)
    if state is not None:
        positions = positions.filter(state=state)
    return list(
        positions.order_by().values_list("holder_party", "holder_gender", "state", "level").annotate(n=Count("*"))
    )


def labels(key):
    """{value: label} of a breakdown's groups, in the order they are shown ("" last)."""
    if key == "party":
        return dict(Party.choices) | {"": UNKNOWN}
    if key == "gender":
        return dict(Gender.choices) | {"": UNKNOWN}
    if key == "level":
        return dict(OfficeLevel.choices) | {"": NO_OFFICE}
    return dict(State.objects.values_list("code", "name")) | {None: UNKNOWN}


def tables(quoted, held, state_names):
    """{breakdown: [{"key", "label", "quotes", "quote_share", "offices", "office_share"}]} from
    the rows of a quotes count and an offices count. Shares are percentages (None if nothing
    was counted); a group shows when it has quotes or offices."""
    result = {}
    for index, key in enumerate(FIELDS):
        names = state_names if key == "state" else labels(key)
        quotes, offices = _counts(quoted, index, key), _counts(held, index, key)
        total_quotes, total_offices = sum(quotes.values()), sum(offices.values())
        groups = [value for value in names if quotes[value] or offices[value]]
        if key == "state":  # the most quoted first, then by name
            groups.sort(key=lambda value: (-quotes[value], value is None, names[value]))
        result[key] = [
            {
                "key": value or "",
                "label": names[value],
                "quotes": quotes[value],
                "quote_share": share(quotes[value], total_quotes),
                # No office is held by "no office": that row has quotes only.
                "offices": None if key == "level" and not value else offices[value],
                "office_share": None if key == "level" and not value else share(offices[value], total_offices),
            }
            for value in groups
        ]
    return result


def _counts(rows, index, key):
    """Counter of the rows' counts by the group of their `index`th value (a breakdown's `key`):
    added up by value first, as the rows are many and their values few."""
    by_value = Counter()
    for row in rows:
        by_value[row[index]] += row[4]
    groups = Counter()
    for value, n in by_value.items():
        groups[_group(key, value)] += n
    return groups


def _group(key, value):
    """A row's group: a state's code, None for no state; a party, gender or level ("" for none)."""
    return (value or None) if key == "state" else (value or "")


def share(n, total):
    return round(100 * n / total, 1) if total else None


# The chart's coordinate system (viewBox units); CSS scales it to the column's width.
WIDTH = 400
LABEL_WIDTH = 150
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOP = 8


def chart(rows):
    """The geometry of a bar chart of `rows` (tables()'s): per group, a bar for its share of
    quotes and one for its share of offices, both on one scale whose end is the largest share
    shown (small groups stay visible). At most CHART_ROWS groups."""
    shown = rows[:CHART_ROWS]
    largest = max([r["quote_share"] or 0 for r in shown] + [r["office_share"] or 0 for r in shown] + [1])
    plot = WIDTH - LABEL_WIDTH - 64  # room for the value after the longest bar ("100.0%")
    bars = []
    for i, row in enumerate(shown):
        y = TOP + i * ROW_HEIGHT
        entry = {"label": row["label"], "y": y, "text_y": y + BAR_HEIGHT, "bars": []}
        for j, (kind, value) in enumerate((("quotes", row["quote_share"]), ("offices", row["office_share"]))):
            if value is None:
                continue
            width = round(plot * value / largest, 1)
            bar_y = y + j * (BAR_HEIGHT + 2)
            entry["bars"].append(
                {
                    "kind": kind,
                    "x": LABEL_WIDTH,
                    "y": bar_y,
                    "width": max(width, 0.5),
                    "value": f"{value:.1f}%",
                    "value_x": LABEL_WIDTH + width + 4,
                    "value_y": bar_y + BAR_HEIGHT - 2,
                    "title": f"{row['label']}: {value:.1f}% of {kind}",
                }
            )
        bars.append(entry)
    return {
        "width": WIDTH,
        "height": TOP + len(shown) * ROW_HEIGHT + 4,
        "label_x": LABEL_WIDTH - 8,
        "rows": bars,
        "more": len(rows) - len(shown),
    }


def sections(tables, query):
    """A page's four sections (includes/sources_breakdowns.html): heading, rows, chart geometry,
    and the address of its CSV with the page's filters (`query`, urlencoded)."""
    return [
        {
            "key": key,
            "heading": heading,
            "column": column,
            "rows": tables[key],
            "chart": chart(tables[key]),
            "csv": reverse("articles:sources_csv", args=[key]) + (f"?{query}" if query else ""),
        }
        for key, heading, column in BREAKDOWNS
    ]


def breakdowns_html(tables, query, prefix, level=None):
    """The charts and tables of `tables` (includes/sources_breakdowns.html), their CSV links
    keeping `query`; `prefix` makes the ids unique, `level` 3 makes the headings h3. Four charts
    and tables of some seventy rows took most of a request to render: callers remember the markup
    (newsroom.memo) with what `tables` depends on."""
    context = {"sections": sections(tables, query), "prefix": prefix, "level": level}
    return render_to_string("includes/sources_breakdowns.html", context)


def source_tables(source, field):
    """tables() of whom `source` quotes, an author or an outlet (`field`: "author", "outlet"): the
    quotes of its published articles, from its kept SourceCount rows, beside the offices held
    while the archive quoted anyone. Three queries."""
    depends_on(filed_under(source), "person-groups", "position-list")
    kept = Person.source_counts.rel.related_model.objects.filter(**{field: source}, whole=True)
    quoted = months_breakdown(kept)
    first, last = quoted_period(kept_months())
    return compared(quoted, first, last_day(last, DatePrecision.MONTH) if last else None)


def csv_text(rows, heading):
    """A breakdown's table as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading.lower(), "quotes", "share_of_quotes_percent", "offices", "share_of_offices_percent"])
    for row in rows:
        writer.writerow(
            [
                row["label"],
                row["quotes"],
                "" if row["quote_share"] is None else row["quote_share"],
                "" if row["offices"] is None else row["offices"],
                "" if row["office_share"] is None else row["office_share"],
            ]
        )
    return out.getvalue()
