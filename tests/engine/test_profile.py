"""Profiles: built-ins load, user files validate with errors naming the key; aggregation maths."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.engine.aggregate import document_score, score_breakdown
from scoring.engine.profile import Profile, ProfileError, builtin_profiles, load_profile, parse_profile
from scoring.rubric import Evidence, Flag, RubricResult
from tests.conftest import PLUGIN_DIR, seed_text


def _write(tmp_path, body: str):
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_builtin_profiles_exist_and_load() -> None:
    assert {"default", "equal-weight", "strict", "editorial-audit"} <= set(builtin_profiles())
    for name in ("default", "equal-weight", "strict", "editorial-audit"):
        profile = load_profile(name)
        assert profile.name == name
        assert any(w > 0 for w in profile.weights.values())
        assert len(profile.hash) == 16


def test_default_runs_the_quality_rubrics_and_audit_runs_lean() -> None:
    quality = {"boilerplate", "spam", "sourcing", "hedging", "sentiment", "framing", "style"}
    # lean is the audit's: the model never reads it, and it costs more than the other rubrics together.
    assert set(load_profile("default").rubrics) == quality
    assert set(load_profile("equal-weight").rubrics) == quality - {"style"} | {"lean"}
    assert load_profile("default").model is not None and load_profile("equal-weight").model is None
    audit = load_profile("editorial-audit")
    assert "lean" in audit.rubrics and "framing" in audit.rubrics
    # strict and equal-weight share the weighted mean's scale; the default model's scores spread wider.
    strict = load_profile("strict")
    assert strict.flag_caps["link_farm"] < load_profile("equal-weight").flag_caps["link_farm"]


def test_advertisement_labels_cap_and_reject_only_under_strict() -> None:
    # An "Advertisement" slot label is the publisher's page template: the default score is not capped by
    # it and the default gate does not reject on it (the flag is still raised); `strict` does both.
    default, strict = load_profile("default"), load_profile("strict")
    assert "ad_markers" not in default.flag_caps and "ad_markers" not in default.gate["flags"]
    assert strict.flag_caps["ad_markers"] <= 0.4 and strict.gate["flags"]["ad_markers"] == "spam_ad_markers"
    assert default.flag_caps["link_farm"] <= 0.2


def test_file_parameters_resolve_against_the_profile_folder_and_enter_the_hash(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "extra.csv").write_text("actor,type,aliases\nAcme Corp,company,Acme\n", encoding="utf-8")
    path = folder / "mine.toml"
    path.write_text('[rubrics]\nlean = 1\n[params.lean]\ngazetteer = "extra.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the working directory does not matter
    profile = load_profile(path)
    assert profile.params["lean"]["gazetteer"] == str(folder / "extra.csv")
    before = profile.hash
    # Same content elsewhere: same hash; other content: another hash.
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (moved / "extra.csv").write_bytes((folder / "extra.csv").read_bytes())
    (moved / "mine.toml").write_bytes(path.read_bytes())
    assert load_profile(moved / "mine.toml").hash == before
    (moved / "extra.csv").write_text("actor,type,aliases\nOther Ltd,company,Other\n", encoding="utf-8")
    assert load_profile(moved / "mine.toml").hash != before


def test_user_profile_file(tmp_path) -> None:
    path = _write(tmp_path, 'name = "mine"\n[rubrics]\nspam = 2\nsourcing = 1\n[flag_caps]\nlink_farm = 0.2\n')
    profile = load_profile(path)
    assert profile.weights == {"spam": 2.0, "sourcing": 1.0}
    assert profile.flag_caps == {"link_farm": 0.2}
    assert profile.source == str(path)


@pytest.mark.parametrize(("body", "names"), [
    ("[rubrics]\nnot_a_rubric = 1\n", ["rubrics.not_a_rubric", "unknown rubric"]),
    ("[rubrics]\nspam = -0.5\n", ["rubrics.spam", ">= 0", "-0.5"]),
    ("[rubrics]\nspam = \"heavy\"\n", ["rubrics.spam", "number"]),
    ("[rubrics]\nspam = 0\n", ["at least one rubric"]),
    ("[rubrics]\nspam = 1\n[flag_caps]\nlink_farm = 1.5\n", ["flag_caps.link_farm"]),
    ("[rubrics]\nspam = 1\n[thresholds]\nsourcing = 0.5\n", ["thresholds.sourcing", "not in [rubrics]"]),
    ("[rubrics]\nspam = 1\n[params.sourcing]\nx = 1\n", ["params.sourcing"]),
    ("[rubrics]\nspam = 1\n[flagcaps]\nlink_farm = 0.5\n", ["flagcaps", "unknown profile key"]),
    ("rubrics = []\n", ["[rubrics]"]),
    ("[rubrics\nspam = 1\n", ["invalid TOML"]),
    ("[rubrics]\nsourcing = nan\n", ["rubrics.sourcing", "finite"]),
    ("[rubrics]\nsourcing = inf\n", ["rubrics.sourcing", "finite"]),
    ("[rubrics]\nsourcing = 1e308\n", ["rubrics.sourcing", "at most"]),
    ("[rubrics]\nspam = 1\n[flag_caps]\nlink_farm = nan\n", ["flag_caps.link_farm"]),
    ("[rubrics]\nsourcing = 1\n[params.sourcing]\nmin_words = -3\n", ["params.sourcing.min_words", "[0, inf]"]),
    ("[rubrics]\nsourcing = 1\n[params.sourcing]\nmin_words = 2.5\n", ["params.sourcing.min_words", "integer"]),
    ("[rubrics]\nsourcing = 1\n[params.sourcing]\ninclude_data_points = \"yes\"\n",
     ["params.sourcing.include_data_points", "bool"]),
    ("[rubrics]\nsourcing = 1\n[params.sourcing]\nshare_target = nan\n", ["params.sourcing.share_target", "finite"]),
    ("[rubrics]\nlean = 1\n[params.lean]\ngazetteer = \"no-such.csv\"\n", ["params.lean.gazetteer", "no such file"]),
    ("[rubrics]\nspam = 1\n" + "x = " + "[" * 5000 + "]" * 5000 + "\n", ["nested too deeply"]),
])
def test_invalid_profiles_name_the_key(tmp_path, body: str, names: list[str]) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert str(path) in message
    for name in names:
        assert name in message


def test_unknown_rubric_parameter_is_named(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    ok = parse_profile({"rubrics": {"exclamation": 1}, "params": {"exclamation": {"per_mark_penalty": 0.2}}})
    assert ok.params == {"exclamation": {"per_mark_penalty": 0.2}}
    with pytest.raises(ProfileError, match=r"params\.exclamation\.penalty: unknown parameter"):
        parse_profile({"rubrics": {"exclamation": 1}, "params": {"exclamation": {"penalty": 0.2}}})


def test_unknown_builtin_name() -> None:
    with pytest.raises(ProfileError, match="unknown profile 'nope'"):
        load_profile("nope")


def test_hash_tracks_content() -> None:
    a = parse_profile({"rubrics": {"spam": 1, "sourcing": 1}})
    b = parse_profile({"rubrics": {"spam": 1, "sourcing": 1}, "name": "other name"})
    c = parse_profile({"rubrics": {"spam": 1, "sourcing": 2}})
    assert a.hash == b.hash != c.hash


def _result(name: str, score: float, flags: tuple[str, ...] = ()) -> RubricResult:
    return RubricResult(name, "1", score, flags=tuple(Flag(f, (Evidence(0, 1, f),)) for f in flags))


def test_weighted_mean_and_caps() -> None:
    profile = Profile("p", {"a": 3.0, "b": 1.0, "c": 0.0}, flag_caps={"link_farm": 0.4})
    results = {"a": _result("a", 1.0), "b": _result("b", 0.0), "c": _result("c", 0.0)}
    assert document_score(results, profile) == pytest.approx(0.75)
    results["b"] = _result("b", 0.0, ("link_farm",))
    assert document_score(results, profile) == pytest.approx(0.4)
    # A rubric that failed (absent from results) is left out of both sums.
    assert document_score({"a": _result("a", 0.9)}, profile) == pytest.approx(0.9)
    assert document_score({"c": _result("c", 0.9)}, profile) is None


@given(scores=st.lists(st.floats(0, 1), min_size=1, max_size=6),
       weights=st.lists(st.floats(0.01, 5), min_size=6, max_size=6),
       cap=st.floats(0, 1), flagged=st.booleans())
def test_score_is_a_capped_weighted_mean(scores: list[float], weights: list[float], cap: float, flagged: bool) -> None:
    names = [f"r{i}" for i in range(len(scores))]
    profile = Profile("p", dict(zip(names, weights, strict=False)), flag_caps={"bad": cap})
    results = {n: _result(n, s, ("bad",) if flagged and i == 0 else ()) for i, (n, s) in enumerate(zip(names, scores,
                                                                                                    strict=True))}
    score = document_score(results, profile)
    assert score is not None
    assert min(scores) - 1e-6 <= score <= max(scores) + 1e-6 or (flagged and score <= cap + 1e-6)
    if flagged:
        assert score <= cap + 1e-6


def test_the_breakdown_tells_how_the_score_came_about() -> None:
    profile = Profile("p", {"a": 3.0, "b": 1.0, "c": 0.0}, flag_caps={"link_farm": 0.4, "minor": 0.95})
    results = {"a": _result("a", 1.0), "b": _result("b", 0.0, ("link_farm", "minor")), "c": _result("c", 0.3)}
    story = score_breakdown(results, profile)
    assert story.base == pytest.approx(0.75) and story.score == pytest.approx(0.4)
    assert (story.capped_by, story.cap) == ("link_farm", 0.4)  # the cap that set the score, not the first flag
    assert story.contributions == {"a": pytest.approx(0.75), "b": 0.0}  # weight-0 rubric c is absent
    uncapped = score_breakdown({"a": _result("a", 0.2, ("minor",))}, profile)
    assert uncapped.capped_by is None and uncapped.score == uncapped.base == pytest.approx(0.2)


@given(scores=st.lists(st.floats(0, 1), min_size=1, max_size=5), weights=st.lists(st.floats(0.01, 5), min_size=5,
                                                                                  max_size=5))
def test_contributions_sum_to_the_base_score(scores: list[float], weights: list[float]) -> None:
    names = [f"r{i}" for i in range(len(scores))]
    profile = Profile("p", dict(zip(names, weights, strict=False)))
    story = score_breakdown({n: _result(n, s) for n, s in zip(names, scores, strict=True)}, profile)
    assert sum(story.contributions.values()) == pytest.approx(story.base, abs=1e-5)
    assert story.score == document_score({n: _result(n, s) for n, s in zip(names, scores, strict=True)}, profile)


def test_adding_a_rubric_at_weight_zero_changes_no_score() -> None:
    from scoring import Document, score_document

    default = load_profile("default")
    with_lean = default.adding("lean")
    assert with_lean.rubrics == (*default.rubrics, "lean") and with_lean.weights["lean"] == 0.0
    assert with_lean.name == "default+lean" and with_lean.hash != default.hash
    assert with_lean.adding("lean") is with_lean
    doc = Document(id="d", text=seed_text("001"))
    plain, audited = score_document(doc, profile=default), score_document(doc, profile=with_lean)
    assert audited.score == plain.score and "lean" in audited.results and "lean" not in plain.results
    with pytest.raises(ProfileError, match="not installed"):
        default.adding("no_such_rubric")


def test_lowest_cap_is_the_one_the_score_takes() -> None:
    # The evaluation of the source ranking caps its held-out predictions with this same function.
    from scoring.engine.aggregate import lowest_cap

    caps = {"link_farm": 0.2, "ad_markers": 0.4, "zero": 0.0}
    assert lowest_cap(["ad_markers", "link_farm", "unknown"], caps) == ("link_farm", 0.2)
    assert lowest_cap(["ad_markers", "zero"], caps) == ("zero", 0.0)  # a cap of 0 is a cap
    assert lowest_cap(["unknown"], caps) == (None, None) and lowest_cap([], caps) == (None, None)
