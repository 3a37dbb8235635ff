"""The source-quality model's data, features and fitting, shared by train_quality.py and eval_sources.py.

Data: ../shared/eval/sources (articles of 42 news outlets with the outlets' NewsGuard 2018 score,
MBFC factual-reporting level and the combined idiap reliability label; "evaluation and fitting
only": read at run time, never copied). Every figure is a Spearman correlation over outlets,
computed over the outlets that have that rating.

Target. Per outlet, the mean over the ratings it has of its normalised rank among the outlets
((rank - 0.5) / n, ties averaged; 1 = best rated): the three raters use different scales and each
rates a different subset of outlets, and ranks put them on one footing without trusting any one
scale. Inside cross-validation the ranks are taken among the training outlets only.

Model. Ridge regression at the ARTICLE level (every article gets its outlet's target; each outlet
weighs 1 in total, so a big outlet does not dominate) over standardised features (z clipped to
+-CLIP; an unmeasured value is imputed at the mean, z = 0), with the SIGN of each coefficient fixed
by the literature (CANDIDATES: +1 = more of it reads as more reliable) and only its size fitted
(non-negative least squares on the ridge-augmented system). A feature the data would give the
other sign gets 0 and is left out of the shipped model, instead of learning a dev-set quirk.
The ridge strength is chosen by grouped cross-validation over outlets (an outlet's articles are
never on both sides). The source score is the trimmed mean of its articles' scores, as in
scoring.corpus.rank.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = SHARED / "eval" / "sources"
ARTICLES = SOURCES / "articles-dev.jsonl"
OUTLETS = SOURCES / "outlets-dev.jsonl"
TRAINING_NAME = "sources/articles-dev.jsonl + outlets-dev.jsonl (42 outlets, 2,110 articles)"

# The 2024 MBFC scrape's factual-reporting levels as an ordinal (it folds "mostly factual" into mixed).
MBFC_LEVELS = {"very low": 0, "low": 1, "mixed": 2, "mostly factual": 2, "high": 3, "very high": 4}
RATINGS = ("newsguard", "mbfc", "idiap")
RATING_NAMES = {"newsguard": "NewsGuard 2018 score", "mbfc": "MBFC factual level", "idiap": "idiap label",
                "avg_rank": "average rank"}

# Languages a measurement applies in with the scale fitted on English text: punctuation, length,
# numbers and quotation marks read the same in any script; lexicon counts and Latin-script
# measurements do not (a Chinese lexicon's density is not an English one's).
ANY_LANGUAGE = ("en", "zh", "mixed", "other")
ENGLISH = ("en",)


@dataclass(frozen=True)
class Candidate:
    rubric: str
    feature: str
    sign: int  # +1: more of it reads as more reliable in the literature; -1: less
    transform: str  # identity | log1p (counts and rates with long right tails)
    languages: tuple[str, ...]
    why: str

    @property
    def key(self) -> str:
        return f"{self.rubric}.{self.feature}"


CANDIDATES: tuple[Candidate, ...] = (
    Candidate("style", "title_words", -1, "identity", ENGLISH, "long titles pack claims (Horne & Adali 2017)"),
    Candidate("style", "title_function_share", +1, "identity", ENGLISH,
              "fake-news titles drop function words (Horne & Adali 2017)"),
    Candidate("style", "title_shouted_words", -1, "log1p", ENGLISH, "all-caps emphasis in titles (Horne & Adali)"),
    Candidate("style", "title_exclamation", -1, "identity", ANY_LANGUAGE, "exclamation in the title"),
    Candidate("style", "words", +1, "log1p", ANY_LANGUAGE, "unreliable bodies are shorter (Horne & Adali)"),
    Candidate("style", "word_length", +1, "identity", ENGLISH, "shorter, simpler words (Horne & Adali)"),
    Candidate("style", "mattr", +1, "identity", ENGLISH, "repetitive bodies, less lexical diversity (Horne & Adali)"),
    Candidate("style", "shouted_per_1k", -1, "log1p", ENGLISH, "all-caps emphasis in the body"),
    Candidate("style", "exclamations_per_1k", -1, "log1p", ANY_LANGUAGE, "exclamation marks"),
    Candidate("style", "question_share", -1, "identity", ANY_LANGUAGE, "rhetorical questions"),
    Candidate("style", "first_person_per_1k", -1, "log1p", ENGLISH, "first-person voice (Horne & Adali)"),
    Candidate("style", "second_person_per_1k", -1, "log1p", ENGLISH, "addressing the reader (Horne & Adali)"),
    Candidate("style", "subjective_share", -1, "identity", ENGLISH,
              "subjective words (Horne & Adali 2017; Baly et al. 2018), Pattern lexicon"),
    Candidate("style", "mean_subjectivity", -1, "identity", ENGLISH, "mean subjectivity of rated words (Pattern)"),
    Candidate("framing", "loaded_density", -1, "identity", ENGLISH, "loaded, evaluative language (Recasens 2013)"),
    Candidate("sentiment", "mean_compound", +1, "identity", ENGLISH, "negative tone (Horne & Adali; Baly 2018)"),
    Candidate("hedging", "hedge_density", +1, "identity", ENGLISH, "claims qualified rather than asserted"),
    Candidate("sourcing", "named_documents", +1, "log1p", ANY_LANGUAGE, "named reports and documents cited"),
    Candidate("sourcing", "data_points_per_1k_tokens", +1, "log1p", ANY_LANGUAGE, "figures and data given"),
    Candidate("sourcing", "quotes", +1, "log1p", ANY_LANGUAGE, "direct quotations of sources"),
)

CLIP = 3.0
ALPHAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
OUTER_FOLDS = 6
INNER_FOLDS = 5
INNER_REPEATS = 2  # inner splits averaged per alpha: one 5-fold split of ~35 outlets is a noisy judge
CV_SEEDS = (0, 1, 2, 3, 4)
SOURCE_TRIM = 0.1  # as scoring.corpus.rank.TRIM_SHARE


def need_shared() -> None:
    if not ARTICLES.exists() or not OUTLETS.exists():
        print(f"{SOURCES} not found: this script needs the shared evaluation data beside the repository",
              file=sys.stderr)
        raise SystemExit(2)


def ratings() -> pd.DataFrame:
    """One row per outlet: newsguard (0-100), mbfc (0-4), idiap (-1/0/1), NaN where not rated."""
    rows = [json.loads(line) for line in OUTLETS.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = pd.DataFrame({
        "outlet": [r["outlet"] for r in rows],
        "newsguard": [r.get("newsguard2018_score") for r in rows],
        "mbfc": [MBFC_LEVELS.get(r.get("mbfc_factual_reporting") or "") for r in rows],
        "idiap": [r.get("idiap_reliability_label") for r in rows],
    }).set_index("outlet").astype(float)
    table["avg_rank"] = rank_target(table, table.index)
    return table


def rank_target(table: pd.DataFrame, outlets: Sequence[str] | pd.Index) -> pd.Series:
    """Mean normalised rank over the available ratings, ranked among `outlets` only."""
    sub = table.loc[list(outlets), list(RATINGS)]
    ranks = pd.DataFrame({c: (sub[c].rank(method="average") - 0.5) / sub[c].notna().sum() for c in RATINGS})
    return ranks.mean(axis=1)


def spearman(values: pd.Series, table: pd.DataFrame) -> dict[str, tuple[float, int]]:
    """{rating: (Spearman rho, number of outlets)} over the outlets that have both."""
    from scipy.stats import spearmanr

    out: dict[str, tuple[float, int]] = {}
    for column in (*RATINGS, "avg_rank"):
        both = table[column].notna() & values.reindex(table.index).notna()
        x, y = values.reindex(table.index)[both], table[column][both]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a fold whose outlets share one rating has no correlation
            rho = float(spearmanr(x, y).statistic) if both.sum() >= 3 else math.nan
        out[column] = (rho, int(both.sum()))
    return out


def articles() -> Iterator[Any]:
    from scoring.core.document import Document

    with ARTICLES.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                yield Document(id=r["id"], text=r["text"], source=r["outlet"], url=r.get("url"),
                               title=r.get("title"))


def _row(item: Any) -> dict[str, Any]:
    """What the tables need from one scored article (runs in the worker processes)."""
    row: dict[str, Any] = {"id": item.doc.id, "outlet": item.doc.source, "lang": item.lang,
                           "chars": len(item.doc.text), "score": item.score, "flags": "|".join(item.flags)}
    for name, result in item.results.items():
        row[f"{name}.score"] = result.score
        for key, value in result.features.items():
            row[f"{name}.{key}"] = float(value)
    return row


def feature_table(profile: Any, jobs: int = 2) -> pd.DataFrame:
    """Every rubric feature of `profile` per dev article, with the article's document score."""
    from scoring.engine.pipeline import score_corpus

    return pd.DataFrame(list(score_corpus(articles(), profile, jobs=jobs, map_result=_row)))


def cached_feature_table(profile: Any, jobs: int, cache: Path | None) -> pd.DataFrame:
    if cache is not None and cache.exists():
        cached = pd.read_csv(cache)
        if "flags" in cached:  # a cache written before the flags were recorded is rebuilt
            return cached
    table = feature_table(profile, jobs)
    if cache is not None:
        table.to_csv(cache, index=False)
    return table


# --- the model ----------------------------------------------------------------------------------------

def design(table: pd.DataFrame, candidates: Sequence[Candidate]) -> np.ndarray:
    """Transformed feature values (NaN where a feature was not measured or not defined for the language)."""
    columns = []
    for c in candidates:
        values = table[c.key].astype(float).to_numpy() if c.key in table else np.full(len(table), np.nan)
        if c.transform == "log1p":
            values = np.log1p(np.clip(values, 0.0, None))
        values = np.where(table["lang"].isin(c.languages).to_numpy(), values, np.nan)
        columns.append(values)
    return np.column_stack(columns)


@dataclass
class Fit:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def z(self, x: np.ndarray) -> np.ndarray:
        filled = np.where(np.isnan(x), self.mean, x)
        return np.clip((filled - self.mean) / self.scale, -CLIP, CLIP)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.clip(self.intercept + self.z(x) @ self.coef, 0.0, 1.0)


def outlet_weights(outlets: pd.Series) -> np.ndarray:
    return (1.0 / outlets.map(outlets.value_counts())).to_numpy(dtype=float)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, signs: np.ndarray | None, alpha: float) -> Fit:
    """Sign-constrained weighted ridge (see module docstring); plain ridge when `signs` is None."""
    from scipy.optimize import nnls

    measured = ~np.isnan(x)
    mean = np.array([np.average(x[m, j], weights=w[m]) if m.any() else 0.0
                     for j, m in enumerate(measured.T)])
    filled = np.where(measured, x, mean)
    scale = np.sqrt(np.average((filled - mean) ** 2, axis=0, weights=w))
    scale[~(scale > 0)] = 1.0
    model = Fit(mean, scale, np.zeros(x.shape[1]), 0.0)
    z = model.z(x)
    z_mean = np.average(z, axis=0, weights=w)
    y_mean = float(np.average(y, weights=w))
    if signs is None:
        zc = z - z_mean
        gram = (zc * w[:, None]).T @ zc + alpha * np.eye(x.shape[1])
        model.coef = np.linalg.solve(gram, (zc * w[:, None]).T @ (y - y_mean))
    else:
        root_w = np.sqrt(w)[:, None]
        lhs = np.vstack([root_w * (z - z_mean) * signs, math.sqrt(alpha) * np.eye(x.shape[1])])
        rhs = np.concatenate([root_w[:, 0] * (y - y_mean), np.zeros(x.shape[1])])
        model.coef = nnls(lhs, rhs, maxiter=50 * x.shape[1])[0] * signs
    model.intercept = y_mean - float(z_mean @ model.coef)
    return model


def article_flags(table: pd.DataFrame) -> list[list[str]]:
    """Per article, the flags it raised (the table's `flags` column, written by _row)."""
    return [[f for f in flags.split("|") if f] for flags in table["flags"].fillna("").astype(str)]


def flag_caps(table: pd.DataFrame, caps: Mapping[str, float]) -> np.ndarray:
    """Per article, the lowest of a profile's flag caps among the flags it raised (1.0 for none): what
    scoring.engine.aggregate applies after the model, so that the evaluation ranks outlets as
    `sourcegauge rank` does."""
    from scoring.engine.aggregate import lowest_cap

    lowest = [lowest_cap(flags, caps)[1] for flags in article_flags(table)]
    return np.array([1.0 if cap is None else cap for cap in lowest])


def source_scores(pred: np.ndarray, outlets: pd.Series) -> pd.Series:
    """Each outlet's trimmed mean of its articles' predictions, indexed by outlet name (sorted)."""
    from scoring.corpus.rank import trimmed_mean

    names, codes = np.unique(outlets.to_numpy(dtype=str), return_inverse=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    return pd.Series([trimmed_mean(np.sort(pred[order[a:b]]), SOURCE_TRIM)
                      for a, b in zip(bounds[:-1], bounds[1:], strict=True)], index=pd.Index(names, name=outlets.name), dtype=float)


def rank_lower_bounds(pred: np.ndarray, outlets: pd.Series) -> pd.Series:
    """Each outlet's lower bound of its source-score interval, from scoring.corpus.rank: `rank` orders
    sources by it, so its Spearman with a rating is that of the order `rank` prints."""
    from scoring.corpus.rank import rank_sources

    records = [{"source": s, "score": float(p)} for s, p in zip(outlets.to_numpy(dtype=str), pred, strict=True)]
    ranked = rank_sources(records, min_documents=1)
    return pd.Series({r.source: r.ci_low for r in ranked}, dtype=float).sort_index()


@dataclass(frozen=True)
class TrainingPart:
    """The articles of some training outlets with their targets and weights: built once per split and
    reused for every ridge strength tried on it (the CV's thousands of fits spent most of their time
    re-deriving these with pandas)."""

    rows: np.ndarray  # boolean mask over the table's articles
    target: np.ndarray
    weight: np.ndarray

    def fit(self, x: np.ndarray, signs: np.ndarray | None, alpha: float) -> Fit:
        return fit(x[self.rows], self.target, self.weight, signs, alpha)


def training_part(table: pd.DataFrame, rated: pd.DataFrame, train: Sequence[str]) -> TrainingPart:
    rows = table["outlet"].isin(train).to_numpy()
    outlets = table.loc[rows, "outlet"]
    return TrainingPart(rows, outlets.map(rank_target(rated, train)).to_numpy(), outlet_weights(outlets))


def fit_outlets(table: pd.DataFrame, x: np.ndarray, rated: pd.DataFrame, train: Sequence[str],
                signs: np.ndarray | None, alpha: float) -> Fit:
    return training_part(table, rated, train).fit(x, signs, alpha)


def choose_alpha(table: pd.DataFrame, x: np.ndarray, rated: pd.DataFrame, outlets: Sequence[str],
                 signs: np.ndarray | None, seed: int) -> tuple[float, dict[float, float]]:
    """The ridge strength whose inner grouped CV gives the best Spearman against the target."""
    from scipy.stats import spearmanr
    from sklearn.model_selection import GroupKFold

    names = np.array(sorted(outlets))
    target = rank_target(rated, names)
    rhos: dict[float, list[float]] = {alpha: [] for alpha in ALPHAS}
    for r in range(INNER_REPEATS):
        parts: dict[float, list[pd.Series]] = {alpha: [] for alpha in ALPHAS}
        for train, test in GroupKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=seed + r).split(
                names, groups=names):
            part = training_part(table, rated, names[train])
            rows = table["outlet"].isin(names[test]).to_numpy()
            held_out = table.loc[rows, "outlet"]
            for alpha in ALPHAS:
                parts[alpha].append(source_scores(part.fit(x, signs, alpha).predict(x[rows]), held_out))
        for alpha in ALPHAS:
            pooled = pd.concat(parts[alpha])
            rhos[alpha].append(float(spearmanr(pooled, target.reindex(pooled.index)).statistic))
    found = {alpha: float(np.mean(rhos[alpha])) for alpha in ALPHAS}
    best = max(ALPHAS, key=lambda a: (round(found[a], 6), a))  # ties: the stronger regularisation
    return best, found


def grouped_cv(table: pd.DataFrame, candidates: Sequence[Candidate], rated: pd.DataFrame,
               seeds: Sequence[int] = CV_SEEDS, signed: bool = True, caps: np.ndarray | None = None) -> dict[str, Any]:
    """Outer GroupKFold by outlet (one run per seed), alpha chosen inside each training part; `caps`
    (per article, see flag_caps) caps the held-out predictions as the profile's flag caps do.

    Returns per-fold figures, the pooled figures per seed (every outlet predicted by a model that
    never saw it) and their mean, every fold's coefficients (for the sign/stability check) and, per
    seed, every article's held-out prediction before the caps (for `pooled_figures`).
    """
    from sklearn.model_selection import GroupKFold

    x = design(table, candidates)
    signs = np.array([c.sign for c in candidates], dtype=float) if signed else None
    names = np.array(sorted(table["outlet"].unique()))
    folds: list[dict[str, Any]] = []
    predictions: list[np.ndarray] = []
    coefs: list[np.ndarray] = []
    for seed in seeds:
        held_out = np.full(len(table), np.nan)
        splitter = GroupKFold(n_splits=OUTER_FOLDS, shuffle=True, random_state=seed)
        for k, (train, test) in enumerate(splitter.split(names, groups=names)):
            alpha, _ = choose_alpha(table, x, rated, names[train], signs, seed + 1000 * (k + 1))
            model = fit_outlets(table, x, rated, names[train], signs, alpha)
            coefs.append(model.coef)
            rows = table["outlet"].isin(names[test]).to_numpy()
            held_out[rows] = model.predict(x[rows])
            pred = held_out[rows] if caps is None else np.minimum(held_out[rows], caps[rows])
            scores = source_scores(pred, table.loc[rows, "outlet"])
            folds.append({"seed": seed, "fold": k, "alpha": alpha, "outlets": len(scores),
                          **{c: v[0] for c, v in spearman(scores, rated.loc[scores.index]).items()}})
        predictions.append(held_out)
    by_seed, pooled = pooled_figures(table, predictions, rated, caps)
    return {"folds": folds, "pooled_by_seed": by_seed, "pooled": pooled, "coefs": np.array(coefs),
            "predictions_by_seed": predictions}


def pooled_figures(table: pd.DataFrame, predictions: Sequence[np.ndarray], rated: pd.DataFrame,
                   caps: np.ndarray | None = None,
                   outlet_score: Callable[[np.ndarray, pd.Series], pd.Series] | None = None,
                   ) -> tuple[list[dict[str, tuple[float, int]]], dict[str, tuple[float, int]]]:
    """Spearman figures of held-out predictions (one array per CV seed): per seed, and their mean.
    `caps` caps the predictions first; `outlet_score` turns them into outlet values (default
    source_scores; rank_lower_bounds orders the outlets as `sourcegauge rank` does)."""
    by_seed = []
    for held_out in predictions:
        pred = held_out if caps is None else np.minimum(held_out, caps)
        by_seed.append(spearman((outlet_score or source_scores)(pred, table["outlet"]), rated))
    pooled = {c: (float(np.mean([p[c][0] for p in by_seed])), by_seed[0][c][1]) for c in by_seed[0]}
    return by_seed, pooled


def plain_candidates(table: pd.DataFrame, rubrics: Sequence[str]) -> list[Candidate]:
    """Every numeric feature (and rubric score) of `rubrics` as an unsigned candidate (the baseline)."""
    out = []
    for column in table.columns:
        rubric, _, feature = column.partition(".")
        if rubric in rubrics and feature and table[column].std() > 0:
            out.append(Candidate(rubric, feature, 0, "identity", ANY_LANGUAGE, "baseline"))
    return out


def format_figures(figures: dict[str, tuple[float, int]]) -> str:
    return "  ".join(f"{RATING_NAMES[c]} {v[0]:+.3f} (n={v[1]})" for c, v in figures.items())
