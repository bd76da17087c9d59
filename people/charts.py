"""A person's quotes per month, as numbers and as a small SVG bar chart drawn on the server."""

import datetime
from collections import Counter

# The chart's coordinate system (its viewBox); CSS scales it to the column's width.
WIDTH, HEIGHT = 360, 140
LEFT, RIGHT, TOP, BOTTOM = 30, 6, 10, 24
# The chart spans the months from the first quote to the last, and at least this many (a month
# either side of a single one), so that one month's bar doesn't fill the whole chart.
MIN_MONTHS = 3
# Up to this many months, each month is labelled (where its label fits); beyond, each year.
MONTH_LABELS = 12
# Labels are 14 units high (site.css); a label that would touch the previous one is skipped.
LABEL_SPACE = 8


def label_width(text):
    """About how wide a label is, in viewBox units (digits and letters of a 14-unit sans-serif)."""
    return len(text) * 8


# The first and the last month a date can hold.
FIRST_MONTH, LAST_MONTH = datetime.date.min, datetime.date.max.replace(day=1)


def months_between(first, last):
    return (last.year - first.year) * 12 + last.month - first.month


def add_months(month, n):
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_label(month):
    return f"{month:%B} {month.year}"


def quote_counts(person):
    """A person's published quotes by month: one read of their kept counts (articles/tallies.py).

    Returns (months, years, undated): a Counter of first-of-month dates, a Counter of
    years for quotes dated only to the year (their stored January 1 isn't a month),
    and the number of quotes with no date.
    """
    months, years, undated = Counter(), Counter(), 0
    for month, year_only, n in person.monthly_quote_counts.values_list("month", "year_only", "count"):
        if month is None:
            undated += n
        elif year_only:
            years[month.year] += n
        else:
            months[month] += n
    return months, years, undated


def quotes_chart(months, years=(), undated=0):
    """The bar chart's geometry and its text alternative, from `quote_counts`'s numbers."""
    text = ", ".join(f"{month_label(m)}: {n}" for m, n in sorted(months.items()))
    notes = [f"{year} (month unknown): {n}" for year, n in sorted(dict(years).items())]
    if undated:
        notes.append(f"undated: {undated}")
    chart = {
        "width": WIDTH,
        "height": HEIGHT,
        "total": sum(months.values()) + sum(dict(years).values()) + undated,
        "text": f"Quotes per month: {text}." if text else "No quote is dated to the month.",
        "notes": notes,
        "bars": [],
        "labels": [],
    }
    if not months:
        return chart
    first, last = min(months), max(months)
    count = months_between(first, last) + 1
    if count < MIN_MONTHS:  # padded on both sides: the bars stand in the middle
        pad = (MIN_MONTHS - count + 1) // 2
        # Within the months a date can hold: a quote said in December 9999 has the last bar.
        pad = max(pad, MIN_MONTHS - count - months_between(last, LAST_MONTH))
        pad = min(pad, months_between(FIRST_MONTH, first))
        first = add_months(first, -pad)
        count = MIN_MONTHS
    highest = max(months.values())
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / count
    gap = slot * 0.2 if slot > 4 else 0
    baseline = TOP + plot_height
    last_label_end = None
    for i in range(count):
        month = add_months(first, i)
        x = LEFT + i * slot
        if i == 0 or month.month == 1 or count <= MONTH_LABELS:
            if count <= MONTH_LABELS:
                text = f"{month:%b} {month.year}" if i == 0 or month.month == 1 else f"{month:%b}"
            else:
                text = f"{month:%b} {month.year}" if i == 0 and month.month != 1 else str(month.year)
            fits = x + label_width(text) <= WIDTH
            if fits and (last_label_end is None or x >= last_label_end):
                chart["labels"].append({"x": round(x, 1), "text": text})
                last_label_end = x + label_width(text) + LABEL_SPACE
        n = months.get(month, 0)
        if n:
            height = plot_height * n / highest
            chart["bars"].append(
                {
                    "x": round(x + gap / 2, 1),
                    "y": round(baseline - height, 1),
                    "width": round(slot - gap, 1),
                    "height": round(height, 1),
                    "title": f"{month_label(month)}: {n} quote{'' if n == 1 else 's'}",
                }
            )
    chart |= {
        "highest": highest,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "baseline": baseline,
        "label_y": baseline + 8,
        "axis_x": LEFT - 5,
    }
    return chart
