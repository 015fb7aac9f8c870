"""Faithfulness: does the English say what the Chinese says? Omissions and mistranslations, named by word.

The one code path for ``zhbrief check --faithfulness`` and the pipelines (``check_segment(..., scorer=)``).
Signals, per jieba content word of the source (particles, pronouns and the like left out):

- **dictionary coverage** (cheap, no model): some English word of one of the word's CC-CEDICT senses is
  in the English. Alone it decides nothing (the English paraphrases; a gloss lists one rendering of many):
  a sentence whose every content word is covered is not scored, and it orders the words named;
- **the source given the English** (the local model, force-decoding, one forward pass, no generation):
  the source is scored as the Chinese translation of the English. The sentence score is what the English
  leaves unexplained of the source's content words, in nats per source character; above the calibrated
  threshold the sentence is flagged;
- **the gain** (a second pass, only for a flagged sentence): the source scored with no English given; a
  word the English renders becomes far likelier with it (gains of 3–9 nats), one it leaves out gains
  little (an omission), one it renders as something else can lose (a mistranslation). The lowest-gain words
  are the ones named, with their dictionary sense.

The English side (the English scored given the source, against no source) was measured too and left out:
on the development set it separated bad from good translations barely better than chance
(docs/benchmarks.md#faithfulness). Thresholds come from the development set's calibration sample, not
from single sentences. What this cannot see: an addition the source has no word for, a wrong word the
model finds as plausible as the right one, and anything in a sentence the model cannot read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.annotate import cedict
from toolkit.checks.report import Finding
from toolkit.cjk import has_han
from toolkit.segment import Segmenter

if TYPE_CHECKING:  # pragma: no cover - import only for type names
    from toolkit.engines import Engine

# Prompts for force-decoding the source. The system text is the same in both, so llama.cpp keeps its KV
# prefix between the two passes and across sentences.
_SYSTEM = "You translate English into Chinese. Answer with the Chinese translation only."
_NO_ENGLISH = "(The English is not shown. Write the Chinese sentence.)"


def _split(words: str) -> list[str]:
    """A word list kept as one string (easier to read than a list of one-character literals)."""
    return words.split()


# jieba part-of-speech tags of words that carry no content of their own (particles, prepositions,
# conjunctions, pronouns, interjections, modal particles, punctuation): never reported.
_FUNCTION_TAGS = ("u", "p", "c", "r", "e", "y", "o", "x", "w", "uj", "ul", "uz", "ug", "uv", "ud")
_FUNCTION_WORDS = frozenset(
    _split(
        "的 了 着 过 是 在 和 与 及 并 而 也 都 就 又 还 被 把 将 对 从 向 以 于 为 由 这 那 其 之 等 一个 这个 那个 这些 那些 我们 你们 他们 她们 "
        "它们 我 你 他 她 它 有 会 能 要 可以 已经 就是 一些 因为 所以 但是 如果 然后 非常 很 更 最 所 让 给 说 吗 呢 吧 啊 嗯 哦 么 什么 怎么 一 个 "
    )
)
# Words in CEDICT glosses that render nothing by themselves.
_GLOSS_STOP = frozenset(
    _split(
        "a an the to of in on at by for with from and or as is be sb sth one's oneself it its (of "
        "up out off into over also etc used particle indicating classifier see variant abbr kangxi "
        "radical surname old also pr lit fig "
    )
)
_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class WordSignal:
    """One content word of the source and what the signals say about it."""

    word: str
    start: int
    end: int
    sense: str
    """CC-CEDICT's first gloss ("" if CEDICT lacks the word)."""
    covered: bool
    """Some English word of a dictionary sense (or the word's own digits/Latin) is in the English."""
    gain: float | None = None
    """log p(word | the English) − log p(word | no English), in nats, summed over its tokens; None: not
    scored (the model was not asked)."""
    logprob: float | None = None
    """log p(word | the English): how surprising the word still is once the English is known."""


@dataclass
class FaithfulnessResult:
    """Signals for one (source, English) pair and the findings they add up to."""

    words: list[WordSignal] = field(default_factory=list)
    score: float = 0.0
    """Higher = less likely faithful: the worst uncovered word's shortfall below the gain threshold."""
    findings: list[Finding] = field(default_factory=list)
    calls: int = 0
    """Forward passes spent (0: the cheap signal was sure, or there was no model)."""
    tokens: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Thresholds:
    """When a sentence is flagged and which words are named. Calibrated on the development set's
    calibration sample (``bench/bench_faithfulness.py --part 0``; docs/benchmarks.md#faithfulness), never on
    single sentences; the report figures come from a disjoint sample (``--part 1``)."""

    sentence: float = 0.8
    """Flag a sentence when its content words, scored as the translation of the English, cost more than
    this many nats per source character (the default model; ``for_model`` has the small one's)."""
    name_gain: float = 1.0
    """Name the content words whose gain is below this (lowest first, at most ``max_named``)."""
    mistranslation_gain: float = -5.0
    """A named word the English makes far *less* likely than no English at all is called a mistranslation
    (the English says something else), otherwise an omission (it says nothing for it). A hint, not
    calibrated: a word left out can lose a few nats too (海外 -4 when "overseas" is dropped)."""
    max_named: int = 3


DEFAULT_THRESHOLDS = Thresholds()
_BY_MODEL = {"small": Thresholds(sentence=1.2)}
"""The 0.5B model is less sure of any text: its calibrated sentence threshold is higher."""


def for_model(model_id: str | None) -> Thresholds:
    """The calibrated thresholds of a packaged model; the default model's for any other."""
    return _BY_MODEL.get(model_id or "", DEFAULT_THRESHOLDS)


MAX_SOURCE_CHARS = 1000
"""A longer source (``check``'s whole-text fallback) is not scored: with its English it could overrun the
model's context, and a word's gain over a whole article says little about one sentence."""


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return Segmenter()


_SUFFIXES = (
    "ations", "ation", "ities", "ity", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er",
    "ern", "ed", "es", "ly", "al", "s", "e", "y",
)  # fmt: skip


def stem(word: str) -> str:
    """A crude English stem, the same for "equal", "equality", "equally": suffixes stripped twice."""
    w = word.lower()
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
    return w


def _english_stems(english: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(english)}


def gloss_words(word: str) -> set[str]:
    """The English words of ``word``'s CC-CEDICT senses (lower case, no "sb", "to" and the like)."""
    out: set[str] = set()
    for s in cedict.senses(word):
        for g in s.glosses:
            g = re.sub(r"\[[^\]]*\]|\([^)]*\)|CL:.*", " ", g)
            out |= {w.lower() for w in _WORD.findall(g) if w.lower() not in _GLOSS_STOP and len(w) > 1}
    return out


def _covered(word: str, stems: set[str]) -> bool:
    latin = _WORD.findall(word)
    if latin and all(stem(w) in stems for w in latin):
        return True
    glosses = gloss_words(word)
    if any(stem(g) in stems for g in glosses):
        return True
    # A compound CEDICT lacks (or glosses otherwise): each of its characters' senses may be rendered.
    if len(word) > 1 and not glosses:
        return all(_covered(ch, stems) for ch in word if has_han(ch))
    return False


def content_words(source: str) -> list[tuple[str, int, int]]:
    """The jieba words of ``source`` that carry content (Han, not a particle, pronoun or the like)."""
    out = []
    for t in _segmenter().pos_tokens(source):
        if not has_han(t.text) or t.text in _FUNCTION_WORDS:
            continue
        if t.pos and (t.pos in _FUNCTION_TAGS or t.pos[:1] in ("u", "p", "c", "y", "e", "x", "w")):
            continue
        out.append((t.text, t.start, t.end))
    return out


def dictionary_signals(source: str, english: str) -> list[WordSignal]:
    """The cheap signal: each content word, its first sense, whether a sense of it is in the English."""
    stems = _english_stems(english)
    return [
        WordSignal(w, s, e, cedict.gloss(w), _covered(w, stems))
        for w, s, e in content_words(source)
        if not _WORD.fullmatch(w)
    ]


def _messages(english: str | None) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": english if english is not None else _NO_ENGLISH},
    ]


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d.,]*")
_EN_STOP = frozenset(
    _split(
        "a an the of to in on at by for with from and or but as is are was were be been being it its this "
        "that these those he she they we you i his her their our your my me him them us not no do does did "
        "have has had will would can could should may might must which who whom what when where how than "
        "then so if there here also very just about into over up out more most some any all such"
    )
)


def _reverse_messages(source: str | None) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": "You translate Chinese into English. Answer with the English only."},
        {"role": "user", "content": source if source is not None else "(The Chinese is not shown.)"},
    ]


def _word_logprobs(
    offsets: Sequence[int], logprobs: Sequence[float], n: int, spans: Sequence[tuple[int, int]]
) -> tuple[list[float], list[int]]:
    """Sum the token log-probabilities over each (start, end) span, and count its tokens: a token belongs
    to the first span it overlaps (a token across a word boundary counts for the word it starts in, and a
    word whose characters all sit in an earlier word's token gets none)."""
    sums = [0.0] * len(spans)
    counts = [0] * len(spans)
    ends = [*list(offsets[1:]), n]
    for off, end, lp in zip(offsets, ends, logprobs, strict=True):
        for i, (s, e) in enumerate(spans):
            if s <= off < e or (off < s < end):
                sums[i] += lp
                counts[i] += 1
                break
    return sums, counts


def can_score(engine: object) -> bool:
    """Whether ``engine`` implements ``score`` (llama.cpp does; a stand-in or a seq2seq model may not)."""
    from toolkit.engines.base import Engine  # lazy: keeps this module light for model-free checks

    method = getattr(type(engine), "score", None)
    return callable(method) and method is not Engine.score


class Scorer:
    """The model signal over an engine that can score (``Engine.score``), with the no-English pass kept
    per source (two Englishes of one source, a draft and its retry, pay for it once)."""

    def __init__(self, engine: Engine, thresholds: Thresholds | None = None) -> None:
        self.engine = engine
        self.thresholds = thresholds or for_model(getattr(engine, "model_id", None))
        self._base: dict[str, tuple[list[int], list[float], int]] = {}
        # The conditional pass per (source, English): the pipelines check one English several times
        # (draft, repair trial, final), and a repeated check must not cost another pass.
        self._cond: dict[tuple[str, str], tuple[list[int], list[float]]] = {}
        self.calls = 0
        self.tokens = 0
        self.seconds = 0.0

    def english_gains(self, source: str, english: str) -> list[tuple[str, float]]:
        """The other direction, per English content word: log p(word | the source) − log p(word | no
        source). Two more passes per pair (nothing to keep between sentences): measured by the bench, not
        spent by the pipelines."""
        spans = [
            (m.start(), m.end()) for m in _EN_WORD.finditer(english) if m.group().lower() not in _EN_STOP
        ]
        if not spans:
            return []
        out = []
        for prompt in (source, None):
            s = self.engine.score(_reverse_messages(prompt), english)
            self.calls += 1
            self.tokens += s.prompt_evaluated
            self.seconds += s.seconds
            out.append(_word_logprobs(s.offsets, s.logprobs, len(english), spans)[0])
        return [(english[a:b], c - b0) for (a, b), c, b0 in zip(spans, out[0], out[1], strict=True)]

    def _score(self, english: str | None, source: str) -> tuple[list[int], list[float]]:
        s = self.engine.score(_messages(english), source)
        self.calls += 1
        self.tokens += s.prompt_evaluated
        self.seconds += s.seconds
        return s.offsets, s.logprobs

    def conditional(
        self, source: str, english: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[list[float], list[int]]:
        """Per span of ``source``: log p(span | the English), and how many tokens it has."""
        if (source, english) not in self._cond:
            if len(self._cond) > 256:
                self._cond.clear()
            self._cond[(source, english)] = self._score(english, source)
        off, lp = self._cond[(source, english)]
        return _word_logprobs(off, lp, len(source), spans)

    def unconditional(self, source: str, spans: Sequence[tuple[int, int]]) -> list[float]:
        """Per span of ``source``: log p(span | no English), kept per source."""
        if source not in self._base:
            if len(self._base) > 256:
                self._base.clear()
            off, lp = self._score(None, source)
            self._base[source] = (off, lp, 0)
        boff, blp, _ = self._base[source]
        return _word_logprobs(boff, blp, len(source), spans)[0]


def check_faithfulness(
    source: str,
    english: str,
    scorer: Scorer | None = None,
    *,
    thresholds: Thresholds | None = None,
    always_score: bool = False,
    known: Sequence[str] = (),
) -> FaithfulnessResult:
    """Omissions and mistranslations of ``english`` against ``source`` (one sentence or line).

    Without a ``scorer`` only the dictionary signal runs and nothing is reported (it is not enough to
    decide alone). With one, the model scores the source only when some content word is uncovered
    (``always_score``: every time, for measuring). ``known``: source strings whose English the other
    checks already confirm (a pinned term, name or amount the English uses): their words are not scored
    or named, so "Kunlun Tech" for 昆仑万维 does not leave 万维 unexplained.
    """
    th = thresholds or (scorer.thresholds if scorer else DEFAULT_THRESHOLDS)
    res = FaithfulnessResult(words=dictionary_signals(source, english))
    if known:
        taken = [(m.start(), m.end()) for k in known if k for m in re.finditer(re.escape(k), source)]
        res.words = [w for w in res.words if not any(a < w.end and w.start < b for a, b in taken)]
    if scorer is None or not english.strip() or not res.words or len(source) > MAX_SOURCE_CHARS:
        return res
    if not always_score and all(w.covered for w in res.words):
        return res
    calls, tokens, seconds = scorer.calls, scorer.tokens, scorer.seconds
    spans = [(w.start, w.end) for w in res.words]
    conds, counts = scorer.conditional(source, english, spans)
    # The sentence score: what the English leaves unexplained of the source's content, per character (a
    # sum alone would flag long sentences for their length).
    res.score = -sum(conds) / max(1, len(source))
    flagged = res.score > th.sentence
    gains: list[float | None] = [None] * len(spans)
    if flagged or always_score:
        # Only now the no-English pass: it names the words (a word the English explains gains much).
        base = scorer.unconditional(source, spans)
        gains = [c - b if n else None for c, b, n in zip(conds, base, counts, strict=True)]
    res.calls, res.tokens = scorer.calls - calls, scorer.tokens - tokens
    res.seconds = scorer.seconds - seconds
    res.words = [
        WordSignal(w.word, w.start, w.end, w.sense, w.covered, g, c if n else None)
        for w, g, c, n in zip(res.words, gains, conds, counts, strict=True)
    ]
    if flagged:
        res.findings = [_finding(w, th) for w in name_words(res.words, th)]
    return res


def name_words(words: Sequence[WordSignal], th: Thresholds = DEFAULT_THRESHOLDS) -> list[WordSignal]:
    """The words a flagged sentence names: lowest gain first, below ``name_gain``, those no dictionary
    sense covers before those it does; the lowest-gain word if none is below (a flagged sentence always
    names one)."""
    scored = [w for w in words if w.gain is not None]
    low = sorted((w for w in scored if w.gain < th.name_gain), key=lambda w: (w.covered, w.gain))
    if not low and scored:
        low = [min(scored, key=lambda w: w.gain)]  # type: ignore[arg-type, return-value]
    return low[: th.max_named]


def _finding(w: WordSignal, th: Thresholds) -> Finding:
    sense = f" ({w.sense})" if w.sense else ""
    assert w.gain is not None
    if w.gain < th.mistranslation_gain:
        kind, detail = "mistranslation", f"{w.word}{sense} is not what the English says"
    else:
        kind, detail = "omission", f"{w.word}{sense} not rendered"
    return Finding(
        detail, kind=kind, english="", source=w.word, detail=detail, sense=w.sense, gain=round(w.gain, 2)
    )
