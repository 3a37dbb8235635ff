"""Editorial-lean audit: actor tone with CI, comparisons with the other sources, and the seeds' direction."""

from __future__ import annotations

import pytest

from scoring.core.document import Document
from scoring.corpus.audit import audit_record, audit_sources
from scoring.engine.pipeline import DocumentResult
from scoring.rubric import RubricResult
from tests.conftest import SEEDS


def lean_doc(source: str, doc_id: str, actors: list[tuple[str, float, int, int]],
             frames: dict[str, float] | None = None, loaded: float = 1.0) -> DocumentResult:
    lean = RubricResult("lean", "1", 0.5, details={"actors": [
        {"actor": a, "type": "country", "mentions": m, "tone": t, "sentences": m, "voice": v} for a, t, m, v in actors]})
    shares = frames or {"conflict": 0.2, "economic": 0.2, "responsibility": 0.2, "human_interest": 0.2,
                        "morality": 0.2}
    framing = RubricResult("framing", "1", 0.5, features={**{f"frame_{k}": v for k, v in shares.items()},
                                                           "loaded_density": loaded, "loaded_count": 3})
    results = {"lean": lean, "framing": framing}
    return DocumentResult(Document(id=doc_id, text="x", source=source), "en", results, 0.5, (), "p", "h")


def two_sources() -> list[DocumentResult]:
    docs = []
    for i in range(8):
        docs.append(lean_doc("friendly", f"f{i}", [("Ruritania", 0.6 + 0.02 * i, 3, 1), ("Elbonia", -0.1, 2, 0)],
                             {"conflict": 0.1, "economic": 0.6, "responsibility": 0.1, "human_interest": 0.1,
                              "morality": 0.1}, loaded=0.5))
        docs.append(lean_doc("hostile", f"h{i}", [("Ruritania", -0.5 - 0.02 * i, 4, 0), ("Elbonia", -0.1, 2, 2)],
                             {"conflict": 0.6, "economic": 0.1, "responsibility": 0.1, "human_interest": 0.1,
                              "morality": 0.1}, loaded=3.0))
    return docs


def test_actor_tone_direction_and_comparison() -> None:
    report = audit_sources(two_sources())
    by_source = {s.source: s for s in report.sources}
    friendly, hostile = by_source["friendly"], by_source["hostile"]
    rur = {a.actor: a for a in friendly.actors}["Ruritania"]
    assert rur.mentions == 24 and rur.documents == 8
    assert rur.ci_low <= rur.tone <= rur.ci_high and rur.direction == "favourable"
    assert rur.tone_vs_others == pytest.approx(rur.tone - rur.others_tone) and rur.tone_vs_others > 1.0
    assert friendly.favours == ["Ruritania"] and hostile.disfavours == ["Ruritania"]
    assert "Elbonia" not in friendly.favours + friendly.disfavours  # both treat it alike
    assert {a.actor: a for a in hostile.actors}["Ruritania"].direction == "unfavourable"


def test_frames_voice_and_loaded_language() -> None:
    report = audit_sources(two_sources())
    by_source = {s.source: s for s in report.sources}
    friendly, hostile = by_source["friendly"], by_source["hostile"]
    assert friendly.dominant_frame == "economic" and hostile.dominant_frame == "conflict"
    assert friendly.overused_frames == ["economic"] and "conflict" in friendly.underused_frames
    assert sum(friendly.frames.values()) == pytest.approx(1.0)
    assert friendly.loaded_density_vs_others == pytest.approx(0.5 - 3.0)
    voice = {a.actor: a.voice_share for a in hostile.actors}
    assert voice["Elbonia"] == pytest.approx(1.0) and voice["Ruritania"] == 0.0


def test_single_source_has_no_comparison_and_missing_rubrics_are_named() -> None:
    docs = [lean_doc("only", str(i), [("Ruritania", 0.3, 2, 0)]) for i in range(3)]
    report = audit_sources(docs)
    (only,) = report.sources
    assert only.frame_vs_others is None and only.favours == [] and only.actors[0].others_tone is None
    assert report.missing_rubrics == ["sentiment"]


def test_audit_is_reproducible_and_order_independent_per_source() -> None:
    docs = two_sources()
    first = audit_sources(docs).to_dict()
    assert audit_sources(list(reversed(docs))).to_dict()["sources"][0]["frames"] == first["sources"][0]["frames"]
    assert audit_sources(docs).to_dict() == first
    assert audit_sources(docs, seed=5).to_dict() != first


def test_min_mentions_filters_rare_actors() -> None:
    docs = [lean_doc("s", "1", [("Rare", 0.9, 1, 0), ("Common", 0.1, 5, 0)])]
    names = [a.actor for a in audit_sources(docs, min_mentions=2).sources[0].actors]
    assert names == ["Common"]


@pytest.fixture(scope="module")
def seeds_audit():
    from scoring.engine.pipeline import score_corpus
    from scoring.engine.registry import available_rubrics

    missing = {"lean", "framing", "sentiment"} - set(available_rubrics())
    if missing:
        pytest.skip(f"rubrics not registered: {sorted(missing)}")
    try:
        results = list(score_corpus(SEEDS, "editorial-audit"))
    except ImportError as exc:  # a rubric registered but not importable yet
        pytest.skip(f"editorial-audit rubrics do not import: {exc}")
    return results, audit_sources(results, min_mentions=1, top_actors=50)


def test_audit_records_from_workers_audit_like_full_results(seeds_audit) -> None:
    # `audit_record` is what `sourcegauge audit` takes from each worker instead of the result.
    results, full = seeds_audit
    compact = [audit_record(r) for r in results]
    assert all("evidence" not in entry for c in compact for entry in c["rubrics"].values())
    assert audit_sources(compact, min_mentions=1, top_actors=50).to_dict() == full.to_dict()
    assert audit_sources(two_sources()).to_dict() == audit_sources([audit_record(r) for r in two_sources()]).to_dict()


def test_seeds_are_favourable_to_chinese_tech_and_not_to_the_us(seeds_audit) -> None:
    # The seeds are Chinese-tech boosterism: DeepSeek and Huawei praised, U.S. policy cast as the villain.
    _, report = seeds_audit
    (seeds,) = report.sources
    actors = {a.actor: a for a in seeds.actors}
    us = actors["United States"]
    for champion in ("DeepSeek", "Huawei"):
        assert actors[champion].tone > us.tone + 0.2, (champion, actors[champion], us)
        # Tone is read per mention (neutral mentions count), and the Chinese seeds' by the English-trained model
        # with no Chinese labels to fit it on, so a champion's mean can sit at zero (Huawei with lean 3.2: -0.005,
        # CI [-0.18, +0.27]; 003 reads the sanctions against it as done to it): never unfavourable, though, and
        # well above the United States.
        assert actors[champion].direction in ("favourable", "neutral")
    assert us.direction != "favourable"
    assert seeds.dominant_frame is not None and seeds.loaded_density is not None


def test_seed_001_is_one_sided_and_single_documents_get_no_comparison(seeds_audit) -> None:
    # Audited as separate sources, every source is one document: an actor one document mentions
    # says nothing about a source's habit, so there is no "vs others" value and no favours list.
    from dataclasses import replace

    results, _ = seeds_audit
    split = [replace(r, doc=replace(r.doc, source=r.doc.id.split("/")[-1][:3])) for r in results]
    report = audit_sources(split, min_mentions=1)
    s001 = next(s for s in report.sources if s.source == "001")
    huawei = {a.actor: a for a in s001.actors}["Huawei"]
    assert huawei.tone_vs_others is None and huawei.direction == "one document"
    assert all(not s.favours and not s.disfavours for s in report.sources)
    doc001 = next(r for r in results if "001_" in r.doc.id)
    assert "one_sided_tone" in doc001.flags


def person_doc(source: str, doc_id: str, rows: list[tuple[str, float, int, list[str]]],
               mentions: list[tuple[str, float, str]] = ()) -> DocumentResult:
    """A document whose lean result lists people (name, tone, mentions, aliases) and mention rows
    (actor, tone, sentence) over the text made of those sentences."""
    text = " ".join(sentence for _, _, sentence in mentions) or "x"
    rows_out, pos = [], 0
    for actor, tone, sentence in mentions:
        start = text.index(sentence, pos)
        rows_out.append({"start": start, "end": start + 1, "actor": actor, "tone": tone, "label": "neutral",
                         "words": [], "sentence": [start, start + len(sentence)], "voice": False})
        pos = start + len(sentence)
    lean = RubricResult("lean", "2", 0.5, details={
        "actors": [{"actor": a, "type": "person", "aliases": al, "mentions": m, "tone": t, "ci_low": t, "ci_high": t,
                    "sentences": m, "voice": 0} for a, t, m, al in rows],
        "mentions": rows_out})
    return DocumentResult(Document(id=doc_id, text=text, source=source), "en", {"lean": lean}, 0.5, (), "p", "h")


def test_aliases_merge_across_documents() -> None:
    docs = [person_doc("a", "a1", [("David Cameron", 0.1, 3, ["David Cameron", "Mr Cameron"])]),
            person_doc("a", "a2", [("Cameron", 0.3, 2, ["Cameron"])]),
            person_doc("a", "a3", [("Louis van Gaal", 0.0, 2, ["Louis van Gaal"])]),
            person_doc("a", "a4", [("Van Gaal", 0.2, 4, ["Van Gaal"]), ("Smith", 0.0, 2, ["Smith"])]),
            person_doc("a", "a5", [("Anna Smith", 0.0, 2, []), ("John Smith", 0.0, 2, [])])]
    actors = {a.actor: a for a in audit_sources(docs, min_mentions=1).sources[0].actors}
    assert actors["David Cameron"].mentions == 5 and actors["David Cameron"].documents == 2
    assert actors["Louis van Gaal"].mentions == 6 and "Van Gaal" not in actors
    assert "Smith" in actors  # two full names end with it: ambiguous, left alone


def test_a_surname_merges_into_the_full_name_that_has_nearly_all_its_mentions() -> None:
    def corpus(bill_mentions: int) -> dict[str, object]:
        docs = [person_doc("a", "a1", [("Barack Obama", 0.1, 18, ["Barack Obama"])]),
                person_doc("a", "a2", [("Michelle Obama", 0.0, 1, ["Michelle Obama"])]),
                person_doc("a", "a3", [("Obama", 0.2, 6, ["Obama"])]),
                person_doc("a", "a4", [("Hillary Clinton", 0.0, 10, ["Hillary Clinton"])]),
                person_doc("a", "a5", [("Bill Clinton", 0.0, bill_mentions, ["Bill Clinton"])]),
                person_doc("a", "a6", [("Clinton", 0.0, 3, ["Clinton"])])]
        return {a.actor: a for a in audit_sources(docs, min_mentions=1).sources[0].actors}

    actors = corpus(bill_mentions=4)
    assert actors["Barack Obama"].mentions == 24 and "Obama" not in actors  # 18 of the 19 mentions
    assert "Clinton" in actors  # Hillary has 10 of 14: still ambiguous
    assert corpus(bill_mentions=1)["Hillary Clinton"].mentions == 13


def test_a_merged_actor_is_named_by_its_main_full_name_not_a_rare_longer_reading() -> None:
    docs = [person_doc("a", "a1", [("Bill Clinton", 0.1, 12, ["Bill Clinton"])]),
            person_doc("a", "a2", [("Debating Bill Clinton", 0.0, 2, ["Debating Bill Clinton"])]),
            person_doc("a", "a3", [("Donald J. Trump", 0.0, 2, ["Donald J. Trump"])]),
            person_doc("a", "a4", [("Donald Trump", 0.0, 5, ["Donald Trump"])])]
    actors = {a.actor: a for a in audit_sources(docs, min_mentions=1).sources[0].actors}
    assert actors["Bill Clinton"].mentions == 14 and "Debating Bill Clinton" not in actors
    assert actors["Donald Trump"].mentions == 7 and "Donald J. Trump" not in actors


def test_a_short_name_merges_by_its_words_only_when_someone_is_a_person() -> None:
    def doc(doc_id: str, name: str, kind: str) -> DocumentResult:
        result = person_doc("a", doc_id, [(name, 0.1, 2, [name])])
        result.results["lean"].details["actors"][0]["type"] = kind
        return result

    docs = [doc("t1", "Next Twitter", "other"), doc("t2", "Twitter", "other"),
            doc("c1", "David Cameron", "person"), doc("c2", "Cameron", "other")]
    actors = {a.actor for a in audit_sources(docs, min_mentions=1).sources[0].actors}
    assert {"Next Twitter", "Twitter", "David Cameron"} <= actors and "Cameron" not in actors


def test_a_name_joined_by_of_owns_no_short_form() -> None:
    # BBC: "Cornwall" (of "the Duchy of Cornwall") had merged into "Duchess of Cornwall", and
    # "Christ" (the film "The Passion of the Christ") into "Utah-based Church of Jesus Christ".
    docs = [person_doc("a", "d1", [("Duchess of Cornwall", 0.1, 2, [])]),
            person_doc("a", "d2", [("Cornwall", 0.3, 2, [])]),
            person_doc("a", "d3", [("Church of Jesus Christ", 0.0, 2, [])]),
            person_doc("a", "d4", [("Christ", 0.9, 3, [])])]
    actors = {a.actor for a in audit_sources(docs, min_mentions=1).sources[0].actors}
    assert actors == {"Duchess of Cornwall", "Cornwall", "Church of Jesus Christ", "Christ"}


def test_an_actor_has_the_type_most_of_its_mentions_have() -> None:
    # The BBC / Daily Mail audit typed Barack Obama a place: the first document read "in Obama's ...".
    def doc(doc_id: str, kind: str, mentions: int) -> DocumentResult:
        result = person_doc("a", doc_id, [("Barack Obama", 0.1, mentions, [])])
        result.results["lean"].details["actors"][0]["type"] = kind
        return result

    docs = [doc("d0", "place", 1), doc("d1", "person", 3), doc("d2", "other", 4), doc("d3", "person", 2)]
    assert audit_sources(docs, min_mentions=1).sources[0].actors[0].type == "person"
    assert audit_sources([doc("d0", "other", 5), doc("d1", "place", 1)], min_mentions=1).sources[0].actors[0].type \
        == "place"  # an untyped reading says nothing against a typed one


def test_no_fixed_length_actor_table_ordered_by_mentions() -> None:
    docs = [person_doc("a", f"a{i}", [(f"Person {k:02d}", 0.0, 1 + (k % 5), []) for k in range(40)]) for i in range(2)]
    actors = audit_sources(docs).sources[0].actors
    assert len(actors) == 40
    assert [a.mentions for a in actors] == sorted((a.mentions for a in actors), reverse=True)
    assert len(audit_sources(docs, top_actors=5).sources[0].actors) == 5


def test_favours_come_with_their_sentences_and_need_both_sides() -> None:
    good = [person_doc("friendly", f"f{i}", [("Ann Lee", 0.7, 2, [])],
                       [("Ann Lee", 0.8, f"Ann Lee was praised, story {i}."), ("Ann Lee", 0.6, f"Lee won {i}.")])
            for i in range(3)]
    bad = [person_doc("hostile", f"h{i}", [("Ann Lee", -0.6, 2, [])],
                      [("Ann Lee", -0.7, f"Ann Lee was accused, story {i}."), ("Ann Lee", -0.5, f"Lee lost {i}.")])
           for i in range(3)]
    report = {s.source: s for s in audit_sources(good + bad).sources}
    assert report["friendly"].favours == ["Ann Lee"] and report["hostile"].disfavours == ["Ann Lee"]
    evidence = report["friendly"].evidence["Ann Lee"]
    assert evidence and evidence[0]["tone"] == 0.8 and evidence[0]["sentence"].startswith("Ann Lee was praised")
    assert all(e["tone"] < 0 for e in report["hostile"].evidence["Ann Lee"])
    compact = audit_sources([audit_record(r) for r in good + bad]).to_dict()
    assert compact == audit_sources(good + bad).to_dict()
    # one hostile document is not enough for a comparison
    one_side = {s.source: s for s in audit_sources(good + bad[:1]).sources}
    assert one_side["friendly"].favours == [] and one_side["friendly"].actors[0].tone_vs_others is None


def test_a_sentence_naming_an_actor_twice_is_one_piece_of_evidence() -> None:
    def doc(source: str, i: int, tones: tuple[float, float]) -> DocumentResult:
        text = f"Critics blasted the Lee plan, and Ann Lee herself, story {i}. Lee spoke."
        end = text.index(".") + 1
        mentions = [{"start": text.index("Lee"), "end": text.index("Lee") + 3, "actor": "Ann Lee", "tone": tones[0],
                     "label": "negative", "words": [], "sentence": [0, end], "voice": False},
                    {"start": text.index("Ann"), "end": text.index("Ann") + 7, "actor": "Ann Lee", "tone": tones[1],
                     "label": "negative", "words": [], "sentence": [0, end], "voice": False}]
        lean = RubricResult("lean", "2", 0.5, details={
            "actors": [{"actor": "Ann Lee", "type": "person", "aliases": [], "mentions": 2, "tone": sum(tones) / 2,
                        "ci_low": min(tones), "ci_high": max(tones), "sentences": 1, "voice": 0}],
            "mentions": mentions})
        return DocumentResult(Document(id=f"{source}{i}", text=text, source=source), "en", {"lean": lean}, 0.5, (),
                              "p", "h")

    hostile = [doc("hostile", 0, (-0.9, -0.8))] + [doc("hostile", i, (-0.3, -0.2)) for i in (1, 2)]
    docs = hostile + [doc("friendly", i, (0.5, 0.6)) for i in range(3)]
    evidence = {s.source: s for s in audit_sources(docs).sources}["hostile"].evidence["Ann Lee"]
    sentences = [e["sentence"] for e in evidence]
    assert len(sentences) == len(set(sentences)) == 3
    assert [e["tone"] for e in evidence] == [-0.9, -0.3, -0.3]


def test_a_favour_must_hold_up_under_the_other_sources_noise_too() -> None:
    # This source is consistent (a narrow interval); the others' two documents disagree with each
    # other. Their mean lies outside this source's interval, but the difference is noise.
    steady = [person_doc("steady", f"s{i}", [("Ann Lee", 0.3 + 0.001 * i, 2, [])]) for i in range(10)]
    noisy = [person_doc("noisy", "n0", [("Ann Lee", -0.6, 2, [])]), person_doc("noisy", "n1", [("Ann Lee", 0.8, 2, [])])]
    report = {s.source: s for s in audit_sources(steady + noisy).sources}
    row = next(a for a in report["steady"].actors if a.actor == "Ann Lee")
    assert row.tone_vs_others == pytest.approx(0.2, abs=0.01) and row.ci_low > 0.1  # the old rule's favour
    assert report["steady"].favours == [] and report["noisy"].disfavours == []
    # the same difference with agreeing documents on the other side is a favour
    calm = [person_doc("noisy", f"c{i}", [("Ann Lee", 0.1 + 0.001 * i, 2, [])]) for i in range(6)]
    report = {s.source: s for s in audit_sources(steady + calm).sources}
    assert report["steady"].favours == ["Ann Lee"]
    # and the table says how strong each tested difference is
    favoured = next(a for a in report["steady"].actors if a.actor == "Ann Lee")
    assert favoured.p_vs_others is not None and favoured.p_vs_others < 0.05
    assert row.p_vs_others is not None and row.p_vs_others > favoured.p_vs_others


def test_the_audit_tables_show_the_p_value_of_each_tested_difference() -> None:
    import io

    from scoring.report.tables import audit_csv, audit_markdown

    steady = [person_doc("steady", f"s{i}", [("Ann Lee", 0.3 + 0.001 * i, 2, [])]) for i in range(10)]
    calm = [person_doc("calm", f"c{i}", [("Ann Lee", 0.1 + 0.001 * i, 2, [])]) for i in range(6)]
    report = audit_sources(steady + calm)
    p_value = report.sources[0].actors[0].p_vs_others
    assert p_value is not None and report.to_dict()["sources"][0]["actors"][0]["p_vs_others"] == round(p_value, 4)
    header = [line for line in audit_markdown(report).splitlines() if line.startswith("| actor")][0]
    assert header.rstrip(" |").endswith("vs others | p")
    out = io.StringIO()
    audit_csv(report, out)
    rows = out.getvalue().splitlines()
    assert "p_vs_others" in rows[0].split(",") and len(rows[1].split(",")) == len(rows[0].split(","))


def test_many_compared_actors_are_held_to_a_false_discovery_rate() -> None:
    from scoring.corpus.audit import _benjamini_hochberg

    # one clear difference among thirty actors with no difference (their p-values spread evenly
    # over (0, 1]; a single 5% test would still list the first)
    tested = [(0.0001, "Clear", 0.5, None)] + [(i / 30, f"Actor {i}", 0.2, None) for i in range(1, 31)]
    assert [t[1] for t in _benjamini_hochberg(tested, 0.05)] == ["Clear"]
    # when every test is that small, they all pass: the rate is of false entries among those listed
    assert len(_benjamini_hochberg([(0.001, str(i), 0.2, None) for i in range(30)], 0.05)) == 30
    assert _benjamini_hochberg([], 0.05) == []


def test_the_difference_p_value_reads_both_sides_noise() -> None:
    import numpy as np

    from scoring.corpus.audit import weighted_mean_difference_p

    rng = np.random.default_rng(0)
    a = rng.normal(0.3, 0.01, 20)
    ones = np.ones(20)
    tight = weighted_mean_difference_p(0.2, a, ones, np.full(20, 0.1), ones, 1000, np.random.default_rng(1))
    loose = weighted_mean_difference_p(0.2, a, ones, np.array([-0.6, 0.8]), np.ones(2), 1000,
                                       np.random.default_rng(1))
    assert tight < 1e-6 < 0.3 < loose <= 1.0
