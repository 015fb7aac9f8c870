"""PDF reports (issue 29): read by content, in reading order, without furniture, with structure; bad PDFs
refused with one line.

The PDFs are made from the seed article by tests/ingest/data/pdf/make_pdfs.py (LibreOffice, Noto CJK):
``seed.pdf`` is the article saved as it stands; ``report.pdf`` sets it as a broker report (cover notice,
running header, footer with a disclaimer and page x of y, numbered headings, two columns, a list, a table,
closing disclosures); ``encrypted.pdf`` needs a password. Broken PDFs are built here byte by byte.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEED
from toolkit.cli import cli
from toolkit.errors import InputError
from toolkit.ingest import pdf as pdfmod
from toolkit.ingest import read_article
from toolkit.ingest.pdf import is_pdf, join_lines

DATA = Path(__file__).parent / "data" / "pdf"
REPORT = DATA / "report.pdf"
SEED_PDF = DATA / "seed.pdf"
HEADINGS = ["从通用到海外", "中厂AI生存困局", "海外赌局", "结语"]


@pytest.fixture(scope="module")
def report():
    return read_article(REPORT)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _seed_body() -> list[str]:
    """The seed article's paragraphs, as the report sets them (make_pdfs.seed_paragraphs)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdfs", DATA / "make_pdfs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return [p for p in mod.seed_paragraphs() if p not in HEADINGS]


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


# --- 1. an article format, detected by content ---------------------------------------------------------


def test_a_pdf_is_recognised_by_its_content_whatever_its_name(tmp_path):
    disguised = tmp_path / "notes.txt"
    shutil.copy(REPORT, disguised)
    article = read_article(disguised)
    assert article.format == "pdf" and article.encoding == "text layer"
    assert is_pdf(b"%PDF-1.7\n") and is_pdf(b"\xef\xbb\xbf  %PDF-1.4") and not is_pdf("标题\n正文。".encode())


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (["inspect", "--json"], "昆仑"),
        (["segment", "--no-glossary"], "昆仑"),
        (["numbers", "--json"], "15.4亿元"),
        (["names", "--json"], "腾讯"),
    ],
)
def test_every_reading_command_reads_a_pdf(command, shows):
    r = _invoke(command[0], str(REPORT), *command[1:])
    assert r.exit_code == 0, r.output
    assert shows in r.output


def test_batch_and_glossary_find_pdfs_in_folders(tmp_path):
    from toolkit.ingest.discover import discover
    from toolkit.mining import corpus_texts

    shutil.copy(REPORT, tmp_path / "report.pdf")
    assert [i.rel.as_posix() for i in discover([tmp_path])] == ["report.pdf"]
    ((name, text),) = corpus_texts([tmp_path])
    assert name.endswith("report.pdf") and "海外音乐" in text


# --- 2. reading order and lines ------------------------------------------------------------------------


def test_two_columns_are_read_column_by_column_in_the_articles_order(report):
    """Every paragraph of the two-column body is there whole (its wrapped lines joined) and in order."""
    text = _squeeze(report.text)
    # The article is normalized (ASCII punctuation stays, full-width digits fold); the seed is simplified.
    pos = -1
    for para in _seed_body()[2:]:
        at = text.find(_squeeze(para))
        assert at > pos, para[:30]
        pos = at


def test_wrapped_chinese_is_joined_without_spaces(report):
    for p in (p for s in report.sections for p in s.paragraphs if p.kind == "text"):
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", p.text), p.text[:40]
        assert "\n" not in p.text


def test_join_lines_rules():
    assert join_lines(["昆仑万维在音乐", "生成模型发布会上"]) == "昆仑万维在音乐生成模型发布会上"
    assert (
        join_lines(["通过自研的 MusiCoT(Music", "Chain-of-Thought)技术"])
        == "通过自研的MusiCoT(Music Chain-of-Thought)技术"
    )
    assert join_lines(["a model that is recog-", "nised worldwide"]) == "a model that is recognised worldwide"
    assert (
        join_lines(["抛出了一句表态：", "“国内通用大模型太卷，”"]) == "抛出了一句表态：“国内通用大模型太卷，”"
    )
    assert join_lines(["2026 年 2 月，昆仑万维"]) == "2026年2月，昆仑万维"
    assert join_lines(["为 客 户 。 客 户 应 当"]) == "为客户。客户应当"


# --- 3. furniture removed and reported -----------------------------------------------------------------


def test_running_header_footer_and_page_numbers_are_removed_and_reported(report):
    kinds = [r.pattern for r in report.removed]
    assert kinds.count("header") == kinds.count("footer") >= 5
    footer = [r for r in report.removed if r.pattern == "footer"]
    assert all("免责声明" in r.text and re.search(r"第\s*\d+\s*页", r.text) for r in footer)
    assert sorted({r.line for r in footer}) == list(range(1, len(footer) + 1))  # one per page, by page
    assert "昆仑万维与中厂AI出海" not in report.text and "请务必阅读" not in report.text


def test_cover_notice_and_closing_disclosures_are_removed_and_reported(report):
    by: dict[str, list[str]] = {}
    for r in report.removed:
        by.setdefault(r.pattern, []).append(r.text)
    assert by["distribution-notice"][0].startswith("本报告仅供本公司的客户使用")
    assert by["disclosures"][0] == "免责声明" and len(by["disclosures"]) == 2
    assert "不构成对任何人的投资建议" not in report.text


def test_inspect_lists_each_removal_by_page():
    r = _invoke("inspect", str(REPORT))
    assert r.exit_code == 0, r.output
    assert re.search(r"(?m)^\s+page 2\s+header\s+行业深度研究", r.output)
    assert "distribution-notice" in r.output and "pdf, text layer" in r.output


# --- 4. structure and metadata -------------------------------------------------------------------------


def test_headings_by_size_weight_and_numbering(report):
    assert report.title == "昆仑天工转向海外音乐AI:中厂的取舍与赌局" or report.title.startswith(
        "昆仑天工转向海外音乐"
    )
    heads = [s.heading_original for s in report.sections if s.heading_original]
    assert heads[:1] == ["核心观点"]
    assert [h for h in heads if re.match(r"[一二三四]、|\d\.\d", h)] == [
        "一、从通用到海外",
        "二、中厂AI生存困局",
        "2.1 中厂的处境",
        "三、海外赌局",
        "四、结语",
    ]


def test_list_items_and_table_rows_are_marked(report):
    kinds = [(p.kind, p.text) for s in report.sections for p in s.paragraphs]
    items = [t for k, t in kinds if k == "item"]
    assert len(items) == 2 and items[0].startswith("2026年2月")  # the bullet mark is not text
    rows = [t for k, t in kinds if k == "table"]
    assert rows[0] == "指标 | 期间 | 金额"
    assert "研发费用 | 2024年 | 15.4亿元" in rows


def test_table_amounts_reach_numbers():
    r = _invoke("numbers", str(REPORT), "--json")
    assert r.exit_code == 0, r.output
    found = {(q["source"], q["value"]) for q in json.loads(r.output)}
    assert ("15.95亿元", 1_595_000_000) in found or any(s == "15.95亿元" for s, _ in found)
    assert any(s == "54亿元" for s, _ in found)


def test_pdf_metadata_goes_into_the_page_block(report):
    assert report.page is not None
    assert report.page.extraction == "pdf text layer (pdfminer.six)"
    # LibreOffice stamps the PDF's creation date at export: the date is the PDF's, whatever it is.
    assert report.page.author == "下海fallsea" and re.fullmatch(r"20\d\d-\d\d-\d\d", report.page.date or "")
    assert report.page.title and report.page.title.startswith("昆仑天工转向海外音乐")


# --- the seed article saved as a PDF reads like the .txt ------------------------------------------------


def test_seed_as_pdf_has_the_same_sections_and_figures_as_the_txt():
    txt, pdf = read_article(SEED), read_article(SEED_PDF)
    assert [s.heading for s in pdf.sections] == [s.heading for s in txt.sections]
    assert [len(s.paragraphs) for s in pdf.sections] == [len(s.paragraphs) for s in txt.sections]
    figures = []
    for path in (SEED, SEED_PDF):
        r = _invoke("numbers", str(path), "--json", "--key")
        assert r.exit_code == 0, r.output
        figures.append([(q["source"], q["value"], q["unit"]) for q in json.loads(r.output)])
    assert figures[0] == figures[1]


# --- 5. bad PDFs: one line, exit 2 ---------------------------------------------------------------------


def _pdf(*objects: bytes) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(content: bytes, extra: bytes = b"", resources: bytes = b"<< >>") -> bytes:
    return _pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        content,
        *([extra] if extra else []),
    )


def _stream(data: bytes, attrs: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), attrs) + data + b"\nendstream"


def _refused(tmp_path: Path, name: str, data: bytes) -> str:
    f = tmp_path / name
    f.write_bytes(data)
    r = CliRunner().invoke(cli, ["inspect", str(f)])
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)  # not a traceback
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zhbrief: error:"), r.output
    return lines[0]


def test_an_encrypted_pdf_is_refused_with_one_line(tmp_path):
    line = _refused(tmp_path, "locked.pdf", (DATA / "encrypted.pdf").read_bytes())
    assert "encrypted" in line and "password" in line


def test_an_image_only_pdf_is_refused_as_having_no_text_layer(tmp_path):
    pixels = bytes(range(64))
    image = _stream(
        pixels,
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
    )
    data = _page(_stream(b"q 200 0 0 200 0 0 cm /Im0 Do Q"), image, b"<< /XObject << /Im0 5 0 R >> >>")
    line = _refused(tmp_path, "scan.pdf", data)
    assert "without a text layer" in line and "OCR" in line and "1 image" in line


def test_a_scanned_page_is_refused_as_having_no_text_layer(tmp_path):
    """seed.pdf's first page scanned at 60 dpi (make_pdfs.py): there is text to see, none to read."""
    line = _refused(tmp_path, "scanned.pdf", (DATA / "scanned.pdf").read_bytes())
    assert "without a text layer" in line and "does not do OCR" in line


def test_a_damaged_pdf_is_refused_with_one_line(tmp_path):
    line = _refused(
        tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R\n" + b"\x00garbage" * 50
    )
    assert "damaged PDF" in line


def test_a_pdf_bomb_is_stopped_at_the_stream_bound(tmp_path, monkeypatch):
    """A content stream that inflates past the bound is refused before it fills memory (the bound is
    lowered here so the test stays small; the shape is the same at 64 MB)."""
    monkeypatch.setattr(pdfmod, "MAX_STREAM", 1 << 20)
    bomb = _stream(zlib.compress(b" " * (8 << 20), 9), b"/Filter /FlateDecode")
    line = _refused(tmp_path, "bomb.pdf", _page(bomb))
    assert "PDF bomb" in line and "1 MB" in line


def test_too_many_characters_or_pages_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfmod, "MAX_CHARS", 500)
    assert "characters" in _refused(tmp_path, "long.pdf", REPORT.read_bytes())
    monkeypatch.setattr(pdfmod, "MAX_CHARS", 3_000_000)
    monkeypatch.setattr(pdfmod, "MAX_PAGES", 2)
    assert "more than 2 pages" in _refused(tmp_path, "many.pdf", REPORT.read_bytes())


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from toolkit.ingest import MAX_BYTES

    big = tmp_path / "huge.pdf"
    with big.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(MAX_BYTES + 10)  # sparse: no 20 MB written
    r = CliRunner().invoke(cli, ["inspect", str(big)])
    assert r.exit_code == 2 and "too large" in r.output and len(r.output.strip().splitlines()) == 1


def test_line_by_line_reading_refuses_a_pdf_by_name(tmp_path):
    from toolkit.ingest import read_text

    with pytest.raises(InputError, match="is a PDF"):
        read_text(REPORT)


# --- furniture rules on laid-out pages (the shapes real reports have; see bench/bench_pdf.py) ----------


def _line(page: int, top: float, text: str, x0: float = 57, size: float = 10.5) -> pdfmod.Line:
    width = size * len(text) if text.isascii() is False else 0.55 * size * len(text)
    return pdfmod.Line(page, x0, min(538, x0 + width), top, top + size, text, size, False)


BODY = "北向资金流入对行业选择有显著的提示作用，本文据此构建了月频选股策略并检验其效果。"


def _pages(n: int, extra) -> list[pdfmod.Page]:  # type: ignore[no-untyped-def]
    pages = []
    for k in range(1, n + 1):
        text = BODY[k:] + BODY[:k]  # each page its own text: only furniture repeats
        lines = [_line(k, 120 + 16 * i, text[: 40 - i]) for i in range(8)]
        pages.append(pdfmod.Page(k, 595, 842, lines + extra(k)))
    return pages


def test_a_disclaimer_repeated_on_every_page_is_removed_wherever_it_stands():
    notice = "本报告版权属于某某证券股份有限公司，各项声明请参见报告尾页。"
    doc = pdfmod.layout_document(_pages(4, lambda k: [_line(k, 400, notice)]), {})
    assert [(r.pattern, r.line) for r in doc.removed] == [("repeated", k) for k in range(1, 5)]
    assert all(notice not in b.text for b in doc.blocks)


def test_page_numbers_contents_watermarks_template_tags_and_margin_labels():
    def extra(k: int) -> list[pdfmod.Line]:
        return [
            _line(k, 800, f"- {k} -", x0=290),
            _line(k, 300, "一、北向资金历史 .................... 5")
            if k == 1
            else _line(k, 300, "mYjYuMsQmRvMaQbP8OtRqQ"),
            _line(k, 60, "[Table_Title] 北向资金交易能力" if k == 1 else "北向资金交易能力"),
        ]

    pages = _pages(3, extra)
    pages[0].vertical = list("证券研究报告")
    doc = pdfmod.layout_document(pages, {})
    kinds = {(r.pattern, r.line) for r in doc.removed}
    assert {("page-number", 1), ("page-number", 2), ("page-number", 3)} <= kinds
    assert {("contents", 1), ("watermark", 2), ("watermark", 3), ("margin", 1)} <= kinds
    assert ("template-tag", 1) in kinds
    assert next(r.text for r in doc.removed if r.pattern == "margin") == "证券研究报告"


def test_a_one_page_documents_header_is_the_smaller_line_set_apart_above_the_text():
    page = pdfmod.Page(
        1,
        595,
        842,
        [
            _line(1, 46, "盐城高新区投资集团有限公司2023年度募集说明书", size=9),
            _line(1, 75, "第七章 企业资信状况", size=14),
        ]
        + [_line(1, 110 + 16 * i, BODY) for i in range(6)],
    )
    doc = pdfmod.layout_document([page], {})
    assert [(r.pattern, r.text) for r in doc.removed] == [
        ("header", "盐城高新区投资集团有限公司2023年度募集说明书")
    ]


def test_an_announcements_exchange_disclaimer_and_signature_block_are_removed():
    lines = [
        _line(1, 60, "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責，對其準確性"),
        _line(1, 76, "或完整性亦不發表任何聲明。"),
        *[_line(1, 120 + 16 * i, BODY) for i in range(6)],
        _line(1, 300, "承董事會命", x0=400),
        _line(1, 316, "寧德時代新能源科技股份有限公司", x0=330),
    ]
    doc = pdfmod.layout_document([pdfmod.Page(1, 595, 842, lines)], {})
    kinds = [r.pattern for r in doc.removed]
    assert kinds[0] == "exchange-disclaimer" and set(kinds[1:]) == {"signature"}
    assert all("董事會" not in b.text and "香港交易" not in b.text for b in doc.blocks)


def test_a_scan_with_a_stamps_few_characters_is_still_a_scan(monkeypatch):
    """A page image on every page and a stamp's words (机密) as the only text: no text layer to read."""
    pages = [pdfmod.Page(k, 595, 842, [_line(k, 800, "机密")], images=1) for k in (1, 2)]
    monkeypatch.setattr(pdfmod, "read_pages", lambda data: (pages, {}))
    with pytest.raises(InputError, match="without a text layer"):
        pdfmod.read_pdf_document(b"%PDF-1.4")


def test_three_columns_of_prose_are_read_column_by_column_not_as_a_table():
    """Three columns side by side look like rows of three cells; running Chinese in each is prose."""
    columns = [((BODY[k * 5 :] + BODY[: k * 5]) * 2)[:83] + "。" for k in range(3)]  # a paragraph a column
    lines = [
        pdfmod.Line(
            1,
            57 + 166 * c,
            207 + 166 * c,
            100 + 16 * i,
            110.5 + 16 * i,
            columns[c][i * 14 : i * 14 + 14],
            10.5,
            False,
        )
        for c in range(3)
        for i in range(6)
    ]
    doc = pdfmod.layout_document([pdfmod.Page(1, 595, 842, lines)], {})
    assert [(b.kind, b.text) for b in doc.blocks] == [("para", c) for c in columns]
