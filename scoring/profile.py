"""Profiles: which rubrics run, how their scores combine, which flags cap the result.

A profile is a TOML file (built-ins in scoring/profiles/, or any user file). Its content
hash and every rubric's name and version go into every output record, so a result can be
reproduced.
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

    def restricted_to(self, names: list[str]) -> "Profile":
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


def parse_profile(data: dict[str, Any], where: str = "<memory>") -> Profile:
    from scoring.registry import available_rubrics

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
    caps = _number_table(data, "flag_caps", where, 0.0, 1.0)
    thresholds = _number_table(data, "thresholds", where, 0.0, 1.0)
    for name in thresholds:
        if name not in weights:
            raise ProfileError(f"{where}: thresholds.{name}: rubric is not in [rubrics] of this profile")
    params = data.get("params", {})
    if not isinstance(params, dict) or any(not isinstance(v, dict) for v in params.values()):
        raise ProfileError(f"{where}: [params.<rubric>] tables must map parameter names to values")
    for name in params:
        if name not in weights:
            raise ProfileError(f"{where}: params.{name}: rubric is not in [rubrics] of this profile")
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
