"""Evaluate the framing rubric: loaded language on BABE (words and sentences), frames on the corpora.

    .venv/bin/python scripts/eval_framing.py

BABE (../shared/eval/bias/babe-dev.jsonl; expert labels, AGPL-3.0) is used for evaluation only: no
model is trained on it. It was used to decide which lexicon categories to drop, to choose the
weights of the weak cues and the sentence threshold, and some words were added after reading its
missed words (docs/rubrics.md, Framing). To show how much of that fits BABE itself, the new method
is also reported on two halves split by topic.

Word level: per sentence, the predicted words are the case-folded word tokens (`\\w+(?:['’-]\\w+)*`) of
the sentence that overlap a `loaded` span; the gold words are the same tokens of BABE's
`biased_words`; precision, recall and F1 are micro-summed over all sentences (sets per sentence).
Sentence level: a sentence is predicted Biased when its summed loaded weight reaches the method's
threshold; macro-F1 over Biased / Non-biased.

Rows: VADER (words of |valence| >= 2; sentence |compound| >= 0.5), the framing 1.0 lexicon (read
from git at OLD_COMMIT, weight >= 1, no context rules) and the current rubric. Frames: mean frame
shares per source of ../shared/corpora and each source's most frequent frame cue with its share of
all frame-cue hits, old and new.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BABE = SHARED / "eval" / "bias" / "babe-dev.jsonl"
CORPORA = SHARED / "corpora"
OLD_COMMIT = "fdd08c0"  # framing 1.0: the last commit before the lexicon audit
VADER_WORD_VALENCE = 2.0
VADER_SENTENCE_COMPOUND = 0.5
OLD_SENTENCE_WEIGHT = 1.0
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
# Topic halves: BABE's topic names normalised (it spells some two ways), then dealt alternately by size.
TOPIC_ALIASES = {"blm": "black lives matter", "gun-control": "gun control", "vaccines": "vaccine"}
HALF_A = frozenset({"vaccine", "gun control", "taxes", "islam", "environment", "abortion", "gender",
                    "coronavirus", "elections-2020", "international-politics-and-world-news"})

sys.path.insert(0, str(REPO))

Spans = list[tuple[int, int]]


def babe_rows() -> list[dict]:
    return [json.loads(line) for line in BABE.open(encoding="utf-8")]


def topic_half(row: dict) -> str:
    return "A" if TOPIC_ALIASES.get(row["topic"], row["topic"]) in HALF_A else "B"


def words_overlapping(text: str, spans: Spans) -> set[str]:
    out = set()
    for m in WORD.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            out.add(m.group().casefold())
    return out


def gold_words(row: dict) -> set[str]:
    return {w for phrase in row["biased_words"] for w in WORD.findall(phrase.casefold())}


def class_f1(truth: list[int], pred: list[int], cls: int) -> float:
    tp = sum(1 for t, p in zip(truth, pred, strict=True) if t == cls and p == cls)
    fp = sum(1 for t, p in zip(truth, pred, strict=True) if t != cls and p == cls)
    fn = sum(1 for t, p in zip(truth, pred, strict=True) if t == cls and p != cls)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(rows: Iterable[dict], detect: Callable[[str], tuple[str, Spans, float]]) -> dict[str, float]:
    """`detect(text)` -> (the text the spans index, loaded spans, is-Biased 0/1)."""
    tp = fp = fn = 0
    truth: list[int] = []
    pred: list[int] = []
    for row in rows:
        text, spans, biased = detect(row["text"])
        gold, found = gold_words(row), words_overlapping(text, spans)
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
        truth.append(int(row["label"]))
        pred.append(int(biased))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f_pos, f_neg = class_f1(truth, pred, 1), class_f1(truth, pred, 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "macro_f1": (f_pos + f_neg) / 2, "f1_biased": f_pos, "f1_non_biased": f_neg,
            "predicted_biased": sum(pred), "sentences": len(truth)}


def current_detector() -> Callable[[str], tuple[str, Spans, float]]:
    from rubrics.framing.rubric import LOADED_SENTENCE_WEIGHT, loaded_cues
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    def detect(text: str) -> tuple[str, Spans, float]:
        seg = Segmented(Document(id="babe", text=text, source="babe"))
        cues = loaded_cues(seg)
        return seg.text, [(c.start, c.end) for c in cues], sum(c.weight for c in cues) >= LOADED_SENTENCE_WEIGHT

    return detect


def vader_detector() -> Callable[[str], tuple[str, Spans, float]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def detect(text: str) -> tuple[str, Spans, float]:
        spans = [(m.start(), m.end()) for m in WORD.finditer(text)
                 if abs(analyzer.lexicon.get(m.group().casefold(), 0.0)) >= VADER_WORD_VALENCE]
        return text, spans, abs(analyzer.polarity_scores(text)["compound"]) >= VADER_SENTENCE_COMPOUND

    return detect


def old_rows(name: str) -> list[dict[str, str]] | None:
    """A data file as it was at OLD_COMMIT (None outside a git checkout that has it)."""
    try:
        text = subprocess.run(["git", "-C", str(REPO), "show", f"{OLD_COMMIT}:rubrics/data/{name}"],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def old_detector() -> Callable[[str], tuple[str, Spans, float]] | None:
    from rubrics.common.cues import Cue, CueMatcher
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    tables = [old_rows(name) for name in ("framing_loaded_en.tsv", "framing_loaded_zh.tsv")]
    if any(t is None for t in tables):
        return None
    matcher = CueMatcher(Cue(r["term"], "loaded", r["category"], float(r["weight"]), mode="any")
                         for table in tables for r in table or [])

    def detect(text: str) -> tuple[str, Spans, float]:
        seg = Segmented(Document(id="babe", text=text, source="babe"))
        matches = matcher.find(seg.text)
        return seg.text, [(m.start, m.end) for m in matches], sum(m.cue.weight for m in matches) >= OLD_SENTENCE_WEIGHT

    return detect


def source_and_bbc_topic(doc) -> str:
    """The source, and for BBC its topic folder too (bbc/business/001.txt -> "bbc business")."""
    parts = doc.id.split("/")
    return f"bbc {parts[1]}" if doc.source == "bbc" and len(parts) == 3 else doc.source


def frame_audit(matcher_find: Callable[[str], list], paths: list[Path],
                key: Callable = lambda doc: doc.source) -> dict[str, dict]:
    """Per group of documents (default: source): documents, mean frame shares, dominant frame, top
    cue and its share of the group's frame-cue hits."""
    from rubrics.framing.lexicon import FRAMES
    from scoring.inputs.load import iter_documents
    from scoring.text.segment import Segmented

    shares: dict[str, Counter] = defaultdict(Counter)
    cues: dict[str, Counter] = defaultdict(Counter)
    docs: Counter = Counter()
    for doc in iter_documents(paths):
        if not hasattr(doc, "text"):
            continue
        seg = Segmented(doc)
        group = key(doc)
        weight: Counter = Counter()
        for m in matcher_find(seg.text):
            weight[m.cue.category] += m.cue.weight
            cues[group][seg.text[m.start:m.end].casefold()] += 1
        docs[group] += 1
        total = sum(weight.values())
        for frame in FRAMES:
            shares[group][frame] += weight[frame] / total if total else 0.0
    out = {}
    for source, n in docs.items():
        mean = {f: shares[source][f] / n for f in FRAMES}
        hits = sum(cues[source].values())
        top, count = cues[source].most_common(1)[0] if hits else ("", 0)
        out[source] = {"documents": n, "shares": mean, "dominant": max(FRAMES, key=lambda f: mean[f]),
                       "top_cue": top, "top_cue_share": count / hits if hits else 0.0}
    return out


def old_frame_find() -> Callable[[str], list] | None:
    from rubrics.common.cues import Cue, CueMatcher

    rows = old_rows("framing_frames.tsv")
    if rows is None:
        return None
    matcher = CueMatcher(Cue(r["term"], "frame", r["frame"], 2.0 if r["kind"] == "pattern" else 1.0, mode="any")
                         for r in rows)
    return matcher.find


def main() -> int:
    if not BABE.exists():
        print(f"missing {BABE}: ../shared/eval is not present beside the repository", file=sys.stderr)
        return 1
    from rubrics.framing.rubric import LOADED_SENTENCE_WEIGHT

    rows = babe_rows()
    halves = {h: [r for r in rows if topic_half(r) == h] for h in ("A", "B")}
    print(f"babe-dev: {len(rows)} sentences, {sum(int(r['label']) for r in rows)} Biased "
          f"(expert labels; evaluation only); halves by topic A {len(halves['A'])}, B {len(halves['B'])}\n")
    print("| method | word P | word R | word F1 | sentence macro-F1 | F1 Biased | F1 Non-biased | predicted Biased |")
    print("|---|---|---|---|---|---|---|---|")
    methods: list[tuple[str, Callable | None, list[dict]]] = [
        (f"VADER: words \\|valence\\| >= {VADER_WORD_VALENCE}, sentence \\|compound\\| >= "
         f"{VADER_SENTENCE_COMPOUND}", vader_detector(), rows),
        (f"framing 1.0 lexicon ({OLD_COMMIT}), weight >= {OLD_SENTENCE_WEIGHT}", old_detector(), rows),
        (f"**framing 2.0**, weight >= {LOADED_SENTENCE_WEIGHT}", current_detector(), rows),
        ("framing 2.0, topic half A", current_detector(), halves["A"]),
        ("framing 2.0, topic half B", current_detector(), halves["B"]),
    ]
    for name, detect, subset in methods:
        if detect is None:
            print(f"| {name} | (not in this checkout's git history) | | | | | | |")
            continue
        m = evaluate(subset, detect)
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['macro_f1']:.3f} | "
              f"{m['f1_biased']:.3f} | {m['f1_non_biased']:.3f} | {m['predicted_biased']} |")
    if not CORPORA.is_dir():
        return 0
    from rubrics.framing.lexicon import FRAMES, frame_matcher

    paths = [CORPORA / name for name in ("bbc", "cnn", "sogou")]
    new = frame_audit(frame_matcher().find, paths, source_and_bbc_topic)
    old_find = old_frame_find()
    old = frame_audit(old_find, paths, source_and_bbc_topic) if old_find else {}
    print("\nFrames per source of ../shared/corpora, BBC by topic (mean share per document; top cue = its share of "
          "all frame-cue hits)\n")
    print("| source | docs | " + " | ".join(FRAMES) + " | dominant | top cue | dominant, top cue in 1.0 |")
    print("|---|---|" + "---|" * len(FRAMES) + "---|---|---|")
    for source, a in sorted(new.items(), key=lambda kv: -kv[1]["documents"]):
        if a["documents"] < 20:
            continue
        b = old.get(source)
        before = f"{b['dominant']}, \"{b['top_cue']}\" {b['top_cue_share']:.0%}" if b else "n/a"
        print(f"| {source} | {a['documents']} | " + " | ".join(f"{a['shares'][f]:.2f}" for f in FRAMES)
              + f" | {a['dominant']} | \"{a['top_cue']}\" {a['top_cue_share']:.0%} | {before} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
