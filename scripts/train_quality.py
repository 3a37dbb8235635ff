"""Fit the source-quality model of the `default` profile on the dev outlets; write its JSON.

    .venv/bin/python scripts/train_quality.py [--jobs N] [--output FILE]

Scores ../shared/eval/sources/articles-dev.jsonl (title + text) with the rubrics of the
`equal-weight` profile plus `style`, fits the sign-constrained ridge of scripts/source_quality.py
(target: each outlet's mean normalised rank over its NewsGuard, MBFC and idiap ratings), prints the
grouped cross-validation by outlet (per fold and pooled, against each rating and the average rank)
and the stability of every coefficient across folds, and writes scoring/profiles/
default_quality_model.json: features (rubric, feature, transform, mean, scale, coef, languages),
intercept, clip, training data and CV figures. Features whose fitted coefficient is 0 (the data want
the other sign than the literature gives, or nothing) are left out of the file and listed.

Deterministic (fixed CV seeds, no sampling) and cheap: one scoring pass of 2,110 articles, then
a few hundred small least-squares fits. Exits 2 if ../shared is absent. Retrain after any change
to the rubrics it reads; then re-pin tests/eval/test_gate_sources.py from eval_sources.py's output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import source_quality as sq  # noqa: E402

MODEL_FILE = sq.REPO / "scoring" / "profiles" / "default_quality_model.json"


def training_profile():  # type: ignore[no-untyped-def]
    """Today's rubrics (the equal-weight profile) plus every rubric a candidate feature reads."""
    from scoring.engine.profile import load_profile

    base = load_profile("equal-weight")
    extra = [c.rubric for c in sq.CANDIDATES if c.rubric not in base.rubrics]
    return base.restricted_to([*base.rubrics, *dict.fromkeys(extra)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--features", type=Path, default=None,
                        help="feature-table cache (CSV, keep it outside the repository: it is derived from the "
                             "articles): read if it exists, else computed and written; for refitting without "
                             "rescoring while the rubrics do not change")
    args = parser.parse_args()
    sq.need_shared()
    sys.path.insert(0, str(sq.REPO))
    profile = training_profile()
    rated = sq.ratings()
    table = sq.cached_feature_table(profile, args.jobs, args.features)
    candidates = sq.CANDIDATES
    print(f"{len(table)} articles, {table['outlet'].nunique()} outlets; ratings: "
          + ", ".join(f"{sq.RATING_NAMES[c]} {int(rated[c].notna().sum())}" for c in sq.RATINGS))

    from scoring.engine.profile import load_profile

    # Held-out predictions capped as the default profile's flag caps cap them: the figures are the
    # ranking `sourcegauge rank` gives, not the model's alone (those are recorded beside them).
    caps = sq.flag_caps(table, load_profile("default").flag_caps)
    cv = sq.grouped_cv(table, candidates, rated, caps=caps)
    _, before_caps = sq.pooled_figures(table, cv["predictions_by_seed"], rated)
    print(f"\ngrouped CV by outlet ({sq.OUTER_FOLDS} folds x seeds {list(sq.CV_SEEDS)}; alpha by inner "
          f"{sq.INNER_FOLDS}-fold CV on the training outlets):")
    for row in cv["folds"]:
        print(f"  seed {row['seed']} fold {row['fold']} ({row['outlets']} outlets, alpha {row['alpha']:g}): "
              + "  ".join(f"{c} {row[c]:+.2f}" for c in (*sq.RATINGS, "avg_rank")))
    for seed, pooled in zip(sq.CV_SEEDS, cv["pooled_by_seed"], strict=True):
        print(f"  pooled, seed {seed}: {sq.format_figures(pooled)}")
    print(f"  pooled, mean over seeds: {sq.format_figures(cv['pooled'])}")
    print(f"  the model alone, before the flag caps: {sq.format_figures(before_caps)}")

    x = sq.design(table, candidates)
    signs = np.array([c.sign for c in candidates], dtype=float)
    names = sorted(table["outlet"].unique())
    alpha, by_alpha = sq.choose_alpha(table, x, rated, names, signs, seed=0)
    model = sq.fit_outlets(table, x, rated, names, signs, alpha)
    coefs = cv["coefs"]
    print(f"\nfinal fit on all {len(names)} outlets, alpha {alpha:g} (inner CV: "
          + ", ".join(f"{a:g}: {v:+.3f}" for a, v in by_alpha.items()) + ")")
    print(f"  {'feature':40s} {'coef':>8s} {'CV folds: nonzero':>18s} {'min':>8s} {'max':>8s}")
    kept, dropped = [], []
    for j, c in enumerate(candidates):
        column = coefs[:, j]
        print(f"  {c.key:40s} {model.coef[j]:+8.4f} {np.mean(column != 0):17.0%} {column.min():+8.4f} "
              f"{column.max():+8.4f}")
        (kept if model.coef[j] != 0 else dropped).append(j)

    from scoring.engine.model import SCHEMA

    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    trained = (dt.datetime.fromtimestamp(int(stamp), dt.UTC) if stamp else dt.datetime.now(dt.UTC)).date()
    document = {
        "schema": SCHEMA,
        "description": "Source-quality document score: sign-constrained ridge over standardised writing-style, "
                       "framing, sentiment, hedging and sourcing features (see docs/ranking-and-audit.md).",
        "intercept": round(model.intercept, 6),
        "clip": sq.CLIP,
        "features": [{
            "rubric": candidates[j].rubric, "feature": candidates[j].feature,
            "transform": candidates[j].transform, "mean": round(float(model.mean[j]), 6),
            "scale": round(float(model.scale[j]), 6), "coef": round(float(model.coef[j]), 6),
            "languages": list(candidates[j].languages), "why": candidates[j].why,
        } for j in kept],
        "training": {
            "data": sq.TRAINING_NAME, "trained": trained.isoformat(), "script": "scripts/train_quality.py",
            "target": "outlet's mean normalised rank over NewsGuard 2018, MBFC factual (2024) and idiap label",
            "alpha": alpha, "rubric_versions": {name: _version(name) for name in profile.rubrics},
            "dropped_features": {candidates[j].key: "fitted coefficient 0: the data do not support the "
                                 "literature's sign" for j in dropped},
        },
        "cv": {
            "method": f"GroupKFold({sq.OUTER_FOLDS}) by outlet, seeds {list(sq.CV_SEEDS)}, alpha by inner "
                      f"GroupKFold({sq.INNER_FOLDS}); held-out document scores capped by the default profile's "
                      f"flag caps; source score = {sq.SOURCE_TRIM:.0%} trimmed mean",
            "pooled_spearman": {c: {"rho": round(v[0], 4), "outlets": v[1]} for c, v in cv["pooled"].items()},
            "pooled_spearman_by_seed": [{c: round(v[0], 4) for c, v in p.items()} for p in cv["pooled_by_seed"]],
            "pooled_spearman_before_flag_caps": {c: round(v[0], 4) for c, v in before_caps.items()},
        },
    }
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output} ({len(kept)} features; dropped: {', '.join(candidates[j].key for j in dropped) or '-'})")
    return 0


def _version(name: str) -> str:
    from scoring.engine.registry import rubric_class

    return str(rubric_class(name).version)


if __name__ == "__main__":
    sys.exit(main())
