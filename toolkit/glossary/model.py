"""Glossary entries and the merged glossary every command works with."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from toolkit.cjk import NAME_SEPARATORS
from toolkit.errors import InputError
from toolkit.glossary.match import MarkedToken, Matcher, fold, mark_tokens
from toolkit.script import to_simplified

if TYPE_CHECKING:
    from toolkit.segment import Segmenter, Token

STATUSES = ("approved", "candidate", "forbidden", "dnt")
"""approved: pinned; candidate: proposed, not pinned; forbidden: ``en`` is a rendering that must never be
used for ``zh``; dnt: do not translate, keep the term as written."""
PINNED = frozenset({"approved", "dnt"})
COLUMNS = ("zh", "en", "alt", "forbid", "status", "domain", "note")


@dataclass
class Entry:
    zh: str
    en: str
    alt: list[str] = field(default_factory=list)
    forbid: list[str] = field(default_factory=list)
    status: str = "approved"
    domain: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """What two entries must differ in: the folded (simplified, lower-case ASCII) source term."""
        return fold(self.zh)

    @property
    def pinned(self) -> bool:
        return self.status in PINNED

    def accepted(self) -> list[str]:
        """English forms that count as a hit; for dnt also the term itself as written."""
        forms = [f for f in [self.en, *self.alt] if f]
        if self.status == "dnt" and self.zh not in forms:
            forms.append(self.zh)
        return forms

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class TermMatch:
    entry: Entry
    start: int
    end: int
    text: str
    """The matched source text as written (may be traditional or differ in case from ``entry.zh``)."""


@dataclass(frozen=True)
class Override:
    """A term defined by two glossary files; the later file won."""

    key: str
    old: Entry
    old_file: str
    new: Entry
    new_file: str

    def message(self) -> str:
        return f"{self.new.zh}: {self.new.en!r} from {self.new_file} overrides {self.old.en!r} from {self.old_file}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Glossary:
    """Entries merged from one or more files (later files win), with the files and hashes they came from."""

    def __init__(
        self,
        entries: Iterable[Entry] = (),
        files: Sequence[tuple[str, str]] = (),
        overrides: Sequence[Override] = (),
        origins: dict[str, str] | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        self.entries: list[Entry] = list(entries)
        self.files: list[tuple[str, str]] = list(files)
        self.overrides: list[Override] = list(overrides)
        self.origins: dict[str, str] = dict(origins or {})
        """Entry key → the file it came from."""
        self.warnings: list[str] = list(warnings)
        """Rows left out on load, each as ``file:line: why``."""

    def notices(self) -> list[str]:
        """What a command should tell the user about this glossary: overrides between files, then rows
        left out. The library never prints; commands print these on stderr."""
        return [o.message() for o in self.overrides] + self.warnings

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries) or bool(self.files)

    @property
    def sha256(self) -> str:
        """One hash for the whole set of files, in order; ``""`` for no glossary."""
        if not self.files:
            return ""
        h = hashlib.sha256()
        for _, digest in self.files:
            h.update(digest.encode())
        return h.hexdigest()

    def signature(self) -> str:
        """Short provenance string for output headers, e.g. ``glossary:ai-industry.tsv@1a2b3c4d``."""
        if not self.files:
            return "glossary:none"
        from pathlib import Path

        names = "+".join(f"{Path(p).name}@{d[:8]}" for p, d in self.files)
        return f"glossary:{names}"

    def summary(self) -> str:
        """One line naming the files (with hash prefixes), the entry count and the combined hash."""
        if not self.files:
            return "glossary: none"
        files = ", ".join(f"{p} ({d[:12]})" for p, d in self.files)
        return f"glossary: {files}; {len(self)} entries; sha256 {self.sha256[:12]}"

    def describe(self) -> dict[str, object]:
        return {
            "files": [{"path": p, "sha256": d} for p, d in self.files],
            "sha256": self.sha256,
            "entries": len(self.entries),
        }

    def get(self, term: str) -> Entry | None:
        """The entry for ``term``, script- and case-insensitively (中廠 finds 中厂)."""
        return self._by_key.get(fold(term))

    def require(self, term: str) -> Entry:
        e = self.get(term)
        if e is None:
            # A term the glossary lacks is a bad argument (exit 2), like a missing file.
            raise InputError(f"{term!r} is not in the glossary; `zhbrief glossary list` shows its terms")
        return e

    @cached_property
    def _by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    @cached_property
    def _matcher(self) -> Matcher[Entry]:
        return Matcher((e.zh, e) for e in self.entries)

    def match(self, text: str, statuses: Iterable[str] | None = None) -> list[TermMatch]:
        """Terms in ``text``, longest first and non-overlapping. ``statuses`` filters the entries reported
        (matching still runs over all, so a candidate still shadows the shorter pinned term inside it). A
        Chinese term that only spells across two words of the text is not there (``cuts_words``)."""
        keep = None if statuses is None else frozenset(statuses)
        out: list[TermMatch] = []
        for h in self._matcher.find(text):
            if (keep is None or h.value.status in keep) and not self._cuts_words(
                text, h.start, h.end, h.value
            ):
                out.append(TermMatch(h.value, h.start, h.end, text[h.start : h.end]))
        return out

    def segmenter(self) -> Segmenter:
        """A Segmenter of its own with every term jieba can hold as a user word (simplified form), built once
        (the annotator, the miner and ``match`` share it; nothing adds words to it)."""
        return self._segmenter

    @cached_property
    def _segmenter(self) -> Segmenter:
        from toolkit.segment import Segmenter, jieba_can_hold  # lazy: jieba loads only for a segmenter

        words = []
        for e in self.entries:
            w = e.zh.strip()
            simp = fold(w) if w.isascii() else to_simplified(w)
            if jieba_can_hold(simp):
                words.append(simp)
        return Segmenter(words)

    def _cuts_words(self, text: str, start: int, end: int, entry: Entry) -> bool:
        return cuts_words(text, start, end, entry, self._segmenter, lambda w: self.get(w) is not None)

    def mark(self, tokens: Sequence[Token], text: str | None = None) -> list[MarkedToken]:
        return mark_terms(tokens, self, text)


def mark_terms(tokens: Sequence[Token], glossary: Glossary, text: str | None = None) -> list[MarkedToken]:
    """Which tokens are (part of) glossary terms. ``text`` defaults to the tokens joined, which is the
    segmented text when the tokens came from ``Segmenter.tokens``."""
    if text is None:
        text = "".join(t.text for t in tokens)
    spans = [(m.start, m.end, m.entry.zh, m.entry.en, m.entry.status) for m in glossary.match(text)]
    return mark_tokens(tokens, spans)


def term_units(
    tokens: Sequence[Token], glossary: Glossary, text: str | None = None
) -> list[tuple[str, Entry | None]]:
    """Tokens for display, with the tokens of one glossary term merged into one unit carrying its entry
    (Mureka V8 is three jieba tokens but one term)."""
    if text is None:
        text = "".join(t.text for t in tokens)
    matches = glossary.match(text)
    out: list[tuple[str, Entry | None]] = []
    j = 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        while j < len(matches) and matches[j].end <= t.start:
            j += 1
        if j < len(matches) and matches[j].start < t.end and t.start < matches[j].end:
            m = matches[j]
            k = i
            while k < len(tokens) and tokens[k].start < m.end:
                k += 1
            out.append((text[min(t.start, m.start) : max(tokens[k - 1].end, m.end)], m.entry))
            i = k
            j += 1
        else:
            out.append((t.text, None))
            i += 1
    return out


_WINDOW = 6
"""Characters of context on each side that jieba reads to tell where a matched term's words begin and end."""


def cuts_words(
    text: str, start: int, end: int, entry: Entry, segmenter: Segmenter, is_term: Callable[[str], bool]
) -> bool:
    """The Chinese term at ``[start, end)`` is a spelling across words, not the term: 流媒体 "streaming" in
    主流媒体 (主流|媒体, "mainstream media"), 日活 "daily active users" in 党日活动 (党日|活动, a Party day's
    activities), or, for any entry but a person, a piece of a foreign name written with a middle dot (阿里
    "Alibaba" in 阿里·优素福, Ali Yusuf). On the 1,000 human dev translations these were five of the eight
    terms the shipped AI-industry glossary asked of general news. A term inside a longer word (the word
    holds it whole) still counts. ``segmenter`` knows the glossary's terms as words, so jieba cuts the
    text across a term only where its own words there are likelier (主流|媒体), not because its dictionary
    lacks the term (年前|三季度 without 前三季度, 傅昆|宝说 without the name). A word across it that is itself
    a term (``is_term``: 模型市场 of 大模型市场) is the matcher's to decide, longest and leftmost first."""
    if text[start:end].isascii():
        return False
    dotted = (start > 0 and text[start - 1] in NAME_SEPARATORS) or (
        end < len(text) and text[end] in NAME_SEPARATORS
    )
    if dotted and entry.domain != "person" and not any(d in entry.zh for d in NAME_SEPARATORS):
        return True
    a, b = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    # Simplified as the segmenter's words are (a conversion that changes the length keeps the text).
    window = to_simplified(text[a:b])
    if len(window) != b - a:
        window = text[a:b]
    if not _may_cross(window, start - a, end - a, segmenter.tokenizer.FREQ):
        return False  # no dictionary word crosses either end: nothing for jieba to cut across
    for t in segmenter.tokens(window):
        s, e = t.start + a, t.end + a
        if ((s < start < e < end) or (start < s < end < e)) and not is_term(t.text):
            return True
    return False


_LONGEST_WORD = 6


def _may_cross(text: str, start: int, end: int, freq: dict[str, int]) -> bool:
    """Some dictionary word of ``text`` starts before ``start`` and ends inside ``[start, end)``, or starts
    inside it and ends after ``end``: a few dict lookups that spare most matches a jieba run."""
    for i in range(max(0, start - _LONGEST_WORD + 1), start):
        for j in range(start + 1, min(end, i + _LONGEST_WORD + 1)):
            if freq.get(text[i:j]):
                return True
    for i in range(start + 1, end):
        for j in range(end + 1, min(len(text), i + _LONGEST_WORD) + 1):
            if freq.get(text[i:j]):
                return True
    return False
