"""One module per command beyond ``check`` and ``status``; each decorates a function with ``@app.command()``.

A module here imports only typer and :mod:`dkst.options` at import time: heavy libraries (pandas, openpyxl,
docxtpl) are imported inside the command function, so ``dkst --help`` and ``dkst check`` stay light.
"""
