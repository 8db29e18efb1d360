"""Catalogue part: trust: forms, imports, roll-up, file-system errors (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
