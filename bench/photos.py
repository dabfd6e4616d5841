"""Time making one headshot's renditions from photos of camera sizes (median, min and max of runs).

    .venv/bin/python -m bench.photos [--runs 5] [--seed 1] [--every-pixel]

Makes seeded synthetic photos (overlapping ellipses on a light ground) from a web portrait to a
24-megapixel frame, as JPEG (quality 92) and PNG, in a temporary folder, and times
``images.process_photo`` on each in this process.  ``--every-pixel`` resamples every rendition
from the whole photo, as sitegen did before large photos were brought down first
(``images.WORKING_SIDE``), so both can be measured in one checkout.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

import sitegen.images
from sitegen.images import process_photo

SIZES = ((480, 480), (1200, 1600), (3000, 4000), (4000, 6000))


def photo(width: int, height: int, seed: int) -> Image.Image:
    """A photo-sized picture with edges and flat areas, the same for the same seed."""
    shapes = random.Random(seed)
    image = Image.new("RGB", (width, height), (235, 235, 235))
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = shapes.randrange(width), shapes.randrange(height)
        size = shapes.randrange(width // 40 + 1, width // 4 + 2)
        draw.ellipse((x, y, x + size, y + size), fill=tuple(shapes.randrange(256) for _ in range(3)))
    return image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every-pixel", action="store_true", help="resample from the whole photo (the old way)")
    args = parser.parse_args()
    if args.every_pixel:
        sitegen.images.WORKING_SIDE = 10**6
    print("| photo | format | median s | min – max s |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for width, height in SIZES:
            image = photo(width, height, args.seed)
            for suffix in (".jpg", ".png"):
                path = Path(scratch) / f"{width}x{height}{suffix}"
                if suffix == ".jpg":
                    image.save(path, quality=92)
                else:
                    image.save(path)
                seconds = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    process_photo("bench", path, "A photo", None)
                    seconds.append(time.perf_counter() - started)
                spread = f"{min(seconds):.3f} – {max(seconds):.3f}"
                print(f"| {width} × {height} | {suffix[1:].upper()} | {statistics.median(seconds):.3f} | {spread} |")


if __name__ == "__main__":
    main()
