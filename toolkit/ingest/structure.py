"""Sectionizing: text or HTML → blocks (headings and paragraphs). Headings are Markdown ``#``, Chinese ordinals,
short stand-alone lines without closing punctuation, and HTML h1–h4."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.cjk import HAN_CLASS, has_han

_CLOSING = set("。！？!?；;：:，,、…．.—”\"’')）】」』》")
_CN_NUM = "一二三四五六七八九十百零〇两"
_ORDINAL = re.compile(
    rf"^(?:[{_CN_NUM}]+、|[（(][{_CN_NUM}\d]+[）)]|第[{_CN_NUM}\d]+[章节部分篇回讲]|\d{{1,2}}[、.．]\s*(?=\D))"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
HEADING_MAX = 24


def plain_heading(line: str) -> bool:
    """A short stand-alone line without closing punctuation, as headings stand in plain-text articles."""
    return (
        0 < len(line) <= HEADING_MAX
        and line[-1] not in _CLOSING
        and has_han(line)
        and not re.fullmatch(r"[\d\s年月日号:：/.-]+", line)
    )


def ordinal_heading(line: str) -> bool:
    return bool(_ORDINAL.match(line)) and len(line) <= 40 and line[-1] not in "。！？!?；;，,"


@dataclass
class Block:
    """A line after layout: either a heading or a paragraph, in normalized and original form."""

    kind: str  # "heading" | "para" | "title"
    text: str
    original: str


def blocks_from_text(lines: list[str], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            joined = _join_wrapped(pending)
            blocks.append(Block("para", joined, joined))
            pending.clear()

    for line in lines:
        if not line:
            flush()
            continue
        m = _MD_HEADING.match(line) if markdown else None
        if m:
            flush()
            blocks.append(
                Block("heading" if len(m.group(1)) > 1 or blocks else "title", m.group(2), m.group(2))
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


_HOLDERS = frozenset(("p", "li", "blockquote", "pre", *_HEADINGS))
"""Elements whose text is read whole: a block element inside one is part of its text, not a block."""


def _text_blocks(body):  # type: ignore[no-untyped-def]
    """The elements read as blocks, in document order: each block tag not inside a holder, a div only when
    it holds no block tag (else its children are visited on their own).

    Two walks with explicit stacks: one in document order, one back from the leaves to learn which
    elements hold a block tag. Asking each element for its parents and each div for its descendants
    (BeautifulSoup walks the whole subtree for every ``find``) made a page of 10,000 nested divs take
    minutes, and recursion would overflow.
    """
    from bs4 import Tag

    order: list = []  # type: ignore[type-arg]
    inside: dict[int, bool] = {}
    stack = [(child, False) for child in reversed(body.contents) if isinstance(child, Tag)]
    while stack:
        el, held = stack.pop()
        order.append(el)
        inside[id(el)] = held
        below = held or el.name in _HOLDERS
        stack.extend((child, below) for child in reversed(el.contents) if isinstance(child, Tag))
    holds: set[int] = set()
    for el in reversed(order):  # every element after all of its descendants
        if any(isinstance(c, Tag) and (c.name in _BLOCK_TAGS or id(c) in holds) for c in el.contents):
            holds.add(id(el))
    for el in order:
        if el.name in _BLOCK_TAGS and not inside[id(el)] and (el.name != "div" or id(el) not in holds):
            yield el


def blocks_from_html(html: str) -> tuple[list[Block], str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    # Only what is never text goes; telling menus and footers from the article is extraction's job
    # (toolkit.ingest.extract), and this reader is its fallback and the whole-page view.
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    title_tag = soup.find("title")
    doc_title = title_tag.get_text(" ", strip=True) if title_tag else None
    if title_tag:
        title_tag.decompose()
    blocks: list[Block] = []
    body = soup.body or soup
    _unnest_headings(body)
    for el in _text_blocks(body):
        text = re.sub(r"\s+", " ", el.get_text(" ", strip=True)).strip()
        text = re.sub(rf"(?<=[{HAN_CLASS}，。、；：！？“”]) (?=[{HAN_CLASS}，。、；：！？“”])", "", text)
        if not text:
            continue
        if el.name in _HEADINGS and len(text) > HTML_HEADING_MAX:
            # An unclosed heading followed by bare text swallows it: that is body text, not a heading.
            blocks.append(Block("para", text, text))
        elif el.name == "h1" and not blocks:
            blocks.append(Block("title", text, text))
        elif el.name in ("h1", "h2", "h3"):
            blocks.append(Block("heading", text, text))
        else:
            blocks.append(Block("para", text, text))
    return blocks, doc_title
