"""Prompts for chunk translation (the numbered answer is read by ``toolkit.compose.numbered``).

The system prompt and the first part of the user message never change, and everything that varies (pins,
context, the retry's list of failures, the source lines) comes after them. llama.cpp keeps the evaluated
tokens of the previous call and re-reads only from the first token that differs, so the fixed part is
evaluated once per run instead of once per chunk. Change any fixed text → bump ``PROMPT_VERSION`` (it is
part of every translation-memory key).
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.annotate import Pin
from toolkit.compose.pins import inline_pins

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
