"""Find the profile files of a site: a sorted walk of experts/ that refuses links."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sitegen.problems import Problem, error
from sitegen.slugs import slug_problem

EXPERTS_DIR = "experts"
PROFILE_SUFFIX = ".yaml"


@dataclass(frozen=True, slots=True)
class Source:
    """One profile file: its slug, its path relative to the site root, and where it is."""

    slug: str
    path: str
    file: Path


@dataclass(frozen=True, slots=True)
class Discovery:
    """The profile files found, and the problems met on the way."""

    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]


def _relative(site_root: Path, path: Path) -> str:
    return path.relative_to(site_root).as_posix()


def discover(site_root: Path) -> Discovery:
    """List ``experts/*.yaml`` in name order; refuse links, special files and stray profiles."""
    experts = site_root / EXPERTS_DIR
    problems: list[Problem] = []
    sources: list[Source] = []
    try:
        info = experts.lstat()
    except FileNotFoundError:
        problem = error(EXPERTS_DIR, 0, 0, "", "the experts/ folder is missing", "create it and add profiles")
        return Discovery((), (problem,))
    if stat.S_ISLNK(info.st_mode):
        problem = error(EXPERTS_DIR, 0, 0, "", "experts/ is a symbolic link; links are not allowed", "")
        return Discovery((), (problem,))
    if not stat.S_ISDIR(info.st_mode):
        return Discovery((), (error(EXPERTS_DIR, 0, 0, "", "experts/ is not a folder"),))
    _walk(site_root, experts, top=True, sources=sources, problems=problems)
    return Discovery(tuple(sources), tuple(problems))


def _walk(site_root: Path, folder: Path, *, top: bool, sources: list[Source], problems: list[Problem]) -> None:
    folder_relative = _relative(site_root, folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(error(folder_relative, 0, 0, "", f"cannot read the folder: {exc.strerror}"))
        return
    for entry in entries:
        # Plain strings until a profile is found: tens of thousands of Path objects cost a second.
        relative = f"{folder_relative}/{entry.name}"
        if entry.is_symlink():
            problems.append(
                error(
                    relative, 0, 0, "", "symbolic links are not allowed under experts/",
                    "replace the link with the real file or folder",
                )
            )  # fmt: skip
            continue
        if entry.name.startswith("."):
            continue  # editor and OS litter (.DS_Store, .swp); never read
        if entry.is_dir(follow_symlinks=False):
            _walk(site_root, Path(entry.path), top=False, sources=sources, problems=problems)
            continue
        is_file = entry.is_file(follow_symlinks=False)
        suffix = os.path.splitext(entry.name)[1].lower()
        if suffix in (".yaml", ".yml"):
            _add_profile(Path(entry.path), relative, top=top, is_file=is_file, sources=sources, problems=problems)
        elif not is_file:
            problems.append(error(relative, 0, 0, "", "special files (pipes, devices) are not allowed under experts/"))


def _add_profile(
    path: Path, relative: str, *, top: bool, is_file: bool, sources: list[Source], problems: list[Problem]
) -> None:
    if not is_file:
        problems.append(error(relative, 0, 0, "", "a profile must be a regular file"))
        return
    if not top:
        problems.append(
            error(relative, 0, 0, "", "profiles belong directly in experts/, not in a subfolder", "move the file up")
        )
        return
    if path.suffix != PROFILE_SUFFIX:
        problems.append(
            error(relative, 0, 0, "", "profile files end in .yaml", f"rename it to '{path.stem}{PROFILE_SUFFIX}'")
        )
        return
    slug = path.stem
    wrong = slug_problem(slug)
    if wrong:
        problems.append(error(relative, 0, 0, "", wrong[0], wrong[1]))
        return
    sources.append(Source(slug, relative, path))
