"""Prompts for chunk translation, and parsing the model's numbered answer.

The system prompt and the first part of the user message never change, and everything that varies (pins,
context, the retry's list of failures, the source lines) comes after them. llama.cpp keeps the evaluated
tokens of the previous call and re-reads only from the first token that differs, so the fixed part is
evaluated once per run instead of once per chunk. Change any fixed text → bump ``PROMPT_VERSION`` (it is
part of every translation-memory key).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.annotate import Pin

PROMPT_VERSION = "t3"

SYSTEM = (
    "You are a professional translator of Chinese news and business articles into English. "
    "You translate faithfully and completely, in fluent English, and you never leave Chinese characters "
    "in your answer."
)

INSTRUCTIONS = (
    "Translate each numbered Chinese line below into English. Answer with the same numbers, one English "
    "line per number, and nothing else. When a translation is given for a term, an amount or a name, "
    "use exactly that English wording. Lines marked as context are for understanding only: do not "
    "translate them.\n"
)


def inline_pins(text: str, pins: Sequence[Pin]) -> str:
    """The source with each pinned string replaced by its English (code-mixed input), longest first."""
    for p in sorted(pins, key=lambda p: len(p.zh), reverse=True):
        if p.listed and p.en and p.zh in text:
            text = text.replace(p.zh, f" {p.en} ")
    return re.sub(r" {2,}", " ", text).strip()


def build_messages(
    sources: Sequence[str],
    pins: Sequence[Pin] = (),
    context: Sequence[str] = (),
    failures: Sequence[str] = (),
    *,
    inline: bool = False,
    listed: bool | None = None,
) -> list[dict[str, str]]:
    """Chat messages translating ``sources`` (numbered 1..n), fixed prefix first.

    ``inline`` writes term/amount/name pins into the source lines as English; ``listed`` (default: not
    ``inline``) lists them under "Use these translations". Both at once is the strongest pinning.
    """
    parts: list[str] = [INSTRUCTIONS]
    if listed is None:
        listed = not inline
    to_list = [p for p in pins if p.listed] if listed else []
    if to_list:
        parts.append("Use these translations:")
        parts += [f"- {p.zh} = {p.en}" for p in to_list]
    keep = [p.zh for p in pins if p.kind == "dnt"]
    if keep:
        parts.append("Keep these unchanged: " + "; ".join(keep))
    forbidden = [f for p in pins for f in p.forbid]
    if forbidden:
        parts.append("Never write: " + "; ".join(f'"{f}"' for f in forbidden))
    for c in context:
        parts.append(f"Context: {c}")
    if failures:
        parts.append(
            "An earlier translation of these lines had problems; avoid them: " + "; ".join(failures) + "."
        )
    parts.append("")
    for i, s in enumerate(sources, 1):
        parts.append(f"{i}. {inline_pins(s, pins) if inline else s}")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(parts)}]


_NUMBERED = re.compile(r"^\s*(?:\*\*)?(\d{1,3})\s*(?:\*\*)?\s*[.)、:：]\s*(?:\*\*)?\s*(.*)$")


def parse_numbered(text: str, n: int) -> list[str] | None:
    """The English lines 1..n from a numbered answer, or None if the numbering does not line up.

    A line without a number continues the previous item (a model sometimes wraps); an unnumbered line
    ending in a colon before the first number is a preamble and dropped. For a single sentence an
    unnumbered answer is accepted as it is.
    """
    items: dict[int, list[str]] = {}
    current: int | None = None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _NUMBERED.match(line)
        if m and 1 <= int(m.group(1)) <= n and int(m.group(1)) not in items:
            current = int(m.group(1))
            items[current] = [m.group(2).strip()]
        elif current is not None:
            items[current].append(line)
        elif line.endswith((":", "：")):
            continue  # "Here is the translation:" before the first number
        elif n == 1:
            current = 1
            items[1] = [line]
        else:
            return None
    if sorted(items) != list(range(1, n + 1)):
        return None
    return [" ".join(p for p in items[i] if p).strip() for i in range(1, n + 1)]
