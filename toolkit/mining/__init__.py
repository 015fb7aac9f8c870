"""A glossary's next terms, from a corpus: ``zhbrief glossary mine`` and ``coverage``.

Above ``annotate``: mining reads articles (``toolkit.ingest``) and proposes the names the pipeline finds
(``toolkit.annotate``), while the glossary model and matcher it extends import neither.

    texts = corpus_texts(["corpus/"])     # (name, text) of every article found
    mine(texts, g)                        # candidate terms and names the glossary lacks, best first
    coverage(texts, g)                    # which terms the corpus uses, and the candidates
"""

from __future__ import annotations

from toolkit.glossary.candidate import Candidate
from toolkit.mining.corpus import Coverage, TermUse, corpus_files, corpus_texts, coverage
from toolkit.mining.mine import mine, name_candidates

__all__ = [
    "Candidate",
    "Coverage",
    "TermUse",
    "corpus_files",
    "corpus_texts",
    "coverage",
    "mine",
    "name_candidates",
]
