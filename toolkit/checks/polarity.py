"""A negation the English lost: the source says 非申根国家 ("non-Schengen countries") and the English says
"Schengen countries", with no negation anywhere in the sentence.

A reversed sentence reads as fluent English, keeps every term, name and figure, and says the opposite; no
other rule sees it. The rule is narrow on purpose: the source has a negating word (jieba's 不, 没有, 未, 无,
非, 无法, 尚未 …; not the words that merely start with one, 不断 "constantly", 非常 "very", 无论 "no matter",
nor an A-not-A question, 会不会 "will it"), and the English has no way of saying "not" at all (not, n't, no,
never, without, un-/non- words, -less, fail, lack, instead, only, few …). English that negates with another
word (不强 as "weak") passes when it uses any of those, and is flagged when it does not: on the 1,000 human
translations of the development news lines the rule flags 5 lines, two of them a negated phrase the
translator left out (docs/check.md).
"""

from __future__ import annotations

import re

from toolkit.checks.grounding.places import source_words

__all__ = ["NEGATIONS", "lost_negations"]

NEGATIONS = frozenset(
    [
        "不",
        "没",
        "没有",
        "未",
        "无",
        "非",
        "勿",
        "未能",
        "无法",
        "并非",
        "从未",
        "从不",
        "绝不",
        "决不",
        "毫无",
        "毫不",
        "不再",
        "不能",
        "不会",
        "不要",
        "不是",
        "不可",
        "不得",
        "尚未",
        "并未",
        "并不",
        "永不",
        "不用",
        "无须",
        "无需",
        "不必",
        "未曾",
        "没能",
        "不愿",
        "不肯",
        "不敢",
        "不宜",
        "不应",
        "不该",
        "未有",
        "绝非",
        "无从",
        "不致",
    ]
)
"""Words that negate what follows (jieba's segmentation of the source decides what is a word)."""

# un- words that are not negations (under, unit, union, unique, until …).
_UN_NOT = "der|it|io|iq|iv|til|to|veil|leash|anim|fold|load|lock|pack"
_EN_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|nobody|nowhere|neither|nor|without|cannot|less|lack\w*|fail\w*"
    r"|refus\w*|absen\w*|free|instead|rather|avoid\w*|prevent\w*|stop\w*|den(?:y|ies|ied)|reject\w*|yet"
    r"|only|little|few|fewer|hardly|barely|ban|bann\w*|prohibit\w*|forbid\w*|unless|zero|neglect\w*"
    r"|ignor\w*|miss\w*|ceas\w*|depriv\w*|halt\w*|exclud\w*|except\w*|against|anti|gone|beyond|short)\b"
    r"|n['’]t\b|\bnon-?[a-z]+|\bun(?!" + _UN_NOT + r")[a-z]{3,}|\b[a-z]{3,}less(?:ly|ness)?\b"
    r"|\b(?:dis(?:agree|satisf|approv|honest|abl|appear|connect|continu|like|regard|trust|allow|qualif|obey)"
    r"|in(?:ability|adequ|capab|complet|consisten|correct|effect|efficien|sufficien|valid|accura|appropr|equal|justice|dependen|hospit|human|sane|sensitiv|tolera|competen|cess|dispens"
    r"|secur|stabil|visib|activ|convenien)|il(?:legal|legitim|literat|logical)"
    r"|im(?:possib|proper|balanc|mobil|patien|partial)|ir(?:regular|relevan|respons|reversib))[a-z]*",
    re.IGNORECASE,
)


def _question(source: str, start: int, word: str) -> bool:
    """会不会, 有没有, 小康不小康: the negator between a word and its repeat asks, it does not negate."""
    rest = word[1:]
    for k in (1, 2):
        before = source[max(0, start - k) : start]
        if len(before) == k and (before == rest or source[start + 1 : start + 1 + k] == before):
            return True
    return False


def lost_negations(source: str, english: str) -> list[str]:
    """The source's negating words, when the English says "not" in no way at all (else ``[]``)."""
    if not english.strip() or _EN_NEGATION.search(english):
        return []
    return [
        w
        for start, w in sorted(source_words(source).items())
        if w in NEGATIONS and not _question(source, start, w)
    ]
