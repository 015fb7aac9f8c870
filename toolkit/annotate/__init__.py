"""Each sentence annotated once: tokens, glossary matches, quantities, names, and the pins they make.

Every later stage reads this and none re-derives it: the brief ranks sentences by its tokens, terms and
figures; translation and summary prompts take its pins; the checks hold the English to its matches and
quantities; the repairs replace what its pins make certain; the figures table lists its quantities.

    annotator = Annotator(glossary)          # one segmenter, loaded with the glossary's terms
    ann = annotator.annotate("中厂营收1200万美元。", id="§1¶1s1")
    ann.pins   → [Pin("中厂", "mid-size vendor", "term"), Pin("1200万美元", "US$12 million", "amount")]

Pins cross from here to the prompts as typed ``Pin`` values, never as prompt text parsed back.
"""

from toolkit.annotate.annotator import (
    Annotator,
    annotate,
    article_names,
    make_pins,
    name_uses,
    rejected_uses,
)
from toolkit.annotate.model import PIN_KINDS, Annotation, NameUse, Pin

__all__ = [
    "PIN_KINDS",
    "Annotation",
    "Annotator",
    "NameUse",
    "Pin",
    "annotate",
    "article_names",
    "make_pins",
    "name_uses",
    "rejected_uses",
]
