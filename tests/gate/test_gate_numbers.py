"""Every number of a profile's [gate] table is finite and in range, checked when the gate is built,
with the key named (a NaN threshold would otherwise keep or reject everything silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.engine.profile import load_profile
from scoring.gate.gate import Gate, GateConfigError
from tests.conftest import REPO

GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(GATE_PLUGIN))


@pytest.mark.parametrize(("gate", "names"), [
    ("min_score = nan", ["min_score", "nan"]),
    ("min_score = inf", ["min_score", "inf"]),
    ("min_score = -inf", ["min_score"]),
    ("min_score = 1e308", ["min_score"]),
    ("max_chars = inf", ["max_chars"]),
    ("max_chars = 0", ["max_chars"]),
    ("max_chars = 1.5", ["max_chars"]),
    ("max_chars = true", ["max_chars"]),
    ('[gate.features.x]\nrubric = "fakeboiler"\nfeature = "boilerplate_ratio_chars"\nabove = nan',
     ["features.x", "above"]),
    ('[gate.features.x]\nrubric = "fakeboiler"\nfeature = "boilerplate_ratio_chars"\nbelow = -inf',
     ["features.x", "below"]),
])
def test_gate_numbers_must_be_finite_and_in_range(tmp_path: Path, gate: str, names: list[str]) -> None:
    body = "[rubrics]\nfakeboiler = 1\n"
    body += ("\n" + gate + "\n") if gate.startswith("[") else f"[gate]\n{gate}\n"
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(GateConfigError) as info:
        Gate(load_profile(path))
    message = str(info.value)
    assert str(path) in message and "[gate]" in message
    for name in names:
        assert name in message


def test_a_nan_threshold_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[rubrics]\nfakeboiler = 1\n[thresholds]\nfakeboiler = nan\n", encoding="utf-8")
    with pytest.raises(ValueError, match="thresholds.fakeboiler"):
        load_profile(path)


def test_a_gate_with_sane_numbers_is_built(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[rubrics]\nfakeboiler = 1\n[gate]\nmin_score = 0.25\nmax_chars = 1000\n", encoding="utf-8")
    gate = Gate(load_profile(path))
    assert gate.rules.min_score == 0.25 and gate.rules.max_chars == 1000
