"""Write the site atomically: stage everything beside the output, then swap it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from sitegen.problems import BuildError

MARKER = ".sitegen-output"
MARKER_TEXT = b"This folder is written by sitegen build and replaced whole on every build.\n"


def check_output(site_root: Path, output: Path) -> Path:
    """Refuse an output folder that is the site, holds its sources, lies outside it, or is not ours."""
    root = site_root.resolve()
    target = output if output.is_absolute() else site_root / output
    resolved = target.resolve()
    if resolved == root or resolved in root.parents:
        raise BuildError(f"the output folder {output} would contain the site itself")
    if not resolved.is_relative_to(root):
        raise BuildError(f"the output folder {output} lies outside the site")
    for source in ("experts", "templates", ".git", "site.toml"):
        protected = root / source
        if resolved == protected or resolved.is_relative_to(protected):
            raise BuildError(f"the output folder {output} is inside the site's {source}")
    if target.is_symlink():
        raise BuildError(f"the output folder {output} is a symbolic link")
    if target.exists():
        if not target.is_dir():
            raise BuildError(f"{output} exists and is not a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise BuildError(f"{output} exists and was not written by sitegen; remove it or choose another --output")
    return resolved


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BuildError(f"refusing to write outside the output folder: {path}")
    return relative


def write_site(files: Mapping[str, bytes], output: Path) -> None:
    """Write ``files`` into a staging folder, then replace ``output`` with it in one swap.

    If anything fails before the swap, the previous site is left exactly as it was.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    try:
        made: set[Path] = set()
        for path, data in sorted(files.items()):
            target = staging / _safe_relative(path)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(data)
        (staging / MARKER).write_bytes(MARKER_TEXT)
        os.chmod(staging, 0o755)  # noqa: S103 - mkdtemp makes it private; a web server must read it
        previous = output.parent / f".{output.name}.previous-{os.getpid()}"
        if output.exists():
            output.rename(previous)
        try:
            staging.rename(output)
        except OSError:
            if previous.exists():
                previous.rename(output)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
