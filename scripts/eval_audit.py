"""Does the lean audit read the lean that independent raters give outlets? (dev outlets, AllSides labels)

    .venv/bin/python scripts/eval_audit.py [--jobs N] [--min-documents N]

The articles of ../shared/eval/sources whose outlet AllSides rates left go into one source, those it
rates right into another (centre outlets are left out); `sourcegauge audit` compares the two. Partisan
outlets write more critically of the other party's politicians (Budak, Goel & Rao 2016, "Fair and
Balanced?", from crowd-rated articles), so where the audit says the left source treats a politician
more favourably than the right one, the politician should more often be a Democrat (and a Republican
where it says less favourably).

For every politician of `POLITICIANS` (party as of the articles' years, 2012-2020; public record, not
taken from any evaluation set) that the audit compares (enough documents on both sides), the sign of
the left source's tone toward them minus the right source's, against the party's expected sign. Printed:
the share that agree; the partisan gap, the mean difference over Democrats minus the mean over
Republicans (expected > 0), with a permutation p-value (party labels shuffled, one-sided); and among the
differences the audit reports as significant (its favours / disfavours lists, Benjamini-Hochberg), how
many agree. Beside the same audit with each
mention's tone replaced by its sentence's VADER compound (the tone of the sentence, not toward the
person), and a table per politician. No figure here was used to build the rubric. Exits 2 without
../shared. tests/eval/test_gate_audit.py pins the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCES = ROOT.parent / "shared" / "eval" / "sources"
ARTICLES = SOURCES / "articles-dev.jsonl"
OUTLETS = SOURCES / "outlets-dev.jsonl"
SIDES = ("left", "right")
PERMUTATIONS = 10_000

# +1: a Democrat (the left outlets' side), -1: a Republican. Bernie Sanders, an independent who ran in the
# Democratic primaries and caucuses with the Democrats, counts with them.
POLITICIANS: dict[str, int] = {
    **dict.fromkeys((
        "Barack Obama", "Hillary Clinton", "Joe Biden", "Bernie Sanders", "Nancy Pelosi", "Elizabeth Warren",
        "Chuck Schumer", "Adam Schiff", "Kamala Harris", "Cory Booker", "Andrew Cuomo", "Pete Buttigieg",
        "Bill Clinton", "Michelle Obama", "Alexandria Ocasio-Cortez", "Jimmy Carter", "John Kerry",
        "Eric Holder", "Al Gore", "Tim Kaine", "Beto O'Rourke", "Harry Reid", "Amy Klobuchar",
    ), 1),
    **dict.fromkeys((
        "Donald Trump", "Mike Pence", "Mitt Romney", "Paul Ryan", "Ted Cruz", "Mitch McConnell", "John McCain",
        "Marco Rubio", "Jeb Bush", "Lindsey Graham", "Chris Christie", "Rand Paul", "John Kasich",
        "Jeff Sessions", "Devin Nunes", "Ronald Reagan", "George W Bush", "Kevin McCarthy", "Sarah Palin",
        "Newt Gingrich", "Rudy Giuliani", "Ben Carson", "John Boehner", "Scott Walker",
    ), -1),
}


def need_shared() -> None:
    if not ARTICLES.exists() or not OUTLETS.exists():
        print(f"{SOURCES} not found: this script needs the shared evaluation data beside the repository",
              file=sys.stderr)
        raise SystemExit(2)


def documents() -> Iterator[Any]:
    from scoring.core.document import Document

    side = {}
    for line in OUTLETS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            side[row["outlet"]] = row.get("allsides_bias_majority")
    with ARTICLES.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                if side.get(r["outlet"]) in SIDES:
                    yield Document(id=r["id"], text=r["text"], source=side[r["outlet"]], title=r.get("title"))


def records(item: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The audit's record of one document, and the same with every actor's tone read as the mean
    VADER compound of the sentences it is mentioned in (runs in the worker processes)."""
    from rubrics.sentiment.lexicon import vader
    from rubrics.sentiment.vader import vader_sentence
    from scoring.core.shapes import lean_mentions
    from scoring.corpus.audit import audit_record

    record = audit_record(item)
    baseline = json.loads(json.dumps(record))
    text = item.doc.text
    compounds: dict[str, list[float]] = {}
    for m in lean_mentions(item.results["lean"].details):
        start, end = m["sentence"]
        compounds.setdefault(m["actor"], []).append(vader_sentence(vader(), text[start:end]).compound)
    for actor in baseline["rubrics"]["lean"]["details"]["actors"]:
        values = compounds.get(actor["actor"]) or [0.0]
        actor["tone"] = sum(values) / len(values)
    baseline["rubrics"]["lean"]["details"]["examples"] = {}
    return record, baseline


def agreement(report: Any) -> dict[str, Any]:
    """Per compared politician: expected sign, left-minus-right tone, mentions, verdict; and the shares."""
    left = next(s for s in report.sources if s.source == "left")
    rows = []
    for actor in left.actors:
        expected = POLITICIANS.get(actor.actor.replace(".", ""))
        if expected is None or actor.tone_vs_others is None:
            continue
        verdict = "favours" if actor.actor in left.favours else "disfavours" if actor.actor in left.disfavours else ""
        rows.append({"actor": actor.actor, "expected": expected, "difference": actor.tone_vs_others,
                     "mentions": actor.mentions, "verdict": verdict})
    agree = [r for r in rows if r["difference"] * r["expected"] > 0]
    called = [r for r in rows if r["verdict"]]
    called_right = [r for r in called if (r["verdict"] == "favours") == (r["expected"] > 0)]
    gap, p = partisan_gap([r["difference"] for r in rows], [r["expected"] for r in rows])
    return {"rows": rows, "compared": len(rows), "agree": len(agree) / len(rows) if rows else float("nan"),
            "gap": gap, "gap_p": p, "called": len(called), "called_agree": len(called_right)}


def partisan_gap(differences: list[float], parties: list[int], shuffles: int = PERMUTATIONS) -> tuple[float, float]:
    """Mean difference over Democrats minus the mean over Republicans, and the share of party-label
    shuffles (fixed seed) whose gap is at least as large."""
    import numpy as np

    x, party = np.array(differences, dtype=float), np.array(parties)
    if (party > 0).sum() == 0 or (party < 0).sum() == 0:
        return float("nan"), float("nan")

    def gap_of(labels: np.ndarray) -> float:
        return float(x[labels > 0].mean() - x[labels < 0].mean())

    observed = gap_of(party)
    rng = np.random.default_rng(0)
    larger = sum(gap_of(rng.permutation(party)) >= observed for _ in range(shuffles))
    return observed, (larger + 1) / (shuffles + 1)


def evaluate(jobs: int = 2) -> dict[str, dict[str, Any]]:
    from scoring.corpus.audit import audit_sources
    from scoring.engine.pipeline import score_corpus
    from scoring.engine.profile import load_profile

    profile = load_profile("equal-weight").restricted_to(["lean"])
    pairs = list(score_corpus(documents(), profile, jobs=jobs, map_result=records))
    return {"lean audit (tone toward each person)": agreement(audit_sources((p[0] for p in pairs), top_actors=None)),
            "same audit, sentence VADER as the tone": agreement(audit_sources((p[1] for p in pairs), top_actors=None))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    args = parser.parse_args()
    need_shared()
    found = evaluate(args.jobs)
    print("Left (AllSides) outlets' articles vs right outlets' articles: does the audit's tone difference "
          "toward each politician have their party's sign?\n")
    print("| tone read as | politicians compared | sign agrees | partisan gap (p) | significant: agree / called |")
    print("|---|---:|---:|---:|---:|")
    for name, f in found.items():
        print(f"| {name} | {f['compared']} | {f['agree']:.3f} | {f['gap']:+.3f} ({f['gap_p']:.3f}) | "
              f"{f['called_agree']} / {f['called']} |")
    print("\nper politician (left minus right; D = +1 expected, R = -1):")
    tables: list[Mapping[str, Any]] = [f["rows"] for f in found.values()]
    baseline = {r["actor"]: r for r in tables[1]}
    for r in sorted(tables[0], key=lambda r: -r["mentions"]):
        b = baseline.get(r["actor"])
        print(f"  {r['actor']:28s} {'D' if r['expected'] > 0 else 'R'} {r['mentions']:5d} mentions  "
              f"audit {r['difference']:+.3f} {r['verdict']:10s} VADER {b['difference'] if b else float('nan'):+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
