"""Headshot checks: the file is where it says, inside experts/, and a real, sane image."""

from __future__ import annotations

import functools
import stat
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from sitegen.discover import EXPERTS_DIR
from sitegen.problems import Problem, error
from sitegen.profiles import ParsedProfile

MIN_SIDE = 200
MAX_PIXELS = 40_000_000
MAX_PHOTO_BYTES = 20 * 1024 * 1024
FORMATS = ("JPEG", "PNG", "WEBP")


def photo_file(site_root: Path, relative: str) -> tuple[Path | None, str, str]:
    """Resolve a photo path inside experts/, as (path, problem, hint); path is None on a problem."""
    if "\\" in relative or relative.startswith("/") or ":" in relative:
        return None, f"'{relative}' must be a path relative to experts/ with forward slashes", ""
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", ".") for part in parts):
        return None, f"'{relative}' must stay inside experts/ (no '..' or '.')", "use a path like photos/ana-ruiz.jpg"
    folder = site_root / EXPERTS_DIR
    current = folder
    for part in parts:
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            return None, f"the photo 'experts/{relative}' does not exist", "check the file name and folder"
        except OSError as exc:
            return None, f"cannot read 'experts/{relative}': {exc.strerror}", ""
        if stat.S_ISLNK(info.st_mode):
            return None, f"'experts/{relative}' goes through a symbolic link; links are not allowed", ""
    if not stat.S_ISREG(current.lstat().st_mode):
        return None, f"'experts/{relative}' is not a regular file", ""
    if not current.resolve().is_relative_to(_resolved(folder)):
        return None, f"'{relative}' resolves outside experts/", ""
    return current, "", ""


@functools.lru_cache(maxsize=8)
def _resolved(folder: Path) -> Path:
    """The real path of a site's experts/ folder (resolved once, not once per photo)."""
    return folder.resolve()


def image_problem(path: Path) -> str:
    """Explain why a file is not an acceptable headshot, or return an empty string."""
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


def photo_problems(site_root: Path, profile: ParsedProfile) -> list[Problem]:
    """Check the headshot a valid profile names."""
    expert = profile.expert
    if expert is None or expert.photo is None:
        return []
    line, column = profile.locate(("photo", "file"))
    path, message, hint = photo_file(site_root, expert.photo.file)
    if path is not None:
        message = image_problem(path)
    if not message:
        return []
    return [error(profile.source.path, line, column, "photo.file", message, hint)]
