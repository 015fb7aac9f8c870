"""``QualityReport``: what the checks found in one English segment, or summed with ``+``, in a document.

One report type for every stage that writes English (translation, brief summaries, headings). The findings
are typed strings: each reads as the label people see (``中厂 → 'mid-size vendor'``) and carries the parts a
renderer needs (``.zh``, ``.en``, ``.form``, ``.expected``, ``.found``), so the brief's quality block is the sum
of the reports that decided its retries, not a second reading of the English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any


def part_of(f: str, name: str) -> Any:
    """A named part of a finding (None for a plain string: a report read back from JSON has those)."""
    return getattr(f, "part", lambda *_: None)(name)


def _sense(f: str) -> str:
    sense = part_of(f, "sense")
    return f" ({sense})" if sense else ""


def _mistranslation_feedback(f: str) -> str:
    """What a retry is told about one mistranslation, by the rule that found it (the finding's flag)."""
    src, said = part_of(f, "source") or f, part_of(f, "english")
    if part_of(f, "neighbour"):
        return f"the English says {said}, words of the neighbouring sentence ({src}): translate only this sentence"
    if part_of(f, "magnitude"):
        return f"the English says '{said}' for the source's {src}{_sense(f)}: give the source's magnitude"
    if part_of(f, "hedge"):
        bound = part_of(f, "hedge")
        return f"the source's {src} says '{bound}'; the English states '{said}' as exact: keep the bound"
    if part_of(f, "direction") == "reversed":
        return f"the source's {src}{_sense(f)} is turned the other way in the English ('{said}'): keep its direction"
    if part_of(f, "direction") == "rise":
        return (
            f"the source's {src} states a rise (an increase, a growth), the English '{said}': keep it a rise"
        )
    if part_of(f, "direction"):
        return f"the source's {src} states a fall (a loss, a decrease), the English '{said}': keep it a fall"
    if part_of(f, "polarity"):
        return f"the source's {src} says 'not' and the English negates nothing: keep the source's negation"
    if part_of(f, "rank"):
        return f"the source's {src} is a deputy: say so (deputy, vice), not the head"
    return f"the source's {src}{_sense(f)} is mistranslated: render what it means"


class Finding(str):
    """A check's finding: the label as a string, plus named parts (``Finding("x", zh="…")``)."""

    def __new__(cls, label: str, **parts: Any) -> Finding:
        obj = super().__new__(cls, label)
        obj.__dict__.update(parts)
        return obj

    def part(self, name: str, default: Any = None) -> Any:
        return self.__dict__.get(name, default)


@dataclass
class QualityReport:
    """Checks of English output against its source; ``+`` sums reports into a document total."""

    segments: int = 1
    term_occurrences: int = 0
    term_hits: int = 0
    term_misses: list[str] = field(default_factory=list)
    """``中厂 → mid-size vendor`` for each pinned term whose English form is missing."""
    forbidden_found: list[str] = field(default_factory=list)
    quantities: int = 0
    quantities_ok: int = 0
    quantity_missing: list[str] = field(default_factory=list)
    """``1200万美元 → US$12 million`` for each amount absent from the English."""
    quantity_wrong: list[str] = field(default_factory=list)
    """``1200万美元 → US$12 million, found $120 million`` for each amount with a wrong value or unit."""
    leaks: list[str] = field(default_factory=list)
    empty: int = 0
    runaway: int = 0
    repetitions: list[str] = field(default_factory=list)
    name_occurrences: int = 0
    name_misses: list[str] = field(default_factory=list)
    """Pinyin name pins not followed. Reported (for review), but not a failure: a model may have a better
    established English name than the pinyin."""
    unsupported_numbers: list[str] = field(default_factory=list)
    """``'4:00 AM': the source gives no clock time`` for each number the English states that its source does
    not (``checks.grounding``): a failure, like a wrong amount."""
    unsupported_names: list[str] = field(default_factory=list)
    """``'US': the source says 全球 (global), not United States`` for each place, person or organisation the
    English names that its source does not: a failure."""
    omissions: list[str] = field(default_factory=list)
    """``海外 (overseas) not rendered`` for each source word the English does not explain (``checks.
    faithfulness``, only when a model scored the pair; a country the English never names, ``checks.omitted``,
    always): a failure."""
    mistranslations: list[str] = field(default_factory=list)
    """``不 (no; not so) is not what the English says`` for each source word the English makes less likely
    than no English at all: a failure."""
    dates: int = 0
    date_misses: list[str] = field(default_factory=list)
    """``25日 → 'the 25th'`` for each source date whose year, month or day the English lacks (a translation
    only; a summary may drop a date). Reported, not a failure: see ``quantities.english_dates``."""

    @property
    def term_adherence(self) -> float:
        return self.term_hits / self.term_occurrences if self.term_occurrences else 1.0

    @property
    def fidelity(self) -> float:
        return self.quantities_ok / self.quantities if self.quantities else 1.0

    @property
    def failed(self) -> int:
        """How many of the kinds of check failed (0 = the segment passed)."""
        return sum(
            bool(x)
            for x in (
                self.term_misses,
                self.forbidden_found,
                self.quantity_missing,
                self.quantity_wrong,
                self.leaks,
                self.empty,
                self.runaway,
                self.repetitions,
                self.unsupported_numbers,
                self.unsupported_names,
                self.omissions,
                self.mistranslations,
            )
        )

    @property
    def problems(self) -> int:
        """How many single failures there are: two of three pinned terms missing is worse than one."""
        return (
            self.term_occurrences
            - self.term_hits
            + len(self.forbidden_found)
            + len(self.quantity_missing)
            + len(self.quantity_wrong)
            + len(self.leaks)
            + self.empty
            + self.runaway
            + len(self.repetitions)
            + len(self.unsupported_numbers)
            + len(self.unsupported_names)
            + len(self.omissions)
            + len(self.mistranslations)
        )

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def failures(self, context: bool = False) -> list[str]:
        """The failures in words, for a retry prompt and for people reading the report. ``context``: a
        missing amount also names the source clause it stands in (for the retry prompt: "100% is missing"
        three times cannot tell which of three 100%; a report lists it under its segment already)."""
        out: list[str] = []
        out += [f"the term {m} was not used" for m in self.term_misses]
        out += [f"the forbidden form '{f}' was used" for f in self.forbidden_found]
        out += [
            f"the amount {m} is missing"
            + (f" (the source's {part_of(m, 'context')})" if context and part_of(m, "context") else "")
            for m in self.quantity_missing
        ]
        out += [f"the amount {w}" for w in self.quantity_wrong]
        if self.leaks:
            out.append("Chinese characters were left in the English: " + " ".join(self.leaks[:5]))
        if self.empty:
            out.append("the translation was empty")
        if self.runaway:
            out.append("the translation did not stop (far too long)")
        out += [f"the translation repeated '{r}' over and over" for r in self.repetitions]
        out += [
            f"the number '{u.part('english', u)}' is not in the source ({u.part('detail', '')}): give only "
            "the source's figures"
            for u in self.unsupported_numbers
        ]
        out += [
            f"'{u.part('english', u)}' is not in the source ({u.part('detail', '')}): name only what the "
            "source names"
            for u in self.unsupported_names
        ]
        out += [
            f"the source's {f.part('source', f)}{_sense(f)} is not rendered: translate every part of the sentence"
            for f in self.omissions
        ]
        out += [_mistranslation_feedback(f) for f in self.mistranslations]
        return out

    @property
    def unfaithful(self) -> list[str]:
        """Omissions then mistranslations (``checks.faithfulness``)."""
        return self.omissions + self.mistranslations

    @property
    def unsupported(self) -> list[str]:
        """The claims its source does not support, numbers then names."""
        return self.unsupported_numbers + self.unsupported_names

    def __add__(self, other: QualityReport) -> QualityReport:
        if not isinstance(other, QualityReport):
            return NotImplemented
        merged: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            merged[name] = a + b
        return QualityReport(**merged)

    @classmethod
    def total(cls, reports: Iterable[QualityReport]) -> QualityReport:
        out = cls(segments=0)
        for r in reports:
            out = out + r
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["term_adherence"] = round(self.term_adherence, 4)
        d["quantity_fidelity"] = round(self.fidelity, 4)
        d["ok"] = self.ok
        d["failures"] = self.failures()
        d["unsupported"] = [
            {
                "kind": u.part("kind", ""),
                "english": u.part("english", str(u)),
                "source": u.part("source", ""),
                "detail": u.part("detail", ""),
            }
            for u in self.unsupported
        ]
        d["unfaithful"] = [
            {
                "kind": f.part("kind", ""),
                "english": f.part("english", ""),
                "source": f.part("source", ""),
                "detail": f.part("detail", str(f)),
            }
            for f in self.unfaithful
        ]
        return d

    def summary(self) -> str:
        """One line for stderr."""
        return (
            f"terms {self.term_hits}/{self.term_occurrences} ({self.term_adherence:.0%}), "
            f"amounts {self.quantities_ok}/{self.quantities} ({self.fidelity:.0%}), "
            f"leaks {len(self.leaks)}, empty {self.empty}, runaway {self.runaway}, "
            f"loops {len(self.repetitions)}, unsupported {len(self.unsupported)}"
            + (f", unfaithful {len(self.unfaithful)}" if self.unfaithful else "")
            + (f", dates {self.dates - len(self.date_misses)}/{self.dates}" if self.dates else "")
        )
