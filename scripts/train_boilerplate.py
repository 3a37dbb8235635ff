"""Train the boilerplate line model and write rubrics/data/boilerplate_model.json.

Trains ONLY on the datasets of ../shared/eval/boilerplate/dev.jsonl whose licence allows it
(`aeb`: MIT, `readability`: Apache-2.0; see that folder's README). dragnet (AGPL),
page-signal (research only) and the CleanEval sets (no licence stated) are evaluation only.
`zh-dev.jsonl` (MIT) could be trained on too but is kept out: adding it gained nothing in a
5-fold cross-validation over its pages (F1 0.827, against 0.834 with it held out), so it stays
an untouched test of the Chinese features. Features come from exactly the code path the rubric
runs (`classify.training_rows`). Units (lines, or hard-wrapped paragraphs) are weighted by their
length, because the rubric is judged by characters. Prints a 5-fold cross-validation grouped by
page on the training sets.

    .venv/bin/python scripts/train_boilerplate.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rubrics.boilerplate.classify import training_rows  # noqa: E402
from rubrics.boilerplate.features import MODEL_FEATURES  # noqa: E402
from rubrics.boilerplate.model import MODEL_FILE, TRAINED_ON  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "boilerplate" / "dev.jsonl"
OUT = ROOT / "rubrics" / "data" / MODEL_FILE
C = 1.0


def page_rows(page: dict) -> tuple[list[list[float]], list[int], list[int]] | None:
    """Feature rows, gold labels and character weights of the units the model sees on a page
    (`classify.training_rows`). A unit of several lines (a hard-wrapped paragraph) takes the
    label that covers most of its characters."""
    lines = page["lines"]
    seg = Segmented(Document(id=page["id"], text="\n".join(text for text, _ in lines)))
    if len(seg.lines) != len(lines):
        return None  # a line the segmenter splits differently: skip rather than misalign
    rows, units, weights = training_rows(seg)
    gold = []
    for unit in units:
        boiler = sum(len(lines[k][0]) for k in unit if lines[k][1])
        gold.append(int(2 * boiler > sum(len(lines[k][0]) for k in unit)))
    return rows, gold, weights


def main() -> None:
    if not DATA.exists():
        sys.exit(f"{DATA} not found: training reads ../shared/eval/boilerplate/dev.jsonl next to the repo")
    X: list[list[float]] = []
    y: list[int] = []
    w: list[int] = []
    groups: list[int] = []
    for n, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()):
        page = json.loads(line)
        if page["dataset"] not in TRAINED_ON:
            continue
        got = page_rows(page)
        if got is None:
            continue
        X += got[0]
        y += got[1]
        w += got[2]
        groups += [n] * len(got[1])
    Xa, ya, wa = np.array(X), np.array(y), np.array(w, dtype=float)
    f1s = []
    for train, test in GroupKFold(n_splits=5).split(Xa, ya, groups):
        scaler = StandardScaler().fit(Xa[train])
        clf = LogisticRegression(C=C, max_iter=5000).fit(scaler.transform(Xa[train]), ya[train],
                                                         sample_weight=wa[train])
        pred = clf.predict(scaler.transform(Xa[test])) == 1
        gold = ya[test] == 1
        tp, fp, fn = (wa[test] * (pred & gold)).sum(), (wa[test] * (pred & ~gold)).sum(), (wa[test] * (~pred & gold)).sum()
        f1s.append(2 * tp / (2 * tp + fp + fn))
    print(f"| model | training pages | lines | grouped 5-fold F1 (boilerplate, by chars) |\n|---|---|---|---|\n"
          f"| logistic regression, {len(MODEL_FEATURES)} features | {len(set(groups))} "
          f"({', '.join(sorted(TRAINED_ON))}) | {len(ya)} | {np.mean(f1s):.3f} |")
    scaler = StandardScaler().fit(Xa)
    clf = LogisticRegression(C=C, max_iter=5000).fit(scaler.transform(Xa), ya, sample_weight=wa)
    model = {
        "about": "Boilerplate line model (rubrics/boilerplate_model.py), trained by scripts/train_boilerplate.py "
                 f"on {sorted(TRAINED_ON)} pages of ../shared/eval/boilerplate/dev.jsonl; features standardised.",
        "features": list(MODEL_FEATURES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
    }
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
