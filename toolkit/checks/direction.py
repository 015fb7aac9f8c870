"""A fall read as a rise: 亏损14.48亿元 ("a loss of RMB 1.448 billion") as "net profit … RMB 1.448 billion".

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

import re

from toolkit.quantities import FidelityReport, check_fidelity

__all__ = ["reversed_falls"]

_FIGURE = r"[0-9０-９.．一二三四五六七八九十两百千万亿]"
_FALL_FIGURE = re.compile(
    rf"(?P<word>下降|减少|下滑|降低|下跌|回落|缩减|萎缩|亏损|净亏|跌)"
    rf"(?:了|至|到|为|幅度为?|达|约|近|超过?|逾)?\s*{_FIGURE}"
)
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
    falls = list(_FALL_FIGURE.finditer(source))
    if not falls or _RISE_ZH.search(source):
        return []
    fr = report if report is not None else check_fidelity(source, english)
    out: list[tuple[str, str]] = []
    for m in falls:
        for q, e in fr.matched:
            if m.start() <= q.start <= m.end():
                clause = _clause(english, e.start, e.end)
                rise = _RISE_EN.search(clause)
                if rise and not _FALL_EN.search(clause):
                    out.append((m.group("word"), rise.group()))
                break
    return list(dict.fromkeys(out))


def _clause(english: str, start: int, end: int) -> str:
    """The English from the clause break before a figure to the one after it."""
    before = english[:start]
    cut = max(before.rfind(c) for c in ",;:!?()—–")
    stop = re.search(r"[,;:!?()—–]|\.(?:\s|$)", english[end:])
    return english[cut + 1 : end + (stop.start() if stop else len(english) - end)]
