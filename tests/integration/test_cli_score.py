"""`sourcegauge score`: records, formats, exit codes, and bad files that do not stop the run."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLUGIN_DIR, SEEDS

RUBRIC = "exclamation"  # the test plugin: fast, and independent of the built-in rubrics' internals


def run_cli(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scoring", *args], env=env, capture_output=True, text=True,
                          input=stdin, timeout=300)


@pytest.fixture
def plugin_env(cli_env: dict[str, str]) -> dict[str, str]:
    return dict(cli_env, PYTHONPATH=str(PLUGIN_DIR))


def test_scores_every_seed_with_the_documented_fields(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    proc = run_cli(["score", str(SEEDS), "-o", str(out)], cli_env)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for record in records:
        assert record["schema"] == "sourcegauge.document/1"
        for key in ("id", "path", "source", "lang", "encoding", "rubrics", "score", "profile"):
            assert key in record, key
        assert record["source"] == "seeds"
        assert {"boilerplate", "sourcing", "hedging", "sentiment", "framing"} <= set(record["rubrics"])
        text = texts[Path(record["path"]).name]
        for name, result in record["rubrics"].items():
            assert set(result) >= {"score", "version", "features", "flags", "evidence"}, name
            assert 0.0 <= result["score"] <= 1.0
            for ev in result["evidence"]:
                assert text[ev["start"]:ev["end"]] == ev["text"]
    # The summary table goes to stderr, never into the data stream.
    assert "documents scored" in proc.stderr


def test_bad_files_are_listed_and_exit_1(plugin_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Wow! A good article! It said so.", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x7fELF" + bytes(range(256)) * 4)
    (folder / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 16 + b"\x81\x8d\x8f\x90\x9d" * 40)
    (folder / "later.txt").write_text("Another good one.", encoding="utf-8")
    proc = run_cli(["score", str(folder), "--rubrics", RUBRIC, "-q"], plugin_env)
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    by_name = {Path(r["path"]).name: r for r in records}
    assert set(by_name) == {"good.txt", "binary.txt", "undecodable.txt", "later.txt"}
    assert by_name["good.txt"]["rubrics"][RUBRIC]["features"]["exclamations"] == 2
    assert "ELF" in by_name["binary.txt"]["error"]
    assert "undecodable" in by_name["undecodable.txt"]["error"] or "binary" in by_name["undecodable.txt"]["error"]
    assert "binary.txt" in proc.stderr and "undecodable.txt" in proc.stderr


def test_csv_format(plugin_env: dict[str, str]) -> None:
    proc = run_cli(["score", str(SEEDS), "--rubrics", RUBRIC, "--format", "csv", "-q"], plugin_env)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 5
    assert {"id", "source", "lang", "encoding", "score", f"{RUBRIC}_score", "flags", "error"} <= set(rows[0])


def test_jobs_keep_order_and_results(plugin_env: dict[str, str]) -> None:
    one = run_cli(["score", str(SEEDS), "--rubrics", RUBRIC, "-q"], plugin_env)
    two = run_cli(["score", str(SEEDS), "--rubrics", RUBRIC, "-q", "--jobs", "2"], plugin_env)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "seeds", "--rubrics", "nope"], "unknown rubric 'nope'"),
        (["score", "seeds", "--profile", "nope"], "unknown profile 'nope'"),
        (["score", "seeds", "--jobs", "0"], "must be at least 1"),
        (["score"], "required"),
        (["score", "seeds", "--format", "xml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(cli_env: dict[str, str], args: list[str], message: str) -> None:
    proc = run_cli(args, cli_env)
    assert proc.returncode == 2
    assert message in proc.stderr


def test_profile_file_with_a_negative_weight_is_a_usage_error(cli_env: dict[str, str], tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('name = "mine"\n[rubrics]\nboilerplate = -1\n', encoding="utf-8")
    proc = run_cli(["score", str(SEEDS), "--profile", str(profile)], cli_env)
    assert proc.returncode == 2
    assert "rubrics.boilerplate" in proc.stderr and ">= 0" in proc.stderr


@pytest.mark.parametrize(("params", "key"), [
    ("[params.sourcing]\nmin_words = -5\n", "params.sourcing.min_words"),
    ("[params.lean]\ngazetteer = \"missing.csv\"\n", "params.lean.gazetteer"),
])
def test_a_rubric_parameter_out_of_range_is_a_usage_error_naming_the_key(
        cli_env: dict[str, str], tmp_path: Path, params: str, key: str) -> None:
    # Refused when the profile loads (exit 2), not as a rubric error in every record.
    profile = tmp_path / "p.toml"
    profile.write_text(f'[rubrics]\nsourcing = 1\nlean = 1\n{params}', encoding="utf-8")
    for command in (["score", str(SEEDS)], ["gate"]):
        proc = run_cli([*command, "--profile", str(profile)], cli_env)
        assert proc.returncode == 2, (command, proc.stderr)
        assert key in proc.stderr
