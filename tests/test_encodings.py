"""Legacy encodings told apart by reading the words as Vietnamese (issue #10, item 4).

Each sample is encoded as an office would have it: Windows-1258 by Python's own ``cp1258`` codec, both with
the precomposed letters the code page has and with every tone as a combining mark (as Word writes it); TCVN3
and VNI with :mod:`dkst.encodings`' tables; UTF-16 in both byte orders, with and without a byte order mark.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from dkst import encodings as enc
from tests.conftest import check_json

SENTENCES = [
    "Đoàn kết sáng tạo",
    "Báo cáo sơ kết 6 tháng đầu năm 2023 của Ủy ban MTTQ Việt Nam phường An Mỹ",
    "Tuyên truyền vận động nhân dân tham gia xây dựng nông thôn mới, đô thị văn minh",
    "Hội Liên hiệp Phụ nữ, Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Cựu chiến binh",
    "Khu dân cư kiểu mẫu: trường học, khuyến học, giữ gìn an ninh trật tự; thuở ấy người ta khỏe",
]
YAML = "submitted: 2023-06-04\nhighlights: {}\n"


def cp1258_precomposed(text: str) -> bytes:
    """Each letter as one byte where the code page has it (``á`` = 0xE1), else base letter + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def cp1258_combining(text: str) -> bytes:
    """Word's form: â ê ô ă ơ ư đ as letters, every tone a combining mark after its vowel."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


ENCODERS = {
    "windows-1258 precomposed": (cp1258_precomposed, "windows-1258"),
    "windows-1258 combining": (cp1258_combining, "windows-1258"),
    "tcvn3": (lambda t: enc.encode(t, "tcvn3"), "tcvn3"),
    "vni": (lambda t: enc.encode(t, "vni"), "vni"),
    "utf-16 with BOM": (lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-le with BOM": (lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16"),
    "utf-16-be with BOM": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    "utf-16-le": (lambda t: t.encode("utf-16-le"), "utf-16le"),
    "utf-16-be": (lambda t: t.encode("utf-16-be"), "utf-16be"),
}


@pytest.mark.parametrize("form", sorted(ENCODERS))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_each_encoding_is_named(form: str, sentence: str) -> None:
    encode, expected = ENCODERS[form]
    raw = encode(YAML.format(sentence))
    assert enc.guess(raw) == expected


def test_the_two_cp1258_forms_differ() -> None:
    """The precomposed form really has one-byte letters, the combining form none."""
    text = "sáng"
    assert cp1258_precomposed(text) == b"s\xe1ng"
    assert cp1258_combining(text) == b"sa\xecng"
    for encode in (cp1258_precomposed, cp1258_combining):
        assert enc.decode(encode(SENTENCES[1]), "windows-1258") == SENTENCES[1]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_tables_round_trip(encoding: str) -> None:
    for sentence in SENTENCES:
        expected = sentence if encoding == "vni" else _lower_toned(sentence)
        assert enc.decode(enc.encode(sentence, encoding), encoding) == expected


def _lower_toned(text: str) -> str:
    """TCVN3 has no upper-case toned letters: they come back in lower case."""
    keep = set("ĂÂÊÔƠƯĐ")
    return "".join(ch.lower() if not ch.isascii() and ch.isupper() and ch not in keep else ch for ch in text)


def test_known_samples() -> None:
    """Samples as the old fonts show them in a Western code page (the well-known mojibake)."""
    assert enc.encode("Việt trường đồng", "vni") == "Vieät tröôøng ñoàng".encode("latin-1")
    assert enc.encode("Ngày Thứ Năm", "vni") == "Ngaøy Thöù Naêm".encode("latin-1")
    assert enc.decode("B¶o Th¾ng M\xadêng Kh\xadng".encode("latin-1"), "tcvn3") == "Bảo Thắng Mường Khưng"
    assert enc.decode(b"\xa7o\xb5n k\xd5t s\xb8ng t\xb9o", "tcvn3") == "Đoàn kết sáng tạo"


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("nghiêng", True),
        ("Nguyễn", True),
        ("trường", True),
        ("quốc", True),
        ("khuya", True),
        ("giữa", True),
        ("thuở", True),
        ("ĐOÀN", True),
        ("oái", True),
        ("saìng", False),
        ("Ñoaøn", False),
        ("§oµn", False),
        ("kếét", False),
        ("aing", False),
        ("phê", True),
        ("café", False),
        ("naïve", False),
    ],
)
def test_syllables(word: str, ok: bool) -> None:
    assert enc.is_syllable(word) is ok


@pytest.mark.parametrize(
    "raw",
    [
        b"submitted: 2023-06-04\nhighlights: plain ASCII\n\xff",
        bytes(range(256)) * 3,
        "café crème brûlée, naïve façade".encode("cp1252"),
    ],
)
def test_no_guess_without_vietnamese(raw: bytes) -> None:
    assert enc.guess(raw) == "unknown"


@pytest.mark.parametrize(
    ("form", "named", "howto"),
    [
        ("windows-1258 combining", "Windows-1258", "iconv -f WINDOWS-1258 -t UTF-8"),
        ("windows-1258 precomposed", "Windows-1258", "iconv -f WINDOWS-1258 -t UTF-8"),
        ("tcvn3", "TCVN3", "Unikey"),
        ("vni", "VNI", "Unikey"),
        ("utf-16-le with BOM", "UTF-16", "iconv -f UTF-16 -t UTF-8"),
        ("utf-16-le", "UTF-16", "iconv -f UTF-16LE -t UTF-8"),
        ("utf-16-be", "UTF-16", "iconv -f UTF-16BE -t UTF-8"),
    ],
)
def test_check_names_the_encoding_and_the_conversion(valid: Path, form: str, named: str, howto: str) -> None:
    encode, _ = ENCODERS[form]
    (valid / "units/an-my/reports/H1.yaml").write_bytes(encode(YAML.format(SENTENCES[1])))
    for lang in ("vi", "en"):
        doc = check_json(valid, "2023-12-20", "--lang", lang)
        [hit] = [f for f in doc["findings"] if f["code"] == "encoding"]
        assert named in hit["message"] and howto in hit["message"], hit["message"]
        others = {"Windows-1258", "TCVN3", "VNI", "UTF-16"} - {named}
        assert not any(name in hit["message"] for name in others), hit["message"]
