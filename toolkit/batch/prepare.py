"""The model-free part of each article — read, decode, normalize, sectionize, split, match terms, find
quantities, hash — run ahead of the model, in worker processes when ``--jobs`` > 0.

Workers get the glossary once (pool initializer), not once per article. Everything returned is plain data
that pickles back cheaply; a bad input comes back as an error message, never as an exception that would
take the pool down.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.article import Article
from toolkit.batch.keys import content_hash, occurring_terms
from toolkit.errors import ZhbriefError
from toolkit.ingest import read_article
from toolkit.quantities import find_quantities

DEFAULT_MAX_CHARS = 30_000
"""Longer than any news article or analysis piece we have seen (the seed article is ~2,600); a file past it
is almost certainly a book or a dump, and would hold the model for an hour."""

_GLOSSARY: Any = None


@dataclass
class Prepared:
    path: Path
    article: Article | None = None
    content: str = ""
    terms: list[dict[str, Any]] = field(default_factory=list)
    quantities: int = 0
    error: str | None = None
    seconds: float = 0.0


def init_worker(glossary: Any) -> None:
    import signal

    global _GLOSSARY
    _GLOSSARY = glossary
    # Ctrl+C is for the main process to handle (it records nothing half-done and stops the pool);
    # a worker that died of it would break the pool mid-shutdown instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker must not outlive a main process killed with -9: it would linger, holding memory."""
    import os
    import sys

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            pr_set_pdeathsig = 1
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(pr_set_pdeathsig, 9, 0, 0, 0) == 0:  # SIGKILL when the parent dies
                return
        except (OSError, AttributeError):
            pass
    import threading

    parent = os.getppid()

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class TooLong(ZhbriefError):
    pass


def prepare(
    path: Path, max_chars: int = DEFAULT_MAX_CHARS, glossary: Any = None, extract: bool = True
) -> Prepared:
    """Read and key one article. ``glossary`` defaults to the one the worker was initialised with."""
    t0 = time.perf_counter()
    g = glossary if glossary is not None else _GLOSSARY
    out = Prepared(path)
    try:
        # Regular files only: a FIFO in an input folder would block the run forever waiting for a writer.
        article = read_article(path, regular_only=True, extract=extract)
        if article.chars > max_chars:
            raise TooLong(
                f"{path}: {article.chars:,} characters is too long for one article (limit {max_chars:,}; "
                "raise it with --max-chars or split the file)"
            )
        out.article = article
        out.content = content_hash(article)
        out.terms = occurring_terms(article, g)
        # Counted here so the report has the figure even for articles whose result comes from the cache.
        out.quantities = sum(
            1 for s in article.sentences() for q in find_quantities(s.text) if q.kind != "date"
        )
    except ZhbriefError as e:
        out.error = str(e)
    except Exception as e:  # a bug on one odd file must not stop the other four hundred
        out.error = f"{path}: could not read ({type(e).__name__}: {e})"
    out.seconds = time.perf_counter() - t0
    return out
