"""Catalogue part: dkst history from git (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
