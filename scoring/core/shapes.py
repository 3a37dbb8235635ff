"""The shapes of rubric output that corpus analysis reads (the audit, reports).

The engine never imports a rubric: it reads what rubrics write. These declarations are that
contract — the lean, framing and sentiment rubrics build their `details` and features to them,
and `scoring.corpus.audit` reads through them — so neither side keeps a private copy of the
other's field names or frame list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict


class ActorRow(TypedDict):
    """One actor of a document (lean `details["actors"]`)."""

    actor: str  # canonical name
    type: str  # country | company | person | organisation | place | other
    aliases: list[str]  # surface forms the document used for it
    mentions: int
    tone: float  # mean tone toward its mentions, in [-1, 1]
    ci_low: float  # 95% interval of that mean
    ci_high: float
    sentences: int
    voice: int  # mentions that are the source of an attribution


class MentionRow(TypedDict):
    """One mention of an actor (lean `details["mentions"]`); offsets into the original text."""

    start: int
    end: int
    actor: str
    tone: float  # toward this mention, in [-1, 1]
    label: str  # negative | neutral | positive
    words: list[list[float]]  # [start, end, signed weight] of the words that drove the tone
    sentence: list[int]  # [start, end] of the mention's sentence
    voice: bool  # the mention is the source of an attribution


class LeanDetails(TypedDict, total=False):
    actors: list[ActorRow]
    mentions: list[MentionRow]


class FramingDetails(TypedDict):
    dominant_frame: str | None
    frame_weights: dict[str, float]
    words: int


# Framing features: `frame_<name>` = that frame's share of the document's frame cues.
FRAME_FEATURE_PREFIX = "frame_"
LOADED_DENSITY = "loaded_density"  # framing: loaded words per 100 words
MEAN_COMPOUND = "mean_compound"  # sentiment: mean sentence compound, [-1, 1]
CHARGED_SHARE = "charged_share"  # sentiment: share of strongly charged sentences


def frame_shares(features: Mapping[str, Any]) -> dict[str, float]:
    """{frame: share} from a framing result's features (frames as the rubric names them)."""
    return {name[len(FRAME_FEATURE_PREFIX):]: float(value) for name, value in features.items()
            if name.startswith(FRAME_FEATURE_PREFIX) and isinstance(value, (int, float))}


def lean_actors(details: Mapping[str, Any]) -> list[ActorRow]:
    """The actor rows of a lean result's details ([] when there are none)."""
    return list(details.get("actors") or [])


def lean_mentions(details: Mapping[str, Any]) -> list[MentionRow]:
    """The mention rows of a lean result's details ([] when there are none)."""
    return list(details.get("mentions") or [])


# The boilerplate rubric labels every line: details["lines"] = [(start, end, label), ...] in
# original-text offsets, label "content" or a boilerplate category. The gate's repair mode
# removes the lines that are not content.
BOILERPLATE_RUBRIC = "boilerplate"
CONTENT_LABEL = "content"
LINK_FARM_FLAG = "link_farm"  # spam: its evidence spans are off-topic headline lines


def line_labels(details: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """The (start, end, label) rows of a boilerplate result's details ([] when absent)."""
    return [(int(row[0]), int(row[1]), str(row[2])) for row in details.get("lines") or ()]
