"""The commands behave alike: --quiet / --verbose everywhere, a progress total counted cheaply,
the same report of what was passed over, CSV from audit as from rank."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli.common import count_documents, progress
from scoring.cli.main import COMMANDS, build_parser
from scoring.core.document import Document
from scoring.inputs.load import iter_documents
from tests.conftest import SEEDS, SOURCEGAUGE


def test_every_command_takes_quiet_and_verbose() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == set(COMMANDS)
    for name, sub in commands.items():
        options = {o for action in sub._actions for o in action.option_strings}
        assert {"--quiet", "-q", "--verbose", "-v"} <= options, name


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))[:3]):
        (root / "a" / f"{i}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    records = [{"id": f"r{i}", "text": f"Record {i} says the council met on Monday, officials said."}
               for i in range(4)]
    (root / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")  # no final newline
    (root / "notes.py").write_text("print('not an article')\n", encoding="utf-8")
    return root


def test_the_progress_total_is_what_the_loader_yields(corpus: Path, tmp_path: Path) -> None:
    assert count_documents([corpus]) == len(list(iter_documents([corpus]))) == 7
    assert count_documents([corpus, tmp_path / "missing.txt"]) == 8
    (corpus / "c.csv").write_text("id,text\nx,\"two\nlines\"\n", encoding="utf-8")
    assert count_documents([corpus]) is None  # a CSV row may span lines: unknown, shown as a count only


def test_the_progress_total_follows_symlinks_as_the_loader_does(corpus: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "many.jsonl").write_text("\n".join(json.dumps({"text": f"Line {i}."}) for i in range(50)),
                                        encoding="utf-8")
    (corpus / "away").symlink_to(outside, target_is_directory=True)  # leads outside: not read
    (corpus / "away.jsonl").symlink_to(outside / "many.jsonl")
    (corpus / "a" / "loop").symlink_to(corpus, target_is_directory=True)  # back to a folder above
    (corpus / "again").symlink_to(corpus / "a", target_is_directory=True)  # inside: read like the loader
    opened: list[str] = []
    real_open = open

    def watching(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching)
    total = count_documents([corpus])
    monkeypatch.undo()
    docs = [d for d in iter_documents([corpus]) if isinstance(d, Document)]
    assert total == len(docs) == 10
    assert not any(path.startswith(os.path.realpath(outside)) for path in opened)


def test_a_bar_with_a_total_shows_it_and_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress(True, "scoring", total=3) as bar:
        assert list(bar.track(range(3))) == [0, 1, 2]
    assert "3/3" in screen.getvalue() or "0/3" in screen.getvalue()
    assert "-:--:--" in screen.getvalue() or "0:00:00" in screen.getvalue()


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SOURCEGAUGE, *args], capture_output=True, text=True, env=env, timeout=600)


def test_quiet_and_verbose_say_less_and_more(corpus: Path, cli_env: dict[str, str]) -> None:
    common = ["--rubrics", "sourcing,hedging", "--bootstrap", "50"]
    plain = _run(["rank", str(corpus), *common], cli_env)
    quiet = _run(["rank", str(corpus), *common, "-q"], cli_env)
    verbose = _run(["rank", str(corpus), *common, "-v"], cli_env)
    assert plain.returncode == quiet.returncode == verbose.returncode == 0, plain.stderr
    assert plain.stdout == quiet.stdout == verbose.stdout
    assert "skipped 1 file(s) that are not articles: 1 not_an_article_format (.py ×1)" in plain.stderr
    assert quiet.stderr == ""
    assert f"skipped {corpus / 'notes.py'}: not_an_article_format" in verbose.stderr


def test_audit_writes_csv(cli_env: dict[str, str]) -> None:
    run = _run(["audit", str(SEEDS), "--format", "csv", "--bootstrap", "50", "-q"], cli_env)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and {r["source"] for r in rows} == {"seeds"}
    assert {"actor", "tone", "tone_ci_low", "tone_ci_high", "voice_share", "dominant_frame"} <= set(rows[0])
    assert any(r["actor"] == "China" for r in rows)
    frames = [c for c in rows[0] if c.startswith("frame_")]
    assert frames and all(rows[0][c] for c in frames)


def test_report_adds_the_lean_audit_unless_told_not_to(tmp_path: Path) -> None:
    # The default profile leaves lean out (the model never reads it); the report runs it at weight 0.
    for extra, has_lean in (((), True), (("--no-audit",), False)):
        out = tmp_path / ("with" if has_lean else "without")
        run = subprocess.run([*SOURCEGAUGE, "report", str(SEEDS), "-o", str(out), "-q", *extra],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        records = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
        assert all(("lean" in r["rubrics"]) == has_lean for r in records)
        summary = (out / "summary.md").read_text(encoding="utf-8")
        assert ("`default+lean`" in summary) == has_lean
    with_lean = {json.loads(x)["id"]: json.loads(x)["score"]
                 for x in (tmp_path / "with" / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    without_lean = {json.loads(x)["id"]: json.loads(x)["score"]
                    for x in (tmp_path / "without" / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert with_lean == without_lean
