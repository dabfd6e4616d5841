"""Headshots for the web: orientation applied, every byte of metadata dropped, resized, WebP and JPEG.

Experts without a photo get an initials avatar (SVG).  Pillow is the only
image library; this is the only module that encodes images.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageOps

from sitegen import urls
from sitegen.present import initials

JPEG_QUALITY = 82
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Rendition:
    """One size of a headshot in both formats."""

    width: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class Headshot:
    """What a page needs to show an expert's picture."""

    renditions: tuple[Rendition, ...]
    alt: str
    credit: str | None
    avatar: bool

    @property
    def fallback(self) -> Rendition:
        """The middle size, for ``src`` and social cards."""
        return self.renditions[min(1, len(self.renditions) - 1)]


@dataclass(frozen=True)
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
        upright = ImageOps.exif_transpose(opened)
        rgb = upright.convert("RGB")  # drops alpha, palette, EXIF, XMP and ICC data
    side = min(rgb.size)
    widths = [w for w in urls.PHOTO_WIDTHS if w <= side] or [side]
    files: dict[str, bytes] = {}
    renditions: list[Rendition] = []
    for width in widths:
        square = ImageOps.fit(rgb, (width, width), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        clean = Image.frombytes("RGB", square.size, square.tobytes())  # a fresh image: no info carried over
        webp, jpeg = urls.photo(slug, width, "webp"), urls.photo(slug, width, "jpg")
        files[urls.output_path(webp)] = _encode(clean, "WEBP")
        files[urls.output_path(jpeg)] = _encode(clean, "JPEG")
        renditions.append(Rendition(width, webp, jpeg))
    return ProcessedPhoto(Headshot(tuple(renditions), alt, credit, avatar=False), files)


def avatar(slug: str, name: str) -> ProcessedPhoto:
    """An initials avatar in a colour derived from the slug, dark enough for white text."""
    digest = hashlib.sha256(slug.encode()).digest()
    hue = digest[0] * 360 // 256
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">'
        f'<rect width="320" height="320" fill="hsl({hue}, 45%, 32%)"/>'
        '<text x="160" y="160" dy="0.35em" text-anchor="middle" fill="#ffffff" '
        'font-family="system-ui, sans-serif" font-size="120">'
        f"{escape(initials(name))}</text></svg>\n"
    )
    url = urls.avatar(slug)
    rendition = Rendition(320, url, url)
    return ProcessedPhoto(Headshot((rendition,), "", None, avatar=True), {urls.output_path(url): svg.encode()})
