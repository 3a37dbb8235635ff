"""`sourcegauge bench`: runs on a tiny fixture and prints every figure. No timing assertions:
benchmarks print numbers, tests only check that the numbers are there and consistent."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scoring.bench.measure import Measurement
from tests.conftest import PLUGIN_DIR, SOURCEGAUGE

TEXTS = [
    "Markets rose on Monday. Analysts said the rally might continue!\n\nShares in the bank gained 3%.",
    "The council approved the plan. Residents were not consulted, critics said.",
    "Wow! Amazing! Click here!\n\nBuy now.",
    "研究人员表示，该结果可能需要进一步验证。The study was published on Tuesday.",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(TEXTS * 3):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _bench(args: list[str], cli_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = dict(cli_env, PYTHONPATH=str(PLUGIN_DIR))  # the plugin rubric keeps the run quick
    return subprocess.run([*SOURCEGAUGE, "bench", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def test_bench_prints_every_figure(corpus: Path, tmp_path: Path, cli_env: dict[str, str]) -> None:
    out_json = tmp_path / "bench.json"
    done = _bench([str(corpus), "--rubrics", "exclamation", "--jobs", "2", "--repeat", "2", "--json",
                   str(out_json)], cli_env)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for header in ("docs/s per core", "MB/s per core", "p50 ms", "p99 ms", "peak RSS MB", "start-up s"):
        assert header in text
    for row in ("| segmentation |", "| exclamation |", "| profile (1 job) |", "| profile, 2 jobs |"):
        assert row in text
    assert "Machine:" in text and "2 jobs:" in text
    report = json.loads(out_json.read_text())
    rows = {r["name"]: r for r in report["rows"]}
    n = len(TEXTS) * 3
    assert report["documents"] == n
    assert rows["profile (1 job)"]["docs"] == n and rows["profile (1 job)"]["docs_per_s"] > 0
    assert rows["profile, 2 jobs"]["jobs"] == 2
    # One-job vs two-job passes, alternating, for both kinds of output.
    scaling = {s["output"]: s for s in report["scaling"]}
    assert set(scaling) == {"results", "jsonl", "independent"}
    for output, measured in scaling.items():
        # --repeat 2: the side-by-side comparison goes through the corpus twice, pooling the slices.
        assert measured["one_job"]["docs"] == 2 * n and measured["n_jobs"]["jobs"] == 2
        assert measured["ratio"] == pytest.approx(
            measured["n_jobs"]["docs_per_s"] / measured["one_job"]["docs_per_s"], rel=1e-2)
        assert len(measured["slice_ratios"]) == 2
        # Each pool leg is compared with the ceiling slice by slice; the ceiling is not.
        assert len(measured["slice_shares_of_ceiling"]) == (0 if output == "independent" else 2)
        assert all(share > 0 for share in measured["slice_shares_of_ceiling"])
    assert text.count("of the ceiling (median of slices") == 2
    assert "delivering JSONL lines" in text and "delivering DocumentResult objects" in text
    assert rows["profile (1 job)"]["p50_ms"] <= rows["profile (1 job)"]["p99_ms"]
    startup = report["startup"]
    assert 0 < startup["import_s"] <= startup["startup_s"] <= startup["process_s"]
    assert set(startup["per_rubric"]) == {"exclamation"}
    # The all-languages start-up also warms Chinese and a non-English Latin text.
    assert {"zh", "other"} <= set(report["startup_all_languages"]["languages"])


def test_bench_cycle_mode_reports_memory_checkpoints(corpus: Path, tmp_path: Path,
                                                      cli_env: dict[str, str]) -> None:
    out_json = tmp_path / "memory.json"
    done = _bench([str(corpus), "--rubrics", "exclamation", "--cycle", "2500", "--json", str(out_json)], cli_env)
    assert done.returncode == 0, done.stderr
    assert "peak RSS after 2,500 / after 2,000" in done.stdout
    memory = json.loads(out_json.read_text())["memory"]
    assert [m["docs"] for m in memory] == [2000, 2500]
    assert memory[0]["peak_rss_mb"] <= memory[1]["peak_rss_mb"]  # a high-water mark never falls


def test_bench_compare_datatrove(corpus: Path, cli_env: dict[str, str]) -> None:
    if importlib.util.find_spec("datatrove") is None or importlib.util.find_spec("spacy") is None:
        pytest.skip("datatrove/spaCy not installed (optional extra `bench`)")
    done = _bench([str(corpus), "--rubrics", "exclamation", "--compare", "datatrove", "--no-startup"], cli_env)
    assert done.returncode == 0, done.stderr
    for name in ("GopherRepetitionFilter", "GopherQualityFilter", "C4QualityFilter", "FineWebQualityFilter",
                 "datatrove: 4 filters chained"):
        assert name in done.stdout
    assert "ratio sourcegauge / datatrove" in done.stdout


def test_bench_on_an_empty_folder_is_a_usage_error(tmp_path: Path, cli_env: dict[str, str]) -> None:
    done = _bench([str(tmp_path), "--rubrics", "exclamation"], cli_env)
    assert done.returncode == 2
    assert "no readable documents" in done.stderr


def test_percentiles_are_nearest_rank() -> None:
    m = Measurement("x", docs=100, bytes=1000, seconds=1.0, latencies=[i / 1000 for i in range(100, 0, -1)])
    assert m.percentile_ms(0.50) == pytest.approx(50.0)
    assert m.percentile_ms(0.99) == pytest.approx(99.0)
    assert m.docs_per_s_per_core == pytest.approx(100.0)
    assert Measurement("y", 4, 8_000_000, 2.0, jobs=2).mb_per_s_per_core == pytest.approx(2.0)


def test_pool_passes_are_timed_between_batch_completions() -> None:
    """The steady-state window opens when the first `jobs` batches are back and closes when
    only `jobs` are left in flight, so the partial work in flight at both ends cancels."""
    import time as clock

    from scoring.bench.measure import _timed_pool_pass
    from scoring.core.document import Document

    class BatchPool:  # returns a batch every 10 ms, as a pool in steady state would
        def score(self, items: Any, batch_size: int, map_result: Any = None) -> Any:
            docs = list(items)
            for i in range(0, len(docs), batch_size):
                clock.sleep(0.01)
                yield from docs[i : i + batch_size]

    docs = [Document(id=str(i), text="x" * (i + 1)) for i in range(40)]
    measured = _timed_pool_pass(docs, BatchPool(), jobs=2, output="results", render=None, batch_size=4)
    assert measured.docs == 40 - 2 * 2 * 4  # batches 3..8 of 10
    assert measured.bytes == sum(len(d.text) for d in docs[8:32])
    assert 0.05 <= measured.seconds < 0.5  # six batches of 10 ms, not ten
    few = _timed_pool_pass(docs[:12], BatchPool(), jobs=2, output="results", render=None, batch_size=4)
    assert few.docs == 12 and "steady state" not in few.note  # too few batches: the whole pass
