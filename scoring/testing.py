"""The rubric contract as a test kit, for built-in and third-party rubrics alike.

    from scoring.testing import check_rubric     # needs the `testing` extra (hypothesis)
    def test_my_rubric_contract():
        check_rubric(MyRubric())

`check_rubric` raises AssertionError naming the first broken rule: scores in [0, 1],
evidence inside the original text, the same result twice, parameters stored as given and
meeting their declared `parameter_constraints`, features among the declared `feature_names` (when
the rubric declares them), and no crash on empty, huge, odd-Unicode,
mixed-script or arbitrary (hypothesis) input.
"""

from __future__ import annotations

import inspect
import json
import math
from collections.abc import Iterable

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError as exc:  # the kit is for tests; hypothesis is in the `testing` extra
    raise ImportError("scoring.testing needs hypothesis: install the testing extra "
                      "(.venv/bin/pip install -e '.[testing]', or pip install 'sourcegauge[testing]'; "
                      "`make test` installs it)") from exc

from scoring.core.document import Document
from scoring.core.params import parameter_problems
from scoring.rubric import Rubric, RubricResult
from scoring.text.segment import Segmented

FIXED_INPUTS: tuple[str, ...] = (
    "",
    " ",
    "\n\n\n",
    "a",
    "。",
    "Advertisements",
    "The minister said on Tuesday that the plan \"may well fail\", according to Reuters [1][6].",
    "美国政府持续采取贸易保护主义措施。据报道,华为表示可能会继续投入。【1】",
    "近年來,美國政府持續(xù)採取措施。The Financial Times said it was likely.\n- 全新地圖探索指南",
    "ＡＤＶＥＲＴＩＳＥＭＥＮＴ ﬁnance café e\u0301 \u200bHua\u200bwei ｢quote｣ ①②",
    "\x00\x01\x02 control \ufffd\ufffd replacement \U0001F600 emoji \u202e rtl",
    "word " * 20000,
    ("A headline without a full stop\n" * 50) + "Then a body sentence that ends properly.",
    "中" * 30000,
    "\r\n".join(["line with windows endings"] * 10),
)


def _check_result(rubric: Rubric, doc: Document, result: RubricResult) -> None:
    where = f"{type(rubric).__name__} on {doc.text[:40]!r}"
    assert isinstance(result, RubricResult), f"{where}: returned {type(result).__name__}, not RubricResult"
    assert result.rubric == rubric.name, f"{where}: result names rubric {result.rubric!r}"
    assert result.version == rubric.version, f"{where}: result version {result.version!r}"
    assert 0.0 <= result.score <= 1.0 and math.isfinite(result.score), f"{where}: score {result.score}"
    n = len(doc.text)
    spans = list(result.evidence) + [e for f in result.flags for e in f.evidence]
    for ev in spans:
        assert isinstance(ev.start, int) and isinstance(ev.end, int), f"{where}: non-int offsets {ev}"
        assert 0 <= ev.start <= ev.end <= n, f"{where}: evidence {ev} outside text of length {n}"
        assert math.isfinite(ev.weight), f"{where}: evidence weight {ev.weight}"
        assert ev.label, f"{where}: evidence without a label"
    declared = type(rubric).feature_names
    for key, value in result.features.items():
        assert isinstance(key, str) and key, f"{where}: feature name {key!r}"
        assert isinstance(value, (int, float)), f"{where}: feature {key} = {value!r} is not a number"
        assert not declared or key in declared, f"{where}: feature {key!r} is not in its declared feature_names"
    # The whole result must serialise to JSON (the output schema depends on it).
    json.dumps(result.to_dict(doc.text), allow_nan=False)


def _check_parameter_constraints(rubric: Rubric) -> None:
    """Every declared constraint names a real parameter, and the rubric's own values meet them."""
    cls = type(rubric)
    params = rubric.get_params()
    for key in cls.parameter_constraints:
        assert key in params, f"{cls.__name__}: parameter_constraints names {key!r}, not a parameter of __init__"
    undeclared = sorted(set(params) - set(cls.parameter_constraints))
    assert not undeclared, f"{cls.__name__}: parameters without a declared constraint: {undeclared}"
    problems = parameter_problems(dict(cls.parameter_constraints), params)
    assert not problems, f"{cls.__name__}: parameters break their declared constraints: {problems}"


def check_once(rubric: Rubric, text: str) -> RubricResult:
    doc = Document(id="check", text=text, source="check")
    first = rubric.score(Segmented(doc))
    _check_result(rubric, doc, first)
    second = rubric.score(Segmented(doc))
    assert first.to_dict() == second.to_dict(), f"{type(rubric).__name__}: not deterministic on {text[:40]!r}"
    return first


def check_rubric(rubric: Rubric, extra_inputs: Iterable[str] = (), max_examples: int | None = None) -> None:
    """Assert that `rubric` keeps the rubric contract (see module docstring).

    `max_examples` generated inputs (default: the active hypothesis profile's setting, so a
    test suite can run few in CI and many in a thorough run: HYPOTHESIS_PROFILE=...).
    """
    cls = type(rubric)
    assert cls.name and isinstance(cls.name, str), f"{cls.__name__} has no name"
    assert cls.version and isinstance(cls.version, str), f"{cls.__name__} has no version"
    params = rubric.get_params()
    rebuilt = cls(**params)
    assert rebuilt.get_params() == params, f"{cls.__name__}: __init__ does not store its parameters as given"
    defaults = {
        p.name: p.default for p in inspect.signature(cls.__init__).parameters.values()
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    }
    if all(v is not inspect.Parameter.empty for v in defaults.values()):
        assert cls().get_params() == defaults, (
            f"{cls.__name__}: __init__ does not store its parameters as given (defaults {defaults})"
        )
    _check_parameter_constraints(rubric)
    for text in (*FIXED_INPUTS, *extra_inputs):
        check_once(rubric, text)

    @settings(max_examples=max_examples if max_examples is not None else settings().max_examples,
              deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
           | st.lists(st.sampled_from(["Advertisements", "据报道", "said", "\n", "。", "may", "Huawei",
                                       "美国", ". ", "[1]", "“", "”", "- ", "《金融时报》", "clearly"]),
                      max_size=60).map("".join))
    def _arbitrary(text: str) -> None:
        check_once(rubric, text)

    _arbitrary()
