"""Segment translation that keeps its promises: pinned terms, exact amounts, no Chinese left, all checked.

A small local model is an unreliable translator on its own; the pipeline around it makes the output
trustworthy and shows it in figures:

1. every sentence gets its **pins**: the glossary terms it contains (dnt terms kept, forbidden forms
   named), its amounts rendered by ``toolkit.quantities``, and pinyin for names the glossary does not know;
2. sentences are grouped into **chunks** that fit a token budget, each with the sentence before it as
   context, and translated in one call with the Chinese-token filter on (``english_only``);
3. each sentence's English is **checked** (``toolkit.checks``); a wrong amount or forbidden form is
   **repaired** deterministically (the wrong English replaced by the pinned form, reported as a repair),
   and if that alone makes it pass, that is all; otherwise it is retried once, alone, with its failures
   named, and repaired again after that; whatever still fails is kept and flagged;
4. finished sentences go into the **translation memory**, so the same sentence with the same pins, model
   and settings is never translated twice.

``translate_article`` keeps the article's structure, ``translate_lines`` keeps line alignment (empty lines
stay empty), and ``translate_sentences`` is the plain list form the brief stage uses.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from toolkit import __version__
from toolkit.checks import QualityReport, check_segment
from toolkit.engines.base import Nudge
from toolkit.quantities.dates import repair_weekday
from toolkit.translation.chunking import make_chunks
from toolkit.translation.furniture import Furniture, split_furniture
from toolkit.translation.memory import TranslationMemory, segment_key
from toolkit.translation.names import Name, find_names
from toolkit.translation.prompts import PROMPT_VERSION, Pin, build_messages, inline_pins, parse_numbered

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.article import Article
    from toolkit.engines import Engine
    from toolkit.glossary import Glossary
    from toolkit.glossary.check import TermReport
    from toolkit.segment import Segmenter

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NUDGE_LEAD = 0.15
"""A nudge starts this share of the sentence before the term's place in the source (word order differs)."""


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
    repairs: list[str] = field(default_factory=list)
    """Wrong amounts or forbidden forms replaced by their pinned forms (instead of a retry, or after it)."""
    normalized: list[str] = field(default_factory=list)
    """Correct amounts rewritten in their pinned form (a style change, not a fix)."""
    cached: bool = False
    alone: bool = False
    """Translated on its own because its chunk's numbered answer did not line up."""
    furniture: Furniture | None = None
    """A byline or trailing outlet rendered by rule; the model sees only ``furniture.core``."""

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
    prompt_tokens: int = 0
    completion_tokens: int = 0
    engine_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def gen_tokens_per_second(self) -> float:
        return self.completion_tokens / self.engine_seconds if self.engine_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["gen_tokens_per_second"] = round(self.gen_tokens_per_second, 2)
        d["engine_seconds"] = round(self.engine_seconds, 3)
        d["seconds"] = round(self.seconds, 3)
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

    @property
    def ok(self) -> bool:
        return self.quality.ok

    def english(self) -> list[str]:
        return [s.english for s in self.segments]

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
            f"tokens {st.prompt_tokens}+{st.completion_tokens}, {st.seconds:.1f} s"
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


# --- pins ---------------------------------------------------------------------------------------------


def find_pins(
    text: str,
    glossary: Glossary | None,
    segmenter: Segmenter | None = None,
    names: bool = True,
) -> tuple[list[Pin], list[Name]]:
    """The pins that apply to one sentence, and the names found in it.

    Only what occurs in the sentence is pinned: glossary terms (approved → its English; dnt → kept as is;
    forbidden forms named), amounts (the quantities module's rendering), and pinyin for names the glossary
    does not cover.
    """
    from toolkit.quantities import find_quantities
    from toolkit.quantities.fidelity import is_checked

    pins: dict[str, Pin] = {}
    if glossary is not None and glossary.entries:
        for m in glossary.match(text):
            e = m.entry
            if e.status == "approved" and e.en:
                pins.setdefault(m.text, Pin(m.text, e.en, "term", tuple(e.forbid)))
            elif e.status == "dnt":
                pins.setdefault(m.text, Pin(m.text, m.text, "dnt", tuple(e.forbid)))
            elif e.status == "forbidden" and e.en:
                pins.setdefault(m.text, Pin(m.text, "", "forbid", (e.en, *e.forbid)))
    for q in find_quantities(text):
        # Only the figures the fidelity check holds the English to (amounts, percents, 万/亿 magnitudes),
        # and only where the English differs from the source (30% → 30% needs no pin): dates and small
        # counts the model gets right, and every pin costs prompt tokens.
        if not is_checked(q) or q.english == q.source or q.source in pins:
            continue
        if q.english:
            pins[q.source] = Pin(q.source, q.english, "amount")
    found: list[Name] = []
    if names and segmenter is not None:
        found = find_names(text, segmenter, known=list(pins))
        for n in found:
            if n.en and n.zh not in pins:
                pins[n.zh] = Pin(n.zh, n.en, "name")
    return list(pins.values()), found


# --- repair -------------------------------------------------------------------------------------------


def repair(source: str, english: str, glossary: Glossary | None) -> tuple[str, list[str]]:
    """Deterministic fixes for what pins make certain: a wrong amount is replaced by the pinned rendering,
    a forbidden form by the pinned term, "the company" by the one company name the English left out.
    Returns the new English and a note per change."""
    from toolkit.quantities import check_fidelity, render_english

    notes: list[str] = []
    fr = check_fidelity(source, english)
    # Replace from the end so earlier offsets stay valid.
    fixes: list[tuple[int, int, str, str]] = []
    for m in fr.wrong:
        e = m.amount
        if e is None or not m.expected or _looks_like_year(e):
            continue
        # Keep the approximation word only where the English span had one of its own, so "reached
        # $120 million" does not become "reached over US$12 million" with the "over" said twice.
        new = m.expected if e.approx else render_english(replace(m.quantity, approx=None))
        fixes.append((e.start, e.end, new, f"amount {m.quantity.source}: '{e.text}' → '{new}'"))
    if glossary is not None and glossary.entries:
        from toolkit.glossary import check_terms

        terms = check_terms(source, english, glossary)
        for f in terms.forbidden_found:
            if f.entry.status == "approved" and f.entry.en:
                en = f.entry.en
                if f.text.lower() == f.form.lower() + "s" and not en.endswith("s"):
                    en += "s"  # "general tracks" → "general segments", not "general segment"
                fixes.append((f.start, f.end, en, f"term {f.entry.zh}: '{f.text}' → '{en}'"))
        fixes += _name_the_company(terms, english)
    taken: list[tuple[int, int]] = []
    for start, end, new, note in sorted(fixes, key=lambda x: x[0], reverse=True):
        if any(start < b and a < end for a, b in taken):
            continue
        english = english[:start] + new + english[end:]
        taken.append((start, end))
        notes.append(note)
    notes.reverse()
    return english, notes


# "the company" standing where the source names the company. The 1.5B model often replaces a company
# name with it when the name already came up in an earlier sentence (on the seed, two of ten summary
# sentences did, and each cost a fallback translation).
# Not "the company-wide plan", and not "the company Opera" (a name follows: it is not the missing one).
_COMPANY_REFERENT = re.compile(r"\b(?:the|The) (?:company|firm)\b(?![-‐‑]|\s+[A-Z])")


def _name_the_company(terms: TermReport, english: str) -> list[tuple[int, int, str, str]]:
    """The first "the company" named after the company the English left out, when that is unambiguous: exactly
    one approved ``company`` entry of the source is wholly missing from the English (no form of it at all),
    so the company the English refers to without a name can only be that one."""
    missing = {
        m.entry.zh: m.entry
        for m in terms.misses
        if m.hits == 0 and m.entry.domain == "company" and m.entry.status == "approved" and m.entry.en
    }
    ref = _COMPANY_REFERENT.search(english)
    if len(missing) != 1 or ref is None:
        return []
    entry = next(iter(missing.values()))
    return [(ref.start(), ref.end(), entry.en, f"term {entry.zh}: '{ref.group()}' → '{entry.en}'")]


def normalize_amounts(source: str, english: str) -> tuple[str, list[str]]:
    """Write every money amount the English got right in its pinned form ("$12 million" → "US$12
    million", "1 million yuan" → "RMB 1 million"), so the same source amount always reads the same way.
    Amounts written in words are left as written. Returns the new English and a note per change."""
    from toolkit.quantities import check_fidelity, render_english

    fixes: list[tuple[int, int, str, str]] = []
    for q, e in check_fidelity(source, english).matched:
        if q.kind != "amount" or e.words:
            continue
        target = q.english if e.approx else render_english(replace(q, approx=None))
        if target and e.text != target:
            fixes.append((e.start, e.end, target, f"amount {q.source}: '{e.text}' → '{target}'"))
    notes: list[str] = []
    for start, end, new, note in sorted(fixes, key=lambda x: x[0], reverse=True):
        english = english[:start] + new + english[end:]
        notes.append(note)
    notes.reverse()
    return english, notes


def _looks_like_year(e: Any) -> bool:
    """A bare 4-digit 19xx/20xx figure is a year far more often than a wrong 万 amount (2万 vs "2019")."""
    return not e.unit and not e.scaled and float(e.value).is_integer() and 1900 <= e.value <= 2100


# --- the translator -----------------------------------------------------------------------------------


class Translator:
    """Translates lists of sentences with one engine, one glossary, one translation memory."""

    def __init__(
        self,
        engine: Engine,
        glossary: Glossary | None = None,
        *,
        settings: Settings | None = None,
        memory: TranslationMemory | None = None,
        use_cache: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.engine = engine
        self.glossary = glossary
        self.settings = settings or Settings()
        self.segmenter = glossary.segmenter() if glossary is not None and glossary.entries else None
        if self.segmenter is None and self.settings.names:
            from toolkit.segment import Segmenter

            self.segmenter = Segmenter()
        self.memory = memory if memory is not None else (TranslationMemory() if use_cache else None)
        self.progress = progress
        self.chat = bool(getattr(engine, "chat", True))

    # The engine's identity for signatures and memory keys.
    @property
    def model_id(self) -> str:
        return str(getattr(self.engine, "model_id", type(self.engine).__name__))

    @property
    def model_sha(self) -> str:
        return str(getattr(self.engine, "sha256", "") or "")

    def signature(self) -> dict[str, Any]:
        g = self.glossary
        return {
            "tool": f"zhbrief {__version__}",
            "model": self.model_id,
            "model_sha256": self.model_sha[:12],
            "glossary": g.signature() if g is not None else "glossary:none",
            "glossary_sha256": (g.sha256 if g is not None else "")[:12],
            "prompt": PROMPT_VERSION,
            "settings": self.settings.to_dict(),
        }

    def _key(self, seg: Segment) -> str:
        return segment_key(
            seg.source,
            [p.to_dict() for p in seg.pins],
            self.model_id,
            self.model_sha,
            self.settings.to_dict(),
            PROMPT_VERSION,
        )

    def _dnt(self, pins: Sequence[Pin]) -> list[str]:
        return [p.zh for p in pins if p.kind == "dnt"]

    def _check(self, seg: Segment, finish_reason: str | None = None) -> QualityReport:
        return check_segment(
            seg.source,
            seg.english,
            self.glossary,
            allow=self._dnt(seg.pins),
            names=[(p.zh, p.en) for p in seg.pins if p.kind == "name"],
            finish_reason=finish_reason,
            dates=True,
        )

    def _generate(
        self,
        sources: Sequence[str],
        pins: Sequence[Pin],
        context: Sequence[str],
        record: ChunkRecord,
        stats: Stats,
        failures: Sequence[str] = (),
        retry: bool = False,
        nudge: Sequence[Nudge] = (),
    ) -> tuple[str, str | None]:
        if self.chat:
            if retry and self.settings.retry_inline:
                messages = build_messages(sources, pins, context, failures, inline=True, listed=True)
            else:
                messages = build_messages(sources, pins, context, failures, inline=self.settings.inline_pins)
        else:
            # A seq2seq translation model (MarianMT) takes the bare sentence: no instructions, no pins
            # listed; the checks, the retry's greedy rerun and the repairs still apply.
            text = inline_pins(sources[0], pins) if self.settings.inline_pins else sources[0]
            messages = [{"role": "user", "content": text}]
        src_tokens = sum(self.engine.count_tokens(s) for s in sources)
        # English runs about 1-1.5 tokens per source token; three times that is a loop, not a translation.
        max_tokens = 3 * src_tokens + 16 * len(sources) + 32
        gen = self.engine.generate(
            messages,
            max_tokens=max_tokens,
            stop=[f"\n{len(sources) + 1}."],
            english_only=True,
            allow=tuple(self._dnt(pins)),
            temperature=0.0,
            nudge=nudge,
        )
        record.calls += 1
        record.prompt_tokens += gen.prompt_tokens
        record.completion_tokens += gen.completion_tokens
        record.seconds += gen.seconds
        stats.calls += 1
        stats.prompt_tokens += gen.prompt_tokens
        stats.completion_tokens += gen.completion_tokens
        stats.engine_seconds += gen.seconds
        return gen.text, gen.finish_reason

    def translate(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        breaks: Sequence[int] = (),
    ) -> Translation:
        """Translate ``texts`` (one sentence or line each; empty ones stay empty) in order.

        ``breaks`` are positions where a new document starts: no chunk or context crosses them.
        """
        t0 = time.perf_counter()
        ids = list(ids) if ids is not None else [f"L{i + 1}" for i in range(len(texts))]
        stats = Stats(segments=len(texts))
        segments: list[Segment] = []
        names: dict[str, Name] = {}
        todo: list[bool] = []
        for sid, text in zip(ids, texts, strict=True):
            text = text.strip()
            seg = Segment(sid, text)
            segments.append(seg)
            if not _HAN.search(text):
                # Empty lines stay empty; a line with no Chinese (a number, a Latin name) is already English.
                seg.english = text
                seg.quality = QualityReport(segments=1)
                todo.append(False)
                continue
            seg.pins, found = find_pins(text, self.glossary, self.segmenter, self.settings.names)
            if self.settings.furniture and self.chat:
                f = split_furniture(text, self.glossary)
                if f.core != text:
                    seg.furniture = f
            for n in found:
                names.setdefault(n.zh, n)
            hit = self.memory.get(self._key(seg)) if self.memory is not None else None
            if hit is not None:
                seg.english, data = hit
                seg.retried = bool(data.get("retried"))
                seg.repairs = list(data.get("repairs", []))
                seg.normalized = list(data.get("normalized", []))
                seg.cached = True
                seg.quality = self._check(seg)
                stats.cache_hits += 1
                todo.append(False)
            else:
                todo.append(True)

        s = self.settings
        chunks = make_chunks(
            [seg.model_source for seg in segments],
            self.engine.count_tokens if any(todo) else len,
            budget=s.budget,
            max_sentences=s.max_sentences if self.chat else 1,
            context_sentences=s.context_sentences if self.chat else 0,
            skip=lambda i: not todo[i],
            breaks=breaks,
        )
        records: list[ChunkRecord] = []
        done = 0
        total = sum(todo)
        for ci, chunk in enumerate(chunks):
            group = [segments[i] for i in chunk.indices]
            record = ChunkRecord(ci, [g.id for g in group])
            records.append(record)
            self._translate_chunk(group, chunk.context, record, stats)
            for g in group:
                g.chunk = ci
                if self.memory is not None:
                    self.memory.put(
                        self._key(g),
                        g.source,
                        g.english,
                        {"retried": g.retried, "repairs": g.repairs, "normalized": g.normalized},
                        self.model_id,
                    )
            done += len(group)
            if self.progress is not None:
                self.progress(done, total)
        stats.chunks = len(chunks)
        stats.split_chunks = sum(r.split for r in records)
        stats.retries = sum(g.retried for g in segments)
        stats.repairs = sum(len(g.repairs) for g in segments)
        stats.seconds = time.perf_counter() - t0
        return Translation(
            segments=segments,
            quality=QualityReport.total(g.quality for g in segments),
            stats=stats,
            signature=self.signature(),
            names=list(names.values()),
            chunks=records,
        )

    def _translate_chunk(
        self, group: list[Segment], context: Sequence[str], record: ChunkRecord, stats: Stats
    ) -> None:
        pins = _merge_pins(g.pins for g in group)
        text, finish = self._generate([g.model_source for g in group], pins, context, record, stats)
        lines = parse_numbered(text, len(group))
        if lines is None:
            # The model merged or split lines: translate each alone rather than guess the alignment.
            record.split = True
            prev = list(context)
            for g in group:
                g.alone = True
                t1, f1 = self._generate([g.model_source], g.pins, prev[-1:], record, stats)
                one = parse_numbered(t1, 1)
                g.english = g.from_model(one[0] if one else t1.strip())
                g.quality = self._check(g, f1)
                prev.append(g.model_source)
        else:
            for k, (g, line) in enumerate(zip(group, lines, strict=True)):
                g.english = g.from_model(line)
                g.quality = self._check(g, finish if k == len(group) - 1 else None)
        for k, g in enumerate(group):
            if g.quality.ok or self._repaired_outright(g):
                continue
            if self.settings.retry and self.chat:  # greedy seq2seq would repeat itself
                prev_ctx = [group[k - 1].model_source] if k else list(context[-1:])
                t2, f2 = self._generate(
                    [g.model_source],
                    g.pins,
                    prev_ctx,
                    record,
                    stats,
                    failures=g.quality.failures(),
                    retry=True,
                    nudge=self._nudges(g),
                )
                one = parse_numbered(t2, 1)
                candidate = Segment(g.id, g.source, g.from_model(one[0] if one else t2.strip()), g.pins)
                candidate.quality = self._check(candidate, f2)
                g.retried = True
                # Keep the retry unless it is worse (it was told what to fix) or it answered the feedback
                # instead of translating (a small model may echo "the translation did not stop...").
                # Worse counts single failures too: a retry that wrote the missing term but dropped
                # another one is a tie, one that dropped two for one is worse.
                echo = _echoes_feedback(candidate.english, g.quality.failures())
                if not echo and _rank(candidate.quality) <= _rank(g.quality):
                    g.english, g.quality = candidate.english, candidate.quality
            if not g.quality.ok and self.settings.repair:
                fixed, notes = repair(g.source, g.english, self.glossary)
                if notes:
                    g.english = fixed
                    g.repairs += notes
                    g.quality = self._check(g)
        if self.settings.repair:
            for g in group:
                fixed, notes = normalize_amounts(g.source, g.english)
                if notes:
                    g.english = fixed
                    g.normalized += notes
                    g.quality = self._check(g)
                fixed, notes = repair_weekday(g.source, g.english)
                if notes:
                    g.english = fixed
                    g.repairs += notes
                    g.quality = self._check(g)

    def _nudges(self, g: Segment) -> list[Nudge]:
        """A nudge for each occurrence of each pinned term of a segment that missed one.

        A term the first attempt wrote is nudged too, from a little after where it wrote it: a retry told
        only about the missing term rewrites the sentence and may drop one it had (dev line 9 gained
        "migrant workers" and lost "rural revitalization"), and a reminder placed any earlier pulled a term
        ahead of the words before it (dev line 28 lost "Source:" before "Beijing Youth Daily"). A missing
        one starts a little before the point of the English that matches its place in the source (the
        English about as long as the first attempt), so it is not pulled to the head of the sentence."""
        if not self.settings.nudge or self.glossary is None or not g.english:
            return []
        from toolkit.glossary import check_terms
        from toolkit.glossary.check import form_pattern

        source, english = g.model_source, g.english
        report = check_terms(source, english, self.glossary)
        if not report.misses:
            return []
        length = self.engine.count_tokens(english)
        out = []
        for t in report.terms:
            if not t.entry.en:
                continue
            written = sorted(
                m.start() for f in t.entry.accepted() if f.strip() for m in form_pattern(f).finditer(english)
            )[: t.hits]
            late = int(NUDGE_LEAD * length)  # a reminder, not a pull ahead of the words before it
            out += [
                Nudge(t.entry.en, self.engine.count_tokens(english[:at].rstrip()) + late) for at in written
            ]
            places = [m.start() for m in re.finditer(re.escape(t.zh), source)][t.hits : t.occurrences]
            for at in places:
                share = max(0.0, at / max(1, len(source)) - NUDGE_LEAD)
                out.append(Nudge(t.entry.en, int(share * length)))
        return out

    def _repaired_outright(self, g: Segment) -> bool:
        """Apply the deterministic repairs first when they alone make the segment pass: a wrong amount or a
        forbidden calque ("general tracks" for 赛道 → segment) needs no second model call, and a retry costs
        as much as the first translation and may come back worse. Runaway, empty or leaking output is
        always retried."""
        q = g.quality
        if not self.settings.repair or q.empty or q.runaway or q.leaks:
            return False
        fixed, notes = repair(g.source, g.english, self.glossary)
        if not notes:
            return False
        trial = Segment(g.id, g.source, fixed, g.pins)
        trial.quality = self._check(trial)
        if not trial.quality.ok:
            return False
        g.english, g.quality = fixed, trial.quality
        g.repairs += notes
        return True


def _rank(q: QualityReport) -> tuple[int, int]:
    return q.failed, q.problems


def _echoes_feedback(english: str, failures: Sequence[str]) -> bool:
    low = english.lower()
    if "fix this" in low or "previous answer" in low or "previous translation" in low:
        return True
    return any(len(f) >= 12 and f.lower()[:40] in low for f in failures)


def _merge_pins(groups: Any) -> list[Pin]:
    out: dict[str, Pin] = {}
    for pins in groups:
        for p in pins:
            out.setdefault(p.zh, p)
    return list(out.values())


# --- entry points -------------------------------------------------------------------------------------


def translate_sentences(
    sentences: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    *,
    ids: Sequence[str] | None = None,
    settings: Settings | None = None,
    use_cache: bool = True,
    memory: TranslationMemory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Translation:
    """Translate a list of sentences (the brief stage's entry point); ``segments[i]`` is ``sentences[i]``."""
    tr = Translator(
        engine, glossary, settings=settings, memory=memory, use_cache=use_cache, progress=progress
    )
    return tr.translate(list(sentences), ids)


def translate_lines(
    lines: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    *,
    settings: Settings | None = None,
    use_cache: bool = True,
    memory: TranslationMemory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Translation:
    """One English line per input line, aligned: empty lines stay empty, ids are L1, L2, …"""
    return translate_sentences(
        [ln.rstrip("\r\n") for ln in lines],
        engine,
        glossary,
        settings=settings,
        use_cache=use_cache,
        memory=memory,
        progress=progress,
    )


def translate_article(
    article: Article,
    engine: Engine,
    glossary: Glossary | None = None,
    *,
    settings: Settings | None = None,
    use_cache: bool = True,
    memory: TranslationMemory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Translation:
    """Translate an article's title, headings and sentences; ``Translation.article`` keeps its structure.

    Segment ids: ``title``, ``§2h`` for section 2's heading, and the sentence ids (``§2¶3s1``). When the
    title stands in for the first sentence (``title_from == "first-sentence"``) it is that sentence and is
    translated once, as the sentence.
    """
    texts: list[str] = []
    ids: list[str] = []
    if article.title_from != "first-sentence":
        texts.append(article.title)
        ids.append("title")
    for s in article.sections:
        if s.heading is not None:
            texts.append(s.heading)
            ids.append(f"{s.id}h")
        for sent in s.sentences():
            texts.append(sent.text)
            ids.append(sent.id)
    tr = Translator(
        engine, glossary, settings=settings, memory=memory, use_cache=use_cache, progress=progress
    )
    out = tr.translate(texts, ids)
    if article.title_from == "first-sentence":
        first = next(iter(article.sentences()), None)
        if first is not None:
            seg = out.by_id()[first.id]
            out.segments.insert(
                0, Segment("title", seg.source, seg.english, seg.pins, QualityReport(segments=0))
            )
    out.article = article
    return out
