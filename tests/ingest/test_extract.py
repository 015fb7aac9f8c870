"""Web pages in, main text only: extraction (trafilatura), its fallback, --no-extract, page metadata in every
output, declared legacy encodings and the language guard. Model-free: renders use the scripted engine for
format only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.article import PageMeta
from toolkit.cli import cli
from toolkit.errors import InputError
from toolkit.ingest import parse_text, read_article
from toolkit.ingest.decode import decode
from toolkit.ingest.extract import EXTRACTED, FALLBACK, WHOLE_PAGE, strip_site_suffix

PAGES = Path(__file__).parent / "data" / "pages"
PORTAL = PAGES / "portal.html"
WECHAT = PAGES / "wechat.html"


def _headings(a) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.heading_original for s in a.sections if s.heading_original is not None]


def test_a_portal_page_keeps_the_article_and_its_structure_only():
    a = read_article(PORTAL)
    text = a.text
    assert a.page is not None and a.page.extraction == EXTRACTED
    assert "全市地铁单日客运量达到一千二百万人次" in text and "鼓励企业实行错峰上班" in text
    # menus, share buttons, related links, hot comments and the footer are not the article
    for junk in ("首页", "腾讯微博", "QQ空间", "公交专用道", "热门评论", "挤不上去", "版权所有"):
        assert junk not in text, junk
    # its own structure: h2 and a bold short line as headings, list items, the quote, a table row
    assert _headings(a) == ["换乘站压力最大", "加密班次还有空间"]
    paras = [p.original for s in a.sections for p in s.paragraphs]
    assert "一号线高峰间隔缩短至一分五十秒" in paras and "四号线增开十二趟区间车" in paras
    assert any(p.startswith("一位每天通勤的乘客说") for p in paras)
    assert "一号线 百分之一百二十五" in paras


def test_page_metadata_title_without_site_suffix_site_author_date_url():
    page = read_article(PORTAL).page
    assert page == PageMeta(
        extraction=EXTRACTED,
        title="城市地铁客流创新高 早高峰运力持续紧张",
        site="腾讯网",
        author="李明",
        date="2024-03-18",
        url="https://news.example.com/a/20240318A01.html",
    )


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        ("城市地铁客流创新高_科技_腾讯网", "城市地铁客流创新高", "腾讯网"),
        ("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通", "新华网"),
        ("法国全国大罢工再次严重影响交通 - 新华网", "法国全国大罢工再次严重影响交通", "新华网"),
        ("大模型公司的新一轮融资 | 36氪", "大模型公司的新一轮融资", "36氪"),
        ("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网", "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "人民网"),
        # not suffixes: a hyphen inside a name, a headline shorter than what follows it, no separator
        ("COVID-19疫苗进展 - 新华网", "COVID-19疫苗进展", "新华网"),
        ("北京-上海高铁开通", "北京-上海高铁开通", None),
        ("学术年会在重庆·西南大学成功举行 - 新华网", "学术年会在重庆·西南大学成功举行", "新华网"),
        ("没有后缀的标题", "没有后缀的标题", None),
    ],
)
def test_strip_site_suffix(title, headline, site):
    assert strip_site_suffix(title) == (headline, site)


def test_a_wechat_post_reads_its_hidden_body_and_platform_boilerplate_is_still_reported():
    a = read_article(WECHAT)
    assert a.page is not None and a.page.extraction == EXTRACTED
    assert a.title == "一座小城的夜间经济"
    assert a.page.site == "城市观察"  # the account, not "微信公众平台"
    assert a.page.url == "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
    assert "老城区的河边依然热闹" in a.text and "最忙的时候要雇三个兼职帮忙" in a.text
    assert _headings(a) == ["从摆摊到街区"]
    for junk in ("阅读原文", "喜欢此内容的人还喜欢", "县城的咖啡馆", "写留言", "类似的夜市"):
        assert junk not in a.text, junk
    assert sorted(r.pattern for r in a.removed) == ["byline", "byline", "disclaimer", "image"]
    assert not any(s in a.text for s in ("出品I", "撰文I", "特别声明", "mmbiz"))


def test_no_extract_reads_the_whole_page():
    whole = read_article(PORTAL, extract=False)
    assert whole.page is not None and whole.page.extraction == WHOLE_PAGE
    assert "首页" in whole.text and "挤不上去" in whole.text and "全市地铁单日客运量" in whole.text
    assert whole.chars > read_article(PORTAL).chars
    assert read_article(PORTAL).page.extraction == EXTRACTED  # the default: the main text


def test_a_fragment_too_short_for_extraction_falls_back_to_reading_the_whole_of_it():
    a = parse_text("<div>市政府召开新闻发布会。会议通报了防汛工作。</div>", fmt="html")
    assert a.page is not None and a.page.extraction == FALLBACK
    assert a.text == "市政府召开新闻发布会。会议通报了防汛工作。"
    # A fragment long enough to be an article is extracted as one, all of it kept.
    b = parse_text("<p>今天上午，市政府召开新闻发布会。</p><p>会议通报了近期的防汛工作。</p>", fmt="html")
    assert b.page.extraction == EXTRACTED
    assert b.text == "今天上午，市政府召开新闻发布会。\n会议通报了近期的防汛工作。"


def test_a_page_that_is_all_article_keeps_all_of_it_with_its_headings():
    body = "".join(
        f"<h2>第{n}部分</h2><p>{'这一部分讲述城市更新中的具体做法和经验。' * 4}</p>" for n in "一二三"
    )
    a = parse_text(f"<html><head><title>城市更新</title></head><body><h1>城市更新</h1>{body}</body></html>")
    assert a.page.extraction == EXTRACTED
    assert _headings(a) == ["第一部分", "第二部分", "第三部分"]
    assert a.chars == 3 * 4 * len("这一部分讲述城市更新中的具体做法和经验。")


@pytest.mark.parametrize(
    ("codec", "meta", "text", "script"),
    [
        (
            "gbk",
            '<meta charset="gbk">',
            "今年夏季用电负荷创下历史新高，电网公司启动了有序用电方案。",
            "simplified",
        ),
        (
            "gb2312",
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "今年夏季用电负荷创下历史新高。",
            "simplified",
        ),
        (
            "big5",
            "<meta charset=big5>",
            "今年夏季用電負荷創下歷史新高，電網公司啟動了有序用電方案。",
            "traditional",
        ),
    ],
)
def test_a_page_in_a_legacy_codec_declared_only_in_meta_charset(tmp_path, codec, meta, text, script):
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(codec))
    _, encoding = decode(path.read_bytes())
    assert encoding.endswith("(declared)")
    a = read_article(path)
    assert a.sections[0].paragraphs[0].original == text and a.script == script


JAPANESE = (
    "政府は十八日、来年度の予算案を閣議決定した。一般会計の総額は過去最大となり、防衛費と社会保障費が"
    "大きく伸びた。財務省によると、新規国債の発行額は前年度をわずかに下回る見通しだ。"
)


def test_a_japanese_news_page_is_refused_by_name_not_read_as_traditional_chinese(tmp_path):
    page = tmp_path / "ja.html"
    page.write_text(
        f'<html lang="ja"><head><title>予算案を閣議決定</title></head><body><article><h1>予算案を閣議決定</h1>'
        f"<p>{JAPANESE}</p><p>{JAPANESE}</p></article></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"reads as Japanese"):
        read_article(page)
    r = CliRunner().invoke(cli, ["inspect", str(page)])
    assert r.exit_code == 2 and "Japanese" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_a_kanji_dense_page_that_declares_japanese_is_refused_at_a_lower_kana_share():
    # Mostly kanji with a little kana: under the undeclared threshold, but the page says it is Japanese.
    kanji_heavy = "東京都知事選挙投票率過去最低記録更新。" * 6 + "候補者は支持を訴えた。" * 2
    html = f"<html><head></head><body><p>{kanji_heavy}</p></body></html>"
    parse_text(html, fmt="html")  # undeclared: reads (a Chinese reader would call it odd, not Japanese)
    with pytest.raises(InputError, match=r"Japanese.*declares lang=ja"):
        parse_text(html.replace("<html>", '<html lang="ja">'), fmt="html")


def test_a_korean_page_is_refused_by_name():
    html = "<html><body><p>" + "정부는 내년도 예산안을 의결했다. " * 8 + "</p></body></html>"
    with pytest.raises(InputError, match=r"reads as Korean"):
        parse_text(html, fmt="html")


def test_a_chinese_page_quoting_a_little_japanese_still_reads():
    zh = "日本首相在记者会上表示，政府将继续推进经济刺激计划，并强调财政纪律同样重要。" * 3
    html = f"<html><body><article><p>{zh}</p><p>他当时用日语说了一句“ありがとう”，意思是谢谢。</p></article></body></html>"
    a = parse_text(html, fmt="html")
    assert a.script == "simplified" and "ありがとう" in a.text


def test_inspect_shows_the_page_and_the_path_that_read_it():
    runner = CliRunner()
    r = runner.invoke(cli, ["inspect", str(PORTAL)])
    assert r.exit_code == 0, r.output
    assert "page: site 腾讯网; author 李明; date 2024-03-18;" in r.output and "read trafilatura" in r.output
    whole = runner.invoke(cli, ["inspect", "--no-extract", str(PORTAL)])
    assert whole.exit_code == 0 and "read whole page (--no-extract)" in whole.output
    js = json.loads(runner.invoke(cli, ["inspect", "--json", str(PORTAL)]).output)
    assert js["page"]["title"] == "城市地铁客流创新高 早高峰运力持续紧张" and js["page"]["site"] == "腾讯网"
    assert js["page"]["extraction"] == "trafilatura"


@pytest.mark.parametrize("command", ["inspect", "segment", "names", "numbers", "brief", "translate"])
def test_every_command_that_reads_an_article_offers_no_extract(command):
    r = CliRunner().invoke(cli, [command, "--help"])
    assert r.exit_code == 0 and "--no-extract" in r.output


def _brief(article):  # type: ignore[no-untyped-def]
    from toolkit.brief.model import Brief, Quality, SectionBrief, SummarySentence

    s1 = SummarySentence("Metro ridership hit a record on Monday.", ["§0¶1s1"], "ok")
    return Brief(
        source=article.source,
        title_zh=article.title,
        title_en="Metro Ridership Hits a Record",
        key_points=[s1],
        sections=[SectionBrief("§0", None, None, ["§0¶1s1"], [s1])],
        figures=[],
        terms=[],
        quality=Quality(None, 0, 0, [], [], 0, [], [], 0, 0, 0, True),
        model="scripted",
        model_sha256="",
        glossary_files=[],
        glossary_sha256="",
        settings={},
        tokens={},
        seconds=0.1,
        date="2026-01-01",
        version="0",
        chars=article.chars,
        script=article.script,
        encoding=article.encoding,
        timing={},
    )


def test_a_briefs_markdown_html_and_json_carry_the_page_metadata():
    from toolkit.brief.render import html as html_render
    from toolkit.brief.render import json as json_render
    from toolkit.brief.render import markdown

    a = read_article(PORTAL)
    b = _brief(a)
    line = "Page: site 腾讯网 · author 李明 · date 2024-03-18 · url https://news.example.com/a/20240318A01.html · read trafilatura"
    assert line in markdown.render(b, a)
    assert 'class="meta page">Page: site 腾讯网' in html_render.render(b, a)
    assert json.loads(json_render.render(b, a))["page"] == a.page.to_dict()
    text_article = parse_text("地铁客流创新高\n\n本周一，全市地铁单日客运量创下新高。\n")
    assert "Page:" not in markdown.render(_brief(text_article), text_article)
    assert json.loads(json_render.render(_brief(text_article), text_article))["page"] is None


def test_a_translations_markdown_html_and_json_carry_the_page_metadata(scripted):
    from toolkit.glossary import Glossary
    from toolkit.translation import translate_article
    from toolkit.translation.render import render_html, render_json, render_markdown

    a = parse_text(
        '<html><head><title>防汛会议_本地_新华网</title><link rel="canonical" href="https://example.com/n.html">'
        "</head><body><h1>防汛会议</h1><p>市政府召开防汛工作会议，部署下一阶段的防汛任务和人员安排。</p>"
        "</body></html>",
        source="n.html",
    )
    assert a.page is not None and a.page.url == "https://example.com/n.html"
    engine = scripted(["1. Flood control meeting\n2. The city government held a flood control meeting."])
    t = translate_article(a, engine, Glossary([]), use_cache=False)
    md = render_markdown(t)
    assert md.startswith(
        "# Flood control meeting\n\n*Page: site 新华网 · url https://example.com/n.html · read"
    )
    assert '<p class="page">Page: site 新华网' in render_html(t)
    assert '<td colspan="2"><p class="page">Page: site 新华网' in render_html(t, bilingual=True)
    assert json.loads(render_json(t))["page"]["site"] == "新华网"


def test_a_batch_report_lists_each_web_pages_metadata():
    from toolkit.batch.report import build_report, render_markdown
    from toolkit.batch.runner import BatchResult, Outcome

    page, text = read_article(PORTAL), parse_text("地铁客流\n\n本周一，全市地铁单日客运量创下新高。\n")
    outcomes = [
        Outcome(str(PORTAL), "portal.html", "skipped", figures={"passed": True}, article=page),
        Outcome("a.txt", "a.txt", "skipped", figures={"passed": True}, article=text),
    ]
    res = BatchResult(Path("out"), "run1", "brief", outcomes, total=2, seconds=1.0)
    rep = build_report(res, None, candidates=0)
    assert rep["articles"][0]["page"]["site"] == "腾讯网" and rep["articles"][1]["page"] is None
    md = render_markdown(rep)
    assert "## Web pages" in md
    assert "| portal.html | 城市地铁客流创新高 早高峰运力持续紧张 | 腾讯网 | 2024-03-18 | trafilatura |" in md


REAL = Path(__file__).parent / "data" / "real"


def test_a_real_government_page_with_a_stray_end_tag_after_its_header():
    # A content system left </html> after the header; libxml2 stopped there and the article was lost.
    a = read_article(REAL / "govcn-gazette.html")
    assert a.page is not None and a.page.extraction == EXTRACTED
    assert (
        a.title
        == "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议"
    )
    assert a.page.site == "中国政府网" and a.page.author == "马娟"
    assert a.text.startswith("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）")
    assert "批准2007年末国债余额限额调整为53365.53亿元。" in a.text
    for junk in ("首页", "扫一扫", "相关稿件", "最高人民法院", "京ICP备"):
        assert junk not in a.text, junk
    # and the whole-page reading sees past the stray tag too
    assert "批准发行15500亿元特别国债" in read_article(REAL / "govcn-gazette.html", extract=False).text


def test_a_page_titled_with_its_channel_takes_the_heading_before_the_article():
    body = (
        "<p>5月10日至12日，人文地理学术年会在西南大学举行，来自一百二十余所高校和科研院所的六百余名专家学者参加。</p>"
        "<p>大会开幕式在圆顶报告厅举行，学会副理事长和承办单位负责人先后致辞，开幕式由地理科学学院院长主持。</p>"
        "<p>本次大会共收到学术论文三百余篇，设立了九个分会场和两个开放性论坛，作了一百九十一场专题报告。</p>"
    )
    html = (
        "<html><head><title>新闻动态--某某学会官网</title></head><body>"
        "<div class='nav'><a>首页</a><a>学会概况</a><a>学术交流</a></div><h3>首页 - 新闻动态</h3>"
        f"<div class='main'><h5>2019年人文地理学术年会成功举行</h5><div>发布时间：2019-05-18</div>"
        f"<div class='detail'>{body}</div></div></body></html>"
    )
    a = parse_text(html, fmt="html")
    assert a.page.title == "2019年人文地理学术年会成功举行" and a.page.site == "某某学会官网"
    assert a.title == "2019年人文地理学术年会成功举行"


def test_text_before_the_headline_goes_and_a_date_source_line_and_a_disclaimer_are_reported():
    html = (
        "<html><head><title>午间公告：甲公司中标乙项目_某某证券网</title></head><body>"
        "<div class='nav'><a>首页</a><a>快讯</a></div><div class='box'>"
        "<div class='where'>您所在的位置：<a>首页</a> &gt; <a>快讯</a> &gt; <a>公司</a></div>"
        "<h2>午间公告：甲公司中标乙项目</h2><div class='info'>2019-09-26 12:11<span>来源：某某证券网</span>"
        "<span>作者：张三</span></div><div class='txt'>某某讯，甲公司确认中标乙项目，中标额六千九百万元。丙公司拟收购控股"
        "子公司少数股权，交易金额一千零八十万元。丁公司竞得一宗工业用地，将用于新材料产业基地建设。</div>"
        "<p>声明：本网力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议。</p></div></body></html>"
    )
    a = parse_text(html, fmt="html")
    assert a.title == "午间公告：甲公司中标乙项目"
    assert a.text.startswith("某某讯，甲公司确认中标乙项目") and "您所在的位置" not in a.text
    assert sorted(r.pattern for r in a.removed) == ["dateline", "disclaimer"]


def test_a_wechat_posts_list_set_in_sections_is_kept(tmp_path):
    # The way WeChat's editors (mdnice here) set a post: the body a <section> inside #js_content, each list
    # item's text in its own <section>, and no container trafilatura knows by name.
    para = "<p>{}</p>"
    body = "".join(
        [
            para.format("熟悉 Golang 的同学都知道，Golang 里面有一个关键词叫做defer，它可以实现延迟调用。"),
            para.format("实际上在 Python 里面也有相关的语法，那就是上下文管理器里的回调栈。"),
            para.format("可以看出以下特点："),
            '<ol class="list-paddingleft-2"><li><section>被添加的回调函数进入了一个栈，后添加的先调用</section></li>'
            "<li><section>回调函数会在结束缩进的时候被调用</section></li></ol>",
            para.format(
                "即使缩进里面出现了报错，回调函数仍然可以正常运行。等所有回调函数运行完成以后，程序才会退出。"
            ),
        ]
    )
    page = tmp_path / "post.html"
    page.write_text(
        "<html><head><title>一日一技：延迟调用</title>"
        '<meta property="og:site_name" content="微信公众平台"></head><body>'
        '<div id="js_article"><h2 class="rich_media_title" id="activity-name">一日一技：延迟调用</h2>'
        '<div id="meta_content"><a id="js_name">未闻Code</a></div>'
        '<div class="rich_media_content " id="js_content" style="visibility: hidden;">'
        f'<section data-tool="mdnice编辑器">{body}</section></div>'
        '<div id="js_reward_area"><p>攒钱给产品经理买房。</p><strong>微信扫一扫赞赏作者</strong></div>'
        "</div></body></html>",
        encoding="utf-8",
    )
    a = read_article(page)
    paras = [p.original for s in a.sections for p in s.paragraphs]
    assert a.page is not None and a.page.extraction == EXTRACTED
    assert "被添加的回调函数进入了一个栈，后添加的先调用" in paras
    assert "回调函数会在结束缩进的时候被调用" in paras
    assert not any("赞赏" in p or "买房" in p for p in paras)


def test_a_short_item_under_a_mega_menu_is_extracted_not_read_whole():
    # A one-paragraph item (a brief, a paywalled lede) on a portal page whose Chinese is mostly headline
    # links and a comment box's rules: extraction kept little, but what it dropped is not paragraphs of
    # prose, so it is a hit, not a miss.
    menu = "".join(
        f'<li><a href="/news/{n}.aspx">第{n}則即時新聞標題，政府宣布新的交通措施</a></li>' for n in range(60)
    )
    lede = (
        "（中央社記者桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生大火，7人從火場中疏散，一名女子逃生不及。"
    )
    page = (
        f'<html><head><title>輪胎行惡火 | 社會 | 中央社 CNA</title></head><body><header><ul class="menu">{menu}</ul>'
        f'</header><article><h1>輪胎行惡火</h1><div class="paragraph"><p>{lede}</p></div></article>'
        '<div id="comments"><div class="rule_text">本網站對留言系統使用者發布的文字、圖片或檔案保有片面修改或移除的權利。'
        "當使用者使用本網站留言服務時，表示已詳細閱讀並完全了解，且同意配合下述規定：</div><ul>"
        + "".join(
            f"<li>第{n}條：請勿重覆刊登一樣的文章，或大意內容相同、類似的文章，一經發現將限制發言權限</li>"
            for n in range(8)
        )
        + '</ul></div><footer><a href="/about">關於我們</a><a href="/privacy">隱私權聲明</a></footer></body></html>'
    )
    a = parse_text(page, fmt="html")
    assert a.page is not None and a.page.extraction == EXTRACTED
    paras = [p.original for s in a.sections for p in s.paragraphs]
    assert paras == [lede]


def test_an_article_whose_paragraphs_extraction_drops_is_read_whole():
    # The article's own paragraphs sit where extraction does not look (an <aside>): what it kept is far
    # too little beside the page's paragraph text, so the whole page is read.
    body = "".join(
        f"<p>这是文章正文的第{n}段，讲述了城市更新过程中的具体做法与经验教训，以及居民的看法。</p>"
        for n in range(8)
    )
    page = (
        "<html><head><title>城市更新</title></head><body><article><h1>城市更新</h1>"
        f"<p>编者按：本文较长，共分八段，请耐心阅读。</p></article><aside>{body}</aside></body></html>"
    )
    a = parse_text(page, fmt="html")
    assert a.page is not None and a.page.extraction == FALLBACK
    assert "这是文章正文的第7段" in a.text


def test_an_author_that_is_a_profile_link_names_no_one(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>桃园轮胎行大火 - 中央社</title>"
        '<meta name="author" content="https://www.facebook.com/cnanewstaiwan"></head><body><article>'
        + "<p>桃园市一家轮胎行19日清晨发生大火，7人从火场中疏散，一名62岁女子逃生不及。</p>" * 4
        + "</article></body></html>",
        encoding="utf-8",
    )
    assert read_article(page).page.author is None


def test_the_lead_photo_caption_between_headline_and_body_is_kept(tmp_path: Path) -> None:
    body = "".join(
        f"<p>市消防局表示，第{i}批救援人员已经抵达现场，事故原因正在调查之中，相关工作仍在进行。</p>"
        for i in range(6)
    )
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>民宅火灾致一人死亡 - 某某新闻网</title></head><body>"
        "<nav><a href='/'>首页</a><a href='/n'>新闻</a></nav>"
        "<h1>民宅火灾致一人死亡</h1>"
        "<figure><img src='a.jpg'><figcaption>消防人员在现场灭火。</figcaption></figure>"
        f"<article>{body}</article>"
        "<figure><img src='b.jpg'><figcaption>热门推荐：明星同款外套。</figcaption></figure>"
        "</body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    texts = [s.text for s in article.sentences()]
    assert texts[0] == "消防人员在现场灭火。"  # before the body, as on the page
    assert not any("热门推荐" in t for t in texts)  # a figure after the body is not the lead photo's
