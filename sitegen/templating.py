"""The one Jinja environment: strict, autoescaping everything, theme files overridable one by one."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.meta

from sitegen import urls
from sitegen.fingerprint import digest
from sitegen.markdown import safe_link
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
    """Static theme files under assets/, the site's own overriding the default ones by name."""
    files: dict[str, bytes] = {}
    for folder in reversed(template_dirs(site_root)):
        assets = folder / "assets"
        if not assets.is_dir():
            continue
        for path in sorted(assets.rglob("*")):
            if path.is_symlink():
                raise BuildError(f"{path}: symbolic links are not allowed in templates")
            if path.is_file():
                files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    return dict(sorted(files.items()))


def template_digest(env: jinja2.Environment, name: str) -> bytes:
    """A digest of a template and of every template it extends, includes or imports, transitively.

    A page's cached copy is reused only while this is unchanged, so editing
    expert.html re-renders profiles but not topic pages.  A template naming
    another only at run time makes the digest cover every template.
    """
    sources: dict[str, str] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in sources:
            continue
        if env.loader is None:
            raise BuildError("the template environment has no loader")
        try:
            source = env.loader.get_source(env, current)[0]
            referenced = list(jinja2.meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"template not found: {exc.name}") from None
        except jinja2.TemplateSyntaxError:
            referenced = []  # rendering reports it with its line
        sources[current] = source
        if any(reference is None for reference in referenced):
            return digest(b"every template:" + b"".join(n.encode() + s.encode() for n, s in _all_sources(env)))
        todo += [reference for reference in referenced if reference is not None]
    return digest(b"\0".join(n.encode() + b"\0" + s.encode() for n, s in sorted(sources.items())))


def _all_sources(env: jinja2.Environment) -> list[tuple[str, str]]:
    assert env.loader is not None  # noqa: S101 - checked by the caller
    return [(n, env.loader.get_source(env, n)[0]) for n in sorted(env.list_templates())]
