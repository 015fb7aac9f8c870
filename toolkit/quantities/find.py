"""Find quantity expressions in Chinese text: 1200万美元, 接近100万, 3-5亿, 百分之三十, 2025年前三季度.

Regex-based and exact: values are computed with ``Decimal`` (万 = 10^4, 亿 = 10^8, 万亿 = 10^12) and only
turned into floats at the end, where every figure this module can produce is still exact.

What is *not* a quantity here (on purpose): bare Arabic numbers with no multiplier, unit or
approximation (model names like V8, "Top10", "前100"); ordinals (第一); Chinese numerals below ten
used as words (三大梯队, 一家公司, 两年) unless they carry a currency or percent sign; 千万 as an adverb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.quantities.chinese_dates import _DATES, _date
from toolkit.quantities.model import Quantity
from toolkit.quantities.patterns import _BARE_MULT, _FOLD, _FRACTION, _PERCENT_CN, _TENTHS, _TOKEN, _VAGUE
from toolkit.quantities.tokenizer import (
    _bare_mult,
    _fraction,
    _merge_ranges,
    _percent_cn,
    _quantity_from,
    _tenths,
    _token,
    _vague,
)

if TYPE_CHECKING:
    from toolkit.article import Article


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, in order, non-overlapping; spans index ``text`` itself.

    Full-width digits and ％ are read as ASCII (the spans stay those of the input).
    """
    folded = text.translate(_FOLD)
    candidates: list[Quantity] = []
    for rx in _DATES:
        candidates.extend(_date(m) for m in rx.finditer(folded))
    for rx, make in ((_PERCENT_CN, _percent_cn), (_TENTHS, _tenths), (_FRACTION, _fraction)):
        for m in rx.finditer(folded):
            q = make(m)
            if q is not None:
                candidates.append(q)
    for m in _VAGUE.finditer(folded):
        candidates.append(_vague(m))
    for m in _BARE_MULT.finditer(folded):
        candidates.append(_bare_mult(m))
    toks = [t for t in (_token(m, folded) for m in _TOKEN.finditer(folded)) if t is not None]
    for t1, t2 in _merge_ranges(toks, folded):
        q = _quantity_from(t1, t2, folded)
        if q is not None:
            candidates.append(q)
    # Longest expression wins; earlier wins a tie (a date "2025年3月" over the bare "2025").
    candidates.sort(key=lambda q: (-(q.end - q.start), q.start))
    taken = bytearray(len(folded) + 1)
    chosen: list[Quantity] = []
    for q in candidates:
        if any(taken[q.start : q.end]):
            continue
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        q.source = text[q.start : q.end]
        chosen.append(q)
    chosen.sort(key=lambda q: q.start)
    return chosen


def quantities_in_article(article: Article) -> list[Quantity]:
    """``find_quantities`` over every sentence, each quantity tagged with its sentence id (§2¶3s1)."""
    out: list[Quantity] = []
    for s in article.sentences():
        for q in find_quantities(s.text):
            q.sentence_id = s.id
            out.append(q)
    return out
