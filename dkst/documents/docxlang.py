"""The language of a Word document, said where Word looks for it (#21): ``dc:language`` in the properties, the
decimal symbol and list separator of the language in ``settings.xml`` (no preview picture either), and a language
tag on each run: in an English document the Vietnamese words (unit names, issuers, the units' own sentences) are
cut into runs of their own tagged ``vi-VN``, so Word checks each text in its own language.

A word is Vietnamese when it has a Vietnamese letter (``đ``, ``ơ``, a tone mark); an unmarked word joins it when it
touches it (no punctuation between) and could be a Vietnamese syllable or acronym (``Ban Thường``, ``Việt Nam``,
``Ủy ban MTTQ``, ``Hội An``), unless it is a small English word (``to``, ``the``); a number joins two Vietnamese words
(``Báo cáo 6 tháng``)."""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

#: The language tag of each document language.
TAGS = {"vi": "vi-VN", "en": "en-GB"}
#: English words that are also Vietnamese syllables in form: they never join a Vietnamese name.
_ENGLISH = frozenset("a am an as at be by do go he in is it me my no of on or so the to up us we".split())
_WORD = re.compile(r"\S+")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: A Vietnamese syllable written without marks (``ban``, ``Nam``, ``Ninh``, ``trong``): onset, vowels, final.
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$")
#: An acronym of Vietnamese names (``MTTQ``, ``UBMTTQ``, ``TNCS``): capitals with three consonants in a row.
_ACRONYM = re.compile(r"^(?=[A-Z]*[BCDFGHJKLMNPQRSTVWXZ]{3})[A-Z]{3,8}$")
_EDGES = ",.;:()[]“”\"'!?/"


def _marked(word: str) -> bool:
    """Whether a word carries a letter of Vietnamese beyond ASCII (``Thường``, ``Đoàn``)."""
    return any(ord(ch) > 127 and ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in word)


def _syllable(word: str) -> bool:
    """Whether an unmarked word could be a Vietnamese syllable or acronym (and is no English word of that form)."""
    bare = word.strip(_EDGES)
    if not bare or (bare.islower() and bare in _ENGLISH):  # "Hội An" is a name; "Nam to" is English
        return False
    return bool(_SYLLABLE.match(bare.casefold()) or _ACRONYM.match(bare))


def vietnamese_flags(text: str) -> list[bool]:
    """For each character of ``text``: whether it belongs to a Vietnamese stretch (see the module's docstring)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    viet = [_marked(w) for _, _, w in words]

    def touches(i: int, j: int) -> bool:  # words i and j (j = i ± 1) meet with letters or digits on both sides
        a, b = (i, j) if i < j else (j, i)
        left, right = words[a][2], words[b][2]
        return left[-1].isalnum() and right[0].isalnum()

    changed = True
    while changed:
        changed = False
        for i, (_, _, w) in enumerate(words):
            if viet[i]:
                continue
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(words) and viet[j] and touches(i, j)]
            if not near:
                continue
            # a syllable touching a Vietnamese word (``Việt Nam``, ``Ủy ban``, ``Giấy khen``); a number between two
            # (``Báo cáo 6 tháng``)
            if (w[0].isalpha() and _syllable(w)) or (w.strip(_EDGES).isdigit() and len(near) == 2):
                viet[i] = changed = True
    flags = [False] * len(text)
    for i, (start, end, _) in enumerate(words):
        if viet[i]:
            for k in range(start, end):
                flags[k] = True
            if i + 1 < len(words) and viet[i + 1]:  # the space between two Vietnamese words is theirs
                for k in range(end, words[i + 1][0]):
                    flags[k] = True
    return flags


def _set_lang(run: Any, tag: str) -> None:
    from docx.oxml.ns import qn

    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = run.makeelement(qn("w:rPr"), {})
        run.insert(0, rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        # CT_RPr is a sequence: w:lang comes before eastAsianLayout, specVanish, oMath
        later = next((el for el in rpr if el.tag in {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}), None)
        if later is not None:
            later.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _split_run(run: Any) -> None:
    """Cut a run of an English document into runs by language; the Vietnamese ones tagged ``vi-VN``."""
    from docx.oxml.ns import qn

    t_tag, rpr_tag = qn("w:t"), qn("w:rPr")
    content = [c for c in run if c.tag != rpr_tag]
    if not any(c.tag == t_tag and _marked(c.text or "") for c in content):
        return
    full, spans = "", []
    for c in content:
        piece = (c.text or "") if c.tag == t_tag else "\t"  # a tab, a break or a field: a boundary
        spans.append((len(full), len(full) + len(piece)))
        full += piece
    flags = vietnamese_flags(full)
    groups: list[tuple[bool, list[Any]]] = []
    for c, (a, b) in zip(content, spans, strict=True):
        if c.tag != t_tag:
            if groups:
                groups[-1][1].append(c)
            else:
                groups.append((False, [c]))
            continue
        i = a
        while i < b:
            j = i
            while j < b and flags[j] == flags[i]:
                j += 1
            if groups and groups[-1][0] == flags[i]:
                groups[-1][1].append(full[i:j])
            else:
                groups.append((flags[i], [full[i:j]]))
            i = j
    if len(groups) == 1 and not groups[0][0]:
        return
    rpr = run.find(rpr_tag)
    parent = run.getparent()
    for flag, items in groups:
        new = run.makeelement(run.tag, dict(run.attrib))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        for item in items:
            if isinstance(item, str):
                t = new.makeelement(t_tag, {})
                t.text = item
                t.set(_XML_SPACE, "preserve")
                new.append(t)
            else:
                new.append(item)
        if flag:
            _set_lang(new, TAGS["vi"])
        run.addprevious(new)
    parent.remove(run)


def tag_runs(document: Any, lang: str) -> None:
    """In an English document, every Vietnamese stretch of text in a run of its own tagged ``vi-VN`` (body, headers
    and footers). A Vietnamese document is Vietnamese by its defaults: nothing to do."""
    from docx.oxml.ns import qn

    if lang != "en":
        return
    roots = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part.is_linked_to_previous:
                continue
            roots.append(part._element)
    for root in roots:
        for run in list(root.iter(qn("w:r"))):
            _split_run(run)


def declare_language(document: Any, lang: str) -> None:
    """``dc:language``, the decimal symbol and list separator of ``lang`` ("," ";" in Vietnamese, "." "," in
    English) whatever the template says, and no preview picture saved with the document."""
    from docx.oxml.ns import qn

    tag = TAGS.get(lang, TAGS["vi"])
    document.core_properties.language = tag
    settings = document.settings.element
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)
    vietnamese = tag.startswith("vi")
    for name, value in (
        ("w:decimalSymbol", "," if vietnamese else "."),
        ("w:listSeparator", ";" if vietnamese else ","),
    ):
        el = settings.find(qn(name))
        if el is None:
            el = settings.makeelement(qn(name), {})
            settings.append(el)
        el.set(qn("w:val"), value)
