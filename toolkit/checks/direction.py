"""The right words with the direction turned round: a fall read as a rise, a gap widened read as narrowed,
"easily hit" read as "hard to hit".

Three rules, each narrow on purpose (fluent English says a change in many ways; each rule speaks only where
the source and the English line up word for word):

- ``reversed_falls``: a figure the source states as a fall, given as a rise;
- ``reversed_changes``: a change verb (扩大, 降低 …) whose object's English is governed by the opposite verb;
- ``reversed_ease``: 易/容易 ("easily", "prone to") written as "difficult".

``reversed_falls``: 亏损14.48亿元 ("a loss of RMB 1.448 billion") as "net profit … RMB 1.448 billion".

The amount check matches a figure by its value, so the seed's "the company expects full-year net profit
… between RMB 1.448–2.048 billion" for 扣非后净利润亏损14.48亿元至20.48亿元 passed: every figure right, the
sign wrong. An analyst reads it as a profit.

The rule is narrow on purpose. The source must state a figure as a fall (下降, 减少, 下滑, 下跌, 回落, 缩减, 亏损
… directly before the figure: 同比下降5%, 亏损15.95亿元) and say nothing of a rise (增长, 上升, 盈利 …) anywhere,
so a sentence that weighs both is left alone. The English clause that carries the figure (the amount check
says where it is) must then speak of a rise (increase, rise, growth, profit, up …) and of no fall in any
words (decline, drop, down, loss, lower, cut, less, negative, not …). A fall without a figure (降低门槛
"lower the bar", 减少排放) is not read: English says those many ways. The development data has one source
line that states a figure as a fall, and its English keeps it; the rule is from the seed's sentence and
flags no human dev translation nor any MQM TED one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.annotate import cedict
from toolkit.checks.faithfulness import gloss_words, stem
from toolkit.checks.polarity import NEGATIONS
from toolkit.quantities import FidelityReport, check_fidelity
from toolkit.segment import Segmenter, Token

__all__ = [
    "CHANGE_DOWN",
    "CHANGE_UP",
    "Reversal",
    "reversed_changes",
    "reversed_ease",
    "reversed_falls",
    "reversed_rises",
]

_FIGURE = r"[0-9０-９.．一二三四五六七八九十两百千万亿]"
_FALL_FIGURE = re.compile(
    rf"(?P<word>下降|减少|下滑|降低|下跌|回落|缩减|萎缩|亏损|净亏|跌)"
    rf"(?:了|至|到|为|幅度为?|达|约|近|超过?|逾)?\s*{_FIGURE}"
)
_RISE_FIGURE = re.compile(
    rf"(?P<word>增长|上升|提高|增加|上涨|提升|攀升|扩大|增至|升至|增|涨)"
    rf"(?:了|至|到|为|幅度为?|达|约|近|超过?|逾)?\s*{_FIGURE}"
)
_FALL_ZH = re.compile(r"下降|减少|下滑|降低|下跌|回落|缩减|萎缩|缩小|亏损|净亏|跌|减|降")
_RISE_ZH = re.compile(r"增长|上升|提高|增加|上涨|提升|攀升|增幅|涨幅|扩大|增至|升至|盈利|扭亏|涨|增")
_RISE_EN = re.compile(
    r"\b(?:increas\w*|ris(?:e|es|ing|en)|rose|grow\w*|grew|up|higher|rais\w*|gain\w*|climb\w*|surg\w*|"
    r"soar\w*|jump\w*|boost\w*|expand\w*|profit\w*|hike\w*|doubl\w*|tripl\w*|rebound\w*)\b",
    re.IGNORECASE,
)
_FALL_EN = re.compile(
    r"\b(?:decreas\w*|declin\w*|drop\w*|fall\w*|fell|down\w*|lower\w*|reduc\w*|cut\w*|shr[iu]nk\w*|shrank|"
    r"slump\w*|slid\w*|slide\w*|dip\w*|contract\w*|less|fewer|plung\w*|tumbl\w*|lost|los[es]\w*|losing|"
    r"negative|minus|sank|sink\w*|weak\w*|narrow\w*|deficit\w*|slow\w*|eas(?:e|ed|es|ing)|below|under\w*|"
    r"red|shortfall\w*|unprofitable|not|no)\b|n't\b",
    re.IGNORECASE,
)


def reversed_falls(source: str, english: str, report: FidelityReport | None = None) -> list[tuple[str, str]]:
    """(the source's fall word, the English's rise word) for each figure the source states as a fall (亏损,
    下降) where the English clause that carries the figure speaks only of a rise ("profit"). Empty when the
    source also speaks of a rise anywhere. ``report``: the fidelity report of this English, where the
    caller has it already."""
    return _turned_figures(source, english, report, _FALL_FIGURE, _RISE_ZH, _RISE_EN, (_FALL_EN,))


# A fall said outright: "not", "less", "under" and the like also qualify a rise ("not less than"), so only
# these turn a rise round.
_FALL_OUTRIGHT = re.compile(
    r"\b(?:decreas\w*|declin\w*|drop\w*|fall\w*|fell|lower\w*|reduc\w*|cut\w*|shr[iu]nk\w*|shrank|"
    r"slump\w*|slid\w*|dip\w*|contract\w*|plung\w*|tumbl\w*|sank|sink\w*|loss\w*)\b",
    re.IGNORECASE,
)


def reversed_rises(source: str, english: str, report: FidelityReport | None = None) -> list[tuple[str, str]]:
    """The mirror of ``reversed_falls``: (the source's rise word, the English's fall word) for each figure
    the source states as a rise (同比增长6%) where the English clause that carries the figure says outright
    that it fell ("a decrease of 6%") and speaks of no rise and no "not". Empty when the source also speaks
    of a fall anywhere."""
    return _turned_figures(
        source, english, report, _RISE_FIGURE, _FALL_ZH, _FALL_OUTRIGHT, (_RISE_EN, _NOT_EN_ANY)
    )


def _turned_figures(
    source: str,
    english: str,
    report: FidelityReport | None,
    stated: re.Pattern[str],
    contrary: re.Pattern[str],
    turned: re.Pattern[str],
    kept: tuple[re.Pattern[str], ...],
) -> list[tuple[str, str]]:
    """(the source's word, the English's) for each figure the source states one way (``stated``, with no
    ``contrary`` word anywhere) whose English clause says the other (``turned``) and nothing of ``kept``."""
    marks = list(stated.finditer(source))
    if not marks or contrary.search(source):
        return []
    out: list[tuple[str, str]] = []
    for m, clause in _figure_clauses(source, english, report, marks):
        clause = _LIE_IN.sub(" ", clause)
        said = turned.search(clause)
        if said and not any(k.search(clause) for k in kept):
            out.append((m.group("word"), said.group()))
    return list(dict.fromkeys(out))


# "Fall between" is "lie between", no fall: the seed's retry wrote 净利润亏损14.48亿元至20.48亿元 as "net profit
# … to fall between RMB 1.448–2.048 billion", a profit in the range to a reader.
_LIE_IN = re.compile(
    r"\b(?:fall|falls|falling|fell)\s+(?:between|within|in(?:to)?\s+(?:the|a)\s+range)\b", re.I
)
_CLAUSE_START = re.compile(r"[,;:!?()—–]")
_CLAUSE_END = re.compile(r"[,;:!?()—–]|\.(?:\s|$)")


def _figure_clauses(
    source: str, english: str, report: FidelityReport | None, marks: list[re.Match[str]]
) -> list[tuple[re.Match[str], str]]:
    """(mark, the English clause that carries its figure) for each mark (a change word and its figure)
    whose figure the amount check matched in the English (the first matched source figure inside the
    mark). The clause runs from the break before the figure (a comma or the like, not a full stop: the
    change word may open the sentence) to the break after it. Sorted once and bisected: a long text with
    many figures stays linear."""
    fr = report if report is not None else check_fidelity(source, english)
    matched = sorted(fr.matched, key=lambda pair: pair[0].start)
    starts = [q.start for q, _ in matched]
    opens = [m.start() for m in _CLAUSE_START.finditer(english)]
    closes = [m.start() for m in _CLAUSE_END.finditer(english)]
    out = []
    for m in marks:
        i = bisect.bisect_left(starts, m.start())
        if i == len(starts) or starts[i] > m.end():
            continue
        e = matched[i][1]
        o = bisect.bisect_left(opens, e.start)
        c = bisect.bisect_left(closes, e.end)
        cut = opens[o - 1] + 1 if o else 0
        out.append((m, english[cut : closes[c] if c < len(closes) else len(english)]))
    return out


@dataclass(frozen=True)
class Reversal:
    """A source word stated one way and its English the other: ``zh`` (扩大, ``sense`` "to expand") acting on
    ``noun`` (差距, empty where no noun is read), the English ``said`` ("narrowing") next to ``rendering``
    ("gap")."""

    zh: str
    said: str
    sense: str
    noun: str = ""
    rendering: str = ""


# Change verbs by direction: each says more (or less) of whatever noun it acts on. The English of each
# direction is a closed list of verbs and comparatives; "up" and other particles are left out (they go
# with either: "take up", "cut up").
CHANGE_UP = frozenset(
    [
        "扩大",
        "增加",
        "增长",
        "提高",
        "上升",
        "加大",
        "增强",
        "扩张",
        "上涨",
        "提升",
        "攀升",
        "加强",
        "拉大",
        "加剧",
        "放大",
        "增多",
        "升高",
        "增大",
        "扩充",
        "扩展",
        "延长",
        "加快",
        "加速",
        "强化",
    ]
)
CHANGE_DOWN = frozenset(
    [
        "缩小",
        "减少",
        "下降",
        "降低",
        "减弱",
        "收窄",
        "缩减",
        "削弱",
        "下跌",
        "减小",
        "缩短",
        "减缓",
        "减轻",
        "下滑",
        "回落",
        "萎缩",
        "放缓",
        "压缩",
        "弱化",
    ]
)
_UP_EN = re.compile(
    r"(?:widen|expand|increas|enlarg|grow|grew|rise|rising|risen|rose|rais|boost|strength|intensif|heighten|"
    r"enhanc|escalat|broaden|higher|greater|larger|bigger|wider|gain|climb|surg|soar|jump|improv|mount|"
    r"extend|accelerat|lengthen|amplif)[a-z]*",
    re.IGNORECASE,
)
_DOWN_EN = re.compile(
    r"(?:narrow|shrink|shrank|shrunk|reduc|decreas|lower|weaken|diminish|declin|drop|fall|fell|cut|lessen|"
    r"shorten|alleviat|mitigat|curb|less|fewer|smaller|slow|contract|compress|worsen|deteriorat)[a-z]*",
    re.IGNORECASE,
)
_NOT_EN = re.compile(r"(?:not|no|never|without|nor|cannot|fail[a-z]*|[a-z]*n['’]t)", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_BREAK_ZH = re.compile(r"[，。；！？,;!?：:、—\n]")
_BREAK_EN = re.compile(r"[.,;:!?()—–]")
_OBJECT_TOKENS = 6
_NAME_TAGS = ("nr", "ns", "nt", "nz")
_WINDOW = 3
"""English words between a change verb and its noun's rendering: "narrowing the gap", "widen the wealth gap"."""


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return Segmenter()


@functools.lru_cache(maxsize=64)
def _tokens(source: str) -> tuple[Token, ...]:
    """The source's jieba words with their tags, once for both rules that read them (``check_segment``
    runs both on the same sentence)."""
    return tuple(_segmenter().pos_tokens(source))


def _common_noun(t: Token) -> bool:
    return (t.pos.startswith("n") and t.pos not in _NAME_TAGS) or t.pos == "vn"


def _change(word: str) -> tuple[str, bool] | None:
    """(the change verb, True for up) for 扩大 (up) or 降低 (down), None for neither. jieba glues some to
    their adverb or noun (大幅提高, 加强监督, 市场萎缩): a word of three or more characters that starts or ends
    with one counts as it."""
    for verbs, up in ((CHANGE_UP, True), (CHANGE_DOWN, False)):
        if word in verbs:
            return word, up
    if len(word) >= 3:
        for verbs, up in ((CHANGE_UP, True), (CHANGE_DOWN, False)):
            for v in verbs:
                if word.startswith(v) or word.endswith(v):
                    return v, up
    return None


@functools.lru_cache(maxsize=4096)
def _senses(noun: str) -> frozenset[str]:
    """Stems of the noun's CC-CEDICT senses; a compound CC-CEDICT lacks (党的领导) is read by its longest
    known tail (领导 "leadership")."""
    for i in range(len(noun) - 1):
        found = frozenset(stem(g) for g in gloss_words(noun[i:]) if len(g) > 2)
        if found:
            return found
    return frozenset()


def _near(english: str, words: list[tuple[str, int, int]], k: int, step: int) -> list[str]:
    """Up to ``_WINDOW`` English words on one side of ``words[k]`` (step -1 before, +1 after), stopping at
    a clause break: a verb beyond a comma governs something else."""
    out: list[str] = []
    edge = words[k]
    i = k + step
    while 0 <= i < len(words) and len(out) < _WINDOW:
        lo, hi = sorted((edge, words[i]), key=lambda w: w[1])
        if _BREAK_EN.search(english, lo[2], hi[1]):
            break
        out.append(words[i][0])
        edge = words[i]
        i += step
    return out


def _clauses(tokens: Sequence[Token]) -> list[int]:
    """Each token's clause number: a token with a clause break (，。；…) in it ends one."""
    out, n = [], 0
    for t in tokens:
        out.append(n)
        if _BREAK_ZH.search(t.text):
            n += 1
    return out


def reversed_changes(source: str, english: str) -> list[Reversal]:
    """Each change verb of the source (扩大, 降低 …) whose noun's English has a change word of the other
    direction beside it ("narrowing the gap" for 扩大…差距), and none of its own direction nor a "not".

    Narrow on purpose: a source that changes things both ways (降低成本，提高效率) is not read, since English
    reorders clauses freely; the verb's clause must not negate; the nouns are the common nouns of the verb's
    clause after it (its object and what qualifies it) and the one before it (差距扩大); the English words
    beside a noun's rendering are read up to a clause break."""
    tokens = _tokens(source)
    changes = [_change(t.text) for t in tokens]
    if not any(changes) or len({c[1] for c in changes if c}) > 1:
        return []
    clause = _clauses(tokens)
    negated = {clause[i] for i, t in enumerate(tokens) if t.text in NEGATIONS}
    words = [(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(english)]
    where: dict[str, list[int]] = {}  # English word stem -> its positions, so each noun is one lookup
    for k, (w, _, _) in enumerate(words):
        where.setdefault(stem(w.lower()), []).append(k)
    out: list[Reversal] = []
    seen: dict[tuple[str, bool], list[tuple[str, str]]] = {}
    for j, t in enumerate(tokens):
        change = changes[j]
        if change is None or clause[j] in negated:
            continue
        verb, up = change
        nouns = [
            x.text
            for i, x in enumerate(tokens[j + 1 : j + 1 + _OBJECT_TOKENS], j + 1)
            if clause[i] == clause[j] and _common_noun(x)
        ]
        if j and clause[j - 1] == clause[j] and _common_noun(tokens[j - 1]):
            nouns.append(tokens[j - 1].text)
        sense = cedict.gloss(verb) or ("more" if up else "less")
        for noun in dict.fromkeys(nouns):
            if (noun, up) not in seen:  # the English beside a noun is read once, however often it recurs
                seen[noun, up] = _turned(
                    english, words, sorted(k for st in _senses(noun) for k in where.get(st, ())), up
                )
            out += [Reversal(t.text, said, sense, noun, rendering) for said, rendering in seen[noun, up]]
    return list(dict.fromkeys(out))


def _turned(
    english: str, words: list[tuple[str, int, int]], places: list[int], up: bool
) -> list[tuple[str, str]]:
    """(the change word, the noun's rendering) for each rendering at ``places`` with a change word of the
    other direction beside it, and none of its own direction nor a "not"."""
    same, other = (_UP_EN, _DOWN_EN) if up else (_DOWN_EN, _UP_EN)
    out = []
    for k in places:
        for step in (-1, 1):
            near = _near(english, words, k, step)
            turned = [w for w in near if other.fullmatch(w)]
            if turned and not any(same.fullmatch(w) or _NOT_EN.fullmatch(w) for w in near):
                out.append((turned[0], words[k][0]))
    return list(dict.fromkeys(out))


_EASY_ZH = frozenset(["容易", "易", "极易", "轻易", "易于", "较易", "很易", "更易", "最易"])
_HARD_ZH = frozenset(
    [
        "难",
        "困难",
        "难以",
        "艰难",
        "很难",
        "较难",
        "更难",
        "极难",
        "难度",
        "不易",
        "难于",
        "挑战",
        "艰巨",
        "吃力",
    ]
)
_EASY_EN = re.compile(
    r"\b(?:eas(?:y|ily|ier|iest)|prone|susceptib\w*|vulnerab\w*|likely|readily|liable|exposed)\b", re.I
)
_HARD_EN = re.compile(r"\b(?:difficult\w*|hard|harder|hardest|unlikely|struggl\w*|tough\w*)\b", re.I)
_NOT_EN_ANY = re.compile(r"\b(?:not|no|never|without|nor|cannot)\b|n['’]t\b", re.I)


def reversed_ease(source: str, english: str) -> list[Reversal]:
    """易/容易/极易 ("easily", "prone to") where the English says "difficult" or "hard" and nothing easy. The
    sentence must say nothing hard (难, 困难, 挑战 …) nor negate, in either language; an English "hard" that
    renders another word of the source (挑战 "challenge", 硬 "hard") is that word's."""
    words = {t.text for t in _tokens(source)}
    easy = sorted(words & _EASY_ZH)
    if not easy or words & (_HARD_ZH | NEGATIONS) or _NOT_EN_ANY.search(english) or _EASY_EN.search(english):
        return []
    said = _HARD_EN.search(english)
    if not said:
        return []
    st = stem(said.group().lower())
    if any(st in {stem(g) for g in gloss_words(w)} for w in words):
        return []
    return [Reversal(easy[0], said.group(), "easily, prone to")]
