"""The gate repairs what it can: kept records get their text without boilerplate and link-farm
lines, and a document rejected for a small block of them is kept, stripped, when its clean text
passes. Offsets in the output refer to the original text."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scoring import Gate
from scoring.core.document import Document
from scoring.engine.profile import load_profile, parse_profile
from scoring.gate.gate import GateConfigError, parse_gate_table, strippable_lines, without_spans
from tests.conftest import SEEDS, SOURCEGAUGE, seed_text


@pytest.fixture(scope="module")
def seed_000() -> Document:
    return Document(id="000", text=seed_text("000"), source="seeds")


def test_a_teaser_line_no_longer_loses_a_good_article(seed_000: Document) -> None:
    plain = Gate("default").decide(seed_000)
    assert not plain.keep and plain.reasons == ("spam_link_farm",) and plain.repair is None
    verdict = Gate("default", repair=True, strip_max_share=0.1).decide(seed_000)
    assert verdict.keep and verdict.repair is not None and verdict.repair.rescored
    assert verdict.repair.waived == ("spam_link_farm",)
    (start, end, label), = verdict.repair.removed
    text = seed_000.text
    assert label == "link_farm" and end == len(text) and text[start:end].startswith("法媒感叹")
    assert verdict.repair.text == text[:start].rstrip("\n")
    assert verdict.score is not None and verdict.score > plain.score  # no longer capped by the flag
    annotation = verdict.to_dict("body")["repair"]
    assert annotation["offsets_in"] == "body" and annotation["scores_of"] == "clean_text"
    assert annotation["removed"] == [[start, end, "link_farm"]]


def test_without_strip_share_the_verdict_stands_but_carries_the_clean_text(seed_000: Document) -> None:
    verdict = Gate("default", repair=True).decide(seed_000)
    assert not verdict.keep and verdict.reasons == ("spam_link_farm",)
    assert verdict.repair is not None and not verdict.repair.rescored and verdict.repair.waived == ()
    kept = Gate("default", repair=True).decide(Document(id="004", text=seed_text("004")))
    assert kept.keep and kept.repair is not None and kept.repair.removed  # its navigation lines
    assert all(kept.repair.text.count(seed_text("004")[s:e]) == 0 for s, e, _ in kept.repair.removed
               if len(seed_text("004")[s:e]) > 12)


def test_a_large_block_is_still_rejected() -> None:
    doc = Document(id="003", text=seed_text("003"))
    verdict = Gate("default", repair=True, strip_max_share=0.01).decide(doc)
    assert not verdict.keep and "spam_link_farm" in verdict.reasons


def test_strippable_lines_are_whole_lines_in_original_offsets() -> None:
    result = Gate("default").scorer.score(Document(id="003", text=seed_text("003")))
    spans = strippable_lines(result)
    text = result.doc.text
    assert spans and all(s == 0 or text[s - 1] == "\n" for s, _, _ in spans)
    assert all(e == len(text) or text[e] == "\n" for _, e, _ in spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))  # merged, in order


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("a\nB\nc", [(2, 3, "x")], "a\nc"),
    ("a\nb\nC", [(4, 5, "x")], "a\nb"),
    ("A\nb\n", [(0, 1, "x")], "b\n"),
    ("A\nB\nc", [(0, 1, "x"), (2, 3, "y")], "c"),
])
def test_without_spans(text: str, spans: list[tuple[int, int, str]], expected: str) -> None:
    assert without_spans(text, spans) == expected


def test_repair_settings_in_the_profile() -> None:
    base = load_profile("default")
    table = {**base.gate, "repair": True, "repair_field": "body_clean", "strip_max_share": 0.05}
    rules = parse_gate_table(parse_profile({"rubrics": dict(base.weights), "gate": table}, "t.toml"))
    assert rules.repair and rules.repair_field == "body_clean" and rules.strip_max_share == 0.05
    for bad, message in (({"strip_max_share": 0.1}, "needs repair"), ({"repair": "yes"}, "true or false"),
                         ({"repair": True, "strip_max_share": 2}, "in \\[0, 1\\]")):
        profile = parse_profile({"rubrics": dict(base.weights), "gate": {**base.gate, **bad}}, "t.toml")
        with pytest.raises(GateConfigError, match=message):
            parse_gate_table(profile)


def test_cli_writes_the_clean_text_into_kept_records(tmp_path: Path, cli_env: dict[str, str]) -> None:
    lines = [json.dumps({"id": p.stem, "body": p.read_text(encoding="utf-8")}) for p in sorted(SEEDS.glob("*.txt"))]
    stdin = ("\n".join(lines) + "\n").encode()
    args = [*SOURCEGAUGE, "gate", "--text-field", "body", "--rejects", str(tmp_path / "rejects.jsonl"), "-q"]
    plain = subprocess.run(args, input=stdin, capture_output=True, env=cli_env, timeout=300)
    repaired = subprocess.run([*args, "--repair", "--strip-max-share", "0.1", "--annotate"], input=stdin,
                              capture_output=True, env=cli_env, timeout=300)
    assert plain.returncode == repaired.returncode == 0, repaired.stderr
    assert plain.stderr == b""  # --quiet
    kept = [json.loads(line) for line in repaired.stdout.splitlines()]
    rejected = (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(kept) + len(rejected) == 5 and len(kept) > len(plain.stdout.splitlines())
    for record in kept:
        repair = record["sourcegauge"]["repair"]
        assert repair["field"] == "clean_text" and repair["offsets_in"] == "body"
        for start, end, _ in repair["removed"]:
            assert record["body"][start:end] not in record["clean_text"].splitlines()
    replaced = subprocess.run([*args, "--repair", "--repair-field", "body"], input=stdin, capture_output=True,
                              env=cli_env, timeout=300)
    originals = {json.loads(line)["id"]: json.loads(line)["body"] for line in lines}
    for line in replaced.stdout.splitlines():
        record = json.loads(line)
        assert set(record) == {"id", "body"} and len(record["body"]) < len(originals[record["id"]])
