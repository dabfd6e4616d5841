"""The command line: exit codes, output formats, and the editor commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.conftest import PROFILE, REPO, SiteFactory

EPOCH = "1795564800"  # 2026-11-25 00:00 UTC


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_clean_site_exits_zero_and_writes_nothing(make_site: SiteFactory) -> None:
    root = make_site()
    before = snapshot(root)
    code, out, err = run("--site", str(root), "check")
    assert (code, out) == (0, "")
    assert err.startswith("no problems in 1 profile (")
    assert snapshot(root) == before


def test_problems_exit_one_with_compiler_style_lines(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("climate-change", "climte-change")})
    code, out, err = run("--site", str(root), "check")
    assert code == 1
    assert out == (
        "experts/ana-ruiz.yaml:7:5: error: topics[0]: unknown topic 'climte-change' (did you mean 'climate-change'?)\n"
    )
    assert err.startswith("1 error and 0 warnings in 1 profile")


def test_hints_are_printed_below_the_problem(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("2026-10-01", "2024-01-01")})
    code, out, _ = run("--site", str(root), "check")
    assert code == 0
    assert out == (
        "experts/ana-ruiz.yaml:15:11: warning: reviewed: last reviewed 1059 days ago; profiles are reviewed every "
        "365 days\n    hint: confirm the profile with the expert, then update 'reviewed'\n"
    )
    code, _, _ = run("--site", str(root), "check", "--strict")
    assert code == 1


def test_config_errors_exit_two(make_site: SiteFactory) -> None:
    root = make_site(config="[site]\ntitle = 1\n")
    code, out, _ = run("--site", str(root), "check")
    assert code == 2
    assert "site.toml:1:1: error: site.base_url: is required" in out.splitlines()


def test_missing_site_exits_two(tmp_path: Path) -> None:
    code, out, _ = run("--site", str(tmp_path), "check")
    assert code == 2
    assert out.splitlines() == [
        "experts: error: the experts/ folder is missing",
        "    hint: create it and add profiles",
        "site.toml: error: site.toml not found",
        "    hint: run 'sitegen init' to start a site, or pass --site PATH",
    ]


def test_github_annotations(make_site: SiteFactory) -> None:
    root = make_site(
        {"ana-ruiz": PROFILE.replace("climate-change", "climte-change") + "links:\n  website: http://a.example\n"}
    )
    code, out, _ = run("--site", str(root), "check", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=experts/ana-ruiz.yaml,line=7,col=5,title=topics[0]::unknown topic 'climte-change' "
        "(did you mean 'climate-change'?)",
        "::warning file=experts/ana-ruiz.yaml,line=17,col=12,title=links.website::the address uses http, not https. "
        "Hint: use https%3A// if the site supports it".replace("%3A", ":"),
    ]


def test_json_output(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE + "keywrods: []\n"})
    code, out, _ = run("--site", str(root), "check", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "experts/ana-ruiz.yaml",
            "line": 16,
            "column": 1,
            "field": "keywrods",
            "severity": "error",
            "message": "unknown field 'keywrods'",
            "hint": "did you mean 'keywords'?",
        }
    ]


def test_schema_is_json_and_matches_the_committed_copy() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["properties"]["private"]["type"] == "object"
    assert "name" in schema["required"]
    assert out == (REPO / "schema" / "expert.schema.json").read_text(encoding="utf-8")


def test_reference_matches_the_committed_docs() -> None:
    code, out, _ = run("schema", "--reference")
    assert code == 0
    assert out == (REPO / "docs" / "profile-reference.md").read_text(encoding="utf-8")
    assert "| `contact.phone` |" in out


def test_new_writes_a_valid_unlisted_skeleton_and_never_overwrites(make_site: SiteFactory) -> None:
    root = make_site()
    code, out, _ = run("--site", str(root), "new", "Amara Okafor")
    assert (code, out) == (0, "wrote experts/amara-okafor.yaml: fill it in, then set status: published\n")
    text = (root / "experts" / "amara-okafor.yaml").read_text(encoding="utf-8")
    assert "reviewed: 2026-11-25\n" in text
    assert "status: unlisted\n" in text
    code, out, _ = run("--site", str(root), "check")
    assert code == 0
    code, _, err = run("--site", str(root), "new", "Amara Okafor")
    assert code == 1
    assert err == "sitegen: error: experts/amara-okafor.yaml already exists; choose another with --slug\n"
    assert (root / "experts" / "amara-okafor.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("name", "slug"),
    [("张伟", "zhang-wei"), ("José Ñúñez-O'Brien", "jose-nunez-o-brien"), ("김지은", "gim-ji-eun")],
)
def test_new_transliterates_names_from_any_script(make_site: SiteFactory, name: str, slug: str) -> None:
    root = make_site()
    code, _, _ = run("--site", str(root), "new", name)
    assert code == 0
    assert (root / "experts" / f"{slug}.yaml").exists()
    assert run("--site", str(root), "check")[0] == 0


def test_new_refuses_reserved_names(make_site: SiteFactory) -> None:
    root = make_site()
    code, _, err = run("--site", str(root), "new", "Search")
    assert code == 1
    assert err == "sitegen: error: 'search' is a name the site uses for its own pages; choose another with --slug\n"


def test_init_scaffolds_a_site_that_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "newsite"
    code, out, _ = run("init", str(target))
    assert code == 0
    assert f"next: cd {target} && sitegen check" in out
    assert (target / ".gitignore").exists()
    assert run("--site", str(target), "check")[0] == 0
    code, _, err = run("init", str(target))
    assert code == 2
    assert err == f"sitegen: error: {target} exists and is not an empty folder\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_new_sites_git_ignores_what_a_build_writes_and_nothing_staff_write(tmp_path: Path) -> None:
    """The output, the folders a build keeps beside it while it runs (or that a killed one left) and
    the cache are never committed by ``git add -A``; profiles, photos, templates and settings are."""
    target = tmp_path / "newsite"
    assert run("init", str(target))[0] == 0
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    built = ["_site/index.html", "._site.staging-k2x9/index.html", "._site.previous-41-9f3a/index.html", ".sitegen/x"]
    kept = ["experts/ana.yaml", "experts/photos/ana.jpg", "templates/base.html", "site.toml", "._notes.md"]
    checked = subprocess.run(  # exits 1 when some path is not ignored: the paths printed are the answer
        ["git", "-C", str(target), "check-ignore", "--no-index", *built, *kept],
        check=False,
        capture_output=True,
        text=True,
    )
    assert checked.stdout.splitlines() == built


def test_init_and_new_on_a_full_disk_say_so_and_leave_nothing_half_written(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No space left while a site is scaffolded or a profile written: one line, no traceback, no
    half-made site and no empty profile (which ``check`` would then refuse)."""
    import errno
    import io

    write_text, open_path = Path.write_text, Path.open

    def full_write(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name == "site.toml":  # after a few files of the starter
            raise OSError(errno.ENOSPC, "No space left on device")
        return write_text(self, *args, **kwargs)

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def full_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "x":
            open_path(self, mode, *args, **kwargs).close()  # the file is made, then the disk is full
            return Full()
        return open_path(self, mode, *args, **kwargs)

    root = make_site()
    before = sorted(p.name for p in (root / "experts").iterdir())
    monkeypatch.setattr(Path, "write_text", full_write)
    target = tmp_path / "newsite"
    code, _, err = run("init", str(target))
    assert code == 2
    assert err.startswith("sitegen: error: cannot write ") and err.endswith(
        ": No space left on device; nothing was written\n"
    ), err
    assert not target.exists()
    monkeypatch.setattr(Path, "open", full_open)
    code, _, err = run("--site", str(root), "new", "Zed Zee")
    assert (code, err) == (1, "sitegen: error: cannot write experts/zed-zee.yaml: No space left on device\n")
    assert sorted(p.name for p in (root / "experts").iterdir()) == before


def test_bad_source_date_epoch_is_a_usage_error(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = run("--site", str(make_site()), "check")
    assert (code, err) == (2, "sitegen: error: SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'\n")


def test_installed_console_script_runs_without_traceback(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": "name: [\n"})
    script = Path(sys.executable).parent / "sitegen"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(
        [str(script), "--site", str(root), "check"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.startswith("experts/ana-ruiz.yaml:2:1: error: YAML syntax error")


def test_console_script_check_exits_at_once_with_all_its_output_and_its_code(make_site: SiteFactory) -> None:
    """`check` ends without freeing its objects (os._exit): its output is still flushed whole, its code kept."""
    script = Path(sys.executable).parent / "sitegen"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    clean = make_site()
    done = subprocess.run(
        [str(script), "--site", str(clean), "check"], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.startswith("no problems in 1 profile (")
    broken = clean
    for n in range(300):
        (broken / "experts" / f"expert-{n}.yaml").write_text("name: [\n", encoding="utf-8")
    done = subprocess.run(
        [str(script), "--site", str(broken), "check", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert len(json.loads(done.stdout)) >= 300  # every problem, though the process never ran its cleanup
    missing = subprocess.run(
        [str(script), "--site", str(broken / "nowhere"), "check"], capture_output=True, text=True, env=env, check=False
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_fold_takes_a_short_cut_for_ascii_with_the_same_result() -> None:
    from sitegen.textrules import fold

    assert fold("  Ana   RUIZ\tCastellanos ") == "ana ruiz castellanos"
    assert fold("José  Østergaard") == "jose østergaard"
    assert fold("ﬁnance Ｚürich") == "finance zurich"  # compatibility forms decomposed, accents gone


def test_build_prints_a_summary_and_writes_the_site(make_site: SiteFactory) -> None:
    root = make_site()
    code, out, err = run("--site", str(root), "build")
    assert (code, out) == (0, "")
    assert err.startswith(
        "built 1 experts: 13 pages, 75 files in "
    )  # sw.js, offline.js, the offline page, the search index's names.json and counting files among them
    assert err.rstrip().endswith(f"-> {(root / '_site').resolve()}")
    assert (root / "_site" / "experts" / "ana-ruiz" / "index.html").is_file()
    code, out, err = run("--site", str(root), "build", "--quiet", "--output", "public")
    assert (code, out, err) == (0, "", "")
    assert (root / "public" / "index.html").is_file()


def test_build_with_errors_exits_one_and_writes_nothing(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("climate-change", "nope")})
    code, out, err = run("--site", str(root), "build")
    assert code == 1
    assert out == "experts/ana-ruiz.yaml:7:5: error: topics[0]: unknown topic 'nope'\n"
    assert err == "sitegen: error: the site has errors; nothing was written\n"
    assert not (root / "_site").exists()


def test_a_full_disk_is_a_build_error_naming_the_file_and_the_last_output_stays(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No space left (or a quota) while the pages are written: one line, exit 1, no traceback; the
    staging folder is removed and the last build's output is as it was."""
    import errno

    import sitegen.write

    root = make_site()
    assert run("--site", str(root), "build")[0] == 0
    before = snapshot(root / "_site")
    real = open

    def full(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and str(file).endswith("/index.html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(sitegen.write, "open", full, raising=False)  # the module's own ``open``
    (root / "experts" / "ana-ruiz.yaml").write_text(PROFILE.replace("Ana", "Anna", 1), encoding="utf-8")
    code, _, err = run("--site", str(root), "--no-cache", "build")
    assert code == 1
    expected = rf"sitegen: error: cannot write (\S+/)?index\.html beside {re.escape(str(root / '_site'))}: "
    assert re.fullmatch(expected + r"No space left on device; nothing was published\n", err), err
    assert snapshot(root / "_site") == before
    assert not any(root.glob("._site.staging-*"))


def test_build_refuses_a_dangerous_output_with_exit_one(make_site: SiteFactory) -> None:
    root = make_site()
    code, _, err = run("--site", str(root), "build", "--output", "experts")
    assert (code, err) == (1, "sitegen: error: the output folder experts is inside the site's experts\n")


def test_a_site_template_overrides_the_theme_file_by_file(make_site: SiteFactory) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% endblock %}', encoding="utf-8"
    )
    assert run("--site", str(root), "build", "--quiet")[0] == 0
    assert "<h1>Lost? Test Experts</h1>" in (root / "_site" / "404.html").read_text(encoding="utf-8")
    assert "Experts A–Z" in (root / "_site" / "experts" / "index.html").read_text(encoding="utf-8")


def test_undefined_template_variables_fail_the_build(make_site: SiteFactory) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("{{ site.no_such_thing }}", encoding="utf-8")
    code, _, err = run("--site", str(root), "build")
    assert code == 1
    assert (
        err
        == "sitegen: error: templates/404.html:1: 'sitegen.render.SiteView object' has no attribute 'no_such_thing'\n"
        "    {{ site.no_such_thing }}\n"
    )
    assert not (root / "_site").exists()


def test_template_syntax_errors_name_file_and_line(make_site: SiteFactory) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    code, _, err = run("--site", str(root), "build")
    assert code == 1
    assert err.startswith("sitegen: error: ")
    assert "templates/404.html:2: template syntax error: Expected an expression, got 'end of statement block'" in err
    assert err.endswith("\n    {% if %}\n")


def test_template_runtime_errors_name_file_and_line_without_a_traceback(make_site: SiteFactory) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ 1 + "a" }}\n{% endblock %}\n'
    )
    code, _, err = run("--site", str(root), "build")
    assert code == 1
    assert err == (
        "sitegen: error: templates/404.html:3: TypeError: unsupported operand type(s) for +: 'int' and 'str'\n"
        '    {{ 1 + "a" }}\n'
    )
    assert not (root / "_site").exists()


def test_serve_whose_folder_cannot_be_made_says_why_in_one_line(make_site: SiteFactory) -> None:
    root = make_site()
    cache = root / ".sitegen"
    cache.write_text("a file where the preview's folder goes")
    code, out, err = run("--site", str(root), "serve", "--port", "0", "--no-watch")
    assert code == 1
    assert out == ""
    assert err == f"sitegen: error: cannot make the preview's folder in {cache}: {cache} is not a folder\n"
    assert cache.read_text() == "a file where the preview's folder goes"


def test_serve_receives_forms_locally(make_site: SiteFactory) -> None:
    import urllib.parse
    import urllib.request

    root = make_site()
    script = Path(sys.executable).parent / "sitegen"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    with subprocess.Popen(
        [str(script), "--site", str(root), "serve", "--port", "0", "--receive-forms"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            assert process.stderr is not None and process.stdout is not None
            first = process.stderr.readline()
            assert first.startswith("built 1 experts in "), first
            second = process.stderr.readline()
            found = re.match(r"serving at (http://127\.0\.0\.1:\d+)/ \(Ctrl-C to stop\)", second)
            assert found, second
            base = found.group(1)
            with urllib.request.urlopen(base + "/experts/ana-ruiz/") as response:
                assert 'action="/__sitegen__/inquiries"' in response.read().decode()
            body = urllib.parse.urlencode(
                {"name": "Jo", "email": "jo@x.example", "office": "newsroom", "url_field": ""}
            )
            request = urllib.request.Request(
                base + "/__sitegen__/inquiries", body.encode(), headers={"Accept": "application/json"}
            )
            with urllib.request.urlopen(request) as response:
                assert json.loads(response.read()) == {"ok": True}
            echoed = process.stdout.readline()
            assert echoed.startswith('inquiry: {"deadline": "", "email": "jo@x.example", "expert": "", ')
            logged = (root / ".sitegen" / "inquiries.jsonl").read_text(encoding="utf-8").splitlines()
            assert json.loads(logged[0])["name"] == "Jo"
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert not any((root / ".sitegen").glob("preview-*"))


def _serving(root: Path) -> subprocess.Popen[str]:
    """``sitegen serve`` on the site, once it serves; its stderr is read to that line."""
    script = Path(sys.executable).parent / "sitegen"
    process = subprocess.Popen(
        [str(script), "--site", str(root), "serve", "--port", "0", "--no-watch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("serving at "):
            return process
    process.wait(10)
    raise AssertionError(f"serve ended before serving (exit code {process.returncode})")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="a closed terminal is a hang-up")
def test_a_killed_previews_scratch_folder_is_removed_by_the_next_and_a_closed_terminal_leaves_none(
    make_site: SiteFactory,
) -> None:
    """Each preview holds a whole built site in .sitegen/preview-*: kill -9 leaves it, and the next
    preview removes it; closing the terminal (SIGHUP) ends a preview as Ctrl-C does, folder removed."""
    import sitegen.claims

    root = make_site()
    killed = _serving(root)
    [left] = (root / ".sitegen").glob("preview-*")
    killed.kill()
    killed.wait(10)
    assert killed.stderr is not None
    killed.stderr.close()
    assert any(left.rglob("index.html"))  # a whole site, left behind
    old = time.time() - 2 * sitegen.claims.STALE_AFTER
    os.utime(left, (old, old))
    second = _serving(root)
    try:
        assert not left.exists()
        deadline = time.monotonic() + 20
        while any((root / ".sitegen").glob("removed-*")) and time.monotonic() < deadline:
            time.sleep(0.05)  # deleted in the background
        [running] = (root / ".sitegen").glob("preview-*")
        assert not any((root / ".sitegen").glob("removed-*"))
        second.send_signal(signal.SIGHUP)
        assert second.wait(10) == 0
        assert not running.exists()
    finally:
        second.kill()
        second.wait(10)
        assert second.stderr is not None
        second.stderr.close()


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_by_a_ci_timeout_or_ctrl_c_exits_130_at_once_and_leaves_the_site_as_it_was(
    tmp_path: Path, signum: int
) -> None:
    """SIGTERM (what a CI timeout sends first) or Ctrl-C while the workers render: the build ends
    within seconds with its own exit code (not 1, which means a profile has errors), its staging
    folder gone and the last output untouched."""
    import datetime as dt

    from bench.generate import generate

    root = tmp_path / "site"
    generate(root, 1500, 3, 0.0, dt.date(2026, 11, 25))
    script = Path(sys.executable).parent / "sitegen"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [str(script), "--site", str(root), "--no-cache", "--jobs", "2", "build", "-q"]
    subprocess.run(command, check=True, env=env, capture_output=True)
    before = snapshot(root / "_site")
    first = sorted((root / "experts").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace('"headline": "', '"headline": "new ', 1), "utf-8")
    process = subprocess.Popen(
        command,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - Ctrl-C as a terminal sends it, even if this run ignores it
    )
    deadline = time.monotonic() + 60
    while not any(root.glob("._site.staging-*/experts/*/index.html")) and time.monotonic() < deadline:
        time.sleep(0.01)  # the workers are writing pages
    assert process.poll() is None, "the build ended before it could be stopped"
    process.send_signal(signum)
    stopped = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - stopped < 5
    assert process.returncode == 130
    assert err == "sitegen: error: build interrupted: nothing was published; the output is as it was\n"
    assert not any(root.glob("._site.staging-*"))
    assert snapshot(root / "_site") == before


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_every_command_stopped_by_a_signal_exits_130_and_puts_the_handlers_back(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    """``check`` in a CI job that times out (SIGTERM) or a closed terminal (SIGHUP): exit code 130,
    never 1 (a profile has errors), and no traceback; the process's handlers are as they were after."""
    import sitegen.check

    root = make_site()
    real = sitegen.check.check_cached

    def stopped_midway(*args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signum)  # what the CI runner or the terminal sends
        return real(*args, **kwargs)

    monkeypatch.setattr(sitegen.check, "check_cached", stopped_midway)
    before = signal.getsignal(signum)
    code, _, err = run("--site", str(root), "check")
    assert (code, err) == (130, "\nsitegen: interrupted\n")
    assert signal.getsignal(signum) is before
