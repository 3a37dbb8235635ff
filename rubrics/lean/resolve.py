"""Who a document talks about: its actor mentions, each resolved to one canonical actor.

Sources of mentions, in order of precedence where they overlap:
1. the gazetteer (rubrics/data/lean_actors.csv plus a user file): aliases across languages and
   scripts ("U.S.", "Washington", "美国" -> United States); an alias inside a longer name does not
   count ("Washington Post" is not the United States), except inside a hyphenated word that is no
   alias itself: "Trump-Russia" is Donald Trump and Russia, and its other parts are names ("Biden-Warren");
   share buttons ("Facebook Twitter Pinterest") mention no one;
2. names found in English text (rubrics/lean/names.py) and in Chinese text (jieba's person,
   place and organisation tags, rubrics/lean/chinese.py);
3. pronouns (he, him, his, she, her...; 他, 她) and role nouns ("the president", "the company"),
   resolved to the nearest fitting actor before them within a few sentences; unresolved ones are
   not actors (they stay in `Mention` with actor None, for coverage measurements).

Within a document, short forms resolve to the full name seen in it: "Cameron" and "Mr Cameron" to
"David Cameron", "Van Gaal" to "Louis van Gaal", "Hillary" to "Hillary Clinton" when one full name
starts with it (the nearest full name before the short form, else the first after it). A name
marked as the title of a work or a vessel anywhere in the document is dropped everywhere; a name
in a title-case line is read with its ordinary words as lower case (rubrics/lean/names.py).

No mention is read on the lines the boilerplate rubric labels as the page around the article (menus,
other stories' headlines, pasted link farms, comments, footers, widgets, bylines: `PAGE_LABELS`),
except the article's own headline.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rubrics.boilerplate.classify import LINK_FARM, headline_above_article, shared_labels, title_line
from rubrics.common.quotes import inside
from rubrics.lean.gazetteer import Actor, gazetteer
from rubrics.lean.names import (
    NameSpan,
    bare,
    find_names,
    given_name_sexes,
    is_ordinary,
    person_like,
    sex_of,
    share_bars,
    strip_possessive,
    word_classes,
)
from scoring.text.segment import Segmented

# Prefixes written capitalised before a hyphen ("Anti-Trump", "Ex-Obama"): not a part that names anyone.
_PREFIXES = frozenset({"anti", "ex", "non", "post", "pre", "neo"})
# How far back (in sentences) a pronoun or a role noun looks for its actor.
PRONOUN_REACH = 2
ROLE_REACH = 4
_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
# The same searches on the lower-cased text of an ASCII document (same offsets there): a
# case-sensitive pattern skips ahead on its first letters, the case-insensitive one cannot.
_PRONOUN_LOWER = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b")
_FEMININE = frozenset(("she", "her", "hers", "herself", "她"))
_ZH_PRONOUN = re.compile("[他她]")
# First person inside a quotation is its speaker ("I'm not going to", he said).
_FIRST_PERSON = re.compile(r"\b(?:I(?:['’](?:m|ve|d|ll))?|[Mm]e|[Mm]y|[Mm]yself)\b")
_QUOTATION = re.compile(r"“[^”]{2,}”|\"[^\"\n]{2,}\"")


def is_pronoun(text: str) -> bool:
    """Whether `text` is one of the pronouns discovery reads as a mention (he, her, I, 他...)."""
    return bool(_PRONOUN.fullmatch(text) or _FIRST_PERSON.fullmatch(text) or _ZH_PRONOUN.fullmatch(text))

_ROLES = ("president", "vice president", "president-elect", "prime minister", "senator", "governor", "judge",
          "pope", "chancellor", "minister", "secretary", "mayor", "king", "queen", "prince", "princess",
          "congressman", "congresswoman", "chairman", "ambassador", "attorney general", "speaker",
          "commissioner", "director", "coach", "manager", "premier", "company", "firm", "party",
          "government", "administration", "group", "bank", "agency")
_ORG_ROLES = frozenset(("company", "firm", "party", "government", "administration", "group", "bank", "agency"))
_ROLE = re.compile(
    r"\b[Tt]he\s+(?:(?:former|new|then|late|outgoing|incoming|current)\s+)?("
    + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")\b(?![-\w])",
    re.IGNORECASE,
)
_ROLE_LOWER = re.compile(
    r"\bthe\s+(?:(?:former|new|then|late|outgoing|incoming|current)\s+)?("
    + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")\b(?![-\w])"
)
# A capitalised word after an opening quote, bracket, dash, colon or line break starts a sentence too.
_AFTER_OPENING = re.compile(r"[\"“‘'(「『《【\[—–\-•*:\n] *(?=[A-Z])")
# A lower-case word: in a title-case line only function words may start in lower case.
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_PERSONS = frozenset(("person",))


@dataclass(slots=True)
class Mention:
    """One mention of an actor (normalised offsets)."""

    start: int
    end: int
    actor: str | None
    type: str  # person | organisation | place | country | company | other
    via: str  # gazetteer | name | short | pronoun | role | zh
    sentence: int  # index into seg.sentences (-1 when outside every sentence)
    title: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()


# Boilerplate labels of lines that are the page around an article rather than its text: pasted
# blocks of unrelated headlines (seed 003's game guides), menus, other stories' headlines, reader
# comments, footers, share and ad widgets, bylines. The people they name are not the ones the article
# writes about: on the scraped pages of ../shared/eval/boilerplate held out from the line model's
# training, half the names found were on such lines (scripts/eval_lean_pages.py). Prose outside the
# article's main block (`other`) and reprint notices are still read: a third of the names on the one
# and most on the other lie on the article's lines there.
PAGE_LABELS = frozenset({LINK_FARM, "navigation", "related_links", "comments", "footer", "share_widget",
                         "ad_marker", "byline_meta"})
# Line labels need several lines; shorter documents (a sentence, a headline) have no page around them.
_PAGE_MIN_LINES = 3


def find_mentions(seg: Segmented, user_gazetteer: str | None = None,
                  page_labels: frozenset[str] = PAGE_LABELS) -> list[Mention]:
    """Every actor mention of the document, in text order; pronouns and role nouns included; none on
    the lines the boilerplate rubric gives one of `page_labels` (the page around the article)."""
    text = seg.text
    sentence_of = _sentence_index(seg)
    latin_gaz, cjk_gaz = gazetteer(user_gazetteer)
    gaz = [(m.start, m.end, m.cue.payload) for m in latin_gaz.find(text)]
    has_cjk = not text.isascii() and any(w.cjk for w in seg.words)
    if has_cjk:
        gaz += [(m.start, m.end, m.cue.payload) for m in cjk_gaz.find(text, folded=seg.folded)]
    by_alias: dict[str, Actor] = {text[s:e]: a for s, e, a in gaz}
    names: list[NameSpan] = []
    works: set[str] = set()
    starts: frozenset[int] = frozenset()
    if any(c.isupper() for c in text):
        starts = _sentence_starts(seg)
        names, works = find_names(text, seg.words, starts, _headline_lines(seg))
    if starts and names:
        known = frozenset(tuple(alias.split()) for alias in by_alias if alias.count(" ") >= 1)
        names = _cut_to_known_names(text, names, starts, known)
    mentions: list[Mention] = []
    taken = _Taken()
    for name in names:
        key = " ".join(name.tokens)
        if key in works or any(w.endswith(" " + key) for w in works):  # "Brother" of "Big Brother" too
            continue
        if name.title and name.tokens[:len(name.title)] == name.title and any(
                name.start <= s and e <= name.end for s, e, _ in gaz):
            continue  # a role naming a known actor ("CEO of NVIDIA", "President of France"): that actor
        actor = by_alias.get(key) or by_alias.get(" ".join((*name.title, key)))
        if (actor is None and name.start in starts and len(name.tokens) > 1 and not name.person_cue
                and text.count(key) == 1):
            # a rare sentence-initial word before an alias ("Amidst DeepSeek"): the alias; not when
            # the whole run comes back elsewhere ("Denzel Washington ... Denzel Washington said")
            rest = " ".join(name.tokens[1:])
            if rest in by_alias:
                continue
        if actor is None and len(name.tokens) == 1 and "-" in key and any(
                name.start <= s and e <= name.end for s, e, _ in gaz):
            # actors joined by a hyphen ("Trump-Russia", "the Biden-Warren meeting"): the known ones are
            # the gazetteer's mentions below, each other part that can name someone a name of its own
            for a, b in _unknown_hyphen_parts(text, name.start, name.end, [(s, e) for s, e, _ in gaz]):
                mentions.append(Mention(a, b, None, "other", "name", sentence_of(a), (),
                                        (strip_possessive(text[a:b]),)))
                taken.add(a, b)
            continue
        if actor is None:
            # the whole name inside one alias ("White House" in "the White House")
            actor = next((a for s, e, a in gaz if s <= name.start and name.end <= e), None)
            if actor is not None:
                continue  # the gazetteer mention below covers it
        if actor is not None:
            mentions.append(Mention(name.start, name.end, actor.name, actor.type, "gazetteer",
                                    sentence_of(name.start), name.title, name.tokens))
        else:
            mentions.append(Mention(name.start, name.end, None, name.kind, "name", sentence_of(name.start),
                                    name.title, name.tokens))
        taken.add(name.start, name.end)
    for s, e in share_bars(seg.words):
        taken.add(s, e)
    for s, e, actor in gaz:
        if not taken.overlaps(s, e):
            mentions.append(Mention(s, e, actor.name, actor.type, "gazetteer", sentence_of(s)))
            taken.add(s, e)
    if has_cjk:
        from rubrics.lean.chinese import chinese_names

        for s, e, kind in chinese_names(seg):
            if not taken.overlaps(s, e):
                mentions.append(Mention(s, e, text[s:e], kind, "zh", sentence_of(s)))
                taken.add(s, e)
    page = _page_spans(seg, page_labels)
    page_starts = [a for a, _ in page]
    if page:
        mentions = [m for m in mentions if not inside(page, page_starts, m.start)]
    mentions.sort(key=lambda m: m.start)
    _resolve_short_forms(mentions, text)
    _type_people(mentions)
    extra = _pronouns(text, mentions, taken, sentence_of, has_cjk) + _roles(text, mentions, taken, sentence_of)
    if page:
        extra = [m for m in extra if not inside(page, page_starts, m.start)]
    if extra:
        mentions = sorted(mentions + extra, key=lambda m: m.start)
    return mentions


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The other mentions of a mention's sentence as the tone model reads them (rubrics.lean.tone)."""

    others: list[tuple[int, int]]  # spans of other actors' mentions
    same: list[tuple[int, int]]  # spans naming the same actor again (not its pronouns, read as words)


def neighbours(sentence_mentions: list[Mention], start: int, end: int) -> Neighbours:
    """The mentions of a sentence beside the one at [start, end). A second mention of the same actor —
    its pronoun, its name again ("Trump said he…", "Mr. Obama … Obama's") — is no other actor: counted
    as one, the words around the target were read as being about somebody else."""
    own = {m.actor for m in sentence_mentions if m.start < end and start < m.end and m.actor is not None}
    others: list[tuple[int, int]] = []
    same: list[tuple[int, int]] = []
    for m in sentence_mentions:
        if m.start < end and start < m.end:
            continue
        if m.actor is None or m.actor not in own:
            others.append((m.start, m.end))
        elif m.via != "pronoun":
            same.append((m.start, m.end))
    return Neighbours(others, same)


def _page_spans(seg: Segmented, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the lines whose boilerplate label is one of `labels`, in text order. The article's
    headline is no such line unless it is part of a link farm: the text's first line when it is the
    document's title, or on a scraped page the headline just above the article (both read like other
    stories' headlines). The labels are shared with the boilerplate, spam and style rubrics
    (computed once per document)."""
    if not labels or len(seg.lines) < _PAGE_MIN_LINES:
        return []
    line_labels = shared_labels(seg)
    title = title_line(seg, line_labels)
    headline = headline_above_article(line_labels)
    return [(line.start, line.end) for line, label in zip(seg.lines, line_labels.labels, strict=True)
            if label in labels and not (label != LINK_FARM and (line is title or line.index == headline))]


# Demonym-class words that open place and movement names ("North Carolina", "Black Lives Matter").
_COMPASS_AND_COLOUR = frozenset("north south east west northern southern eastern western black white".split())


def _cut_to_known_names(text: str, names: list[NameSpan], starts: frozenset[int],
                        known: frozenset[tuple[str, ...]] = frozenset()) -> list[NameSpan]:
    """Names that end in a longer-known name, cut to it.

    - A name that ends in a gazetteer alias of two or more words (`known`, "White House", "Donald
      Trump") is that alias and, before it, a name of its own: "the Obama White House" is Obama and
      the White House (the alias is left to the gazetteer), a caption's "Facebook Twitter Pinterest
      Donald Trump" the share buttons and Donald Trump.
    - A party or a people before a name the document also writes without it describes the one
      named: "Republican Mitt Romney" beside "Mitt Romney" or "Romney" is Mitt Romney ("Chinese
      Communist Party" alone, "Muslim Council of Britain" beside "Britain" stay whole).
    - A sentence-initial name whose last two or more words are a full name found elsewhere in the
      document is that full name when the words before it are one word or ordinary words, which
      were capitalised only by their place ("Intrepid Tomasz Furmanek", a typo'd "Subtitute Robin
      van Persie", "Debating Bill Clinton" beside "Tomasz Furmanek", "Robin van Persie", "Bill
      Clinton"); "Claudia Yanira Hernandez Soriano" beside "Hernandez Soriano" stays whole.
    Words before a gazetteer alias that opened a sentence are dropped with it.
    """
    wc = word_classes()
    found = {n.tokens for n in names if len(n.tokens) >= 2}
    singles = {n.tokens for n in names if len(n.tokens) == 1}
    out = []
    for n in names:
        if n.title or len(n.tokens) < 2:
            out.append(n)
            continue
        cut = next((k for k in range(1, len(n.tokens) - 1) if n.tokens[k:] in known), 0)
        alias = bool(cut)
        first = n.tokens[0].lower()
        if cut or len(n.tokens) < 3:
            pass
        elif first in wc.demonym and first not in _COMPASS_AND_COLOUR and not any(
                t.lower() in wc.connector for t in n.tokens) and (n.tokens[1:] in found or n.tokens[-1:] in singles):
            cut = 1
        elif n.start in starts:
            cut = next((k for k in range(1, len(n.tokens) - 1) if n.tokens[k:] in found), 0)
            if cut > 1 and not all(is_ordinary(bare(t), wc) for t in n.tokens[:cut]):
                cut = 0  # given names before a surname pair: "Claudia Yanira Hernandez Soriano"
            if cut == 1 and n.person_cue:
                cut = 0  # "Intrepid Smith said": the speech verb may be about the whole run
        if not cut:
            out.append(n)
            continue
        ends = []
        at = n.start
        for token in n.tokens:
            at = text.find(token, at) + len(token)
            ends.append(at)
        if alias:
            if n.start not in starts:  # "the Obama White House": Obama
                out.append(NameSpan(n.start, ends[cut - 1], n.tokens[:cut], (), "other", False))
            continue
        start = text.find(n.tokens[cut], ends[cut - 1], n.end)
        out.append(NameSpan(start, n.end, n.tokens[cut:], (), n.kind, n.person_cue) if start >= 0 else n)
    return out


def _unknown_hyphen_parts(text: str, start: int, end: int, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the parts of the hyphenated word text[start:end] that no `known` span covers and that can
    name someone: capitalised, two letters or more, no demonym, prefix or ordinary word ("Anti-", "Saudi-")."""
    wc = word_classes()
    out = []
    for part in re.finditer(r"[^-]+", text[start:end]):
        a, b = start + part.start(), start + part.end()
        low = bare(part.group())
        if (part.group()[:1].isupper() and b - a >= 2 and not _overlaps(a, b, known)
                and low not in wc.demonym and low not in _PREFIXES and not is_ordinary(low, wc)):
            out.append((a, b))
    return out


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


class _Taken:
    """The spans already read as mentions, asked whether a new span overlaps one of them: kept sorted,
    with the longest span's length, so that a question looks at the few spans that start near it
    (a list scanned whole made a document of thousands of names take quadratic time)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        spans = self.spans
        k = bisect.bisect_left(spans, (start - self.longest,))
        while k < len(spans) and spans[k][0] < end:
            if start < spans[k][1]:
                return True
            k += 1
        return False


def _sentence_index(seg: Segmented):  # type: ignore[no-untyped-def]
    sentences = seg.sentences
    starts = [s.start for s in sentences]

    def index(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i].end else -1

    return index


def _sentence_starts(seg: Segmented) -> frozenset[int]:
    """Offsets of words that start a sentence or follow an opening quote, bracket or dash."""
    text = seg.text
    out: set[int] = set()
    for sentence in seg.sentences:
        pos = sentence.start
        while pos < sentence.end and not text[pos].isalnum():
            pos += 1
        out.add(pos)
    out.update(m.end() for m in _AFTER_OPENING.finditer(text))
    return frozenset(out)


def _headline_lines(seg: Segmented) -> list[tuple[int, int]]:
    """Lines in title case ("Howard Hits Back At Mongrel Jibe"): every word capitalised."""
    out = []
    function = word_classes().function
    for line in seg.lines:
        if line.lang == "zh":
            continue
        if any(w not in function for w in _LOWER_WORD.findall(line.text)):
            continue  # a lower-case content word: not title case (most lines stop here)
        words = [w for w in line.text.split() if w[:1].isalpha()]
        content = [w for w in words if w.lower() not in function]
        if len(words) >= 4 and len(content) >= 3 and all(w[0].isupper() for w in content):
            out.append((line.start, line.end))
    return out


def _resolve_short_forms(mentions: list[Mention], text: str) -> None:
    """Give every name its canonical actor: the full name for a short form, else itself. A name
    written after "the" ("the Next Twitter", "the Liberal Democrats") is no person's full name, so
    "Twitter" stays itself; nor is one joined by "of" or "for" (an office, an organisation: "the
    Southern District of Florida" is not the "Attorney for the Southern District of Florida")."""
    wc = word_classes()
    full = [m for m in mentions if m.via == "name" and len(m.tokens) >= 2
            and m.type in ("person", "other") and m.tokens[0].lower() not in wc.particle
            and text[max(0, m.start - 4):m.start].lower() != "the "
            and not any(t.lower() in wc.connector for t in m.tokens)]
    surnames: dict[tuple[str, ...], list[Mention]] = {}
    firsts: dict[str, set[str]] = {}
    for f in full:
        low = tuple(t.lower() for t in f.tokens)
        for k in range(1, len(low)):
            surnames.setdefault(low[k:], []).append(f)
        # a first name stands for a person's full name, not for "Obama White House" or a headline's
        # "Obama Isn't Working": the words after it must not be ordinary words, nor the name unlike a person's
        if person_like(low, wc) and not all(is_ordinary(t, wc) for t in low[1:]):
            firsts.setdefault(low[0], set()).add(" ".join(f.tokens))
    for m in mentions:
        if m.via != "name":
            continue
        if m.type == "place":  # "in Washington" is not "Denzel Washington"
            m.actor = " ".join(m.tokens)
            continue
        low = tuple(t.lower() for t in m.tokens)
        candidates = surnames.get(low)
        target = None
        if candidates:
            before = [f for f in candidates if f.start < m.start]
            target = before[-1] if before else candidates[0]
        elif len(low) == 1 and len(firsts.get(low[0], ())) == 1 and m.type == "other":
            target = next(f for f in full if f.tokens[0].lower() == low[0])
        if target is not None and target is not m:
            m.actor = " ".join(target.tokens)
            m.via = "short"
            # "Cameron" for "David Cameron" makes both a person; "Madrid" for "Real Madrid" does not
            if person_like(tuple(t.lower() for t in target.tokens), wc):
                m.type = "person"
                target.type = "person" if target.type == "other" else target.type
            else:
                m.type = target.type
            if not m.title:
                m.title = target.title
        else:
            m.actor = " ".join(m.tokens)


def _type_people(mentions: list[Mention]) -> None:
    """An actor is a person when any of its mentions says so (a title, a short form, a speech verb),
    else a place when one of them is ("in Los Angeles"), so that no pronoun resolves to it."""
    people = {m.actor for m in mentions if m.type == "person"}
    organisations = {m.actor for m in mentions if m.type == "organisation"}
    places = {m.actor for m in mentions if m.type == "place"}
    for m in mentions:
        if m.type == "other" and m.actor in people and m.actor not in organisations:
            m.type = "person"
        elif m.type == "other" and m.actor in places:
            m.type = "place"


def _pronouns(text: str, mentions: list[Mention], taken: _Taken, sentence_of,  # type: ignore[no-untyped-def]
              has_cjk: bool) -> list[Mention]:
    wc = word_classes()
    given = given_name_sexes()
    titles: dict[str, set[str]] = {}
    for m in mentions:
        if m.title and m.actor:
            titles.setdefault(m.actor, set()).update(bare(t) for t in m.title)
    if text.isascii():
        matches = [(p.start(), p.end(), p.group(1)) for p in _PRONOUN_LOWER.finditer(text.lower())]
    else:
        matches = [(p.start(), p.end(), p.group(1).lower()) for p in _PRONOUN.finditer(text)]
    if has_cjk:
        matches += [(p.start(), p.end(), p.group()) for p in _ZH_PRONOUN.finditer(text)]
        matches.sort()
    quotes = [q.span() for q in _QUOTATION.finditer(text)] if ('"' in text or "“" in text) else []
    for q_start, q_end in quotes:
        matches += [(p.start(), p.end(), "i") for p in _FIRST_PERSON.finditer(text, q_start, q_end)]
    matches.sort()
    out: list[Mention] = []
    k = 0
    for start, end, word in matches:
        if taken.overlaps(start, end):
            continue
        sentence = sentence_of(start)
        while k < len(mentions) and mentions[k].start < start:
            k += 1
        feminine = word in _FEMININE
        actor = None
        if word == "i":
            quote = next((q for q in quotes if q[0] <= start < q[1]), (start, start))
            speakers = [m for m in mentions if m.sentence == sentence and not quote[0] <= m.start < quote[1]
                        and m.actor is not None and m.type in ("person", "other")]
            out.append(Mention(start, end, speakers[0].actor if speakers else None, "person", "pronoun", sentence))
            continue
        for m in reversed(mentions[:k]):
            if sentence - m.sentence > PRONOUN_REACH:
                break
            if m.actor is None or not (m.type == "person" or (m.type == "other" and len(m.tokens) >= 2
                                                               and bare(m.tokens[0]) in given)):
                continue
            sex = sex_of(m.actor, titles.get(m.actor, set()), wc)
            if sex is not None and (sex == "f") != feminine:
                continue
            actor = m
            break
        out.append(Mention(start, end, actor.actor if actor else None, "person", "pronoun", sentence))
    return out


def _roles(text: str, mentions: list[Mention], taken: _Taken, sentence_of) -> list[Mention]:  # type: ignore[no-untyped-def]
    out: list[Mention] = []
    for r in (_ROLE_LOWER.finditer(text.lower()) if text.isascii() else _ROLE.finditer(text)):
        start, end = r.span()
        if taken.overlaps(start, end):
            continue
        role = r.group(1).lower()
        sentence = sentence_of(start)
        actor = None
        for m in reversed([m for m in mentions if m.start < start]):
            if sentence - m.sentence > ROLE_REACH:
                break
            if m.actor is None:
                continue
            if role in _ORG_ROLES:
                if m.type in ("organisation", "company") or (role in ("government", "administration")
                                                             and m.type == "country"):
                    actor = m
                    break
            elif any(bare(t) == role.split()[-1] for t in m.title):
                actor = m
                break
        out.append(Mention(start, end, actor.actor if actor else None, actor.type if actor else "person",
                           "role", sentence))
    return out
