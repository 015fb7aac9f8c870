"""The translation stage: annotated sentences in, checked English out.

    from toolkit.translation import translate_article, translate_lines, translate_sentences, Settings

One home per concern: ``model`` (Settings, Segment, Translation), ``pins``, ``prompts``, ``chunking``,
``furniture`` (datelines, bylines, outlets by rule), ``translator`` (the Translator and the entry points),
``retry`` (nudges; the draft-or-retry rule is ``compose.choice``), the document memory of renderings
(``compose.renderings``, decided by ``decide_renderings``), ``repair`` (deterministic fixes), ``memory`` (SQLite translation memory)
and ``render`` (Markdown, text, HTML, JSON).
"""

from toolkit.translation.model import ChunkRecord, Segment, Settings, Stats, Translation, article_structure
from toolkit.translation.translator import (
    Translator,
    decide_renderings,
    translate_article,
    translate_lines,
    translate_sentences,
)

__all__ = [
    "ChunkRecord",
    "Segment",
    "Settings",
    "Stats",
    "Translation",
    "Translator",
    "article_structure",
    "decide_renderings",
    "translate_article",
    "translate_lines",
    "translate_sentences",
]
