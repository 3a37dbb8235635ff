"""Build rubrics/data/lean_given_names_en.tsv: English given names, and which are nearly always one sex's.

Source: the 1990 US Census given-name frequency lists (``dist.female.first``, ``dist.male.first``; public
domain), as the ``names`` package on PyPI (MIT) ships them. A name is "f" or "m" when one sex's frequency
is at least RATIO times the other's (a name in only one list counts as such), else "u" ("Jordan", "Kelly").
The lean rubric reads the list to keep "she" from resolving to "Tim Kaine" and "he" to "Hillary Clinton"
when no title says which, and to tell a person's name from other capitalised pairs ("Uranium One") when a
pronoun looks for its antecedent (rubrics/lean/resolve.py).

    pip install -e ".[lexicons]"     # the names package, only for its data files; sourcegauge never imports it
    python scripts/build_given_names.py [--source DIR]
"""

from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rubrics" / "data" / "lean_given_names_en.tsv"
RATIO = 10.0

HEADER = """\
# English given names: f (female) or m (male) when nearly always one sex's, else u. From the 1990 US Census
# given-name frequency lists (dist.female.first, dist.male.first; public domain) as shipped by the `names`
# package (PyPI, MIT). Built by scripts/build_given_names.py: kept when one sex's frequency is at least
# {ratio:g} times the other's; {female} female, {male} male and {both} other names. Lower case.
"""


def default_source() -> Path | None:
    spec = find_spec("names")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def frequencies(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def build(source: Path) -> str:
    female = frequencies(source / "dist.female.first")
    male = frequencies(source / "dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= RATIO * m:
            rows.append((name, "f"))
        elif m >= RATIO * f:
            rows.append((name, "m"))
        else:
            rows.append((name, "u"))
    counts = {g: sum(1 for _, x in rows if x == g) for g in "fmu"}
    header = HEADER.format(ratio=RATIO, female=counts["f"], male=counts["m"], both=counts["u"])
    return header + "name\tgender\n" + "".join(f"{n}\t{g}\n" for n, g in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None, help="folder holding dist.female.first and dist.male.first")
    args = parser.parse_args()
    source = args.source or default_source()
    if source is None or not (source / "dist.female.first").exists():
        print("the names package is not installed: pip install -e '.[lexicons]' or pass --source", file=sys.stderr)
        return 2
    OUT.write_text(build(source), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
