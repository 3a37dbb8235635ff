"""Names in English text: capitalised sequences read as people, organisations and places.

No model: a name is a run of capitalised words (with initials, "J. Smith", and name particles
inside it, "Louis van Gaal", "Bashar al-Assad"; "of"/"for"/"&" only after the head of an
organisation or title, "Bank of England", "Secretary of State"). Then, on each run:

- sentence-initial words: the first word of a sentence is capitalised whatever it is; it is
  dropped when it is ordinary vocabulary (a word usually written in lower case) and the run goes
  on, "Yesterday Obama ..." -> "Obama"; a lone sentence-initial ordinary word is no name, unless
  a speech verb follows ("Black said"); a plural noun of people is none even then ("Analysts said",
  the `non_actor` words);
- titles and honorifics ("Mr", "Sen.", "President", "Prime Minister", "Chief Executive"): the
  nearest title that still has a name after it splits the run; the name after it is a person,
  what precedes it is a name of its own ("Goldman Sachs CEO Lloyd Blankfein"), except the state an
  office-holder represents, which describes the person ("Kentucky Rep. John Yarmuth"); a title's "of"
  complement is part of it ("Minister of Foreign Affairs Sergei Lavrov"), and alone it is the
  office-holder ("the Director of National Intelligence"); before an organisation's head word it is
  part of the organisation's name ("the Justice Department", "General Motors");
- type from the head word: organisation ("... Party", "... Ministry", acronyms), place
  ("... County", "... River"), person (a title, an honorific, a speech verb after it; but after
  "the" a speech verb makes an organisation: "the Vatican said");
  anything else is "other" until the document says more (rubrics/lean/resolve.py);
- things that are not actors are dropped: dates and day names (also when stuck to a name,
  "Paul Ryan Friday"), holidays ("Boxing Day"), events ("World Cup", "... Awards"), demonyms
  ("American"), titles of works and vessels (a cue word before: "the show Big Brother",
  "HMS Victory"; reported so the document can drop the same name elsewhere), runs made
  only of ordinary vocabulary ("Big Brother", "One World Project"), numbered labels ("Day 12"), lone letters ("Plan B")
  and pieces of a word split at an ampersand ("R&B", "AT&T"), an -ly adverb of ordinary vocabulary
  opening a sentence ("Separately, ..."), a legislator's party and state ("D-Calif."), share buttons left
  before a photo's caption ("Facebook Twitter Pinterest Paul Manafort": Paul Manafort) and a widget's
  words left in the text ("Read more", "Copy this code");
- a name after a locative preposition ("in Los Angeles") is a place, so that no pronoun
  resolves to it;
- in a title-case line (a headline), ordinary vocabulary counts as lower case, so a headline's
  capitalised words do not run together into one long "name".

Word classes: rubrics/data/lean_names_en.tsv. Ordinary vocabulary: the function words plus
rubrics/data/lean_lowercase_words.txt (see scripts/train_tone.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rubrics.common.data import data_lines, data_rows, function_words
from scoring.text.segment import Word

# A speech verb right after a capitalised word makes it a person ("Black said", "May told").
_SPEECH_AFTER = re.compile(
    r"^(?:['’]s?)?\s*,?\s*(?:has\s+|had\s+|also\s+)?(?:said|says|told|tells|added|wrote|writes|asked|argued|"
    r"insisted|noted|tweeted|replied|explained)\b"
)
# A hyphenated word ending in lower case: "Utah-based", "US-led", "X-ray" (not "al-Assad", "Coca-Cola").
_COMPOUND_ADJECTIVE = re.compile(r"-[a-z][a-z]*$")
# A US legislator's party and state, written after the name: "(D-Calif.)", "R-Texas", "I-Vt.".
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]*$")
# Share buttons in a row that make a share bar ("Facebook Twitter Pinterest"): one network's name alone is
# the network.
_SHARE_BAR_MIN = 2
# Longest run of capitalised words read as a name or a title with a name. The longest name found in the
# rated outlets' 2,110 articles has 18 words ("Assistant Attorney General for the Civil Rights Division
# ..."); a longer run is a shouted passage or a table, and reading it costs time in its length squared.
_MAX_RUN_WORDS = 64
_WORD = re.compile(r"[\w$']+")
_POSSESSIVE = ("'s", "’s", "'", "’")
_CONTRACTIONS = ("'m", "’m", "'d", "’d", "'ll", "’ll", "'ve", "’ve", "'re", "’re")
# The pronoun I (and its contractions): capitalised, yet never the next word of a name.
_FIRST_PERSON_I = re.compile(r"I(?:['’](?:m|ve|d|ll))?$")
# A run whose last word is a day name is a name followed by a date ("Paul Ryan Friday"); a month
# is stripped only before a number ("Theresa May" keeps her surname, "Obama May 5" loses it).
_NUMBER_AFTER = re.compile(r"^\s+\d")


@dataclass(frozen=True, slots=True)
class WordClasses:
    honorific: frozenset[str]
    title: frozenset[str]
    title_part: frozenset[str]
    particle: frozenset[str]
    connector: frozenset[str]
    share_button: frozenset[str]  # a photo's share buttons, left in scraped text
    widget_phrase: frozenset[str]  # a page widget's words left inside scraped text ("Read more")
    org_head: frozenset[str]
    place_head: frozenset[str]
    event_head: frozenset[str]
    day: frozenset[str]
    month: frozenset[str]
    holiday: frozenset[str]
    work_cue: frozenset[str]
    ship_prefix: frozenset[str]
    demonym: frozenset[str]
    non_actor: frozenset[str]
    given_ordinary: frozenset[str]  # given names that are ordinary words too ("bill", "mark")
    locative: frozenset[str]  # prepositions before a place ("in", "near"); not "at" ("glared at Trump")
    female_title: frozenset[str]
    male_title: frozenset[str]
    ordinary: frozenset[str]  # words usually written in lower case
    function: frozenset[str]  # closed-class words (never a name on their own)


@lru_cache(maxsize=1)
def word_classes() -> WordClasses:
    table = {row["class"]: frozenset(w.replace("_", " ") for w in row["words"].split())
             for row in data_rows("lean_names_en.tsv")}
    function = function_words().en
    ordinary = frozenset(data_lines("lean_lowercase_words.txt")) | function
    return WordClasses(**{k: table.get(k, frozenset()) for k in WordClasses.__slots__
                          if k not in ("ordinary", "function")}, ordinary=ordinary, function=function)


@lru_cache(maxsize=1)
def given_name_sexes() -> dict[str, str]:
    """Given name (lower case) -> "f", "m", or "u" when it is not nearly always one sex's
    (lean_given_names_en.tsv)."""
    return {row["name"]: row["gender"] for row in data_rows("lean_given_names_en.tsv")}


def sex_of(actor: str, titles: set[str], wc: WordClasses) -> str | None:
    """"f", "m" or None (unknown) for an actor: a gendered title it was written with ("Ms Smith"), else its
    canonical name's given name ("Hillary Clinton")."""
    if titles & wc.female_title:
        return None if titles & wc.male_title else "f"
    if titles & wc.male_title:
        return "m"
    first = actor.split(maxsplit=1)[0].lower() if actor else ""
    sex = given_name_sexes().get(first)
    return None if sex == "u" else sex


@lru_cache(maxsize=1)
def _widget_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split()) for phrase in sorted(word_classes().widget_phrase))


@lru_cache(maxsize=1)
def _holiday_ends() -> frozenset[str]:
    """Last words of the holidays: a run ending otherwise is no holiday."""
    return frozenset(h.split()[-1] for h in word_classes().holiday)


def _ends_in_holiday(lows: Sequence[str], wc: WordClasses, shortest: int = 1) -> bool:
    """Whether the words (bare() forms) end in a holiday of `shortest` to three words ("Boxing Day")."""
    return lows[-1] in _holiday_ends() and any(
        " ".join(lows[-k:]) in wc.holiday for k in range(shortest, 4) if k <= len(lows))


@dataclass(frozen=True, slots=True)
class NameSpan:
    """One name found in the text (normalised offsets)."""

    start: int  # the mention, title included ("President Trump")
    end: int
    tokens: tuple[str, ...]  # the name proper, possessive "'s" removed
    title: tuple[str, ...]
    kind: str  # person | organisation | place | other
    person_cue: bool  # a title, honorific or speech verb says it is a person


def bare(token: str) -> str:
    """Lower case without a possessive, a contraction or a full stop ("Mr." -> "mr")."""
    low = token.lower()
    if "'" not in low and "’" not in low:  # the common case: nothing to strip but a full stop
        return low.rstrip(".")
    for suffix in _POSSESSIVE + _CONTRACTIONS:
        if low.endswith(suffix) and len(low) > len(suffix):
            low = low[: -len(suffix)]
            break
    return low.rstrip(".")


def strip_possessive(token: str) -> str:
    for suffix in _POSSESSIVE:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


# Prefixes of a title held before: "then-Secretary", "ex-President".
_FORMERLY = frozenset(("then", "ex"))
# Titles of nobility that open a person's name with "of": "Duke of Edinburgh", "Countess of Wessex".
_NOBLE = frozenset(("duke", "duchess", "earl", "countess", "baron", "baroness", "marquess", "viscount"))
# Elected offices whose holder is named after the state or city represented ("Ohio Gov.", "Texas Sen.").
_JURISDICTION_TITLES = frozenset(("rep", "sen", "gov", "representative", "senator", "governor", "congressman",
                                  "congresswoman", "mayor", "lt", "lieutenant", "attorney"))
# Title parts that describe a noun after them: after a title's "of" they open its complement ("Minister of
# Foreign Affairs", "Director of National Intelligence", "Mayor of New York"), where "State" would end it
# ("Secretary of State Rex Tillerson").
_TITLE_MODIFIERS = frozenset(("new", "national", "foreign", "supreme", "financial", "grand", "high", "special",
                              "principal", "senior", "top", "first", "acting", "interim", "shadow"))


def _capitalised(token: str, particles: frozenset[str]) -> bool:
    if token[:1].isupper():
        return True
    # "al-Assad", "bin-Salman": a particle glued to a capitalised name; "then-Secretary",
    # "ex-President": a title held before (the name after it is read with the title)
    head, _, rest = token.partition("-")
    return bool(rest) and (head in particles or head in _FORMERLY) and rest[:1].isupper()



def _widget_cut(lows: Sequence[str], text: str, end: int) -> int | None:
    """The first word of the run (`lows`, ending at `end`) that opens a page widget's phrase, read on into
    the text after the run ("Newsletter Sign Up Continue reading", "Read more"); None if none does."""
    phrases = _widget_phrases()
    if not any(low == phrase[0] for low in lows for phrase in phrases):
        return None
    words = [*lows, *_WORD.findall(text[end:end + 40].lower())[:3]]
    for i in range(len(lows)):
        for phrase in phrases:
            if tuple(words[i:i + len(phrase)]) == phrase:
                return i
    return None


def share_bars(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of two or more share-button words in a row ("Facebook Twitter Pinterest" before a photo's
    caption in scraped text): no actor is mentioned there, not even a network that has a gazetteer entry."""
    buttons = word_classes().share_button
    out: list[tuple[int, int]] = []
    run: list[Word] = []
    for w in [*words, None]:
        if w is not None and w.text[:1].isupper() and bare(w.text) in buttons:
            run.append(w)
            continue
        if len(run) >= _SHARE_BAR_MIN:
            out.append((run[0].start, run[-1].end))
        run = []
    return out


def find_names(text: str, words: Sequence[Word], sentence_starts: frozenset[int],
               headline_lines: Sequence[tuple[int, int]] = ()) -> tuple[list[NameSpan], set[str]]:
    """Names in `text` (from its Latin `words`), and the names marked as works or vessels."""
    wc = word_classes()
    function, particle = wc.function, wc.particle
    latin = [w for w in words if not w.cjk]
    n = len(latin)
    out: list[NameSpan] = []
    works: set[str] = set()
    resume = 0
    # In a title-case line every word is capitalised: there, ordinary vocabulary counts as lower case
    # ("Paul Ryan Asks That Hillary Clinton Not Receive ..." -> "Paul Ryan", "Hillary Clinton").
    plain = [False] * n
    latin_starts = [w.start for w in latin]
    for a, b in headline_lines:
        for k in range(bisect.bisect_left(latin_starts, a), n):
            if latin[k].start >= b:
                break
            low = bare(latin[k].text)
            plain[k] = low in wc.ordinary and not _is_title(low, wc)
    # Only words that can open a name are visited (a capital letter, a particle, "al-Assad"): most
    # words of a text cannot, and this loop runs on every document.
    openers = [k for k, w in enumerate(latin) if w.text[0].isupper() or "-" in w.text or w.text in particle]
    for i in openers:
        if i < resume:
            continue
        w = latin[i]
        # not capitalised, unless a particle opening a name: "van Gaal", "de Blasio"
        if (plain[i] or not (w.text[:1].isupper() or _capitalised(w.text, particle))) and not (
                w.text in particle and i + 1 < n and latin[i + 1].text[:1].isupper()
                and text[w.end:latin[i + 1].start] == " "):
            continue
        j = i
        while j + 1 < n:
            prev, nxt = latin[j], latin[j + 1]
            gap = text[prev.end:nxt.start]
            joined = gap == " " or (gap in (". ", ".") and (
                (len(prev.text) == 1 and prev.text.isupper()) or bare(prev.text) in wc.honorific
                or bare(prev.text) in wc.title))
            if not joined or prev.text.endswith(_POSSESSIVE[:2]) or (
                    _FIRST_PERSON_I.match(nxt.text) and text[nxt.end:nxt.end + 1] != "."):
                break  # "love Liverpool I think": the pronoun I is capitalised, not part of a name ("I. Smith" is)
            if (nxt.text[:1].isupper() or _capitalised(nxt.text, particle)) and not plain[j + 1]:
                j += 1
                continue
            low = nxt.text.lower()
            # "Chancellor of the Exchequer Gordon Brown": a title's "of the" complement joins the run,
            # so that the title is split off whole and the name is the same as elsewhere; so does an
            # organisation's ("Office of the Director of National Intelligence", "Department of the Interior").
            if (low in wc.connector and j + 3 < n and latin[j + 2].text == "the"
                    and text[nxt.end:latin[j + 2].start] == " " and text[latin[j + 2].end:latin[j + 3].start] == " "
                    and latin[j + 3].text[:1].isupper() and not plain[j + 3]
                    and (_is_title(bare(prev.text), wc) or bare(prev.text) in wc.org_head)):
                j += 3
                continue
            if (j + 2 < n and text[nxt.end:latin[j + 2].start] == " " and latin[j + 2].text[:1].isupper()
                    and not plain[j + 2]
                    and (low in particle or (low in wc.connector and _heads_a_name(bare(prev.text), wc)))):
                j += 2
                continue
            if low == "and" and j - i < 3:
                joined_to = _and_organisation_end(text, latin, plain, i, j, wc)
                if joined_to > j:
                    j = joined_to
                    continue
            break
        resume = j + 1
        if j == i and bare(w.text) in function:
            continue  # a lone function word ("The", "But"): never a name (what _finish would decide)
        if j - i + 1 > _MAX_RUN_WORDS:
            continue
        _read_run(text, latin[i:j + 1], w.start in sentence_starts, wc, out, works)
    return out, works


def _and_organisation_end(text: str, latin: Sequence[Word], plain: list[bool], i: int, j: int,
                          wc: WordClasses) -> int:
    """Where a name joined by "and" ends ("Securities and Exchange Commission"), else j.

    Only a descriptive name: ordinary words on both sides of "and", up to an organisation's head
    word ("Food and Drug Administration"). Two names of their own stay two: "the State Department
    and British Foreign Office" (a head word before "and"), "Arsenal and Manchester United",
    "Kate Bush and Joy Division" (names, not ordinary words).
    """
    def descriptive(k: int) -> bool:
        low = bare(latin[k].text)
        return low in wc.ordinary and low not in wc.org_head and low not in wc.place_head

    if not all(descriptive(k) for k in range(i, j + 1)) or (
            j + 2 < len(latin) and latin[j + 2].text == "The"):  # "The Independent and The Times"
        return j
    k = j + 2
    while k < len(latin) and k - j <= 5 and text[latin[k - 1].end:latin[k].start] == " " and (
            latin[k].text[:1].isupper() and not plain[k]):
        if bare(latin[k].text) in wc.org_head:
            return k
        if not descriptive(k):
            return j
        k += 1
    return j


def _heads_a_name(low: str, wc: WordClasses) -> bool:
    # "Bank of England", "Secretary of State", "Duke of Edinburgh", "Center for American Progress"
    if "-" in low and _is_title(low, wc):  # "then-Secretary of State"
        return True
    return low in wc.org_head or low in wc.place_head or low in wc.title or low in wc.title_part or low in _NOBLE or (
        low in ("house", "republic", "kingdom", "museum", "centre", "center", "people's"))


def person_like(lows: Sequence[str], wc: WordClasses) -> bool:
    """Whether a name (its words' bare() forms) is made like a person's: one word ("Hughes"), or a
    first word that is an initial, a given name or no ordinary word ("Tony Blair", "J. Smith", "Bill
    Clinton"), nothing joined by "of" or "and", no organisation or place head word at the end; a party or people word
    before such a name is read past ("Conservative Graham Brady"). "Real Madrid", "Standard
    Chartered", "Ask Jeeves", "The Aviator", "Bank of England", "Liberal Democrats" are not."""
    if len(lows) >= 3 and lows[0] in wc.demonym:  # "Conservative Graham Brady": the party, then the person
        lows = lows[1:]
    if len(lows) < 2:
        return True
    first = lows[0]
    if first in wc.title or first in wc.honorific or first in _NOBLE:  # "Duchess of Cambridge", "King Charles"
        return True
    # "Will" opens many names and is a function word; as the first of several capitalised words it is the name
    if len(first) > 1 and first not in wc.given_ordinary and first != "will" and is_ordinary(first, wc):
        return False
    if any(x in wc.connector or x == "and" for x in lows):
        return False
    # an organisation's or a place's head word; not an event's, which is also a surname ("Sharon Day said")
    last = lows[-1]
    return not (last in wc.org_head or last in wc.place_head)


def _is_title(low: str, wc: WordClasses) -> bool:
    if low in wc.title or low in wc.honorific:
        return True
    # "President-elect", "then-Secretary", "ex-Governor": the title before or after it is held
    return "-" in low and low.removeprefix("then-").removeprefix("ex-").removesuffix("-elect") in wc.title


def is_ordinary(low: str, wc: WordClasses) -> bool:
    """Ordinary vocabulary, or an adverb made from it ("Separately," "Typically" open sentences).

    The vocabulary list holds the words its corpora wrote in lower case; their -ly adverbs are
    rarer there, and English names ending in -ly do not fold onto a listed word ("Kelly", "Riley").
    """
    if low in wc.ordinary or low.endswith(("n't", "n’t")):  # "Don't", "Won’t": negated auxiliaries
        return True
    if len(low) < 6 or not low.endswith("ly"):
        return False
    stem = low[:-2]
    return (stem in wc.ordinary or (low.endswith("ily") and stem[:-1] + "y" in wc.ordinary)  # happily
            or (low.endswith("bly") and stem + "le" in wc.ordinary)  # probably
            or (low.endswith("ically") and low[:-4] in wc.ordinary))  # basically


def _read_run(text: str, run: list[Word], initial: bool, wc: WordClasses,
              out: list[NameSpan], works: set[str]) -> None:
    lows = [bare(w.text) for w in run]
    shouted = 0
    while shouted < len(run) and run[shouted].text.isupper() and len(lows[shouted]) >= 2:
        shouted += 1
    if shouted >= 2 and any(is_ordinary(low, wc) for low in lows[:shouted]):
        # A shouted headline ("THE VERY COMPLICATED STEPS INVOLVED IN IMPEACHING DONALD TRUMP"
        # before "Nancy Pelosi announcing..."): no name, and no part of the name after it.
        if shouted == len(run):
            return
        run, lows, initial = run[shouted:], lows[shouted:], True
    if _ends_in_holiday(lows, wc, shortest=2):
        return  # "Election Day is ...": not "Day" once the sentence-initial "Election" is cut below
    k = 0
    # "Yesterday Obama" -> "Obama"; but "Bill Clinton", "Mark Zuckerberg" opening a sentence keep
    # their given name when a word that is no ordinary vocabulary follows it.
    # Nor does a head word that "of" joined to what follows ("Church of England", "Bank of Japan").
    if (initial and len(run) > 1 and is_ordinary(lows[0], wc) and not _is_title(lows[0], wc)
            and lows[1] not in wc.connector
            and not (lows[0] in wc.given_ordinary and not is_ordinary(lows[1], wc))):
        k = 1
        initial = False
    compound = _COMPOUND_ADJECTIVE.search(run[k].text)
    if compound:
        # "the Utah-based Church of Jesus Christ", "a Corbyn-led government", "an X-ray": a word whose
        # last part is in lower case describes what follows; its capitalised part is a name of its own
        # (with the same refusals: "British-born", "X-ray" are none; opening a sentence, as in
        # "Self-funded", its capital says nothing), the rest of the run another
        if not (initial and k == 0):
            head = run[k]
            prefix = Word(head.start, head.start + compound.start(), head.text[:compound.start()], head.cjk)
            _finish(text, [prefix], [bare(prefix.text)], (), None, False, wc, out, works)
        if k == len(run) - 1:
            return
        k += 1
        initial = False
    # The title nearest the end that still has a name after it.
    split = -1
    for t in range(len(run) - 2, k - 1, -1):
        if t - k >= 2 and lows[t - 1] == "the" and lows[t - 2] in wc.connector and lows[k] in wc.org_head:
            continue  # "Office of the Director of ...": the title names the organisation's head
        if all(lows[u] in wc.org_head for u in range(t + 1, len(run))):
            continue  # "the Justice Department", "Treasury Office": a title word naming an organisation
        if _is_title(lows[t], wc) and any(
            not (_is_title(lows[u], wc) or lows[u] in wc.title_part or lows[u] in wc.connector)
            for u in range(t + 1, len(run))
        ):
            split = t
            break
    if (split < 0 and len(run) - k >= 3 and run[k].text.isalpha() and run[k].text.isupper() and len(lows[k]) >= 2
            and not _is_title(lows[k], wc) and lows[k] not in wc.title_part):
        # An acronym before a name is an organisation beside it, not a first name: "told the BBC
        # Michael Howard has..." (a missing full stop or comma).
        _finish(text, run[k:k + 1], lows[k:k + 1], (), None, initial, wc, out, works)
        initial = False
        k += 1
    title_start = None
    title: tuple[str, ...] = ()
    if split >= 0:
        a = split
        while a > k and (_is_title(lows[a - 1], wc) or lows[a - 1] in wc.title_part):
            a -= 1
        b = split + 1
        if lows[split] not in wc.honorific:  # "Secretary of State Rex Tillerson"
            while b < len(run) - 1 and (lows[b] in wc.title_part or lows[b] in wc.connector
                                        or _is_title(lows[b], wc) or (lows[b] == "the" and lows[b - 1] in wc.connector)):
                b += 1
            of = next((x for x in range(split + 1, b) if lows[x] in wc.connector), -1)
            after = of + 2 if of >= 0 and lows[of + 1] == "the" else of + 1
            if of >= 0 and (after >= len(run) or not (lows[after] in wc.title_part and lows[after] not in _TITLE_MODIFIERS)):
                # "Prince of Wales", "Mayor of New York Bill de Blasio", "Minister of Foreign Affairs Sergei
                # Lavrov": what follows "of" is the title's place or field ("Secretary of State" is a title
                # through), and the person's name is what comes after it (first name and surname), if anything
                b = after
                rest = len(run) - b
                # the words after the field's last "of" ("... Division of the U.S.", "... District of New York")
                last_of = max((x for x in range(b, len(run)) if lows[x] in wc.connector), default=-1)
                place = len(run) - last_of - 1 - (last_of + 1 < len(run) and lows[last_of + 1] == "the")
                if rest <= 2 or (last_of >= 0 and place <= 2):
                    # the role is the name: "Prince of Wales", "Governor of New Jersey", "U.S. Attorney for the
                    # Southern District of New York", "Assistant Attorney General for the Civil Rights Division
                    # of the U.S."; a person's name comes after the field's place ("... of Florida Ariana Orshan")
                    if a > k:
                        _finish(text, run[k:a], lows[k:a], (), None, initial, wc, out, works)
                    out.append(NameSpan(run[a].start, run[-1].end, tuple(strip_possessive(w.text) for w in run[a:]),
                                        tuple(w.text for w in run[a:b]), "person", True))
                    return
                b += rest - (3 if lows[-2] in wc.particle else 2)
        title = tuple(w.text for w in run[a:b])
        title_start = run[a].start
        # "Kentucky Rep. John Yarmuth", "Former Maryland Gov. Martin O'Malley": the state an office-holder
        # represents describes the person, as a party does; the sentence is not about the state (an
        # organisation stays: "Goldman Sachs CEO Lloyd Blankfein", "NATO Secretary General ...")
        describes = 0 < a - k <= 3 and lows[a] in _JURISDICTION_TITLES and not (
            lows[a - 1] in wc.org_head or (run[a - 1].text.isupper() and len(lows[a - 1]) >= 2)) and all(
            not is_ordinary(x, wc) or x in wc.demonym or x in wc.title_part for x in lows[k:a])
        if a > k and not describes:
            _finish(text, run[k:a], lows[k:a], (), None, initial, wc, out, works)
            initial = False
        k = b
    _finish(text, run[k:], lows[k:], title, title_start, initial and k == 0, wc, out, works)


def _finish(text: str, run: list[Word], lows: list[str], title: tuple[str, ...], title_start: int | None,
            initial: bool, wc: WordClasses, out: list[NameSpan], works: set[str]) -> None:
    """Read one run (`lows`: bare() of its words) as a name, or refuse it."""
    # Trailing connectors, particles and dates are not part of the name.
    while run:
        last = lows[-1]
        if last in wc.connector or last in wc.particle or last in wc.day or (
            last in wc.month and len(run) > 1 and _NUMBER_AFTER.match(text[run[-1].end:run[-1].end + 3])
        ):
            run.pop()
            lows.pop()
            continue
        break
    while run and lows[0] in wc.connector:
        run.pop(0)
        lows.pop(0)
    # Share buttons stuck before a photo's caption ("Facebook Twitter Pinterest Paul Manafort arrives at court"):
    # two network names opening a run are the buttons, not part of a name.
    if len(run) >= _SHARE_BAR_MIN and all(x in wc.share_button for x in lows[:_SHARE_BAR_MIN]):
        while run and (lows[0] in wc.share_button or lows[0] in wc.function):  # the caption opens: "... A Syrian"
            run.pop(0)
            lows.pop(0)
    # Nor is a day name after "on" before it ("On Monday Real Madrid said": Real Madrid; "the Sunday
    # Mirror" stays a name).
    if len(run) > 1 and lows[0] in wc.day and text[max(0, run[0].start - 3):run[0].start].lower() == "on ":
        run.pop(0)
        lows.pop(0)
        initial = False
    cut = _widget_cut(lows, text, run[-1].end) if run else None
    if cut is not None:  # "... protest Read more", "Copy this code to your website", "Newsletter Sign Up"
        run, lows = run[:cut], lows[:cut]
    if not run:
        return
    last = lows[-1]
    single = len(run) == 1
    # The refusals below only return: those that need no look around the run come first.
    if single and (last in wc.function or lows[0] in wc.non_actor):
        return
    if _ends_in_holiday(lows, wc):
        return
    if single and _PARTY_AND_STATE.match(run[0].text):
        return  # "Sen. Dianne Feinstein (D-Calif.)": a party label, not an actor called "D-Calif"
    if (last in wc.title or last in wc.title_part or last in wc.honorific or last in wc.connector) and all(
            x in wc.title or x in wc.title_part or x in wc.honorific or x in wc.connector for x in lows):
        return  # a bare title ("the Prime Minister") is a role, not a name
    tokens = tuple(strip_possessive(w.text) for w in run)
    start, end = run[0].start, run[-1].end
    if text[end:end + 1] == "&" or text[start - 1:start] == "&":
        return  # a piece of "R&B", "AT&T", "S&P": the word splits at the ampersand
    possessive = run[-1].text != tokens[-1]
    speech = bool(_SPEECH_AFTER.match(text[end:end + 40]))
    before = text[max(0, start - 30):start].split()
    prev = before[-1].strip("\"'“‘(").lower() if before else ""
    if speech and prev in wc.locative and text[end:end + 1] == ",":
        speech = False  # "his brother, who lives in Brisbane, told the ABC": the brother speaks
    # "the Vatican said", "the Bundesbank told": after "the", the one speaking is an institution
    # (a person takes no article; "the Prime Minister ... said" has its title); so is a name made
    # like no person's ("Standard Chartered said", "Real Madrid said").
    institution = speech and not title and (prev == "the" or not person_like(lows, wc))
    person_cue = bool(title) or (speech and not institution)
    if not person_cue and all(len(x) == 1 for x in lows):
        return  # "Plan B", "Group C", "Vitamin D": letters, not initials of a name
    if (last in wc.day or last in wc.month) and all(x in wc.day or x in wc.month for x in lows) and not (
            person_cue or possessive):
        return
    if single and not person_cue and not possessive and last in wc.demonym:
        return
    if single and not person_cue and initial and is_ordinary(last, wc):
        return
    if single and not person_cue and not possessive and is_ordinary(last, wc) and last not in wc.org_head and (
            _NUMBER_AFTER.match(text[end:end + 3])):
        return  # a numbered label: "Day 12", "Phase 2", "Article 50" ("Channel 4" is an organisation)
    if prev in wc.ship_prefix or lows[0] in wc.ship_prefix or (prev in wc.work_cue and not title):
        works.add(" ".join(tokens))
        return
    if institution or last in wc.org_head or (run[-1].text.isupper() and len(tokens[-1]) >= 2 and not title) or (
            not title and len(lows) > 2 and lows[0] in wc.org_head and lows[1] in wc.connector):  # "Bank of England"
        kind = "organisation"
    elif person_cue:
        kind = "person"
    elif last in wc.place_head or (prev in wc.locative and not possessive):
        kind = "place"  # "in Los Angeles", "near Leeds": a pronoun later is not this name
    elif not single and last in wc.event_head:
        return
    elif not single and all(x in wc.ordinary or x in wc.connector for x in lows):
        return  # "Big Brother", "One World Project": ordinary words in title case
    else:
        kind = "other"
    out.append(NameSpan(title_start if title_start is not None else start, end, tokens, title, kind, person_cue))
