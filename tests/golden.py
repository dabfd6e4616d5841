"""Golden builds: tests/golden/<case>/input is built and compared with tests/golden/<case>/expected.

Regenerate the expected output after an intended change with:

    .venv/bin/python -m tests.golden

Pages, feeds and data files are compared byte for byte. Images (whose bytes
depend on the Pillow version) are listed in expected/MANIFEST.txt with their
format and size, and the theme's static assets (copies of templates/assets/)
with a hash of their content.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

from sitegen.build import build_site
from sitegen.write import MARKER
from tests.conftest import TODAY

GOLDEN = Path(__file__).resolve().parent / "golden"
IMAGE_SUFFIXES = (".jpg", ".webp", ".png")
MANIFEST = "MANIFEST.txt"


def cases() -> list[str]:
    """Every golden case folder."""
    return sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


def build_case(case: str, work: Path) -> dict[str, bytes]:
    """Build one case in a scratch copy; return {path: bytes} with images summarised."""
    site = work / case
    shutil.copytree(GOLDEN / case / "input", site)
    build_site(site, None, TODAY)
    output = site / "_site"
    files: dict[str, bytes] = {}
    manifest: list[str] = []
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if not path.is_file() or relative == MARKER:
            continue
        if relative.endswith(IMAGE_SUFFIXES):
            with Image.open(io.BytesIO(path.read_bytes())) as image:
                manifest.append(f"{relative} {image.format} {image.size[0]}x{image.size[1]}")
        elif relative.startswith("assets/"):
            manifest.append(f"{relative} sha256:{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}")
        else:
            files[relative] = path.read_bytes()
    files[MANIFEST] = ("\n".join(manifest) + "\n").encode()
    return files


def expected(case: str) -> dict[str, bytes]:
    """The committed expected output of a case."""
    root = GOLDEN / case / "expected"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def update() -> None:
    """Rewrite every case's expected output from a fresh build."""
    with tempfile.TemporaryDirectory() as scratch:
        for case in cases():
            target = GOLDEN / case / "expected"
            shutil.rmtree(target, ignore_errors=True)
            for relative, data in build_case(case, Path(scratch)).items():
                path = target / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            print(f"updated {target.relative_to(GOLDEN.parent.parent)}", file=sys.stderr)


if __name__ == "__main__":
    update()
