"""The lean rubric's actor gazetteer: aliases in several languages and scripts -> actor.

Shipped list: rubrics/data/lean_actors.csv (columns actor,type,aliases; aliases separated by
"|"). A user file in the same format extends it (its rows win on conflicting aliases).
Latin-script aliases match case-sensitively ("US" the country, not "us"); Chinese aliases
match on Traditional->Simplified folded text.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rubrics.common.cues import Cue, CueMatcher
from rubrics.common.data import data_text
from scoring.text.script import has_cjk

ACTOR_TYPES = ("country", "company", "person", "organisation", "other")


class Actor(NamedTuple):
    name: str
    type: str


def _rows(text: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=8)
def gazetteer(extra_path: str | None = None) -> tuple[CueMatcher, CueMatcher]:
    """(Latin aliases, case-sensitive; Chinese aliases, folded), each cue's payload an Actor."""
    rows = _rows(data_text("lean_actors.csv"))
    if extra_path:
        rows += _rows(Path(extra_path).read_text(encoding="utf-8"))
    alias_to_actor: dict[str, Actor] = {}
    for row in rows:
        name = (row.get("actor") or "").strip()
        if not name:
            continue
        kind = (row.get("type") or "other").strip().lower()
        actor = Actor(name, kind if kind in ACTOR_TYPES else "other")
        for alias in [name, *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if alias:
                alias_to_actor[alias] = actor  # later rows (the user's file) win
    latin = [Cue(a, mode="any", payload=act) for a, act in alias_to_actor.items() if not has_cjk(a)]
    cjk = [Cue(a, mode="any", payload=act) for a, act in alias_to_actor.items() if has_cjk(a)]
    return CueMatcher(latin, case_sensitive=True), CueMatcher(cjk)
