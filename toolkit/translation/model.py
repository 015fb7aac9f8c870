"""The translation stage's data: settings, segments, chunk records, counters, and the ``Translation``.

Plain dataclasses, no model: ``Translation.to_dict`` is the JSON a translation is written and cached as.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.annotate import Annotation, NameUse, Pin, name_uses
from toolkit.annotate.names import Name
from toolkit.checks import QualityReport
from toolkit.compose.renderings import Rendering
from toolkit.translation.furniture import Furniture

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.article import Article


@dataclass
class Settings:
    """Everything besides source, pins and model that changes the output (part of the memory key)."""

    budget: int = 160
    """Source tokens per chunk at most (a longer sentence is a chunk of its own, never cut)."""
    max_sentences: int = 6
    context_sentences: int = 1
    inline_pins: bool = False
    """Write pins into the source as English (code-mixed) instead of listing them in the prompt. Measured
    on dev.zh lines 141-148 with the default model: listed pins chrF 49.0 / BLEU 17.9, 1 retry; inline
    chrF 46.5 / BLEU 13.7, 2 retries; same adherence and fidelity. So listing is the default."""
    retry_inline: bool = True
    """A retry also writes the pins into the source (code-mixed): the strongest pin, used only where the
    listed pins were not followed, since code-mixed input reads worse overall (see ``inline_pins``)."""
    names: bool = True
    """Pin pinyin for names the glossary does not know."""
    retry: bool = True
    nudge: bool = True
    """A retry for pinned terms the first translation left out nudges the decoder toward them (``Nudge``),
    each from about where the source has it: the plain greedy retry wrote the same sentence again."""
    repair: bool = True
    faithfulness: bool = False
    """Check each sentence for omissions and mistranslations with the model (``checks.faithfulness``)
    where the engine can score text; a flagged sentence is retried like any failure. Off by default
    (``zhbrief translate --faithfulness``): measured on news lines it added 159% to the translation time
    and flagged 8 of 10 segments (docs/benchmarks.md#faithfulness), far from the +30% it may cost."""
    renderings: bool = True
    """One English per title (《》) and recurring unpinned name for the whole document, decided once and
    pinned wherever it stands (``compose.renderings``)."""
    furniture: bool = True
    """Render a headline's trailing outlet (-新华网) and a reporter byline ((记者 王斌)) by rule
    (``toolkit.translation.furniture``): the model dropped them."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segment:
    """One translated unit: a sentence, a heading, the title, or one input line."""

    id: str
    source: str
    english: str = ""
    pins: list[Pin] = field(default_factory=list)
    quality: QualityReport = field(default_factory=lambda: QualityReport(segments=1))
    chunk: int | None = None
    """Index of the chunk it was translated in (None: cached, empty, or nothing to translate)."""
    retried: bool = False
    retry_kept: bool = False
    """The retry's English shipped (``retried`` without it: the draft was kept as no worse)."""
    repairs: list[str] = field(default_factory=list)
    """Wrong amounts or forbidden forms replaced by their pinned forms (instead of a retry, or after it)."""
    normalized: list[str] = field(default_factory=list)
    """Correct amounts rewritten in their pinned form (a style change, not a fix)."""
    cached: bool = False
    alone: bool = False
    """Translated on its own because its chunk's numbered answer did not line up."""
    furniture: Furniture | None = None
    """A byline or trailing outlet rendered by rule; the model sees only ``furniture.core``."""
    retry: str | None = None
    """The retry's English, shipped or not (None: not retried); for the bench, which weighs both."""
    draft: str | None = None
    """The model's first English for it, before any repair or retry (None: cached or not translated);
    kept so a retry can be weighed against it and the bench can score first drafts against shipped."""
    annotation: Annotation | None = field(default=None, repr=False, compare=False)
    """The source's annotation (terms, quantities, pins): what the checks and repairs read."""
    neighbours: list[tuple[str, str]] = field(default_factory=list, repr=False, compare=False)
    """(source, English) of the lines drafted beside it (``checks.borrowed``): its chunk's, the line before
    the chunk for its first line, only the line before for a line translated alone. Its retry is read with
    the same."""
    month: int | None = field(default=None, repr=False, compare=False)
    """The month the document stated last before this segment (``english_dates.last_month``): what a bare
    day of it (25日) means, for the date check and its repair."""

    @property
    def model_source(self) -> str:
        return self.furniture.core if self.furniture is not None else self.source

    def from_model(self, english: str) -> str:
        return self.furniture.wrap(english) if self.furniture is not None else english

    @property
    def ok(self) -> bool:
        return self.quality.ok

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "english": self.english,
            "ok": self.quality.ok,
            "failures": self.quality.failures(),
            "pins": [p.to_dict() for p in self.pins],
            "chunk": self.chunk,
            "retried": self.retried,
            "retry_kept": self.retry_kept,
            "repairs": self.repairs,
            "normalized": self.normalized,
            "cached": self.cached,
            "alone": self.alone,
            "quality": self.quality.to_dict(),
        }


@dataclass
class ChunkRecord:
    index: int
    ids: list[str]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    calls: int = 0
    split: bool = False
    """The numbered answer did not line up, so each sentence was translated alone."""


@dataclass
class Stats:
    segments: int = 0
    chunks: int = 0
    calls: int = 0
    retries: int = 0
    repairs: int = 0
    split_chunks: int = 0
    cache_hits: int = 0
    unsupported_drafts: int = 0
    """Numbers and names the first drafts stated that their sources do not give (before retry or repair)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    engine_seconds: float = 0.0
    seconds: float = 0.0
    faithfulness_calls: int = 0
    """Forward passes the faithfulness check spent (scoring, no generation); its time is in
    ``faithfulness_seconds``, not in ``engine_seconds``."""
    faithfulness_tokens: int = 0
    faithfulness_seconds: float = 0.0

    @property
    def gen_tokens_per_second(self) -> float:
        return self.completion_tokens / self.engine_seconds if self.engine_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["gen_tokens_per_second"] = round(self.gen_tokens_per_second, 2)
        d["engine_seconds"] = round(self.engine_seconds, 3)
        d["seconds"] = round(self.seconds, 3)
        d["faithfulness_seconds"] = round(self.faithfulness_seconds, 3)
        return d


@dataclass
class Translation:
    segments: list[Segment]
    quality: QualityReport
    stats: Stats
    signature: dict[str, Any]
    names: list[Name] = field(default_factory=list)
    """Names found by part of speech (pinned or not), for review and ``glossary mine``."""
    chunks: list[ChunkRecord] = field(default_factory=list)
    article: Article | None = None
    renderings: list[Rendering] = field(default_factory=list)
    """The document memory: one English per title and recurring unpinned name (``compose.renderings``)."""

    @property
    def ok(self) -> bool:
        return self.quality.ok

    def english(self) -> list[str]:
        return [s.english for s in self.segments]

    def names_to_check(self) -> list[NameUse]:
        """The pinyin names the translation pinned (guesses: check them, fix them in the glossary)."""
        anns = [s.annotation for s in self.segments if s.annotation is not None]
        if not anns:  # rebuilt from a stored result (batch): the names, without their sentence ids
            guesses = [NameUse(n.zh, n.kind, n.en, n.source, n.note) for n in self.names if n.guess]
        else:
            guesses = name_uses(anns, guesses_only=True)
        # The document's own renderings too, once each, with the id they were first rendered at.
        return guesses + [r.use() for r in self.renderings]

    def by_id(self) -> dict[str, Segment]:
        return {s.id: s for s in self.segments}

    def failed_segments(self) -> list[Segment]:
        return [s for s in self.segments if not s.quality.ok]

    def summary(self) -> str:
        """The one stderr line: adherence, fidelity, leaks, retries, tokens, seconds."""
        q, st = self.quality, self.stats
        failed = len(self.failed_segments())
        return (
            f"translated {st.segments} segments: {q.summary()}, retries {st.retries}, "
            f"repairs {st.repairs}, flagged {failed}, cached {st.cache_hits}, "
            f"tokens {st.prompt_tokens}+{st.completion_tokens}"
            + (
                f", faithfulness {st.faithfulness_calls} passes {st.faithfulness_seconds:.1f} s"
                if st.faithfulness_calls
                else ""
            )
            + f", {st.seconds:.1f} s"
        )

    def to_dict(self) -> dict[str, Any]:
        by_chunk: dict[int, list[Segment]] = {}
        for s in self.segments:
            if s.chunk is not None:
                by_chunk.setdefault(s.chunk, []).append(s)
        chunks = []
        for c in self.chunks:
            d = asdict(c)
            d["quality"] = QualityReport.total(s.quality for s in by_chunk.get(c.index, [])).to_dict()
            chunks.append(d)
        out: dict[str, Any] = {
            "signature": self.signature,
            "ok": self.ok,
            "summary": self.summary(),
            "quality": self.quality.to_dict(),
            "stats": self.stats.to_dict(),
            "names": [asdict(n) for n in self.names],
            "names_to_check": [n.to_dict() for n in self.names_to_check()],
            "renderings": [r.to_dict() for r in self.renderings],
            "chunks": chunks,
        }
        if self.article is not None:
            out["source"] = self.article.source
            out["structure"] = article_structure(self)
        out["segments"] = [s.to_dict() for s in self.segments]
        return out


def article_structure(t: Translation) -> dict[str, Any]:
    """The article's shape with English filled in: title, then sections of paragraphs."""
    assert t.article is not None
    seg = t.by_id()
    a = t.article
    sections = []
    for s in a.sections:
        head = seg.get(f"{s.id}h")
        sections.append(
            {
                "id": s.id,
                "heading": s.heading,
                "heading_en": head.english if head else None,
                "paragraphs": [
                    {
                        "id": p.id,
                        "source": p.text,
                        "english": " ".join(seg[x.id].english for x in p.sentences if seg[x.id].english),
                    }
                    for p in s.paragraphs
                ],
            }
        )
    title = seg.get("title")
    return {
        "title": a.title,
        "title_en": title.english if title else "",
        "sections": sections,
    }
