"""Decoding bytes into text with the encoding recorded, and refusing what is not text."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.inputs.decode import DecodeError, decode_bytes

ZH_SIMPLIFIED = "近年来,美国政府持续采取贸易保护主义措施,不断加征关税,对包括中国在内的多个国家的产品实施限制。中国市场并未产生显著反应。"
ZH_TRADITIONAL = "近年來,美國政府持續採取貿易保護主義措施,不斷加徵關稅,對包括中國在內的多個國家的產品實施限制。中國市場並未產生顯著反應。"
EN_LATIN1 = "The striker's £15.8m signing from Málaga was confirmed on Tuesday, the club said in a statement."


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (EN_LATIN1.encode("utf-8"), "utf-8", EN_LATIN1),
        (codecs.BOM_UTF8 + EN_LATIN1.encode("utf-8"), "utf-8-sig", EN_LATIN1),
        (EN_LATIN1.encode("utf-16"), "utf-16", EN_LATIN1),
        (EN_LATIN1.encode("utf-16-le"), "utf-16-le", EN_LATIN1),
        (EN_LATIN1.encode("cp1252"), "cp1252", EN_LATIN1),
        (ZH_SIMPLIFIED.encode("gb18030"), "gb18030", ZH_SIMPLIFIED),
        (ZH_TRADITIONAL.encode("big5"), "big5", ZH_TRADITIONAL),
    ],
)
def test_known_encodings_decode_to_the_original_text(data: bytes, encoding: str, text: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_gbk_subset_is_recorded_as_gb18030() -> None:
    # GBK/GB2312 are subsets of GB18030: recording the superset means re-decoding never fails.
    data = "华为表示,芯片供应正在恢复。".encode("gbk")
    assert decode_bytes(data).encoding == "gb18030"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
        (b"abc\x00\x00\x00\x01\x02\x03" * 200, "binary"),
    ],
)
def test_binary_and_empty_inputs_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_random_bytes_are_undecodable() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DecodeError):
        decode_bytes(data)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_any_utf8_text_round_trips(text: str) -> None:
    if "\x00" in text:
        with pytest.raises(DecodeError):
            decode_bytes(text.encode("utf-8"))
        return
    # A leading U+FEFF encodes to the UTF-8 byte order mark, which is not part of the text.
    expected = text[1:] if text.startswith("\ufeff") else text
    assert decode_bytes(text.encode("utf-8")).text == expected


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.encoding


def test_gb18030_with_a_lost_byte_still_decodes(shared_corpora) -> None:
    # Sogou tensite files carry '?' where the dump lost a byte; they are still GB18030.
    for name in ("003", "064", "170"):
        data = (shared_corpora / "sogou" / "tensite" / f"{name}.txt").read_bytes()
        assert decode_bytes(data).encoding == "gb18030", name


def test_bbc_latin1_file(shared_corpora) -> None:
    decoded = decode_bytes((shared_corpora / "bbc" / "sport" / "199.txt").read_bytes())
    assert decoded.encoding in ("cp1252", "latin-1")
    assert "£15.8m" in decoded.text
