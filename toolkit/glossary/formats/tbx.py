"""TBX-Basic (ISO 30042 ``martif``), the exchange format CAT tools (Trados, memoQ, Phrase) read.

One ``termEntry`` per glossary entry: a ``zh`` langSet with the term, an ``en`` langSet whose first term is
the pinned English, then the alternatives, then the forbidden forms. ``administrativeStatus`` carries the
pinning: preferredTerm = the pinned form, admittedTerm = an accepted alternative, deprecatedTerm = a
forbidden form (and an entry whose status is ``forbidden`` has its first English term deprecated). Domain is
``subjectField``; the note is a ``note``; candidate/dnt status travels as a ``note`` ``status: …``.
Import also reads TBX v3 (``tbx``/``conceptEntry``/``langSec``/``termSec``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from toolkit.errors import ZhbriefError
from toolkit.glossary.formats.base import GlossaryFormat
from toolkit.glossary.model import Entry

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
_STATUS_NOTE = "status: "


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _first_text(el: ET.Element, name: str, attr_type: str | None = None) -> str | None:
    for c in el.iter():
        if _local(c.tag) == name and (attr_type is None or c.get("type") == attr_type):
            return (c.text or "").strip()
    return None


class TbxFormat(GlossaryFormat):
    name = "tbx"
    suffixes = (".tbx", ".xml")
    lossless = True

    def dumps(self, entries: Sequence[Entry], **options: object) -> str:
        root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
        header = ET.SubElement(root, "martifHeader")
        fd = ET.SubElement(header, "fileDesc")
        sd = ET.SubElement(fd, "sourceDesc")
        ET.SubElement(sd, "p").text = str(options.get("source") or "Exported by zhbrief")
        ed = ET.SubElement(header, "encodingDesc")
        ET.SubElement(ed, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
        body = ET.SubElement(ET.SubElement(root, "text"), "body")
        for n, e in enumerate(entries, start=1):
            te = ET.SubElement(body, "termEntry", {"id": f"c{n}"})
            if e.domain:
                ET.SubElement(te, "descrip", {"type": "subjectField"}).text = e.domain
            if e.note:
                ET.SubElement(te, "note").text = e.note
            if e.status not in ("approved", "forbidden"):
                ET.SubElement(te, "note").text = _STATUS_NOTE + e.status
            zh = ET.SubElement(te, "langSet", {_XML_LANG: "zh"})
            ET.SubElement(ET.SubElement(zh, "tig"), "term").text = e.zh
            en = ET.SubElement(te, "langSet", {_XML_LANG: "en"})
            first = DEPRECATED if e.status == "forbidden" else PREFERRED
            terms = [(e.en, first)] + [(a, ADMITTED) for a in e.alt] + [(f, DEPRECATED) for f in e.forbid]
            for text, sts in terms:
                tig = ET.SubElement(en, "tig")
                ET.SubElement(tig, "term").text = text
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = sts
        ET.indent(root, space="  ")
        xml = ET.tostring(root, encoding="unicode")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + xml + "\n"
        )

    def loads(self, text: str, source: str = "-") -> list[Entry]:
        try:
            root = ET.fromstring(text.encode("utf-8"))
        except ET.ParseError as e:
            raise ZhbriefError(f"{source}: not well-formed TBX/XML ({e})") from None
        out: list[Entry] = []
        for te in root.iter():
            if _local(te.tag) not in ("termEntry", "conceptEntry"):
                continue
            entry = self._entry(te)
            if entry is not None:
                out.append(entry)
        return out

    @staticmethod
    def _terms(lang_set: ET.Element) -> list[tuple[str, str]]:
        """(term, administrativeStatus) in document order; tig, ntig and termSec alike."""
        out = []
        for holder in lang_set.iter():
            if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                continue
            term = _first_text(holder, "term")
            if term:
                sts = _first_text(holder, "termNote", "administrativeStatus") or ""
                out.append((term, sts.strip()))
        return out

    def _entry(self, te: ET.Element) -> Entry | None:
        zh_terms: list[tuple[str, str]] = []
        en_terms: list[tuple[str, str]] = []
        for ls in _children(te, "langSet", "langSec"):
            lang = (ls.get(_XML_LANG) or ls.get("lang") or "").lower()
            if lang.startswith("zh"):
                zh_terms += self._terms(ls)
            elif lang.startswith("en"):
                en_terms += self._terms(ls)
        if not zh_terms:
            return None
        domain = ""
        notes: list[str] = []
        status = "approved"
        for c in te:
            name = _local(c.tag)
            if name == "descrip" and c.get("type") == "subjectField":
                domain = (c.text or "").strip()
            elif name == "note":
                t = (c.text or "").strip()
                if t.startswith(_STATUS_NOTE):
                    status = t[len(_STATUS_NOTE) :].strip().lower()
                elif t:
                    notes.append(t)
        allowed = [t for t, s in en_terms if s not in (DEPRECATED, SUPERSEDED)]
        banned = [t for t, s in en_terms if s in (DEPRECATED, SUPERSEDED)]
        if en_terms and en_terms[0][1] in (DEPRECATED, SUPERSEDED):
            # The first English term itself is deprecated: a record of a rendering never to use.
            status = "forbidden"
            en, alt, forbid = en_terms[0][0], allowed, banned[1:]
        else:
            en = allowed[0] if allowed else ""
            alt, forbid = allowed[1:], banned
        return Entry(
            zh=zh_terms[0][0],
            en=en,
            alt=alt,
            forbid=forbid,
            status=status,
            domain=domain,
            note=" ".join(notes),
        )
