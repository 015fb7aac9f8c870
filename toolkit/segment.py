"""Word segmentation with a jieba tokenizer of our own.

jieba's module-level functions share one global ``Tokenizer``; adding glossary terms to it would leak them
into every other user of jieba in the process (and theirs into ours). So each ``Segmenter`` owns a
``jieba.Tokenizer`` and its own user words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import jieba

from toolkit.dictionary import base_tokenizer, use_our_cache

# jieba only keeps a user word whole if every character matches its "han" pattern; a space or other
# punctuation inside a term splits it whatever the dictionary says.
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+$")


def jieba_can_hold(term: str) -> bool:
    """Whether jieba can return ``term`` as a single token once it is a user word."""
    return bool(_JIEBA_WORD.match(term))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    pos: str | None = None


class Segmenter:
    """Segments normalized (simplified) Chinese text; glossary terms become single tokens."""

    def __init__(self, user_words: Iterable[str] = (), hmm: bool = True) -> None:
        base = base_tokenizer()
        tok = use_our_cache(jieba.Tokenizer())
        # Copy the initialized state instead of re-reading the dictionary (see toolkit.dictionary.base_tokenizer).
        tok.FREQ = dict(base.FREQ)
        tok.total = base.total
        tok.initialized = True
        tok.user_word_tag_tab = {}
        self.tokenizer = tok
        self.hmm = hmm
        self.user_words: set[str] = set()
        for w in user_words:
            self.add_word(w)
        self._pos = None  # jieba.posseg costs ~0.4 s to import; only name finding needs it

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        word = word.strip()
        if not word:
            return
        self.tokenizer.add_word(word, freq, tag)
        self.user_words.add(word)

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=self.hmm))

    def tokens(self, text: str) -> list[Token]:
        out: list[Token] = []
        for word, start, end in self.tokenizer.tokenize(text, HMM=self.hmm):
            out.append(Token(word, start, end))
        return out

    def dict_tag(self, word: str) -> str | None:
        """The part-of-speech tag jieba's dictionary gives ``word`` (None if it is not a dictionary word)."""
        return self._posseg().word_tag_tab.get(word)

    def _posseg(self):  # type: ignore[no-untyped-def]
        if self._pos is None:
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(self.tokenizer)
        return self._pos

    def pos_tokens(self, text: str) -> list[Token]:
        """Tokens with jieba part-of-speech tags (nr person, ns place, nt organization, nz other name)."""
        out: list[Token] = []
        pos = 0
        for pair in self._posseg().cut(text, HMM=self.hmm):
            start = text.find(pair.word, pos)
            if start < 0:
                start = pos
            end = start + len(pair.word)
            out.append(Token(pair.word, start, end, pair.flag))
            pos = end
        return out
