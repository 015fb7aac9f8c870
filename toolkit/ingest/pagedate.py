"""A web page's date: only one the page itself states, in its metadata or its byline.

Date finders guess: given nothing better, they take a year from the body (成立于1999年 becomes 1999-01-01),
and a brief then carries a publication date the page never gave. Here a date is kept only when the page
states it (the whole day, not a year):

- in its metadata: a ``<meta>`` value, a ``<time datetime>``, JSON-LD, or the page's own URL
  (``/a/20240318A01.html``);
- in its byline: a short line of its own that holds the date and little else (``2024-03-18 08:30``,
  ``2024年3月18日 星期一``) or that says what the date is (``发布时间：2024年3月18日``, ``来源：新华社 2024-03-18``).

A date written in the body's prose (``2008年5月12日，汶川发生地震``) is an event's date, not the page's.
"""

from __future__ import annotations

import re

_FULL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])"
)
_METADATA = re.compile(
    r"(?is)<meta\b[^>]*>|<time\b[^>]*>|<link\b[^>]*>|<script\b[^>]*ld\+json[^>]*>.*?</script\s*>"
)
_DROPPED = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->")
# Inline tags go first, so "<span>发布时间：</span><span>2024-03-18</span>" reads as one line.
_INLINE = re.compile(r"(?i)</?(?:span|a|em|strong|b|i|font|small|time|label|abbr)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
# A label with its colon ("发布时间：", "来源:"): "公司于3月5日发布了新品" uses the word, not the label.
_BYLINE_LABEL = re.compile(
    r"(?:来源|來源|作者|发布|發布|发表|發表|时间|時間|日期|编辑|編輯|记者|記者|稿源|出处|出處|更新)\s*[:：]"
    r"|\b(?:published|updated|posted|date)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_WEEKDAY = re.compile(r"(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]")
BYLINE_MAX = 80
"""A byline is a line of its own, short; a paragraph that mentions a date is prose."""


def _iso(m: re.Match[str]) -> str | None:
    year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    mo, d = int(month), int(day)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{year}-{mo:02d}-{d:02d}"


def _forms(iso: str) -> set[str]:
    """How ``iso`` (YYYY-MM-DD) may be written in metadata and URLs."""
    y, m, d = iso.split("-")
    out = {f"{y}{sep}{m}{sep}{d}" for sep in ("-", "/", ".", "")}
    return out | {f"{y}{sep}{int(m)}{sep}{int(d)}" for sep in ("-", "/", ".")}


def in_metadata(html: str, iso: str, url: str | None = None) -> bool:
    """Whether the page's metadata markup (or its URL) states the day ``iso``."""
    forms = _forms(iso)
    places = [m.group(0) for m in _METADATA.finditer(html)] + ([url] if url else [])
    return any(f in place for place in places for f in forms)


def _lines(html: str) -> list[str]:
    text = _INLINE.sub("", _DROPPED.sub(" ", html))
    return [" ".join(part.split()) for part in _TAG.split(text)]


def _is_byline(line: str, m: re.Match[str]) -> bool:
    if "。" in line:
        return False  # a sentence, however short
    if _BYLINE_LABEL.search(line):
        return True
    # A line that is only the date (and a clock time, a weekday): the dateline under a headline.
    rest = _WEEKDAY.sub("", _CLOCK.sub("", line[: m.start()] + line[m.end() :]))
    return not re.sub(r"[\s,，|/·:：()（）\[\]【】-]", "", rest)


def byline_dates(html: str) -> list[str]:
    """The full dates the page's byline lines state (see the module), in page order."""
    out: list[str] = []
    for line in _lines(html):
        if not line or len(line) > BYLINE_MAX:
            continue
        for m in _FULL_DATE.finditer(line):
            iso = _iso(m)
            if iso is not None and _is_byline(line, m):
                out.append(iso)
    return out


def page_date(html: str, found: str | None, url: str | None = None) -> str | None:
    """The page's date: ``found`` (an extractor's guess, YYYY-MM-DD) when the page's metadata or byline
    states that day, else the first date its byline states, else None."""
    stated = byline_dates(html)
    if found:
        iso = found[:10]
        if in_metadata(html, iso, url) or iso in stated:
            return iso
    return stated[0] if stated else None
