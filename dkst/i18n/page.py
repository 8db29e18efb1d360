"""Catalogue part: the page for leaders (render --format html) and its charts (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
