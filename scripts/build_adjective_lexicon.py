"""Build rubrics/data/sentiment_adjectives_en.tsv from Pattern's English subjectivity lexicon.

The lexicon (Tom De Smedt and Walter Daelemans, CLiPS, University of Antwerp; released under the Public
Domain Dedication and License, PDDL) rates 2,918 senses of 1,528 English words, mostly adjectives, for
polarity (-1..1), subjectivity (0..1) and intensity. It is the file TextBlob ships as
``textblob/en/en-sentiment.xml``. Like Pattern itself, a word's values are the mean over its senses, since
a sense cannot be told from the text without a word-sense model.

    pip install -e ".[lexicons]"     # textblob, only to read its XML; sourcegauge never imports it
    python scripts/build_adjective_lexicon.py [--xml PATH]
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rubrics" / "data" / "sentiment_adjectives_en.tsv"

HEADER = """\
# English subjectivity lexicon of Pattern 2.6 / TextBlob (en-sentiment.xml, version {version}), by Tom De Smedt
# and Walter Daelemans (CLiPS, University of Antwerp), licence: {licence} (Public Domain Dedication and License).
# Built by scripts/build_adjective_lexicon.py: one row per word form, each value the mean over the form's
# senses ({senses} senses of {forms} forms in the source). polarity in [-1, 1], subjectivity in [0, 1], intensity is
# Pattern's multiplier when the word modifies another (e.g. "very" 1.3).
"""


def default_xml() -> Path | None:
    spec = find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"


def build(xml_path: Path) -> tuple[str, int]:
    root = ET.parse(xml_path).getroot()
    senses: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for word in root.iter("word"):
        form = (word.get("form") or "").strip().lower()
        if not form:
            continue
        senses[form].append(
            (
                float(word.get("polarity", 0)),
                float(word.get("subjectivity", 0)),
                float(word.get("intensity", 1)),
            )
        )
    rows = ["word\tpolarity\tsubjectivity\tintensity\tsenses"]
    for form in sorted(senses):
        values = senses[form]
        n = len(values)
        pol, subj, inten = (sum(v[i] for v in values) / n for i in range(3))
        rows.append(f"{form}\t{pol:.3f}\t{subj:.3f}\t{inten:.3f}\t{n}")
    header = HEADER.format(
        version=root.get("version", "?"),
        licence=root.get("license", "?"),
        senses=sum(len(v) for v in senses.values()),
        forms=len(senses),
    )
    return header + "\n".join(rows) + "\n", len(senses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--xml", type=Path, default=None, help="en-sentiment.xml (default: the installed textblob's)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    xml_path = args.xml or default_xml()
    if xml_path is None or not xml_path.is_file():
        print(
            "build_adjective_lexicon: en-sentiment.xml not found; pip install textblob or pass --xml",
            file=sys.stderr,
        )
        return 2
    text, forms = build(xml_path)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({forms} words) from {xml_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
