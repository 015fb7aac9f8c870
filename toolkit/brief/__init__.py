"""The brief stage: an annotated article in, a checked English brief out.

    from toolkit.brief import brief
    b = brief("article.txt", glossary=load_glossaries(), model="small")   # glossary=None: none
    print(b.quality.passed, b.signature)

One home per concern: ``model`` (the Brief dataclasses and JSON schema), ``select`` (salience),
``prompts``, ``draft`` (draft → repair → retry → fallback), ``quality`` (the quality block),
``pipeline`` (``brief()``, putting them together) and ``render/`` (Markdown, HTML, JSON).
"""

from toolkit.brief.model import SCHEMA, Brief, Figure, Quality, SectionBrief, SummarySentence, TermUse
from toolkit.brief.pipeline import METHODS, brief, load_article

__all__ = [
    "METHODS",
    "SCHEMA",
    "Brief",
    "Figure",
    "Quality",
    "SectionBrief",
    "SummarySentence",
    "TermUse",
    "brief",
    "load_article",
]
