"""Section summaries, selection first: rank a section's sentences, keep the best few, and have the model
write one short English sentence for each selected sentence, with glossary terms and amounts pinned.

Why one summary sentence per selected source sentence: the provenance is then exact by construction (each
English sentence names the Chinese sentence it rests on), each can be checked against exactly its source,
and a failing one can be retried or replaced alone. A small model that is asked to fuse several sentences
freely invents connections; asked to compress one, it stays faithful.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.annotate import Pin

PROMPT_VERSION = "sum-8"

SYSTEM = (
    "You are a careful analyst who writes English briefs of Chinese business news. "
    "You write plain, factual English and never add facts that are not in the source."
)

# The fixed part of every request comes first so llama.cpp can reuse its evaluated prefix across sections.
# No worked example: with one, the 1.5B model copied its phrasing into unrelated summaries ("will not
# compete with ByteDance or Tencent on price" from an example about Apple and price).
INSTRUCTIONS = (
    "Summarize each numbered Chinese sentence below in ONE short English sentence of at most 20 words: "
    "keep its main claim, its names and its numbers; drop asides and repetition. Keep who does what, and "
    "what is negated, exactly as the source says; add nothing. Every English word or figure that already "
    "stands in the Chinese (a name, a term, an amount) must appear in your sentence exactly as written. "
    "Write exactly one line per input sentence, numbered like the input (1., 2., ...). English only: no "
    "Chinese characters."
)


def pin_lines(pins: Sequence[Pin]) -> list[str]:
    """The "Use exactly these English forms" lines for typed pins: ``中厂 = mid-size vendor (never: vendor)``
    for a pinned term, ``X: never write …`` for a forbidden entry; dnt terms stand in the source as they
    are and need no line."""
    lines: list[str] = []
    for p in pins:
        if p.kind == "dnt":
            continue
        if p.kind == "forbid":
            lines.append(f"{p.zh}: never write {', '.join(p.forbid)}")
        else:
            lines.append(f"{p.zh} = {p.en}" + (f" (never: {', '.join(p.forbid)})" if p.forbid else ""))
    return list(dict.fromkeys(lines))


def build_messages(
    numbered: Sequence[str], pin_lines: Sequence[str] = (), feedback: str | None = None
) -> list[dict]:
    body = [INSTRUCTIONS]
    if pin_lines:
        body.append("Use exactly these English forms:\n" + "\n".join(f"- {p}" for p in pin_lines))
    body.append("Sentences:\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(numbered, 1)))
    if feedback:
        body.append("Your previous answer had these problems; fix them:\n" + feedback)
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n\n".join(body)}]


def build_fix_messages(
    mixed_zh: str, english: str, need: Sequence[str], drop: Sequence[str] = ()
) -> list[dict]:
    """A retry that edits the failed draft instead of starting over. With greedy decoding the same request
    plus a list of problems mostly brings back the same sentence, and a numbered multi-item edit prompt
    made the small model echo the layout (both measured on the seed); one plain sentence to rewrite, with
    the exact words it must gain, is a small edit a 1.5B model does well in few tokens."""
    rule = "so that it contains these exact words: " + ", ".join(f'"{n}"' for n in need) if need else ""
    if drop:
        rule += (
            ("; and " if rule else "so that it ") + "no longer contains: " + ", ".join(f'"{d}"' for d in drop)
        )
    # The task comes last: asked first, the model copied the sentence back unchanged (measured on the seed).
    body = (
        f"Chinese source: {mixed_zh}\n"
        f"English sentence: {english}\n\n"
        f"Rewrite the English sentence {rule}. Keep its facts as the Chinese source states them; one "
        "sentence of at most 30 words. Answer with the rewritten sentence only."
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": body}]


def clean_sentence(text: str) -> str:
    text = text.strip()
    # Quotes that wrap the whole answer go; a quotation that merely ends the sentence stays (stripping every
    # edge quote left the seed's lede with 'the "hundred-model war.' unclosed).
    if text.count('"') % 2 == 1:
        if text.startswith('"'):
            text = text[1:]
        elif text.endswith('"') and '"' not in text[:-1]:
            text = text[:-1]
    elif len(text) > 1 and text[0] == text[-1] == '"' and text.count('"') == 2:
        text = text[1:-1]
    text = re.sub(r'\s+"$', '"', text.strip())
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:English|Summary|Translation)\s*:\s*", "", text, flags=re.IGNORECASE)
    if text and text[-1] not in ".!?\"'”’)":
        text += "."
    return text


HEADING_SYSTEM = "You translate Chinese business headlines into English."


def build_heading_messages(mixed: Sequence[str], lines: Sequence[str], what: str) -> list[dict]:
    """Headings and titles: short phrases, translated in one numbered request with pins."""
    body = (
        f"Translate each numbered Chinese {what} into a short, natural English {what} in title case. "
        "Write exactly one line per input, numbered like the input, English only.\n\n"
    )
    if lines:
        body += "Use exactly these English forms:\n" + "\n".join(f"- {p}" for p in lines) + "\n\n"
    body += "\n".join(f"{i}. {m}" for i, m in enumerate(mixed, 1))
    return [{"role": "system", "content": HEADING_SYSTEM}, {"role": "user", "content": body}]


def build_headline_messages(points: Sequence[str]) -> list[dict]:
    """An English headline written from the key points (for an article with no title line of its own)."""
    body = (
        "Write one English headline of at most 12 words for a brief with these key points. "
        "Use only facts stated in them. Answer with the headline only.\n\n"
        + "\n".join(f"- {p}" for p in points)
    )
    return [
        {"role": "system", "content": "You write accurate, plain English news headlines."},
        {"role": "user", "content": body},
    ]


def build_direct_messages(text: str, lines: Sequence[str], k: int) -> list[dict]:
    """``--method direct``: summarize a whole piece of a section, for the benchmark that measures what
    selection saves."""
    body = (
        f"Summarize the Chinese text below in {k} short English sentences, numbered 1. to {k}. "
        "English only; keep names and numbers exact.\n\n"
    )
    if lines:
        body += "Use exactly these English forms:\n" + "\n".join(f"- {p}" for p in lines) + "\n\n"
    body += text
    return [
        {"role": "system", "content": "You summarize Chinese business news in English."},
        {"role": "user", "content": body},
    ]
