"""Normalization and the term matcher: longest-first, non-overlapping, script- and case-insensitive.

Keys and text pass through the same ``fold`` (OpenCC t2s, full-width to ASCII, ASCII case, whitespace
runs to one space), so 中廠 finds 中厂 and "mureka  v8" finds Mureka V8. Matching scans the folded text once
and, at each position whose character starts some key, tries only the key lengths that first character
has (longest first) against a set: a 10,000-entry glossary costs a dict lookup per character, well under
what jieba spends segmenting the same text (bench/bench_glossary.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from toolkit.script import fold_widths, to_simplified

if TYPE_CHECKING:
    from toolkit.segment import Token

T = TypeVar("T")

# ASCII case only: str.lower() on arbitrary Unicode can change a string's length (İ → i̇) and would break
# the one-to-one offsets between folded and original text.
_CASE = {cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)}
_SPACES = {cp: 0x20 for cp in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F)}
_ASCII_WORD = re.compile(r"[0-9a-z]")
_MULTISPACE = re.compile(r" {2,}")


def _fold_chars(text: str) -> str:
    """Fold that keeps length: every output character stands for the input character at the same index."""
    simp = to_simplified(text)
    if len(simp) != len(text):
        # OpenCC's phrase tables can (rarely) change length; convert char by char to keep offsets exact.
        simp = "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)
    return fold_widths(simp).translate(_CASE).translate(_SPACES)


def fold(text: str) -> str:
    """The canonical form of a glossary key or a piece of text: what matching compares."""
    return _MULTISPACE.sub(" ", _fold_chars(text)).strip()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when runs of spaces were collapsed, the original offset of each folded character."""
    chars = _fold_chars(text)
    if "  " not in chars:
        return chars, None
    out: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, c in enumerate(chars):
        if c == " " and prev_space:
            continue
        prev_space = c == " "
        out.append(c)
        offsets.append(i)
    return "".join(out), offsets


def _is_word(c: str) -> bool:
    return bool(_ASCII_WORD.match(c))


@dataclass(frozen=True)
class Hit(Generic[T]):
    value: T
    start: int
    end: int


class Matcher(Generic[T]):
    """Finds folded keys in text; ``value`` is whatever the caller attaches to a key (a glossary entry)."""

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        self._values: dict[str, T] = {}
        lengths: dict[str, set[int]] = {}
        for key, value in items:
            k = fold(key)
            if not k:
                continue
            self._values[k] = value
            lengths.setdefault(k[0], set()).add(len(k))
        # Per first character, the key lengths to try, longest first: that is what makes it longest-match.
        self._lengths: dict[str, tuple[int, ...]] = {
            c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()
        }

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> list[Hit[T]]:
        folded, offsets = fold_with_offsets(text)
        values = self._values
        lengths = self._lengths
        n = len(folded)
        hits: list[Hit[T]] = []
        i = 0
        while i < n:
            ls = lengths.get(folded[i])
            if ls is None:
                i += 1
                continue
            for ln in ls:
                if i + ln > n:
                    continue
                key = folded[i : i + ln]
                value = values.get(key)
                if value is None:
                    continue
                # A Latin key must not match inside a longer Latin word ("AI" in "MAIL", "MAU" in "MAUI").
                if _is_word(key[0]) and i > 0 and _is_word(folded[i - 1]):
                    continue
                if _is_word(key[-1]) and i + ln < n and _is_word(folded[i + ln]):
                    continue
                if offsets is None:
                    hits.append(Hit(value, i, i + ln))
                else:
                    end = offsets[i + ln - 1] + 1
                    hits.append(Hit(value, offsets[i], end))
                i += ln
                break
            else:
                i += 1
        return hits


@dataclass(frozen=True)
class MarkedToken:
    """A segmenter token and the glossary term it belongs to (``None`` if it is no term's part)."""

    text: str
    start: int
    end: int
    term: str | None
    en: str | None
    status: str | None


def mark_tokens(tokens: Sequence[Token], hits: Sequence[tuple[int, int, str, str, str]]) -> list[MarkedToken]:
    """Attach (start, end, zh, en, status) spans to the tokens they cover (a token inside a span)."""
    out: list[MarkedToken] = []
    j = 0
    spans = sorted(hits)
    for t in tokens:
        while j < len(spans) and spans[j][1] <= t.start:
            j += 1
        term = en = status = None
        if j < len(spans):
            s, e, zh, en_, st = spans[j]
            if s < t.end and t.start < e:
                term, en, status = zh, en_, st
        out.append(MarkedToken(t.text, t.start, t.end, term, en, status))
    return out
