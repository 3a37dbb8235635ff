"""`sourcegauge bench --stream-jsonl SIZE`: a generated JSONL file streamed through the loader (a small
size here; the multi-GB figure is measured by hand, see docs/performance.md)."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.bench.measure import stream_jsonl_memory
from scoring.cli.main import main
from scoring.core.document import Document


def test_the_generated_file_is_read_whole_and_removed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    docs = [Document(id=str(i), text=f"Article {i}. " + "word " * 200, source="s") for i in range(7)]
    points = stream_jsonl_memory(docs, 300_000)
    assert points[-1].megabytes >= 0.3 and points[-1].records > 250
    assert [p.records for p in points] == sorted(p.records for p in points)
    assert not list(tmp_path.iterdir())  # the file is gone


def test_the_command_prints_the_table(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The council said so on Monday. " * 20, encoding="utf-8")
    out = tmp_path / "bench.json"
    assert main(["bench", str(corpus), "--stream-jsonl", "200KB", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "| records read | MB read | peak RSS (MB)" in text and "peak RSS after all" in text
    assert json.loads(out.read_text())["stream_rss_ratio"] > 0
