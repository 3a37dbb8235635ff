"""Profiles: which rubrics run, how their scores combine, which flags cap the result.

A profile is a TOML file (built-ins in scoring/profiles/: `default`, `strict`,
`editorial-audit`; or any user file). Its content hash and every rubric's name and version
go into every output record, so a result can be reproduced.

Tables (anything else is an error naming the key, so a typo cannot be ignored silently):

    name, description        strings
    [rubrics]                rubric = weight (>= 0; at least one > 0); only these rubrics run
    [flag_caps]              flag = cap in [0, 1]; a document with the flag scores at most the cap
    [thresholds]             rubric = minimum score in [0, 1] (used by the gate)
    [params.<rubric>]        keyword parameters for that rubric's constructor
    [gate]                   gate settings, interpreted by scoring.gate

How the document score is computed from these is documented in scoring.aggregate.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

BUILTIN_PROFILES_PACKAGE = "scoring"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the offending key."""


@dataclass(frozen=True)
class Profile:
    name: str
    weights: dict[str, float]
    flag_caps: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Gate settings ([gate] table); validated and interpreted by scoring.gate.
    gate: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    source: str = "<memory>"

    @property
    def rubrics(self) -> tuple[str, ...]:
        return tuple(self.weights)

    @property
    def hash(self) -> str:
        canonical = json.dumps(
            {"weights": self.weights, "flag_caps": self.flag_caps, "thresholds": self.thresholds,
             "params": self.params, "gate": self.gate},
            sort_keys=True,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def identity(self) -> dict[str, str]:
        """What every output carries to say which profile produced it."""
        return {"name": self.name, "hash": self.hash, "source": self.source}

    def restricted_to(self, names: list[str]) -> Profile:
        """The same profile running only `names` (weights kept; unknown names get weight 1)."""
        return Profile(
            name=self.name,
            weights={n: self.weights.get(n, 1.0) for n in names},
            flag_caps=self.flag_caps,
            thresholds={k: v for k, v in self.thresholds.items() if k in names},
            params={k: v for k, v in self.params.items() if k in names},
            gate=self.gate,
            description=self.description,
            source=self.source,
        )


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
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{text_source}: invalid TOML: {exc}") from None
    return parse_profile(data, text_source)


KNOWN_KEYS = ("name", "description", "rubrics", "flag_caps", "thresholds", "params", "gate")


def parse_profile(data: dict[str, Any], where: str = "<memory>") -> Profile:
    """Validate a profile's parsed TOML; every error names the file and the offending key."""
    from scoring.registry import available_rubrics

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
        if weight < 0:
            raise ProfileError(f"{where}: rubrics.{name}: weight must be >= 0, got {weight}")
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
    for name, table in params.items():
        if name not in weights:
            raise ProfileError(f"{where}: params.{name}: rubric is not in [rubrics] of this profile")
        _check_params(name, table, where)
    return Profile(
        name=str(data.get("name", Path(where).stem)),
        weights=weights,
        flag_caps=caps,
        thresholds=thresholds,
        params={k: dict(v) for k, v in params.items()},
        gate=_gate_table(data, where),
        description=str(data.get("description", "")),
        source=where,
    )


def _check_params(rubric: str, table: dict[str, Any], where: str) -> None:
    """Reject parameter names the rubric's constructor does not take (when the rubric imports)."""
    import inspect

    from scoring.registry import rubric_class

    try:
        cls = rubric_class(rubric)
    except Exception:  # a rubric that does not import fails later, with its own message
        return
    signature = inspect.signature(cls.__init__)
    if any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        return
    accepted = [p for p in signature.parameters if p != "self"]
    for key in table:
        if key not in accepted:
            raise ProfileError(f"{where}: params.{rubric}.{key}: unknown parameter of rubric {rubric!r}; "
                               f"accepted: {', '.join(accepted) or '(none)'}")


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
