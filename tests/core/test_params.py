"""Declared parameter constraints: each kind accepts what it says and names what is wrong."""

from __future__ import annotations

import math

import pytest

from scoring.core.params import FilePath, InstanceOf, Interval, NoneOr, OneOf, parameter_problems


@pytest.mark.parametrize(("rule", "good", "bad"), [
    (Interval(int, 0), [0, 3, 10**9], [-1, 2.5, True, "3", math.inf]),
    (Interval(float, 0.0, 1.0), [0, 0.5, 1.0], [-0.1, 1.01, math.nan, math.inf, False, None]),
    (OneOf(("reject", "keep")), ["reject", "keep"], ["drop", 1, None]),
    (OneOf((1, 2)), [1, 2], [True, 3]),
    (InstanceOf((bool,)), [True, False], [1, "yes", None]),
    (NoneOr(Interval(int, 1)), [None, 1], [0, "1"]),
])
def test_constraints_accept_and_refuse(rule, good, bad) -> None:
    assert [rule.problem(v) for v in good] == [None] * len(good)
    assert all(rule.problem(v) for v in bad)


def test_file_path_constraint_reads_and_checks_the_file(tmp_path) -> None:
    good = tmp_path / "ok.csv"
    good.write_text("a,b\n", encoding="utf-8")

    def header_a_b(path) -> None:
        if not path.read_text(encoding="utf-8").startswith("a,b"):
            raise ValueError("expected a header 'a,b'")

    rule = FilePath(check=header_a_b)
    assert rule.problem(str(good)) is None
    assert "no such file" in rule.problem(str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("x\n", encoding="utf-8")
    assert "expected a header" in rule.problem(str(bad))
    assert rule.problem(3)


def test_parameter_problems_name_each_key() -> None:
    problems = parameter_problems({"n": Interval(int, 1), "share": Interval(float, 0, 1)},
                                  {"n": 0, "share": 0.5, "undeclared": object()})
    assert [key for key, _ in problems] == ["n"]
