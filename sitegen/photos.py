"""Headshot checks: the file is where it says, inside experts/, and a real, sane image."""

from __future__ import annotations

import functools
import os
import stat
import time
import warnings
from collections.abc import MutableMapping, Sequence
from pathlib import Path, PurePosixPath

from sitegen.discover import EXPERTS_DIR
from sitegen.parallel import map_in_parts
from sitegen.problems import Problem, error
from sitegen.profiles import ParsedProfile

MIN_SIDE = 200
MAX_PIXELS = 40_000_000
MAX_PHOTO_BYTES = 20 * 1024 * 1024
FORMATS = ("JPEG", "PNG", "WEBP")
PARALLEL_PHOTOS = 200
"""Images to open below which they are opened in one process (starting workers would cost more)."""

Signature = tuple[int, int, int, int, int]
"""A file's device, inode, size, modification and change times (ns): what git's index trusts."""
PhotoVerdict = tuple[Signature, str]
"""The signature of the file judged, and its problem ("" if none)."""
PhotoVerdicts = MutableMapping[str, PhotoVerdict]
"""Each photo path's verdict, by the path relative to experts/."""
SETTLED_NS = 2_000_000_000
"""A verdict is remembered only for a file last changed this long before it was judged: file
times are coarse (a few ms), so a file rewritten again at once, with the same size, could keep
its signature (git calls such entries "racily clean" and checks them again, as we do)."""


def photo_file(site_root: Path, relative: str) -> tuple[tuple[str, Signature] | None, str, str]:
    """Resolve a photo path inside experts/, as ((path, signature), problem, hint); None on a problem.

    Plain strings and ``os`` calls, not ``Path``: thousands of photos are checked per run.
    """
    if "\\" in relative or relative.startswith("/") or ":" in relative:
        return None, f"'{relative}' must be a path relative to experts/ with forward slashes", ""
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", ".") for part in parts):
        return None, f"'{relative}' must stay inside experts/ (no '..' or '.')", "use a path like photos/ana-ruiz.jpg"
    folder = os.path.join(site_root, EXPERTS_DIR)
    current = folder
    for part in parts:
        current = os.path.join(current, part)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None, f"the photo 'experts/{relative}' does not exist", "check the file name and folder"
        except OSError as exc:
            return None, f"cannot read 'experts/{relative}': {exc.strerror}", ""
        if stat.S_ISLNK(info.st_mode):
            return None, f"'experts/{relative}' goes through a symbolic link; links are not allowed", ""
    if not stat.S_ISREG(info.st_mode):
        return None, f"'experts/{relative}' is not a regular file", ""
    if not os.path.realpath(current).startswith(_resolved(folder) + os.sep):
        return None, f"'{relative}' resolves outside experts/", ""
    return (current, signature(info)), "", ""


def signature(info: os.stat_result) -> Signature:
    """A file's signature from its status."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def settled(of: Signature) -> bool:
    """True if the file with this signature was last changed long enough ago to vouch for it."""
    return time.time_ns() - of[4] > SETTLED_NS


@functools.lru_cache(maxsize=8)
def _resolved(folder: str) -> str:
    """The real path of a site's experts/ folder (resolved once, not once per photo)."""
    return os.path.realpath(folder)


def image_problem(path: Path) -> str:
    """Explain why a file is not an acceptable headshot, or return an empty string."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 - a check whose photos are all known never needs Pillow

    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        return f"the photo is {size // (1024 * 1024)} MiB; the limit is {MAX_PHOTO_BYTES // (1024 * 1024)} MiB"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return f"the photo is {width}×{height} pixels, over the {MAX_PIXELS:,}-pixel limit"
                if min(width, height) < MIN_SIDE:
                    return f"the photo is {width}×{height} pixels; at least {MIN_SIDE}×{MIN_SIDE} are needed"
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"the photo declares more than {MAX_PIXELS:,} pixels (a decompression bomb?)"
    except UnidentifiedImageError:
        return "the photo is not a JPEG, PNG or WebP image (judged by its content)"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"the photo is damaged or truncated ({exc})"
    return ""


def photo_problems(
    site_root: Path, profiles: Sequence[ParsedProfile], verdicts: PhotoVerdicts | None = None, jobs: int = 1
) -> list[Problem]:
    """Check the headshot each valid profile names.

    ``verdicts`` remembers each image's verdict across runs: an image whose file has the same
    signature is not opened again, and a new verdict on a settled file is recorded there.  The
    images to open are opened in up to ``jobs`` processes when there are PARALLEL_PHOTOS of them.
    """
    # Each named photo: its profile and path, the file found (or why not) and its current verdict, if any.
    named: list[tuple[ParsedProfile, str, tuple[str, Signature] | None, str, str, str | None]] = []
    for profile in profiles:
        if profile.expert is not None and profile.expert.photo is not None:
            relative = profile.expert.photo.file
            found, problem, hint = photo_file(site_root, relative)
            current = None
            if found is not None and verdicts is not None:
                verdict = verdicts.get(relative)
                current = verdict[1] if verdict is not None and verdict[0] == found[1] else None
            named.append((profile, relative, found, problem, hint, current))
    unjudged = sorted({found[0] for _, _, found, _, _, current in named if found is not None and current is None})
    workers = jobs if len(unjudged) >= PARALLEL_PHOTOS else 1
    judged = dict(zip(unjudged, map_in_parts(_judge, unjudged, workers), strict=True))
    problems: list[Problem] = []
    for profile, relative, found, problem, hint, current in named:
        message = problem
        if found is not None:
            path, signature = found
            message = judged[path] if current is None else current
            if current is None and verdicts is not None and settled(signature):
                verdicts[relative] = (signature, message)
        if message:
            line, column = profile.locate(("photo", "file"))
            problems.append(error(profile.source.path, line, column, "photo.file", message, hint))
    return problems


def _judge(paths: Sequence[str]) -> list[str]:
    return [image_problem(Path(path)) for path in paths]
