"""Does the source ranking agree with independent raters of news outlets? (dev outlets, grouped CV)

    .venv/bin/python scripts/eval_sources.py [--jobs N] [--features CACHE.csv]

Scores ../shared/eval/sources/articles-dev.jsonl (42 outlets, 2,110 articles; title + text) once
and prints, for each way of scoring an outlet, the Spearman correlation over outlets with the
NewsGuard 2018 score, the MBFC factual-reporting level, the combined idiap label and the average
of their ranks (each over the outlets that have that rating):

- the source-quality model (scripts/source_quality.py) followed by the default profile's flag
  caps, as `sourcegauge rank` scores documents, cross-validated grouped by outlet: every outlet is
  scored by a model fitted without it (GroupKFold(6), five seeds, mean of the pooled figures;
  alpha chosen inside each training part);
- the same, with the outlets in the order `rank` prints them: by the lower bound of the source
  score's bootstrap interval rather than by the score itself;
- the same model before the flag caps (what the caps cost or bring);
- the shipped default model with the caps, applied to the outlets it was fitted on (in-sample);
- the equal-weight profile (today's weighted mean of rubric scores; no fitting);
- the mean article length (characters);
- a plain ridge over every feature and score of today's seven rubrics, same grouped CV.

Outlet scores are 10% trimmed means of the document scores, as `sourcegauge rank` computes them.
Exits 2 if ../shared is absent. tests/eval/test_gate_sources.py pins the figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import source_quality as sq  # noqa: E402
from train_quality import training_profile  # noqa: E402

TODAY = ("boilerplate", "spam", "sourcing", "hedging", "sentiment", "framing", "lean")
OURS = "source-quality model with flag caps (as `rank` scores), grouped CV"
IN_RANK_ORDER = "the same, outlets in `rank`'s order (lower bound of the 95% interval)"
BEFORE_CAPS = "the model alone, before flag caps, grouped CV"
SHIPPED = "shipped default model with flag caps, in-sample"
EQUAL = "equal-weight profile"
LENGTH = "mean article length"
PLAIN = "plain ridge, all of today's features, grouped CV"


def evaluate(table: pd.DataFrame, plain_ridge: bool = True) -> dict[str, dict[str, Any]]:
    """{row name: {"figures": {rating: (rho, n)}, ...}} for the rows described in the module docstring
    (the plain-ridge baseline, the slowest row, only when `plain_ridge`)."""
    from scoring.engine.profile import load_profile

    rated = sq.ratings()
    rows: dict[str, dict[str, Any]] = {}
    profile = load_profile("default")
    caps = sq.flag_caps(table, profile.flag_caps)
    ours = sq.grouped_cv(table, sq.CANDIDATES, rated, caps=caps)
    rows[OURS] = {"figures": ours["pooled"], "by_seed": ours["pooled_by_seed"],
                                                "folds": ours["folds"]}
    # The same held-out predictions, ordered as `rank` orders (one ranking over every outlet), and uncapped.
    by_seed, pooled = sq.pooled_figures(table, ours["predictions_by_seed"], rated, caps, sq.rank_lower_bounds)
    rows[IN_RANK_ORDER] = {"figures": pooled, "by_seed": by_seed}
    by_seed, pooled = sq.pooled_figures(table, ours["predictions_by_seed"], rated)
    rows[BEFORE_CAPS] = {"figures": pooled, "by_seed": by_seed}
    model = profile.model
    assert model is not None
    shipped = [c for c in sq.CANDIDATES if any(f.key == c.key for f in model.features)]
    by_key = {f.key: f for f in model.features}
    x = sq.design(table, shipped)
    fitted = sq.Fit(np.array([by_key[c.key].mean for c in shipped]), np.array([by_key[c.key].scale for c in shipped]),
                    np.array([by_key[c.key].coef for c in shipped]), model.intercept)
    rows[SHIPPED] = {
        "figures": sq.spearman(sq.source_scores(np.minimum(fitted.predict(x), caps), table["outlet"]), rated)}
    rows[EQUAL] = {"figures": sq.spearman(sq.source_scores(table["score"].to_numpy(),
                                                                            table["outlet"]), rated)}
    rows[LENGTH] = {"figures": sq.spearman(table.groupby("outlet")["chars"].mean(), rated)}
    if plain_ridge:
        plain = sq.grouped_cv(table, sq.plain_candidates(table, TODAY), rated, signed=False)
        rows[PLAIN] = {"figures": plain["pooled"], "by_seed": plain["pooled_by_seed"]}
    return rows


def capped_share(table: pd.DataFrame) -> str:
    """Which of the default profile's flag caps the dev articles raise, and where: professional
    outlets' articles are not spam, so a cap that fires often here measures something else."""
    from scoring.engine.profile import load_profile

    caps = load_profile("default").flag_caps
    flags = pd.Series(sq.article_flags(table), index=table.index)
    lines = [f"dev articles under a flag cap of the default profile: "
             f"{float(np.mean(sq.flag_caps(table, caps) < 1.0)):.1%}"]
    for flag, cap in caps.items():
        raised = flags.map(lambda fs, f=flag: f in fs)
        if raised.any():
            by_outlet = raised.groupby(table["outlet"]).mean().sort_values(ascending=False)
            top = ", ".join(f"{o} {v:.0%}" for o, v in by_outlet.head(4).items() if v > 0)
            lines.append(f"  {flag} (cap {cap:g}): {int(raised.sum())} articles ({raised.mean():.1%}); most: {top}")
    return "\n".join(lines) + "\n"


def markdown(rows: dict[str, dict[str, Any]]) -> str:
    columns = (*sq.RATINGS, "avg_rank")
    first = next(iter(rows.values()))["figures"]
    header = "| outlet score | " + " | ".join(f"{sq.RATING_NAMES[c]} (n={first[c][1]})" for c in columns) + " |"
    lines = [header, "|---|" + "---:|" * len(columns)]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{row['figures'][c][0]:+.3f}" for c in columns) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--features", type=Path, default=None, help="feature-table cache, as for train_quality.py")
    args = parser.parse_args()
    sq.need_shared()
    table = sq.cached_feature_table(training_profile(), args.jobs, args.features)
    rows = evaluate(table)
    print(f"Spearman over outlets, {table['outlet'].nunique()} dev outlets, {len(table)} articles "
          f"(source score: 10% trimmed mean of document scores)\n")
    print(markdown(rows))
    print(capped_share(table))
    for name in (OURS, IN_RANK_ORDER, BEFORE_CAPS, PLAIN):
        per_seed = ", ".join(f"{p['avg_rank'][0]:+.3f}" for p in rows[name]["by_seed"])
        print(f"{name}: average-rank Spearman per CV seed {list(sq.CV_SEEDS)}: {per_seed}")
    print("\nper fold (source-quality model; 7 outlets a fold, nan where a fold's outlets share one rating):")
    for fold in rows[OURS]["folds"]:
        print(f"  seed {fold['seed']} fold {fold['fold']} alpha {fold['alpha']:g}: "
              + "  ".join(f"{c} {fold[c]:+.2f}" for c in (*sq.RATINGS, "avg_rank")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
