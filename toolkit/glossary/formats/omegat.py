"""OmegaT's glossary: tab-separated ``source<TAB>target<TAB>comment`` lines, ``#`` comments, UTF-8.

OmegaT shows every line for a source term, so alternative English forms are written as extra lines with
the same source term; status, forbidden forms and domain go into the comment the translator sees, as
``status: …; avoid: a|b; domain: …``, which import reads back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.glossary.formats.base import GlossaryFormat, clean_field
from toolkit.glossary.formats.tsv import split_list
from toolkit.glossary.model import Entry, fold

_TAG = re.compile(r"^(status|avoid|domain|alt of):\s*(.*)$")


class OmegatFormat(GlossaryFormat):
    name = "omegat"
    suffixes = (".utf8", ".txt")
    lossless = True

    def loads(self, text: str, source: str = "-") -> list[Entry]:
        entries: dict[str, Entry] = {}
        for raw in text.split("\n"):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            fields = raw.split("\t")
            zh = fields[0].strip()
            en = fields[1].strip() if len(fields) > 1 else ""
            comment = "\t".join(fields[2:]).strip() if len(fields) > 2 else ""
            tags: dict[str, str] = {}
            notes = []
            for part in comment.split("; ") if comment else []:
                m = _TAG.match(part.strip())
                if m:
                    tags[m.group(1)] = m.group(2).strip()
                elif part:
                    notes.append(part)
            key = fold(zh)
            if key in entries and "alt of" in tags:
                if en and en not in entries[key].alt:
                    entries[key].alt.append(en)
                continue
            if key in entries:
                # A second plain line for the same term (how OmegaT users write synonyms): an alternative.
                if en and en != entries[key].en and en not in entries[key].alt:
                    entries[key].alt.append(en)
                continue
            entries[key] = Entry(
                zh=zh,
                en=en,
                forbid=split_list(tags.get("avoid", "")),
                status=tags.get("status", "approved").lower() or "approved",
                domain=tags.get("domain", ""),
                note="; ".join(notes),
            )
        return list(entries.values())

    def dumps(self, entries: Sequence[Entry], **options: object) -> str:
        lines = ["# OmegaT glossary exported by zhbrief: source<TAB>target<TAB>comment"]
        for e in entries:
            parts = []
            if e.note:
                parts.append(e.note)
            if e.status != "approved":
                parts.append(f"status: {e.status}")
            if e.forbid:
                parts.append(f"avoid: {'|'.join(e.forbid)}")
            if e.domain:
                parts.append(f"domain: {e.domain}")
            lines.append("\t".join([clean_field(e.zh), clean_field(e.en), clean_field("; ".join(parts))]))
            for a in e.alt:
                lines.append("\t".join([clean_field(e.zh), clean_field(a), f"alt of: {clean_field(e.en)}"]))
        return "\n".join(lines) + "\n"
