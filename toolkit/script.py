"""Which script Chinese text is written in, and the conversions every reader of Chinese applies alike:
traditional → simplified (OpenCC t2s) and full-width Latin letters and digits → ASCII. Articles
(``toolkit.ingest``) and glossary keys (``toolkit.glossary.match``) pass through the same two functions, so
中廠 finds 中厂 and ＡＩ finds AI."""

from __future__ import annotations

from functools import lru_cache

from toolkit.cjk import HAN


@lru_cache(maxsize=2)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """OpenCC t2s: the one conversion applied to articles and glossary keys alike."""
    return _opencc("t2s").convert(text)


def detect_script(original: str, simplified: str) -> str:
    changed = sum(1 for a, b in zip(original, simplified, strict=False) if a != b)
    if changed == 0:
        return "simplified"
    # A simplified article still contains the odd character OpenCC maps (乾 in names, 著 vs 着); a
    # traditional one changes in a large share of its characters.
    cjk = max(1, sum(1 for ch in original if HAN.match(ch)))
    share = changed / cjk
    if share > 0.08:
        return "traditional"
    back = _opencc("s2t").convert(original)
    changed_back = sum(1 for a, b in zip(original, back, strict=False) if a != b)
    return "mixed" if changed_back and share > 0.01 else "simplified"


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH[0x3000] = 0x20  # ideographic space inside a line is just a space to us
_FULLWIDTH[0xFF0E] = 0x2E  # ．between digits is a decimal point
_FULLWIDTH[0xFF05] = 0x25  # ％


def fold_widths(text: str) -> str:
    """Full-width Latin letters, digits (and ％, ．, ideographic space) to ASCII; Chinese punctuation stays."""
    return text.translate(_FULLWIDTH)
