"""Train the lean rubric's tone-toward-a-mention model; write rubrics/data/lean_tone_model.json.

Data: NewsMTSC (Hamborg & Donnay, EACL 2021), ../shared/eval/tone/newsmtsc-train.jsonl only: news
sentences with the people they mention and the tone toward each (MIT licence, training allowed).
devtest_mt is never read here (scripts/eval_tone.py evaluates on it).

Also writes rubrics/data/lean_lowercase_words.txt, the ordinary vocabulary name discovery uses to
tell a sentence-initial word from a name: words seen in lower case inside a sentence at least
twice and more often than capitalised there, in the same training sentences and in the NYT
editorial snippets (../shared/eval/sentiment/nyt-dev.jsonl, MIT, training allowed).

Method (rubrics/lean/tone.py has the features): every training sentence is scored as a document,
so the features come from exactly the code the rubric runs (mentions found by discovery are the
"other actors"; the annotated span is the mention). One multinomial logistic regression over the
standardised features of rubrics/lean/tone.py and the context lexicon's columns (`context_positions`):
per word and side (left / right of the mention) the sum of exp(-d/5) over its occurrences, and the
same at long range, exp(-d/12); the same two sums per word over both sides (near, far: weights a word
shares across sides, so that a word seen a few times on each side is still learned); per word at each of the two places before and the two after the
mention, 1 when it stands there; for the word-places seen with at least `min_targets` training
targets, the block multiplied by a context scale (a separate L2 penalty on the word weights: the
penalty on them is the features' divided by the scale squared). C, the scale and `min_targets`
are chosen by 5-fold cross-validation grouped by article (the vocabulary is rebuilt inside every
fold). The word-place coefficients are stored as the lexicon, the features' coefficients as
the model.

    .venv/bin/python scripts/train_tone.py
"""

from __future__ import annotations

import collections
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
TONE = SHARED / "eval" / "tone"
NYT = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
MODEL_OUT = ROOT / "rubrics" / "data" / "lean_tone_model.json"
VOCABULARY_OUT = ROOT / "rubrics" / "data" / "lean_lowercase_words.txt"
CLASSES = ("negative", "neutral", "positive")
C_GRID = (0.03, 0.1, 0.3, 1.0)
SCALE_GRID = (0.3, 1.0, 2.0)
MIN_TARGETS_GRID = (2, 3, 5)
FOLDS = 5
CONTEXT = ("context_negative", "context_neutral", "context_positive")
_NUMBER_LIST = re.compile(r"\[\s*((?:-?[\d.e+-]+,\s*)*-?[\d.e+-]+)\s*\]")
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


def rows(split: str) -> list[dict]:
    path = TONE / f"newsmtsc-{split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: NewsMTSC lives in ../shared/eval/tone/ next to the repo")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article(row_id: str) -> str:
    """The article a sentence comes from (folds never split an article)."""
    return "_".join(row_id.split("_")[:3])


def lowercase_vocabulary(texts: list[str]) -> list[str]:
    lower: collections.Counter[str] = collections.Counter()
    upper: collections.Counter[str] = collections.Counter()
    for text in texts:
        for i, m in enumerate(_WORD.finditer(text)):
            word = m.group()
            # the first word of a sentence or of a quotation is capitalised whatever it is
            if i == 0 or any(c in text[max(0, m.start() - 2):m.start()] for c in '.!?:"“‘'):
                continue
            if word.islower():
                lower[word] += 1
            elif word[:1].isupper() and not word.isupper():
                upper[word.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= 2 and upper[w] < n and w.isalpha())


def write_vocabulary(train: list[dict]) -> int:
    texts = [r["text"] for r in train]
    source = "NewsMTSC train"
    if NYT.exists():
        texts += [json.loads(line)["text"] for line in NYT.read_text(encoding="utf-8").splitlines() if line.strip()]
        source += " and the VADER NYT editorial snippets"
    words = lowercase_vocabulary(texts)
    header = (f"# Ordinary English vocabulary for lean's name discovery: words written in lower case inside a\n"
              f"# sentence at least twice and more often than capitalised there, in {source}\n"
              f"# (both MIT). Written by scripts/train_tone.py on {date.today().isoformat()}; {len(words)} words.\n")
    VOCABULARY_OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


@dataclass
class Example:
    table: object  # rubrics.lean.tone.SentenceTable
    start: int
    end: int
    others: list[tuple[int, int]]  # other actors' mentions in the sentence
    same: list[tuple[int, int]]  # the same actor named again there
    label: str
    group: str


def examples(split: str) -> list[Example]:
    """One example per annotated target: its sentence table (no learned lexicon yet) and spans."""
    from rubrics.lean.resolve import find_mentions, neighbours
    from rubrics.lean.tone import sentence_table
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    out = []
    for row in rows(split):
        seg = Segmented(Document(id=row["id"], text=row["text"]))
        mentions = find_mentions(seg)
        tables: dict[int, object] = {}
        for span in row["spans"]:
            start, end = normalised_span(seg, span["start"], span["end"])
            index = _sentence_of(seg, start)
            if index not in tables:
                tables[index] = sentence_table(seg, index, context={})
            table = tables[index]
            beside = neighbours([m for m in mentions if m.sentence == index], start, end)
            out.append(Example(table, start, end, beside.others, beside.same, span["polarity"],
                               article(row["id"])))
    return out


def normalised_span(seg, start: int, end: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """An original-text span of an annotation, in the normalised text the rubric reads."""
    starts, ends = seg.norm.starts, seg.norm.ends
    if starts is None or ends is None:
        return start, end
    first = next((i for i, s in enumerate(starts) if s >= start), len(starts))
    last = max((i + 1 for i, e in enumerate(ends) if e <= end), default=first)
    return first, max(first, last)


def _sentence_of(seg, pos: int) -> int:  # type: ignore[no-untyped-def]
    for i, s in enumerate(seg.sentences):
        if s.start <= pos < s.end:
            return i
    return max(0, min(range(len(seg.sentences)), key=lambda i: abs(seg.sentences[i].start - pos)))


def dense_matrix(exs: list[Example]) -> np.ndarray:
    """The features of rubrics/lean/tone.py but the context sums (the tables hold no lexicon)."""
    from rubrics.lean.tone import FEATURES, mention_vector

    keep = [k for k, name in enumerate(FEATURES) if name not in CONTEXT]
    return np.array([mention_vector(ex.table, ex.start, ex.end, ex.others, ex.same)[0] for ex in exs])[:, keep]


def context_counts(exs: list[Example]) -> list[dict[str, float]]:
    """Per target: "place:word" -> sum of the word's weights at that place (rubrics.lean.tone.PLACES)."""
    from rubrics.lean.tone import context_positions

    out = []
    for ex in exs:
        counts: dict[str, float] = collections.defaultdict(float)
        for word, place, weight in context_positions(ex.table, ex.start, ex.end, ex.others, ex.same):
            counts[f"{place}:{word}"] += weight
        out.append(counts)
    return out


def context_matrix(counts: list[dict[str, float]], fit_rows: np.ndarray,
                   min_targets: int) -> tuple[sp.csr_matrix, list[str]]:
    """Columns for the word-places seen with >= `min_targets` of the `fit_rows` targets."""
    seen: collections.Counter[str] = collections.Counter()
    for i in fit_rows:
        seen.update(counts[i].keys())
    columns = sorted(k for k, n in seen.items() if n >= min_targets)
    index = {k: j for j, k in enumerate(columns)}
    r, c, v = [], [], []
    for i, row in enumerate(counts):
        for key, weight in row.items():
            j = index.get(key)
            if j is not None:
                r.append(i)
                c.append(j)
                v.append(weight)
    return sp.csr_matrix((v, (r, c)), shape=(len(counts), len(columns))), columns


def fit(dense: np.ndarray, context: sp.csr_matrix, y: np.ndarray, c: float, scale: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(dense)
    x = sp.hstack([sp.csr_matrix(scaler.transform(dense)), context * scale]).tocsr()
    return scaler, LogisticRegression(C=c, max_iter=5000).fit(x, y)


def predict(model, dense: np.ndarray, context: sp.csr_matrix, scale: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    scaler, clf = model
    return clf.predict(sp.hstack([sp.csr_matrix(scaler.transform(dense)), context * scale]).tocsr())


def cross_validate(exs: list[Example], grid: tuple[tuple[float, float, int], ...] | None = None,
                   seed: int | None = None) -> dict[tuple[float, float, int], dict[str, float]]:
    """Macro-F1 and accuracy per (C, context scale, min_targets), 5 folds grouped by article (articles
    shuffled by `seed` when given), the context vocabulary rebuilt in each fold."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    grid = grid or tuple((c, s, m) for c in C_GRID for s in SCALE_GRID for m in MIN_TARGETS_GRID)
    y = np.array([ex.label for ex in exs])
    groups = np.array([ex.group for ex in exs])
    if seed is not None:
        names = sorted(set(groups))
        order = dict(zip(names, np.random.default_rng(seed).permutation(len(names)), strict=True))
        groups = np.array([order[g] for g in groups])
    dense = dense_matrix(exs)
    counts = context_counts(exs)
    predictions = {key: np.empty(len(exs), dtype=object) for key in grid}
    for train_idx, test_idx in GroupKFold(FOLDS).split(y, y, groups):
        contexts = {m: context_matrix(counts, train_idx, m)[0] for m in {key[2] for key in grid}}
        for c, scale, m in grid:
            context = contexts[m]
            model = fit(dense[train_idx], context[train_idx], y[train_idx], c, scale)
            predictions[(c, scale, m)][test_idx] = predict(model, dense[test_idx], context[test_idx], scale)
    return {key: {"macro_f1": float(f1_score(y, p.astype(str), average="macro")),
                  "accuracy": float(accuracy_score(y, p.astype(str)))} for key, p in predictions.items()}


SEEDS = (1, 2, 3)


def main() -> None:
    train_rows = rows("train")
    print(f"ordinary vocabulary: {write_vocabulary(train_rows)} words -> {VOCABULARY_OUT.relative_to(ROOT)}")
    from rubrics.lean.tone import FAR_DECAY, FEATURES, NEAR_DECAY, NO_WORD, OTHER_ACTOR, SAME_ACTOR

    exs = examples("train")
    print(f"{len(exs)} training targets in {len({e.group for e in exs})} articles")
    cv = cross_validate(exs)
    for (c, scale, least), m in cv.items():
        print(f"C={c:<4} context scale {scale:<4} min targets {least}  CV macro-F1 {m['macro_f1']:.4f}  "
              f"accuracy {m['accuracy']:.4f}")
    # ties: the stronger regularisation, the smaller lexicon
    best = max(cv, key=lambda k: (round(cv[k]["macro_f1"], 4), -k[0], -k[1], k[2]))
    c, scale, least = best
    # The spread over other assignments of articles to folds (the choice above used the unshuffled one).
    spread = [cross_validate(exs, (best,), seed)[best]["macro_f1"] for seed in SEEDS]
    print(f"C={c}, scale {scale}, min targets {least}: CV macro-F1 over article shuffles "
          f"{', '.join(f'{v:.4f}' for v in spread)}")
    y = np.array([ex.label for ex in exs])
    dense = dense_matrix(exs)
    counts = context_counts(exs)
    context, columns = context_matrix(counts, np.arange(len(exs)), least)
    scaler, clf = fit(dense, context, y, c, scale)
    assert tuple(clf.classes_) == CLASSES
    n_dense = dense.shape[1]
    names = [name for name in FEATURES if name not in CONTEXT]
    # The context sums enter each class score with coefficient 1 (their weights are the lexicon's).
    coef = [[round(float(v), 6) for v in row[:n_dense]] + [1.0 if k == j else 0.0 for j in range(3)]
            for k, row in enumerate(clf.coef_)]
    weights: dict[str, dict[str, list[float]]] = {}
    for j, key in enumerate(columns):
        place, word = key.split(":", 1)
        weights.setdefault(word, {})[place] = [round(float(clf.coef_[k, n_dense + j]) * scale, 4) for k in range(3)]
    spec = {
        "model": ("multinomial logistic regression over standardised features (rubrics/lean/tone.py) fitted "
                  "jointly with the context lexicon"),
        "trained_on": "NewsMTSC train (newsmtsc-train.jsonl, MIT), Hamborg & Donnay, EACL 2021",
        "trained": date.today().isoformat(),
        "targets": len(exs),
        "C": c,
        "context_scale": scale,
        "min_targets": least,
        "cv": {"folds": FOLDS, "grouped_by": "article", "macro_f1": round(cv[best]["macro_f1"], 4),
               "accuracy": round(cv[best]["accuracy"], 4),
               "article_shuffles": [round(v, 4) for v in spread],
               "grid": {f"C={k[0]} scale={k[1]} min_targets={k[2]}": round(m["macro_f1"], 4)
                        for k, m in cv.items()}},
        "classes": list(CLASSES),
        "features": names + list(CONTEXT),
        "mean": [round(float(v), 6) for v in scaler.mean_] + [0.0] * 3,
        "scale": [round(float(v), 6) if v > 0 else 1.0 for v in scaler.scale_] + [1.0] * 3,
        "coef": coef,
        "intercept": [round(float(v), 6) for v in clf.intercept_],
        "context": {
            "method": ("per word (lower-cased, stripped of punctuation) and place: the logistic coefficients "
                       "(negative, neutral, positive) of, for left / right of the mention, the sum of "
                       f"exp(-d/{NEAR_DECAY:g}) over its occurrences on that side, d its distance in tokens from "
                       f"the mention, for left_far / right_far the same with exp(-d/{FAR_DECAY:g}), for near / far "
                       "the same two over both sides (the mention's "
                       "and other actors' tokens and the same actor's name again left out), for left_1, left_2, right_1, "
                       "right_2 whether it is "
                       f"the 1st / 2nd token before / after the mention ({OTHER_ACTOR!r}: another actor's token, "
                       f"{SAME_ACTOR!r}: the same actor's name again, "
                       f"{NO_WORD!r}: a token without a letter); word-places seen with >= {least} "
                       "training targets"),
            "decay": NEAR_DECAY,
            "far_decay": FAR_DECAY,
            "weights": dict(sorted(weights.items())),
        },
    }
    text = json.dumps(spec, indent=1, ensure_ascii=False)
    # Lists of numbers on one line each (a word's weights, a coefficient row): one line per word, not per number.
    text = _NUMBER_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    MODEL_OUT.write_text(text + "\n", encoding="utf-8")
    print(f"C={c}, scale {scale}, min targets {least}: CV macro-F1 {cv[best]['macro_f1']:.4f}; {len(columns)} word-places of "
          f"{len(weights)} words -> {MODEL_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
