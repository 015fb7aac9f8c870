"""The native format: UTF-8 TSV with a header row, ``#`` comments, one entry a line.

``TsvDocument`` keeps every line as it was read, so an edit rewrites only the line it touches: comments,
blank lines, column order, unknown columns, BOM and line endings all survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ZhbriefError
from toolkit.glossary.formats.base import GlossaryFormat, clean_field, decode_glossary, read_bytes
from toolkit.glossary.model import COLUMNS, STATUSES, Entry

_LIST_COLUMNS = ("alt", "forbid")


@dataclass
class Problem:
    line: int
    severity: str  # "error" or "warning"
    message: str


@dataclass
class Row:
    """One line of the file. ``entry`` is set for entry lines; ``extra`` holds unknown columns."""

    raw: str
    kind: str  # comment, blank, header, entry
    line: int
    entry: Entry | None = None
    extra: dict[str, str] = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)
    """The raw field values as split on tabs (for lint's whitespace checks)."""


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _shifted_message(header: Sequence[str], fields: Sequence[str]) -> str:
    """Name the row and the columns a stray tab shifts, as far as the row itself tells."""
    zh = fields[0].strip() if fields else ""
    head = f"{zh}: " if zh else ""
    shifted = list(header[1:])
    hint = ""
    if "status" in header:
        s = header.index("status")
        as_read = fields[s].strip().lower() if s < len(fields) else ""
        if as_read in STATUSES:
            # The status still sits in its column, so the tab is after it.
            shifted = list(header[s + 1 :])
        else:
            hint = f" (status reads {fields[s].strip()!r})"
    where = ", ".join(shifted) if shifted else "no column (an extra field after the last one)"
    return (
        f"{head}{len(fields)} fields for {len(header)} columns: a tab inside a field shifts "
        f"{where}{hint}; fields cannot contain tabs: replace the tab with a space"
    )


def _looks_like_header(fields: list[str]) -> bool:
    names = {f.strip().lower() for f in fields}
    return "zh" in names and "en" in names


@dataclass
class TsvDocument:
    rows: list[Row]
    header: list[str]
    bom: bool = False
    newline: str = "\n"
    source: str = "-"
    problems: list[Problem] = field(default_factory=list)
    has_header_line: bool = True
    trailing_newline: bool = True

    # --- reading ------------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, source: str = "-") -> TsvDocument:
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\n"
        trailing = text.endswith(("\n", "\r"))
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if trailing:
            lines.pop()
        doc = cls(rows=[], header=list(COLUMNS), bom=bom, newline=newline, source=source)
        doc.trailing_newline = trailing or not lines
        header_seen = False
        for n, raw in enumerate(lines, start=1):
            stripped = raw.strip()
            if not stripped:
                doc.rows.append(Row(raw, "blank", n))
                continue
            if stripped.startswith("#"):
                doc.rows.append(Row(raw, "comment", n))
                continue
            fields = raw.split("\t")
            if not header_seen:
                header_seen = True
                if _looks_like_header(fields):
                    doc.header = [f.strip().lower() for f in fields]
                    doc.rows.append(Row(raw, "header", n, fields=fields))
                    continue
                doc.has_header_line = False
            doc.rows.append(doc._parse_row(raw, fields, n))
        if not header_seen:
            doc.has_header_line = False
        return doc

    @classmethod
    def read(cls, path: str | Path) -> TsvDocument:
        data = read_bytes(path)
        bom = data.startswith(b"\xef\xbb\xbf")
        crlf = b"\r\n" in data
        doc = cls.parse(decode_glossary(data, str(path)), str(path))
        doc.bom = bom
        doc.newline = "\r\n" if crlf else "\n"
        return doc

    def _parse_row(self, raw: str, fields: list[str], n: int) -> Row:
        header = self.header
        if len(fields) > len(header):
            # Always an error, even for a tab that may sit in the last column: which field holds the tab
            # cannot be known, and a guess that is wrong pins the wrong English (issue 16, item 12).
            self.problems.append(Problem(n, "error", _shifted_message(header, fields)))
            fields = fields[: len(header)]
        values = dict(zip(header, fields, strict=False))
        if "zh" not in header:
            raise ZhbriefError(f"{self.source}: the header has no 'zh' column")
        zh = values.get("zh", "").strip()
        en = values.get("en", "").strip()
        if len(fields) < 2:
            self.problems.append(Problem(n, "error", "only one field: an entry needs at least zh and en"))
        status = values.get("status", "").strip().lower() or "approved"
        entry = Entry(
            zh=zh,
            en=en,
            alt=split_list(values.get("alt", "")),
            forbid=split_list(values.get("forbid", "")),
            status=status,
            domain=values.get("domain", "").strip(),
            note=values.get("note", "").strip(),
        )
        extra = {k: v for k, v in values.items() if k not in COLUMNS}
        return Row(raw, "entry", n, entry=entry, extra=extra, fields=fields)

    def entries(self) -> list[Entry]:
        return [r.entry for r in self.rows if r.entry is not None]

    # --- editing ------------------------------------------------------------------------------------

    def format_row(self, entry: Entry, extra: dict[str, str] | None = None) -> str:
        extra = extra or {}
        values = {
            "zh": entry.zh,
            "en": entry.en,
            "alt": "|".join(entry.alt),
            "forbid": "|".join(entry.forbid),
            "status": entry.status,
            "domain": entry.domain,
            "note": entry.note,
        }
        cells = [clean_field(values.get(col, extra.get(col, ""))) for col in self.header]
        return "\t".join(cells)

    def index_of(self, key: str) -> int | None:
        for i, r in enumerate(self.rows):
            if r.entry is not None and r.entry.key == key:
                return i
        return None

    def append(self, entry: Entry, extra: dict[str, str] | None = None) -> None:
        if not self.has_header_line and not self.entries():
            self.rows.insert(0, Row("\t".join(self.header), "header", 0))
            self.has_header_line = True
        self.rows.append(Row(self.format_row(entry, extra), "entry", 0, entry=entry, extra=extra or {}))

    def replace(self, index: int, entry: Entry) -> None:
        row = self.rows[index]
        self.rows[index] = Row(
            self.format_row(entry, row.extra), "entry", row.line, entry=entry, extra=row.extra
        )

    def remove(self, index: int) -> Entry:
        row = self.rows.pop(index)
        assert row.entry is not None
        return row.entry

    def to_text(self) -> str:
        body = self.newline.join(r.raw for r in self.rows)
        if self.rows and self.trailing_newline:
            body += self.newline
        return ("\ufeff" if self.bom else "") + body

    @classmethod
    def new(cls, entries: Sequence[Entry] = (), comments: Sequence[str] = ()) -> TsvDocument:
        doc = cls(rows=[], header=list(COLUMNS))
        for c in comments:
            doc.rows.append(Row(f"# {c}" if not c.startswith("#") else c, "comment", 0))
        doc.rows.append(Row("\t".join(COLUMNS), "header", 0))
        for e in entries:
            doc.rows.append(Row(doc.format_row(e), "entry", 0, entry=e))
        return doc


class TsvFormat(GlossaryFormat):
    name = "tsv"
    suffixes = (".tsv", ".tab")
    lossless = True

    def loads(self, text: str, source: str = "-") -> list[Entry]:
        doc = TsvDocument.parse(text, source)
        errors = [p for p in doc.problems if p.severity == "error"]
        if errors:
            p = errors[0]
            raise ZhbriefError(f"{source}:{p.line}: {p.message}; `zhbrief glossary lint` lists every problem")
        return doc.entries()

    def dumps(self, entries: Sequence[Entry], **options: object) -> str:
        comments = options.get("comments") or ()
        return TsvDocument.new(entries, comments=list(comments)).to_text()  # type: ignore[arg-type]
