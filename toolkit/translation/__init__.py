"""The parts of translation that need no model: chunking, prompts, name pins, the translation memory,
and rendering. ``toolkit.translate`` puts them together around an engine."""
