"""bench/dump_translations.py --paired: whether two dumps score differently by more than chance."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

_spec = importlib.util.spec_from_file_location(
    "dump_translations", Path(__file__).resolve().parents[2] / "bench" / "dump_translations.py"
)
assert _spec is not None and _spec.loader is not None
dump_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dump_translations)

REFS = [
    "The hurricane made landfall in Texas on Saturday afternoon.",
    "Officials said 1,200 people had been evacuated from the coast.",
    "Schools in the county will stay closed until Wednesday.",
    "Power was cut to about 40,000 homes overnight.",
    "The storm is expected to weaken as it moves inland.",
    "Residents were told to avoid flooded roads.",
    "The governor declared a state of emergency for 32 counties.",
    "Forecasters warned of heavy rain through the weekend.",
]
CLOSE = [
    "The hurricane landed in Texas on Saturday afternoon.",
    "Officials said 1,200 people were evacuated from the coast.",
    "Schools in the county will remain closed until Wednesday.",
    "Power was cut to about 40,000 households overnight.",
    "The storm is expected to weaken as it moves inland.",
    "Residents were told to avoid the flooded roads.",
    "The governor declared an emergency for 32 counties.",
    "Forecasters warned of heavy rain over the weekend.",
]


def test_the_same_english_is_no_difference():
    s0, s1, p, k = dump_translations.paired_p(BLEU(), CLOSE, list(CLOSE), REFS)
    assert (s0, p, k) == (s1, 1.0, 0)


def test_one_line_changed_cannot_be_told_from_chance():
    # With one line different the only other arrangement is the swap: the observed difference is the
    # largest there is, and half of the arrangements reach it.
    other = list(CLOSE)
    other[0] = "A storm hit the state at the weekend."
    for metric in (BLEU(), CHRF()):
        s0, s1, p, k = dump_translations.paired_p(metric, CLOSE, other, REFS)
        assert k == 1 and s1 < s0
        assert p == 1.0


def test_every_line_worse_is_told_from_chance():
    # Eight lines, all far worse: the exact test over the 256 arrangements puts the observed difference
    # among the two most extreme (the arrangement and its mirror).
    bad = ["Something happened somewhere at some time." for _ in CLOSE]
    for metric in (BLEU(), CHRF()):
        s0, s1, p, k = dump_translations.paired_p(metric, CLOSE, bad, REFS)
        assert k == len(CLOSE) and s1 < s0
        assert p == 2 / 2**k
    # Past 14 differing lines the arrangements are drawn at random (approximate randomization).
    many_refs, many_close, many_bad = REFS * 3, CLOSE * 3, bad * 3
    s0, s1, p, k = dump_translations.paired_p(CHRF(), many_close, many_bad, many_refs, trials=2000)
    assert k == 24 and p < 0.01
