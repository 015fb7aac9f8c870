"""A glossary against a corpus of articles: reading the articles' text, and which terms occur where."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError
from toolkit.glossary.candidate import Candidate
from toolkit.glossary.model import Entry, Glossary
from toolkit.ingest import read_article
from toolkit.ingest.discover import discover
from toolkit.mining.mine import mine


def corpus_files(paths: Sequence[str | Path]) -> list[Path]:
    """The article files ``paths`` name or hold, each once, found the way ``zhbrief batch`` finds them."""
    files: dict[str, Path] = {}
    # Mining writes nothing per article, so two inputs that would share an output name are fine here.
    for item in discover(list(paths), outputs=False):
        files.setdefault(os.path.realpath(item.path), item.path)  # realpath never raises on a link loop
    if not files:
        raise InputError("no articles found; give article files or folders of .txt/.md/.html/.pdf files")
    return list(files.values())


def corpus_texts(paths: Sequence[str | Path], *, extract: bool = True) -> list[tuple[str, str]]:
    """(name, text) for every article named in ``paths`` or found under the folders among them.

    Files are found the way ``zhbrief batch`` finds them (``toolkit.ingest.discover``: the article suffixes,
    hidden files and folders skipped, sorted within each folder). The text is what a reader sees: the
    title (unless it was only the first sentence), headings and paragraphs; web pages their main text
    unless ``extract`` is false.
    """
    out = []
    for f in corpus_files(paths):
        a = read_article(f, extract=extract)
        parts = [a.title] if a.title_from != "first-sentence" else []
        for s in a.sections:
            parts += [s.heading] if s.heading else []
            parts += [p.text for p in s.paragraphs]
        out.append((str(f), "\n".join(parts)))
    return out


@dataclass
class TermUse:
    """One glossary term's occurrences in a corpus."""

    entry: Entry
    count: int
    articles: list[str]

    def to_dict(self) -> dict[str, object]:
        e = self.entry
        return {"zh": e.zh, "en": e.en, "status": e.status, "count": self.count, "articles": self.articles}


@dataclass
class Coverage:
    """Which glossary terms a corpus uses (most frequent first) and the candidates it does not pin."""

    articles: int
    terms: list[TermUse]
    glossary_size: int
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def unused(self) -> int:
        return self.glossary_size - len(self.terms)

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "terms": [t.to_dict() for t in self.terms],
            "unused": self.unused,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def coverage(texts: Sequence[tuple[str, str]], glossary: Glossary, top: int = 20) -> Coverage:
    """Count each glossary term's matches in ``texts`` ((name, text) pairs) and mine the ``top``
    candidates the glossary lacks."""
    counts: Counter[str] = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    entries: dict[str, Entry] = {}
    for name, text in texts:
        for m in glossary.match(text):
            counts[m.entry.key] += 1
            where[m.entry.key].add(name)
            entries[m.entry.key] = m.entry
    terms = [TermUse(entries[k], n, sorted(where[k])) for k, n in counts.most_common()]
    return Coverage(len(texts), terms, len(glossary), mine(texts, glossary, top=top))
