"""Faithfulness: does the English say what the Chinese says? Omissions and mistranslations, flagged by word.

The one code path for ``zhbrief check --faithfulness`` and the pipelines (``check_segment(..., scorer=)``).
Two signals, per jieba content word of the source:

- **dictionary coverage** (cheap, no model): some English word of one of the word's CC-CEDICT senses
  appears in the English. Measured alone it says little (the English paraphrases; a gloss lists one
  rendering of many), so it never flags by itself: it decides where the model is spent and names the sense;
- **explanation gain** (the local model, force-decoding, no generation): the source is scored as the
  Chinese translation *of the English* and again with no English given; a word the English explains
  becomes far more probable (a gain of several nats), a word the English does not say gains little.
  A content word with a low gain and no dictionary cover is a candidate omission (the English gives
  nothing for it) or mistranslation (the English gives something the word does not mean).

Thresholds come from the development set (``bench/bench_faithfulness.py``, docs/check.md), not from
single sentences. What this cannot see: an addition the source has no word for (nothing to score), a
wrong word the model finds as plausible as the right one, and anything in a sentence the model cannot read.
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
    """Calibrated on the development set (docs/check.md#faithfulness): a content word is reported when
    its gain is below ``word_gain`` nats and no dictionary sense of it is in the English; a sentence is
    only scored by the model when some content word is uncovered."""

    word_gain: float = 1.0
    mistranslation_gain: float = -0.5
    """Below this the English makes the word *less* likely than no English at all: it says something
    else (mistranslation) rather than nothing (omission)."""


DEFAULT_THRESHOLDS = Thresholds()

MAX_SOURCE_CHARS = 1000
"""A longer source (``check``'s whole-text fallback) is not scored: with its English it could overrun the
model's context, and a word's gain over a whole article says little about one sentence."""


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return Segmenter()


_SUFFIXES = (
    "ations", "ation", "ities", "ity", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er",
    "ed", "es", "ly", "al", "s", "e", "y",
)  # fmt: skip


def _stem(word: str) -> str:
    """A crude English stem, the same for "equal", "equality", "equally": suffixes stripped twice."""
    w = word.lower()
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
    return w


def _english_stems(english: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(english)}


def _gloss_words(word: str) -> set[str]:
    out: set[str] = set()
    for s in cedict.senses(word):
        for g in s.glosses:
            g = re.sub(r"\[[^\]]*\]|\([^)]*\)|CL:.*", " ", g)
            out |= {w.lower() for w in _WORD.findall(g) if w.lower() not in _GLOSS_STOP and len(w) > 1}
    return out


def _covered(word: str, stems: set[str]) -> bool:
    latin = _WORD.findall(word)
    if latin and all(_stem(w) in stems for w in latin):
        return True
    glosses = _gloss_words(word)
    if any(_stem(g) in stems for g in glosses):
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


def _word_logprobs(offsets: Sequence[int], logprobs: Sequence[float], n: int, spans) -> list[float]:
    """Sum the token log-probabilities over each (start, end) span; a token belongs to the span its first
    character is in (a token across a word boundary counts for the word it starts in)."""
    sums = [0.0] * len(spans)
    ends = [*list(offsets[1:]), n]
    for off, end, lp in zip(offsets, ends, logprobs, strict=True):
        for i, (s, e) in enumerate(spans):
            if s <= off < e or (off < s < end):
                sums[i] += lp
                break
    return sums


def can_score(engine: object) -> bool:
    """Whether ``engine`` implements ``score`` (llama.cpp does; a stand-in or a seq2seq model may not)."""
    from toolkit.engines.base import Engine  # lazy: keeps this module light for model-free checks

    method = getattr(type(engine), "score", None)
    return callable(method) and method is not Engine.score


class Scorer:
    """The model signal over an engine that can score (``Engine.score``), with the no-English pass kept
    per source (two Englishes of one source, a draft and its retry, pay for it once)."""

    def __init__(self, engine: Engine, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        self.engine = engine
        self.thresholds = thresholds
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
            out.append(_word_logprobs(s.offsets, s.logprobs, len(english), spans))
        return [(english[a:b], c - b0) for (a, b), c, b0 in zip(spans, out[0], out[1], strict=True)]

    def _score(self, english: str | None, source: str) -> tuple[list[int], list[float]]:
        s = self.engine.score(_messages(english), source)
        self.calls += 1
        self.tokens += s.prompt_evaluated
        self.seconds += s.seconds
        return s.offsets, s.logprobs

    def gains(
        self, source: str, english: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[list[float], list[float]]:
        """Per span of ``source``: (log p(span | English) − log p(span | no English), log p(span | English))."""
        if source not in self._base:
            if len(self._base) > 256:
                self._base.clear()
            off, lp = self._score(None, source)
            self._base[source] = (off, lp, 0)
        boff, blp, _ = self._base[source]
        if (source, english) not in self._cond:
            if len(self._cond) > 256:
                self._cond.clear()
            self._cond[(source, english)] = self._score(english, source)
        coff, clp = self._cond[(source, english)]
        base = _word_logprobs(boff, blp, len(source), spans)
        cond = _word_logprobs(coff, clp, len(source), spans)
        return [c - b for c, b in zip(cond, base, strict=True)], cond


def check_faithfulness(
    source: str,
    english: str,
    scorer: Scorer | None = None,
    *,
    thresholds: Thresholds | None = None,
    always_score: bool = False,
) -> FaithfulnessResult:
    """Omissions and mistranslations of ``english`` against ``source`` (one sentence or line).

    Without a ``scorer`` only the dictionary signal runs and nothing is reported (it is not enough to
    decide alone). With one, the model scores the source only when some content word is uncovered
    (``always_score``: every time, for measuring).
    """
    th = thresholds or (scorer.thresholds if scorer else DEFAULT_THRESHOLDS)
    res = FaithfulnessResult(words=dictionary_signals(source, english))
    if scorer is None or not english.strip() or not res.words or len(source) > MAX_SOURCE_CHARS:
        return res
    if not always_score and all(w.covered for w in res.words):
        return res
    calls, tokens, seconds = scorer.calls, scorer.tokens, scorer.seconds
    gains, conds = scorer.gains(source, english, [(w.start, w.end) for w in res.words])
    res.calls, res.tokens = scorer.calls - calls, scorer.tokens - tokens
    res.seconds = scorer.seconds - seconds
    res.words = [
        WordSignal(w.word, w.start, w.end, w.sense, w.covered, g, c)
        for w, g, c in zip(res.words, gains, conds, strict=True)
    ]
    worst = 0.0
    for w in res.words:
        if w.covered or w.gain is None:
            continue
        worst = max(worst, th.word_gain - w.gain)
        if w.gain < th.word_gain:
            res.findings.append(_finding(w, th))
    res.score = worst
    return res


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
