"""A rank the English lost: 副主任 ("deputy director") written "Director", 副部长 "the minister".

Dropping 副 promotes the speaker to the head of the office: every other check passes (the name, the office,
the figures are all there), and a reader quotes the wrong person's authority. The rule: the source has a
deputy rank (a word CC-CEDICT glosses "deputy …" or "vice …", or 副 on or before a word it glosses as a
post: 副局长, 副|主任), and the English has no word of rank below the head (deputy, vice, assistant, associate,
under-secretary, lieutenant, second-in-command). On the 1,000 human translations of the development news
lines it flags none of the 16 lines with 副 (docs/check.md).
"""

from __future__ import annotations

import re

from toolkit.annotate import cedict
from toolkit.checks.grounding.places import source_words

__all__ = ["lost_ranks"]

_DEPUTY_GLOSS = re.compile(r"\b(?:deputy|vice|assistant|associate)\b", re.IGNORECASE)
_POST_GLOSS = re.compile(
    r"\b(?:director|chief|head|minister|president|chairman|chairperson|mayor|governor|secretary|manager"
    r"|commander|leader|principal|dean|editor|officer|general|curator|captain|premier|chancellor)\b",
    re.IGNORECASE,
)
_EN_RANK = re.compile(
    r"\b(?:deputy|deputies|vice|assistant|associate|under-?secretary|lieutenant|second-in-command|No\. ?2)\b"
    r"|\bvice-",
    re.IGNORECASE,
)


def _glosses(word: str) -> str:
    return " ".join(g for s in cedict.senses(word) for g in s.glosses)


def lost_ranks(source: str, english: str) -> list[str]:
    """The source's deputy posts (副主任, 副|馆长) when the English says no rank below the head (else [])."""
    if "副" not in source or not english.strip() or _EN_RANK.search(english):
        return []
    words = sorted(source_words(source).items())
    out: list[str] = []
    for i, (_, w) in enumerate(words):
        if not w.startswith("副"):
            continue
        if len(w) > 1 and (
            _DEPUTY_GLOSS.search(_glosses(w)) or _POST_GLOSS.search(_glosses(w[1:])) or w.endswith("长")
        ):
            # 副主席 "vice-chairman"; 副局长, which CC-CEDICT lacks, by its 局长 "director"; 副馆长 by its
            # 长, the head of whatever comes before it.
            out.append(w)
        elif w == "副" and i + 1 < len(words):
            # 副 alone is a classifier too (一副眼镜, a pair of glasses): only before a post it ranks.
            nxt = words[i + 1][1]
            if _DEPUTY_GLOSS.search(_glosses(w + nxt)) or _POST_GLOSS.search(_glosses(nxt)):
                out.append(w + nxt)
    return out
