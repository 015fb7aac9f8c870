"""Markdown helpers the renderers share (the brief's tables, the batch report's)."""

from __future__ import annotations


def cell(x: object) -> str:
    """``x`` as one Markdown table cell: ``|`` escaped, line breaks as spaces, None as empty."""
    return str(x if x is not None else "").replace("|", "\\|").replace("\n", " ")
