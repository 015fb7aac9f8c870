"""Unsupported claims in the translation pipeline: repaired where nothing but deletion or the source's own
scope can stand in, else retried with feedback that names them, never shipped as ok, and listed by segment
id in every format.

A scripted engine stands in for the model: these tests are about control flow (what fails, what a retry is
told, what ships), not translation, which the model-backed tests cover with the real small model.
"""

from __future__ import annotations

import json

from toolkit.glossary import Glossary
from toolkit.translation import translate_sentences

DRIVER = "这位24岁的驾驶员被送往医院，警方表示其有可能超速。"
SPEED = "1. The driver was taken to hospital; police said he was driving at a speed over 100 km/h."


def test_an_invented_number_is_retried_with_feedback_naming_it(scripted):
    engine = scripted(
        [SPEED, "1. The 24-year-old driver was taken to hospital; police said he may have sped."]
    )
    t = translate_sentences([DRIVER], engine, Glossary([]), use_cache=False)
    seg = t.segments[0]
    assert engine.calls == 2 and seg.retried and seg.ok
    retry_prompt = json.dumps(engine.requests[1]["messages"], ensure_ascii=False)
    assert "the number 'over 100' is not in the source (the source gives no 100)" in retry_prompt
    assert t.stats.unsupported_drafts == 1 and t.quality.unsupported == []


def test_a_clock_time_the_source_never_gives_is_removed_without_a_retry(scripted):
    engine = scripted(["1. The car left the lane at 4:00 AM on the 26th."])
    seg = translate_sentences(["这辆车在26日清晨驶离车道。"], engine, Glossary([]), use_cache=False).segments[
        0
    ]
    assert engine.calls == 1 and not seg.retried and seg.ok
    assert seg.english == "The car left the lane on the 26th."
    assert seg.repairs == ["time '4:00 AM': the source gives no clock time → removed"]


def test_a_claim_that_survives_the_retry_is_flagged_and_listed_by_id(scripted):
    from toolkit.ingest import parse_text
    from toolkit.translation import translate_article
    from toolkit.translation.render import render_html, render_json, render_markdown

    article = parse_text("车祸\n\n" + DRIVER + "\n")
    engine = scripted(["1. Car crash\n" + SPEED.replace("1. ", "2. "), SPEED])
    t = translate_article(article, engine, Glossary([]), use_cache=False)
    assert not t.ok and t.quality.unsupported_numbers
    md = render_markdown(t)
    assert "Unsupported claims (numbers, places, names the source does not give):" in md
    assert "- §0¶1s1: 'over 100': the source gives no 100" in md
    assert '<mark class="unsupported">over 100</mark>' in render_html(t)
    seg = next(s for s in json.loads(render_json(t))["segments"] if s["id"] == "§0¶1s1")
    assert seg["quality"]["unsupported"][0]["english"] == "over 100"


def test_a_country_where_the_source_says_global_is_repaired_without_a_retry(scripted):
    zh = "全球AI音乐市场规模预计增长至604.4亿美元。"
    engine = scripted(["1. The AI music market in the US is expected to grow to US$60.44 billion."])
    seg = translate_sentences([zh], engine, Glossary([]), use_cache=False).segments[0]
    assert engine.calls == 1 and not seg.retried and seg.ok
    assert seg.english == "The global AI music market is expected to grow to US$60.44 billion."
    assert seg.repairs == ["place US: the source says 全球 → 'global'"]
