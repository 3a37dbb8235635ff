"""Profiles: which rubrics run, how their scores combine, which flags cap the result.

A profile is a TOML file (built-ins in scoring/profiles/: `default`, `strict`,
`editorial-audit`; or any user file). Its content hash and every rubric's name and version
go into every output record, so a result can be reproduced.

Tables (anything else is an error naming the key, so a typo cannot be ignored silently):

    name, description        strings
    [rubrics]                rubric = weight (finite, in [0, 1000]; at least one > 0); only these run
    [flag_caps]              flag = cap in [0, 1]; a document with the flag scores at most the cap
    [thresholds]             rubric = minimum score in [0, 1] (used by the gate)
    [params.<rubric>]        keyword parameters for that rubric's constructor, checked against the
                             rubric's `parameter_constraints`; relative file paths resolve against
                             the profile's own folder, and the files' contents enter the hash
    [gate]                   gate settings, interpreted by scoring.gate.gate
    model                    a fitted document-score model (JSON, scoring.engine.model), path relative
                             to the profile's folder; validated at load (every feature must be one a
                             rubric of [rubrics] declares in `feature_names`), and its content enters
                             the hash. With a model the [rubrics] weights only choose what runs.

How the document score is computed from these is documented in scoring.engine.aggregate.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from scoring.core.params import Constraint, FilePath, NoneOr, parameter_problems
from scoring.engine.model import ModelError, QualityModel, load_model
from scoring.engine.registry import available_rubrics, rubric_class

BUILTIN_PROFILES_PACKAGE = "scoring"
MAX_WEIGHT = 1000.0


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the offending key."""


@dataclass(frozen=True)
class Profile:
    name: str
    weights: dict[str, float]
    flag_caps: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Gate settings ([gate] table); validated and interpreted by scoring.gate.gate.
    gate: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    source: str = "<memory>"
    # sha256 of every file a parameter names ("rubric.param" -> digest): the hash covers what the
    # files say, not where they happen to be on this machine.
    file_digests: dict[str, str] = field(default_factory=dict)
    # The fitted document-score model, when the profile names one (else the weighted mean).
    model: QualityModel | None = None

    @property
    def rubrics(self) -> tuple[str, ...]:
        return tuple(self.weights)

    @property
    def hash(self) -> str:
        params = {rubric: {key: self.file_digests.get(f"{rubric}.{key}", value) for key, value in table.items()}
                  for rubric, table in self.params.items()}
        canonical = json.dumps(
            {"weights": self.weights, "flag_caps": self.flag_caps, "thresholds": self.thresholds,
             "params": params, "gate": self.gate, "model": self.model.digest if self.model else None},
            sort_keys=True,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def identity(self) -> dict[str, str]:
        """What every output carries to say which profile produced it."""
        return {"name": self.name, "hash": self.hash, "source": self.source}

    def adding(self, name: str, weight: float = 0.0) -> Profile:
        """The same profile also running rubric `name` at `weight`; at 0 (the default) it adds its
        measurements and flags to every record without changing a document's score. Unchanged when
        the profile already runs it."""
        if name in self.weights:
            return self
        if name not in available_rubrics():
            raise ProfileError(f"{self.source}: cannot add rubric {name!r}: not installed")
        return replace(self, name=f"{self.name}+{name}", weights={**self.weights, name: float(weight)})

    def restricted_to(self, names: list[str]) -> Profile:
        """The same profile running only `names` (weights kept; unknown names get weight 1).

        The model is kept when every rubric it reads still runs; otherwise the restricted profile
        scores by the weighted mean of the rubrics asked for (its hash says so: no model digest).
        """
        model = self.model if self.model and set(self.model.rubrics) <= set(names) else None
        return Profile(
            name=self.name,
            weights={n: self.weights.get(n, 1.0) for n in names},
            flag_caps=self.flag_caps,
            thresholds={k: v for k, v in self.thresholds.items() if k in names},
            params={k: v for k, v in self.params.items() if k in names},
            gate=self.gate,
            description=self.description,
            source=self.source,
            file_digests={k: v for k, v in self.file_digests.items() if k.partition(".")[0] in names},
            model=model,
        )


def as_profile(profile: Profile | str | Path, rubrics: Iterable[str] | None = None) -> Profile:
    """The one place a profile argument is coerced: a Profile as given, or a built-in name or
    TOML path loaded; restricted to `rubrics` when given."""
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    return prof.restricted_to(list(rubrics)) if rubrics is not None else prof


def builtin_profiles() -> list[str]:
    folder = files(BUILTIN_PROFILES_PACKAGE).joinpath("profiles")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(name_or_path: str | Path = "default") -> Profile:
    """Load a built-in profile by name or a user profile from a TOML file."""
    text_source = str(name_or_path)
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(f"{path}: cannot read profile: {exc.strerror or exc}") from None
    else:
        if text_source not in builtin_profiles():
            raise ProfileError(
                f"unknown profile {text_source!r}; built-in profiles: {', '.join(builtin_profiles())}, "
                "or pass a path to a .toml file"
            )
        raw = files(BUILTIN_PROFILES_PACKAGE).joinpath("profiles", f"{text_source}.toml").read_text("utf-8")
        text_source = f"builtin:{text_source}"
        model_base = Path(str(files(BUILTIN_PROFILES_PACKAGE).joinpath("profiles")))
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{text_source}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ProfileError(f"{text_source}: invalid TOML: nested too deeply") from None
    if text_source.startswith("builtin:"):
        return parse_profile(data, text_source, None, model_base)
    return parse_profile(data, text_source, path.resolve().parent)


KNOWN_KEYS = ("name", "description", "rubrics", "flag_caps", "thresholds", "params", "gate", "model")


def parse_profile(data: dict[str, Any], where: str = "<memory>", base: Path | None = None,
                  model_base: Path | None = None) -> Profile:
    """Validate a profile's parsed TOML; every error names the file and the offending key.

    `base` is the folder relative file paths in `[params]` resolve against (the profile's own
    folder; the working directory when None); the `model` path resolves against `model_base`
    (default: `base`).
    """
    for key in data:
        if key not in KNOWN_KEYS:
            raise ProfileError(f"{where}: {key}: unknown profile key; expected one of {', '.join(KNOWN_KEYS)}")
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise ProfileError(f"{where}: {key}: must be a string, got {data[key]!r}")
    known = set(available_rubrics())
    rubrics = data.get("rubrics")
    if not isinstance(rubrics, dict) or not rubrics:
        raise ProfileError(f"{where}: [rubrics] must be a table of rubric = weight with at least one entry")
    weights: dict[str, float] = {}
    for name, weight in rubrics.items():
        if name not in known:
            raise ProfileError(f"{where}: rubrics.{name}: unknown rubric; available: {', '.join(sorted(known))}")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise ProfileError(f"{where}: rubrics.{name}: weight must be a number, got {weight!r}")
        if not math.isfinite(weight):
            raise ProfileError(f"{where}: rubrics.{name}: weight must be finite, got {weight}")
        if weight < 0:
            raise ProfileError(f"{where}: rubrics.{name}: weight must be >= 0, got {weight}")
        if weight > MAX_WEIGHT:
            raise ProfileError(f"{where}: rubrics.{name}: weight must be at most {MAX_WEIGHT:g}, got {weight:g}")
        weights[name] = float(weight)
    if not any(w > 0 for w in weights.values()):
        raise ProfileError(f"{where}: rubrics: at least one rubric needs a weight > 0 to give a document score")
    caps = _number_table(data, "flag_caps", where, 0.0, 1.0)
    thresholds = _number_table(data, "thresholds", where, 0.0, 1.0)
    for name in thresholds:
        if name not in weights:
            raise ProfileError(f"{where}: thresholds.{name}: rubric is not in [rubrics] of this profile")
    params = data.get("params", {})
    if not isinstance(params, dict) or any(not isinstance(v, dict) for v in params.values()):
        raise ProfileError(f"{where}: [params.<rubric>] tables must map parameter names to values")
    checked: dict[str, dict[str, Any]] = {}
    digests: dict[str, str] = {}
    for name, table in params.items():
        if name not in weights:
            raise ProfileError(f"{where}: params.{name}: rubric is not in [rubrics] of this profile")
        checked[name] = _check_params(name, dict(table), where, base, digests)
    return Profile(
        name=str(data.get("name", Path(where).stem)),
        weights=weights,
        flag_caps=caps,
        thresholds=thresholds,
        params=checked,
        gate=_gate_table(data, where),
        description=str(data.get("description", "")),
        source=where,
        file_digests=digests,
        model=_model(data, where, model_base or base, weights),
    )


def _model(data: dict[str, Any], where: str, base: Path | None, weights: dict[str, float]) -> QualityModel | None:
    """The profile's model, loaded and checked against the rubrics the profile runs."""
    if "model" not in data:
        return None
    value = data["model"]
    if not isinstance(value, str) or not value:
        raise ProfileError(f"{where}: model: must be the path of a model file, got {value!r}")
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        model = load_model(path)
    except ModelError as exc:
        raise ProfileError(f"{where}: model: {exc}") from None
    for feature in model.features:
        if feature.rubric not in weights:
            raise ProfileError(f"{where}: model: {path}: feature {feature.key}: rubric {feature.rubric!r} is not "
                               "in [rubrics] of this profile")
        try:
            declared = tuple(getattr(rubric_class(feature.rubric), "feature_names", ()) or ())
        except Exception:  # a rubric that does not import fails later, with its own message
            continue
        if not declared:
            raise ProfileError(f"{where}: model: {path}: feature {feature.key}: rubric {feature.rubric!r} does not "
                               "declare its feature_names, so the model cannot be checked against it")
        if feature.feature not in declared:
            raise ProfileError(f"{where}: model: {path}: feature {feature.key}: rubric {feature.rubric!r} produces "
                               f"no such feature; it declares: {', '.join(declared)}")
    return model


def _check_params(rubric: str, table: dict[str, Any], where: str, base: Path | None,
                  digests: dict[str, str]) -> dict[str, Any]:
    """The rubric's parameters as it will receive them: names its constructor takes, values its
    `parameter_constraints` accept, file paths resolved against `base` (digests recorded)."""
    try:
        cls = rubric_class(rubric)
    except Exception:  # a rubric that does not import fails later, with its own message
        return table
    signature = inspect.signature(cls.__init__)
    if not any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        accepted = [p for p in signature.parameters if p != "self"]
        for key in table:
            if key not in accepted:
                raise ProfileError(f"{where}: params.{rubric}.{key}: unknown parameter of rubric {rubric!r}; "
                                   f"accepted: {', '.join(accepted) or '(none)'}")
    constraints: dict[str, Constraint] = dict(getattr(cls, "parameter_constraints", {}) or {})
    for key, rule in constraints.items():
        value = table.get(key)
        if _names_a_file(rule) and isinstance(value, str) and value:
            path = Path(value).expanduser()
            if not path.is_absolute() and base is not None:
                path = base / path
            table[key] = str(path)
    for key, message in parameter_problems(constraints, table):
        raise ProfileError(f"{where}: params.{rubric}.{key}: {message}")
    for key, rule in constraints.items():
        if _names_a_file(rule) and isinstance(table.get(key), str):
            digests[f"{rubric}.{key}"] = "sha256:" + hashlib.sha256(Path(table[key]).read_bytes()).hexdigest()
    return table


def _names_a_file(rule: Constraint) -> bool:
    return isinstance(rule, FilePath) or (isinstance(rule, NoneOr) and isinstance(rule.inner, FilePath))


def _number_table(data: dict[str, Any], key: str, where: str, lo: float, hi: float) -> dict[str, float]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise ProfileError(f"{where}: [{key}] must be a table")
    out: dict[str, float] = {}
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise ProfileError(f"{where}: {key}.{name}: must be a number in [{lo}, {hi}], got {value!r}")
        out[name] = float(value)
    return out


def _gate_table(data: dict[str, Any], where: str) -> dict[str, Any]:
    table = data.get("gate", {})
    if not isinstance(table, dict):
        raise ProfileError(f"{where}: [gate] must be a table")
    return dict(table)
