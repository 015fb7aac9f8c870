"""The brief's quality block: the sum of the checks that decided each summary sentence's fate.

Every summary sentence carries the ``QualityReport`` of its final English against the source it cites,
made by ``check_segment(summary=True)`` when the sentence was drafted, repaired, retried or replaced. The
block adds them up; headings and the title are held to the one leak definition (``toolkit.cjk``).
Nothing here reads the English a second time with other rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from toolkit.annotate import Annotation
from toolkit.brief.model import Quality, SectionBrief
from toolkit.checks import QualityReport
from toolkit.cjk import find_leaks


def compute_quality(
    sections: Sequence[SectionBrief],
    title_en: str,
    annotations: Mapping[str, Annotation],
    counters: Any,
) -> Quality:
    """Term adherence, quantity errors, Chinese leaks and unsupported claims summed over the summary
    sentences' reports."""
    total = QualityReport(segments=0)
    misses: list[dict] = []
    forbidden: list[dict] = []
    qerrors: list[dict] = []
    leaks: list[dict] = []
    unsupported: list[dict] = []
    unfaithful: list[dict] = []
    for sec in sections:
        for s in sec.summary:
            rep = s.quality
            if rep is None:
                raise ValueError(f"summary sentence {s.sources} carries no check report")
            total = total + rep
            where = ",".join(s.sources)
            misses += [{"id": where, "zh": m.part("zh"), "en": m.part("en")} for m in rep.term_misses]
            forbidden += [
                {"id": where, "zh": f.part("zh"), "form": f.part("form")} for f in rep.forbidden_found
            ]
            qerrors += [
                {
                    "id": where,
                    "source": w.part("source"),
                    "expected": w.part("expected"),
                    "found": w.part("found"),
                    "problem": f"wrong {w.part('reason')}",
                }
                for w in rep.quantity_wrong
            ]
            leaks += [{"where": where, "text": span} for span in rep.leaks]
            unsupported += [
                {
                    "id": where,
                    "kind": u.part("kind"),
                    "english": u.part("english"),
                    "detail": u.part("detail"),
                }
                for u in rep.unsupported
            ]
            unfaithful += [
                {"id": where, "kind": f.part("kind"), "source": f.part("source"), "detail": f.part("detail")}
                for f in rep.unfaithful
            ]
        if sec.heading_en:
            ann = annotations.get(f"{sec.id}h")
            for span in find_leaks(sec.heading_en, ann.allow if ann else ()):
                leaks.append({"where": f"heading {sec.id}", "text": span})
    title = annotations.get("title")
    for span in find_leaks(title_en, title.allow if title else ()):
        leaks.append({"where": "title", "text": span})
    passed = (
        not misses
        and not forbidden
        and not qerrors
        and not leaks
        and not unsupported
        and not unfaithful
        and all(s.status != "flagged" for sec in sections for s in sec.summary)
    )
    return Quality(
        term_adherence=round(total.term_adherence, 4),
        term_occurrences=total.term_occurrences,
        term_hits=total.term_hits,
        term_misses=misses,
        forbidden_found=forbidden,
        quantity_checked=total.quantities,
        quantity_errors=qerrors,
        cjk_leaks=leaks,
        retries=counters.retries,
        fallbacks=counters.fallbacks,
        repairs=counters.repairs,
        passed=passed,
        unsupported=unsupported,
        unsupported_in_drafts=getattr(counters, "draft_unsupported", 0),
        unfaithful=unfaithful,
    )
