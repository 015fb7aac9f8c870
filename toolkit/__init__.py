"""zhbrief: Chinese articles to English briefs an analyst can trust.

The library works without the CLI: ``toolkit.read_article(path)`` reads and structures an article;
later stages take the resulting ``Article``: ``toolkit.annotate`` (each sentence annotated once),
``toolkit.translation`` (``translate_article``) and ``toolkit.brief`` (``brief``). The brief and
translation stacks are imported on use, so ``zhbrief inspect`` does not pay for them.
"""

from __future__ import annotations

# The one version source: pyproject.toml reads it (dynamic = ["version"]).
__version__ = "0.1.0"

from toolkit.article import Article, Paragraph, Section, Sentence
from toolkit.ingest import parse_text, read_article

__all__ = [
    "Article",
    "Paragraph",
    "Section",
    "Sentence",
    "__version__",
    "parse_text",
    "read_article",
]
