"""Catalogue part: same period last year: previous, jump (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
