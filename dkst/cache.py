"""Parsing many files: the place for a parse cache and worker processes (see the scale issue)."""

from __future__ import annotations

from pathlib import Path

from dkst.dataset import ParsedFile, parse_file
from dkst.schema import Record


def parse_many(jobs: list[tuple[Path, type[Record]]]) -> list[ParsedFile]:
    """Parse every (path, kind) job, in order."""
    return [parse_file(path, cls) for path, cls in jobs]
