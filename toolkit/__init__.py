"""zhbrief: Chinese articles to English briefs an analyst can trust.

The library works without the CLI: ``toolkit.read_article(path)`` reads and structures an article;
later stages (glossary, quantities, engines, translate, brief) take the resulting ``Article``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from toolkit.article import Article, Paragraph, Section, Sentence
from toolkit.ingest import parse_text, read_article

__all__ = [
    "Article",
    "Paragraph",
    "Section",
    "Sentence",
    "__version__",
    "brief",
    "parse_text",
    "read_article",
]


def __getattr__(name: str) -> object:
    # The brief pulls in the glossary, quantities and engine stacks; `zhbrief inspect` should not pay for them.
    if name == "brief":
        from toolkit.pipeline import brief

        return brief
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
