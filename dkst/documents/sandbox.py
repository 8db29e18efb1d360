"""The sandbox every template runs in, with bounds: a template is user input, so it may not run forever,
build a value or an output without end, or read a file outside its folder.

:class:`LimitedSandbox` is Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (no dunders, no
mutation of the data) plus:

- a clock: :meth:`LimitedSandbox.start` sets a deadline, and every function call, attribute or item lookup,
  operator, filter and every :data:`RANGE_CHECK` steps of a ``range`` loop checks it, so a runaway loop or an
  exponential macro ends in :class:`TemplateLimit` ``template-timeout`` after :data:`TIME_LIMIT` seconds;
- values: ``**``, ``*``, ``+`` and ``%`` are intercepted (which also keeps Jinja from folding
  ``9**(9**9)`` at compile time) and refuse a result past :data:`VALUE_LIMIT` (characters, items) or
  :data:`INT_BITS` (bits); ``range`` past :data:`VALUE_LIMIT` steps; a filter's numeric argument past
  :data:`VALUE_LIMIT` (``center(10**10)``); format widths of seven digits or more. The size of what
  ``join``, ``replace``, ``format``/``format_map``, ``%``, ``indent`` and ``~`` would build is computed from
  their arguments *before* they run (the text is never built past :data:`OUTPUT_LIMIT`: a 40-byte template
  joining texts could fill 3 GB before a check made afterwards);
- output: every ``~`` concatenation, captured block (``{% set x %}…{% endset %}``) and printed expression is
  measured (:meth:`LimitedSandbox.sized`), and :func:`check_output_size` bounds the whole output (callers count
  as they render), both at :data:`OUTPUT_LIMIT` characters; ``lipsum`` at 1,000 paragraphs;
- files: :class:`FolderLoader` reads a template (or an ``{% include %}``) only if it is a regular file, not a
  symbolic link, inside its folder, and at most :data:`FILE_LIMIT` bytes.

Everything ends in :class:`TemplateLimit`, whose ``key`` and ``params`` name a catalogue text.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

from jinja2 import FileSystemLoader, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dkst.findings import KeyedError

#: Seconds a template may run, plus :data:`TIME_PER_ROW` for each unit, model and commendation of the context
#: (a city of 10,000 units renders its report in about 5 s on a slow machine; a runaway loop on the sample
#: dataset ends in about 5 s).
TIME_LIMIT = 5.0
TIME_PER_ROW = 0.002
#: Characters a rendered template may produce (Markdown text, or one XML part of a Word document).
OUTPUT_LIMIT = 20 * 1024 * 1024
#: Bytes of a template file (and of an included one).
FILE_LIMIT = 50 * 1024 * 1024
#: Characters of a string, items of a list or steps of a range a template may build; a filter's numeric argument.
VALUE_LIMIT = 1_000_000
#: Bits of an integer a template may compute (about 30,000 digits).
INT_BITS = 100_000
#: A ``range`` loop checks the clock every this many steps.
RANGE_CHECK = 1024

_BIG_FORMAT = re.compile(r"%[-#0 +]*(?:\d{7,}|\*)|%[-#0 +]*\d*\.(?:\d{7,}|\*)|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


class TemplateLimit(KeyedError):
    """A template went past a bound. ``key`` is a :data:`dkst.i18n.TEXTS` key; ``params`` its values."""


def _too_big(what: str) -> TemplateLimit:
    return TemplateLimit("template-big-value", what=what)


def _check_format(fmt: Any) -> None:
    if isinstance(fmt, str) and _BIG_FORMAT.search(fmt):
        raise _too_big("format")


def _sized(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


class _Range:
    """``range`` for templates: at most :data:`VALUE_LIMIT` steps, and the clock checked while it runs."""

    def __init__(self, env: LimitedSandbox, *args: int) -> None:
        self._range = range(*args)
        if len(self._range) > VALUE_LIMIT:
            raise _too_big("range")
        self._env = env

    def __iter__(self) -> Iterator[int]:
        tick = self._env.tick
        for i, value in enumerate(self._range):
            if i % RANGE_CHECK == 0:
                tick()
            yield value

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __reversed__(self) -> Iterator[int]:
        return reversed(self._range)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation passed through :meth:`LimitedSandbox.sized`
    (a loop doubling a text with ``~`` would otherwise fill the memory between two ticks of the clock)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        # the parts are measured before they are joined (``environment.fit``), the result after
        self.write(f"environment.sized({func_name}(environment.fit((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))))")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The template sandbox with a clock and bounds on values (see the module's docstring)."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})
    code_generator_class = _CodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline: float | None = None
        self.seconds = TIME_LIMIT
        self.globals["range"] = lambda *a: _Range(self, *a)
        lipsum = cast(Callable[..., str], self.globals["lipsum"])  # jinja2 types its globals as object
        self.globals["lipsum"] = lambda n=5, *a, **kw: lipsum(self.small(n), *a, **kw)
        # every output expression and every captured block ({% set x %}…{% endset %}) is measured too
        given = self.finalize
        self.finalize = lambda value: self.sized(given(value) if given is not None else value)
        self.concat = lambda parts: self.sized("".join(parts))  # type: ignore[method-assign]

    def fit(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """``parts`` of a ``~`` concatenation, once their joined length is known to be within the bound: the
        text is never built past it."""
        self.tick()
        _fits(sum(len(p) if isinstance(p, str) else _text_len(p) for p in parts), "~")
        return parts

    def sized(self, value: Any) -> Any:
        """``value``, once the clock is checked and it is known not to be a text past :data:`OUTPUT_LIMIT`."""
        self.tick()
        if isinstance(value, str) and len(value) > OUTPUT_LIMIT:
            raise TemplateLimit("template-too-large", mb=OUTPUT_LIMIT // (1024 * 1024))
        return value

    def small(self, n: Any) -> Any:
        if isinstance(n, int) and n > 1000:
            raise _too_big("lipsum")
        return n

    def start(self, seconds: float | None = None) -> None:
        """Start the clock: from now on, :meth:`tick` raises once ``seconds`` (default :data:`TIME_LIMIT`) have
        passed."""
        seconds = TIME_LIMIT if seconds is None else seconds
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TemplateLimit("template-timeout", seconds=f"{self.seconds:.3g}")

    def guard_filters(self) -> None:
        """Wrap every filter (Jinja's and dkst's) with the clock and the bound on numeric arguments."""
        self.filters = {name: _guarded(self, name, f) for name, f in self.filters.items()}

    # -- the sandbox's hooks

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "**" and ints and right > 0 and abs(left) > 1:
            if left.bit_length() * right > INT_BITS:
                raise _too_big("**")
        elif operator == "*":
            if ints and left.bit_length() + right.bit_length() > INT_BITS:
                raise _too_big("*")
            for seq, n in ((left, right), (right, left)):
                if _sized(seq) and isinstance(n, int) and len(seq) * max(n, 0) > VALUE_LIMIT:
                    raise _too_big("*")
        elif operator == "+" and _sized(left) and _sized(right):
            if len(left) + len(right) > (OUTPUT_LIMIT if isinstance(left, str) else VALUE_LIMIT):
                raise _too_big("+")
        elif operator == "%":
            _check_format(left)
            if isinstance(left, str):
                _fits(_percent_size(left, right), "%")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        found = super().getattr(obj, attribute)
        if isinstance(obj, str) and attribute in _STR_SIZED and callable(found):
            _check_format(obj)
            return _bounded_method(found, attribute, obj)
        return found

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)


#: Methods of a text whose numeric arguments (or format widths) size the result.
_STR_SIZED = frozenset({"format", "format_map", "center", "ljust", "rjust", "zfill", "expandtabs", "join", "replace"})


def _text_len(value: Any) -> int:
    """The length of ``str(value)``, without building it for a text; lists and tuples summed item by item."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        if len(value) > VALUE_LIMIT:
            raise _too_big("list")
        return 2 + sum(_text_len(v) + 4 for v in value)
    return len(str(value))


def _fits(size: int, what: str) -> None:
    """Refuse a text of ``size`` characters before it is built (:data:`OUTPUT_LIMIT`)."""
    if size > OUTPUT_LIMIT:
        raise TemplateLimit("template-too-large", mb=OUTPUT_LIMIT // (1024 * 1024))


def _items(value: Any) -> list[Any]:
    """An iterable made a list, at most :data:`VALUE_LIMIT` items (a generator is never run past it)."""
    out: list[Any] = []
    for item in value:
        out.append(item)
        if len(out) > VALUE_LIMIT:
            raise _too_big("join")
    return out


def _replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    hits = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _format_size(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound of ``fmt.format(*args, **kwargs)``: every field may be the longest value."""
    longest = max((_text_len(v) for v in (*args, *kwargs.values())), default=0)
    return len(fmt) + fmt.count("{") * longest


def _percent_size(fmt: str, args: Any) -> int:
    values = args if isinstance(args, tuple) else (args,)
    if isinstance(args, dict):
        values = tuple(args.values())
    longest = max((_text_len(v) for v in values), default=0)
    return len(fmt) + fmt.count("%") * longest


def _precheck(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The size of what a text method would build, judged before it runs; returns ``args`` (an iterable given
    to ``join`` made a list, so that it is run once)."""
    if name == "join" and args:
        items = _items(args[0])
        _fits(sum(_text_len(i) for i in items) + len(text) * max(len(items) - 1, 0), "join")
        return (items, *args[1:])
    if name == "replace" and len(args) >= 2:
        _fits(_replace_size(text, *args[:3]), "replace")
    elif name in ("format", "format_map"):
        mapping = args[0] if name == "format_map" and args and isinstance(args[0], dict) else kwargs
        _fits(_format_size(text, args if name == "format" else (), dict(mapping)), name)
    return args


def _bounded_method(method: Callable[..., Any], name: str, text: str) -> Callable[..., Any]:
    """``text.<name>`` with its numeric arguments bounded and the size of its result judged before it runs
    (Jinja wraps ``str.format`` itself, so the text is passed in, not read from the method)."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > VALUE_LIMIT:
                raise _too_big(name)
        args = _precheck(name, text, args, kwargs)
        out = method(*args, **kwargs)
        if _sized(out) and len(out) > OUTPUT_LIMIT:
            raise TemplateLimit("template-too-large", mb=OUTPUT_LIMIT // (1024 * 1024))
        return out

    return bounded


def _filter_precheck(name: str, args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> tuple[Any, ...]:
    """Jinja's filters that build a text from their arguments, judged before they run (``join``,
    ``replace``, ``format``, ``indent``); returns the arguments (a joined iterable made a list)."""
    if len(args) < skip:
        return args
    value, rest = args[skip - 1], args[skip:]
    if name == "join":
        items = _items(value)
        sep = rest[0] if rest else kwargs.get("d", "")
        _fits(sum(_text_len(i) for i in items) + _text_len(sep) * max(len(items) - 1, 0), "join")
        return (*args[: skip - 1], items, *rest)
    if name == "replace" and isinstance(value, str) and len(rest) >= 2:
        _fits(_replace_size(value, *rest[:3]), "replace")
    elif name == "format" and isinstance(value, str):
        _fits(max(_percent_size(value, rest), _format_size(value, rest, kwargs)), "format")
    elif name == "indent" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        per_line = width if isinstance(width, int) else _text_len(width)
        _fits(len(value) + (value.count("\n") + 1) * max(per_line, 0), "indent")
    return args


def _guarded(env: LimitedSandbox, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    skip = 2 if getattr(f, "jinja_pass_arg", None) is not None else 1  # the context/environment, the value

    @functools.wraps(f)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        env.tick()
        for arg in (*args[skip:], *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > VALUE_LIMIT:
                raise _too_big(name)
        if name == "format" and len(args) >= skip:
            _check_format(args[skip - 1])
        args = _filter_precheck(name, args, kwargs, skip)
        out = f(*args, **kwargs)
        if _sized(out) and len(out) > OUTPUT_LIMIT:
            raise TemplateLimit("template-too-large", mb=OUTPUT_LIMIT // (1024 * 1024))
        return out

    return guarded


def time_limit(context: Any) -> float:
    """The seconds a template may run on ``context``: :data:`TIME_LIMIT`, more for a large dataset."""
    rows = 0
    if isinstance(context, dict):
        rows = sum(len(context.get(k) or ()) for k in ("units", "models", "commendations"))
    return TIME_LIMIT + TIME_PER_ROW * rows


def check_output_size(size: int) -> None:
    """Raise :class:`TemplateLimit` once a template has produced more than :data:`OUTPUT_LIMIT` characters."""
    if size > OUTPUT_LIMIT:
        raise TemplateLimit("template-too-large", mb=OUTPUT_LIMIT // (1024 * 1024))


def check_file(path: str, base: str | None = None) -> None:
    """Refuse a template file that is a symbolic link, not a regular file, outside ``base`` (if given), or
    larger than :data:`FILE_LIMIT`: :class:`TemplateLimit` ``template-link`` / ``template-file-too-large``."""
    try:
        st = os.lstat(path)
    except OSError:
        return  # the reader says it is missing or unreadable
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
        raise TemplateLimit("template-link")
    if base is not None:
        real, real_base = os.path.realpath(path), os.path.realpath(base)
        if os.path.commonpath([real, real_base]) != real_base:
            raise TemplateLimit("template-link")
    if st.st_size > FILE_LIMIT:
        raise TemplateLimit("template-file-too-large", mb=FILE_LIMIT // (1024 * 1024))


class FolderLoader(FileSystemLoader):
    """Jinja's file loader for one folder, refusing links, special files, and anything outside the folder."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder, encoding="utf-8", followlinks=False)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for base in self.searchpath:
            path = os.path.join(base, *pieces)
            try:
                os.lstat(path)
            except OSError:
                continue
            try:
                for depth in range(1, len(pieces)):  # no folder on the way may be a link either
                    if os.path.islink(os.path.join(base, *pieces[:depth])):
                        raise TemplateLimit("template-link")
                check_file(path, base)
            except TemplateLimit as exc:
                raise TemplateLimit("template-include-outside", name=template) from exc
        return super().get_source(environment, template)
