"""PDF reports: the main text of a PDF's text layer in reading order, without its page furniture.

pdfminer.six (MIT, with the Adobe CJK CMaps) gives characters grouped into lines with their positions, font
sizes and fonts; everything after that is ours, because a Chinese report needs things a general extractor
does not do:

- **reading order**: each page is cut recursively into columns (an empty vertical gutter, tried first so a
  two-column body is read column by column) and strips (empty horizontal bands); a table is one unit;
- **lines into paragraphs**: a gap, a first-line indent, a short last line, a size change or a numbering
  mark ends a paragraph; wrapped Chinese joins without a space, English words across a wrap keep one, a
  word hyphenated at a line end is joined;
- **furniture** (``Removed``, reported by ``inspect`` like web boilerplate): text repeated on most pages
  (running headers and footers, page numbers, repeated disclaimers), page numbers, a one-page document's
  small header line, vertical margin labels, template tags and anti-copy watermarks, the exchange
  disclaimer and distribution notices of a cover, the disclosures that close a broker report, and the
  signature block that closes an announcement;
- **structure**: headings by size, weight and numbering (一、 / （一） / 1.1), list items, tables as rows of
  text (``Block.kind == "table"``) so their amounts reach ``numbers``;
- **bounds**: at most ``MAX_PAGES`` pages, ``MAX_CHARS`` characters, ``MAX_STREAM`` bytes out of any one
  compressed stream (a PDF bomb) and ``MAX_SECONDS`` of reading; past any of them the PDF is refused with
  one line, never read without end.

What is not read: text that is only an image (a scan has no text layer: refused, there is no OCR), text in
vector drawings, form fields and annotations.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import time
import zlib
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toolkit.article import PageMeta, Removed
from toolkit.cjk import HAN_CLASS, han_count, has_han
from toolkit.errors import InputError
from toolkit.ingest.normalize import to_simplified
from toolkit.ingest.structure import Block, plain_heading

READER = "pdf text layer (pdfminer.six)"
"""``PageMeta.extraction`` for a PDF: which path read it."""

MAX_PAGES = 1000
"""A report runs to a few hundred pages at most; more is not an article."""
MAX_CHARS = 3_000_000
"""Characters drawn, all pages together: a thousand dense pages. Bounds the memory the layout holds."""
MAX_STREAM = 64 * 1024 * 1024
"""Bytes any one compressed stream may expand to. A page's content stream is rarely over a megabyte; a
few kilobytes of zeros that inflate to gigabytes (a PDF bomb) are stopped here instead of filling memory."""
MAX_SECONDS = 120.0
"""Reading time, checked as characters are drawn and between pages."""


def is_pdf(data: bytes) -> bool:
    """A PDF by content: ``%PDF-`` within the first kilobyte (the standard allows leading junk there)."""
    return b"%PDF-" in data[:1024]


# --- bounds -----------------------------------------------------------------------------------------------


class _Exceeded(Exception):
    """A bound was passed; the message is the one line the user sees."""


@dataclass
class _Budget:
    deadline: float
    chars: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("zhbrief_pdf_budget", default=None)


def _bounded_inflate(data: bytes) -> bytes:
    """zlib.decompress with a ceiling: what pdfminer calls for FlateDecode streams."""
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_STREAM)
    if d.unconsumed_tail:
        raise _Exceeded(
            f"has a compressed stream that expands past {MAX_STREAM // (1024 * 1024)} MB (a PDF bomb?); not read"
        )
    return out + d.flush()


def _bounded_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a stream with a bad checksum, with the same ceiling."""
    d = zlib.decompressobj()
    out = bytearray()
    try:
        for i in range(0, len(data), 4096):
            out += d.decompress(data[i : i + 4096], MAX_STREAM + 1 - len(out))
            if len(out) > MAX_STREAM or d.unconsumed_tail:
                raise _Exceeded(
                    f"has a compressed stream that expands past {MAX_STREAM // (1024 * 1024)} MB (a PDF bomb?); not read"
                )
    except zlib.error:
        pass  # what inflated before the damage is kept, as pdfminer does
    return bytes(out)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes`` only (its FlateDecode)."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    decompress = staticmethod(_bounded_inflate)


_PATCHED = False


def _pdfminer() -> None:
    """Import pdfminer once, with its stream inflation bounded (it would otherwise inflate without limit)."""
    global _PATCHED
    if _PATCHED:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _bounded_corrupted
    _PATCHED = True


def _make_device(rsrc: Any, laparams: Any) -> Any:
    from pdfminer.converter import PDFPageAggregator

    class _Device(PDFPageAggregator):  # type: ignore[misc]
        """The page aggregator, counting characters against the budget and marking vertical ones."""

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            adv = super().render_char(*args, **kwargs)
            budget = _BUDGET.get()
            if budget is not None:
                budget.chars += 1
                if budget.chars > MAX_CHARS:
                    raise _Exceeded(f"draws more than {MAX_CHARS:,} characters; not read (limit)")
                if budget.chars % 2000 == 0 and time.monotonic() > budget.deadline:
                    raise _Exceeded(f"took more than {MAX_SECONDS:.0f} s to read; stopped (limit)")
            font = kwargs.get("font", args[1] if len(args) > 1 else None)
            if font is not None and font.is_vertical():
                self.cur_item._objs[-1].vertical = True
            return float(adv)

    return _Device(rsrc, laparams=laparams)


# --- pages as lines ----------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of text as laid out: position (from the top of the page), size, weight."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    hrules: list[tuple[float, float, float]] = field(default_factory=list)
    """Horizontal rules (x0, x1, y from the top): table borders."""
    images: int = 0
    vertical: list[str] = field(default_factory=list)
    """Text set vertically (a margin label such as 证券研究报告 down the page's edge): not read."""


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|黑体|simhei|heiti|mhei", re.IGNORECASE)
_CID_JUNK = re.compile(r"\(cid:\d+\)")


def _bold(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(fontname.split("+")[-1]))


def _line_from(ltline: Any, page_no: int, height: float) -> tuple[Line | None, int]:
    """A Line from pdfminer's, without its vertical characters; and how many vertical ones were dropped."""
    from pdfminer.layout import LTChar

    chars = [c for c in ltline if isinstance(c, LTChar)]
    vertical = [c for c in chars if getattr(c, "vertical", False)]
    if vertical and len(vertical) * 2 >= len(chars):
        return None, len(vertical)
    text = _CID_JUNK.sub("", ltline.get_text()).replace("\n", "").strip()
    if not text or not chars:
        return None, 0
    sizes = [round(c.size, 1) for c in chars if not c.get_text().isspace()] or [round(chars[0].size, 1)]
    size = statistics.median(sizes)
    bold = sum(_bold(c.fontname) for c in chars) * 2 > len(chars)
    line = Line(page_no, ltline.x0, ltline.x1, height - ltline.y1, height - ltline.y0, text, size, bold)
    return line, 0


def _walk(obj: Any, page_no: int, height: float, page: Page) -> None:
    from pdfminer.layout import LTCurve, LTFigure, LTImage, LTLine, LTRect, LTTextBox, LTTextLine

    for el in obj:
        if isinstance(el, LTTextBox):
            _walk(el, page_no, height, page)
        elif isinstance(el, LTTextLine):
            line, dropped = _line_from(el, page_no, height)
            if line is not None:
                page.lines.append(line)
            elif dropped:
                page.vertical.append(el.get_text().strip())
        elif isinstance(el, LTFigure):
            _walk(el, page_no, height, page)
        elif isinstance(el, LTImage):
            page.images += 1
        elif isinstance(el, (LTLine, LTRect)) or (isinstance(el, LTCurve) and el.height < 2.5):
            if el.height < 2.5 and el.width > 8:
                page.hrules.append((el.x0, el.x1, height - (el.y0 + el.y1) / 2))
            elif isinstance(el, LTRect) and el.width > 8 and el.height >= 2.5:
                page.hrules.append((el.x0, el.x1, height - el.y1))
                page.hrules.append((el.x0, el.x1, height - el.y0))


@dataclass
class Document:
    """What a PDF holds, read: blocks in reading order, furniture removed, metadata."""

    blocks: list[Block]
    removed: list[Removed]
    page: PageMeta
    pages: int
    doc_title: str | None = None


def _open(data: bytes) -> tuple[Any, Any]:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser, password="")
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise InputError(
            "is an encrypted PDF that needs a password to open; save a copy without the password and "
            f"read that ({type(e).__name__})"
        ) from None
    return parser, doc


def _metadata(doc: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1

    out: dict[str, str] = {}
    for info in doc.info or []:
        for key in ("Title", "Author", "CreationDate"):
            value = resolve1(info.get(key)) if isinstance(info, dict) else None
            if isinstance(value, bytes):
                value = _pdf_string(value)
            if isinstance(value, str) and value.strip() and key not in out:
                out[key] = value.strip()
    return out


def _pdf_string(raw: bytes) -> str:
    """A PDF text string: UTF-16 with a BOM, else PDFDocEncoding (read as Latin-1, close enough for
    metadata); Chinese producers also write GBK without saying so."""
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
        if has_han(text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("latin-1")


def _pdf_date(value: str | None) -> str | None:
    """``D:20220719153012+08'00'`` → ``2022-07-19``."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).isoformat()
    except ValueError:
        return None


_WORD_TITLE = re.compile(r"^(?:Microsoft (?:Word|PowerPoint) - )|\.(?:docx?|pptx?|wps|pdf)$", re.IGNORECASE)


def _clean_title(title: str | None) -> str | None:
    """A metadata title as a reader would write it: Word's "Microsoft Word - 报告.docx" names a file."""
    if not title:
        return None
    title = _WORD_TITLE.sub("", title).strip()
    return title if has_han(title) else None


def read_pages(data: bytes) -> tuple[list[Page], dict[str, str]]:
    """The PDF's pages as lines and rules, and its metadata."""
    _pdfminer()
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    _, doc = _open(data)
    meta = _metadata(doc)
    rsrc = PDFResourceManager(caching=True)
    # char_margin: characters further apart than 2 widths are separate lines (table cells, columns);
    # vertical text is not grouped (detect_vertical off) and dropped character by character instead;
    # all_texts: some producers put the whole page in a form XObject, whose text is otherwise not laid out.
    device = _make_device(
        rsrc, LAParams(char_margin=2.0, line_margin=0.5, word_margin=0.1, boxes_flow=None, all_texts=True)
    )
    interp = PDFPageInterpreter(rsrc, device)
    pages: list[Page] = []
    for n, pdfpage in enumerate(PDFPage.create_pages(doc), 1):
        if n > MAX_PAGES:
            raise _Exceeded(f"has more than {MAX_PAGES} pages; not read (limit)")
        budget = _BUDGET.get()
        if budget is not None and time.monotonic() > budget.deadline:
            raise _Exceeded(f"took more than {MAX_SECONDS:.0f} s to read; stopped (limit)")
        interp.process_page(pdfpage)
        layout = device.get_result()
        page = Page(n, layout.width, layout.height, [])
        _walk(layout, n, layout.height, page)
        # Text set outside the page (a crop box smaller than the media box) is not shown to a reader.
        page.lines = [
            ln
            for ln in page.lines
            if ln.bottom > 0 and ln.top < page.height and ln.x1 > 0 and ln.x0 < page.width
        ]
        pages.append(page)
    return pages, meta


def read_pdf_document(data: bytes) -> Document:
    """Read a PDF's main text, or refuse it with one ``InputError`` line (encrypted, no text layer,
    damaged, past a bound)."""
    token = _BUDGET.set(_Budget(time.monotonic() + MAX_SECONDS))
    try:
        pages, meta = read_pages(data)
    except InputError:
        raise
    except _Exceeded as e:
        raise InputError(str(e)) from None
    except (MemoryError, RecursionError) as e:
        raise InputError(f"is a PDF too deeply nested or too large to read ({type(e).__name__})") from None
    except Exception as e:  # pdfminer raises many kinds (PDFSyntaxError, KeyError, TypeError) on damage
        raise InputError(f"is a damaged PDF that cannot be read ({type(e).__name__}: {_short(e)})") from None
    finally:
        _BUDGET.reset(token)
    if not pages:
        raise InputError("is a damaged PDF: it has no pages")
    drawn = sum(len(ln.text) for p in pages for ln in p.lines)
    han = han_count("".join(ln.text for p in pages for ln in p.lines))
    images = sum(p.images for p in pages)
    # A scan: no text, or a stamp's few characters (页码, 机密) over a page image on every page.
    if (han == 0 and drawn < 20 * len(pages)) or (han < 10 * len(pages) and images >= len(pages)):
        raise InputError(
            f"is a PDF without a text layer ({len(pages)} page(s), {images} image(s)): a scan or images of "
            "text; zhbrief reads the text layer and does not do OCR"
        )
    if han == 0:
        raise InputError("is a PDF with no Chinese text in its text layer; zhbrief reads Chinese articles")
    return layout_document(pages, meta)


def _short(e: Exception) -> str:
    text = " ".join(str(e).split())
    return text[:80] + "…" if len(text) > 80 else text or "no detail"


# --- furniture ---------------------------------------------------------------------------------------------

BAND = 0.11
"""Top and bottom share of a page where running headers, footers and page numbers stand."""

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
_TEMPLATE_TAG = re.compile(r"\[?\s*Table\s*_\s*[A-Za-z]+(?:\s*_?\s*[A-Za-z]+)*\s*\]?")
_WATERMARK = re.compile(r"^[A-Za-z0-9]{16,}$")
_CONTENTS = re.compile(r"^\S.{1,80}?\s*(?:[.．·…]\s*){6,}\s*\d{1,4}$")
"""A table of contents' line: an entry, dot leaders, a page number."""


def _key(text: str) -> str:
    """What stays the same in a running header or footer from page to page: no digits, no spaces."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _watermark(text: str) -> bool:
    """A run of random mixed-case letters: an anti-copy mark that redistribution sites stamp in."""
    t = text.strip()
    if not _WATERMARK.match(t):  # one unbroken run: words with spaces between them are text
        return False
    upper = sum(c.isupper() for c in t)
    lower = sum(c.islower() for c in t)
    return upper >= 4 and lower >= 4


def _furniture(pages: list[Page], body_size: float) -> dict[int, str]:
    """id(line) → why it is furniture, for the lines repeated on pages or standing where furniture stands."""
    found: dict[int, str] = {}
    n = len(pages)
    # Text repeated on most pages: running headers and footers (digits vary: page numbers, dates) and
    # disclaimers repeated on every page wherever they stand.
    on_pages: dict[str, set[int]] = {}
    in_bands: dict[str, set[int]] = {}
    for p in pages:
        for ln in p.lines:
            on_pages.setdefault(_key(ln.text), set()).add(p.number)
            if ln.bottom <= p.height * BAND or ln.top >= p.height * (1 - BAND):
                in_bands.setdefault(_key(ln.text), set()).add(p.number)
    need = max(2, (n + 1) // 2) if n >= 3 else 2
    for p in pages:
        top, bottom = p.height * BAND, p.height * (1 - BAND)
        in_band = [ln for ln in p.lines if ln.bottom <= top or ln.top >= bottom]
        for ln in p.lines:
            band = ln in in_band
            where = "header" if ln.top < p.height / 2 else "footer"
            k = _key(ln.text)
            if _PAGE_NUMBER.match(ln.text.strip()) and band:
                found[id(ln)] = "page-number"
            elif _watermark(ln.text):
                found[id(ln)] = "watermark"
            elif _CONTENTS.match(ln.text.strip()):
                found[id(ln)] = "contents"
            elif n >= 2 and band and len(in_bands[k]) >= need:
                found[id(ln)] = where
            elif n >= 3 and len(on_pages[k]) >= need and len(k) >= 15:
                found[id(ln)] = "repeated"  # a disclaimer repeated on every page, wherever it stands
        # A header or footer of a document too short for repetition to show: a smaller line alone in its
        # band, set apart from the text.
        for group, where in (
            ()
            if n > 2
            else (
                ([ln for ln in in_band if ln.bottom <= top], "header"),
                ([ln for ln in in_band if ln.top >= bottom], "footer"),
            )
        ):
            rest = [ln for ln in group if id(ln) not in found]
            others = [ln for ln in p.lines if ln not in group]

            def apart(ln: Line, where: str = where, others: list[Line] = others) -> bool:
                """Set apart from the text by more than a line, and smaller than the text next to it."""
                dist = [(o.top - ln.bottom if where == "header" else ln.top - o.bottom, o) for o in others]
                dist = [(d, o) for d, o in dist if d > 0]
                if not dist:
                    return False
                d, nearest = min(dist, key=lambda x: x[0])
                return d > 0.6 * body_size and ln.size < nearest.size - 0.5

            # From the page's edge inwards: the outermost lines that stand apart; the first that does
            # not is where the page's text begins.
            for ln in sorted(rest, key=lambda ln: ln.top if where == "header" else -ln.bottom)[:3]:
                if not apart(ln):
                    break
                found[id(ln)] = where
    return found


# Notices that stand on a report's cover or an announcement's head, by their own wording (simplified).
_NOTICES: list[tuple[str, re.Pattern[str]]] = [
    # Every HKEX announcement opens with it: 香港交易及结算所有限公司及香港联合交易所有限公司对本公告的内容概不负责…
    ("exchange-disclaimer", re.compile(r"^香港交易及结算所有限公司.{0,80}对本公告的内容概不负责")),
    # China's journal platform (CNKI) puts its network-first publication notice on a paper's cover.
    ("distribution-notice", re.compile(r"^(?:网络首发[:：]在编辑部工作流程中|出版确认[:：]纸质期刊编辑部)")),
    # Not for distribution in the US (a listing's legend), or only for the firm's clients.
    (
        "distribution-notice",
        re.compile(
            r"^(?:本公告|本报告|本文件|本新闻稿).{0,12}(?:不会|不得|不可|并非)[^。]{0,12}(?:直接或间接)?"
            r"[^。]{0,6}(?:于|在|向|进入)[^。]{0,6}美国"
            r"|^(?:本报告|本研究报告)仅(?:供|向)[^。]{0,40}(?:客户|机构|内部)[^。]{0,12}(?:使用|参考)"
        ),
    ),
]
# A heading that opens the disclosures closing a broker report: from there on nothing is the analysis.
_DISCLOSURES = re.compile(
    r"^(?:分析师声明|分析师承诺|证券分析师承诺|证券分析师声明|信息披露|重要声明|法律声明|免责声明|一般声明|特别声明|"
    r"投资评级说明|评级说明|投资评级的说明|分析师介绍|重要提示|免责条款|披露声明|证券研究报告声明|"
    r"公司投资评级|行业投资评级|股票投资评级|Disclaimer|Disclosures?)\s*[:：]?$",
    re.IGNORECASE,
)
# An announcement's signature block (承董事会命 …, then the board's members): it closes the text.
_SIGNATURE = re.compile(r"^(?:承董事会命|承董事局命|承董事会之命|By order of the Board)", re.IGNORECASE)


# --- reading order -----------------------------------------------------------------------------------------


@dataclass
class Unit:
    """A line, or a whole table, placed on the page: what the reading order arranges."""

    x0: float
    x1: float
    top: float
    bottom: float
    line: Line | None = None
    rows: list[str] | None = None


def _unit(ln: Line) -> Unit:
    return Unit(ln.x0, ln.x1, ln.top, ln.bottom, line=ln)


def _gaps(
    spans: list[tuple[float, float]], lo: float, hi: float, min_gap: float
) -> list[tuple[float, float]]:
    """Empty intervals of at least ``min_gap`` between ``lo`` and ``hi`` that no span covers."""
    out: list[tuple[float, float]] = []
    cur = lo
    for a, b in sorted(spans):
        if a - cur >= min_gap:
            out.append((cur, a))
        cur = max(cur, b)
    if hi - cur >= min_gap:
        out.append((cur, hi))
    return [(a, b) for a, b in out if a > lo and b < hi]


def _free(
    spans: list[tuple[float, float]], within: tuple[float, float], min_gap: float
) -> list[tuple[float, float]]:
    """The parts of ``within`` that no span covers, at least ``min_gap`` wide."""
    out: list[tuple[float, float]] = []
    cur = within[0]
    for a, b in sorted(spans):
        if b <= cur or a >= within[1]:
            continue
        if a - cur >= min_gap:
            out.append((cur, a))
        cur = max(cur, b)
    if within[1] - cur >= min_gap:
        out.append((cur, within[1]))
    return out


def order_units(units: list[Unit], size: float, depth: int = 0) -> list[list[Unit]]:
    """Units in reading order, as runs read top to bottom (a column's piece, a strip).

    A region with an empty vertical gutter is cut there (columns are read one after the other, left
    first). Otherwise it is cut into rows at every empty horizontal band, and consecutive rows are grouped
    while they agree about a gutter: rows of two columns side by side form one group (cut at its gutter
    when ordered in turn), rows of text across the page another. So a page that opens across its width and
    goes on in two columns is read opening first, then each column.
    """
    if len(units) <= 1 or depth > 40:
        return [sorted(units, key=lambda u: (u.top, u.x0))] if units else []
    min_gap = max(3.0, 0.4 * size)
    x_lo, x_hi = min(u.x0 for u in units), max(u.x1 for u in units)
    cols = _gaps([(u.x0, u.x1) for u in units], x_lo, x_hi, min_gap)
    if cols:
        a, b = max(cols, key=lambda g: g[1] - g[0])
        cut = (a + b) / 2
        left = [u for u in units if u.x1 <= cut]
        right = [u for u in units if u.x0 >= cut]
        return order_units(left, size, depth + 1) + order_units(right, size, depth + 1)
    y_lo, y_hi = min(u.top for u in units), max(u.bottom for u in units)
    cuts = [(a + b) / 2 for a, b in _gaps([(u.top, u.bottom) for u in units], y_lo, y_hi, 0.5)]
    if not cuts:
        return [sorted(units, key=lambda u: (u.top, u.x0))]
    rows: list[list[Unit]] = [[] for _ in range(len(cuts) + 1)]
    for u in units:
        rows[sum(1 for c in cuts if u.top >= c)].append(u)
    groups: list[tuple[list[Unit], tuple[float, float] | None]] = []
    for row in (r for r in rows if r):
        own = _gaps([(u.x0, u.x1) for u in row], x_lo, x_hi, min_gap)
        if groups:
            members, gutter = groups[-1]
            if gutter is None and not own:
                members.extend(row)
                continue
            if gutter is not None:
                # The group's gutter narrowed to what this row also leaves empty: a heading's short line
                # leaves a wide gap, the column's full lines a narrow one; both are the same gutter.
                inside = _free([(u.x0, u.x1) for u in row], gutter, min_gap)
                if inside:
                    members.extend(row)
                    groups[-1] = (members, max(inside, key=lambda g: g[1] - g[0]))
                    continue
        groups.append((list(row), max(own, key=lambda g: g[1] - g[0]) if own else None))
    if len(groups) == 1:
        return [sorted(units, key=lambda u: (u.top, u.x0))]
    out: list[list[Unit]] = []
    for members, _ in groups:
        out.extend(order_units(members, size, depth + 1))
    return out


# --- tables ------------------------------------------------------------------------------------------------


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height)


def _bands(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by baseline: those that share a row, left to right."""
    bands: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if bands and any(_same_row(ln, o) for o in bands[-1]):
            bands[-1].append(ln)
        else:
            bands.append([ln])
    return [sorted(b, key=lambda ln: ln.x0) for b in bands]


def _rule_groups(page: Page) -> list[tuple[float, float, float, float]]:
    """Regions framed by horizontal rules (x0, x1, top, bottom): where ruled tables stand."""
    # A rule drawn cell by cell (a header row's shading) is one rule: pieces on one level that touch.
    pieces = sorted(page.hrules, key=lambda r: (round(r[2]), r[0]))
    rules: list[tuple[float, float, float]] = []
    for r in pieces:
        if rules and abs(rules[-1][2] - r[2]) < 1 and r[0] - rules[-1][1] < 2:
            rules[-1] = (rules[-1][0], max(rules[-1][1], r[1]), rules[-1][2])
        else:
            rules.append(r)
    rules.sort(key=lambda r: r[2])
    groups: list[list[tuple[float, float, float]]] = []
    for r in rules:
        for g in groups:
            gx0, gx1 = min(x[0] for x in g), max(x[1] for x in g)
            overlap = min(gx1, r[1]) - max(gx0, r[0])
            if overlap > 0.5 * min(gx1 - gx0, r[1] - r[0]) and r[2] - g[-1][2] < 160:
                g.append(r)
                break
        else:
            groups.append([r])
    out = []
    for g in groups:
        ys = sorted({round(r[2]) for r in g})
        if len(ys) >= 2:
            out.append((min(r[0] for r in g), max(r[1] for r in g), ys[0], ys[-1]))
    return out


def _join_cell(lines: list[Line]) -> str:
    return join_lines([ln.text for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0))])


def _table_rows(lines: list[Line], ys: list[float]) -> list[str]:
    """Rows of a table: between rules when there are rules inside it, else by baseline; cells are the
    lines of a row grouped by column (a cell wrapped over lines is joined), separated by " | "."""
    if len(ys) >= 3:
        slots: list[list[Line]] = [[] for _ in range(len(ys) + 1)]
        for ln in lines:
            mid = (ln.top + ln.bottom) / 2
            slots[sum(1 for y in ys if mid > y)].append(ln)
        groups = [s for s in slots if s]
    else:
        groups = _bands(lines)
    rows: list[str] = []
    for g in groups:
        cells: list[list[Line]] = []
        for ln in sorted(g, key=lambda ln: ln.x0):
            if cells and ln.x0 < max(c.x1 for c in cells[-1]) - 1:
                cells[-1].append(ln)
            else:
                cells.append([ln])
        row = " | ".join(t for t in (_join_cell(c) for c in cells) if t)
        if row:
            rows.append(row)
    return rows


def _tables(page: Page, lines: list[Line], size: float) -> tuple[list[Unit], list[Line]]:
    """Table units found on the page, and the lines left outside them.

    A ruled region whose text stands in two or more columns on some row is a table; so is a run of three or
    more rows of three or more cells set apart by wide gaps (a financial table without rules)."""
    units: list[Unit] = []
    taken: set[int] = set()
    for x0, x1, top, bottom in _rule_groups(page):
        inside = [
            ln
            for ln in lines
            if ln.x0 >= x0 - 2 and ln.x1 <= x1 + 2 and ln.top >= top - 2 and ln.bottom <= bottom + 2
        ]
        ys = sorted(
            {round(r[2]) for r in page.hrules if top - 1 <= r[2] <= bottom + 1 and r[0] < x1 and r[1] > x0}
        )
        # Between two rules without a row of two cells is not the table (a heading under a page's header
        # rule, a caption above the table's top rule): the region is trimmed to the rows that have cells.
        slots = [
            [ln for ln in inside if a - 2 <= ln.top and ln.bottom <= b + 2] for a, b in itertools.pairwise(ys)
        ]
        cellular = [i for i, s in enumerate(slots) if any(len(b) >= 2 for b in _bands(s))]
        if not cellular:
            continue
        top, bottom = ys[cellular[0]], ys[cellular[-1] + 1]
        inside = [ln for ln in inside if top - 2 <= ln.top and ln.bottom <= bottom + 2]
        if len(inside) < 3:
            continue
        rows = _table_rows(inside, [y for y in ys if top < y < bottom])
        units.append(Unit(x0, x1, top, bottom, rows=rows))
        taken.update(id(ln) for ln in inside)
    rest = [ln for ln in lines if id(ln) not in taken]
    # Rule-less tables: consecutive rows of three or more cells apart by more than two characters' width.
    run: list[list[Line]] = []

    def close() -> None:
        if len(run) >= 3:
            flat = [ln for b in run for ln in b]
            rows = [" | ".join(ln.text for ln in b) for b in run]
            units.append(
                Unit(
                    min(ln.x0 for ln in flat),
                    max(ln.x1 for ln in flat),
                    min(ln.top for ln in flat),
                    max(ln.bottom for ln in flat),
                    rows=rows,
                )
            )
            taken.update(id(ln) for ln in flat)
        run.clear()

    for band in _bands(rest):
        apart = all(b.x0 - a.x1 > 1.5 * min(a.size, b.size) for a, b in itertools.pairwise(band))
        # Two cells are a table row only when both are narrow: two columns of prose are also two lines
        # side by side.
        narrow = all(ln.x1 - ln.x0 < 0.3 * page.width for ln in band)
        # Columns of prose side by side are lines of running Chinese each; a table row has at most one
        # such cell (its label or description), the rest figures and short labels.
        prose = sum(han_count(ln.text) >= 8 for ln in band) >= 2
        wide = apart and not prose and (len(band) >= 3 or (len(band) == 2 and narrow))
        if wide and (not run or band[0].top - run[-1][0].bottom < 3 * size):
            run.append(band)
        else:
            close()
            if wide:
                run.append(band)
    close()
    return units, [ln for ln in lines if id(ln) not in taken]


# --- lines into blocks -------------------------------------------------------------------------------------

_LATIN_END = re.compile(r"[A-Za-z0-9%)\]]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[$€£¥]")
_HAN_SPACE = re.compile(
    rf"(?<=[{HAN_CLASS}，。、；：！？“”（）《》])\s+(?=[{HAN_CLASS}，。、；：！？“”（）《》])"
)
_MARK_SPACE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+|[(（]\d{1,2}[)）]|\d{1,2}[.)）])\s+(?![亿万千百元美港倍个%年月日])"
)
# Typesetting puts space between Chinese and a Latin word or a number (2026 年 2 月); the text has none.
_MIXED_SPACE = re.compile(
    rf"(?<=[{HAN_CLASS}，。、；：！？“”（）《》])[ \u3000]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])[ \u3000]+(?=[{HAN_CLASS}，。、；：！？“”（）《》])"
    # Justified lines also space out the ASCII punctuation some Chinese text uses (问题 : 截至, 亿 ), 甚至).
    rf"|(?<=[{HAN_CLASS}）)])[ \u3000]+(?=[,:;!?)）])|(?<=[,:;!?(（])[ \u3000]+(?=[{HAN_CLASS}])"
)


def join_lines(parts: list[str]) -> str:
    """Lines of one paragraph as one text: Chinese wrapped by the layout joins without a space, English
    words across a wrap keep one, a word hyphenated at the line end is joined again."""
    out = ""
    for raw in parts:
        p = raw.strip()
        if not p:
            continue
        if not out:
            out = p
        elif re.search(r"[A-Za-z]-$", out) and re.match(r"^[a-z]", p):
            out = out[:-1] + p  # hyphenation: "recog-" + "nised"
        elif _LATIN_END.search(out) and _LATIN_START.match(p):
            out += " " + p
        else:
            out += p
    # Letter-spaced Chinese (justified lines, "为 客 户 。") is read back without its spaces.
    # A heading's or an item's number keeps the space after it (2.1 中厂的处境, (1) 国际发售).
    mark = _MARK_SPACE.match(out)
    head, rest = (mark.group(0), out[mark.end() :]) if mark else ("", out)
    return head + _MIXED_SPACE.sub("", _HAN_SPACE.sub("", rest))


_BULLET = re.compile(r"^[\uf000-\uf0ff•●○◆◇■□▪▫►▶➢✓√\-–·]\s*")
_ITEM = re.compile(
    r"^(?:[（(]\d{1,2}[）)]|\d{1,2}[）)、]|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[）)]|[a-z][.)）]\s)"
)
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十百\d]+[章节条部分篇]"
    # 1 / 1.1 / 1. before a heading's words; not an amount wrapped to the line's start (17 亿, 2025 年)
    r"|\d{1,2}(?:\.\d{1,2}){0,3}(?:[、．\s]|\.(?!\d))(?!\s*[亿万千百元美港倍个%％年月日季度天人家名次]))"
)
_DECIMAL_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\s*\S")
_ENDERS = "。！？!?；;"


def _starts_new(line: str) -> bool:
    return bool(_BULLET.match(line) or _ITEM.match(line) or _NUMBERED.match(line))


def _first_word(text: str, size: float) -> float:
    """About how wide the line's first word is when it is a Latin word (half an em a letter): a line ends
    short before a word too long for what is left of it, which is a wrap, not a paragraph's end."""
    m = re.match(r"[A-Za-z0-9][\w.\-]*", text)
    return 0.55 * size * len(m.group(0)) + 0.3 * size if m else 0.0


def _blocks_from_run(run: list[Line], size: float) -> list[tuple[str, list[Line]]]:
    """A run of lines (one column's piece, read top to bottom) as paragraphs: (kind, lines)."""
    if not run:
        return []
    left = min(ln.x0 for ln in run)
    right = max(ln.x1 for ln in run)
    paras: list[list[Line]] = [[run[0]]]
    for a, b in itertools.pairwise(run):
        s = max(min(a.size, b.size), 1.0)
        # A list item's wrapped lines may hang indented under its marker: that is not a new paragraph.
        in_item = _starts_new(paras[-1][0].text)
        gap = b.top - a.bottom
        new = (
            gap > 0.8 * s
            or gap < -0.5 * s  # a line beside or above: not the next line of this paragraph
            or min(a.x1, b.x1) - max(a.x0, b.x0) < 0.3 * min(a.x1 - a.x0, b.x1 - b.x0)  # not under it
            or abs(a.size - b.size) > 1.0
            or (a.bold != b.bold and max(a.size, b.size) < size + 1.5)  # a display line mixes fonts
            or _starts_new(b.text)
            or (a.text.rstrip()[-1:] in _ENDERS and right - a.x1 > max(0.9 * s, _first_word(b.text, s)))
            # Short without closing punctuation: a paragraph's end only when far short (ragged-right text
            # breaks a line early before a long English word).
            or (a.x1 < right - 8 * s and not b.x0 > a.x0 + 0.5 * s)
            or (not in_item and b.x0 > left + 1.2 * s and b.x0 > a.x0 + 1.2 * s and a.x0 <= left + 0.5 * s)
        )
        if new:
            paras.append([b])
        else:
            paras[-1].append(b)
    return [("para", p) for p in paras]


def _kind(lines: list[Line], text: str, body: float) -> str:
    size = max(ln.size for ln in lines)
    short = len(text) <= 60 and text[-1:] not in "。！？!?；;，,："
    if short and size >= body + 1.5:
        return "heading"
    if short and all(ln.bold for ln in lines) and len(text) <= 40 and has_han(text):
        return "heading"
    if short and _DECIMAL_HEADING.match(text) and len(text) <= 40 and has_han(text):
        return "heading"
    if _BULLET.match(text) or _ITEM.match(text):
        return "item"
    return "para"


def _body_size(pages: list[Page]) -> float:
    """The size the running text is set in: on each page the size that carries most of its Chinese (lines
    of 15 characters or more: table cells and chart labels are short and often smaller), then the size
    most pages are set in, so that a long reference list or an English abstract in a smaller size on a
    few pages does not outweigh the body of the others. Ties go to the size with more text."""
    total: Counter[float] = Counter()
    per_page: Counter[float] = Counter()
    for long_only in (True, False):
        for p in pages:
            weights: Counter[float] = Counter()
            for ln in p.lines:
                if len(ln.text) >= 15 or not long_only:
                    weights[round(ln.size * 2) / 2] += han_count(ln.text) or len(ln.text) / 4
            if weights:
                per_page[weights.most_common(1)[0][0]] += 1
                total.update(weights)
        if per_page:
            break
    if not per_page:
        return 10.0
    return max(per_page, key=lambda size: (per_page[size], total[size]))


@dataclass
class _Laid:
    """Blocks as the pages are laid out, with what the later passes need to know about each (by id):
    the size it was set in, whether it was one line, whether it starts a column flush at its edge and
    whether it ends one."""

    body: float
    blocks: list[tuple[Block, int]] = field(default_factory=list)
    sizes: dict[int, float] = field(default_factory=dict)
    single: set[int] = field(default_factory=set)
    first: set[int] = field(default_factory=set)
    last: set[int] = field(default_factory=set)

    def lines(self, run: list[Line], page: int) -> None:
        """One run's lines (a column's piece, read top to bottom) as paragraphs, headings, items."""
        if not run:
            return
        left = min(ln.x0 for ln in run)
        for i, (_, para) in enumerate(_blocks_from_run(run, self.body)):
            text = join_lines([ln.text for ln in para])
            kind = _kind(para, text, self.body)
            text = _BULLET.sub("", text) if kind == "item" and _BULLET.match(text) else text
            if not text:
                continue
            block = Block(kind, text, text)
            self.sizes[id(block)] = max(ln.size for ln in para)
            if len(para) == 1:
                self.single.add(id(block))
            if i == 0 and para[0].x0 <= left + 0.5 * para[0].size:
                self.first.add(id(block))  # not indented: may go on from the last column
            self.blocks.append((block, page))
        if self.blocks:
            self.last.add(id(self.blocks[-1][0]))

    def table(self, rows: list[str], page: int) -> None:
        self.blocks.extend((Block("table", r, r), page) for r in rows)


def layout_document(pages: list[Page], meta: dict[str, str]) -> Document:
    """Pages of lines → blocks in reading order, with every piece of furniture reported."""
    body = _body_size(pages)
    furniture = _furniture(pages, body)
    # Vertical margin labels come one character a line; each page's are reported as the words they spell.
    removed: list[Removed] = [Removed("margin", "".join(p.vertical), p.number) for p in pages if p.vertical]
    laid = _Laid(body)
    for p in pages:
        kept: list[Line] = []
        for ln in p.lines:
            why = furniture.get(id(ln))
            if why is not None:
                removed.append(Removed(why, ln.text, p.number))
                continue
            text = _TEMPLATE_TAG.sub("", ln.text).strip()
            if text != ln.text:
                tag = ln.text.replace(text, "").strip() if text else ln.text
                removed.append(Removed("template-tag", tag, p.number))
            if text:
                ln.text = text
                kept.append(ln)
        tables, lines = _tables(p, kept, body)
        for run in order_units([_unit(ln) for ln in lines] + tables, body):
            pending: list[Line] = []
            for u in run:
                if u.rows is not None:
                    laid.lines(pending, p.number)
                    pending = []
                    laid.table(u.rows, p.number)
                elif u.line is not None:
                    pending.append(u.line)
            laid.lines(pending, p.number)
    blocks, sizes, single = laid.blocks, laid.sizes, laid.single
    blocks = _merge_continued(blocks, laid.first, laid.last)
    out, removed_tail = _closing_matter(blocks)
    removed.extend(removed_tail)
    _plain_headings(out, single)
    title = _title(out, {id(b) for b, p in blocks if p == 1}, sizes, body)
    # The title set on the first page comes first; a metadata title is often a template's placeholder
    # ("标准名称") or a file name, so it stands in only when the layout shows none.
    meta_title = _clean_title(meta.get("Title"))
    page = PageMeta(
        extraction=READER,
        title=title.text if title else meta_title,
        author=meta.get("Author") if meta.get("Author") and not meta["Author"].isdigit() else None,
        date=_pdf_date(meta.get("CreationDate")),
    )
    return Document(out, removed, page, len(pages), title.text if title else meta_title)


def _plain_headings(blocks: list[Block], single: set[int]) -> None:
    """Headings set like the text (a plain document saved as PDF): a short line of its own, without
    closing punctuation, followed by running text (a long paragraph, or a sentence), as in a plain-text
    article. A sidebar's short lines (a name, a label over a figure) are followed by more labels and stay
    paragraphs."""
    for b, nxt in itertools.pairwise(blocks):
        if (
            b.kind == "para"
            and id(b) in single
            and plain_heading(b.text)
            and not re.search(r"[，。；！？,;]", b.text)  # a clause cut at a column's foot, not a heading
            and nxt.kind in ("para", "item")
            and (len(nxt.text) >= 40 or nxt.text[-1:] in _ENDERS)
        ):
            b.kind = "heading"


def _merge_continued(
    blocks: list[tuple[Block, int]], first: set[int], last: set[int]
) -> list[tuple[Block, int]]:
    """A paragraph that runs on over a column or page break is one paragraph: the last block of a column,
    a paragraph not closed by a sentence ender, joins the next column's first block when that one starts
    flush at the column's edge (a new paragraph would be indented or numbered)."""
    out: list[tuple[Block, int]] = []
    for b, page in blocks:
        if (
            out
            and id(b) in first
            and id(out[-1][0]) in last
            and b.kind == "para"
            and out[-1][0].kind == "para"
            and out[-1][0].text[-1:] not in _ENDERS + "：:"
            and not _starts_new(b.text)
        ):
            prev = out[-1][0]
            prev.text = prev.original = join_lines([prev.text, b.text])
            last.add(id(prev)) if id(b) in last else last.discard(id(prev))
            continue
        out.append((b, page))
    return out


def _closing_matter(blocks: list[tuple[Block, int]]) -> tuple[list[Block], list[Removed]]:
    """Cover notices go wherever they stand; the disclosures closing a report and the signature closing
    an announcement go with everything after them (only in the document's second half: a report that opens
    with 重要提示 keeps its text)."""
    removed: list[Removed] = []
    kept: list[Block] = []
    half = sum(len(b.text) for b, _ in blocks) / 2
    seen = 0
    for i, (b, page) in enumerate(blocks):
        simple = to_simplified(b.text)
        head = re.sub(r"\s+", "", simple)
        if seen >= half and b.kind != "table" and (_DISCLOSURES.match(head) or _SIGNATURE.match(head)):
            name = "signature" if _SIGNATURE.match(head) else "disclosures"
            removed.extend(Removed(name, x.text, p) for x, p in blocks[i:])
            return kept, removed
        seen += len(b.text)
        notice = next((name for name, pat in _NOTICES if pat.search(simple)), None)
        if notice is not None:
            removed.append(Removed(notice, b.text, page))
            continue
        kept.append(b)
    return kept, removed


_ISSUER = re.compile(r"(?:有限公司|股份公司|集团|银行|证券|研究所|研究院)$")


def _title(blocks: list[Block], first_page: set[int], sizes: dict[int, float], body: float) -> Block | None:
    """The title: of the first page's opening blocks, the first set largest (and larger than the body),
    made the title block. A letterhead naming the issuer (…有限公司) above an announcement's title is not it."""
    best: Block | None = None
    best_size = body + 1.5
    for b in blocks[:40]:
        if len(b.text) >= 100:
            break  # the text has begun: a larger line further on is a section's heading
        if id(b) not in first_page or not has_han(b.text) or len(b.text) > 80 or b.kind == "table":
            continue
        size = sizes.get(id(b), 0.0)
        if size > best_size and not _ISSUER.search(b.text):
            best, best_size = b, size
    if best is not None and best is blocks[0]:
        best.kind = "title"
    elif best is not None:
        best.kind = "heading"  # stays where it stands; the article's title is its text
    return best
