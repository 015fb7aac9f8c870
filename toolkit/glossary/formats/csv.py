"""CSV in the shape cloud translators take: two columns, source then target, with or without a header.

DeepL and Google take bare ``source,target`` rows; Amazon Translate wants a header of language codes
(``zh,en``). Only zh/en travel: CSV has no room for alternatives, forbidden forms or status, so export writes
the pinned entries (approved and dnt) and import reads every row as approved. A CSV with our full header
(zh,en,alt,forbid,status,domain,note) is read with all its columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from toolkit.errors import ZhbriefError
from toolkit.glossary.formats.base import GlossaryFormat
from toolkit.glossary.formats.tsv import split_list
from toolkit.glossary.model import COLUMNS, Entry

_LANG_HEADERS = {
    "zh",
    "zh-cn",
    "zh-hans",
    "zh_cn",
    "zh-tw",
    "zh-hant",
    "zho",
    "chi",
    "chinese",
    "source",
    "term",
    "en",
    "en-us",
    "en-gb",
    "en_us",
    "eng",
    "english",
    "target",
    "translation",
}


class CsvFormat(GlossaryFormat):
    name = "csv"
    suffixes = (".csv",)
    lossless = False

    def loads(self, text: str, source: str = "-") -> list[Entry]:
        # csv.Sniffer misreads quoted fields ('a,b "c"'); the delimiter is all we need to guess: Excel in
        # some locales writes ';'.
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
        if not rows:
            return []
        head = [c.strip().lower() for c in rows[0]]
        if "zh" in head and "en" in head and len(head) > 2:
            return [self._full(dict(zip(head, r, strict=False))) for r in rows[1:]]
        if len(head) >= 2 and head[0] in _LANG_HEADERS and head[1] in _LANG_HEADERS:
            rows = rows[1:]
        out = []
        for n, r in enumerate(rows, start=1):
            if len(r) < 2:
                raise ZhbriefError(
                    f"{source}: row {n} has {len(r)} column(s); a glossary CSV needs source,target"
                )
            out.append(Entry(zh=r[0].strip(), en=r[1].strip()))
        return out

    @staticmethod
    def _full(v: dict[str, str]) -> Entry:
        return Entry(
            zh=v.get("zh", "").strip(),
            en=v.get("en", "").strip(),
            alt=split_list(v.get("alt", "")),
            forbid=split_list(v.get("forbid", "")),
            status=(v.get("status", "") or "approved").strip().lower(),
            domain=v.get("domain", "").strip(),
            note=v.get("note", "").strip(),
        )

    def dumps(self, entries: Sequence[Entry], **options: object) -> str:
        """``header=True`` writes a ``zh,en`` language-code header; ``full=True`` every column."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if options.get("full"):
            w.writerow(COLUMNS)
            for e in entries:
                w.writerow([e.zh, e.en, "|".join(e.alt), "|".join(e.forbid), e.status, e.domain, e.note])
            return buf.getvalue()
        if options.get("header"):
            w.writerow(["zh", "en"])
        for e in entries:
            if e.pinned:
                w.writerow([e.zh, e.en or e.zh])
        return buf.getvalue()
