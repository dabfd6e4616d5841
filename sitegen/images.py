"""Headshots for the web: orientation applied, every byte of metadata dropped, resized, WebP and JPEG.

Experts without a photo get an initials avatar, drawn in the page as inline SVG (no file: a
list of fifty experts without photos costs no request, and a build no file, for them).  Pillow
is the only image library; this is the only module that encodes images.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from sitegen import urls
from sitegen.present import Thumbnail, initials

JPEG_QUALITY = 82
WEBP_QUALITY = 80


@dataclass(frozen=True, slots=True)
class Rendition:
    """One size of a headshot in both formats."""

    width: int
    webp: str
    jpeg: str


@dataclass(frozen=True, slots=True)
class Avatar:
    """An initials avatar: the letters, and a hue derived from the slug (dark enough for white text)."""

    initials: str
    hue: int


@dataclass(frozen=True, slots=True)
class Headshot:
    """What a page needs to show an expert's picture: renditions of a photo, or an avatar."""

    renditions: tuple[Rendition, ...]
    alt: str
    credit: str | None
    avatar: Avatar | None = None

    @property
    def fallback(self) -> Rendition:
        """The middle size, for ``src`` and social cards (photos only)."""
        return self.renditions[min(1, len(self.renditions) - 1)]


AVATAR_PATTERN = Headshot((), "", None, Avatar("sitegen-initials", 987654321))
"""An avatar with marks for its letters and hue, which the search page renders with the theme's
own ``_photo.html`` and its script fills in for each result: results look as the pages do, even
with a site's own ``_photo.html``."""


def thumbnail(shot: Headshot) -> Thumbnail:
    """The picture a search result shows for this headshot."""
    if shot.avatar is not None:
        return (shot.avatar.initials, shot.avatar.hue)
    return shot.renditions[0].webp


@dataclass(frozen=True, slots=True)
class ProcessedPhoto:
    """A headshot and the files that serve it."""

    headshot: Headshot
    files: dict[str, bytes]


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()


def process_photo(slug: str, source: Path, alt: str, credit: str | None) -> ProcessedPhoto:
    """Re-encode one headshot as square WebP and JPEG renditions without metadata."""
    with Image.open(source) as opened:
        _decode_smaller(opened)
        upright = ImageOps.exif_transpose(opened)
        rgb = _reduced(upright.convert("RGB"))  # drops alpha, palette, EXIF, XMP and ICC data
    files: dict[str, bytes] = {}
    renditions: list[Rendition] = []
    for width in rendition_widths(min(rgb.size)):
        square = ImageOps.fit(rgb, (width, width), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        clean = Image.frombytes("RGB", square.size, square.tobytes())  # a fresh image: no info carried over
        webp, jpeg = urls.photo(slug, width, "webp"), urls.photo(slug, width, "jpg")
        files[urls.output_path(webp)] = _encode(clean, "WEBP")
        files[urls.output_path(jpeg)] = _encode(clean, "JPEG")
        renditions.append(Rendition(width, webp, jpeg))
    return ProcessedPhoto(Headshot(tuple(renditions), alt, credit), files)


def rendition_widths(side: int) -> list[int]:
    """The widths a photo with this short side is made in: each of PHOTO_WIDTHS it has pixels for
    (never enlarged), or its own side if it is smaller than all of them."""
    return [w for w in urls.PHOTO_WIDTHS if w <= side] or [side]


WORKING_SIDE = 2 * max(urls.PHOTO_WIDTHS)
"""The short side a large photo is brought down to (never below) before it is resampled.

A camera's headshot is 12 megapixels or more: decoding all of it and resampling each rendition
from it took half a second a photo.  A JPEG is decoded at the smallest scale its decoder offers
(1/2, 1/4, 1/8) that keeps this side, any other image reduced by whole pixels (box average) to
it; Lanczos from twice the largest rendition (as Pillow's own ``thumbnail`` does) loses nothing
visible.  Photos smaller than twice this side are resampled from every pixel, as before."""


def _decode_smaller(opened: Image.Image) -> None:
    """Ask a JPEG's decoder for a smaller scale, keeping a short side of at least WORKING_SIDE (an
    MPO, a JPEG with more pictures after the first, as some phones write them, is read as one)."""
    width, height = opened.size
    short = min(width, height)
    if opened.format in ("JPEG", "MPO") and short >= 2 * WORKING_SIDE:
        opened.draft(None, (width * WORKING_SIDE // short, height * WORKING_SIDE // short))


def _reduced(image: Image.Image) -> Image.Image:
    """``image`` reduced by a whole factor to a short side of no less than WORKING_SIDE, if it is twice that."""
    factor = min(image.size) // WORKING_SIDE
    return image.reduce(factor) if factor >= 2 else image


def avatar(slug: str, name: str) -> ProcessedPhoto:
    """An initials avatar in a colour derived from the slug; the page draws it, no file is written."""
    hue = hashlib.sha256(slug.encode()).digest()[0] * 360 // 256
    return ProcessedPhoto(Headshot((), "", None, Avatar(initials(name), hue)), {})
