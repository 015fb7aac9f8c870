"""Sentences: split a paragraph at Chinese sentence enders, never inside quotes or brackets, keeping the
original-script text aligned with the normalized one."""

from __future__ import annotations

import re

_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}
_CLOSE_QUOTES = set(_OPEN_QUOTES.values()) | {"’", '"'}
_ENDERS = set("。！？!?；;")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on 。！？!?； and on '.' that ends an English sentence.

    Kept intact: decimals (2.4亿), ranges (3-5亿), Latin names (Mureka V8), and quoted speech — an ender inside
    “…” does not end the sentence; closing quotes and brackets stay with the sentence they close. A run of
    enders (？！, ……) stays together.
    """
    out: list[str] = []
    start = 0
    depth: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES and not (ch == "(" and depth and depth[-1] == ")"):
            depth.append(_OPEN_QUOTES[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
            # “我们不玩了。”然后…: an ender just inside the closing quote ends the sentence after it.
            if not depth and i > start and text[i - 1] in _ENDERS:
                j = i + 1
                while j < n and (text[j] in _ENDERS or text[j] in _CLOSE_QUOTES):
                    j += 1
                out.append(text[start:j].strip())
                start = i = j
                continue
        is_end = ch in _ENDERS or (
            ch == "."
            and (i + 1 == n or text[i + 1] == " ")
            and not (i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit())
            and i > 0
            and text[i - 1].isascii()
            and text[i - 1].isalpha()
            and not re.search(r"\b(?:[A-Z]|Mr|Ms|Dr|Inc|Co|Ltd|vs|etc|No|St)$", text[start:i])
        )
        if is_end and not depth:
            j = i + 1
            while j < n and (text[j] in _ENDERS or text[j] in "…" or text[j] in _CLOSE_QUOTES):
                j += 1
            piece = text[start:j].strip()
            if piece:
                out.append(piece)
            start = j
            i = j
            continue
        i += 1
    tail = text[start:].strip()
    if tail:
        # A quote left open never closed; rather than one giant sentence, keep what we have.
        out.append(tail)
    return out


def split_aligned(norm: str, orig: str) -> list[tuple[str, str]]:
    """Split normalized text into sentences and cut the original at the same offsets.

    OpenCC t2s maps character for character in practice, so offsets line up; when a conversion changes
    the length we fall back to showing the normalized text as the original.
    """
    sents = split_sentences(norm)
    if len(norm) != len(orig):
        return [(s, s) for s in sents]
    pairs: list[tuple[str, str]] = []
    pos = 0
    for s in sents:
        k = norm.find(s, pos)
        if k < 0:
            pairs.append((s, s))
            continue
        pairs.append((s, orig[k : k + len(s)]))
        pos = k + len(s)
    return pairs
