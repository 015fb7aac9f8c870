"""Bytes → text: BOMs, UTF-8, UTF-16 without a BOM, GB18030/GBK, Big5 — detected, not asked for — and the
language guard that refuses Japanese and Korean by name."""

from __future__ import annotations

import codecs
import re

from toolkit.cjk import CJK_CLASS, HAN, han_count
from toolkit.errors import InputError
from toolkit.script import to_simplified

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
]

# Hiragana and katakana proper; the katakana middle dot ・ (U+30FB) and the long-vowel mark ー (U+30FC) are
# left out because Chinese text uses them in transliterated names (乔治・华盛顿).
_KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FOREIGN_SHARE = 0.2
"""Kana (or Hangul) above this share of an article's CJK letters makes it Japanese (or Korean). Japanese
prose runs at 40-70% kana; a Chinese article quoting a Japanese sentence or two stays far below."""


DECLARED_SHARE = 0.05
"""A page that declares itself Japanese or Korean (``<html lang="ja">``) is refused from this share of kana
(Hangul) on: kanji-dense Japanese headlines and tables run below the undeclared threshold."""


def guard_language(text: str, declared: str | None = None) -> None:
    """Refuse Japanese and Korean by name. Japanese kanji would otherwise pass as "traditional script" and
    be converted to simplified Chinese; Korean would only be called "not Chinese". ``declared`` is the
    language a web page states (``ja``, ``ko``), which lowers the share of kana or Hangul that decides."""
    for pattern, language, letters, code in (
        (_KANA, "Japanese", "kana", "ja"),
        (_HANGUL, "Korean", "Hangul", "ko"),
    ):
        if pattern.search(text) is None:  # the common case costs one scan that finds nothing
            continue
        n = len(pattern.findall(text))
        han = han_count(text)
        share = n / (n + han)
        limit = DECLARED_SHARE if declared == code else FOREIGN_SHARE
        if n >= 5 and share > limit:
            said = f"; the page declares lang={code}" if declared == code else ""
            raise InputError(
                f"reads as {language}, not Chinese ({letters} in {share:.0%} of its letters{said}); "
                "zhbrief reads Chinese articles"
            )


_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def page_language(html: str) -> str | None:
    """The primary language an HTML page declares on its ``<html>`` element, lower-case, or None."""
    m = _LANG_ATTR.search(html[:4096])
    return m.group(1).lower() if m else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_LEGACY = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5",
}


def declared_charset(data: bytes) -> str | None:
    """The legacy Chinese codec an HTML page names in its ``<meta charset>`` (GBK and GB2312 read as their
    superset GB18030), or None."""
    m = _META_CHARSET.search(data[:4096])
    return _LEGACY.get(m.group(1).decode("ascii").lower()) if m else None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(sample) // 100)


def _plausibility(text: str) -> float:
    """How much of ``text`` reads as real Chinese words: the share of CJK characters inside multi-character
    dictionary words. A wrong legacy codec (Big5 read as GB18030 or the reverse) still decodes, but into
    characters that do not combine into words, so this separates the two reliably on a few lines."""
    # lazy: jieba's dictionary loads only for a file both GB18030 and Big5 decode
    from toolkit.dictionary import base_tokenizer

    sample = to_simplified(text[:1500])
    cjk = han_count(sample)
    if not cjk:
        return 0.0
    words = base_tokenizer().cut(sample, HMM=False)
    in_words = sum(len(w) for w in words if len(w) > 1 and HAN.match(w[0]))
    return in_words / cjk


# What a real article's characters are: Han, kana/Hangul (so a Japanese or Korean file is recognised and
# then refused by name), CJK and general punctuation, full-width forms, and ASCII text.
_TEXTLIKE = re.compile(f"[{CJK_CLASS}" r"\u2000-\u206f\u00a0-\u00ff\x20-\x7e\t\n\r]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text that lacks a byte-order mark (Windows tools write it): its ASCII characters (newlines,
    digits, spaces) carry a zero byte, which would otherwise make it look binary. Both byte orders are
    tried; the one whose characters read as text wins. The wrong order turns 中 (4E 2D) into U+2D4E and a
    newline into U+0A00, which are not text, so the two never both pass."""
    if len(data) < 2:
        return None
    even = data[: len(data) - len(data) % 2]
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        share = len(_TEXTLIKE.findall(sample)) / max(1, len(sample))
        if share >= 0.95 and (best is None or share > best[0]):
            best = (share, text, codec)
    return (best[1], f"{best[2]} (no BOM)") if best else None


def decode(data: bytes) -> tuple[str, str]:
    """Decode article bytes without being told the encoding. Returns (text, encoding name).

    Order: a BOM decides outright; then UTF-16 without a BOM when zero bytes suggest it; then strict UTF-8
    (by far the most common, and a legacy CJK encoding almost never happens to be valid UTF-8); then the
    codec an HTML page declares in ``<meta charset>``; then GB18030 and Big5, and when both decode, the one
    whose text forms real words wins.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {name} byte-order mark but is not valid {name}: {e.reason}"
                ) from e
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if _looks_binary(data):
        raise InputError("looks like a binary file, not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared is not None:
        # A page that names its legacy codec is read with it when its bytes agree: no guessing.
        try:
            return data.decode(declared), f"{declared} (declared)"
        except UnicodeDecodeError:
            pass
    candidates: list[tuple[str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if len(data) % 2 == 0:
        # UTF-16 without a BOM and without one ASCII character (so no zero byte gave it away above).
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            candidates.append(utf16)
    if not candidates:
        raise InputError("cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5")
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda c: _plausibility(c[0]))
