"""Segment translation that keeps its promises: pinned terms, exact amounts, no Chinese left, all checked.

A small local model is an unreliable translator on its own; the pipeline around it makes the output
trustworthy and shows it in figures:

1. every sentence is **annotated** once (``toolkit.annotate``): the glossary terms it contains (dnt terms
   kept, forbidden forms named), its amounts rendered by ``toolkit.quantities``, and pinyin for names the
   glossary does not know — its pins;
2. sentences are grouped into **chunks** that fit a token budget (``chunking``), each with the sentence
   before it as context, and translated in one call with the Chinese-token filter on (``english_only``);
3. each sentence's English is **checked** (``toolkit.checks``); a wrong amount or forbidden form is
   **repaired** deterministically (``repair``), and if that alone makes it pass, that is all; otherwise it
   is retried once, alone, with its failures named and its terms nudged (``retry``), and repaired again
   after that; whatever still fails is kept and flagged;
4. finished sentences go into the **translation memory** (``memory``), so the same sentence with the same
   pins, model and settings is never translated twice.

``translate_article`` keeps the article's structure, ``translate_lines`` keeps line alignment (empty lines
stay empty), and ``translate_sentences`` is the plain list form the brief stage uses.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from toolkit import __version__
from toolkit.annotate import Annotation, Annotator, Pin
from toolkit.annotate.names import Name
from toolkit.checks import Finding, QualityReport, check_segment
from toolkit.checks.faithfulness import Scorer, can_score
from toolkit.cjk import has_han
from toolkit.compose.choice import keeps_numbers, prefer_retry
from toolkit.compose.numbered import parse_numbered
from toolkit.compose.pins import inline_pins, merge_pins
from toolkit.compose.renderings import (
    RENDERING_PROMPT_VERSION,
    Candidate,
    RenderingMemory,
    rendering_messages,
)
from toolkit.compose.repair import normalize_amounts, normalize_terms, repair
from toolkit.engines.base import Nudge
from toolkit.quantities.english_dates import last_month, repair_month
from toolkit.translation.chunking import make_chunks
from toolkit.translation.furniture import split_furniture
from toolkit.translation.memory import TranslationMemory, segment_key
from toolkit.translation.model import ChunkRecord, Segment, Settings, Stats, Translation
from toolkit.translation.prompts import PROMPT_VERSION, build_messages
from toolkit.translation.retry import amount_nudges, echoes_feedback, nudges_for

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.article import Article
    from toolkit.engines import Engine
    from toolkit.glossary import Glossary

__all__ = ["Translator", "decide_renderings", "translate_article", "translate_lines", "translate_sentences"]


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
        self.annotator = Annotator(glossary, names=self.settings.names, tokens=False)
        self.memory = memory if memory is not None else (TranslationMemory() if use_cache else None)
        self.progress = progress
        self.chat = bool(getattr(engine, "chat", True))
        # The model is loaded anyway: the same faithfulness check as `zhbrief check --faithfulness`.
        self.scorer = Scorer(engine) if self.settings.faithfulness and can_score(engine) else None

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
            "model_verified": getattr(self.engine, "verified", None),
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

    def _check(self, seg: Segment, finish_reason: str | None = None) -> QualityReport:
        assert seg.annotation is not None
        # A cached segment is not scored again (a warm rerun costs no model work): its findings come
        # back from the memory.
        return check_segment(
            seg.annotation,
            seg.english,
            self.glossary,
            finish_reason=finish_reason,
            dates=True,
            scorer=None if seg.cached else self.scorer,
            month=seg.month,
            neighbours=seg.neighbours,
        )

    def _generate(
        self,
        sources: Sequence[str],
        pins: Sequence[Pin],
        allow: Sequence[str],
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
            allow=tuple(allow),
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
        annotations: Sequence[Annotation | None] | None = None,
        title: str | None = None,
    ) -> Translation:
        """Translate ``texts`` (one sentence or line each; empty ones stay empty) in order.

        ``breaks`` are positions where a new document starts: no chunk or context crosses them.
        ``annotations``: the texts' annotations where the caller has them (the brief does); the rest are
        annotated here, once. ``title``: the article's title, given to every chunk as context.
        """
        t0 = time.perf_counter()
        ids = list(ids) if ids is not None else [f"L{i + 1}" for i in range(len(texts))]
        stats = Stats(segments=len(texts))
        sc = self.scorer
        scored0 = (sc.calls, sc.tokens, sc.seconds) if sc is not None else (0, 0, 0.0)
        segments: list[Segment] = []
        names: dict[str, Name] = {}
        todo: list[bool] = []
        given = list(annotations) if annotations is not None else [None] * len(texts)
        # The texts read as one document first, so a name cut short in one line is known by its whole form.
        self.annotator.read_document(t.strip() for t, a in zip(texts, given, strict=True) if a is None)
        for sid, text, ann in zip(ids, texts, given, strict=True):
            text = text.strip()
            seg = Segment(sid, text)
            segments.append(seg)
            if not has_han(text):
                continue
            if ann is None or ann.text != text:
                ann = self.annotator.annotate(text, sid)
            seg.annotation, found = ann, ann.names
            if self.settings.furniture and self.chat:
                f = split_furniture(text, self.glossary)
                if f.core != text:
                    seg.furniture = f
            for n in found:
                names.setdefault(n.zh, n)
        # One English per title and recurring unpinned name for the whole document, decided before the
        # first chunk and pinned wherever it stands (``compose.renderings``).
        renderings = self.decide_renderings(
            [g.annotation for g in segments if g.annotation is not None], stats
        )
        month = None
        for seg in segments:
            # A bare day (25日) means the month the story stated last (its dateline's 7月26日电).
            seg.month = month
            month = last_month(seg.source) or month
        for seg in segments:
            if seg.annotation is None:
                # Empty lines stay empty; a line with no Chinese (a number, a Latin name) is already English.
                seg.english = seg.source
                seg.quality = QualityReport(segments=1)
                todo.append(False)
                continue
            seg.annotation = renderings.apply(seg.annotation)
            seg.pins = seg.annotation.pins
            hit = self.memory.get(self._key(seg)) if self.memory is not None else None
            if hit is not None:
                seg.english, data = hit
                seg.retried = bool(data.get("retried"))
                seg.retry_kept = bool(data.get("retry_kept"))
                seg.repairs = list(data.get("repairs", []))
                seg.normalized = list(data.get("normalized", []))
                seg.cached = True
                seg.quality = self._check(seg)
                self._repair_month(seg)  # the memory's English may come from a story of another month
                # What the model or the neighbours found (the check above sees neither); not what the
                # rule checks found again (a country left out).
                have = {(f.part("kind"), f.part("source")) for f in seg.quality.unfaithful}
                for f in data.get("unfaithful", []):
                    if (f.get("kind"), f.get("source")) in have:
                        continue
                    found = Finding(f["detail"], **f)
                    (
                        seg.quality.omissions if f["kind"] == "omission" else seg.quality.mistranslations
                    ).append(found)
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
            context = list(chunk.context)
            if title and title not in context and all(g.source != title for g in group):
                # Every chunk knows what the article is about (and how its title reads): the title first.
                context.insert(0, title)
            first = chunk.indices[0]
            before = segments[first - 1] if first > 0 and segments[first - 1].english else None
            self._translate_chunk(group, context, record, stats, before)
            for g in group:
                g.chunk = ci
                if self.memory is not None:
                    self.memory.put(
                        self._key(g),
                        g.source,
                        g.english,
                        {
                            "retried": g.retried,
                            "retry_kept": g.retry_kept,
                            "repairs": g.repairs,
                            "normalized": g.normalized,
                            "unfaithful": [dict(f.__dict__) for f in g.quality.unfaithful],
                        },
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
        if sc is not None:
            stats.faithfulness_calls = sc.calls - scored0[0]
            stats.faithfulness_tokens = sc.tokens - scored0[1]
            stats.faithfulness_seconds = sc.seconds - scored0[2]
        return Translation(
            segments=segments,
            quality=QualityReport.total(g.quality for g in segments),
            stats=stats,
            signature=self.signature(),
            names=list(names.values()),
            chunks=records,
            renderings=list(renderings.items.values()),
        )

    def _translate_chunk(
        self,
        group: list[Segment],
        context: Sequence[str],
        record: ChunkRecord,
        stats: Stats,
        before: Segment | None = None,
    ) -> None:
        """Translate one chunk. ``before``: the segment just before it (translated already), whose words
        its first line may borrow: the model and the first line's retry see it as context."""
        pins = merge_pins(g.pins for g in group)
        allow = [t for g in group for t in g.annotation.allow]
        text, finish = self._generate([g.model_source for g in group], pins, allow, context, record, stats)
        lines = parse_numbered(text, len(group))
        if None in lines:
            # The model merged or split lines: translate each alone rather than guess the alignment.
            record.split = True
            prev = list(context)
            last = before
            for g in group:
                g.alone = True
                t1, f1 = self._generate(
                    [g.model_source], g.pins, g.annotation.allow, prev[-1:], record, stats
                )
                one = parse_numbered(t1, 1)[0]
                g.english = g.from_model(one if one is not None else t1.strip())
                g.draft = g.english
                # The model saw the line before as context: its words are what it may borrow.
                g.neighbours = _beside([last])
                g.quality = self._check(g, f1)
                last = g
                stats.unsupported_drafts += len(g.quality.unsupported)
                prev.append(g.model_source)
        else:
            for g, line in zip(group, lines, strict=True):
                g.english = g.from_model(line or "")
                g.draft = g.english
            for k, g in enumerate(group):
                # The lines translated beside it: a draft that says their words is a mistranslation (the
                # model moved a clause between numbered lines). A retry translates the line alone.
                g.neighbours = _beside([group[k - 1] if k else before, *group[k + 1 : k + 2]])
                g.quality = self._check(g, finish if k == len(group) - 1 else None)
                stats.unsupported_drafts += len(g.quality.unsupported)
        for k, g in enumerate(group):
            if g.quality.ok or self._repaired_outright(g):
                continue
            if self.settings.retry and self.chat:  # greedy seq2seq would repeat itself
                prev_ctx = [group[k - 1].model_source] if k else list(context[-1:])
                t2, f2 = self._generate(
                    [g.model_source],
                    g.pins,
                    g.annotation.allow,
                    prev_ctx,
                    record,
                    stats,
                    failures=g.quality.failures(context=True),
                    retry=True,
                    nudge=self._nudges(g),
                )
                one = parse_numbered(t2, 1)[0]
                candidate = Segment(
                    g.id,
                    g.source,
                    g.from_model(one if one is not None else t2.strip()),
                    g.pins,
                    annotation=g.annotation,
                    # The retry sees the line before as context and may say its words as well.
                    neighbours=g.neighbours,
                )
                candidate.quality = self._check(candidate, f2)
                g.retried = True
                g.retry = candidate.english
                # Ship the retry only if it is strictly better (fewer, less serious findings; a tie keeps
                # the draft) and lost nothing the draft carried, and not if it answered the feedback
                # instead of translating (a small model may echo "the translation did not stop...").
                # Measured on the development lines, the old rule (retry kept unless it had more failing
                # kinds) shipped shorter rewrites that dropped dates and figures (docs/translation.md).
                echo = echoes_feedback(candidate.english, g.quality.failures())
                if not echo and prefer_retry(
                    g.annotation, g.english, g.quality, candidate.english, candidate.quality
                ):
                    g.english, g.quality = candidate.english, candidate.quality
                    g.retry_kept = True
            if not g.quality.ok and self.settings.repair:
                fixed, notes = repair(g.annotation, g.english, self.glossary)
                if notes and keeps_numbers(g.source, g.english, fixed, g.annotation.quantities):
                    g.english = fixed
                    g.repairs += notes
                    g.quality = self._check(g)
        if self.settings.repair:
            for g in group:
                # No weekday repair here: ``repair`` ran it on every segment that failed, and one that
                # passed states no weekday its source lacks (the grounding check fails that).
                fixed, notes = normalize_amounts(g.annotation, g.english)
                if notes and keeps_numbers(g.source, g.english, fixed, g.annotation.quantities):
                    g.english = fixed
                    g.normalized += notes
                    g.quality = self._check(g)
                # One name one way through the article: a glossary name in another of its forms.
                fixed, notes = normalize_terms(g.annotation, g.english, self.glossary)
                if notes:
                    g.english = fixed
                    g.normalized += notes
                    g.quality = self._check(g)
                self._repair_month(g)

    def decide_renderings(self, anns: Sequence[Annotation], stats: Stats | None = None) -> RenderingMemory:
        """The document's renderings (``compose.renderings``): one short greedy request per title and
        recurring unpinned name, its answer kept in the translation memory so a warm rerun, the article's
        brief and a batch rerun read the same English. Off for a seq2seq engine (it takes no instructions)."""
        memory = RenderingMemory()
        if not (self.settings.renderings and self.chat):
            return memory

        def ask(c: Candidate) -> str | None:
            key = segment_key(
                f"rendering {c.kind} {c.zh}\n{c.sentence}",
                [],
                self.model_id,
                self.model_sha,
                {},
                f"{PROMPT_VERSION}/{RENDERING_PROMPT_VERSION}",
            )
            hit = self.memory.get(key) if self.memory is not None else None
            if hit is not None:
                return hit[0]
            gen = self.engine.generate(
                rendering_messages(c), max_tokens=32, stop=["\n"], english_only=True, temperature=0.0
            )
            if stats is not None:
                stats.calls += 1
                stats.prompt_tokens += gen.prompt_tokens
                stats.completion_tokens += gen.completion_tokens
                stats.engine_seconds += gen.seconds
            if self.memory is not None:
                self.memory.put(key, c.zh, gen.text, {"rendering": c.kind}, self.model_id)
            return gen.text

        memory.decide(anns, ask)
        return memory

    def _nudges(self, g: Segment) -> list[Nudge]:
        if not self.settings.nudge:
            return []
        # The annotation's matches are those of the whole source; with furniture split off, the model saw less.
        matches = g.annotation.terms if g.furniture is None and g.annotation is not None else None
        nudges = nudges_for(g.model_source, g.english, self.glossary, self.engine.count_tokens, matches)
        return nudges + amount_nudges(
            g.model_source, g.english, g.quality.quantity_missing, self.engine.count_tokens
        )

    def _repair_month(self, g: Segment) -> None:
        """A month the model gave a bare day (26日) that the story does not: the story's month, or none."""
        if not (self.settings.repair and g.quality.date_misses and g.annotation is not None):
            return
        fixed, notes = repair_month(g.source, g.english, g.annotation.quantities, g.month)
        if notes:
            g.english = fixed
            g.repairs += notes
            g.quality = self._check(g)

    def _repaired_outright(self, g: Segment) -> bool:
        """Apply the deterministic repairs first when they alone make the segment pass: a wrong amount or a
        forbidden calque ("general tracks" for 赛道 → segment) needs no second model call, and a retry costs
        as much as the first translation and may come back worse. Runaway, empty or leaking output is
        always retried."""
        q = g.quality
        if not self.settings.repair or q.empty or q.runaway or q.leaks:
            return False
        fixed, notes = repair(g.annotation, g.english, self.glossary)
        if not notes or not keeps_numbers(g.source, g.english, fixed, g.annotation.quantities):
            return False
        trial = Segment(g.id, g.source, fixed, g.pins, annotation=g.annotation, neighbours=g.neighbours)
        trial.quality = self._check(trial)
        if not trial.quality.ok:
            return False
        g.english, g.quality = fixed, trial.quality
        g.repairs += notes
        return True


def _beside(segments: Sequence[Segment | None]) -> list[tuple[str, str]]:
    """(source, English) of the segments a line was translated beside (``checks.borrowed``)."""
    return [(s.annotation.text, s.english) for s in segments if s is not None and s.annotation is not None]


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
    annotations: Sequence[Annotation | None] | None = None,
) -> Translation:
    """Translate a list of sentences (the brief stage's entry point); ``segments[i]`` is ``sentences[i]``.
    ``annotations``: their annotations where the caller has them, so nothing is annotated twice."""
    tr = Translator(
        engine, glossary, settings=settings, memory=memory, use_cache=use_cache, progress=progress
    )
    return tr.translate(list(sentences), ids, annotations=annotations)


def decide_renderings(
    annotations: Sequence[Annotation],
    engine: Engine,
    glossary: Glossary | None = None,
    *,
    memory: TranslationMemory | None = None,
    use_cache: bool = True,
) -> RenderingMemory:
    """The document memory of renderings for an article's annotations (the brief's entry point): the same
    requests, through the same translation memory, as ``translate_article`` makes, so an article's brief and
    its translation name each title and name alike."""
    tr = Translator(engine, glossary, memory=memory, use_cache=use_cache)
    return tr.decide_renderings(annotations)


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
    ``glossary``: a loaded Glossary, or None for no glossary (as in ``brief``; ``load_glossaries()`` gives
    the default ones).

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
    out = tr.translate(texts, ids, title=article.title if article.title_from != "first-sentence" else None)
    if article.title_from == "first-sentence":
        first = next(iter(article.sentences()), None)
        if first is not None:
            seg = out.by_id()[first.id]
            out.segments.insert(
                0,
                Segment(
                    "title",
                    seg.source,
                    seg.english,
                    seg.pins,
                    QualityReport(segments=0),
                    annotation=seg.annotation,
                ),
            )
    out.article = article
    return out
