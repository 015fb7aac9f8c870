"""Reading an article: bytes → text → normalized lines → sections → paragraphs → sentences.

One module per step, each a plain function that can be tested alone: ``read`` (bounded reads), ``decode``
(encodings, language guard), ``normalize`` (OpenCC, widths, boilerplate), ``structure`` (headings and
blocks, text or HTML), ``extract`` (a web page's main text), ``split`` (sentences), ``parse`` (text →
Article: ``parse_text``). ``read_article`` chains them from a file. Nothing of the
article is dropped except what a named boilerplate pattern matched, and every such removal is reported on
the Article (``removed``).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.article import Article
from toolkit.cjk import has_han
from toolkit.errors import InputError
from toolkit.ingest.decode import decode, guard_language
from toolkit.ingest.normalize import BOILERPLATE, Boilerplate, strip_boilerplate
from toolkit.ingest.parse import TITLE_MAX, detect_format, parse_text, shorten_title
from toolkit.ingest.pdf import is_pdf, read_pdf_document
from toolkit.ingest.read import MAX_BYTES, check_input_path, read_bytes
from toolkit.ingest.split import split_sentences
from toolkit.script import detect_script, fold_widths, to_simplified

__all__ = [
    "BOILERPLATE",
    "MAX_BYTES",
    "TITLE_MAX",
    "Boilerplate",
    "check_input_path",
    "decode",
    "detect_format",
    "detect_script",
    "fold_widths",
    "guard_language",
    "parse_text",
    "read_article",
    "read_bytes",
    "read_text",
    "shorten_title",
    "split_sentences",
    "strip_boilerplate",
    "to_simplified",
]


def read_text(path: str | Path) -> tuple[str, str]:
    """(text, encoding) of a Chinese input read the way articles are — bounded, decoded, refused when it
    is Japanese, Korean or has no Chinese — but not structured: for line-aligned inputs (``translate
    --lines``, ``glossary check --source``). Line ends become LF and a BOM is dropped."""
    data = read_bytes(path)
    name = str(path)
    try:
        if is_pdf(data):
            raise InputError("is a PDF; line-by-line reading takes plain text (give the PDF as an article)")
        text, encoding = decode(data)
        guard_language(text)
        if not has_han(text):
            raise InputError("contains no Chinese text; zhbrief reads Chinese articles")
    except InputError as e:
        if name != "-" and not str(e).startswith(name):
            raise InputError(f"{name}: {e}") from None
        raise
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""), encoding


def read_article(
    path: str | Path,
    boilerplate: list[Boilerplate] | None = None,
    *,
    regular_only: bool = False,
    extract: bool = True,
) -> Article:
    """Read and structure one article file (``-`` for standard input); see ``read_bytes`` and, for HTML,
    ``parse_text``'s ``extract`` (true: the page's main text; false: the whole page)."""
    data = read_bytes(path, regular_only=regular_only)
    name = str(path)
    try:
        if is_pdf(data):  # by content, whatever the name: a PDF is laid out, not decoded
            doc = read_pdf_document(data)
            text = "\n".join(b.text for b in doc.blocks)
            return parse_text(text, source=name, encoding="text layer", boilerplate=boilerplate, pdf=doc)
        text, encoding = decode(data)
        return parse_text(text, source=name, encoding=encoding, boilerplate=boilerplate, extract=extract)
    except InputError as e:
        if name != "-" and not str(e).startswith(name):
            raise InputError(f"{name}: {e}") from None
        raise
