"""Unsupported claims in the translation pipeline: retried with feedback that names them, repaired where the
source says which scope it means, never shipped as ok, and listed by segment id in every format.

A scripted engine stands in for the model: these tests are about control flow (what fails, what a retry is
told, what ships), not translation, which the model-backed tests cover with the real small model.
"""

from __future__ import annotations

import json

from toolkit.glossary import Glossary
from toolkit.translation import translate_sentences

CAR = "这辆车在26日清晨驶离车道。"


def test_a_clock_time_the_source_does_not_give_is_retried_with_feedback_naming_it(scripted):
    engine = scripted(
        ["1. The car left the lane at 4:00 AM on the 26th.", "1. The car left the lane early on the 26th."]
    )
    t = translate_sentences([CAR], engine, Glossary([]), use_cache=False)
    seg = t.segments[0]
    assert engine.calls == 2 and seg.retried and seg.ok
    assert seg.english == "The car left the lane early on the 26th."
    retry_prompt = json.dumps(engine.requests[1]["messages"], ensure_ascii=False)
    assert (
        "'4:00 AM' is not in the source" in retry_prompt and "the source gives no clock time" in retry_prompt
    )
    assert t.stats.unsupported_drafts == 1 and t.quality.unsupported == []


def test_a_claim_that_survives_the_retry_is_flagged_and_listed_by_id(scripted):
    from toolkit.ingest import parse_text
    from toolkit.translation import translate_article
    from toolkit.translation.render import render_html, render_json, render_markdown

    article = parse_text("车祸\n\n" + CAR + "\n")
    engine = scripted(["1. Car crash\n2. The car left the lane at 4:00 AM on the 26th."])
    t = translate_article(article, engine, Glossary([]), use_cache=False)
    assert not t.ok and t.quality.unsupported_numbers
    md = render_markdown(t)
    assert "Unsupported claims (numbers, places, names the source does not give):" in md
    assert "- §0¶1s1: '4:00 AM': the source gives no clock time" in md
    assert '<mark class="unsupported">4:00 AM</mark>' in render_html(t)
    seg = next(s for s in json.loads(render_json(t))["segments"] if s["id"] == "§0¶1s1")
    assert seg["quality"]["unsupported"][0]["english"] == "4:00 AM"


def test_a_country_where_the_source_says_global_is_repaired_without_a_retry(scripted):
    zh = "全球AI音乐市场规模预计增长至604.4亿美元。"
    engine = scripted(["1. The AI music market in the US is expected to grow to US$60.44 billion."])
    seg = translate_sentences([zh], engine, Glossary([]), use_cache=False).segments[0]
    assert engine.calls == 1 and not seg.retried and seg.ok
    assert seg.english == "The global AI music market is expected to grow to US$60.44 billion."
    assert seg.repairs == ["place US: the source says 全球 → 'global'"]
