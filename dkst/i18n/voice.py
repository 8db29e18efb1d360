"""Catalogue part: the committee's own voice: narrative, phrases, levels, English documents (merged into
:data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {}
