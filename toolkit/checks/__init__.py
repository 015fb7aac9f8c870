"""Checks on English output against its Chinese source → ``QualityReport``.

Term adherence (the glossary's ``check_terms``), quantity fidelity (``quantities.check_fidelity``), dates
(reported), Chinese left in the English (``toolkit.cjk``: a leak), claims the source does not make (numbers,
places, names: ``grounding``), and the failure modes of small models: empty output, runaway output that
never stops, repetition loops. ``audit`` runs the same check over any English (``zhbrief check``). ``check_segment`` is the one entry point;
``failures()`` words what went wrong so a retry prompt can name it.
"""

from toolkit.checks.modes import find_repetition, is_runaway
from toolkit.checks.report import Finding, QualityReport
from toolkit.checks.segment import check_segment
from toolkit.cjk import find_leaks

__all__ = ["Finding", "QualityReport", "check_segment", "find_leaks", "find_repetition", "is_runaway"]
