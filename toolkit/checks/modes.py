"""The failure modes of small models, read off the English alone: repetition loops and runaway output."""

from __future__ import annotations

import re

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_SAME_CHAR_RUN = re.compile(r"([^\s\d.,])\1{9,}")

# Output longer than this many characters per source character (plus slack) never stopped on its own:
# English runs about 3-4 characters per Chinese character in news text.
RUNAWAY_CHARS_PER_SOURCE_CHAR = 8
RUNAWAY_SLACK = 200


def find_repetition(text: str, min_repeats: int = 4, max_ngram: int = 8) -> str | None:
    """The n-gram a repetition loop is stuck on, or None.

    A loop is the same word n-gram (n ≤ ``max_ngram``) repeated back to back: at least ``min_repeats``
    times for a single word ("the the the the"), at least 3 times for longer n-grams that cover 12 words or
    more. Ordinary prose repeats words but almost never three identical phrases in a row; a model stuck in
    a loop does exactly that until ``max_tokens``. A character repeated ten times or more ("!!!!!!!!!!")
    counts too; digits are exempt (numbers such as 100000000 are legal).
    """
    m = _SAME_CHAR_RUN.search(text)
    if m:
        return m.group(0)[:20]
    words = [w.lower() for w in _WORD.findall(text)]
    n_words = len(words)
    ids: dict[str, int] = {}
    codes = np.fromiter((ids.setdefault(w, len(ids)) for w in words), dtype=np.int64, count=n_words)
    for n in range(1, max_ngram + 1):
        need = min_repeats if n == 1 else max(3, -(-12 // n))
        if n_words < n * need:
            continue
        # An n-gram at i repeated ``need`` times back to back is exactly a run of n*(need-1) positions k
        # from i where word k equals word k+n; finding runs over the whole text at once keeps a long
        # English (a 10 MB translation) linear instead of a Python loop per word and n.
        start = _first_run(codes[:-n] == codes[n:], n * (need - 1))
        if start is not None:
            return " ".join(words[start : start + n])
    return None


def _first_run(same: np.ndarray, length: int) -> int | None:
    """Where the first run of at least ``length`` True values of ``same`` starts, or None."""
    if length <= 0 or len(same) < length:
        return None
    edges = np.diff(np.concatenate(([0], same.view(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    long = np.flatnonzero(ends - starts >= length)
    return int(starts[long[0]]) if len(long) else None


def is_runaway(source: str, english: str, finish_reason: str | None = None) -> bool:
    """Output that hit the token limit, or is far longer than any translation of ``source`` could be."""
    if finish_reason == "length":
        return True
    return len(english) > RUNAWAY_CHARS_PER_SOURCE_CHAR * len(source) + RUNAWAY_SLACK
