"""typer's coercion of option values, without pydantic where the value is plain.

typer 0.29 turns each option's text into its value through a pydantic ``TypeAdapter`` built on first use, so
parsing any option imports pydantic and builds its schema machinery (0.1–0.2 s, more than the rest of typer's
start). dkst's options are plain: a ``str``, a ``bool``, a ``StrEnum``, a ``Path`` with no checks asked
(``remind --within``, an ``int`` with a minimum, keeps typer's).
:func:`install` gives each such parameter a coercion that returns what typer's own returns for an ordinary
value (the same text, the same ``Path``, the same member) and hands anything else to typer's
own coercion, so every refusal keeps typer's words (which :mod:`dkst.cli.clihelp` then puts in the user's
language). ``tests/test_coercion.py`` compares the two on every option of every command.

Commands that need pydantic (most of them) still import it when they load the dataset; ``dkst check`` on an
unchanged small dataset (:mod:`dkst.checks.memo`) and the one-line refusals before any loading do not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param  # typer's own layer (0.29)


def _plain_path(info: Any) -> bool:
    """A ``Path`` option with typer's defaults: no existence, kind, permission, dash or resolving asked."""
    return (
        info.parser is None
        and not info.exists
        and info.file_okay
        and info.dir_okay
        and not info.writable
        and not info.resolve_path
        and not info.allow_dash
        and info.path_type is None
    )


def _kind(descriptor: Any) -> str | None:
    """Which plain kind ``descriptor``'s annotation is ("str", "bool", "enum", "path"), or ``None``."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return None
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if isinstance(annotation, type) and issubclass(annotation, Enum) and info.case_sensitive:
        return "enum"
    if annotation is Path and _plain_path(info):
        return "path"
    return None


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """The coercion of one plain option: an ordinary value here, anything else by typer's own."""

    descriptor: TypeDescriptor
    kind: str

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, bool) and self.kind == "bool":
            return value
        if isinstance(value, str) and self.kind != "bool":
            plain = self._plain(value, ctx)
            if plain is not None:
                return plain
        elif isinstance(value, Enum) and self.kind == "enum" and value in list(self.descriptor.annotation):
            return value  # a default given as a member
        return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)

    def _plain(self, value: str, ctx: Any) -> Any:
        if self.kind == "str":
            return value
        if self.kind == "enum":
            if ctx is not None and ctx.token_normalize_func is not None:
                return None
            return next((m for m in self.descriptor.annotation if str(m.value) == value), None)
        # a Path: typer stats it and refuses one that exists but cannot be read (readable is its default)
        path = Path(value)
        try:
            os.stat(path)
        except (OSError, ValueError):
            return path
        return path if os.access(path, os.R_OK) else None


def install(params: list[Any]) -> None:
    """Give every plain parameter of ``params`` that has no coercion yet the light one (once per parameter)."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        kind = _kind(descriptor)
        if kind is not None:
            param._runtime_param = PlainParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
                kind=kind,
            )
