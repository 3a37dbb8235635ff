"""The report explains itself: each score's story, every document listed worst first, the evidence
that changed a score marked and the rest behind toggles, readable flag places, unique ids, a size
budget that holds for any corpus size."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from scoring.core.document import Document, LoadError
from scoring.engine.aggregate import ScoreBreakdown
from scoring.engine.pipeline import DocumentResult
from scoring.report import ReportOptions, write_report
from scoring.report.highlight import OTHER_SUFFIX, marks_for
from scoring.report.html import TABLE_PAGE, flags_that_matter, why_phrase
from scoring.rubric import Evidence, Flag, RubricResult
from tests.conftest import SEEDS

RUBRICS = ("boilerplate", "spam", "sourcing", "lean")
CAPS = {"link_farm": 0.5}


def _result(index: int, score: float, capped: bool = False, source: str = "wire") -> DocumentResult:
    text = "\n".join([f"Headline {index}", "The minister said the plan may fail, according to Reuters.",
                      "China and the United States talked.", "Buy cheap pills here", "Other story one"])
    farm = text.index("Buy cheap")
    results = {
        "boilerplate": RubricResult("boilerplate", "1", 0.8, evidence=(Evidence(farm, farm + 20, "link_farm"),)),
        "spam": RubricResult("spam", "1", 0.6, flags=(Flag("link_farm", (Evidence(farm, farm + 20, "link_farm"),),
                                                           "1 off-topic headline"),) if capped else ()),
        "sourcing": RubricResult("sourcing", "1", 0.7, evidence=(Evidence(text.index("according"),
                                                                          text.index("Reuters") + 7,
                                                                          "attribution_named"),)),
        "lean": RubricResult("lean", "1", 0.0, evidence=(Evidence(text.index("China"), text.index("China") + 5,
                                                                  "actor:China"),)),
    }
    base = round(score + 0.2, 6) if capped else score
    breakdown = ScoreBreakdown(score, base, "link_farm" if capped else None, 0.5 if capped else None,
                               {"sourcing": 0.3, "boilerplate": 0.2, "spam": base - 0.5})
    return DocumentResult(Document(id=f"doc-{index:04d}.txt", text=text, source=source), "en", results, score,
                          ("link_farm",) if capped else (), "p", "h", breakdown=breakdown)


def _corpus(n: int) -> list[DocumentResult | LoadError]:
    items: list[DocumentResult | LoadError] = []
    for i in range(n):
        score = round(0.55 + 0.4 * ((i * 37) % n) / n, 6)
        items.append(_result(i, 0.5 if i % 7 == 0 else score, capped=i % 7 == 0, source=f"s{i % 3}"))
    items.insert(5, LoadError("broken.txt", "not text"))
    return items


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("story")
    write_report(_corpus(250), out, RUBRICS, {"name": "p", "hash": "h"}, ReportOptions(n_bootstrap=200,
                 max_document_pages=30), flag_caps=CAPS)
    return (out / "index.html").read_text(encoding="utf-8")


def _table_rows(page: str) -> list[tuple[str, str]]:
    """(document id, score cell) of every documents-table row, in page order."""
    table = page[page.index('<section id="documents"'):page.index('<section id="texts"')]
    return re.findall(r"<tr class=r\w><td>(?:<a href=\"#[^\"]+\">)?([^<]+)(?:</a>)?<td>([^<]*)<td>", table)


def test_every_document_is_listed_worst_first_in_pages(report: str) -> None:
    rows = _table_rows(report)
    assert len(rows) == 251  # 250 documents and the unreadable input
    assert rows[0][0] == "broken.txt" and rows[0][1] == ""  # unreadable first
    scores = [float(score) for _, score in rows[1:]]
    assert scores == sorted(scores)
    assert report.count('<details class="page"') == -(-251 // TABLE_PAGE)
    assert report.count('<details class="page" open>') == 1


def test_each_document_section_tells_the_score_story(report: str) -> None:
    section = report[report.index('<details class="doc" id="d-0"'):]
    section = section[:section.index("</details>\n<details class=\"doc\"")]
    assert "capped at 0.5 by the <span class=\"flagname\">link_farm</span> flag" in section
    assert "Without the cap it would be 0.700" in section
    parts = re.findall(r"<tr><td>(\w+) <span class=\"muted\">\(score", section)
    assert parts == ["sourcing", "boilerplate", "spam"]  # largest part first
    assert "line 4 of 5" in section and "“Buy cheap pills here”" in section  # where, not offsets
    assert not re.search(r"<code>\d+–\d+</code>", report)
    rows = dict(_table_rows(report))
    assert rows["doc-0000.txt"] == "0.500"
    assert "capped by link_farm at 0.5 (base 0.700)" in report


def test_ranking_shows_rubric_means_and_the_flags_that_capped(report: str) -> None:
    ranking = report[report.index('<section id="ranking"'):report.index('<section id="documents"')]
    header = re.search(r"<table class=\"rank\"><thead><tr>(.*?)</tr>", ranking).group(1)
    assert all(f">{name}</th>" in header for name in RUBRICS)
    assert re.search(r"link_farm</span> 1\d%<span|link_farm</span> 1\d% <span class=\"muted\">\(capped 1\d%\)", ranking)
    assert flags_that_matter({"a": 0.5, "b": 0.2, "c": 0.01, "d": 0.3}, {"b": 0.1}, {"b": 0.5}) == [
        ("b", 0.2, 0.1), ("a", 0.5, None), ("d", 0.3, None)]


def test_ids_are_unique_and_every_link_lands(report: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', report)
    assert ids and not [k for k, v in Counter(ids).items() if v > 1]
    targets = set(re.findall(r'href="#([^"]+)"', report))
    assert targets <= set(ids), targets - set(ids)
    linked = re.findall(r'<a href="#(d-\d+)">', report)
    assert 0 < len(linked) <= 30  # only documents with a section are links


def test_key_evidence_is_marked_and_the_rest_waits_for_its_toggle() -> None:
    result = _result(1, 0.5, capped=True)
    marks = {m.css for m in marks_for(result.results, CAPS)}
    assert {"bp", "at", "fl"} <= marks  # boilerplate line, what sourcing counts, span of a capping flag
    assert "ac" + OTHER_SUFFIX in marks and "ac" not in marks  # actor mentions are context
    uncapped = {m.css for m in marks_for(result.results, {})}
    assert "fx" + OTHER_SUFFIX in uncapped and "fl" not in uncapped
    for score, css in ((1.0, "he" + OTHER_SUFFIX), (0.8, "he")):  # hedges lowered the score only below 1
        hedging = RubricResult("hedging", "1", score, evidence=(Evidence(12, 15, "hedge"),))
        with_hedges = replace(result, results={**result.results, "hedging": hedging})
        assert css in {m.css for m in marks_for(with_hedges.results, CAPS)}


def test_toggles_are_css_only(report: str) -> None:
    assert "<script" not in report
    assert 'id="t-actor"' in report and "body:has(#t-actor:checked) .aco" in report
    assert "class=aco>China</span>" in report


def test_document_sections_stay_within_the_size_budget(tmp_path: Path) -> None:
    items = _corpus(400)
    write_report(items, tmp_path, RUBRICS, {"name": "p", "hash": "h"},
                 ReportOptions(n_bootstrap=50, max_html_bytes=250_000), flag_caps=CAPS)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) <= 250_000
    sections = page.count('<details class="doc"')
    assert 0 < sections < 200
    assert f"The {sections} lowest-scoring documents (the most that fit in 0.2 MB)" in page
    assert len(_table_rows(page)) == 401  # the table still lists every document


def test_why_phrase() -> None:
    assert why_phrase({"capped_by": {"flag": "too_short", "cap": 0.6}, "base_score": 0.81}) == \
        "capped by too_short at 0.6 (base 0.810)"
    assert why_phrase({"rubrics": {"a": {"score": 0.4}, "b": {"score": 0.2}}}) == "lowest: b 0.20"


def test_seed_report_tells_why_000_and_003_score_half(tmp_path: Path) -> None:
    from scoring.engine.pipeline import score_corpus
    from scoring.engine.profile import load_profile

    profile = load_profile("default")
    paths = sorted(SEEDS.glob("00[03]_*.txt"))
    write_report(list(score_corpus(paths, profile)), tmp_path, profile.rubrics, profile.identity(),
                 ReportOptions(n_bootstrap=100), flag_caps=dict(profile.flag_caps))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("flag (below). Without the cap it would be") == 2
    assert page.count('<details class="doc"') == 2 and page.count('<details class="doc" id="d-0" open>') == 1
