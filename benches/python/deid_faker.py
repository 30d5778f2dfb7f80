"""The Faker corpus of issue 15: notes in many locales with planted PHI, annotated per span and per token.

Two splits: the tuning seed (develop against it, read its misses) and the frozen held-out seed (only its figures
are ever read: never its misses). `python deid_faker.py SPLIT COUNT > corpus.jsonl`; one JSON object a line:
`text`, `spans` ([start, end, category], character offsets), `subsets` ([start, end, subset]: the planted spans
that also belong to a sub-category, scored as a row of their own) and `tokens` ([start, end, label], label `O` for
non-PHI). PHI appears with and without cues: lone names, lower case, speaker labels, names glued to digits,
national and multi-line addresses, national phones with trunk and `00` prefixes and glued extensions, postcodes,
towns, dates such as `8/87`, a month word alone, a bare year, IBANs, emails, SSNs, IPs and URLs.

Sub-category `name, no cue` (issue 15's "person names (no seeds, no cues)"; no note has seeds): the names of the
templates in which no word says that a name is there — `Later {name} came in.` and `{given name} called back about
the result.` — against the templates with a title (`Dr.`, `RN`), a relation (`Mother`, `brother`), a role
(`Visitor`), a verb and preposition before the name (`spoke to`, `given to`) or a speaker label's colon. It is a
property of the template, recorded without drawing from the random generators, so the text of either split does
not depend on it. Faker's own `name()` sometimes writes a title inside the name (`Mr Gerald Howe`): that name stays
in the sub-category, as the template gives no cue.
"""

from __future__ import annotations

import json
import random
import re
import sys

from faker import Faker
from faker.providers.address.it_IT import Provider as ItalianAddress

# Faker's it_IT address provider builds its list of towns from a set (`list({...})`), whose order follows Python's
# per-process string hashing (PYTHONHASHSEED): without this sort the Italian towns of a split changed from one run
# to the next, whatever the seed. Sorted, each split is the same text in every process.
ItalianAddress.cities = sorted(ItalianAddress.cities)

TUNING_SEED = 1
HELD_OUT_SEED = 20_261_207  # frozen: never tune on what this split misses

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "cs_CZ", "fi_FI", "hu_HU",
           "pt_PT", "sv_SE", "tr_TR", "ja_JP", "en_NG", "en_KE", "zu_ZA", "yo_NG", "tw_GH"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# Non-PHI text around the identifiers: lab phrases, and the false positives issue 15 names.
FILLER = ["Potassium 6.8 mmol/L, hemolysed specimen.", "Hemoglobin A1c 7.2 % repeated.", "White blood cells 12.1.",
          "Creatinine rising, eGFR 41.", "Sodium 139 mmol/L within range.", "Brown urine, nitrite positive.",
          "Troponin I high sensitivity pending.", "Read back and confirmed.", "Redraw requested.",
          "She is reading The Old Man and the Sea.", "Query was SELECT id FROM Users WHERE active = 1.",
          "Glucose fasting 105 mg/dL.", "Platelets clumped, citrate tube sent.", "Lipid panel fasting."]


class Note:
    """A note being built: its text and its planted spans."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[list[object]] = []
        self.subsets: list[list[object]] = []

    def add(self, piece: str, category: str | None = None, subset: str | None = None) -> None:
        start = len(self.text)
        self.text += piece
        if category:
            self.spans.append([start, len(self.text), category])
        if subset:
            self.subsets.append([start, len(self.text), subset])

    def tokens(self) -> list[list[object]]:
        out: list[list[object]] = []
        for m in re.finditer(r"\w+", self.text):
            label = next((s[2] for s in self.spans if s[0] <= m.start() < s[1]), "O")
            out.append([m.start(), m.end(), label])
        return out


def person(f: Faker, rnd: random.Random) -> str:
    if f.locales[0] == "ja_JP":
        return f"{f.first_romanized_name()} {f.last_romanized_name()}"
    return rnd.choice([f.name, lambda: f"{f.first_name()} {f.last_name()}"])()


def given(f: Faker) -> str:
    return f.first_romanized_name() if f.locales[0] == "ja_JP" else f.first_name()


def family(f: Faker) -> str:
    return f.last_romanized_name() if f.locales[0] == "ja_JP" else f.last_name()


NO_CUE = "name, no cue"


def piece_name(n: Note, f: Faker, rnd: random.Random) -> None:
    shape = rnd.randrange(9)
    if shape == 0:
        n.add("Later "), n.add(person(f, rnd), "name", NO_CUE), n.add(" came in.")
    elif shape == 1:
        n.add(given(f), "name", NO_CUE), n.add(" called back about the result.")
    elif shape == 2:
        n.add("Results given to "), n.add(family(f), "name"), n.add(".")
    elif shape == 3:
        n.add("spoke to "), n.add(person(f, rnd).lower(), "name"), n.add(" re redraw.")
    elif shape == 4:
        n.add(given(f), "name"), n.add(": is the potassium back yet?\n")
    elif shape == 5:
        n.add("Dr. "), n.add(family(f)[0], "name"), n.add(" notified.")
    elif shape == 6:
        n.add("Critical value called to RN "), n.add(person(f, rnd), "name"), n.add(", read back.")
    elif shape == 7:
        n.add("Visitor "), n.add(given(f) + str(rnd.randrange(1, 99)), "name"), n.add(" left a message.")
    else:
        n.add("Mother "), n.add(person(f, rnd), "name"), n.add(" and brother "), n.add(given(f), "name")
        n.add(" were present.")


def piece_address(n: Note, f: Faker, rnd: random.Random) -> None:
    loc = f.locales[0]
    street = f.street_address() if loc != "ja_JP" else f"{rnd.randrange(1, 40)}-{rnd.randrange(1, 20)} Chiyoda"
    city = f.city() if loc != "ja_JP" else f.city_romanized() if hasattr(f, "city_romanized") else "Sapporo"
    postcode = f.postcode()
    n.add(rnd.choice(["Send the report to:\n", "New address ", "Lives at "]))
    n.add(street, "street_address")
    if rnd.random() < 0.3:
        n.add("\n"), n.add(rnd.choice(["Apt. ", "Flat ", "Unit "]) + str(rnd.randrange(1, 300)), "street_address")
    sep = "\n" if rnd.random() < 0.5 else ", "
    if loc in ("en_US", "en_KE", "en_NG"):
        n.add(sep), n.add(city, "city"), n.add(", " + f.state_abbr() + " " if hasattr(f, "state_abbr") else " ")
        n.add(postcode, "zip")
    elif loc == "en_GB":
        n.add(sep), n.add(city, "city"), n.add(sep), n.add(postcode, "zip")
    else:
        n.add(sep), n.add(postcode, "zip"), n.add(" "), n.add(city, "city")
    if rnd.random() < 0.3:
        n.add(sep + f.current_country() if hasattr(f, "current_country") else "")
    n.add(".")


def piece_phone(n: Note, f: Faker, rnd: random.Random) -> None:
    phone = f.phone_number()
    shape = rnd.randrange(4)
    if shape == 1 and not phone.startswith(("+", "00")):
        phone = "00" + str(rnd.randrange(30, 99)) + " " + phone.lstrip("0")
    elif shape == 2:
        phone = phone + "x" + str(rnd.randrange(10, 9999))
    n.add(rnd.choice(["Call back on ", "Reachable at ", "", "Mobile: "]))
    n.add(phone, "phone"), n.add(rnd.choice([" after 5pm.", ".", " (daughter)."]))


def piece_place(n: Note, f: Faker, rnd: random.Random) -> None:
    city = f.city() if f.locales[0] != "ja_JP" else "Sapporo"
    shape = rnd.randrange(4)
    if shape == 0:
        n.add("Moved to "), n.add(city, "city"), n.add(" last year.")
    elif shape == 1:
        n.add("Transferred from "), n.add(city, "city"), n.add(" General.")
    elif shape == 2:
        n.add(city, "city"), n.add(" lab phoned about the sample.")
    else:
        n.add("The zip code is "), n.add(f.postcode(), "zip"), n.add(".")


def piece_date(n: Note, f: Faker, rnd: random.Random) -> None:
    d = f.date_of_birth()
    shape = rnd.randrange(6)
    if shape == 0:
        n.add("Symptoms since "), n.add(f"{d.month}/{d.year % 100:02d}", "date"), n.add(".")
    elif shape == 1:
        n.add("Seen in "), n.add(MONTHS[d.month - 1], "date"), n.add(", no change.")
    elif shape == 2:
        n.add("Appendectomy in "), n.add(str(d.year), "date"), n.add(".")
    elif shape == 3:
        n.add("DOB "), n.add(d.strftime(rnd.choice(["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%m/%d/%y"])), "date")
    elif shape == 4:
        n.add("Admitted "), n.add(f"{d.day} {MONTHS[d.month - 1]} {d.year}", "date"), n.add(".")
    else:
        n.add("Collected on "), n.add(f.date(), "date"), n.add(".")


def piece_id(n: Note, f: Faker, us: Faker, rnd: random.Random) -> None:
    shape = rnd.randrange(6)
    if shape == 0:
        n.add("SSN "), n.add(us.ssn(), "ssn"), n.add(" on file.")
    elif shape == 1:
        n.add("Reply to "), n.add(f.email(), "email"), n.add(".")
    elif shape == 2:
        n.add("Portal login from "), n.add(rnd.choice([us.ipv4(), us.ipv6()]), "ip"), n.add(".")
    elif shape == 3:
        n.add("Photos at "), n.add(us.url() + us.uri_path(), "url"), n.add(" uploaded.")
    elif shape == 4:
        iban = us.iban() if f.locales[0] == "ja_JP" else f.iban()
        n.add("Refund to IBAN "), n.add(iban.lower() if rnd.random() < 0.3 else iban, "account"), n.add(".")
    else:
        n.add("Patient SSN is "), n.add(us.ssn().replace("-", ""), "ssn"), n.add(".")


def notes(count: int, seed: int) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, fk in enumerate(fakers.values()):
        fk.seed_instance(seed * 1000 + i)
    us = fakers["en_US"]
    pieces = [piece_name, piece_name, piece_address, piece_phone, piece_place, piece_date,
              lambda n, f, r: piece_id(n, f, us, r)]
    out = []
    for _ in range(count):
        f = fakers[rnd.choice(LOCALES)]
        n = Note()
        for _ in range(rnd.randrange(1, 4)):
            if rnd.random() < 0.6:
                n.add(rnd.choice(FILLER) + " ")
            rnd.choice(pieces)(n, f, rnd)
            n.add(" ")
        n.add(rnd.choice(FILLER))
        out.append({"text": n.text, "spans": n.spans, "subsets": n.subsets, "tokens": n.tokens(), "seeds": []})
    return out


def main() -> None:
    split, count = sys.argv[1], int(sys.argv[2])
    seed = {"tuning": TUNING_SEED, "held-out": HELD_OUT_SEED}[split]
    for note in notes(count, seed):
        print(json.dumps(note, ensure_ascii=False))


if __name__ == "__main__":
    main()
