"""Catalogue part: one truth: left-out reports, provisional figures, broken registry (merged into
:data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
