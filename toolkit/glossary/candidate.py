"""A candidate term: what ``glossary mine`` proposes and ``write_review`` writes as a ``candidate`` entry."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.glossary.model import Entry


@dataclass
class Candidate:
    term: str
    freq: int
    articles: int
    score: float
    sources: set[str] = field(default_factory=set)
    contexts: list[str] = field(default_factory=list)
    domain: str = ""
    """For a name: ``person``, ``place`` or ``company`` (``toolkit.annotate.names``)."""
    en: str = ""
    """For a name: the English the pipeline pins now (a pinyin guess to confirm or correct), if any."""
    evidence: str = ""
    """For a name: why the pipeline reads it as one (or why it does not pin it)."""

    def to_entry(self) -> Entry:
        ctx = " · ".join(self.contexts)
        note = f"freq {self.freq} in {self.articles} article(s); {'+'.join(sorted(self.sources))}; {ctx}"
        if self.evidence:
            note = f"{self.evidence}; {note}"
        return Entry(zh=self.term, en=self.en, status="candidate", domain=self.domain, note=note)

    def to_dict(self) -> dict[str, object]:
        return {
            "term": self.term,
            "freq": self.freq,
            "articles": self.articles,
            "score": round(self.score, 3),
            "sources": sorted(self.sources),
            "contexts": self.contexts,
            "domain": self.domain,
            "en": self.en,
            "evidence": self.evidence,
        }
