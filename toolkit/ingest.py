"""Reading an article: bytes → text → normalized lines → sections → paragraphs → sentences.

Each step is a plain function so it can be tested alone; ``read_article`` and ``parse_text`` chain them.
Nothing of the article is dropped except what a named boilerplate pattern matched, and every such removal
is reported on the Article (``removed``).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.article import (
    Article,
    Paragraph,
    Removed,
    Section,
    Sentence,
    paragraph_id,
    section_id,
    sentence_id,
)
from toolkit.errors import InputError

# --- decoding ---------------------------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
]

# Articles are small; anything bigger is almost certainly not an article and would take minutes to brief.
MAX_BYTES = 20 * 1024 * 1024

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


# Hiragana and katakana proper; the katakana middle dot ・ (U+30FB) and the long-vowel mark ー (U+30FC) are
# left out because Chinese text uses them in transliterated names (乔治・华盛顿).
_KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FOREIGN_SHARE = 0.2
"""Kana (or Hangul) above this share of an article's CJK letters makes it Japanese (or Korean). Japanese
prose runs at 40-70% kana; a Chinese article quoting a Japanese sentence or two stays far below."""


def guard_language(text: str) -> None:
    """Refuse Japanese and Korean by name. Japanese kanji would otherwise pass as "traditional script" and
    be converted to simplified Chinese; Korean would only be called "not Chinese"."""
    for pattern, language, letters in ((_KANA, "Japanese", "kana"), (_HANGUL, "Korean", "Hangul")):
        if pattern.search(text) is None:  # the common case costs one scan that finds nothing
            continue
        n = len(pattern.findall(text))
        han = len(_CJK.findall(text))
        if n >= 5 and n / (n + han) > FOREIGN_SHARE:
            raise InputError(
                f"reads as {language}, not Chinese ({letters} in {n / (n + han):.0%} of its letters); "
                "zhbrief reads Chinese articles"
            )


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
    from toolkit.segment import Segmenter

    sample = to_simplified(text[:1500])
    seg = _plausibility_segmenter(Segmenter)
    cjk = sum(1 for ch in sample if _CJK.match(ch))
    if not cjk:
        return 0.0
    in_words = sum(len(w) for w in seg.tokenizer.cut(sample, HMM=False) if len(w) > 1 and _CJK.match(w[0]))
    return in_words / cjk


@lru_cache(maxsize=1)
def _plausibility_segmenter(cls):  # type: ignore[no-untyped-def]
    return cls(hmm=False)


# What a real article's characters are: Han, kana/Hangul (so a Japanese or Korean file is recognised and
# then refused by name), CJK and general punctuation, full-width forms, and ASCII text.
_TEXTLIKE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u30ff\uac00-\ud7af\uff00-\uffef"
    r"\u2000-\u206f\u00a0-\u00ff\x20-\x7e\t\n\r]"
)


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
    (by far the most common, and a legacy CJK encoding almost never happens to be valid UTF-8); then GB18030
    and Big5, and when both decode, the one whose text forms real words wins.
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


# --- normalization ----------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """OpenCC t2s: the one conversion applied to articles and glossary keys alike."""
    return _opencc("t2s").convert(text)


def detect_script(original: str, simplified: str) -> str:
    changed = sum(1 for a, b in zip(original, simplified, strict=False) if a != b)
    if changed == 0:
        return "simplified"
    # A simplified article still contains the odd character OpenCC maps (乾 in names, 著 vs 着); a
    # traditional one changes in a large share of its characters.
    cjk = max(1, sum(1 for ch in original if _CJK.match(ch)))
    share = changed / cjk
    if share > 0.08:
        return "traditional"
    back = _opencc("s2t").convert(original)
    changed_back = sum(1 for a, b in zip(original, back, strict=False) if a != b)
    return "mixed" if changed_back and share > 0.01 else "simplified"


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH[0x3000] = 0x20  # ideographic space inside a line is just a space to us
_FULLWIDTH[0xFF0E] = 0x2E  # ．between digits is a decimal point
_FULLWIDTH[0xFF05] = 0x25  # ％


def fold_widths(text: str) -> str:
    """Full-width Latin letters, digits (and ％, ．, ideographic space) to ASCII; Chinese punctuation stays."""
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True)
class Boilerplate:
    """One named pattern of platform boilerplate. ``scope`` is ``line`` (the whole stripped line must
    match), ``inline`` (matches are cut out of a line), or ``tail`` (the matching line and every line after
    it are a footer)."""

    name: str
    pattern: re.Pattern[str]
    scope: str = "line"
    description: str = ""


# Extend by appending to this list (or passing ``boilerplate=`` to parse_text). Order does not matter.
BOILERPLATE: list[Boilerplate] = [
    Boilerplate("image", re.compile(r"!\[[^\]]*\]\([^)]*\)"), "inline", "Markdown image placeholders ![]()"),
    Boilerplate(
        "byline",
        re.compile(
            r"(出品|撰文|作者|编辑|责编|责任编辑|来源|排版|校对|策划|图片|视觉|审核)\s*[IⅠ丨|｜:：]\s*\S.{0,30}"
        ),
        "line",
        "credit lines: 出品I…, 撰文I…, 编辑|…, 来源：…",
    ),
    Boilerplate("superscript", re.compile(r"\[superscript:\s*\d+\]"), "inline", "[superscript:N] markers"),
    Boilerplate(
        "disclaimer",
        re.compile(r"(特别声明|免责声明)\s*[:：].*"),
        "line",
        "platform disclaimers (特别声明：以上内容…)",
    ),
    Boilerplate(
        "disclaimer-en",
        re.compile(r"Notice:\s*The content above.*", re.IGNORECASE),
        "line",
        "the English half of the NetEase Hao disclaimer",
    ),
]


def strip_boilerplate(
    lines: list[str], patterns: list[Boilerplate] | None = None
) -> tuple[list[str], list[Removed]]:
    """Remove boilerplate; return the kept lines (same count: removed lines become empty) and a record."""
    patterns = BOILERPLATE if patterns is None else patterns
    removed: list[Removed] = []
    out: list[str] = []
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        for bp in patterns:
            if bp.scope == "inline":
                for m in bp.pattern.finditer(stripped):
                    removed.append(Removed(bp.name, m.group(0), n))
                stripped = bp.pattern.sub("", stripped).strip()
            elif stripped and bp.pattern.fullmatch(stripped):
                removed.append(Removed(bp.name, stripped, n))
                stripped = ""
        out.append(stripped)
    return out, removed


# --- structure --------------------------------------------------------------------------------------------

_CLOSING = set("。！？!?；;：:，,、…．.—”\"’')）】」』》")
_CN_NUM = "一二三四五六七八九十百零〇两"
_ORDINAL = re.compile(
    rf"^(?:[{_CN_NUM}]+、|[（(][{_CN_NUM}\d]+[）)]|第[{_CN_NUM}\d]+[章节部分篇回讲]|\d{{1,2}}[、.．]\s*(?=\D))"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
HEADING_MAX = 24


def _plain_heading(line: str) -> bool:
    """A short stand-alone line without closing punctuation, as headings stand in plain-text articles."""
    return (
        0 < len(line) <= HEADING_MAX
        and line[-1] not in _CLOSING
        and has_cjk(line)
        and not re.fullmatch(r"[\d\s年月日号:：/.-]+", line)
    )


def _ordinal_heading(line: str) -> bool:
    return bool(_ORDINAL.match(line)) and len(line) <= 40 and line[-1] not in "。！？!?；;，,"


@dataclass
class _Block:
    """A line after layout: either a heading or a paragraph, in normalized and original form."""

    kind: str  # "heading" | "para" | "title"
    text: str
    original: str


def _blocks_from_text(lines: list[str], markdown: bool) -> list[_Block]:
    blocks: list[_Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            joined = _join_wrapped(pending)
            blocks.append(_Block("para", joined, joined))
            pending.clear()

    for line in lines:
        if not line:
            flush()
            continue
        m = _MD_HEADING.match(line) if markdown else None
        if m:
            flush()
            blocks.append(
                _Block("heading" if len(m.group(1)) > 1 or blocks else "title", m.group(2), m.group(2))
            )
            continue
        if markdown:
            # Markdown paragraphs may be hard-wrapped; a blank line ends them. Lists stay one item a line.
            if re.match(r"^([-*+]|\d+\.)\s", line):
                flush()
                pending.append(re.sub(r"^([-*+]|\d+\.)\s+", "", line))
                flush()
                continue
            pending.append(re.sub(r"^>\s?", "", line))
            continue
        # Plain text: Chinese articles put one paragraph on a line.
        pending.append(line)
        flush()
    flush()
    return blocks


def _join_wrapped(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        # Wrapped Chinese joins without a space; wrapped Latin text needs one.
        sep = " " if (out[-1:].isascii() and out[-1:].isalnum() and p[:1].isascii()) else ""
        out += sep + p
    return out


_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td", "div"]
_HEADINGS = ("h1", "h2", "h3", "h4")
HTML_HEADING_MAX = 200
"""A heading element with more text than this is an unclosed tag that swallowed the body."""


def _unnest_headings(root) -> None:  # type: ignore[no-untyped-def]
    """Move block content out of heading elements. html.parser nests everything after an unclosed <h1>
    inside it, which made the whole page the title and left no body ("0 sections")."""
    from bs4 import Tag

    for h in root.find_all(_HEADINGS):
        if h.find(_BLOCK_TAGS) is None:
            continue
        kids = list(h.children)
        first = next(
            i
            for i, k in enumerate(kids)
            if isinstance(k, Tag) and (k.name in _BLOCK_TAGS or k.find(_BLOCK_TAGS) is not None)
        )
        anchor = h
        for k in kids[first:]:
            anchor.insert_after(k.extract())
            anchor = k


def _blocks_from_html(html: str) -> tuple[list[_Block], str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form"]):
        tag.decompose()
    title_tag = soup.find("title")
    doc_title = title_tag.get_text(" ", strip=True) if title_tag else None
    if title_tag:
        title_tag.decompose()
    blocks: list[_Block] = []
    body = soup.body or soup
    _unnest_headings(body)
    for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td", "div"]):
        # A div counts only when it holds text directly; otherwise its children are visited on their own.
        if el.name == "div" and el.find(
            ["h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td", "div"]
        ):
            continue
        if el.find_parent(["p", "li", "blockquote", "pre", "h1", "h2", "h3", "h4"]) is not None:
            continue
        text = re.sub(r"\s+", " ", el.get_text(" ", strip=True)).strip()
        text = re.sub(r"(?<=[\u4e00-\u9fff，。、；：！？“”]) (?=[\u4e00-\u9fff，。、；：！？“”])", "", text)
        if not text:
            continue
        if el.name in _HEADINGS and len(text) > HTML_HEADING_MAX:
            # An unclosed heading followed by bare text swallows it: that is body text, not a heading.
            blocks.append(_Block("para", text, text))
        elif el.name == "h1" and not blocks:
            blocks.append(_Block("title", text, text))
        elif el.name in ("h1", "h2", "h3"):
            blocks.append(_Block("heading", text, text))
        else:
            blocks.append(_Block("para", text, text))
    return blocks, doc_title


# --- sentences --------------------------------------------------------------------------------------------

_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}
_CLOSE_QUOTES = set(_OPEN_QUOTES.values()) | {"’", '"'}
_ENDERS = set("。！？!?；;")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on 。！？!?； and on '.' that ends an English sentence.

    Kept intact: decimals (2.4亿), ranges (3-5亿), Latin names (Mureka V8), and quoted speech — an ender inside
    “…” does not end the sentence; closing quotes and brackets stay with the sentence they close. A run of
    enders (？！, ……) stays together.
    """
    out: list[str] = []
    start = 0
    depth: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES and not (ch == "(" and depth and depth[-1] == ")"):
            depth.append(_OPEN_QUOTES[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
            # “我们不玩了。”然后…: an ender just inside the closing quote ends the sentence after it.
            if not depth and i > start and text[i - 1] in _ENDERS:
                j = i + 1
                while j < n and (text[j] in _ENDERS or text[j] in _CLOSE_QUOTES):
                    j += 1
                out.append(text[start:j].strip())
                start = i = j
                continue
        is_end = ch in _ENDERS or (
            ch == "."
            and (i + 1 == n or text[i + 1] == " ")
            and not (i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit())
            and i > 0
            and text[i - 1].isascii()
            and text[i - 1].isalpha()
            and not re.search(r"\b(?:[A-Z]|Mr|Ms|Dr|Inc|Co|Ltd|vs|etc|No|St)$", text[start:i])
        )
        if is_end and not depth:
            j = i + 1
            while j < n and (text[j] in _ENDERS or text[j] in "…" or text[j] in _CLOSE_QUOTES):
                j += 1
            piece = text[start:j].strip()
            if piece:
                out.append(piece)
            start = j
            i = j
            continue
        i += 1
    tail = text[start:].strip()
    if tail:
        # A quote left open never closed; rather than one giant sentence, keep what we have.
        out.append(tail)
    return out


def _split_aligned(norm: str, orig: str) -> list[tuple[str, str]]:
    """Split normalized text into sentences and cut the original at the same offsets.

    OpenCC t2s maps character for character in practice, so offsets line up; when a conversion changes
    the length we fall back to showing the normalized text as the original.
    """
    sents = split_sentences(norm)
    if len(norm) != len(orig):
        return [(s, s) for s in sents]
    pairs: list[tuple[str, str]] = []
    pos = 0
    for s in sents:
        k = norm.find(s, pos)
        if k < 0:
            pairs.append((s, s))
            continue
        pairs.append((s, orig[k : k + len(s)]))
        pos = k + len(s)
    return pairs


# --- the whole reading ------------------------------------------------------------------------------------


def detect_format(text: str, name: str | None = None) -> str:
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|h1|h2|body|div)[\s>]", head):
        return "html"
    if re.search(r"(?m)^#{1,6}\s+\S", text):
        return "markdown"
    return "text"


def parse_text(
    text: str,
    source: str = "-",
    fmt: str | None = None,
    encoding: str = "utf-8",
    boilerplate: list[Boilerplate] | None = None,
) -> Article:
    """Structure already-decoded text into an Article (normalize, strip boilerplate, sectionize, split)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    fmt = fmt or detect_format(text, source if source != "-" else None)
    guard_language(text)
    if not has_cjk(text):
        raise InputError("contains no Chinese text; zhbrief reads Chinese articles")

    doc_title: str | None = None
    if fmt == "html":
        raw_blocks, doc_title = _blocks_from_html(text)
        lines = [b.text for b in raw_blocks]
        kept, removed = strip_boilerplate(lines, boilerplate)
        blocks = [_Block(b.kind, k, k) for b, k in zip(raw_blocks, kept, strict=True) if k]
    else:
        lines = [fold_widths(ln).strip() for ln in text.split("\n")]
        kept, removed = strip_boilerplate(lines, boilerplate)
        blocks = _blocks_from_text(kept, markdown=fmt == "markdown")

    # Normalize each block; the original (folded widths, source script) is kept for display.
    original_all = "\n".join(b.text for b in blocks)
    for b in blocks:
        b.original = fold_widths(b.text)
        b.text = to_simplified(b.original)
    script = detect_script(original_all, to_simplified(original_all))

    if not any(has_cjk(b.text) for b in blocks):
        raise InputError("contains no Chinese text once boilerplate is removed")

    # Title: a Markdown/HTML title, else a title-like first line, else the first sentence standing in.
    title_from = "first-sentence"
    if blocks and blocks[0].kind == "title":
        title_block = blocks.pop(0)
        title, title_orig, title_from = title_block.text, title_block.original, "heading"
    elif doc_title and has_cjk(doc_title):
        title, title_orig, title_from = (
            to_simplified(fold_widths(doc_title)),
            fold_widths(doc_title),
            "heading",
        )
    elif blocks and blocks[0].kind == "para" and len(blocks) > 1 and _title_like(blocks[0].text):
        title_block = blocks.pop(0)
        title, title_orig, title_from = title_block.text, title_block.original, "line"
    else:
        first = (
            next(b for b in blocks if b.kind == "para")
            if any(b.kind == "para" for b in blocks)
            else blocks[0]
        )
        pairs = _split_aligned(first.text, first.original)
        title, title_orig = pairs[0] if pairs else (first.text, first.original)

    title, title_orig = shorten_title(title), shorten_title(title_orig)

    # Headings in plain text: short stand-alone lines and ordinal headings (一、 / （一） / 第一章).
    for i, b in enumerate(blocks):
        if b.kind != "para":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        followed_by_text = nxt is not None and nxt.kind == "para"
        if _ordinal_heading(b.text) or (fmt != "html" and _plain_heading(b.text) and followed_by_text):
            b.kind = "heading"

    sections: list[Section] = []
    current = Section(section_id(0), 0, None, None)
    headings = 0
    for b in blocks:
        if b.kind in ("heading", "title"):
            if current.paragraphs or current.heading is not None:
                sections.append(current)
            headings += 1
            current = Section(section_id(headings), headings, b.text, b.original)
            continue
        pi = len(current.paragraphs) + 1
        pairs = _split_aligned(b.text, b.original)
        sents = [Sentence(sentence_id(current.index, pi, k), s, o) for k, (s, o) in enumerate(pairs, 1)]
        if sents:
            current.paragraphs.append(Paragraph(paragraph_id(current.index, pi), sents))
    if current.paragraphs or current.heading is not None:
        sections.append(current)
    if not any(s.paragraphs for s in sections):
        # Never an empty article reported as success (an unclosed <h1> used to make the page one title).
        raise InputError(
            "has a title or headings but no body text"
            + (" (an unclosed heading tag?)" if fmt == "html" else "")
        )

    return Article(
        source=source,
        title=title,
        title_original=title_orig,
        title_from=title_from,
        sections=sections,
        encoding=encoding,
        script=script,
        format=fmt,
        removed=removed,
    )


TITLE_MAX = 120
"""Characters of a title shown and translated; a longer first line (a page without line breaks) is cut."""


def shorten_title(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


def _title_like(line: str) -> bool:
    return len(line) <= 60 and line[-1] not in "。！？!?；;，,：:"


def _too_large(what: str, limit: int) -> InputError:
    return InputError(f"{what}: more than {limit:,} bytes is too large for an article (limit {limit:,})")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_input_path(path: str | Path, limit: int = MAX_BYTES) -> os.stat_result:
    """Why ``path`` cannot be read as an article, as one InputError; else its stat (symlinks followed).

    Batch calls this on every file a folder holds, so a dangling link, a link loop or a FIFO is recorded as
    failed with its reason instead of being skipped (or, for a FIFO, blocking the run forever).
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise InputError(
                f"{p}: dangling symlink (it points to {os.readlink(p)}, which does not exist)"
            ) from None
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(f"{p}: symlink loop (the link points back to itself)") from None
        raise InputError(f"{p}: cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory; give an article file (batch takes folders)")
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise InputError(f"{p}: {st.st_size:,} bytes is too large for an article (limit {limit:,})")
    return st


def read_bytes(path: str | Path, limit: int = MAX_BYTES, *, regular_only: bool = False) -> bytes:
    """Read an input path (``-`` = standard input) with one clear error for each way it can fail.

    Whatever the source (file, FIFO, device, standard input), at most ``limit`` + 1 bytes are read and
    more is refused, so ``/dev/zero`` or an endless pipe ends at once instead of filling memory. A FIFO or
    device named on the command line is read that bounded way (``<(cmd)`` is a pipe); ``regular_only``
    (batch, reading folders nobody looked into) refuses them instead.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("standard input", limit)
        if not data.strip():
            raise InputError("standard input is empty")
        return data
    p = Path(path)
    st = check_input_path(p, limit)
    if regular_only and not stat.S_ISREG(st.st_mode):
        raise InputError(f"{p}: is {_file_kind(st.st_mode)}, not a regular file; batch reads files only")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise InputError(f"{p}: is {_file_kind(st.st_mode)}, not an article file")
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except PermissionError as e:
        raise InputError(f"{p}: permission denied") from e
    except OSError as e:
        raise InputError(f"{p}: cannot read: {e.strerror or e}") from e
    if len(data) > limit:
        raise _too_large(str(p), limit)
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data


def read_text(path: str | Path) -> tuple[str, str]:
    """(text, encoding) of a Chinese input read the way articles are — bounded, decoded, refused when it
    is Japanese, Korean or has no Chinese — but not structured: for line-aligned inputs (``translate
    --lines``, ``glossary check --source``). Line ends become LF and a BOM is dropped."""
    data = read_bytes(path)
    name = str(path)
    try:
        text, encoding = decode(data)
        guard_language(text)
        if not has_cjk(text):
            raise InputError("contains no Chinese text; zhbrief reads Chinese articles")
    except InputError as e:
        if name != "-" and not str(e).startswith(name):
            raise InputError(f"{name}: {e}") from None
        raise
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""), encoding


def read_article(
    path: str | Path, boilerplate: list[Boilerplate] | None = None, *, regular_only: bool = False
) -> Article:
    """Read and structure one article file (``-`` for standard input); see ``read_bytes``."""
    data = read_bytes(path, regular_only=regular_only)
    name = str(path)
    try:
        text, encoding = decode(data)
        return parse_text(text, source=name, encoding=encoding, boilerplate=boilerplate)
    except InputError as e:
        if name != "-" and not str(e).startswith(name):
            raise InputError(f"{name}: {e}") from None
        raise
