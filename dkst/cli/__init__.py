"""One module per command beyond ``check`` and ``status``: a plain function that :func:`dkst.cli.app.register_commands`
adds to the app by name, in the order of ``dkst --help``.

A module here imports only typer and :mod:`dkst.cli.options` at import time: heavy libraries (pandas, openpyxl,
docxtpl) are imported inside the command function, so ``dkst --help`` and ``dkst check`` stay light.
"""
