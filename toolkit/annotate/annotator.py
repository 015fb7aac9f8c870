"""The annotator: one segmenter and one glossary, each sentence annotated once (``Annotation``), and the
names of a document across its sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from toolkit.annotate.designations import Designation, find_designations
from toolkit.annotate.model import Annotation, NameUse, Pin
from toolkit.annotate.names import Name, Rejected, examine_names, person_candidates
from toolkit.quantities import Quantity, find_quantities, is_checked, pins_for
from toolkit.segment import Segmenter, Token

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.article import Article
    from toolkit.glossary import Glossary
    from toolkit.glossary.model import TermMatch


def make_pins(
    terms: Sequence[TermMatch],
    quantities: Sequence[Quantity],
    names: Sequence[Name] = (),
    designations: Sequence[Designation] = (),
) -> list[Pin]:
    """The pins of one sentence, each source string once, glossary first, then amounts, then names, then
    designations (卡-52M → Ka-52M, from the prefix table, like a place from the place tables).

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
    for d in designations:
        if d.zh not in pins and not any(d.zh in z for z in pins):
            pins[d.zh] = Pin(d.zh, d.en, "name")
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
        designations = find_designations(text)
        pins = make_pins(terms, quantities, designations=designations)
        names: list[Name] = []
        rejected: list[Rejected] = []
        if self.names:
            known = {p.zh: p.en for p in pins if p.kind != "amount"}
            tagged = self._tagged.get(text)
            names, rejected = examine_names(text, self.segmenter, known, longer=self._people, tokens=tagged)
            pins = make_pins(terms, quantities, names, designations)
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
