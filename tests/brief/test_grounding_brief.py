"""Unsupported claims in the brief: repaired, edited away, else replaced by the translation fallback; what
stays unsupported is listed by sentence id in the quality block (Markdown, HTML highlighted, JSON).

A scripted engine stands in for the model (control flow only; tests/brief/test_brief_model.py runs the real
small model)."""

from __future__ import annotations

from toolkit.annotate import Annotator
from toolkit.article import Sentence
from toolkit.brief.draft import Counters, Pending, complete, summarize_group
from toolkit.brief.model import SectionBrief, SummarySentence
from toolkit.brief.quality import compute_quality
from toolkit.brief.render.common import quality_lines
from toolkit.checks import check_segment

CAR = "这辆车在26日清晨驶离车道。"
DRIVER = "这位24岁的驾驶员被送往医院，警方表示其有可能超速。"
SEED = "全球AI音乐市场规模预计增长至604.4亿美元。"


def _group(texts):
    annotator = Annotator(None)
    sents = [Sentence(f"§1¶1s{i}", t, t) for i, t in enumerate(texts, 1)]
    return sents, [annotator.annotate(s.text, s.id) for s in sents]


def test_the_seed_scope_error_is_repaired_to_what_the_source_says(scripted):
    sents, anns = _group([SEED])
    engine = scripted(["1. The AI music market in the US is expected to reach US$60.44 billion."])
    counters = Counters(use_cache=False)
    (s,) = summarize_group(sents, anns, engine, None, counters)
    assert engine.calls == 1 and s.status == "repaired" and s.text.startswith("The global AI music market")
    assert counters.draft_unsupported == 1


def test_an_invented_speed_is_edited_then_falls_back_to_the_translation(scripted):
    sents, anns = _group([DRIVER])
    engine = scripted(
        [
            "1. The driver was driving at a speed over 100 km/h.",
            "The driver was driving at a speed over 100 km/h.",  # the edit keeps it
            "1. The 24-year-old driver was taken to hospital; police said he may have sped.",  # the fallback
        ]
    )
    counters = Counters(use_cache=False)
    (p,) = summarize_group(sents, anns, engine, None, counters)
    assert isinstance(p, Pending) and counters.retries == 1
    edit = engine.requests[1]["messages"][-1]["content"]
    assert 'no longer contains: "over 100"' in edit
    (s,) = complete([p], engine, None, counters)
    assert s.status == "fallback" and s.text.startswith("The 24-year-old driver")
    assert counters.fallbacks == 1 and s.quality is not None and s.quality.ok


def test_a_clock_time_the_source_never_gives_is_removed_by_the_repair(scripted):
    sents, anns = _group([CAR])
    engine = scripted(["1. The car left the lane at 4:00 AM on the 26th."])
    (s,) = summarize_group(sents, anns, engine, None, Counters(use_cache=False))
    assert engine.calls == 1 and (s.status, s.text) == ("repaired", "The car left the lane on the 26th.")


def test_what_stays_unsupported_is_listed_by_id_and_highlighted():
    from toolkit.brief.render.html import _marked

    rep = check_segment(CAR, "The car left the lane at 4:00 AM on the 26th.", summary=True)
    s = SummarySentence("The car left the lane at 4:00 AM on the 26th.", ["§1¶1s1"], "flagged", quality=rep)
    sec = SectionBrief("§1", None, None, ["§1¶1s1"], [s])
    q = compute_quality([sec], "Title", {}, Counters(draft_unsupported=2))
    assert q.unsupported == [
        {"id": "§1¶1s1", "kind": "number", "english": "4:00 AM", "detail": "the source gives no clock time"}
    ]
    assert q.unsupported_in_drafts == 2 and q.passed is False

    class _B:
        quality = q

    lines = quality_lines(_B())  # type: ignore[arg-type]
    assert "UNSUPPORTED number '4:00 AM' in §1¶1s1: the source gives no clock time" in lines
    assert _marked(s) == (
        'The car left the lane at <mark class="unsupported" title="the source gives no clock time">4:00 AM</mark>'
        " on the 26th."
    )


def test_a_mistranslated_word_fails_the_brief_and_is_listed_by_id():
    from toolkit.checks import Finding, QualityReport

    # What checks.faithfulness reports (its model signal is tested in tests/checks/test_faithfulness.py).
    found = Finding(
        "耗 (to consume) is not what the English says",
        kind="mistranslation",
        english="",
        source="耗",
        detail="耗 (to consume) is not what the English says",
    )
    rep = QualityReport(mistranslations=[found])
    s = SummarySentence("Kunlun will not collaborate with ByteDance.", ["§0¶1s1"], "flagged", quality=rep)
    q = compute_quality([SectionBrief("§0", None, None, ["§0¶1s1"], [s])], "Title", {}, Counters())
    assert q.unfaithful == [{"id": "§0¶1s1", "kind": "mistranslation", "source": "耗", "detail": str(found)}]
    assert q.passed is False

    class _B:
        quality = q

    assert "MISTRANSLATION 耗 in §0¶1s1: 耗 (to consume) is not what the English says" in quality_lines(_B())  # type: ignore[arg-type]
