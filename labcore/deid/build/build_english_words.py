"""Writes labcore/deid/english_words.txt: ordinary English words by frequency band, from SCOWL.

Input: SCOWL 2020.12.07 as Debian's `scowl` 2020.12.07-2 ships it (`apt-get download scowl`, extracted under
$DEID_WORK/deb/scowl). SCOWL's size numbers are frequency bands (10 = the most common words ... 95 = the rarest,
from Brian Kelk's frequency classification, Moby and 12Dicts): the files english-, american- and
british-words.{10,20,35,40,50,55} are kept, lower-case a-z entries only (SCOWL's proper names are in other files,
which are not read, so a name is never taken for a word because SCOWL lists it capitalised).
"""

import hashlib
import os
import re

R = os.environ.get("DEID_WORK", "/tmp/deid-research")
SC = f"{R}/deb/scowl/usr/share/dict/scowl"
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "english_words.txt")
BANDS = (10, 20, 35, 40, 50, 55)

band: dict[str, int] = {}
files = []
for size in BANDS:
    for prefix in ("english", "american", "british"):
        path = f"{SC}/{prefix}-words.{size}"
        raw = open(path, "rb").read()
        files.append(f"{prefix}-words.{size} (sha256 {hashlib.sha256(raw).hexdigest()[:16]})")
        for word in raw.decode("latin-1").split():
            if re.fullmatch(r"[a-z]+", word) and word not in band:
                band[word] = size

header = f"""# labcore/deid/english_words.txt -- ordinary English words, by frequency band: the vocabulary the
# recall-first name detector (labcore/src/redact/detect/vocabulary.rs) asks "is this capitalised word an
# ordinary word?". A word that is not here, not clinical vocabulary and not a lab term is a probable name or
# place in Safe Harbor's recall-first mode.
#
# Source: SCOWL (Spell Checker Oriented Word Lists) 2020.12.07, Kevin Atkinson, http://wordlist.aspell.net/,
# as Debian's package scowl 2020.12.07-2 ships it. SCOWL's sizes are frequency bands: 10 holds the most
# common words, 20 the next, then 35, 40, 50 and 55. Files read: {", ".join(files)}.
# A rare word (band 40 and over) that is also a listed name is read as the name by the detector.
# Lower-case a-z entries only, each word once, in the most frequent band it appears in ([10] before [20]).
# Made by labcore/deid/build/build_english_words.py. {len(band)} words.
#
# Licence: SCOWL's (permissive; see NOTICE, section 5, which reproduces its notices). Copyright 2000-2018 by
# Kevin Atkinson. Permission to use, copy, modify, distribute and sell these word lists, the associated
# scripts, the output created from the scripts, and its documentation for any purpose is hereby granted
# without fee, provided that the above copyright notice appears in all copies and that both that copyright
# notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as is" without
# express or implied warranty. (The notices of SCOWL's sources -- Moby, Kelk, 12Dicts, WordNet, VarCon,
# Ispell -- are in NOTICE, section 5.) This file is a modified selection of SCOWL.
"""
with open(OUT, "w", encoding="utf-8") as out:
    out.write(header)
    for size in BANDS:
        out.write(f"[{size}]\n")
        out.write("".join(f"{w}\n" for w in sorted(w for w, b in band.items() if b == size)))
print(len(band), os.path.getsize(OUT))
