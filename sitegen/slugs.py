"""Expert slugs: the rules a file name must follow, and making one from a name."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_SLUG_LENGTH = 80

# Names the published site uses for its own pages and folders.
RESERVED = frozenset(
    {
        "index", "search", "topics", "topic", "assets", "experts", "expert", "guide",
        "contact", "feed", "feeds", "sitemap", "robots", "404", "api", "static",
        "photos", "images", "admin", "about",
    }
)  # fmt: skip
# Windows refuses these as file names whatever the extension.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "clock"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)


def slug_problem(slug: str) -> tuple[str, str] | None:
    """Explain why ``slug`` cannot name a profile, as (message, hint), or return None."""
    if not SLUG_PATTERN.match(slug):
        suggestion = slugify(slug)
        hint = f"rename the file to '{suggestion}.yaml'" if suggestion else "rename the file"
        return (
            f"'{slug}' is not a valid profile name: use lowercase letters a-z, digits and single hyphens",
            hint,
        )
    if len(slug) > MAX_SLUG_LENGTH:
        return f"the profile name is longer than {MAX_SLUG_LENGTH} characters", "shorten the file name"
    if slug in RESERVED:
        return f"'{slug}' is a name the site uses for its own pages", f"rename the file, e.g. '{slug}-1.yaml'"
    if slug in WINDOWS_DEVICES:
        return f"'{slug}' is a device name on Windows and cannot be a file name there", "rename the file"
    return None


def _transliterate(char: str) -> str:
    # Each Han character or Hangul block is a syllable: keep syllables apart
    # ("张伟" gives "zhang-wei", not "zhangwei").
    text = anyascii(char)
    if unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "HANGUL SYLLABLE")):
        return f" {text} "
    return text


def slugify(name: str) -> str:
    """Make a slug from a display name, transliterating any script to ASCII."""
    ascii_text = "".join(_transliterate(char) for char in name).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-")
