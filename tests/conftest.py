from __future__ import annotations

import importlib.util
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

# Property tests without their own @settings (the rubric contract among them) run few examples
# in CI and many on request: HYPOTHESIS_PROFILE=thorough make test.
settings.register_profile("ci", max_examples=25, deadline=None)
settings.register_profile("thorough", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
PLUGIN_DIR = REPO / "tests" / "fixtures" / "plugin"


def load_script(name: str) -> ModuleType:
    """`scripts/<name>.py` as a module (the evaluation gates call the functions that print the figures).
    The scripts folder goes on sys.path because scripts import their siblings."""
    folder = str(REPO / "scripts")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def break_record_parser(monkeypatch: pytest.MonkeyPatch, module: ModuleType, bad_id: str = "bad") -> None:
    """Make `module.record_document` raise an unexpected KeyError (a bug, not bad input) on the record whose
    id is `bad_id`, and parse every other record as before."""
    real = module.record_document

    def flaky(record, fields, **kwargs):  # type: ignore[no-untyped-def]
        if record.get("id") == bad_id:
            raise KeyError("boom")
        return real(record, fields, **kwargs)

    monkeypatch.setattr(module, "record_document", flaky)


def seed_text(prefix: str) -> str:
    """Text of the seed whose file name starts with `prefix` (e.g. "003")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def shared_corpora() -> Path:
    path = SHARED / "corpora"
    if not path.is_dir():
        pytest.skip("../shared/corpora not present: real-corpus checks run only beside the shared data")
    return path


@pytest.fixture
def cli_env() -> dict[str, str]:
    """Environment for running the `sourcegauge` CLI in a subprocess."""
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


SOURCEGAUGE = [sys.executable, "-m", "scoring"]


def _echo(obj: Any) -> Any:
    return obj


def through_a_process(obj: Any, initializer: Callable[[], None] | None = None) -> Any:
    """`obj` sent to a worker process and back, the way the worker pool and datatrove ship
    objects (pickled by multiprocessing both ways; `initializer` runs in the worker first)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(method), initializer=initializer) as pool:
        return pool.submit(_echo, obj).result()
