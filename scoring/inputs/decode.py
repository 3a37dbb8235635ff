"""Bytes → text with the encoding recorded.

Strict UTF-8 (with or without BOM) and UTF-16 with a BOM are decided without guessing;
everything else goes to charset-normalizer. Binary content is refused with a reason
rather than decoded into garbage.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why and `slug` names
    the kind: `empty_file`, `binary_file` or `undecodable`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.slug = ("empty_file" if message.startswith("empty") else
                     "binary_file" if message.startswith("binary") else "undecodable")


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` starts with (by magic number), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


# Magic numbers of formats that commonly end up in scraped folders by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"SQLite format 3", "SQLite database"),
)

# charset-normalizer names → the names we record (Python codec names, lower case).
_PREFERRED_NAME = {"gb2312": "gb18030", "gbk": "gb18030"}

# Encodings news text realistically arrives in. Restricting the detector to these keeps it
# from choosing exotic code pages (cp874, cp932) for text that is GB18030 or cp1252.
_CANDIDATES = (
    "utf_8", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1252", "cp1250", "cp1251",
    "koi8_r", "iso8859_2", "iso8859_15", "utf_16",
)
_STRICT_FALLBACK = ("gb18030", "big5", "cp1252")


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`, raising DecodeError with a specific reason when it is not text."""
    if not data:
        raise DecodeError("empty file")
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind})")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"starts with a UTF-8 BOM but is not UTF-8 (byte {exc.start})") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"starts with a UTF-16 BOM but is not UTF-16 (byte {exc.start})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            raise DecodeError("binary file (contains NUL bytes)")
        return Decoded(text, "utf-8")
    return _guess(data)


def _guess(data: bytes) -> Decoded:
    nul_share = data.count(0) / len(data)
    if nul_share > 0.3:
        # UTF-16 without a BOM: every other byte of ASCII-range text is zero.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return Decoded(text, codec)
        raise DecodeError("binary file (contains NUL bytes)")
    if _isolated_high_bytes(data):
        # Every non-ASCII byte stands alone between ASCII bytes: a single-byte Western
        # encoding (a "£" or "é" in English text). Multi-byte encodings (GBK, Big5,
        # Shift-JIS, UTF-8) never produce lone high bytes, and detectors misread such
        # files as Japanese or Thai.
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            return Decoded(data.decode("latin-1"), "latin-1")
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    if best is not None:
        encoding = _PREFERRED_NAME.get(best.encoding, best.encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text, encoding = str(best), best.encoding
        if "\x00" not in text and _looks_like_text(text):
            return Decoded(text, encoding)
    # The detector found nothing coherent (e.g. GB18030 text with a byte lost mid-file,
    # where the rest is valid but garbled): accept the first strict decoding that reads
    # as text.
    for encoding in _STRICT_FALLBACK:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return Decoded(text, encoding)
    raise DecodeError("undecodable: not valid UTF-8, and no other supported encoding "
                      f"({', '.join(_STRICT_FALLBACK)}, …) decodes it as text")


def _isolated_high_bytes(data: bytes) -> bool:
    prev_high = False
    seen = False
    for byte in data:
        high = byte >= 0x80
        if high and prev_high:
            return False
        seen = seen or high
        prev_high = high
    return seen


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return control / len(sample) < 0.05
