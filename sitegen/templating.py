"""The one Jinja environment: strict, autoescaping everything, theme files overridable one by one."""

from __future__ import annotations

import functools
import traceback
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.meta
import jinja2.nodes

from sitegen import urls
from sitegen.fingerprint import digest
from sitegen.markdown import safe_link
from sitegen.minify import served
from sitegen.present import script_json
from sitegen.problems import BuildError, SitegenError

THEME_PACKAGE_DIR = "theme"


def theme_dir() -> Path:
    """The default theme: packaged as sitegen/theme, or templates/ beside the package in a checkout."""
    packaged = resources.files("sitegen") / THEME_PACKAGE_DIR
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise BuildError("the default theme is missing from this installation of sitegen")


def template_dirs(site_root: Path) -> list[Path]:
    """Where templates are looked up: the site's own templates/ first, then the default theme."""
    own = site_root / "templates"
    default = theme_dir()
    dirs = [own] if own.is_dir() and own.resolve() != default.resolve() else []
    return [*dirs, default]


def make_environment(site_root: Path, base_url: str) -> jinja2.Environment:
    """Build the environment every page is rendered with.

    Templates write site-relative URLs through ``url()`` so that a site published
    under a path (``https://org.github.io/experts/``) links correctly, and
    ``absolute()`` for canonical and social-card addresses.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(site_root)], followlinks=False),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["script_json"] = script_json
    env.filters["checked_url"] = checked_url
    base_path = urlsplit(base_url).path or "/"
    env.globals["url"] = lambda path: base_path + str(path).lstrip("/")
    env.globals["absolute"] = lambda path: urls.absolute(base_url, str(path))
    return env


NOT_MEMOISED = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs", "lipsum"})
"""Names whose value changes between two uses of the same object (a loop, a macro's call) or on
every call (``lipsum``): a template reading one of them from its context is never memoised."""
_ABSENT = object()
FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, type)
"""Values taken by identity besides frozen views: functions and classes (``url``, ``range``)."""


def memoise(env: jinja2.Environment, name: str) -> bool:
    """Render an included template once for each set of the values it reads from its context.

    A listing includes ``_card.html`` once per expert shown, and an expert is shown on several
    pages (each of their topics, its parent's, the home page): the same card, rendered again on
    each.  After this, ``name`` (and every template it includes, transitively) is rendered once
    per distinct set of the values its free names have where it is included, and that text used
    wherever they recur in this process.  A value must be plain (text, number, None), or a frozen
    dataclass, a function or a class, matched by identity and held by the memo (the views of a
    build are never changed);
    anything else (a namespace, a cycler handed down by the page) renders as before.  False, and
    nothing changed, if the templates cannot be read, name others only at run time, or read a
    name in NOT_MEMOISED.  The memo lives and dies with the environment: one build's.
    """
    try:
        template = env.get_template(name)
        if hasattr(template.root_render_func, "__wrapped__"):  # memoised once per environment
            return True
        free = _free_names(env, name)
    except (jinja2.TemplateError, OSError, UnicodeError):
        return False  # rendering reports it with its line
    if free is None or free & NOT_MEMOISED:
        return False
    # Globals too: a page may set its own ``url``, which its cards then use.
    template.root_render_func = _memoised(template.root_render_func, tuple(sorted(free)))
    return True


def _free_names(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """The names ``name`` and the templates it uses read without setting them, the globals they
    read among them (a page may set its own); None if one is named only at run time or does not parse."""
    used = _templates_used(env, name)
    trees = [tree for _, tree in (used or {}).values() if tree is not None]
    if used is None or len(trees) < len(used):
        return None
    free: set[str] = set()
    for tree in trees:
        free |= jinja2.meta.find_undeclared_variables(tree)  # leaves out the environment's globals: added here
        free |= {node.name for node in tree.find_all(jinja2.nodes.Name) if node.name in env.globals}
    return frozenset(free)


Render = Callable[[Any], Iterator[str]]


def _memoised(render: Render, names: tuple[str, ...]) -> Render:
    """``render`` (a template's root render function), its text kept by the values of ``names``."""
    memo: dict[tuple[object, ...], tuple[list[object], str]] = {}

    @functools.wraps(render)
    def root(context: Any) -> Iterator[str]:
        held: list[object] = []
        key: list[object] = []
        for name in names:
            part = _key(context.get(name, _ABSENT), held)
            if part is _ABSENT:
                yield from render(context)
                return
            key.append(part)
        found = tuple(key)
        entry = memo.get(found)
        if entry is None:
            entry = (held, "".join(render(context)))  # the values held: no other object takes their ids
            memo[found] = entry
        yield entry[1]

    return root


def _key(value: object, held: list[object]) -> object:
    """What stands for ``value`` in a memo's key: a plain value itself (with its type), a frozen
    dataclass or a function by identity (held in ``held``), a tuple of those by theirs (a topic's
    experts, a new tuple of the same views on each page); _ABSENT if it cannot be memoised."""
    if value is _ABSENT or value is None or type(value) in (str, int, float, bool):
        return (type(value), value)
    if _frozen(value) or isinstance(value, FUNCTIONS):
        held.append(value)
        return id(value)
    if type(value) is tuple:
        kinds = set(map(type, value))
        if len(kinds) == 1 and _frozen(value[0]):  # the usual tuple, of views (a letter's, a topic's): at C speed
            held.extend(value)
            return (tuple, tuple(map(id, value)))
        parts = tuple(_key(item, held) for item in value)
        return _ABSENT if _ABSENT in parts else (tuple, parts)
    return _ABSENT


def _frozen(value: object) -> bool:
    """True if ``value`` is an instance of a frozen dataclass."""
    params = getattr(type(value), "__dataclass_params__", None)  # where dataclasses records "frozen"
    return params is not None and bool(params.frozen)


def checked_url(url: str) -> str:
    """Re-check a content URL as it is rendered: only absolute http(s) addresses reach an href."""
    if not url.lower().startswith(("https://", "http://")) or not safe_link(url):
        raise BuildError(f"refusing to render the address '{url}' as a link")
    return url


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """Render one template, turning template mistakes into a located BuildError."""
    with _located_errors(template):
        return env.get_template(template).render(context)


def render_pieces(
    env: jinja2.Environment, template: str, context: dict[str, Any], size: int = 1 << 16
) -> Iterator[str]:
    """``render``'s text in pieces of about ``size`` characters, made as they are asked for: a page
    listing every expert is tens of MB at 100,000 experts, and several times that while joined."""
    with _located_errors(template):
        batch: list[str] = []
        length = 0
        for piece in env.get_template(template).generate(context):
            batch.append(piece)
            length += len(piece)
            if length >= size:
                yield "".join(batch)
                batch, length = [], 0
        if batch:
            yield "".join(batch)


@contextmanager
def _located_errors(template: str) -> Iterator[None]:
    """Template mistakes raised in the block, as a located BuildError."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        source = exc.source.splitlines()[exc.lineno - 1].strip() if exc.source else ""
        raise BuildError(f"{where}: template syntax error: {exc.message}\n    {source}") from None
    except jinja2.UndefinedError as exc:
        raise BuildError(_located(exc, template, str(exc.message))) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from None
    except SitegenError:
        raise
    except Exception as exc:  # a template's own mistake at render time: 1 + "a", a bad filter use
        raise BuildError(_located(exc, template, f"{type(exc).__name__}: {exc}")) from None


def _located(exc: Exception, template: str, message: str) -> str:
    """A template's runtime error as ``templates/NAME:LINE: message`` and the line: Jinja points
    the traceback's frames at the template source (the included or extended one, if there)."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(".html")]
    if not frames:
        return f"templates/{template}: {message}"
    frame = frames[-1]
    name = ("/" + frame.filename.replace("\\", "/")).rpartition("/templates/")[2] or template
    line = f"\n    {frame.line.strip()}" if frame.line else ""
    return f"templates/{name}:{frame.lineno}: {message}{line}"


def asset_files(site_root: Path) -> dict[str, bytes]:
    """Static theme files under assets/, the site's own overriding the default ones by name; scripts
    minified (``minify.served``)."""
    files: dict[str, bytes] = {}
    for folder in reversed(template_dirs(site_root)):
        assets = folder / "assets"
        if not assets.is_dir():
            continue
        for path in sorted(assets.rglob("*")):
            if path.is_symlink():
                raise BuildError(f"{path}: symbolic links are not allowed in templates")
            if path.is_file():
                name = "assets/" + path.relative_to(assets).as_posix()
                files[name] = served(name, path.read_bytes())
    return dict(sorted(files.items()))


def template_digest(env: jinja2.Environment, name: str) -> bytes:
    """A digest of a template and of every template it extends, includes or imports, transitively.

    A page's cached copy is reused only while this is unchanged, so editing
    expert.html re-renders profiles but not topic pages.  A template naming
    another only at run time makes the digest cover every template.
    """
    try:
        used = _templates_used(env, name)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from None
    if used is None:
        return digest(b"every template:" + b"".join(n.encode() + s.encode() for n, s in _all_sources(env)))
    return digest(b"\0".join(n.encode() + b"\0" + source.encode() for n, (source, _) in sorted(used.items())))


def _templates_used(env: jinja2.Environment, name: str) -> dict[str, tuple[str, jinja2.nodes.Template | None]] | None:
    """``name`` and every template it extends, includes or imports, transitively: each one's source
    and parsed tree (None if it does not parse: rendering reports it, with its line); None if one
    names another only at run time.  A missing one raises ``TemplateNotFound``."""
    if env.loader is None:
        raise BuildError("the template environment has no loader")
    used: dict[str, tuple[str, jinja2.nodes.Template | None]] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in used:
            continue
        source = env.loader.get_source(env, current)[0]
        try:
            tree: jinja2.nodes.Template | None = env.parse(source)
        except jinja2.TemplateSyntaxError:
            tree = None
        used[current] = (source, tree)
        referenced = list(jinja2.meta.find_referenced_templates(tree)) if tree is not None else []
        if None in referenced:
            return None
        todo += [reference for reference in referenced if reference is not None]
    return used


def _all_sources(env: jinja2.Environment) -> list[tuple[str, str]]:
    assert env.loader is not None  # noqa: S101 - checked by the caller
    return [(n, env.loader.get_source(env, n)[0]) for n in sorted(env.list_templates())]
