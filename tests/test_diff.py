"""`sitegen diff` on a temporary git repository with a scripted history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.conftest import PROFILE, SiteFactory

BEA = PROFILE.replace("Ana Ruiz", "Bea Li").replace("photos/ana.png", "photos/ana.png")
CAI = PROFILE.replace("Ana Ruiz", "Cai Wen")
DAN = PROFILE.replace("Ana Ruiz", "Dan Moss")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(make_site: SiteFactory) -> Path:
    root = make_site(
        {
            "ana-ruiz": PROFILE + "private:\n  mobile: '+1 555 0100'\n",
            "bea-li": BEA,
            "cai-wen": CAI,
            "dan-moss": DAN,
        }
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "edit")
    experts = root / "experts"
    edited = (
        PROFILE.replace("headline: Hurricane insurance", "headline: Hurricane and flood insurance")
        .replace("  - climate-change\n", "  - energy\n")
        .replace("  - en\n", "  - en\n  - fr\n")
        + "private:\n  mobile: '+1 555 0199'\n"
    )
    (experts / "ana-ruiz.yaml").write_text(edited, encoding="utf-8")
    (experts / "bea-li.yaml").unlink()
    (experts / "cai-wen.yaml").rename(experts / "wen-cai.yaml")
    (experts / "eve-new.yaml").write_text(PROFILE.replace("Ana Ruiz", "Eve New"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "edits")
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_diff_text_against_the_merge_base(repo: Path) -> None:
    code, out, _ = run("--site", str(repo), "diff")
    base = git(repo, "rev-parse", "main")[:10]
    assert code == 0
    assert out.splitlines() == [
        f"4 expert(s) changed since {base} (merge base with main):",
        "added      experts/eve-new.yaml: Eve New",
        "    topics: gained climate-change",
        "renamed    experts/cai-wen.yaml -> experts/wen-cai.yaml: Cai Wen",
        "changed    experts/ana-ruiz.yaml: Ana Ruiz",
        "    topics: gained energy; lost climate-change",
        "    headline: Hurricane insurance -> Hurricane and flood insurance",
        "    languages: es, en -> es, en, fr",
        "    private: changed",
        "removed    experts/bea-li.yaml: Bea Li",
        "    topics: lost climate-change",
    ]
    assert "0199" not in out and "0100" not in out


def test_diff_markdown_for_a_pull_request_comment(repo: Path) -> None:
    code, out, _ = run("--site", str(repo), "diff", "main", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("### sitegen: 4 expert(s) changed since `")
    assert "- **renamed** `experts/cai-wen.yaml` → `experts/wen-cai.yaml`: `Cai Wen`" in lines
    assert "  - topics gained: `energy`" in lines
    assert "  - `headline`: `Hurricane insurance` → `Hurricane and flood insurance`" in lines
    assert "  - `private`: changed" in lines
    assert "0199" not in out


def test_no_changes_and_bad_revisions(repo: Path) -> None:
    code, out, _ = run("--site", str(repo), "diff", "HEAD")
    assert (code, out.startswith("no expert changes since ")) == (0, True)
    code, _, err = run("--site", str(repo), "diff", "no-such-branch")
    assert code == 2
    assert err.startswith(
        "sitegen: error: git rev-parse --verify no-such-branch^{commit}: fatal: Needed a single revision"
    )


def test_a_broken_profile_at_either_side_is_named_not_fatal(repo: Path) -> None:
    (repo / "experts" / "dan-moss.yaml").write_text("name: [\n", encoding="utf-8")
    code, out, _ = run("--site", str(repo), "diff", "main")
    assert code == 0
    assert "unreadable experts/dan-moss.yaml: Dan Moss" in out


def test_markdown_values_cannot_break_out_of_their_code_spans() -> None:
    from sitegen.changes import _code

    assert _code("a ``b`` | c") == "``` a ``b`` \\| c ```"
    assert _code("plain") == "`plain`"
    assert _code(None) == "*(none)*"
