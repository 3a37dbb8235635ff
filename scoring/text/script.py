"""Writing systems: the one definition of a Chinese character, and the one case/script fold.

Every module that asks "is this Chinese?" or matches lexicons across Traditional and Simplified
text uses these, so a character is classified the same way everywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

# CJK Unified Ideographs with Extension A, compatibility ideographs and the supplementary
# ideographic planes (Extensions B–F): the characters Chinese text is written in.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_CHAR = re.compile(f"[{CJK_CLASS}]")


def is_cjk(ch: str) -> bool:
    """Whether the single character `ch` is a Chinese character (CJK_CLASS)."""
    o = ord(ch)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FA1F)


def has_cjk(text: str) -> bool:
    # Pure-ASCII text (most English) is answered without a regex scan.
    return not text.isascii() and CJK_CHAR.search(text) is not None


def cjk_chars(text: str) -> int:
    """Number of Chinese characters in `text`."""
    return len(CJK_CHAR.findall(text)) if has_cjk(text) else 0


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    # OpenCC's Traditional -> Simplified characters, one for one (scoring/text/t2s.tsv).
    table: dict[int, str] = {}
    for line in files("scoring.text").joinpath("t2s.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        traditional, simplified = line.split("\t")[:2]
        if traditional != "traditional":
            table[ord(traditional)] = simplified
    return table


def to_simplified(text: str) -> str:
    """Traditional characters mapped to Simplified, one for one (the length is unchanged)."""
    return text.translate(_t2s_table()) if has_cjk(text) else text


def fold(text: str) -> str:
    """Lower-cased and Simplified, with len(fold(text)) == len(text), so match offsets in the
    folded text are offsets in `text`."""
    low = text.lower()
    if len(low) != len(text):
        # A few characters (İ) lower-case to two; keep those as they are.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return to_simplified(low)
