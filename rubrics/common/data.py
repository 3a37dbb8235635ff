"""Reading lexicon and model files shipped beside the rubrics (rubrics/data/)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, NamedTuple


def data_text(name: str) -> str:
    return files("rubrics").joinpath("data", name).read_text(encoding="utf-8")


def data_json(name: str) -> Any:
    return json.loads(data_text(name))


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV/TSV lexicon file (delimiter by extension); lines starting with # are comments."""
    text = data_text(name)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    delimiter = "\t" if name.endswith(".tsv") else ","
    return list(csv.DictReader(lines, delimiter=delimiter))


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a plain word list."""
    return [
        ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


class FunctionWords(NamedTuple):
    en: frozenset[str]  # English closed-class words, lower case
    zh: frozenset[str]  # Chinese particles, prepositions, pronouns..., Simplified and Traditional


@lru_cache(maxsize=1)
def function_words() -> FunctionWords:
    """The project's one list of function words (data/boilerplate_function_words.tsv): the boilerplate
    line model's prose cue, the style rubric's title measure, name discovery's never-a-name words and
    the words the lean rubric does not show as what drove a tone."""
    en: set[str] = set()
    zh: set[str] = set()
    for row in data_rows("boilerplate_function_words.tsv"):
        (en if row["lang"] == "en" else zh).update(row["words"].split())
    return FunctionWords(frozenset(en), frozenset(zh))
