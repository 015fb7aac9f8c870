"""The pieces that keep ``check`` and ``glossary check`` linear in the translation's size (issue 26, item 5)
give the answers the quadratic code gave: span sets against a list scan, the fast form search against the
case-insensitive pattern. Their speed is bench/bench_scale.py's to show, not a test's."""

from __future__ import annotations

import random

import pytest

from toolkit.glossary.check import form_pattern, form_spans, lowered_text
from toolkit.spans import Containers, SpanSet


def test_span_set_and_containers_agree_with_a_plain_scan() -> None:
    rng = random.Random(26)
    for _ in range(200):
        spans: list[tuple[int, int]] = []
        taken = SpanSet()
        for _ in range(25):
            s = rng.randint(0, 100)
            e = s + rng.randint(0, 9)
            taken.add(s, e)
            spans.append((s, e))
            for _ in range(10):
                a = rng.randint(0, 110)
                b = a + rng.randint(1, 8)
                assert taken.overlaps(a, b) == any(a < y and x < b for x, y in spans if y > x)
        inside = Containers(spans)
        for _ in range(40):
            a = rng.randint(0, 110)
            b = a + rng.randint(0, 8)
            assert inside.contain(a, b) == any(x <= a and b <= y for x, y in spans)


FORMS = ["large model", "mid-size vendor", "Kunlun Tech", "hundred-model war", "AI", "vendor's", "C++", "5G"]
WORDS = ["Large", "MODEL", "models", "mid", "size", "-", " ", "  ", "\n", "vendor", "vendors", "vendor’s", "kunlun",
         "TECH", "tech's", "AI", "ai-", "xai", "hundred", "war", "wars", "C++", "5g", "İ", "straße", ",", "."]  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_the_fast_form_search_finds_what_the_pattern_finds(form: str) -> None:
    rng = random.Random(form)
    for _ in range(300):
        text = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
        expected = [m.span() for m in form_pattern(form).finditer(text)]
        assert form_spans(form, text, lowered_text(text)) == expected, text
