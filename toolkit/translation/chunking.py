"""Group sentences into chunks that fit a token budget, each with the sentence(s) before it as context.

A chunk is translated in one model call (numbered lines in, numbered lines out), which spreads the fixed
per-call cost (chat template, instructions, pins header) over several sentences. A sentence is never cut:
one longer than the budget becomes a chunk of its own. The context sentences are shown to the model but not
translated, so pronouns and names stay consistent across chunk boundaries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Chunk:
    indices: list[int]
    """Positions (in the list given to ``make_chunks``) of the sentences to translate, in order."""
    context: list[str] = field(default_factory=list)
    """Source sentences just before the chunk, oldest first: shown, not translated."""
    tokens: int = 0
    """Source tokens of the sentences to translate."""


def make_chunks(
    texts: Sequence[str],
    count_tokens: Callable[[str], int],
    *,
    budget: int = 160,
    max_sentences: int = 6,
    context_sentences: int = 1,
    context_budget: int = 80,
    skip: Callable[[int], bool] | None = None,
    breaks: Sequence[int] = (),
) -> list[Chunk]:
    """Chunks over ``texts`` (one sentence each); ``skip(i)`` marks sentences that need no model call
    (empty lines, cache hits) — they end the current chunk so a chunk is always a run of neighbours, but
    still serve as context. ``breaks`` are positions that must start a new chunk (e.g. a new document)
    and take no context from before them.
    """
    chunks: list[Chunk] = []
    cur: Chunk | None = None
    break_set = set(breaks)
    last_break = 0
    for i, text in enumerate(texts):
        if i in break_set:
            last_break = i
            cur = None
        if (skip is not None and skip(i)) or not text.strip():
            cur = None
            continue
        n = count_tokens(text)
        if cur is not None and (cur.tokens + n > budget or len(cur.indices) >= max_sentences):
            cur = None
        if cur is None:
            cur = Chunk([], _context(texts, i, last_break, count_tokens, context_sentences, context_budget))
            chunks.append(cur)
        cur.indices.append(i)
        cur.tokens += n
    return chunks


def _context(
    texts: Sequence[str],
    i: int,
    floor: int,
    count_tokens: Callable[[str], int],
    sentences: int,
    budget: int,
) -> list[str]:
    out: list[str] = []
    used = 0
    j = i - 1
    while j >= floor and len(out) < sentences:
        t = texts[j].strip()
        j -= 1
        if not t:
            continue
        n = count_tokens(t)
        if used + n > budget:
            break
        out.insert(0, t)
        used += n
    return out
