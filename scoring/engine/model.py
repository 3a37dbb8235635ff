"""Fitted document-score models: a transparent linear model over named rubric features (JSON).

A profile may name a model file (`model = "quality_model.json"`, relative to the profile's own
folder). The document score is then the model's output instead of the weighted mean of rubric
scores (flag caps still apply after it):

    x_i  = the feature's value, log1p(max(0, value)) when its transform is "log1p"
    z_i  = clip((x_i - mean_i) / scale_i, -clip, +clip)
    c_i  = coef_i * z_i                                   the feature's contribution
    base = clip(intercept + sum_i c_i, 0, 1)

A feature counts as measured only when its rubric produced a result, the result holds the
feature as a finite number, and the document's language is one of the feature's `languages`
(a measurement whose scale was fitted on English text is not applied to Chinese text). An
unmeasured feature is imputed at its training mean, i.e. z_i = 0 and a contribution of 0, so a
Chinese or mixed document is scored by the features defined for its language and never gets NaN.
No model feature measured at all (every rubric it reads failed): the score is None.

File format (`schema` "sourcegauge.quality-model/1"):

    {"schema": ..., "intercept": float, "clip": float > 0,
     "features": [{"rubric", "feature", "transform": "identity"|"log1p", "mean", "scale" > 0,
                   "coef", "languages": ["en", ...]}, ...],
     "training": {...}, "cv": {...}}          (provenance and figures, carried, not interpreted)

`load_model` validates all of it and raises ModelError naming the file and the entry; the
profile turns that into a ProfileError (exit 2 on the command line).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.core.result import RubricResult

SCHEMA = "sourcegauge.quality-model/1"
TRANSFORMS = ("identity", "log1p")


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file and the offending entry."""


@dataclass(frozen=True)
class ModelFeature:
    rubric: str
    feature: str
    transform: str
    mean: float
    scale: float
    coef: float
    languages: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.rubric}.{self.feature}"

    def contribution(self, value: float, clip: float) -> float:
        x = math.log1p(max(0.0, value)) if self.transform == "log1p" else value
        z = (x - self.mean) / self.scale
        return self.coef * min(clip, max(-clip, z))


@dataclass(frozen=True)
class QualityModel:
    features: tuple[ModelFeature, ...]
    intercept: float
    clip: float
    path: str = "<memory>"
    digest: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def rubrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rubric for f in self.features))

    def apply(self, results: Mapping[str, RubricResult], lang: str) -> tuple[float | None, dict[str, float]]:
        """(base score, contribution per "rubric.feature"); base None when nothing was measured."""
        contributions: dict[str, float] = {}
        measured = False
        for feature in self.features:
            part = 0.0
            result = results.get(feature.rubric)
            if result is not None:
                measured = True
                value = result.features.get(feature.feature)
                if (lang in feature.languages and isinstance(value, (int, float)) and not isinstance(value, bool)
                        and math.isfinite(value)):
                    part = feature.contribution(float(value), self.clip)
            contributions[feature.key] = part
        if not measured:
            return None, {}
        base = min(1.0, max(0.0, self.intercept + sum(contributions.values())))
        return base, contributions


def load_model(path: Path) -> QualityModel:
    """Read and validate a model file (see module docstring); ModelError names what is wrong."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{where}: cannot read model file: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ModelError(f"{where}: a model file holds one JSON object")
    if data.get("schema") != SCHEMA:
        raise ModelError(f"{where}: schema must be {SCHEMA!r}, got {data.get('schema')!r}")
    intercept = _number(data, "intercept", where)
    clip = _number(data, "clip", where)
    if clip <= 0:
        raise ModelError(f"{where}: clip must be > 0, got {clip}")
    entries = data.get("features")
    if not isinstance(entries, list) or not entries:
        raise ModelError(f"{where}: features must be a non-empty list")
    features: list[ModelFeature] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        at = f"{where}: features[{i}]"
        if not isinstance(entry, dict):
            raise ModelError(f"{at}: must be an object")
        names = [entry.get("rubric"), entry.get("feature")]
        if not all(isinstance(n, str) and n for n in names):
            raise ModelError(f"{at}: rubric and feature must be non-empty strings")
        transform = entry.get("transform", "identity")
        if transform not in TRANSFORMS:
            raise ModelError(f"{at}: transform must be one of {', '.join(TRANSFORMS)}, got {transform!r}")
        languages = entry.get("languages")
        if (not isinstance(languages, list) or not languages
                or not all(isinstance(lang, str) and lang for lang in languages)):
            raise ModelError(f"{at}: languages must be a non-empty list of language codes")
        scale = _number(entry, "scale", at)
        if scale <= 0:
            raise ModelError(f"{at}: scale must be > 0, got {scale}")
        feature = ModelFeature(names[0], names[1], transform, _number(entry, "mean", at), scale,
                               _number(entry, "coef", at), tuple(languages))
        if feature.key in seen:
            raise ModelError(f"{at}: {feature.key} is listed twice")
        seen.add(feature.key)
        features.append(feature)
    metadata = {k: data[k] for k in ("training", "cv") if k in data}
    return QualityModel(tuple(features), intercept, clip, where, "sha256:" + hashlib.sha256(raw).hexdigest(),
                        metadata)


def _number(table: Mapping[str, Any], key: str, where: str) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ModelError(f"{where}: {key} must be a finite number, got {value!r}")
    return float(value)
