"""A negation the English lost: the sentence says the opposite and every other check passes."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.audit import audit_lines
from toolkit.checks.polarity import lost_negations

# Dev line 220 with the reversal an earlier translation of ours shipped (ok), and its human reference.
SCHENGEN = "法令同时规定，进入坎帕尼亚大区的所有来自非申根国家的旅客均须进行隔离。"
SCHENGEN_WRONG = "The decree also stipulates that all passengers from Schengen countries entering Campania must be quarantined."
SCHENGEN_REF = (
    "The decree also stipulates that all passengers who are not from Schengen countries entering Campania must "
    "be quarantined."
)
# MQM TED: "or is there no relationship between the two?" rendered as its opposite (marked Major).
RELATION = "基本上，它所追问的是： 是否富爸爸有富孩子穷爸爸有穷孩子， 或者这两者之间没有任何关系？"
RELATION_WRONG = (
    "Basically, what it asks is: does rich dad have rich kids and poor dad has poor kids, or is there any "
    "relationship between the two?"
)


def test_a_lost_negation_is_found() -> None:
    assert lost_negations(SCHENGEN, SCHENGEN_WRONG) == ["非"]
    assert lost_negations(SCHENGEN, SCHENGEN_REF) == []
    assert lost_negations(RELATION, RELATION_WRONG) == ["没有"]
    assert lost_negations(RELATION, RELATION_WRONG.replace("is there any", "is there no")) == []


@pytest.mark.parametrize(
    "english",
    [
        "The income gap is double on the side of greater inequality.",  # 不平等 as in- word
        "They were unable to attend.",
        "Non-Schengen travellers must be quarantined.",
        "The project failed to meet its target.",
        "There weren’t many in the audience.",  # a typographic apostrophe
        "The town was left powerless.",
    ],
)
def test_english_negates_in_many_ways(english: str) -> None:
    assert lost_negations("他们不能参加。", english) == []


@pytest.mark.parametrize(
    "zh",
    [
        "将来会不会再次发生呢？",  # A-not-A: a question
        "有没有人知道？",
        "小康不小康，关键看老乡。",
        "经济不断发展，非常迅速。",  # words that start with a negator and are not one
        "无论如何，不少人来了。",
    ],
)
def test_what_is_not_a_negation(zh: str) -> None:
    assert lost_negations(zh, "The economy keeps growing, and many people came.") == []


def test_a_translation_fails_a_summary_does_not() -> None:
    rep = check_segment(SCHENGEN, SCHENGEN_WRONG)
    [f] = rep.mistranslations
    assert f.part("source") == "非" and f.part("polarity")
    assert rep.failures() == [
        "the source's 非 says 'not' and the English negates nothing: keep the source's negation"
    ]
    assert check_segment(SCHENGEN, SCHENGEN_REF).ok
    # A summary may leave the negated clause out whole.
    assert check_segment(SCHENGEN, "Passengers entering Campania must be quarantined.", summary=True).ok


def test_check_lines_reports_it() -> None:
    [audit] = audit_lines(SCHENGEN, SCHENGEN_WRONG, None)
    assert [(p.kind, p.source) for p in audit.problems] == [("mistranslation", "非")]
