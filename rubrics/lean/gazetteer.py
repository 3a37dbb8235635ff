"""The lean rubric's actor gazetteer: aliases in several languages and scripts -> actor.

Shipped list: rubrics/data/lean_actors.csv (columns actor,type,aliases; aliases separated by
"|"). A user file in the same format extends it (its rows win on conflicting aliases); it is
checked when a profile loads (`check_gazetteer`), so a missing or malformed file is an error
before any document is scored. Latin-script aliases match case-sensitively ("US" the country,
not "us"); Chinese aliases match on Traditional->Simplified folded text.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rubrics.common.cues import Cue, CueMatcher
from rubrics.common.data import data_text
from scoring.text.script import has_cjk

ACTOR_TYPES = ("country", "company", "person", "organisation", "place", "other")
COLUMNS = ("actor", "type", "aliases")


class GazetteerError(ValueError):
    """A user gazetteer that cannot be used; the message names the file and the line."""


class Actor(NamedTuple):
    name: str
    type: str


def _rows(text: str, where: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise GazetteerError(f"{where}: no header line; expected the columns {','.join(COLUMNS)}")
    reader = csv.DictReader(lines)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("actor", "aliases") if c not in header]
    if missing:
        raise GazetteerError(f"{where}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}, "
                             f"got {','.join(header)}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise GazetteerError(f"{where}: row {number}: more fields than the header has "
                                 "(separate aliases with '|', not ',')")
        row = {k.strip(): (v or "").strip() for k, v in row.items()}
        if not row.get("actor"):
            raise GazetteerError(f"{where}: row {number}: empty actor name")
        kind = (row.get("type") or "other").lower()
        if kind not in ACTOR_TYPES:
            raise GazetteerError(f"{where}: row {number}: type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
        rows.append(row)
    return rows


def read_gazetteer(path: str | Path) -> list[dict[str, str]]:
    """Rows of a user gazetteer file; GazetteerError when it is missing or malformed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GazetteerError(f"{path}: gazetteer file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer: {exc}") from None
    return _rows(text, str(path))


def check_gazetteer(path: Path) -> None:
    """The profile-load check of a user gazetteer (raises GazetteerError, a ValueError)."""
    read_gazetteer(path)


@lru_cache(maxsize=8)
def gazetteer(extra_path: str | None = None) -> tuple[CueMatcher, CueMatcher]:
    """(Latin aliases, case-sensitive; Chinese aliases, folded), each cue's payload an Actor."""
    rows = _rows(data_text("lean_actors.csv"), "rubrics/data/lean_actors.csv")
    if extra_path:
        rows += read_gazetteer(extra_path)
    alias_to_actor: dict[str, Actor] = {}
    for row in rows:
        actor = Actor(row["actor"], (row.get("type") or "other").lower())
        for alias in [actor.name, *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if alias:
                alias_to_actor[alias] = actor  # later rows (the user's file) win
    latin = [Cue(a, mode="any", payload=act) for a, act in alias_to_actor.items() if not has_cjk(a)]
    cjk = [Cue(a, mode="any", payload=act) for a, act in alias_to_actor.items() if has_cjk(a)]
    return CueMatcher(latin, case_sensitive=True), CueMatcher(cjk)
