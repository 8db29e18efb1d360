"""The standard streams on any console: UTF-8 when redirected, never a ``UnicodeEncodeError``.

A Vietnamese Windows gives a redirected ``dkst check > ketqua.txt`` the code page cp1258 (or cp1252), which
cannot encode "Ủy"; Python would end in a traceback. :func:`setup_streams` runs first in ``dkst.cli.app.main``:
a stream that is not a terminal is switched to UTF-8 (what every later reader of the file expects), and a
terminal whose encoding cannot write Vietnamese replaces what it cannot show instead of failing.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (default: standard output) is an interactive terminal."""
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _can_write_vietnamese(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "Ủy ban Mặt trận Tổ quốc Việt Nam ✓ … “”".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def setup_stream(stream: TextIO) -> None:
    """Make one text stream safe: UTF-8 when redirected; ``errors="replace"`` on a terminal that needs it."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if not is_terminal(stream):
            reconfigure(encoding="utf-8", errors="replace")
        elif not _can_write_vietnamese(stream):
            reconfigure(errors="replace")
    except (ValueError, OSError, LookupError):  # a stream already written to in binary, or closed
        pass


def setup_streams() -> None:
    """Standard output and standard error, as :func:`setup_stream` says."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            setup_stream(stream)


def use_color(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)
