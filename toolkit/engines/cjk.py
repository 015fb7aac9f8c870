"""Which vocabulary tokens can put Chinese (CJK) characters into the output.

Byte-level BPE vocabularies (Qwen's) hold whole characters (``的``), words (``赛道``) and bare UTF-8
fragments (the lead byte ``\\xe5`` alone, or two of a character's three bytes). Forbidding only tokens that
decode to a full CJK character would let the model spell one out of fragments, so a token is forbidden when
its bytes contain a CJK character *or the lead byte of one*: with every lead byte gone, the continuation
fragments that remain cannot complete a character. Curly quotes and dashes (U+2000s, lead byte E2) and
emoji stay allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

# Which characters count as CJK is defined once, in toolkit.cjk; this module maps that set onto token bytes.


def bytes_may_make_cjk(b: bytes) -> bool:
    """True if these token bytes hold a CJK character or could start one.

    UTF-8 lead bytes E3..ED start U+3000..U+DFFF (CJK punctuation through Hangul); EF followed by BC/BD
    starts a fullwidth form (，：（）); E2 followed by BA..BF is a CJK radical; F0 followed by A0..B1 is a
    supplementary ideograph. A lone trailing EF is forbidden too: it starts fullwidth punctuation far more
    often than anything an English sentence needs.
    """
    n = len(b)
    for i, c in enumerate(b):
        if 0xE3 <= c <= 0xED:
            return True
        nxt = b[i + 1] if i + 1 < n else None
        if c == 0xEF and (nxt is None or nxt in (0xBC, 0xBD)):
            return True
        if c == 0xE2 and nxt is not None and 0xBA <= nxt <= 0xBF:
            return True
        if c == 0xF0 and nxt is not None and 0xA0 <= nxt <= 0xB1:
            return True
    return False


def cjk_mask(pieces: Iterable[bytes], size: int | None = None) -> np.ndarray:
    """A boolean array over token ids: True where the token's bytes may make a CJK character.

    ``size`` pads the mask to the model's logits width (it can exceed the tokenizer's vocabulary; the
    padding ids are never produced, so they stay allowed).
    """
    flags = [bytes_may_make_cjk(p) for p in pieces]
    mask = np.zeros(max(size or 0, len(flags)), dtype=bool)
    mask[: len(flags)] = flags
    return mask


@lru_cache(maxsize=1)
def byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level BPE alphabet, reversed: each visible character stands for one byte."""
    bs = (
        list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), 256))
    )
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs, strict=True)}


def byte_level_bytes(token: str) -> bytes:
    """The bytes a byte-level BPE token string (``Ġthe``, ``ç¼ĸ``) stands for.

    Added tokens (``<|im_end|>``) are stored as plain text and contain characters outside the alphabet.
    """
    dec = byte_decoder()
    if all(c in dec for c in token):
        return bytes(dec[c] for c in token)
    return token.encode("utf-8")
