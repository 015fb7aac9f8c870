"""Does an English word read as the pinyin of some run of a Chinese text? (Langao for 岚皋, Lu for 吕.)"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin import Style, pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    # Without the interjections' syllables (嗯 n, ng; 呣 m; 哼 hng), which no name uses: with them "Taitung"
    # (tai-tu-ng) and "Hualien" read as pinyin.
    return frozenset(
        s
        for group in pinyin(chars, style=Style.NORMAL, heteronym=True)
        for s in group
        if re.search("[aeiouv]", s)
    )


def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (the interjections' n, ng, m, hng left out)."""
    return _syllables()


def is_pinyin(word: str) -> bool:
    """``word`` (lower case, no spaces) splits into pinyin syllables ("langao", "ankang")."""
    sy = _syllables()
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in sy for j in range(max(0, i - 6), i))
    return bool(word) and ok[-1]


@functools.lru_cache(maxsize=4096)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    readings = set(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
    # ü is written u in names (吕 Lu, 女 Nu); pypinyin writes v.
    return frozenset(readings | {r.replace("v", "u") for r in readings})


def pinyin_spans(source: str, key: str) -> list[tuple[int, int]]:
    """(start, end) of each run of ``source`` whose pinyin, syllables joined, is ``key``."""
    readings, where = _source_readings(source)
    # A run can only start at a character one of whose readings begins the key: look those up (a
    # syllable is at most six letters) rather than trying every character of the source for every name.
    starts = sorted({i for n in range(1, min(6, len(key)) + 1) for i in where.get(key[:n], ())})
    return [(start, end) for start in starts for end in _match_from(readings, start, key)]


@functools.lru_cache(maxsize=8)
def _source_readings(source: str) -> tuple[tuple[frozenset[str], ...], dict[str, tuple[int, ...]]]:
    """The pinyin readings of each character of ``source`` (none for a character that is not Chinese),
    and where each reading occurs: made once per source for all the names judged against it."""
    readings = tuple(frozenset(r for r in _readings(ch) if r and r != ch) for ch in source)
    where: dict[str, list[int]] = {}
    for i, rs in enumerate(readings):
        for r in rs:
            where.setdefault(r, []).append(i)
    return readings, {r: tuple(at) for r, at in where.items()}


def _match_from(readings: tuple[frozenset[str], ...], i: int, key: str) -> list[int]:
    if not key:
        return [i]
    if i >= len(readings):
        return []
    out: list[int] = []
    for r in readings[i]:
        if key.startswith(r):
            out += _match_from(readings, i + 1, key[len(r) :])
    return out
