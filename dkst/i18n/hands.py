"""Catalogue part: the clerk's hands: options, hints, forms by name (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
