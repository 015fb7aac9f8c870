"""The Brief: what ``zhbrief brief`` produces, as plain dataclasses (the JSON schema is ``Brief.to_dict``).

Schema (version 1), stable: keys are only ever added.

    schema             "zhbrief.brief/1"
    source             input path or "-"
    title_zh, title_en
    key_points         [{text, sources: [sentence id], status}]
    sections           [{id, heading_zh, heading_en, selected: [id], summary: [{text, sources, status}]}]
    figures            [{id, source, value, value_high, unit, english}]
    terms              [{zh, en, count}]
    names_to_check     [{zh, kind, en, source, note, ids}]  (pinyin names the brief's sentences pinned)
    quality            {term_adherence, term_occurrences, term_hits, term_misses, forbidden_found,
                        quantity_checked, quantity_errors, cjk_leaks, retries, fallbacks, repairs, passed,
                        unsupported [{id, kind, english, detail}], unsupported_in_drafts}
    model, model_sha256, model_verified, glossary_files [{path, sha256}], glossary_sha256
    settings           {sentences, method, max_tokens, ...}
    tokens             {prompt, completion}
    seconds, date, version, signature, chars, script, encoding
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from toolkit.annotate.model import NameUse

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.checks import QualityReport

SCHEMA = "zhbrief.brief/1"


@dataclass
class SummarySentence:
    text: str
    sources: list[str]
    status: str = "ok"
    """``ok`` (first draft passed every check), ``repaired`` (the first draft's wrong amount or forbidden
    form replaced by its pinned form, deterministically, and then it passed), ``retried`` (passed after one
    retry naming the failures),
    ``fallback`` (the summary failed twice; this is the translation pipeline's rendering of the source),
    ``flagged`` (still failing: see quality)."""
    quality: QualityReport | None = field(default=None, compare=False, repr=False)
    """The check of this text against the sentences it cites (not serialized: the quality block sums it)."""


@dataclass
class SectionBrief:
    id: str
    heading_zh: str | None
    heading_en: str | None
    selected: list[str]
    summary: list[SummarySentence]


@dataclass
class Figure:
    id: str
    source: str
    value: float | None
    value_high: float | None
    unit: str
    english: str


@dataclass
class TermUse:
    zh: str
    en: str
    count: int


@dataclass
class Quality:
    term_adherence: float
    term_occurrences: int
    term_hits: int
    term_misses: list[dict]
    forbidden_found: list[dict]
    quantity_checked: int
    quantity_errors: list[dict]
    cjk_leaks: list[dict]
    retries: int
    fallbacks: int
    repairs: int
    passed: bool
    unsupported: list[dict] = field(default_factory=list)
    """{id, kind, english, detail} for each number or name a summary sentence states that the source it
    cites does not give (``checks.grounding``; added key: the schema only grows)."""
    unsupported_in_drafts: int = 0
    """How many such claims the first drafts made, before repairs, retries and fallbacks (added key)."""
    unfaithful: list[dict] = field(default_factory=list)
    """{id, kind, source, detail} for each source word a summary sentence mistranslates (or a fallback
    translation leaves out): ``checks.faithfulness`` (added key)."""


@dataclass
class Brief:
    source: str
    title_zh: str
    title_en: str
    key_points: list[SummarySentence]
    sections: list[SectionBrief]
    figures: list[Figure]
    terms: list[TermUse]
    quality: Quality
    model: str
    model_sha256: str | None
    glossary_files: list[dict]
    glossary_sha256: str | None
    settings: dict
    tokens: dict
    seconds: float
    date: str
    version: str
    chars: int
    script: str
    encoding: str
    timing: dict = field(default_factory=dict)
    schema: str = SCHEMA
    names_to_check: list[NameUse] = field(default_factory=list)
    """The pinyin names (``NameUse``) pinned in the sentences the brief rests on (added key: the schema only grows)."""
    model_verified: str | None = None
    """How far ``model_sha256`` was checked, and when ("sha256 verified 2026-11-30"; added key)."""

    @property
    def signature(self) -> str:
        """sacrebleu-style: everything needed to reproduce or explain this brief, on one line."""
        sha = (self.model_sha256 or "")[:12] or "-"
        gsha = (self.glossary_sha256 or "")[:12] or "none"
        settings = "|".join(f"{k}:{v}" for k, v in sorted(self.settings.items()))
        return f"zhbrief:{self.version}|model:{self.model}@{sha}|glossary:{gsha}|{settings}"

    def to_dict(self) -> dict:
        d = asdict(self)
        for s in [*d["key_points"], *(x for sec in d["sections"] for x in sec["summary"])]:
            s.pop("quality", None)
        d["signature"] = self.signature
        return d
