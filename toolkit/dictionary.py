"""jieba's default dictionary, loaded once per process, with its cache in zhbrief's own folder.

Below every stage that reads Chinese words: the decoder's plausibility test (which legacy codec forms real
words), the segmenter (``toolkit.segment``, which copies this dictionary into a tokenizer of its own) and
term mining's termhood (``toolkit.mining``) all start from it.
"""

from __future__ import annotations

import logging
import tempfile
import threading

import jieba

from toolkit.paths import cache_dir

# jieba logs "Building prefix dict..." at INFO on every new tokenizer; that is noise on a CLI's stderr.
jieba.setLogLevel(logging.WARNING)

_BASE_LOCK = threading.Lock()
_BASE: jieba.Tokenizer | None = None


def jieba_cache_dir() -> str:
    """Where jieba keeps its prefix-dictionary cache: zhbrief's own cache folder (``toolkit.paths``).

    jieba's default is ``jieba.cache`` in the shared system temp folder; when another user made that file
    first, every run printed "Dump cache file failed." and a traceback (and anyone could plant one).
    When our folder cannot be made, a private temp folder of this process stands in.
    """
    d = cache_dir() / "jieba"
    try:
        d.mkdir(parents=True, exist_ok=True)
        return str(d)
    except OSError:
        return tempfile.mkdtemp(prefix="zhbrief-jieba-")


def use_our_cache(tok: jieba.Tokenizer) -> jieba.Tokenizer:
    tok.tmp_dir = jieba_cache_dir()
    return tok


# jieba's global tokenizer (used by jieba.analyse, which glossary mining calls) gets the same folder.
use_our_cache(jieba.dt)


def base_tokenizer() -> jieba.Tokenizer:
    """A fully initialized default-dictionary tokenizer, built once per process.

    Building the prefix dictionary costs ~0.5 s even from jieba's cache; copying the finished one into a
    new Tokenizer costs milliseconds, so every Segmenter starts from a copy of this one.
    """
    global _BASE
    with _BASE_LOCK:
        if _BASE is None:
            tok = use_our_cache(jieba.Tokenizer())
            tok.initialize()
            _BASE = tok
        return _BASE
