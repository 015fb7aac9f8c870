"""Main text of a web page: trafilatura finds the article among menus, share buttons, related links and
comments, and its tree becomes our blocks (headings, paragraphs, list items, quotes, table rows). When it
finds nothing or far too little (an HTML fragment, a page that is all article), the whole page is read
with BeautifulSoup instead, and the Article says which path was used.

Page metadata (title without the site's suffix, site name, author, date, canonical URL) comes from the
same extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from toolkit.article import PageMeta
from toolkit.cjk import HAN_CLASS, han_count
from toolkit.ingest.pagedate import page_date
from toolkit.ingest.structure import HEADING_MAX, Block, blocks_from_html

EXTRACTED = "trafilatura"
FALLBACK = "whole page (extraction kept too little)"
WHOLE_PAGE = "whole page (--no-extract)"

TOO_LITTLE_HAN = 200
"""Below this many Han characters, an extraction that also kept less than half of the page's paragraph
text is taken for a miss (a fragment trafilatura does not recognise as an article, a page that is all
article) and the whole page is read. The measure is the Chinese in the page's ``<p>`` elements outside
links (all its Chinese outside links when it has no paragraphs): menus, headline lists and a comment
box's rules are not paragraphs of prose, and a short item (a brief, a paywalled lede) under them is a
hit, not a miss."""


@dataclass
class Extraction:
    blocks: list[Block]
    page: PageMeta
    doc_title: str | None
    """The page's own title (<title>/og:title), used as the article title when no <h1> leads the text."""


@lru_cache(maxsize=1)
def _config():  # type: ignore[no-untyped-def]
    from trafilatura.settings import use_config

    cfg = use_config()
    # The default minimum (250 characters) is sized for alphabetic text: a short Chinese news item of
    # three paragraphs falls below it and trafilatura would fall back to its unstructured baseline.
    cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals only work in the main thread; batch uses workers
    return cfg


_WS = re.compile(r"\s+")
_HAN_GAP = re.compile(rf"(?<=[{HAN_CLASS}，。、；：！？“”]) (?=[{HAN_CLASS}，。、；：！？“”])")
_CLOSING = "。！？!?；;，,：:…"


def clean_text(text: str) -> str:
    """Collapse whitespace; a space between two Chinese characters is layout, not text."""
    return _HAN_GAP.sub("", _WS.sub(" ", text).strip())


def _text(el) -> str:  # type: ignore[no-untyped-def]
    return clean_text("".join(el.itertext()))


def _bold_heading(p) -> str | None:  # type: ignore[no-untyped-def]
    """A paragraph that is only a short bold run: the way Chinese sites set their sub-headings."""
    kids = list(p)
    if len(kids) != 1 or kids[0].tag != "hi" or (p.text or "").strip() or (kids[0].tail or "").strip():
        return None
    if kids[0].get("rend") not in ("#b", "#strong"):
        return None
    text = _text(p)
    return text if 0 < len(text) <= HEADING_MAX and text[-1] not in _CLOSING else None


def blocks_from_tree(body) -> list[Block]:  # type: ignore[no-untyped-def]
    """trafilatura's XML (head, p, list/item, quote, table/row/cell) → blocks, in document order."""
    blocks: list[Block] = []

    def add(kind: str, text: str) -> None:
        if text:
            blocks.append(Block(kind, text, text))

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        tag = el.tag
        if tag == "head":
            level = el.get("rend", "h2")
            kind = "title" if level == "h1" and not blocks else "heading"
            add(kind, _text(el))
        elif tag == "p":
            heading = _bold_heading(el)
            add("heading", heading) if heading else add("para", _text(el))
        elif tag in ("list", "quote", "table") or (tag == "div" and len(el)):
            if tag == "quote" and not len(el):
                add("para", _text(el))
            for child in el:
                walk(child)
        elif tag == "item":
            nested = [c for c in el if c.tag == "list"]
            for c in nested:
                el.remove(c)
            add("para", _text(el))
            for c in nested:
                walk(c)
        elif tag == "row":
            add("para", " ".join(t for t in (_text(c) for c in el) if t))
        elif tag == "graphic":
            return
        else:
            add("para", _text(el))

    for child in body:
        walk(child)
    return blocks


# A title's trailing parts that name the channel or the site: "…_科技_腾讯网", "… - 新华网", "…｜36氪".
# Not the middle dot: headlines use it inside names and places (约翰·史密斯, 重庆·西南大学).
_TITLE_SEP = re.compile(
    r"\s*[_|｜]+\s*|\s+[-–—]+\s+"
    rf"|(?<=[{HAN_CLASS}）)」』】”])[-–—]+(?=[{HAN_CLASS}\w])|(?<=\w)[-–—]+(?=[{HAN_CLASS}])"
)
SUFFIX_MAX = 16
"""A trailing title part longer than this is taken for part of the headline, not a channel or site name."""


def strip_site_suffix(title: str, site: str | None = None) -> tuple[str, str | None]:
    """(headline, site name) of a page title: trailing parts that are short (a channel, a site name) or that
    equal the known site name are cut; the last one cut is the site name when none was known."""
    title = title.strip()
    seps = list(_TITLE_SEP.finditer(title))
    bounds = [0, *(m.end() for m in seps)]
    parts = [title[b : (seps[i].start() if i < len(seps) else len(title))] for i, b in enumerate(bounds)]
    cut = 0
    while cut < len(seps):
        last = parts[len(parts) - 1 - cut].strip()
        rest = title[: seps[len(seps) - 1 - cut].start()].strip()
        # A part is a suffix when it is short (or the known site name) and shorter than what it follows:
        # "北京-上海高铁开通" is one headline, not "北京" on the site "上海高铁开通".
        if not last or not (len(last) <= SUFFIX_MAX or last == site) or len(rest) <= len(last):
            break
        cut += 1
    if cut == 0:
        return title, site
    headline = title[: seps[len(seps) - cut].start()].strip()
    if not headline:
        return title, site
    return headline, site or parts[-1].strip()


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def page_title(title: str, site: str | None, html: str) -> tuple[str, str | None]:
    """(headline, site name) of a page: the title without its site suffix, and when what is left still has
    a space-separated tail ("…工作 东区办事处"), the longest space-cut prefix the page shows on its own
    (its headline element). The site is the title's last suffix part when one was cut (a page's own
    ``og:site_name`` or copyright line is often longer: "人民网版权所有")."""
    headline, suffix_site = strip_site_suffix(title)
    if suffix_site is None:
        # The title found may be the headline (og:title, h1); the <title> element still names the site.
        m = _TITLE_TAG.search(html)
        if m:
            suffix_site = strip_site_suffix(_WS.sub(" ", unescape(m.group(1))).strip())[1]
    if suffix_site is not None:
        site = suffix_site
    spaces = [m.start() for m in re.finditer(r"\s+", headline)]
    for cut in reversed(spaces):
        cand = headline[:cut].strip()
        if len(cand) >= 4 and _shown_alone(cand, html):
            return cand, site
    return headline, site


def _shown_alone(text: str, html: str) -> bool:
    """Whether ``text`` is a whole text node of the page (comments around it allowed; a line break after it
    means the headline goes on, so that is not a whole node)."""
    pattern = r">\s*(?:<!--.*?-->\s*)?" + re.escape(text) + r"\s*(?:<!--.*?-->\s*)?<(?!br\b)"
    return re.search(pattern, html) is not None


_SAVED_FROM = re.compile(r"<!--\s*(?:saved from url=\(\d+\))?\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE)


def _saved_url(html: str) -> str | None:
    """Browsers (``saved from url=``) and crawlers put the page's address in a comment at the top."""
    m = _SAVED_FROM.search(html[:2000])
    return m.group(1) if m else None


_META_AUTHOR = re.compile(
    r"""<meta\s+(?:name|property)=["'](?:author|article:author|og:article:author)["']\s+content=["']([^"']{1,40})["']""",
    re.IGNORECASE,
)


def _meta_author(html: str) -> str | None:
    """The page's author meta tag, which trafilatura drops when the name is Chinese; numeric ids (a CMS
    user number) are not names."""
    m = _META_AUTHOR.search(html[:20000])
    name = clean_text(unescape(m.group(1))) if m else ""
    return name if name and not name.isdigit() and any(c.isalpha() for c in name) else None


def _person(author: str | None) -> str | None:
    """An author as a reader would write it: a profile link (``https://www.facebook.com/cnanewstaiwan``, which
    sites put in their author tags) or an address names no one."""
    name = clean_text(author) if author else ""
    if not name or re.search(r"https?://|www\.|\.(?:com|cn|tw|hk|net|org)\b|@", name, re.IGNORECASE):
        return None
    return name


_WECHAT_ACCOUNT = re.compile(r'id="js_name"[^>]*>\s*([^<]{1,40}?)\s*<')


def _wechat_account(html: str) -> str | None:
    m = _WECHAT_ACCOUNT.search(html) if "js_content" in html else None
    return clean_text(unescape(m.group(1))) if m else None


HEADLINE_WITHIN = 4
"""How many leading blocks may stand before the headline (a breadcrumb, a channel name, a date line)."""


def _from_headline(blocks: list[Block], title: str | None) -> list[Block]:
    """The article starts at its headline: a leading block that repeats the page title (a heading, or a
    bold first paragraph) becomes the title, and what stood before it (a breadcrumb such as 您所在的位置：
    首页 > 快讯) goes."""
    if not title:
        return blocks
    want = _squeeze(title)
    for i, b in enumerate(blocks[:HEADLINE_WITHIN]):
        if _squeeze(b.text) == want:
            b.kind = "title"
            return blocks[i:]
    return blocks


_FIGURE = re.compile(r"(?is)<figure\b[^>]*>(.*?)</figure\s*>")
_CAPTION = re.compile(r"(?is)<(figcaption|p)\b[^>]*>(.*?)</\1\s*>")
_H1_END = re.compile(r"(?i)</h1\s*>")
CAPTION_MAX = 80
"""A caption is a line or two; longer text in a <figure> is something else."""


def _lead_captions(blocks: list[Block], html: str) -> list[Block]:
    """The caption of the lead photo, which trafilatura leaves out with the image: the text of a <figure>
    set between the headline (<h1>) and the article's first paragraph is put back before that paragraph."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "para"), None)
    h1 = _H1_END.search(html)
    if first is None or h1 is None:
        return blocks
    at = html.find(blocks[first].text[:12], h1.end())
    if at < 0:
        return blocks
    kept = {_squeeze(b.text) for b in blocks}
    captions: list[Block] = []
    for fig in _FIGURE.finditer(html, h1.end(), at):
        for m in _CAPTION.finditer(fig.group(1)):
            text = clean_text(unescape(re.sub(r"<[^>]+>", "", m.group(2))))
            if 0 < len(text) <= CAPTION_MAX and han_count(text) and _squeeze(text) not in kept:
                captions.append(Block("para", text, text))
    return blocks[:first] + captions + blocks[first:] if captions else blocks


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


_END_TAG = re.compile(r"</(html|body)\s*>", re.IGNORECASE)


def _drop_stray_end_tags(html: str) -> str:
    """Remove ``</body>``/``</html>`` that are not the last: content-management systems that assemble a page
    from included parts leave one after the header, and libxml2 (under trafilatura) stops reading there,
    losing the whole article."""
    last = {m.group(1).lower(): m.start() for m in _END_TAG.finditer(html)}
    if not last:
        return html
    return _END_TAG.sub(lambda m: m.group(0) if m.start() == last[m.group(1).lower()] else "", html)


_JS_CONTENT = re.compile(r'<div\b[^>]*\bid="js_content"[^>]*>')


def _wechat(html: str) -> str:
    """A WeChat post saved from a browser keeps its body (``#js_content``) hidden until a script runs, and
    extraction treats hidden text as boilerplate: the style is lifted. The body is also marked as the
    article's (schema.org ``itemprop="articleBody"``): without a container it knows, trafilatura gathers
    the post's loose paragraphs and code blocks but leaves out its lists (``<ol><li><section>…``, the way
    WeChat's editors set them)."""
    match = _JS_CONTENT.search(html)
    if match is None:
        return html
    tag = re.sub(r'\sstyle="[^"]*visibility:\s*hidden;?[^"]*"', "", match.group(0), count=1)
    if "itemprop=" not in tag:
        tag = tag[:-1] + ' itemprop="articleBody">'
    return html[: match.start()] + tag + html[match.end() :]


def extract_page(html: str, *, extract: bool = True) -> Extraction:
    """Blocks and page metadata of an HTML page: the main text (trafilatura), or the whole page when
    ``extract`` is off or extraction kept too little."""
    import trafilatura

    html = _wechat(_drop_stray_end_tags(html))
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        deduplicate=False,
        favor_precision=True,
        with_metadata=True,
        config=_config(),
    )
    meta = PageMeta(extraction=EXTRACTED if extract else WHOLE_PAGE)
    raw_title: str | None = None
    if doc is not None:
        raw_title = _WS.sub(" ", doc.title).strip() if doc.title else None
        meta.site = clean_text(doc.sitename) if doc.sitename else None
        meta.author = _person(doc.author)
        meta.date = doc.date or None
        meta.url = doc.url or None
    meta.url = meta.url or _saved_url(html)
    meta.author = meta.author or _person(_meta_author(html))
    account = _wechat_account(html)
    if account:
        meta.site = account  # the account that published the post, not "微信公众平台"
    if raw_title:
        meta.title, meta.site = page_title(raw_title, meta.site, html)
    # Only a date the page states (metadata, byline), never one guessed from a year in the body.
    meta.date = page_date(html, meta.date, meta.url)

    blocks = blocks_from_tree(doc.body) if (extract and doc is not None and doc.body is not None) else []
    if blocks and _HEADING_TAG.search(html) and not any(b.kind != "para" for b in blocks):
        blocks = restore_headings(blocks, blocks_from_html(html)[0])
    blocks = _from_headline(blocks, meta.title)
    blocks = _lead_captions(blocks, html)
    if extract:
        kept = sum(han_count(b.text) for b in blocks)
        if kept < TOO_LITTLE_HAN and kept * 2 < _prose_han(html):
            blocks = []
        if not blocks:
            meta.extraction = FALLBACK
    if not blocks:
        blocks, bs_title = blocks_from_html(html)
        if not raw_title and bs_title:
            meta.title, meta.site = page_title(_WS.sub(" ", bs_title).strip(), meta.site, html)
    parts = _TITLE_SEP.split(meta.title) if meta.title else []
    if parts and len(parts[0].strip()) <= CHANNEL_MAX and blocks:
        # A page title that names a channel ("新闻动态--某学会官网"), not the article: the heading set right
        # before the article's first paragraph is its headline, and the title's last part the site.
        heading = heading_before(html, next((b.text for b in blocks if b.kind == "para"), ""))
        if heading and _squeeze(heading) != _squeeze(meta.title):
            meta.site = meta.site or (parts[-1].strip() if len(parts) > 1 else None)
            meta.title = heading
    return Extraction(blocks, meta, meta.title)


CHANNEL_MAX = 8
"""A page title whose first part is this short is taken for a channel name when a longer heading stands
right before the article."""

_HEADING_EL = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def heading_before(html: str, first_para: str) -> str | None:
    """The last h1–h6 heading (longer than a channel name) before the article's first paragraph."""
    probe = first_para[:12]
    at = html.find(probe) if probe else -1
    if at < 0:
        return None
    found = None
    for m in _HEADING_EL.finditer(html, 0, at):
        text = _WS.sub(" ", unescape(re.sub(r"<[^>]+>", "", m.group(2)))).strip()
        if len(text) > CHANNEL_MAX:
            found = text
    return found


_HEADING_TAG = re.compile(r"<h[1-4][\s>]", re.IGNORECASE)


def restore_headings(kept: list[Block], whole: list[Block]) -> list[Block]:
    """Put back the article's own headings where extraction dropped them (trafilatura keeps the text of an
    article that has no container element, but not its h2/h3). ``whole`` is the page read in full: a
    heading there is restored before the next kept block when no unkept paragraph stands between them,
    and, the title aside, only once the article has begun, so a menu's or sidebar's heading stays out."""
    index: dict[str, int] = {}
    for i, b in enumerate(kept):
        index.setdefault(b.text, i)
    inserts: dict[int, list[Block]] = {}
    pending: list[Block] = []
    begun = False
    for b in whole:
        if b.text in index:
            if pending:
                inserts.setdefault(index[b.text], []).extend(pending)
                pending = []
            begun = True
        elif (b.kind == "heading" and begun) or b.kind == "title":
            pending.append(b)
        else:
            pending = []
    out: list[Block] = []
    for i, b in enumerate(kept):
        out.extend(inserts.get(i, []))
        out.append(b)
    return out


_LINK = re.compile(r"(?is)<a\b[^>]*>.*?</a\s*>")
_PARA = re.compile(r"(?is)<p\b[^>]*>(.*?)(?=</p\s*>|<p\b|</div\s*>|</td\s*>)")


def _prose_han(html: str) -> int:
    """Han characters of the page's paragraphs outside links; of all its text outside links if it has no
    paragraph with Chinese in it."""
    unlinked = _LINK.sub(" ", html)
    in_paragraphs = han_count(_visible_text(" ".join(_PARA.findall(unlinked))))
    return in_paragraphs or han_count(_visible_text(unlinked))


def _visible_text(html: str) -> str:
    return re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]+>", " ", html)
