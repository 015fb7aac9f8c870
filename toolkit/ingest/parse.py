"""Decoded text → Article: the format (text, Markdown, HTML), the language guard, normalization, boilerplate,
the title, headings, sections, paragraphs and sentences."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.article import Article, Paragraph, Section, Sentence, paragraph_id, section_id, sentence_id
from toolkit.cjk import has_han
from toolkit.errors import InputError
from toolkit.ingest.decode import guard_language, page_language
from toolkit.ingest.normalize import Boilerplate, strip_boilerplate
from toolkit.ingest.split import split_aligned
from toolkit.ingest.structure import Block, blocks_from_text, ordinal_heading, plain_heading
from toolkit.script import detect_script, fold_widths, to_simplified

if TYPE_CHECKING:
    from toolkit.ingest.pdf import Document


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
    *,
    extract: bool = True,
    pdf: Document | None = None,
) -> Article:
    """Structure already-decoded text into an Article (normalize, strip boilerplate, sectionize, split).

    HTML is read for its main text (``toolkit.ingest.extract``) unless ``extract`` is false (the whole
    page, ``--no-extract``); the Article's ``page`` says which path was used. ``pdf``: the blocks a PDF was
    laid out into (``toolkit.ingest.pdf``), structured like a web page's."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    fmt = "pdf" if pdf is not None else fmt or detect_format(text, source if source != "-" else None)
    if fmt not in ("html", "pdf"):
        guard_language(text)
    if not has_han(text):
        guard_language(text)  # a page without a single Han character may still be Korean: name it
        raise InputError("contains no Chinese text; zhbrief reads Chinese articles")

    doc_title: str | None = None
    page = None
    if fmt in ("html", "pdf"):
        if pdf is not None:
            raw_blocks, doc_title, page = pdf.blocks, pdf.doc_title, pdf.page
        else:
            # lazy: trafilatura and lxml load only for a web page
            from toolkit.ingest.extract import extract_page

            ex = extract_page(text, extract=extract)
            raw_blocks, doc_title, page = ex.blocks, ex.doc_title, ex.page
        lines = [b.text for b in raw_blocks]
        # The guard reads what was kept, so a Chinese page's Japanese ad does not refuse it, and a page
        # that declares itself Japanese (<html lang="ja">) is held to a lower share of kana.
        guard_language("\n".join(lines), declared=page_language(text))
        kept, removed = strip_boilerplate(lines, boilerplate)
        blocks = [Block(b.kind, k, k) for b, k in zip(raw_blocks, kept, strict=True) if k]
        removed = (pdf.removed if pdf is not None else []) + removed
    else:
        lines = [fold_widths(ln).strip() for ln in text.split("\n")]
        kept, removed = strip_boilerplate(lines, boilerplate)
        blocks = blocks_from_text(kept, markdown=fmt == "markdown")

    # Normalize each block; the original (folded widths, source script) is kept for display.
    original_all = "\n".join(b.text for b in blocks)
    for b in blocks:
        b.original = fold_widths(b.text)
        b.text = to_simplified(b.original)
    script = detect_script(original_all, to_simplified(original_all))

    if not any(has_han(b.text) for b in blocks):
        raise InputError("contains no Chinese text once boilerplate is removed")

    # Title: a Markdown/HTML title, else a title-like first line, else the first sentence standing in.
    title_from = "first-sentence"
    if blocks and blocks[0].kind == "title":
        title_block = blocks.pop(0)
        title, title_orig, title_from = title_block.text, title_block.original, "heading"
    elif doc_title and has_han(doc_title):
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
        pairs = split_aligned(first.text, first.original)
        title, title_orig = pairs[0] if pairs else (first.text, first.original)

    title, title_orig = shorten_title(title), shorten_title(title_orig)

    # Headings in plain text: short stand-alone lines and ordinal headings (一、 / （一） / 第一章).
    for i, b in enumerate(blocks):
        if b.kind != "para":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        followed_by_text = nxt is not None and nxt.kind == "para"
        if ordinal_heading(b.text) or (
            fmt not in ("html", "pdf") and plain_heading(b.text) and followed_by_text
        ):
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
        pairs = split_aligned(b.text, b.original)
        sents = [Sentence(sentence_id(current.index, pi, k), s, o) for k, (s, o) in enumerate(pairs, 1)]
        if sents:
            kind = b.kind if b.kind in ("item", "table") else "text"
            current.paragraphs.append(Paragraph(paragraph_id(current.index, pi), sents, kind))
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
        page=page,
    )


TITLE_MAX = 120
"""Characters of a title shown and translated; a longer first line (a page without line breaks) is cut."""


def shorten_title(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


def _title_like(line: str) -> bool:
    return len(line) <= 60 and line[-1] not in "。！？!?；;，,：:"
