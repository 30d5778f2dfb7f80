import os
import json, re, sys, hashlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__))); import clinical_vocab as cv
R=os.environ.get('DEID_WORK', '/tmp/deid-research'); SC=f'{R}/deb/scowl/usr/share/dict/scowl'; OUT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d=json.load(open(f'{R}/build/names.json'))
srank={n:i+1 for i,n in enumerate(d['surnames'])}; grank={n:i+1 for i,n in enumerate(d['given'])}
names=set(srank)|set(grank)
lvl={}; files=[]
for L in (10,20,35):
    for pre in ('english','american'):
        p=f'{SC}/{pre}-words.{L}'; files.append((p.split('/')[-1], hashlib.sha256(open(p,'rb').read()).hexdigest()[:16]))
        for x in open(p, encoding='utf-8'):
            x=x.strip()
            if re.fullmatch(r'[a-z]+',x) and x not in lvl: lvl[x]=L
SUR_FREQ, GIV_FREQ = 2000, 1000
freq_name=lambda w: srank.get(w,10**9)<=SUR_FREQ or grank.get(w,10**9)<=GIV_FREQ
catof={}
for k,v in cv.CATEGORIES.items():
    for x in v: catof.setdefault(x,k)
clin=set(catof)
eponym=set(cv.EPONYMS)
# Hand judgement: names that are SCOWL words but whose word sense is rare in clinical notes; listing
# them would hide real names, so they are left out of this file entirely.
NAME_DOMINANT = set('''angel aria autumn bob brandy carol daisy dawn derrick destiny don earl eddy faith genesis
grace harry heather holly jack jade jay joy justice ken lee lily maria marina martin melody mike miller misty nick
patty penny peter robin rosemary ruby sally sandy serenity sherry sierra smith sue trinity valentine victor violet
woody'''.split())
plain = set(lvl) | (clin - eponym)          # has an ordinary-word or other clinical sense
A2=sorted(w for w in eponym if w in names and w not in plain)
rest=[w for w in (clin|set(lvl)) & names if w not in A2 and w not in NAME_DOMINANT]
A4=sorted(w for w in rest if freq_name(w))
A1=sorted(w for w in rest if not freq_name(w) and w in clin and w not in lvl)
A3=sorted(w for w in rest if not freq_name(w) and w in lvl)
B={}
for w in sorted(clin-names):
    B.setdefault(catof[w] if w not in eponym else 'eponym', []).append(w)
def where(w):
    s=[]
    if w in srank: s.append(f's{srank[w]}')
    if w in grank: s.append(f'g{grank[w]}')
    return '/'.join(s)
import textwrap
LEFT_OUT='\n'.join('#     '+x for x in textwrap.wrap(' '.join(sorted(NAME_DOMINANT)), 96))
lines=[]
hdr=f"""# labcore/deid/clinical_words.txt -- words that a name detector should not take for a person's name
# in clinical text. Lowercase a-z, one per line; lines starting with # are comments; each word appears
# once, in the first section that applies. Match case-insensitively on whole tokens.
#
# SECTION A -- words that ARE in surnames.txt and/or given_names.txt (the false positives the name
#   lists would otherwise produce). {len(A1)+len(A2)+len(A3)+len(A4)} words in four subsections:
#   A1 ({len(A1)}) clinical vocabulary (drug, anatomy, disease/finding, lab, unit/abbreviation, note word)
#      that is also a listed name, but not a frequent one, and not an ordinary English word (those are in A3).
#   A2 ({len(A2)}) eponyms: person names used as clinical terms (Parkinson, Wilson, Foley, Apgar, Babinski...)
#      that have no ordinary-word sense (eponyms such as bell, walker, frank, down, still are in A3/A4).
#      Suppress ONLY in eponym context: followed by disease/syndrome/sign/score/criteria/fracture/palsy/
#      catheter/test/maneuver/procedure/reflex/classification (or the possessive 's); otherwise a name.
#   A3 ({len(A3)}) common English words (SCOWL size <= 35; includes clinical words such as colon, rash, mass,
#      lung) that are also listed names, but not frequent names.
#   A4 ({len(A4)}) AMBIGUOUS: clinical or common English words that are ALSO frequent names (surname rank
#      <= {SUR_FREQ} or given-name rank <= {GIV_FREQ} in these lists), e.g. brown, white, will, may, hope, son, bell.
#      Treat as weak evidence only: never suppress after a name cue (Dr., Mr., Mrs., Ms., patient:, name:,
#      signed by, seen by) or when adjacent to another name token. Missing PHI is worse than over-redacting.
#   Left out on purpose (word sense rare in notes, name sense dominant; hand judgement):
{LEFT_OUT}
# SECTION B -- clinical words that are NOT in the name lists but are often Capitalised in notes (section
#   headers, brand drugs, specialties, relationship words, weekdays/months, eponyms not in the lists), so a
#   "capitalised word after a cue" rule could catch them. {sum(len(v) for v in B.values())} words, by category.
#
# How it was built (script labcore/deid/build/build_clinical.py, see labcore/deid/README.md):
#   names  = surnames.txt + given_names.txt (this directory).
#   English words = SCOWL 2020.12.07 (Debian package scowl 2020.12.07-2, `apt-get download scowl`),
#     files english-words.{{10,20,35}} and american-words.{{10,20,35}} (size 35 = SCOWL's "small" dictionary;
#     sizes 10/20 come from word-frequency lists), a-z entries only: {len(lvl)} words.
#     No frequency list was used: wordfreq's data is CC-BY-SA 4.0 (share-alike), so it was not used.
#   Clinical vocabulary = HAND-CURATED for labcore (about {len(cv.GENERIC_DRUGS)} generic and {len(cv.BRAND_DRUGS)} brand drug names,
#     {len(cv.ANATOMY)} anatomy, {len(cv.DISEASE)} disease/finding, {len(cv.LABS)} lab, {len(cv.UNITS_ABBREV)} unit/abbreviation/element symbols,
#     {len(cv.EPONYMS)} eponym parts, {len(cv.NOTE_WORDS)} note/section/relationship/calendar words); not derived from RxNorm, SNOMED,
#     UMLS, OpenMedSpel or any other terminology. It is a starting point, not complete.
# Licences: the name lists are US Census data (public domain, 17 USC 105). The SCOWL-derived words
#   (A3, A4 and words in other sections that are also in SCOWL) are used under the SCOWL licence:
#     Copyright 2000-2018 by Kevin Atkinson
#     Permission to use, copy, modify, distribute and sell these word lists, the associated scripts,
#     the output created from the scripts, and its documentation for any purpose is hereby granted
#     without fee, provided that the above copyright notice appears in all copies and that both that
#     copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson
#     makes no representations about the suitability of this array for any purpose. It is provided
#     "as is" without express or implied warranty.
#   (SCOWL's sources, per its README: Moby Words II, Brian Kelk's UK wordlist and 12Dicts are public
#   domain; its inflections used WordNet 1.6, Copyright 1997 by Princeton University.)
#   The hand-curated vocabulary is contributed to labcore under the project's licence.
# Caveats: 2-letter names (li, ho, al, ed, pa, ca, na, fe...) collide with element symbols and
#   abbreviations; months (april, may, june, august...) are names AND date parts (dates are PHI anyway).
"""
lines.append(hdr.rstrip('\n'))
def sec(title, words):
    lines.append(f'# ==== {title} ({len(words)}) ====')
    lines.extend(words)
sec('A1 clinical vocabulary that is also a (non-frequent) listed name', A1)
sec('A2 eponyms that are listed names -- suppress only in eponym context', A2)
sec('A3 common English words that are also (non-frequent) listed names', A3)
sec('A4 AMBIGUOUS: also frequent names -- weak evidence only', A4)
order=['note_word','brand_drug','generic_drug','anatomy','disease_finding','lab','unit_abbrev','eponym']
for k in order:
    sec(f'B {k} (not in the name lists)', B.get(k,[]))
words=[l for l in lines if not l.startswith('#')]
assert len(words)==len(set(words)) and all(re.fullmatch(r'[a-z]+',x) for x in words)
open(f'{OUT}/clinical_words.txt','w').write('\n'.join(lines)+'\n')
json.dump(dict(A1=A1,A2=A2,A3=A3,A4=A4,B={k:len(v) for k,v in B.items()},scowl_files=files,scowl_words=len(lvl),
  A4_detail={w:where(w) for w in A4}, A1_detail={w:(where(w),catof.get(w)) for w in A1}), open(f'{R}/build/clinical_stats.json','w'), indent=1)
print(len(A1),len(A2),len(A3),len(A4),{k:len(v) for k,v in B.items()}, 'lines', len(lines))
