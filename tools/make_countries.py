#!/usr/bin/env python3
"""Regenerates crates/storage/reference/countries.csv and country_aliases.csv.

Run by hand when the sources change; its output is reviewed and committed as reference data.

Sources (see crates/storage/reference/SOURCES.md):
- ISO 3166-1 codes and the English and French short names: the Debian iso-codes tables, as shipped by
  the PyPI package `pycountry` (its `iso3166-1` database and the `fr` gettext catalogue).
- UN M49 numeric codes, regions and sub-regions: the M49 columns of the table shipped by the PyPI
  package `country_converter` (`country_data.tsv`: UNcode, continent, UNregion).
- Aliases: every contributing-country name printed in the UN's monthly reports
  (../shared/data/un-uniformed-personnel, columns contributing_country and contributing_country_std,
  paired with the iso3 column that was checked against the PDFs), plus the English and French names.

Usage: pip install pycountry country_converter && python3 tools/make_countries.py ../shared/data
"""
import csv
import gettext
import os
import sys

import country_converter
import pycountry

M49_REGIONS = {  # continent label in country_converter -> (M49 code, M49 region name)
    "Africa": ("002", "Africa"),
    "America": ("019", "Americas"),
    "Asia": ("142", "Asia"),
    "Europe": ("150", "Europe"),
    "Oceania": ("009", "Oceania"),
}

# Territories country_converter files under "Antarctica" though M49 puts them in a sub-region.
SUBREGION_CONTINENT = {"South America": "America", "Australia and New Zealand": "Oceania"}

def main(data_dir: str) -> None:
    out = os.path.join(os.path.dirname(__file__), "..", "crates", "storage", "reference")
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    coco_tsv = os.path.join(os.path.dirname(country_converter.__file__), "country_data.tsv")
    with open(coco_tsv, encoding="utf-8") as f:
        m49 = {r["ISO3"]: r for r in csv.DictReader(f, delimiter="\t")}

    printed = {}  # iso3 -> set of printed names
    un_name = {}
    files = [
        "un_uniformed_personnel_by_mission_country_type.csv",
        "un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv",
    ]
    for name in files:
        with open(os.path.join(data_dir, "un-uniformed-personnel", name), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                printed.setdefault(r["iso3"], set()).update(
                    [r["contributing_country"], r["contributing_country_std"]]
                )
                un_name[r["iso3"]] = r["contributing_country_std"]

    rows, aliases = [], set()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        region = m49.get(c.alpha_3, {})
        continent = region.get("continent", "")
        if continent not in M49_REGIONS and region.get("UNregion") in SUBREGION_CONTINENT:
            continent = SUBREGION_CONTINENT[region["UNregion"]]
        code, region_name = M49_REGIONS.get(continent, ("", ""))
        name_en = un_name.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        name_fr = fr.gettext(c.name)
        rows.append([c.alpha_3, c.alpha_2, c.numeric, name_en, name_fr, code, region_name,
                     region.get("UNregion", "")])
        for alias in {c.name, name_en, name_fr, getattr(c, "common_name", None),
                      getattr(c, "official_name", None)}:
            if alias:
                aliases.add((alias, c.alpha_3))
        for alias in printed.pop(c.alpha_3, ()):
            aliases.add((alias, c.alpha_3))
    if printed:
        sys.exit(f"names in the data with no ISO 3166 country: {printed}")

    with open(os.path.join(out, "countries.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "iso2", "m49", "name_en", "name_fr", "region_m49", "region", "subregion"])
        w.writerows(rows)
    with open(os.path.join(out, "country_aliases.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alias", "iso3"])
        w.writerows(sorted(aliases))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
