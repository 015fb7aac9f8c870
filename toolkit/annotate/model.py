"""The annotation's data: ``Pin`` (a source string whose English is fixed), ``Annotation`` (everything
later stages read about one sentence) and ``NameUse`` (one name across a document). Plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.annotate.names import Name, Rejected
from toolkit.quantities import Quantity

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary.model import TermMatch

PIN_KINDS = ("term", "dnt", "forbid", "amount", "name")


@dataclass(frozen=True)
class Pin:
    """One source string whose English is fixed wherever the sentence is rendered."""

    zh: str
    en: str
    kind: str
    """``term`` (glossary: write ``en``), ``dnt`` (glossary: keep ``zh`` as is), ``forbid`` (glossary: a
    forbidden entry; ``en`` empty, its forms in ``forbid``), ``amount`` (quantities), ``name`` (pinyin)."""
    forbid: tuple[str, ...] = field(default=())

    @property
    def listed(self) -> bool:
        """Whether a prompt lists it as "zh = en" (dnt and forbid pins are told differently)."""
        return self.kind not in ("dnt", "forbid")

    def to_dict(self) -> dict[str, object]:
        return {"zh": self.zh, "en": self.en, "kind": self.kind, "forbid": list(self.forbid)}


@dataclass
class Annotation:
    """Everything later stages need to know about one sentence (or heading, title, line)."""

    text: str
    id: str = ""
    tokens: list[str] = field(default_factory=list)
    """jieba's words (glossary terms kept whole), for ranking."""
    terms: list[TermMatch] = field(default_factory=list)
    """Glossary matches, longest first and non-overlapping (every status)."""
    quantities: list[Quantity] = field(default_factory=list)
    """Every quantity the quantities module reads, dates included."""
    names: list[Name] = field(default_factory=list)
    """Names found by part of speech (pinned or not; those inside a glossary term have source ``glossary``)."""
    rejected_names: list[Rejected] = field(default_factory=list)
    """Words jieba tagged as names that the evidence says are not (上市, 高喊), with the reason."""
    pins: list[Pin] = field(default_factory=list)

    @property
    def allow(self) -> list[str]:
        """Do-not-translate terms: the Chinese that may stand in the English."""
        return [p.zh for p in self.pins if p.kind == "dnt"]

    @property
    def name_pins(self) -> list[tuple[str, str]]:
        return [(p.zh, p.en) for p in self.pins if p.kind == "name"]

    @property
    def figures(self) -> list[Quantity]:
        """The quantities that are not dates."""
        return [q for q in self.quantities if q.kind != "date"]

    @property
    def pinned_terms(self) -> list[TermMatch]:
        """Matches the English must carry over (dnt terms stand in the source as they are)."""
        return [m for m in self.terms if m.entry.status != "dnt"]


@dataclass
class NameUse:
    """One name across a document: where it stands, what is pinned for it and on what evidence."""

    zh: str
    kind: str
    en: str | None
    source: str
    note: str
    ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "zh": self.zh,
            "kind": self.kind,
            "en": self.en,
            "source": self.source,
            "note": self.note,
            "ids": list(self.ids),
        }
