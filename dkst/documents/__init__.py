"""Documents: the typed :class:`~dkst.documents.report_model.ReportContext`, built once from the figures, and its
writers (Markdown, Word, letters, tables) through sandboxed templates."""
