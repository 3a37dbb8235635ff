"""Whose voice a loaded cue is in: the outlet's, a quoted speaker's, or part of a name.

- Inside quotation marks (“…”, "…", ‘…’, 「…」, 『…』, any length; rubrics.common.quotes pairs
  them) the words are the speaker's, or the outlet holding a word at arm's length: not the
  outlet's loaded language. One quoted word counts: labeled lockdowns as “tyranny”.
- A capitalised cue next to another capitalised word, not opening its line or sentence, is part of a
  name ("Black Lives Matter", "Major League Baseball", "Communist Party", "Heroes Act"), unless its
  line is in Title Case (a headline: "Bernie Sanders Is Crazy").
- A cue after a reporting verb in its own sentence ("critics said the plan was reckless") is
  reported speech: it keeps REPORTED_SPEECH_FACTOR of its weight.
"""

from __future__ import annotations

import re

# English attribution verbs; Chinese ones of two characters (说/称 alone sit inside too many words).
REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|according to|stated|wrote|writes|added|argued|argues|asserted|contended|"
    r"insisted|warned|called|described|labeled|labelled|accused|tweeted)\b|表示|指出|认为|写道|透露",
    re.IGNORECASE,
)
# Chosen on BABE dev (docs/rubrics.md, Framing): halving keeps one strong cue below the
# sentence threshold when a source is speaking, and still counts two.
REPORTED_SPEECH_FACTOR = 0.5

_PREV_WORD = re.compile(r"([^\W\d_][\w'’\-]*)[ \t]+$")
_NEXT_WORD = re.compile(r"[\w'’\-]*[ \t]+([^\W\d_])")
_LONG_WORD = re.compile(r"[^\W\d_][\w'’\-]{3,}")
_OPENS_SENTENCE = frozenset(".!?:;\"“‘(—–-\n")


def title_case(line: str) -> bool:
    words = _LONG_WORD.findall(line)
    # Headlines capitalise nearly every long word; a sentence full of names still has lower-case verbs.
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def is_name_part(text: str, start: int, end: int) -> bool:
    """The cue text[start:end] is written as part of a proper name."""
    if not text[start].isupper() or text[start:end].isupper():
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in _OPENS_SENTENCE:
        return False
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    nxt = _NEXT_WORD.match(text, start)
    if not ((prev and prev.group(1)[0].isupper()) or (nxt and nxt.group(1).isupper())):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not title_case(text[line_start:line_end if line_end >= 0 else len(text)])
