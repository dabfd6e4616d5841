"""The pull-request integration files: they parse, their commands exist, PR runs hold no secrets."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.scaffold import init_site
from tests.conftest import REPO, TODAY

STARTER = REPO / "sitegen" / "starter"
WORKFLOWS = [REPO / ".github" / "workflows" / "sitegen.yml", STARTER / "dot-github" / "workflows" / "sitegen.yml"]


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=["repository", "starter"])
def test_workflow_checks_pull_requests_without_secrets_and_deploys_main(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}
    assert "pull_request_target" not in text
    assert "secrets." not in text
    assert workflow["permissions"] == {"contents": "read"}
    commands = [step["run"] for step in run_steps(workflow) if "run" in step]
    assert "sitegen check --format github" in commands
    assert "sitegen build" in commands
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = run_steps(workflow)[0]
    assert checkout["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=["repository", "starter"])
def test_the_workflow_commands_exist_and_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    for step in run_steps(load(path)):
        command = step.get("run", "")
        if command.startswith("sitegen check"):
            result = CliRunner().invoke(main, ["--site", str(REPO), *shlex.split(command)[1:]])
            assert (result.exit_code, result.stdout) == (0, "")
        if command.startswith("sitegen diff"):
            words = shlex.split(command.split(">>")[0])
            assert words[3:] == ["--format", "markdown"]
            assert main.get_command(None, "diff") is not None  # type: ignore[arg-type]


def test_the_repository_workflow_is_the_starter_one_installed_from_the_checkout() -> None:
    starter = WORKFLOWS[1].read_text(encoding="utf-8").splitlines()
    repository = WORKFLOWS[0].read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(starter, repository, strict=True) if a != b]
    assert differing == [
        ("        # Pin the version your site was built and tested with.",
         "        # This repository is sitegen itself: install it from the checkout."),
        ('        run: python -m pip install "sitegen==0.1.*"', "        run: python -m pip install ."),
    ]  # fmt: skip


def test_pre_commit_hooks_run_sitegen_check() -> None:
    hooks = load(REPO / ".pre-commit-hooks.yaml")
    assert [(h["id"], h["entry"], h["pass_filenames"]) for h in hooks] == [
        ("sitegen-check", "sitegen check", False),
        ("sitegen-check-strict", "sitegen check --strict", False),
    ]
    local = load(STARTER / "dot-pre-commit-config.yaml")["repos"][0]["hooks"][0]
    assert (local["id"], local["entry"], local["language"]) == ("sitegen-check", "sitegen check", "system")


def test_codeowners_separates_content_from_code() -> None:
    owners = dict(
        line.split()[:2] for line in (STARTER / "dot-github" / "CODEOWNERS").read_text().splitlines() if line[:1] == "/"
    )
    assert owners["/experts/"] == "@your-org/media-relations"
    assert {owners[p] for p in ("/templates/", "/site.toml", "/.github/")} == {"@your-org/web-developers"}


def test_init_writes_the_integration_files(tmp_path: Path) -> None:
    written = {p.relative_to(tmp_path / "new").as_posix() for p in init_site(tmp_path / "new", TODAY)}
    assert {".github/workflows/sitegen.yml", ".github/CODEOWNERS", ".pre-commit-config.yaml", ".gitignore"} <= written
