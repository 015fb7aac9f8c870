"""The failure modes of small models, read off the English alone: repetition loops and runaway output."""

from __future__ import annotations

import re

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
    for n in range(1, max_ngram + 1):
        need = min_repeats if n == 1 else max(3, -(-12 // n))
        if n_words < n * need:
            continue
        i = 0
        while i + n * need <= n_words:
            gram = words[i : i + n]
            reps = 1
            j = i + n
            while j + n <= n_words and words[j : j + n] == gram:
                reps += 1
                j += n
            if reps >= need:
                return " ".join(gram)
            i += 1
    return None


def is_runaway(source: str, english: str, finish_reason: str | None = None) -> bool:
    """Output that hit the token limit, or is far longer than any translation of ``source`` could be."""
    if finish_reason == "length":
        return True
    return len(english) > RUNAWAY_CHARS_PER_SOURCE_CHAR * len(source) + RUNAWAY_SLACK
