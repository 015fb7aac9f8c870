"""The draft-or-retry choice and the repair guard (``compose.choice``), through the real checks."""

from __future__ import annotations

from toolkit.annotate import Annotator
from toolkit.checks import check_segment
from toolkit.compose.choice import keeps_numbers, lost_content, prefer_retry, severity
from toolkit.glossary import Entry, Glossary

G = Glossary([Entry("农民工", "migrant worker"), Entry("乡村振兴", "rural revitalization")])


def _pair(src: str, draft: str, retry: str):  # type: ignore[no-untyped-def]
    ann = Annotator(G, tokens=False).annotate(src, "s1")
    dq = check_segment(ann, draft, G, dates=True)
    rq = check_segment(ann, retry, G, dates=True)
    return ann, dq, rq


def test_a_retry_that_fixes_the_term_but_drops_a_number_is_not_shipped() -> None:
    src = "乡村振兴激励下，2019年有1200名农民工返乡创业。"
    draft = "Inspired by rural revitalization, 1,200 people returned home in 2019 to start businesses."
    retry = "Inspired by rural revitalization, migrant workers returned home to start businesses."
    ann, dq, rq = _pair(src, draft, retry)
    assert rq.ok and not dq.ok  # it passes on its face (1200名 is below the checked counts)...
    assert lost_content(ann, draft, dq, retry, rq) is not None  # ...but 1,200 and 2019 are gone
    assert not prefer_retry(ann, draft, dq, retry, rq)


def test_a_tie_keeps_the_draft_and_a_strictly_better_retry_ships() -> None:
    src = "乡村振兴需要人才，越来越多的优秀农民工选择返乡创业。"
    draft = "Rural revitalization needs talent, and more and more excellent people return home to start up."
    swap = (
        "Rural development needs talent, and more and more excellent migrant workers return home to start up."
    )
    ann, dq, rq = _pair(src, draft, swap)
    assert severity(dq) == severity(rq)
    assert not prefer_retry(ann, draft, dq, swap, rq)
    both = "Rural revitalization needs talent, and more and more excellent migrant workers return home."
    ann, dq, rq = _pair(src, draft, both)
    assert rq.ok and prefer_retry(ann, draft, dq, both, rq)


def test_a_far_shorter_retry_loses_even_when_it_passes() -> None:
    src = "乡村振兴需要人才，越来越多的优秀农民工选择返乡创业，带动乡亲们增收致富。"
    draft = (
        "Rural revitalization needs talent; more and more outstanding workers choose to return home to "
        "start businesses, leading fellow villagers to higher incomes and prosperity."
    )
    short = "Rural revitalization needs migrant workers."
    ann, dq, rq = _pair(src, draft, short)
    assert rq.ok and not dq.ok
    assert "shorter" in (lost_content(ann, draft, dq, short, rq) or "")
    assert not prefer_retry(ann, draft, dq, short, rq)


def test_a_runaway_draft_is_not_protected_by_its_length() -> None:
    src = "乡村振兴需要农民工。"
    draft = "Rural revitalization needs migrant workers " + "and workers " * 40
    ann = Annotator(G, tokens=False).annotate(src, "s1")
    dq = check_segment(ann, draft, G, finish_reason="length")
    retry = "Rural revitalization needs migrant workers."
    rq = check_segment(ann, retry, G)
    assert dq.runaway or dq.repetitions
    assert prefer_retry(ann, draft, dq, retry, rq)


def test_a_repair_never_removes_a_number_the_source_states() -> None:
    src = "全县共有100%的村通了公路，2045人受益。"
    assert keeps_numbers(src, "100% of villages, 2,045 people", "100% of villages, 2045 people benefit")
    assert not keeps_numbers(src, "100% of villages, 2,045 people", "all villages, 2,045 people")
    # A number the source does not state may go (a wrong figure replaced by its pinned form).
    assert keeps_numbers(src, "120 villages, 2,045 people", "2,045 people")


def test_a_magnitude_repair_may_replace_the_digits_of_the_wrong_figure() -> None:
    # The seed's §1¶9s2: 2.4亿美元 written "over $2.4 billion"; its repair "US$240 million" loses the source's
    # "2.4" by design, and was refused for it, so the wrong figure shipped flagged.
    from toolkit.annotate import annotate
    from toolkit.compose.repair import repair

    src = "年化流水突破2.4亿美元,单月流水超2000万美元。"
    draft = "annualized revenue of over $2.4 billion and monthly revenue over US$20 million"
    ann = annotate(src)
    fixed, notes = repair(ann, draft, None)
    assert "US$240 million" in fixed and notes
    assert keeps_numbers(src, draft, fixed, ann.quantities)
    assert not keeps_numbers(src, draft, fixed)  # without the quantities it cannot tell
    # A right figure's digits still may not go.
    assert not keeps_numbers(
        src, "revenue of US$240 million, 2000 stores", "revenue of US$240 million", ann.quantities
    )


def test_a_retry_shorter_than_a_draft_that_ran_past_its_source_is_not_short() -> None:
    # Dev line 28: the draft translated the headline given as context, the retry the line itself.
    src = "2020-07-26 05:03:17 来源：北京青年报 作者：王思硕 责任编辑：王思硕"
    draft = (
        "On July 26, 2020, 05:03:17, the Beijing Youth Daily reported that the capital's natural ecology is "
        "continuously improving, attracting wildlife to live in the city."
    )
    retry = "2020-07-26 05:03:17 Source: Beijing Youth Daily Author: Wang Sishuo Editor: Wang Sishuo"
    g = Glossary([Entry("王思硕", "Wang Sishuo"), Entry("北京青年报", "Beijing Youth Daily")])
    ann = Annotator(g, tokens=False).annotate(src, "s1")
    dq, rq = check_segment(ann, draft, g, dates=True), check_segment(ann, retry, g, dates=True)
    assert lost_content(ann, draft, dq, retry, rq) is None
    assert prefer_retry(ann, draft, dq, retry, rq)


def test_a_country_left_out_is_a_failing_kind_that_weighs_like_no_other() -> None:
    # Dev line 135: the draft wrote "the Chinese consulate" and missed the pinned "Consulate General"; the
    # retry used the term and left 中国 out. Both are flagged; the retry, with the term, ships (weighed like
    # a lost amount, the omission cost the development lines' term adherence its 98%).
    g = Glossary([Entry("总领馆", "Consulate General")])
    src = "美方要求中国关闭驻休斯敦总领馆，违反国际法。"
    draft = "The US demanded that the Chinese consulate in Houston be closed, violating international law."
    retry = "The US demanded the closure of the Consulate General in Houston, violating international law."
    ann = Annotator(g, tokens=False).annotate(src, "s1")
    dq = check_segment(ann, draft, g, dates=True)
    rq = check_segment(ann, retry, g, dates=True)
    assert dq.term_misses and not dq.omissions and not dq.ok
    assert rq.omissions and not rq.term_misses and not rq.ok
    assert severity(rq) < severity(dq) and prefer_retry(ann, draft, dq, retry, rq)
