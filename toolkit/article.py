"""The document model every stage shares: Article → Section → Paragraph → Sentence.

Ids are stable and human-readable (``§2¶3s1``: section 2, paragraph 3, sentence 1). Section 0 is the lede
(the text before the first heading), so the first headed section is §1 whatever the lede holds. Every later
stage (quantities, translation, summaries, checks) cites sources by these ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field


@dataclass
class Sentence:
    id: str
    text: str
    """Normalized text (simplified script, ASCII letters/digits): what the pipeline works on."""
    original: str
    """The same sentence as it stood in the source (original script), for display."""


@dataclass
class Paragraph:
    id: str
    sentences: list[Sentence]
    kind: str = "text"
    """``text``, ``item`` (a list item) or ``table`` (one row of a table, cells separated by `` | ``)."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    @property
    def original(self) -> str:
        return "".join(s.original for s in self.sentences)


@dataclass
class Section:
    id: str
    index: int
    heading: str | None
    """Normalized heading; ``None`` for the lede."""
    heading_original: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def sentences(self) -> Iterator[Sentence]:
        for p in self.paragraphs:
            yield from p.sentences

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


@dataclass
class Removed:
    """One piece of platform boilerplate that normalization dropped, so nothing goes silently."""

    pattern: str
    text: str
    line: int
    """The line it stood on; for a PDF, the page (0: found after the pages were joined)."""


@dataclass
class PageMeta:
    """What a web page (or a PDF) says about itself, found by the same extraction as its main text."""

    extraction: str
    """Which path read the page: ``trafilatura`` (the main text), ``whole page (extraction kept too
    little)`` (the BeautifulSoup fallback: a fragment, a page that is all article), or ``whole page
    (--no-extract)``; for a PDF, ``pdf text layer (pdfminer.six)``."""
    title: str | None = None
    """The page's title without the site's suffix (``…_科技_腾讯网`` → ``…``)."""
    site: str | None = None
    author: str | None = None
    date: str | None = None
    """Publication date, ``YYYY-MM-DD``, when the page states one."""
    url: str | None = None
    """Canonical URL (``<link rel=canonical>``, ``og:url``, or the address a browser noted when saving)."""

    def fields(self) -> list[tuple[str, str]]:
        """(label, value) of each field that has a value, in display order: what every output's head shows."""
        rows = [("site", self.site), ("author", self.author), ("date", self.date), ("url", self.url)]
        return [(k, v) for k, v in rows if v] + [("read", self.extraction)]

    def line(self) -> str:
        """One line for the head of a brief or a translation: ``Page: site 新华网 · date … · read …``."""
        return "Page: " + " · ".join(f"{k} {v}" for k, v in self.fields())

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass
class Article:
    source: str
    """Path of the input, or ``-`` for standard input."""
    title: str
    title_original: str
    title_from: str
    """How the title was found: ``line`` (a title-like first line), ``heading`` (Markdown/HTML), or
    ``first-sentence`` (no title line, so the first sentence stands in and stays in the body)."""
    sections: list[Section]
    encoding: str
    script: str
    """``simplified``, ``traditional`` or ``mixed``: what the source was written in."""
    format: str
    """``text``, ``markdown``, ``html`` or ``pdf``."""
    removed: list[Removed] = field(default_factory=list)
    page: PageMeta | None = None
    """Web-page (or PDF) metadata; ``None`` for text and Markdown articles."""

    def sentences(self) -> Iterator[Sentence]:
        for s in self.sections:
            yield from s.sentences()

    def sentence(self, sid: str) -> Sentence:
        for s in self.sentences():
            if s.id == sid:
                return s
        raise KeyError(sid)

    @property
    def text(self) -> str:
        """The normalized body, one paragraph a line, headings included."""
        lines: list[str] = []
        for s in self.sections:
            if s.heading is not None:
                lines.append(s.heading)
            lines.extend(p.text for p in s.paragraphs)
        return "\n".join(lines)

    @property
    def chars(self) -> int:
        return sum(s.chars for s in self.sections)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["chars"] = self.chars
        return d


def section_id(index: int) -> str:
    return f"§{index}"


def paragraph_id(section: int, paragraph: int) -> str:
    return f"§{section}¶{paragraph}"


def sentence_id(section: int, paragraph: int, sentence: int) -> str:
    return f"§{section}¶{paragraph}s{sentence}"
