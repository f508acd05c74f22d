#!/usr/bin/env python3
"""Extracts the outlines of the missions' host countries from world-atlas's TopoJSON.

Usage: host-outlines.py COUNTRIES_TOPOJSON MISSIONS_CSV COUNTRIES_CSV > outlines.json

world-atlas (Natural Earth's admin-0 countries, 1:50m) keys countries by their ISO 3166 numeric
code, which unpol's reference data holds as M49. The output maps each host country's alpha-3 code
to its polygons, each a list of rings of [longitude, latitude] pairs (the first ring the outer
one), rounded to 4 decimals (about 11 m): the map needs nothing finer, and the file stays small.
"""
import csv
import json
import sys


def arcs_of(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * scale[0] + translate[0], 4), round(y * scale[1] + translate[1], 4)])
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def main():
    topology_path, missions_path, countries_path = sys.argv[1:4]
    topology = json.load(open(topology_path))
    hosts = {row["host_iso3"] for row in csv.DictReader(open(missions_path))}
    m49 = {row["m49"]: row["iso3"] for row in csv.DictReader(open(countries_path)) if row["iso3"] in hosts}
    arcs = arcs_of(topology)
    outlines = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = m49.get(geometry.get("id"))
        if iso3 is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        outlines[iso3] = [[ring(arcs, r) for r in polygon] for polygon in polygons]
    missing = sorted(hosts - set(outlines))
    if missing:
        print(f"no outline for: {' '.join(missing)}", file=sys.stderr)
    json.dump(dict(sorted(outlines.items())), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
