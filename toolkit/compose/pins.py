"""Pins as both stages write them into a prompt: merged over several sentences, or written into the
source as English (code-mixed input)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from toolkit.annotate import Pin

__all__ = ["Pin", "inline_pins", "merge_pins"]


def merge_pins(groups: Iterable[Sequence[Pin]]) -> list[Pin]:
    """The pins of several sentences, each source string once (the first one wins)."""
    out: dict[str, Pin] = {}
    for pins in groups:
        for p in pins:
            out.setdefault(p.zh, p)
    return list(out.values())


def inline_pins(text: str, pins: Sequence[Pin]) -> str:
    """The source with each pinned string replaced by its English (code-mixed input), longest first.

    Small models copy an English form that stands in the sentence far more reliably than they follow a rule
    in a list."""
    for p in sorted(pins, key=lambda p: len(p.zh), reverse=True):
        if p.listed and p.en and p.zh in text:
            text = text.replace(p.zh, f" {p.en} ")
    return re.sub(r" {2,}", " ", text).strip()
