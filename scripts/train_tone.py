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
"other actors"; the annotated span is the mention). A news lexicon is learned from the words
around the mentions (general vocabulary only: `lean_lowercase_words.txt` minus function words,
in at least MIN_COUNT training sentences; per word the smoothed log-odds of positive vs negative,
`pol`, and of polar vs neutral, `subj`; the TOP_WORDS strongest by |log-odds| x sqrt(count)); then
a multinomial logistic regression over the standardised features, C chosen by 5-fold
cross-validation grouped by article (the lexicon is relearned inside every fold).

    .venv/bin/python scripts/train_tone.py
"""

from __future__ import annotations

import collections
import json
import math
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
TONE = SHARED / "eval" / "tone"
NYT = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
MODEL_OUT = ROOT / "rubrics" / "data" / "lean_tone_model.json"
VOCABULARY_OUT = ROOT / "rubrics" / "data" / "lean_lowercase_words.txt"
CLASSES = ("negative", "neutral", "positive")
C_GRID = (0.03, 0.1, 0.3, 1.0)
MIN_COUNT = 20
TOP_WORDS = 400
FOLDS = 5
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
    others: list[tuple[int, int]]
    label: str
    group: str
    context: frozenset[str]  # general words of the sentence outside the mention


def examples(split: str) -> list[Example]:
    """One example per annotated target: its sentence table (no learned lexicon yet) and spans."""
    from rubrics.lean.names import word_classes
    from rubrics.lean.resolve import find_mentions
    from rubrics.lean.tone import sentence_table
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    general = word_classes().ordinary - word_classes().function
    out = []
    for row in rows(split):
        seg = Segmented(Document(id=row["id"], text=row["text"]))
        mentions = find_mentions(seg)
        tables: dict[int, object] = {}
        for span in row["spans"]:
            start, end = normalised_span(seg, span["start"], span["end"])
            index = _sentence_of(seg, start)
            if index not in tables:
                tables[index] = sentence_table(seg, index, lexicon={})
            table = tables[index]
            others = [(m.start, m.end) for m in mentions if seg.sentences[index].start <= m.start
                      < seg.sentences[index].end and not (m.start < end and start < m.end)]
            context = frozenset(w for w, s, e in zip(table.low, table.starts, table.ends, strict=True)
                                if w in general and not (s < end and start < e))
            out.append(Example(table, start, end, others, span["polarity"], article(row["id"]), context))
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


def learn_lexicon(train: list[Example]) -> dict[str, list[float]]:
    """word -> [pol, subj, count]: smoothed log-odds (add-one) over the sentences holding the word."""
    counts = {c: collections.Counter() for c in CLASSES}
    for ex in train:
        counts[ex.label].update(ex.context)
    totals = {c: sum(counts[c].values()) for c in CLASSES}
    vocabulary = set().union(*counts.values())
    v = len(vocabulary)
    scored = []
    for word in vocabulary:
        n = sum(counts[c][word] for c in CLASSES)
        if n < MIN_COUNT:
            continue
        p = {c: (counts[c][word] + 1) / (totals[c] + v) for c in CLASSES}
        pol = math.log(p["positive"] / p["negative"])
        subj = math.log((p["positive"] + p["negative"]) / 2 / p["neutral"])
        scored.append((max(abs(pol), abs(subj)) * math.sqrt(n), word, pol, subj, n))
    scored.sort(reverse=True)
    return {w: [round(pol, 4), round(subj, 4), n] for _, w, pol, subj, n in scored[:TOP_WORDS]}


def matrix(exs: list[Example], lexicon: dict[str, list[float]]) -> np.ndarray:
    from rubrics.lean.tone import FEATURES, mention_features

    pairs = {w: (v[0], v[1]) for w, v in lexicon.items()}
    out = np.zeros((len(exs), len(FEATURES)))
    for i, ex in enumerate(exs):
        ex.table.news = [pairs.get(w) for w in ex.table.low]
        ex.table.signal = None  # the tokens that carry something changed with the lexicon
        feats, _ = mention_features(ex.table, ex.start, ex.end, ex.others)
        out[i] = [feats[name] for name in FEATURES]
    return out


def fit(x: np.ndarray, y: np.ndarray, c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000)).fit(x, y)


def cross_validate(exs: list[Example], c_grid: tuple[float, ...] = C_GRID) -> dict[float, dict[str, float]]:
    """Macro-F1 and accuracy per C, 5 folds grouped by article, the lexicon relearned in each fold."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    y = np.array([ex.label for ex in exs])
    groups = np.array([ex.group for ex in exs])
    predictions = {c: np.empty(len(exs), dtype=object) for c in c_grid}
    for train_idx, test_idx in GroupKFold(FOLDS).split(y, y, groups):
        lexicon = learn_lexicon([exs[i] for i in train_idx])
        x = matrix(exs, lexicon)
        for c in c_grid:
            predictions[c][test_idx] = fit(x[train_idx], y[train_idx], c).predict(x[test_idx])
    return {c: {"macro_f1": float(f1_score(y, p.astype(str), average="macro")),
                "accuracy": float(accuracy_score(y, p.astype(str)))} for c, p in predictions.items()}


def main() -> None:
    train_rows = rows("train")
    print(f"ordinary vocabulary: {write_vocabulary(train_rows)} words -> {VOCABULARY_OUT.relative_to(ROOT)}")
    from rubrics.lean.tone import FEATURES

    exs = examples("train")
    print(f"{len(exs)} training targets in {len({e.group for e in exs})} articles")
    cv = cross_validate(exs)
    for c, m in cv.items():
        print(f"C={c:<5} CV macro-F1 {m['macro_f1']:.4f}  accuracy {m['accuracy']:.4f}")
    best = max(cv, key=lambda c: (round(cv[c]["macro_f1"], 4), -c))
    lexicon = learn_lexicon(exs)
    y = np.array([ex.label for ex in exs])
    model = fit(matrix(exs, lexicon), y, best)
    scaler, clf = model[0], model[-1]
    assert tuple(clf.classes_) == CLASSES
    spec = {
        "model": "multinomial logistic regression over standardised features (rubrics/lean/tone.py)",
        "trained_on": "NewsMTSC train (newsmtsc-train.jsonl, MIT), Hamborg & Donnay, EACL 2021",
        "trained": date.today().isoformat(),
        "targets": len(exs),
        "C": best,
        "cv": {"folds": FOLDS, "grouped_by": "article", "macro_f1": round(cv[best]["macro_f1"], 4),
               "accuracy": round(cv[best]["accuracy"], 4),
               "grid": {str(c): round(m["macro_f1"], 4) for c, m in cv.items()}},
        "classes": list(CLASSES),
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) if v > 0 else 1.0 for v in scaler.scale_],
        "coef": [[round(float(v), 6) for v in row] for row in clf.coef_],
        "intercept": [round(float(v), 6) for v in clf.intercept_],
        "lexicon_method": (f"general words in >= {MIN_COUNT} training sentences; [pol, subj, count]: add-one "
                           "smoothed log-odds positive/negative and polar/neutral; "
                           f"top {TOP_WORDS} by max(|pol|, |subj|) * sqrt(count)"),
        "lexicon": dict(sorted(lexicon.items())),
    }
    MODEL_OUT.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"C={best}: CV macro-F1 {cv[best]['macro_f1']:.4f}; {len(lexicon)} lexicon words -> "
          f"{MODEL_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
