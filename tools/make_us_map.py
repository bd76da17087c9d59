"""Build people/data/us-states-albers.json: one SVG path per state, keyed by USPS code.

Reads us-atlas 3.0.1's states-albers-10m.json (TopoJSON, already projected to Albers
USA in a 975×610 box, from the Census Bureau's 2017 cartographic boundary files):

    python tools/make_us_map.py /tmp/usatlas/package/states-albers-10m.json

The output is committed; the site never reads the TopoJSON nor goes to the network.
Coordinates are rounded to a tenth of a unit and written as relative moves between
rounded points, so rounding errors don't add up and shared borders stay shared.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "people" / "data" / "us-states-albers.json"

# Census FIPS codes of the 50 states and DC (us-atlas's feature ids) to USPS codes,
# the keys of people.State (people/migrations/0002_states.py).
FIPS_TO_USPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
    "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
    "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
    "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
    "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
    "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY",
}  # fmt: skip


def decode_arcs(topology):
    """Every arc as a list of (x, y) in the projected plane, in tenths of a unit."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for dx, dy in arc:
            if transform:  # quantized: positions are deltas from the previous one
                x, y = x + dx, y + dy
                px = x * transform["scale"][0] + transform["translate"][0]
                py = y * transform["scale"][1] + transform["translate"][1]
            else:
                px, py = dx, dy
            points.append((round(px * 10), round(py * 10)))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """A ring's points: its arcs joined end to end, a negative index ~i meaning arc i reversed."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Each arc starts where the previous one ended.
        points.extend(arc[1:] if points else arc)
    deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(deduplicated) > 1 and deduplicated[0] == deduplicated[-1]:
        deduplicated.pop()  # "z" closes the ring
    return deduplicated


def tenths(value):
    """12 -> "1.2", -5 -> "-.5", 30 -> "3": the shortest SVG number for value/10."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def join_numbers(numbers):
    """SVG path numbers need a separator only where the next one doesn't start with "-"."""
    text = ""
    for number in numbers:
        if text and not number.startswith("-"):
            text += " "
        text += number
    return text


def ring_path(points):
    (x0, y0), rest = points[0], points[1:]
    numbers = []
    previous = (x0, y0)
    for x, y in rest:
        numbers += [tenths(x - previous[0]), tenths(y - previous[1])]
        previous = (x, y)
    return f"M{tenths(x0)} {tenths(y0)}l{join_numbers(numbers)}z"


def geometry_rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def build(topology):
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        code = FIPS_TO_USPS.get(geometry["id"])
        if code is None:
            raise SystemExit(f"Unknown FIPS code {geometry['id']!r} ({geometry['properties'].get('name')})")
        rings = [ring_points(ring, arcs) for ring in geometry_rings(geometry)]
        # Slivers that rounding collapsed to a point or a line have no area to draw.
        rings = [ring for ring in rings if len(ring) >= 3]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        shapes[code] = {
            "name": geometry["properties"]["name"],
            "d": "".join(ring_path(ring) for ring in rings),
            # The centre of the bounding box, to mark states too small to see (DC).
            "center": [round((min(xs) + max(xs)) / 20, 1), round((min(ys) + max(ys)) / 20, 1)],
        }
    missing = set(FIPS_TO_USPS.values()) - shapes.keys()
    if missing:
        raise SystemExit(f"No shape for {', '.join(sorted(missing))}")
    return dict(sorted(shapes.items()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="us-atlas states-albers-10m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text())
    shapes = build(topology)
    data = {
        "source": "us-atlas 3.0.1 states-albers-10m.json (US Census Bureau cartographic boundary files, 2017)",
        "viewBox": [0, 0, 975, 610],
        "states": shapes,
    }
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    size = args.output.stat().st_size
    print(f"Wrote {len(shapes)} shapes to {args.output} ({size // 1024} KiB)", file=sys.stdout)


if __name__ == "__main__":
    main()
