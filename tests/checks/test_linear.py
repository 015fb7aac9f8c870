"""The shortcuts that keep ``check`` linear on a long English give the same answers as the long way."""

from __future__ import annotations

import random
import re

import pytest

from toolkit.checks import find_repetition
from toolkit.checks.grounding import numbers as grounding_numbers
from toolkit.checks.grounding import unsupported_people, unsupported_terms
from toolkit.checks.grounding.names import gazetteer
from toolkit.checks.modes import _SAME_CHAR_RUN, _WORD
from toolkit.glossary import Glossary
from toolkit.glossary.model import Entry
from toolkit.quantities import parse_english_amounts
from toolkit.quantities.english import masked_tokens, scan_english

FRAGMENTS = [
    "at 3:30 p.m.", "by 10:45", "at 9 a.m.", "one-third of", "a quarter", "two-thirds", "the third",
    "the twentieth", "US$12 million", "about 5%", "300-500 million", "from 43.4% to 57.7%", "between 2 and 3",
    "RMB 2.5 billion", "nearly 1 million", "12,000", "the 1990s", "COVID-19", "1.5", "half a million",
    "a hundred", "seventy-five", "and", "to", "-", "or", ",", "yuan", "dollars", "over", "up to", "in",
    "the", "users", "percent", "2024", "3", "10.30", "\n", ".", ";", "(", ")", "5,", "8.", "hong kong",
]  # fmt: skip


def _blank(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The English as ``unsupported_numbers`` blanks it before reading amounts, and the spans blanked."""
    masked = list(text)
    spans: list[tuple[int, int]] = []
    for rx in (grounding_numbers._CLOCK_EN, grounding_numbers._FRACTION_EN, grounding_numbers._ORDINAL_EN):
        for m in rx.finditer("".join(masked)):
            masked[m.start() : m.end()] = grounding_numbers.BARRIER * (m.end() - m.start())
            spans.append(m.span())
    return "".join(masked), spans


def test_amounts_of_blanked_text_come_from_the_tokens_of_the_text():
    rng = random.Random(7)
    for _ in range(4000):
        text = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 40)))
        masked, spans = _blank(text)
        direct = parse_english_amounts(masked)
        shared = parse_english_amounts(masked, masked_tokens(masked, scan_english(text), spans))
        assert shared == direct, text


def _repetition_by_loops(text: str, min_repeats: int = 4, max_ngram: int = 8) -> str | None:
    # The definition, written as the plain search it replaced (a Python loop per word and n-gram size).
    m = _SAME_CHAR_RUN.search(text)
    if m:
        return m.group(0)[:20]
    words = [w.lower() for w in _WORD.findall(text)]
    for n in range(1, max_ngram + 1):
        need = min_repeats if n == 1 else max(3, -(-12 // n))
        for i in range(len(words) - n * need + 1):
            gram = words[i : i + n]
            if all(words[i + r * n : i + (r + 1) * n] == gram for r in range(need)):
                return " ".join(gram)
    return None


@pytest.mark.parametrize("vocabulary", [1, 2, 3, 6])
def test_repetition_runs_match_the_plain_search(vocabulary):
    rng = random.Random(vocabulary)
    words = ["a", "b", "the", "of", "model", "said"][:vocabulary]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 50)))
        assert find_repetition(text) == _repetition_by_loops(text), text


def test_a_name_repeated_is_read_against_the_source_once(monkeypatch):
    calls = []
    real = __import__("toolkit.checks.grounding.names", fromlist=["pinyin_spans"]).pinyin_spans

    def counting(source, key):
        calls.append(key)
        return real(source, key)

    monkeypatch.setattr("toolkit.checks.grounding.names.pinyin_spans", counting)
    english = "Zhang Wei spoke. " * 500 + "Li Na agreed. " * 300
    found = unsupported_people(english, "周亚辉说。")
    assert sorted(u.english for u in found) == ["Li Na", "Zhang Wei"]
    assert sorted(calls) == ["lina", "zhangwei"]


def test_a_glossary_name_inside_a_known_name_is_looked_up_once_per_form(monkeypatch):
    glossary = Glossary([Entry(zh="新华社", en="Xinhua", domain="media", status="approved")])
    english = "Xinhua Net reported. " * 400
    finds = []
    real_finditer = re.finditer

    def counting(pattern, string, *args):
        finds.append(pattern)
        return real_finditer(pattern, string, *args)

    monkeypatch.setattr("toolkit.checks.grounding.names.re.finditer", counting)
    assert unsupported_terms(english, "新华网报道。", glossary, ["Xinhua Net"]) == []
    # One search for the glossary name, one for the known name: not one more per mention.
    assert len(finds) == 2
    english += "Xinhua said."
    assert [u.english for u in unsupported_terms(english, "新华网报道。", glossary, ["Xinhua Net"])] == [
        "Xinhua"
    ]
    assert "Xinhua" not in gazetteer.english_index()


def _old_date_forms(day: int, word: str, year: str, month: str, num: int) -> list[re.Pattern[str]]:
    # The date forms as first written, with the assertion ahead of the literal.
    return [
        re.compile(rf"(?<![\d.,:]){day}(?:st|nd|rd|th)?(?![\d%:])"),
        re.compile(rf"\b{word}\b", re.IGNORECASE),
        re.compile(rf"(?<![\d.,]){year}(?![\d%])"),
        re.compile(rf"\b{month[:3]}[a-z]*\b"),
        re.compile(rf"(?<![\d.]){num}/\d{{1,2}}\b"),
    ]


def test_date_forms_that_open_with_their_literal_find_what_the_old_forms_found():
    from toolkit.quantities.english_dates import _day_forms, date_parts
    from toolkit.quantities.model import Quantity

    q = Quantity("2019年7月25日", 0, 9, 2019.0, None, "date", "date", None, "July 25, 2019")
    new = [p for _, forms in date_parts(q) for p in forms]
    old = _old_date_forms(25, "twenty-fifth", "2019", "July", 7)
    pieces = ["25", "25th", "125", "2.25", ":25", "25%", "x25", "Twenty-Fifth", "atwenty-fifth", "2019", "12019",
              "2019%", ".2019", "Jul", "July", "xJuly", "Julys", "7/24", "17/24", "7/2", ".7/3", " ", "-", ",", "a"]  # fmt: skip
    rng = random.Random(3)
    assert len(new) == 5
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        got = {p.pattern: bool(p.search(text)) for p in new}
        # The year, the month's two forms, then the day's two (digits, word).
        expected = [old[2], old[3], old[4], old[0], old[1]]
        assert [bool(p.search(text)) for p in expected] == [
            got[new[0].pattern],
            got[new[1].pattern],
            got[new[2].pattern],
            got[new[3].pattern],
            got[new[4].pattern],
        ], text
    assert [p.pattern for p in _day_forms(25)] == [new[3].pattern, new[4].pattern]


def test_the_dictionary_is_read_once_per_source_however_many_names_are_judged(monkeypatch):
    from toolkit.annotate import cedict, gazetteer

    gazetteer._source_heads.cache_clear()
    calls = []
    real = cedict.senses

    def counting(word):
        calls.append(word)
        return real(word)

    monkeypatch.setattr(cedict, "senses", counting)
    source = "两湖地区与花莲县的合作。"
    assert gazetteer.glossed(source, "Hualien")
    first = len(calls)
    assert first > 0
    assert gazetteer.glossed(source, "Hunan", "Hubei and Hunan provinces")
    assert not gazetteer.glossed(source, "Hunan", "Hunan")  # the head says more: the English must echo it
    assert not gazetteer.glossed(source, "Texas")
    assert len(calls) == first


def test_fixes_are_applied_in_one_pass_over_them():
    # normalize_terms on a long English dense with a glossary name's other form makes tens of thousands of
    # fixes; testing each against every fix taken before it was quadratic.
    from toolkit.quantities.fidelity import Fix, apply_fixes

    reads = [0]

    class Counted(Fix):
        def __getattribute__(self, name):
            if name == "end":
                reads[0] += 1
            return super().__getattribute__(name)

    n = 2000
    text = "ab " * n
    fixes = [Counted(3 * i, 3 * i + 2, "X", str(i)) for i in range(n)]
    # Each of these overlaps the fix after it, which is tried first (from the end) and taken.
    fixes += [Counted(3 * i - 1, 3 * i + 1, "Y", "overlaps") for i in range(100, n, 100)]
    out, notes = apply_fixes(text, fixes)
    assert out == "X " * n
    assert notes == [str(i) for i in range(n)]
    assert reads[0] < 10 * n  # the quadratic test read about n * n / 2
    # An insertion before a replacement at the same place: both, in that order.
    assert apply_fixes("abcdefgh", [Fix(5, 5, "X", "x"), Fix(5, 8, "Y", "y")]) == ("abcdeXY", ["x", "y"])


def test_a_figure_repeated_thousands_of_times_looks_its_candidates_up_once(monkeypatch):
    from toolkit.quantities import check_fidelity, find_quantities
    from toolkit.quantities.fidelity import _ByMantissa

    calls = []
    real = _ByMantissa.near

    def counting(self, value):
        calls.append(value)
        return real(self, value)

    monkeypatch.setattr(_ByMantissa, "near", counting)
    n = 2000
    report = check_fidelity(find_quantities("营收达1200万美元。" * n), "Revenue reached US$12 million. " * n)
    assert report.ok == n and not report.missing
    # Once per distinct figure; each of the n figures used to find all n amounts again (and step over the
    # used ones), n * n steps in all.
    assert len(calls) == 1
