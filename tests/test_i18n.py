"""Every code and every message key has both languages, and every template fills in."""

from __future__ import annotations

import string

from dkst.findings import CODES
from dkst.i18n import LANGS, MESSAGES, REASONS, TEXTS


def test_every_code_has_both_languages() -> None:
    assert set(MESSAGES) == set(CODES)
    for code, by_lang in MESSAGES.items():
        assert set(by_lang) == set(LANGS), code
        assert all(by_lang[lang].strip() for lang in LANGS), code


def test_every_text_has_both_languages_with_the_same_fields() -> None:
    for table in (MESSAGES, REASONS, TEXTS):
        for key, by_lang in table.items():
            assert set(by_lang) == set(LANGS), key
            fields = [{f for _, f, _, _ in string.Formatter().parse(by_lang[lang]) if f} for lang in LANGS]
            assert fields[0] == fields[1], key


def test_vietnamese_is_nfc() -> None:
    import unicodedata

    for table in (MESSAGES, REASONS, TEXTS):
        for by_lang in table.values():
            assert unicodedata.is_normalized("NFC", by_lang["vi"])
