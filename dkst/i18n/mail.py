"""Catalogue part: letters and forms by e-mail (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
