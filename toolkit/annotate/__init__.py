"""Each sentence annotated once: tokens, glossary matches, quantities, names, and the pins they make.

Every later stage reads this and none re-derives it: the brief ranks sentences by its tokens, terms and
figures; translation and summary prompts take its pins; the checks hold the English to its matches and
quantities; the repairs replace what its pins make certain; the figures table lists its quantities.

    annotator = Annotator(glossary)          # one segmenter, loaded with the glossary's terms
    ann = annotator.annotate("中厂营收1200万美元。", id="§1¶1s1")
    ann.pins   → [Pin("中厂", "mid-size vendor", "term"), Pin("1200万美元", "US$12 million", "amount")]

Pins cross from here to the prompts as typed ``Pin`` values, never as prompt text parsed back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from toolkit.annotate.names import Name, Rejected, examine_names, person_candidates
from toolkit.quantities import Quantity, find_quantities, is_checked, pins_for
from toolkit.segment import Segmenter, Token

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.article import Article
    from toolkit.glossary import Glossary
    from toolkit.glossary.model import TermMatch

PIN_KINDS = ("term", "dnt", "forbid", "amount", "name")


@dataclass(frozen=True)
class Pin:
    """One source string whose English is fixed wherever the sentence is rendered."""

    zh: str
    en: str
    kind: str
    """``term`` (glossary: write ``en``), ``dnt`` (glossary: keep ``zh`` as is), ``forbid`` (glossary: a
    forbidden entry; ``en`` empty, its forms in ``forbid``), ``amount`` (quantities), ``name`` (pinyin)."""
    forbid: tuple[str, ...] = field(default=())

    @property
    def listed(self) -> bool:
        """Whether a prompt lists it as "zh = en" (dnt and forbid pins are told differently)."""
        return self.kind not in ("dnt", "forbid")

    def to_dict(self) -> dict[str, object]:
        return {"zh": self.zh, "en": self.en, "kind": self.kind, "forbid": list(self.forbid)}


@dataclass
class Annotation:
    """Everything later stages need to know about one sentence (or heading, title, line)."""

    text: str
    id: str = ""
    tokens: list[str] = field(default_factory=list)
    """jieba's words (glossary terms kept whole), for ranking."""
    terms: list[TermMatch] = field(default_factory=list)
    """Glossary matches, longest first and non-overlapping (every status)."""
    quantities: list[Quantity] = field(default_factory=list)
    """Every quantity the quantities module reads, dates included."""
    names: list[Name] = field(default_factory=list)
    """Names found by part of speech (pinned or not; those inside a glossary term have source ``glossary``)."""
    rejected_names: list[Rejected] = field(default_factory=list)
    """Words jieba tagged as names that the evidence says are not (上市, 高喊), with the reason."""
    pins: list[Pin] = field(default_factory=list)

    @property
    def allow(self) -> list[str]:
        """Do-not-translate terms: the Chinese that may stand in the English."""
        return [p.zh for p in self.pins if p.kind == "dnt"]

    @property
    def name_pins(self) -> list[tuple[str, str]]:
        return [(p.zh, p.en) for p in self.pins if p.kind == "name"]

    @property
    def figures(self) -> list[Quantity]:
        """The quantities that are not dates."""
        return [q for q in self.quantities if q.kind != "date"]

    @property
    def pinned_terms(self) -> list[TermMatch]:
        """Matches the English must carry over (dnt terms stand in the source as they are)."""
        return [m for m in self.terms if m.entry.status != "dnt"]


def make_pins(
    terms: Sequence[TermMatch], quantities: Sequence[Quantity], names: Sequence[Name] = ()
) -> list[Pin]:
    """The pins of one sentence, each source string once, glossary first, then amounts, then names.

    Amounts are pinned only where the fidelity check holds the English to them (amounts, percents, 万/亿
    magnitudes) and the English differs from the source (30% needs no pin): every pin costs prompt tokens.
    """
    pins: dict[str, Pin] = {}
    for m in terms:
        e = m.entry
        if e.status == "approved" and e.en:
            pins.setdefault(m.text, Pin(m.text, e.en, "term", tuple(e.forbid)))
        elif e.status == "dnt":
            pins.setdefault(m.text, Pin(m.text, m.text, "dnt", tuple(e.forbid)))
        elif e.status == "forbidden" and e.en:
            pins.setdefault(m.text, Pin(m.text, "", "forbid", (e.en, *e.forbid)))
    for zh, en in pins_for([q for q in quantities if is_checked(q)]):
        if en and en != zh and zh not in pins:
            pins[zh] = Pin(zh, en, "amount")
    for n in names:
        if n.pinned and n.en and n.zh not in pins:
            pins[n.zh] = Pin(n.zh, n.en, "name")
    return list(pins.values())


class Annotator:
    """Annotates text with one glossary and one segmenter (the glossary's, so its terms stay whole)."""

    def __init__(
        self,
        glossary: Glossary | None = None,
        segmenter: Segmenter | None = None,
        names: bool = True,
        tokens: bool = True,
    ) -> None:
        self._source = glossary
        self.glossary = glossary if glossary is not None and glossary.entries else None
        self._segmenter = segmenter
        self.names = names
        # Only ranking reads the tokens: a translation or an audit of plain text needs no segmenter for them.
        self.tokens = tokens
        # Set by read_document: the people jieba finds anywhere in the document (a name cut short in one
        # sentence, 张继 of 张继科, is not pinned) and each text's tagged tokens, so no text is tagged twice.
        self._people: set[str] = set()
        self._tagged: dict[str, list[Token]] = {}

    @property
    def segmenter(self) -> Segmenter:
        # Built on first use: copying jieba's dictionary costs real time, and a caller that hands over its
        # annotations (the brief's fallback translations) never needs one.
        if self._segmenter is None:
            self._segmenter = self._source.segmenter() if self._source is not None else Segmenter()
        return self._segmenter

    def read_document(self, texts: Iterable[str]) -> None:
        """Read a document's texts for names before annotating them one by one (see ``examine_names``'s
        ``longer``). Optional: without it each text is judged alone."""
        if not self.names:
            return
        self._tagged = {t: self.segmenter.pos_tokens(t) for t in texts if t}
        self._people = set().union(*(person_candidates(v) for v in self._tagged.values()))

    def annotate(self, text: str, id: str = "") -> Annotation:
        terms = self.glossary.match(text) if self.glossary is not None else []
        quantities = find_quantities(text)
        pins = make_pins(terms, quantities)
        names: list[Name] = []
        rejected: list[Rejected] = []
        if self.names:
            known = {p.zh: p.en for p in pins if p.kind != "amount"}
            tagged = self._tagged.get(text)
            names, rejected = examine_names(text, self.segmenter, known, longer=self._people, tokens=tagged)
            pins = make_pins(terms, quantities, names)
        return Annotation(
            text=text,
            id=id,
            tokens=self.segmenter.cut(text) if self.tokens else [],
            terms=terms,
            quantities=quantities,
            names=names,
            rejected_names=rejected,
            pins=pins,
        )

    def article(self, article: Article) -> dict[str, Annotation]:
        """The title (``title``), each heading (``§2h``) and each sentence (``§2¶3s1``), by id."""
        out: dict[str, Annotation] = {}
        texts = [article.title] + [
            t for sec in article.sections for t in (sec.heading, *(s.text for s in sec.sentences()))
        ]
        self.read_document(t for t in texts if t)
        for sec in article.sections:
            if sec.heading:
                out[f"{sec.id}h"] = self.annotate(sec.heading, f"{sec.id}h")
            for s in sec.sentences():
                out[s.id] = self.annotate(s.text, s.id)
        # A title that is the first sentence (an article with no title line) is read once, as the sentence.
        first = next((out[s.id] for s in article.sentences()), None)
        same = first is not None and first.text == article.title
        out["title"] = replace(first, id="title") if same else self.annotate(article.title, "title")
        return out


def annotate(text: str, glossary: Glossary | None = None, names: bool = False) -> Annotation:
    """One annotation of ``text`` (no name pins unless asked, no tokens: auditing an English text needs
    neither)."""
    return Annotator(glossary, names=names, tokens=False).annotate(text)


@dataclass
class NameUse:
    """One name across a document: where it stands, what is pinned for it and on what evidence."""

    zh: str
    kind: str
    en: str | None
    source: str
    note: str
    ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "zh": self.zh,
            "kind": self.kind,
            "en": self.en,
            "source": self.source,
            "note": self.note,
            "ids": list(self.ids),
        }


def name_uses(annotations: Iterable[Annotation], guesses_only: bool = False) -> list[NameUse]:
    """Each name of the annotations once (first occurrence order) with every id it occurs in.

    ``guesses_only``: only the pinyin names that were pinned, the "names to check" a brief or translation
    lists, since pinyin is a guess where the glossary, CEDICT and the place table are not.
    """
    out: dict[str, NameUse] = {}
    for ann in annotations:
        for n in ann.names:
            if guesses_only and not n.guess:
                continue
            use = out.setdefault(n.zh, NameUse(n.zh, n.kind, n.en, n.source, n.note))
            if ann.id and ann.id not in use.ids:
                use.ids.append(ann.id)
    return list(out.values())


def rejected_uses(annotations: Iterable[Annotation]) -> list[NameUse]:
    """Each word rejected as a name once, with the reason and every id it occurs in."""
    out: dict[str, NameUse] = {}
    for ann in annotations:
        for r in ann.rejected_names:
            use = out.setdefault(r.zh, NameUse(r.zh, r.kind, None, "", r.reason))
            if ann.id and ann.id not in use.ids:
                use.ids.append(ann.id)
    return list(out.values())


def article_names(article: Article, glossary: Glossary | None = None) -> tuple[list[NameUse], list[NameUse]]:
    """Every name of ``article`` as the pipeline reads it (``zhbrief names``), and the rejected words."""
    annotations = list(Annotator(glossary).article(article).values())
    return name_uses(annotations), rejected_uses(annotations)
