"""What counts as Chinese, for the whole package: one home for the two character classes zhbrief needs.

- **Han** (ideographs: unified, extension A, compatibility) says whether text *is* Chinese: an article worth
  reading, a line worth translating, an empty translation of something that had content.
- **CJK** (Han plus CJK punctuation, kana, hangul, radicals, full-width forms, the supplementary ideograph
  planes) says what may not stand in English output: a leak. It is the set the engines' logits filter
  forbids, so the check that decides a retry and the quality block report the same thing — a draft with
  a full-width "，" fails both, not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""For building patterns: ``rf"[{HAN_CLASS}]{{2,6}}"``."""
HAN = re.compile(f"[{HAN_CLASS}]")

CJK_CLASS = (
    "\u2e80-\u2fff\u3000-\u9fff\ua000-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
CJK = re.compile(f"[{CJK_CLASS}]")
NAME_SEPARATORS = frozenset("·•‧・")
"""The middle dots that join the parts of a foreign name written in Chinese (阿里·优素福, Ali Yusuf)."""
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")


def has_han(text: str) -> bool:
    """True if ``text`` holds at least one Chinese ideograph."""
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    """How many Chinese ideographs ``text`` holds."""
    return len(HAN.findall(text))


def contains_cjk(text: str) -> bool:
    """True if ``text`` holds any CJK character (ideograph, CJK or full-width punctuation, kana, hangul)."""
    return CJK.search(text) is not None


def cjk_spans(text: str) -> list[str]:
    """The runs of CJK characters in ``text``: what leaked into an English output."""
    return _CJK_RUN.findall(text)


def find_leaks(english: str, allow: Iterable[str] = ()) -> list[str]:
    """The CJK runs in ``english`` once the do-not-translate terms in ``allow`` are taken out."""
    text = english
    for term in sorted({a for a in allow if a}, key=len, reverse=True):
        text = text.replace(term, " ")
    return cjk_spans(text)
