"""Evaluate the lean rubric on NewsMTSC: does it find the annotated people, and the tone toward them?

Data: ../shared/eval/tone/ (NewsMTSC, Hamborg & Donnay, EACL 2021; MIT). devtest_mt (sentences with
two or more annotated people) is never trained or tuned on; train figures are 5-fold cross-validated
grouped by article (the model and its context lexicon refitted in every fold, scripts/train_tone.py).

Each sentence is scored as a one-sentence document.
- coverage: share of annotated targets that a mention found by discovery overlaps (character
  spans, `m.start < t.end and t.start < m.end`); split into names (gazetteer, names, short forms)
  and pronouns / role nouns ("he", "the president"), which in an isolated sentence have no actor to
  resolve to (in a document they resolve to the person before them).
- tone macro-F1 (negative / neutral / positive):
  * rubric: the label of the rubric's mention overlapping the target; a target it misses counts as
    neutral (unresolved pronouns: the tone model run on the pronoun itself);
  * model on the annotated span: the tone model given the target's span (discovery left out);
  * sentence VADER: the sentence's compound with VADER's cut-offs (+-0.05), for every target;
  * lean 1.0: the previous rubric (gazetteer aliases and capitalised names seen twice; the
    sentence's compound as the tone), misses as neutral.
- pronoun resolution: NewsMTSC lists each target's other mentions in its sentence
  (`further_mentions`, "Clinton ... her"); of those that are personal pronouns, beside a target that
  discovery names, the share the rubric resolves to the target's actor (recall), and of the ones it
  resolves, the share resolved right (precision); beside the plain recency rule (the nearest name
  mention before the pronoun).
- unlabelled corpora: the mean tone and the label mix of the mentions in the first 150 documents (by id)
  of ../shared/corpora/sogou and of ../shared/corpora/bbc. There are no Chinese tone labels, so this
  is no accuracy: it shows whether a change to the English-trained model moves Chinese mentions' tone
  (read with what a Chinese sentence can measure) much more than English ones'.

    .venv/bin/python scripts/eval_tone.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_tone import (  # noqa: E402
    C_GRID,
    MIN_TARGETS_GRID,
    SCALE_GRID,
    TONE,
    cross_validate,
    examples,
    normalised_span,
    rows,
)

from rubrics.lean import LeanRubric  # noqa: E402
from rubrics.lean.gazetteer import gazetteer  # noqa: E402
from rubrics.lean.resolve import find_mentions, neighbours  # noqa: E402
from rubrics.lean.tone import mention_features, sentence_table, tone_model  # noqa: E402
from rubrics.sentiment import sentence_compounds  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.inputs.load import load_documents  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

NAME_VIAS = ("gazetteer", "name", "short", "zh")
CORPORA = ROOT.parent / "shared" / "corpora"
UNLABELLED_DOCUMENTS = 150
# lean 1.0's fallback for names outside the gazetteer: capitalised multi-word runs, kept when seen twice.
_V1_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:of |for |and |de |van |von )?[A-Z][a-z]+){1,3}\b")


def _label(compound: float) -> str:
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, average="macro", labels=["negative", "neutral", "positive"]))


def _sentence_index(seg: Segmented, pos: int) -> int:
    """The sentence holding offset `pos` (the first when none does)."""
    return next((i for i, s in enumerate(seg.sentences) if s.start <= pos < s.end), 0)


def evaluate(split: str) -> dict[str, float]:
    rubric = LeanRubric()
    model = tone_model()
    latin, _ = gazetteer(None)
    gold: list[str] = []
    predicted = {"rubric": [], "span": [], "vader": [], "v1": []}
    found = {"names": 0, "pronouns": 0}
    for row in rows(split):
        doc = Document(id=row["id"], text=row["text"])
        seg = Segmented(doc)
        mentions = find_mentions(seg)
        result = rubric.score(seg)
        scored = [(m["start"], m["end"], m["label"]) for m in result.details["mentions"]]
        compounds = sentence_compounds(seg)
        v1 = [(m.start, m.end) for m in latin.find(seg.text)]
        names = [m.span() for m in _V1_NAME.finditer(seg.text)]
        v1 += [s for s in names if sum(seg.text[a:b] == seg.text[s[0]:s[1]] for a, b in names) >= 2]
        tables: dict[int, object] = {}
        for span in row["spans"]:
            gold.append(span["polarity"])
            start, end = normalised_span(seg, span["start"], span["end"])
            index = _sentence_index(seg, start)
            sentence_label = _label(compounds[index]) if compounds else "neutral"
            predicted["vader"].append(sentence_label)
            predicted["v1"].append(sentence_label if any(a < end and start < b for a, b in v1) else "neutral")
            hits = [m for m in mentions if m.start < end and start < m.end]
            if any(m.via in NAME_VIAS for m in hits):
                found["names"] += 1
            elif hits:
                found["pronouns"] += 1
            if index not in tables:
                tables[index] = sentence_table(seg, index)
            beside = neighbours([m for m in mentions if m.sentence == index], start, end)
            probabilities = model.probabilities(
                mention_features(tables[index], start, end, beside.others, beside.same)[0])
            span_label = model.classes[max(range(3), key=probabilities.__getitem__)]
            predicted["span"].append(span_label)
            o_start, o_end = span["start"], span["end"]
            rubric_hit = next((lab for a, b, lab in scored if a < o_end and o_start < b), None)
            if rubric_hit is None and hits:  # an unresolved pronoun: the model on the pronoun itself
                h = hits[0]
                beside = neighbours([m for m in mentions if m.sentence == index], h.start, h.end)
                probabilities = model.probabilities(
                    mention_features(tables[index], h.start, h.end, beside.others, beside.same)[0])
                rubric_hit = model.classes[max(range(3), key=probabilities.__getitem__)]
            predicted["rubric"].append(rubric_hit or "neutral")
    n = len(gold)
    out = {"targets": n, "coverage": (found["names"] + found["pronouns"]) / n, "coverage_names": found["names"] / n,
           "coverage_pronouns": found["pronouns"] / n}
    out.update({f"f1_{k}": _macro_f1(gold, v) for k, v in predicted.items()})
    return out


_PERSONAL = frozenset("he him his himself she her hers herself".split())


def pronoun_resolution(split: str) -> dict[str, float]:
    counts = {"gold": 0, "right": 0, "wrong": 0, "recency_right": 0, "recency_wrong": 0}
    for row in rows(split):
        seg = Segmented(Document(id=row["id"], text=row["text"]))
        mentions = find_mentions(seg)
        names = [m for m in mentions if m.via != "pronoun" and m.actor is not None]
        for span in row["spans"]:
            start, end = normalised_span(seg, span["start"], span["end"])
            target = {m.actor for m in names if m.start < end and start < m.end}
            if not target:
                continue
            for further in span.get("further_mentions") or []:
                if further["mention"].lower() not in _PERSONAL:
                    continue
                f_start, f_end = normalised_span(seg, further["start"], further["end"])
                counts["gold"] += 1
                hit = next((m for m in mentions if m.via == "pronoun" and m.start < f_end and f_start < m.end), None)
                if hit is not None and hit.actor is not None:
                    counts["right" if hit.actor in target else "wrong"] += 1
                before = [m for m in names if m.end <= f_start and m.sentence == _sentence_index(seg, f_start)]
                if before:
                    counts["recency_right" if before[-1].actor in target else "recency_wrong"] += 1
    out: dict[str, float] = {"gold": counts["gold"]}
    for prefix in ("", "recency_"):
        right, wrong = counts[f"{prefix}right"], counts[f"{prefix}wrong"]
        out[f"{prefix}precision"] = right / max(1, right + wrong)
        out[f"{prefix}recall"] = right / max(1, counts["gold"])
    return out


def label_mix(folder: Path, limit: int = UNLABELLED_DOCUMENTS) -> dict[str, float]:
    """Mean tone and share of each label over the mentions in the first `limit` documents (by id) of `folder`."""
    docs, _ = load_documents([folder])
    rubric = LeanRubric()
    tones: list[float] = []
    labels = {"negative": 0, "neutral": 0, "positive": 0}
    for doc in sorted(docs, key=lambda d: d.id)[:limit]:
        for m in rubric.score(Segmented(doc)).details.get("mentions", []):
            tones.append(m["tone"])
            labels[m["label"]] += 1
    n = max(1, len(tones))
    return {"mentions": len(tones), "tone": sum(tones) / n, **{k: v / n for k, v in labels.items()}}


def main() -> None:
    if not (TONE / "newsmtsc-devtest_mt.jsonl").exists():
        sys.exit(f"{TONE} not found: NewsMTSC lives in ../shared/eval/tone/ next to the repo")
    spec = tone_model().spec
    chosen = (spec["C"], spec["context_scale"], spec["min_targets"])
    cv = cross_validate(examples("train"), (chosen,))[chosen]
    assert spec["C"] in C_GRID and spec["context_scale"] in SCALE_GRID and spec["min_targets"] in MIN_TARGETS_GRID
    print("NewsMTSC: coverage of the annotated targets and macro-F1 of the tone toward them")
    print()
    print("| split | targets | coverage | names | pronouns, roles | rubric F1 | model on span F1 "
          "| sentence VADER F1 | lean 1.0 F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for split in ("devtest_mt", "train"):
        r = evaluate(split)
        span = f"{r['f1_span']:.4f}" + (f" (CV {cv['macro_f1']:.4f})" if split == "train" else "")
        print(f"| {split} | {r['targets']:,} | {r['coverage']:.4f} | {r['coverage_names']:.4f} | "
              f"{r['coverage_pronouns']:.4f} | {r['f1_rubric']:.4f} | {span} | {r['f1_vader']:.4f} | {r['f1_v1']:.4f} |")
    print()
    print(f"train figures other than CV are in-sample; CV: 5 folds grouped by article, C={spec['C']}, "
          f"context scale {spec['context_scale']}, word-places seen with >= {spec['min_targets']} targets (chosen "
          f"by CV over C {', '.join(map(str, C_GRID))}, scale {', '.join(map(str, SCALE_GRID))} and "
          f"{' or '.join(map(str, MIN_TARGETS_GRID))} targets); over three article shuffles "
          f"{', '.join(map(str, spec['cv']['article_shuffles']))}.")
    print()
    print("Pronouns resolved to the annotated person they refer to (NewsMTSC's further mentions that are personal "
          "pronouns):")
    print()
    print("| split | pronouns | rubric precision | rubric recall | recency precision | recency recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for split in ("devtest_mt", "train"):
        p = pronoun_resolution(split)
        print(f"| {split} | {p['gold']:,} | {p['precision']:.3f} | {p['recall']:.3f} | {p['recency_precision']:.3f} "
              f"| {p['recency_recall']:.3f} |")
    present = [name for name in ("sogou", "bbc") if (CORPORA / name).is_dir()]
    if present:
        print()
        print(f"Mentions in the first {UNLABELLED_DOCUMENTS} documents of unlabelled corpora (no labels: a check that a "
              "change moves Chinese tone no more than English):")
        print()
        print("| corpus | mentions | mean tone | negative | neutral | positive |")
        print("|---|---:|---:|---:|---:|---:|")
        for name in present:
            m = label_mix(CORPORA / name)
            print(f"| {name} | {m['mentions']:,} | {m['tone']:+.3f} | {m['negative']:.2f} | {m['neutral']:.2f} "
                  f"| {m['positive']:.2f} |")


if __name__ == "__main__":
    main()
