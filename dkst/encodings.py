"""Which legacy encoding a file that is not UTF-8 was written in: TCVN3, VNI, Windows-1258 or UTF-16.

Offices still receive files typed with the old Vietnamese fonts: TCVN3 (ABC, ``.VnTime``: one byte per
accented lower-case letter), VNI Windows (``VNI-Times``: a base letter, then a byte for its marks) and
Windows-1258 (what Windows' "ANSI" means on a Vietnamese system: some precomposed letters, tones as combining
marks), and Notepad's "Unicode" (UTF-16). :func:`guess` decodes the bytes with each candidate and keeps the one
whose words read as Vietnamese syllables (initial consonant, vowel cluster, final consonant, at most one
tone), rather than counting bytes. TCVN3 and VNI are not Python codecs: :func:`decode` holds their tables,
and :func:`encode` the reverse (for tests, and to show a sample).
"""

from __future__ import annotations

import re
import unicodedata

#: What :func:`guess` may answer, and the name each has for ``iconv -f`` / Unikey's toolkit.
SOURCE_NAMES: dict[str, str] = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI Windows",
    "windows-1258": "WINDOWS-1258",
    "utf-16": "UTF-16",
    "utf-16le": "UTF-16LE",
    "utf-16be": "UTF-16BE",
}
#: Candidates for single-byte text, in the order that wins a tie.
LEGACY = ("windows-1258", "vni", "tcvn3")
#: Below this share of Vietnamese words (among those with a non-ASCII letter), no guess is made.
MIN_SCORE = 0.6

# ---------------------------------------------------------------- the tables

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_TONES = frozenset((_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT))

#: TCVN3 (TCVN 5712:1993, VN3): bytes 0xA1-0xFE; ASCII below. Upper-case toned letters have no code of their
#: own (ABC documents switch to a capital font such as ``.VnTimeH``): they decode as lower case.
_TCVN3 = dict(
    zip(
        b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae"
        b"\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb\xcc\xce\xcf"
        b"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde\xdf"
        b"\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"
        b"\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe",
        "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
        strict=True,
    )
)

#: VNI Windows: marks written after the base letter (lower- and upper-case forms), and letters of one byte.
_VNI_MARKS = {
    "ùÙ": _ACUTE,
    "øØ": _GRAVE,
    "ûÛ": _HOOK,
    "õÕ": _TILDE,
    "ïÏ": _DOT,
    "âÂ": _CIRC,
    "áÁ": _CIRC + _ACUTE,
    "àÀ": _CIRC + _GRAVE,
    "åÅ": _CIRC + _HOOK,
    "ãÃ": _CIRC + _TILDE,
    "äÄ": _CIRC + _DOT,
    "êÊ": _BREVE,
    "éÉ": _BREVE + _ACUTE,
    "èÈ": _BREVE + _GRAVE,
    "úÚ": _BREVE + _HOOK,
    "üÜ": _BREVE + _TILDE,
    "ëË": _BREVE + _DOT,
}
_VNI_LETTERS = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "í": "í",
    "Í": "Í",
    "ì": "ì",
    "Ì": "Ì",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
_VNI: dict[int, str] = {ord(ch): marks for pair, marks in _VNI_MARKS.items() for ch in pair}
_VNI.update({ord(ch): letter for ch, letter in _VNI_LETTERS.items()})


def decode(raw: bytes, encoding: str) -> str:
    """``raw`` as text in ``encoding`` (one of :data:`SOURCE_NAMES`), NFC; undecodable bytes become U+FFFD."""
    if encoding == "tcvn3":
        text = "".join(_TCVN3.get(b) or (chr(b) if b < 0x80 else "\ufffd") for b in raw)
    elif encoding == "vni":
        text = "".join(_VNI.get(b) or (chr(b) if b < 0x80 else "\ufffd") for b in raw)
    elif encoding == "windows-1258":
        text = raw.decode("cp1258", errors="replace")
    else:
        text = raw.decode(encoding, errors="replace")
    return unicodedata.normalize("NFC", text)


def _reverse(encoding: str) -> dict[str, bytes]:
    if encoding == "tcvn3":
        return {letter: bytes([b]) for b, letter in _TCVN3.items()}
    out: dict[str, bytes] = {}
    for b, letter in _VNI.items():
        if letter not in _TONES and not unicodedata.combining(letter[0]):
            out[letter] = bytes([b])
    bases = [*"aeiouyAEIOUY", *_VNI_LETTERS.values()]
    for base in bases:
        for b, marks in _VNI.items():
            if not unicodedata.combining(marks[0]) or (base.isupper() != chr(b).isupper()):
                continue
            letter = unicodedata.normalize("NFC", base + marks)
            if len(letter) == 1:
                first = out.get(base, base.encode("latin-1") if base.isascii() else None)
                if first is not None:
                    out.setdefault(letter, first + bytes([b]))
    return out


def encode(text: str, encoding: str) -> bytes:
    """``text`` in TCVN3 or VNI (upper-case toned letters become lower case in TCVN3, which has none)."""
    table = _reverse(encoding)
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out += table[ch]
        elif ch.isascii():
            out += ch.encode("ascii")
        elif ch.lower() in table:
            out += table[ch.lower()]
        else:
            raise ValueError(f"{ch!r} has no {encoding} code")
    return bytes(out)


# ---------------------------------------------------------------- scoring as Vietnamese

_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
_OPEN = "(?:iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu)"
_CLOSED = "(?:uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uô|ươ|uơ|uy|[aăâeêioôơuưy])"
_FINAL = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_INITIAL}(?:{_OPEN}|{_CLOSED}{_FINAL})")
#: a word: letters and marks between spaces, digits and ASCII punctuation
_WORD = re.compile(r"[^\s0-9!-/:-@\[-`{-~]+")


def is_syllable(word: str) -> bool:
    """``word`` is one Vietnamese syllable (any case, any normalisation form, at most one tone)."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in parts if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def score(text: str) -> tuple[float, int]:
    """(share of Vietnamese syllables, number) among the words of ``text`` that have a non-ASCII letter."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0, 0
    good = sum(1 for w in words if is_syllable(w))
    return good / len(words), len(words)


# ---------------------------------------------------------------- the guess


def guess(raw: bytes) -> str:
    """The encoding ``raw`` (not UTF-8) was most likely written in: a key of :data:`SOURCE_NAMES`, or
    ``"unknown"`` (not text, or no accented word that reads as Vietnamese in any candidate)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if raw.count(b"\x00") * 4 > len(raw):
        return _utf16_order(raw)
    controls = sum(1 for b in raw if b < 0x20 and b not in (0x09, 0x0A, 0x0D))
    if controls * 100 > len(raw) or not any(b >= 0x80 for b in raw):
        return "unknown"  # not text (a binary file named .yaml), or nothing accented to go by
    best, best_score = "unknown", (MIN_SCORE, 0)
    for name in LEGACY:
        value = score(decode(raw, name))
        if value[1] and value[0] >= best_score[0] and value > best_score:
            best, best_score = name, value
    return best


def _utf16_order(raw: bytes) -> str:
    """UTF-16 without a byte order mark: little-endian puts the zero byte of ASCII letters second."""
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    if even == odd:
        return "utf-16"
    name = "utf-16le" if odd > even else "utf-16be"
    text = raw[: len(raw) // 2 * 2].decode(name, errors="replace")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return name if printable * 10 >= len(text) * 9 else "unknown"


def family(name: str) -> str:
    """``utf-16le`` and ``utf-16be`` are UTF-16; every other name is its own."""
    return "utf-16" if name.startswith("utf-16") else name


__all__ = ["LEGACY", "SOURCE_NAMES", "decode", "encode", "family", "guess", "is_syllable", "score"]
