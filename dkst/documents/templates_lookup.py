"""Where a template comes from (the user's folders, then the built-in ones, per language) and the bounded
Jinja sandbox every template runs in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dkst.documents.filters import FILTERS
from dkst.documents.render_errors import RenderError, display_path, limit_text

TEMPLATE_NAMES = ("report.md.j2", "report.docx", "report.html.j2", "remind.md.j2", "remind.docx")
#: Languages with built-in templates of their own, in a sub-folder of that name; Vietnamese is the top folder.
TEMPLATE_LANGS = ("en",)


def _builtin_dirs() -> list[Path]:
    import dkst

    pkg = Path(dkst.__file__).resolve().parent
    return [pkg / "templates", pkg.parent / "templates"]


def find_template(
    name: str, template_dir: Path | None = None, dataset_root: Path | None = None, lang: str = "vi"
) -> Path:
    """The template file ``name``: first hit of ``template_dir``, ``<dataset_root>/templates``, built-in.

    In each of the three places, a language with a sub-folder of its own (``en/``) is looked up there first:
    ``dkst init`` copies the built-in templates with their ``en/`` folder, so an English document still comes
    from the English template of the dataset's copy.

    Built in means ``dkst/templates`` (inside an installed wheel), then ``templates/`` beside the
    package (a repository checkout); for ``lang="en"`` their ``en/`` sub-folders come first, so an
    English document is built from the English template of the same name. A user's template
    (``template_dir``, the dataset's ``templates/``) wins in every language: it is their document,
    and it may branch on ``lang`` if they want two. Raises :class:`RenderError` when no candidate exists.
    """
    if not name or Path(name).name != name or name in (".", ".."):
        raise RenderError(f"{name!r} is not a template name (expected one of {', '.join(TEMPLATE_NAMES)})")
    candidates: list[Path] = []
    own = lang if lang in TEMPLATE_LANGS else None
    if template_dir is not None:
        if own:
            candidates.append(Path(template_dir) / own / name)
        candidates.append(Path(template_dir) / name)
    if dataset_root is not None:
        if own:
            candidates.append(Path(dataset_root) / "templates" / own / name)
        candidates.append(Path(dataset_root) / "templates" / name)
    users = len(candidates)  # the user's own folders come first; a link among them is never followed
    if lang in TEMPLATE_LANGS:
        candidates.extend(d / lang / name for d in _builtin_dirs())
    candidates.extend(d / name for d in _builtin_dirs())
    for n, candidate in enumerate(candidates):
        if n < users and candidate.is_symlink():
            raise RenderError(limit_text("template-link", lang, display_path(candidate)))
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c.parent) for c in candidates)
    raise RenderError(f"template {name} not found (looked in: {looked})", "tpl.not-found", name=name, looked=looked)


def builtin_templates() -> dict[str, bytes]:
    """The built-in templates as relative path -> bytes (``templates/report.docx``, ``templates/en/report.docx``,
    …): what ``dkst init`` copies into a dataset for the clerk to edit. Each language keeps its folder, so a
    dataset's ``templates/en/`` serves ``--lang en`` (see :func:`find_template`)."""
    for folder in _builtin_dirs():
        if not (folder / TEMPLATE_NAMES[0]).is_file():
            continue
        out: dict[str, bytes] = {}
        for sub in ("", *TEMPLATE_LANGS):
            for name in TEMPLATE_NAMES:
                path = folder / sub / name if sub else folder / name
                if path.is_file():
                    out["templates/" + (f"{sub}/" if sub else "") + name] = path.read_bytes()
        return out
    return {}


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def make_environment(*, loader: Any = None, autoescape: bool = False, markdown: bool = True) -> Any:
    """The sandbox every template runs in: immutable data, strict undefined, the dkst filters, and the bounds
    of :mod:`dkst.documents.sandbox` (its clock starts with :meth:`~dkst.documents.sandbox.LimitedSandbox.start`)."""
    from jinja2 import StrictUndefined

    from dkst.documents.sandbox import LimitedSandbox

    env = LimitedSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
        finalize=_finalize,
    )
    env.filters.update(FILTERS)
    env.guard_filters()
    return env
