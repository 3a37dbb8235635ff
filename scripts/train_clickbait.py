"""Train the clickbait headline model and write rubrics/data/clickbait_model.json.

Data: ../shared/eval/clickbait/dev.jsonl (Chakraborty, Paranjape, Kakarla & Ganguly, "Stop
Clickbait", ASONAM 2016; MIT licence, so training is allowed). Prints 5-fold cross-validated
accuracy and F1 of exactly the pipeline that is shipped.

    .venv/bin/python scripts/train_clickbait.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline, make_union

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rubrics.spam.clickbait import CHAR_NGRAMS, MODEL_FILE, WORD_NGRAMS, WORD_TOKEN  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "eval" / "clickbait" / "dev.jsonl"
OUT = ROOT / "rubrics" / "data" / MODEL_FILE
C = 10.0
SEED = 0


def load() -> tuple[list[str], np.ndarray]:
    if not DATA.exists():
        sys.exit(f"{DATA} not found: the clickbait headlines live in ../shared/eval/clickbait/ next to the repo")
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


def pipeline() -> Pipeline:
    # lowercase=True on both: capitalisation is the data set's confound, not a clickbait cue.
    features = make_union(
        TfidfVectorizer(lowercase=True, token_pattern=WORD_TOKEN, ngram_range=WORD_NGRAMS,
                        min_df=2, sublinear_tf=True),
        TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=CHAR_NGRAMS,
                        min_df=3, sublinear_tf=True),
    )
    return Pipeline([("features", features), ("clf", LogisticRegression(C=C, max_iter=3000))])


def cross_validation(texts: list[str], labels: np.ndarray) -> dict[str, float]:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    cv = cross_validate(pipeline(), texts, labels, cv=folds, scoring=["accuracy", "f1"])
    return {"accuracy": float(cv["test_accuracy"].mean()), "f1": float(cv["test_f1"].mean())}


def export(model: Pipeline) -> dict[str, object]:
    word_vec, char_vec = (t for _, t in model.named_steps["features"].transformer_list)
    coef = model.named_steps["clf"].coef_[0]
    offset = len(word_vec.vocabulary_)

    def table(vec: TfidfVectorizer, base: int) -> dict[str, list[float]]:
        return {
            term: [round(float(vec.idf_[j]), 6), round(float(coef[base + j]), 6)]
            for term, j in sorted(vec.vocabulary_.items())
        }

    return {
        "about": "Clickbait headline classifier (see rubrics/clickbait.py). Trained by "
        "scripts/train_clickbait.py on Chakraborty et al. 2016 headlines (MIT).",
        "intercept": round(float(model.named_steps["clf"].intercept_[0]), 6),
        "word": table(word_vec, 0),
        "char": table(char_vec, offset),
    }


def diffable_json(obj: dict[str, object]) -> str:
    """JSON with one vocabulary entry per line, so that a retrained model diffs readably."""
    parts = []
    for key, value in obj.items():
        if isinstance(value, dict) and key in ("word", "char"):
            entries = ",\n".join(f"  {json.dumps(t, ensure_ascii=False)}: {json.dumps(v)}" for t, v in value.items())
            parts.append(f"{json.dumps(key)}: {{\n{entries}\n}}")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> None:
    texts, labels = load()
    scores = cross_validation(texts, labels)
    print("| model | rows | 5-fold accuracy | 5-fold F1 |\n|---|---|---|---|")
    print(f"| clickbait (lower-cased word 1-2 + char_wb 2-4, LR C={C}) | {len(texts)} "
          f"| {scores['accuracy']:.4f} | {scores['f1']:.4f} |")
    model = pipeline().fit(texts, labels)
    exported = export(model)
    exported["cv"] = {k: round(v, 4) for k, v in scores.items()}
    OUT.write_text(diffable_json(exported), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
