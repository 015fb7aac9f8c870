"""Pins in the translation stage: the annotation's typed ``Pin``s, merged per chunk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from toolkit.annotate import Pin

__all__ = ["Pin", "dnt_terms", "merge_pins"]


def merge_pins(groups: Iterable[Sequence[Pin]]) -> list[Pin]:
    """The pins of several sentences, each source string once (the first one wins)."""
    out: dict[str, Pin] = {}
    for pins in groups:
        for p in pins:
            out.setdefault(p.zh, p)
    return list(out.values())


def dnt_terms(pins: Sequence[Pin]) -> list[str]:
    """The do-not-translate terms: Chinese the English may keep, so the Chinese-token filter allows them."""
    return [p.zh for p in pins if p.kind == "dnt"]
