"""Sets of text spans that answer "does this span overlap one already taken?" in logarithmic time.

The checks claim spans of the English one match at a time (a term's rendering, an amount); asking each new
match against every span claimed so far made ``check`` and ``glossary check`` quadratic in the English's
length (a 2 MB translation took 39 s). With the spans kept sorted, each question is a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanSet:
    """Half-open spans ``[start, end)``, kept as the sorted, disjoint union of what was added (overlapping
    or touching spans merge), which is all an overlap test needs."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span in the set."""
        # The last span starting before ``end`` reaches furthest of all that do (they are disjoint).
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        lo = bisect_left(self._ends, start)  # first span that ends at or after ``start``
        hi = bisect_right(self._starts, end)  # spans from ``lo`` up to here touch or overlap the new one
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
            del self._starts[lo:hi]
            del self._ends[lo:hi]
        # Every span before ``lo`` ends before ``start``, every one from ``lo`` on starts after ``end``.
        self._starts.insert(lo, start)
        self._ends.insert(lo, end)

    def __len__(self) -> int:
        return len(self._starts)


class Containers:
    """Spans (overlapping freely) that answer "is ``[start, end)`` inside one of them?" by binary search:
    among the spans starting at or before ``start``, the one reaching furthest decides."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def contain(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end
