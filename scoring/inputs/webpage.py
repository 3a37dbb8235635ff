"""HTML input: the page's visible text one line per block, plus trafilatura's main text and metadata.

The visible text is what a simple scraper would have produced, so it is what the boilerplate
rubric judges; trafilatura's extraction (main text, title, author, date, site name) is kept
as metadata and used for the source rules.

Hostile or broken markup keeps its text: lxml parses with `huge_tree` (libxml2 otherwise stops
building the tree 256 elements deep, and a page of unclosed `<div><font>` reaches that depth
after ~125 paragraphs), the tree is walked without recursion, and when the tree still holds
clearly less text than the markup (libxml2's hard limit is 2,048 levels) the page is read
again by a streaming tag-soup reader that has no depth at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import lxml.html
from lxml import etree

from scoring.inputs.records import url_host

_DROPPED_TAGS = ("script", "style", "noscript", "head", "template", "iframe", "title", "math", "svg")
_DROPPED = frozenset(_DROPPED_TAGS)
_BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 td th tr table thead tbody tfoot caption br article section header "
    "footer nav aside figcaption blockquote pre dt dd ul ol dl main figure form fieldset legend hr "
    "address center body html".split()
)
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
# The tree is trusted unless it kept less than this share of the text the markup holds.
_TREE_TEXT_SHARE = 0.9
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    lines_text: str
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def parse_html(markup: str) -> HtmlPage:
    """Visible block text and trafilatura's metadata for one HTML page."""
    lines_text = visible_lines(markup)
    meta = _trafilatura_metadata(markup)
    canonical = meta.get("url") or _canonical_url(markup)
    site = meta.get("sitename") or (url_host(canonical) if canonical else None)
    return HtmlPage(
        lines_text=lines_text,
        title=meta.get("title") or None,
        url=canonical or None,
        site_name=site or None,
        metadata={k: v for k, v in meta.items() if v not in (None, "", [])},
    )


def visible_lines(markup: str) -> str:
    """One line per HTML block element; inline elements run together as in the markup."""
    text = _tree_text(markup)
    expected = _markup_text_chars(markup)
    if _visible_chars(text) < _TREE_TEXT_SHARE * expected:
        streamed = _streamed_text(markup)
        if _visible_chars(streamed) > _visible_chars(text):
            text = streamed
    return _tidy(text)


def _tree_text(markup: str) -> str:
    try:
        # The markup is already decoded; tell lxml the bytes are UTF-8, or it falls back to
        # Latin-1 when the page declares no charset ("©" would become "Â©").
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    # Depth-first without recursion (a page can nest thousands of elements): an element is
    # pushed twice, to open it (newline, text, then its children) and to close it (newline,
    # then the tail that follows it inside its parent).
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        is_element = isinstance(el.tag, str)
        is_block = is_element and el.tag.lower() in _BLOCK_TAGS
        if closing:
            if is_block:
                pieces.append("\n")
            if el is not root and el.tail:
                pieces.append(el.tail)
            continue
        if is_element and el.tag.lower() in _DROPPED:
            # Skipped rather than removed from the tree: lxml refuses to join the text around a
            # removed element when it holds a control character (an ESC byte in scraped text).
            stack.append((el, True))
            continue
        if is_block:
            pieces.append("\n")
        if is_element and el.text:
            pieces.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(pieces)


def _tidy(text: str) -> str:
    text = _ZERO_WIDTH.sub("", text)
    lines = (_SPACE.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


_HIDDEN_BLOCK = re.compile(r"<(script|style|noscript|template|title|svg|math|iframe)\b.*?</\1\s*>|<!--.*?-->",
                           re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_NOT_SPACE = re.compile(r"\S")


def _visible_chars(text: str) -> int:
    return len(_NOT_SPACE.findall(text)) if text else 0


def _markup_text_chars(markup: str) -> int:
    """About how many visible characters the markup holds: tags, comments and hidden blocks
    removed, entities resolved (a yardstick for what the tree kept, not an extractor)."""
    return _visible_chars(html.unescape(_TAG.sub(" ", _HIDDEN_BLOCK.sub(" ", markup))))


class _StreamingText(HTMLParser):
    """Visible text from start/end tag events, with no tree and therefore no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0  # inside how many open elements whose content is not visible

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden = 0  # an unclosed <head> or <title> ends where the body starts
        if tag in _DROPPED_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


def _streamed_text(markup: str) -> str:
    reader = _StreamingText()
    try:
        reader.feed(markup)
        reader.close()
    except Exception:  # the stdlib reader is lenient; whatever it read so far is still text
        pass
    return "".join(reader.pieces)


def _trafilatura_metadata(markup: str) -> dict[str, Any]:
    try:
        import trafilatura
    except ImportError:  # a broken install (jusText needs lxml_html_clean): the visible text does not need it
        return {}
    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura raises a variety of parser errors on hostile markup
        return {}
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {
        "title": data.get("title"),
        "author": data.get("author"),
        "date": data.get("date"),
        "sitename": data.get("sitename"),
        "hostname": data.get("hostname"),
        "url": data.get("url"),
        "main_text": data.get("text"),
    }


_CANONICAL = re.compile(r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)""", re.I)


def _canonical_url(markup: str) -> str | None:
    m = _CANONICAL.search(markup)
    return m.group(1) if m else None
