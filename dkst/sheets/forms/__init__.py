"""Excel forms for units that do not use git: ``dkst form`` writes them, ``dkst import`` reads them back.

:mod:`dkst.sheets.forms.cells` holds the contract both sides share (sheet and defined names, the form's language, the
dataset marker, and how one cell becomes YAML text); :mod:`dkst.sheets.forms.spec` gathers what one unit's form shows
and :mod:`dkst.sheets.forms.writer` makes the workbook with XlsxWriter (its look in :mod:`dkst.sheets.forms.formats`,
its
sheets in :mod:`dkst.sheets.forms.report_sheet` and :mod:`dkst.sheets.forms.side_sheets`);
:mod:`dkst.sheets.forms.reader` reads a
filled one with openpyxl, and :mod:`dkst.sheets.forms.importer` turns it into a report file through the loader and
checks of ``dkst check`` (one code path for every rule).
"""
