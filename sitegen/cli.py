"""The `sitegen` command line: parse options, call one core function, map errors to exit codes.

Exit codes: 0 success; 1 problems found in content (or warnings with --strict);
2 usage error or invalid/missing site.toml.  Heavy modules are imported inside
the commands so that `sitegen --help` stays instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from sitegen import __version__

if TYPE_CHECKING:  # the CLI imports the core lazily, to keep --help instant
    from sitegen.cache import Store
    from sitegen.collate import SiteModel
    from sitegen.search import Filters, Results

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C, SIGTERM (a CI timeout) or SIGHUP (the terminal closed); a build publishes nothing."""


class _Exit:
    """Whether the command that ran holds nothing that needs cleaning up at exit (files, workers, servers)."""

    quick = False


def run() -> None:
    """The console script: ``main``, then, after a read-only command, an exit that frees nothing.

    A 10,000-profile ``check`` holds a quarter of a gigabyte of small objects, and freeing
    them one by one at exit takes about 0.4 s of its 2; the operating system reclaims them
    at once. Output is flushed first; commands that write files, run workers or serve
    exit normally.
    """
    try:
        main()
    except SystemExit as done:
        if not _Exit.quick:
            raise
        code = done.code
        if code is not None and not isinstance(code, int):
            click.echo(code, err=True)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)


class Context:
    """Options shared by every command."""

    def __init__(self, site: Path, jobs: int | None, cache: bool = True) -> None:
        self.site = site
        self._jobs = jobs
        self.cache = cache

    def store(self) -> Store | None:
        """The site's build cache, or None with --no-cache or when the cache folder cannot be used:
        opened once a command (``search`` asks for it to check the site, then for its index)."""
        return self._store if self.cache else None

    @functools.cached_property
    def _store(self) -> Store | None:
        from sitegen.cache import Store

        try:
            return Store(self.site)
        except OSError as exc:
            click.echo(f"sitegen: warning: working without the build cache: {exc}", err=True)
            return None

    @property
    def jobs(self) -> int:
        """Processes a big site may use: --jobs, or every processor this process may run on."""
        from sitegen.parallel import available_jobs

        return self._jobs or available_jobs()


def _today() -> dt.date:
    from sitegen.clock import today
    from sitegen.problems import ConfigError

    try:
        return today()
    except ConfigError as exc:
        _fail(exc.message, EXIT_USAGE)


class _Stoppable(click.Group):
    """Every command ends on SIGTERM and SIGHUP as on Ctrl-C, and all three with exit code 130 (click
    says "Aborted!" with 1, the code for a profile with errors)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _interrupted_on_termination():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nsitegen: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Stoppable, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site folder (holding site.toml and experts/).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    help="Processes to use for big sites (default: one per available processor; 1 keeps everything in one).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Ignore and keep no build cache (kept in $SITEGEN_CACHE_DIR, else ~/.cache/sitegen, never in the site).",
)
@click.version_option(__version__, prog_name="sitegen")
@click.pass_context
def main(ctx: click.Context, site: Path, jobs: int | None, no_cache: bool) -> None:
    """Publish a media-relations expert directory from YAML profiles."""
    ctx.obj = Context(site, jobs, cache=not no_cache)


def _valid_site(obj: Context, today: dt.date, purpose: str) -> SiteModel:
    """The checked site model, or print its errors and exit (2 for site.toml, 1 for profiles)."""
    from sitegen.check import check_cached
    from sitegen.diagnostics import format_text

    checked = check_cached(obj.site, today, obj.jobs, obj.store())
    if checked.site is None:
        click.echo(format_text([p for p in checked.problems if p.is_error]))
        _fail(f"fix the errors above to {purpose}", EXIT_USAGE if not checked.config_ok else EXIT_PROBLEMS)
    return checked.site


@contextlib.contextmanager
def _interrupted_on_termination() -> Iterator[None]:
    """SIGTERM (a CI timeout, ``kill``) and SIGHUP (the terminal closed) end the block as Ctrl-C
    does: through the command's cleanup (a build's staging folder removed, its processes stopped),
    not mid-way.  The handlers before are put back after."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {number: signal.signal(number, interrupt) for number in numbers}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"sitegen: error: {message}", err=True)
    sys.exit(code)


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for GitHub Actions annotations, json for tools.",
)
@click.pass_obj
def check(obj: Context, strict: bool, output_format: str) -> None:
    """Validate site.toml and every profile; write nothing.

    Exits 0 when clean, 1 when a profile has errors (or warnings, with
    --strict), 2 when site.toml is missing or invalid.
    """
    from sitegen.check import check_cached
    from sitegen.diagnostics import format_github, format_json, format_text, summary
    from sitegen.parallel import in_background

    # Read-only and short: everything it makes lives to the end, so the collector would only
    # walk it in vain, and nothing needs freeing at exit (see ``run``).
    gc.disable()
    _Exit.quick = True
    started = time.perf_counter()
    with in_background() as keep:  # the profiles are saved to the cache beside the rest of the check
        report = check_cached(obj.site, _today(), obj.jobs, obj.store(), keep)
        problems = report.problems
        if output_format == "json":
            click.echo(format_json(problems))
        elif output_format == "github":
            if problems:
                click.echo(format_github(problems))
        else:
            if problems:
                click.echo(format_text(problems))
            elapsed = time.perf_counter() - started
            click.echo(f"{summary(problems, report.profiles)} ({elapsed:.2f} s)", err=True)
    if not report.config_ok:
        sys.exit(EXIT_USAGE)
    errors = any(p.is_error for p in problems)
    if errors or (strict and problems):
        sys.exit(EXIT_PROBLEMS)


@main.command()
@click.option("--reference", is_flag=True, help="Print the Markdown field reference instead.")
def schema(reference: bool) -> None:
    """Print the profile's JSON Schema (for editors and other tools)."""
    if reference:
        from sitegen.reference import field_reference

        click.echo(field_reference(), nl=False)
        return
    from sitegen.scaffold import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("name")
@click.option("--slug", help="File name to use instead of one made from NAME.")
@click.pass_obj
def new(obj: Context, name: str, slug: str | None) -> None:
    """Write a skeleton profile experts/<slug>.yaml for NAME (never overwrites)."""
    from sitegen.config import load_config
    from sitegen.diagnostics import format_text
    from sitegen.problems import SitegenError
    from sitegen.scaffold import new_profile

    loaded = load_config(obj.site)
    if loaded.config is None:
        click.echo(format_text(loaded.problems), err=True)
        sys.exit(EXIT_USAGE)
    try:
        path = new_profile(obj.site, name, loaded.config, _today(), slug)
    except SitegenError as exc:
        _fail(exc.message, EXIT_PROBLEMS)
    else:
        click.echo(f"wrote {path.relative_to(obj.site).as_posix()}: fill it in, then set status: published")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Create a new site in DIRECTORY (which must be empty or absent)."""
    from sitegen.problems import SitegenError
    from sitegen.scaffold import init_site

    try:
        written = init_site(directory, _today())
    except SitegenError as exc:
        _fail(exc.message, EXIT_USAGE)
    else:
        for path in written:
            click.echo(f"wrote {path.as_posix()}")
        click.echo(f"next: cd {directory} && sitegen check")


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder inside the site (default: [build] output in site.toml, usually _site).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_obj
def build(obj: Context, output: Path | None, quiet: bool) -> None:
    """Validate everything, then render the site into the output folder.

    Any error stops the build before anything is written: the previous site
    stays exactly as it was.  Exits 0 on success, 1 on content or build errors,
    2 on usage or site.toml errors.
    """
    from sitegen.build import build_site
    from sitegen.diagnostics import format_text
    from sitegen.problems import ConfigError, SitegenError

    bar: dict[str, Any] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in bar:
            for other in bar.values():
                other.render_finish()
            bar[stage] = click.progressbar(length=total, label=f"{stage:<7}", file=sys.stderr)
            bar[stage].render_progress()
        bar[stage].update(1)

    interactive = not quiet and sys.stderr.isatty()
    try:
        report = build_site(
            obj.site, output, _today(), progress if interactive else None, jobs=obj.jobs, store=obj.store()
        )
    except KeyboardInterrupt:
        for item in bar.values():
            item.render_finish()
        _fail("build interrupted: nothing was published; the output is as it was", EXIT_INTERRUPTED)
    except SitegenError as exc:
        for item in bar.values():
            item.render_finish()
        if exc.problems:
            click.echo(format_text(exc.problems))
        _fail(exc.message, EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_PROBLEMS)
    for item in bar.values():
        item.render_finish()
    if report.warnings and not quiet:
        click.echo(format_text(report.warnings))
    if not quiet:
        where = report.output
        click.echo(
            f"built {report.experts} experts: {report.pages} pages, {report.files} files in {report.seconds:.2f} s "
            f"-> {where}",
            err=True,
        )


@main.command()
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless you say so).")
@click.option("--receive-forms", is_flag=True, help="Accept the site's inquiry forms locally instead of the provider.")
@click.option(
    "--inquiries",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".sitegen/inquiries.jsonl"),
    show_default=True,
    help="JSON Lines file that received inquiries are appended to (relative to the site).",
)
@click.option("--no-watch", is_flag=True, help="Build once; do not rebuild or reload on changes.")
@click.pass_obj
def serve(obj: Context, port: int, host: str, receive_forms: bool, inquiries: Path, no_watch: bool) -> None:
    """Build the site and serve it for preview, rebuilding and reloading open pages on every change.

    Watches experts/, templates/ and site.toml. A change with errors prints
    them here and over the page in the browser, and the last good build keeps
    being served. With --receive-forms every inquiry form posts to this server,
    which prints each inquiry and appends it to the --inquiries file.
    """
    import json
    import threading
    from urllib.parse import urlsplit

    from sitegen.config import load_config
    from sitegen.live import LiveState, Rebuilder, scratch_folder, watch_and_rebuild
    from sitegen.preview import Receiver, make_server, serve_in_background
    from sitegen.problems import SitegenError

    def echo(inquiry: dict[str, str]) -> None:
        click.echo("inquiry: " + json.dumps(inquiry, ensure_ascii=False, sort_keys=True))

    def log(text: str) -> None:
        click.echo(text, err=True)

    stop = threading.Event()
    with contextlib.ExitStack() as stack:
        try:
            scratch = stack.enter_context(scratch_folder(obj.site))
        except SitegenError as exc:  # its folder cannot be made (no permission, a full disk)
            _fail(exc.message, EXIT_PROBLEMS)
        rebuilder = Rebuilder(obj.site, scratch, _today, local_forms=receive_forms, log=log, store=obj.store())
        first, problems = rebuilder.build()
        if first is None:
            if no_watch:
                _fail("the site has errors; nothing to serve", EXIT_PROBLEMS)
            log("the site has errors: fix them and the preview starts")
            empty = scratch / "empty"
            empty.mkdir()
            state = LiveState(empty, problems=problems)
        else:
            state = LiveState(first.output)
        loaded = load_config(obj.site).config
        base_path = urlsplit(loaded.site.base_url).path if loaded else "/"
        log_file = inquiries if inquiries.is_absolute() else obj.site / inquiries
        receiver = Receiver(log_file, echo) if receive_forms else None
        try:
            server = make_server(state.root, host, port, receiver, base_path, None if no_watch else state)
        except OSError as exc:
            _fail(f"cannot listen on {host}:{port}: {exc.strerror}", EXIT_USAGE)
        serve_in_background(server)
        try:  # announced within: a stop once "serving at" is said (a test's hang-up) ends it as Ctrl-C does
            log(f"serving at {server.url}{base_path} (Ctrl-C to stop)")
            if receive_forms:
                log(f"inquiries are printed here and appended to {log_file}")
            if no_watch:
                threading.Event().wait()
            else:
                watch_and_rebuild(obj.site, rebuilder, state, stop)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.shutdown()
            server.server_close()


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help="Also write a standalone HTML page."
)
@click.pass_obj
def report(obj: Context, as_json: bool, html_file: Path | None) -> None:
    """Show the directory's health: overdue reviews, thin topics, coverage.

    Freshness is measured against today, or SOURCE_DATE_EPOCH when set.
    """
    from sitegen.health import health
    from sitegen.health_output import format_html, format_json, format_table

    today = _today()
    site = _valid_site(obj, today, "get a report")
    result = health(site, today)
    click.echo(format_json(result) if as_json else format_table(result))
    if html_file:
        html_file.write_text(format_html(result, site.config.site.title), encoding="utf-8")
        click.echo(f"wrote {html_file}", err=True)


@main.command()
@click.argument("base", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown suits a pull-request comment.",
)
@click.pass_obj
def diff(obj: Context, base: str | None, output_format: str) -> None:
    """Summarise what changed in experts/ since BASE (default: the merge base with the default branch).

    Private notes are reported only as "changed", never with their values.
    """
    from sitegen.changes import changes_since, format_markdown, format_text
    from sitegen.problems import SitegenError

    try:
        changes = changes_since(obj.site, base)
    except SitegenError as exc:
        _fail(exc.message, EXIT_USAGE)
    click.echo(format_markdown(changes) if output_format == "markdown" else format_text(changes))


class _Query(click.Command):
    """A command whose words may start with a hyphen: ``sitegen search climate -policy`` leaves out
    the experts "policy" finds (``search.apart``), where click would take "-policy" for options
    ("-p", "-o", ...). An argument is an option where it starts with two hyphens or is one of the
    command's short options ("-h"), a value where such an option takes one; every other argument
    is a word of the query, in the order typed. ``--`` still ends the options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options: list[str] = []
        words: list[str] = []
        named = [param for param in self.get_params(ctx) if isinstance(param, click.Option)]
        names = {name for param in named for name in param.opts}
        valued = {name for param in named if not param.is_flag for name in param.opts}
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words += rest
            elif arg.startswith("--") or arg in names:
                options.append(arg)
                if arg in valued:
                    options += itertools.islice(rest, 1)
            else:
                words.append(arg)
        return super().parse_args(ctx, [*options, "--", *words])


@main.command(cls=_Query)
@click.argument("words", nargs=-1)
@click.option(
    "--topic", help="Only experts on this topic (its id from site.toml or its name; parents include children)."
)
@click.option(
    "--language",
    help="Only experts who give interviews in this language (a BCP 47 tag, like es, or a name: Spanish, español).",
)
@click.option(
    "--country", help="Only experts based in this country (ISO 3166-1 code, like KE or KEN, or a name: Kenya)."
)
@click.option(
    "--format",
    "media_format",
    type=click.Choice(["print", "online", "radio", "tv", "podcast", "live", "on-camera"], case_sensitive=False),
)
@click.option("--available", is_flag=True, help="Leave out experts marked unavailable.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.pass_obj
def search(
    obj: Context,
    words: tuple[str, ...],
    topic: str | None,
    language: str | None,
    country: str | None,
    media_format: str | None,
    available: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Search the published experts, ranked as the site's search page ranks them.

    A word after a hyphen leaves out the experts it finds: climate -energy."""
    import json
    from collections.abc import Callable

    from sitegen.filter_values import (
        country_hint,
        country_value,
        language_hint,
        language_value,
        topic_hint,
        topic_value,
    )
    from sitegen.search import Filters, results_json
    from sitegen.search_keep import search_index
    from sitegen.views import based_and_media

    site = _valid_site(obj, _today(), "search")
    index = search_index(site, obj.store(), obj.jobs)

    languages, countries = index.facet_values("language"), index.facet_values("country")
    topics = {t.id: t.name for t in site.config.topics}
    in_site = site.config.site.language

    def chosen(
        option: str,
        typed: str | None,
        value: Callable[..., str | None],
        hint: Callable[..., str],
        *among: Any,
        what: str = "no published expert has",
    ) -> str | None:
        """The value ``typed`` names (``value(typed, *among)``), or a usage error naming the nearest."""
        if typed is None:
            return None
        found = value(typed, *among)
        if found is None:
            shown = typed.upper() if option == "country" and len(typed) == 2 else typed
            near = hint(typed, *among)
            _fail(f"--{option}: {what} '{shown}'" + (f" ({near})" if near else ""), EXIT_USAGE)
        return found

    filters = Filters(
        topic=chosen("topic", topic, topic_value, topic_hint, topics, what="unknown topic"),
        language=chosen("language", language, language_value, language_hint, languages, in_site),
        country=chosen("country", country, country_value, country_hint, countries, in_site),
        format=media_format.lower() if media_format else None,
        available=available,
    )
    results = index.search(" ".join(words), filters, limit)
    if as_json:
        click.echo(json.dumps(results_json(results), ensure_ascii=False, indent=2))
        return
    for rank, hit in enumerate(results.hits, start=1):
        click.echo(f"{rank}. {hit.name}, {hit.title}")
        click.echo(f"   {', '.join(hit.topics)}")
        click.echo(f"   {hit.url}")
        place = based_and_media(hit.country, hit.formats, site.config.site.language)
        if place:
            click.echo(f"   {place}")
        click.echo(f"   {hit.snippet}")
    click.echo(_found(results), err=True)
    if results.instead is not None:
        click.echo(f"no profile has '{results.query.strip()}': results for '{results.instead}'", err=True)
    if results.left_out:
        quoted = [f"'{word}'" for word in results.left_out]
        named = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        click.echo(f"no profile has {named}: results without {'them' if len(results.left_out) > 1 else 'it'}", err=True)
    if results.excluded:
        matching = " or ".join(f"'{word}'" for word in results.excluded)
        click.echo(f"left out: experts matching {matching}", err=True)
    if results.partial:
        click.echo("no expert matches every word: these match some", err=True)
    if results.corrected is not None:
        click.echo(f"did you mean '{results.corrected}'?", err=True)


def _options(filters: Filters) -> str:
    """The filters as the options that choose them: ``--country KE --available``."""
    chosen = [(f"--{name}", value) for name, value in vars(filters).items() if value not in (None, False)]
    return " ".join(option if value is True else f"{option} {value}" for option, value in chosen)


def _found(results: Results) -> str:
    """How many experts a search found: "3 of 12 experts"; where it found none, what found no one,
    and where filters left no one, how many the words find without them."""
    if results.total:
        return f"{len(results.hits)} of {results.total} experts"
    query = results.query.strip()
    words = f"'{query}'" if query else ""
    if not results.unfiltered:  # no filters, or the words alone find no one
        return f"no expert matches {words}" if words else "no expert is listed"
    options = _options(results.filters)
    anywhere = "1 does" if results.unfiltered == 1 else f"{results.unfiltered} do"
    return f"no expert matches {f'{words} with {options}' if words else options}; {anywhere} without those filters"
