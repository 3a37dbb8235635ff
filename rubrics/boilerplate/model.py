"""The trained line model of the boilerplate rubric: standardised features, logistic
regression, read from rubrics/data/boilerplate_model.json (written by
scripts/train_boilerplate.py; coefficients as JSON, never a pickle)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rubrics.boilerplate.features import MODEL_FEATURES
from rubrics.common.data import data_json

MODEL_FILE = "boilerplate_model.json"
# Datasets of ../shared/eval/boilerplate whose licence allows training (eval README: aeb is
# MIT, readability Apache-2.0); the others are evaluation only.
TRAINED_ON: frozenset[str] = frozenset({"aeb", "readability"})


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    raw = data_json(MODEL_FILE)
    if tuple(raw["features"]) != MODEL_FEATURES:
        raise ValueError(f"{MODEL_FILE} was trained on other features; rerun scripts/train_boilerplate.py")
    weights = [c / s for c, s in zip(raw["coef"], raw["scale"], strict=True)]
    bias = raw["intercept"] - sum(w * m for w, m in zip(weights, raw["mean"], strict=True))
    return {"weights": weights, "bias": bias}


def boilerplate_probabilities(rows: Sequence[Sequence[float]]) -> list[float]:
    """P(boilerplate) for each feature row."""
    model = _model()
    weights, bias = model["weights"], model["bias"]
    out = []
    for row in rows:
        z = bias + sum(w * x for w, x in zip(weights, row, strict=True))
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0)
    return out
