"""The one thing every grounding check returns: a claim of the English its source does not support."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unsupported:
    """One claim of the English its source does not support."""

    kind: str
    """``number`` or ``name`` (places, people and organisations are names)."""
    english: str
    """The words of the English that make the claim ("at 4:00 AM" → "4:00 AM")."""
    source: str
    """What the source says instead, where that is known (全球), else an empty string."""
    detail: str
    """Why, in words a retry prompt and a reader understand ("the source gives no clock time")."""

    @property
    def label(self) -> str:
        return f"'{self.english}': {self.detail}"
