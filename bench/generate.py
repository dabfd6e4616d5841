"""Generate a seeded synthetic expert directory in sitegen's own format.

    .venv/bin/python -m bench.generate --experts 10000 --out /tmp/dir10k [--seed 1] [--photos 0.1]

Names from many scripts, a Zipf-like vocabulary of made-up words in bios, 330 topics under 30
parents, three offices, headshots on a fraction of profiles. `sitegen check` accepts the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
from pathlib import Path

from PIL import Image

from sitegen.textrules import fold

FIRST = [
    "Ana", "José", "Chiamaka", "Wei", "Eleni", "Mohammed", "Olga", "Ji-eun", "Siobhán", "Priya", "Tomasz",
    "Amara", "Lars", "Fatima", "Mai", "Hannah", "Kwame", "Ingrid", "Rafael", "Aiyana", "Mehmet", "Sofia",
    "Oluwaseun", "Marie-Claire", "Hiroshi", "Lucía", "Ahmed", "Rebecca", "Grace", "Pedro", "Anja", "Leila",
    "Jean-Baptiste", "Tevita", "Isabel", "Arjun", "Noa", "Emily", "Дмитрий", "Ελένη", "محمد", "김지은", "张",
    "अर्जुन", "Nguyễn Thị", "Søren", "Zoë", "Łukasz", "Ngozi", "Thandiwe", "Mateus", "Aroha",
]  # fmt: skip
LAST = [
    "Ruiz Castellanos", "García", "Okonkwo-Adeyemi", "Zhang", "Papadopoulou", "Al-Ahmad", "Sokolova", "Kim",
    "O'Sullivan", "Raghunathan", "Wiśniewski", "Diallo", "Østergaard", "Benali", "Mai", "Goldberg", "Asante",
    "Johansson", "dos Santos Oliveira", "Whitehorse", "Yılmaz", "Esposito", "Bakare", "Dubois", "Tanaka",
    "Fernández de la Vega", "Hassan", "Thornton", "Mwangi", "Álvarez", "Müller", "Karimi", "Mukendi", "Fifita",
    "Carvalho", "Mehta", "Levi", "Chen", "Соколов", "Παπαδάκης", "الأحمد", "이", "伟", "शर्मा", "Trần",
]  # fmt: skip
LANGUAGES = ["en"] * 12 + ["es"] * 4 + ["fr"] * 3 + ["de", "ar", "zh", "pt", "sw", "hi", "ru", "ja", "ko", "it", "yo"]
COUNTRIES = ["US"] * 6 + ["GB", "DE", "KE", "CL", "IN", "BR", "JP", "FR", "ZA", "AU"]
FORMATS = ["print", "online", "radio", "tv", "podcast", "live", "on-camera"]
SYLLABLES = [a + b for a in "bcdfghjklmnprstvwz" for b in ["a", "e", "i", "o", "u", "ai", "ou", "ia"]]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Made-up words, most frequent first."""
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3, 3, 3, 4)))) + rng.choice(
            ["", "s", "tion", "ism", "ing"]
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def site_toml(rng: random.Random, words: list[str]) -> tuple[str, list[str]]:
    lines = [
        "[site]",
        'title = "Synthetic Experts"',
        'base_url = "https://synthetic.example/"',
        'language = "en"',
        'organization = "Synthetic University"',
        'description = "A seeded synthetic directory for benchmarks."',
    ]
    for index, name in enumerate(("newsroom", "health", "law")):
        lines += [
            "", "[[offices]]", f'id = "{name}"', f'name = "{name.title()} Press Office"',
            f'email = "{name}@synthetic.example"', f'phone = "+1 312 555 01{40 + index}"',
            'response_time = "within 2 hours"', f"default = {'true' if index == 0 else 'false'}",
        ]  # fmt: skip
    children: list[str] = []
    for p in range(30):
        parent = f"area-{p:02d}"
        lines += [
            "",
            "[[topics]]",
            f'id = "{parent}"',
            f'name = "{words[p].title()} studies"',
            'description = "An area."',
        ]
        for c in range(10):
            child = f"{parent}-{c}"
            children.append(child)
            name = f"{words[30 + p * 10 + c].title()} {words[rng.randrange(300, 2000)]}"
            lines += [
                "",
                "[[topics]]",
                f'id = "{child}"',
                f'name = "{name}"',
                'description = "A topic."',
                f'parent = "{parent}"',
            ]
    return "\n".join(lines) + "\n", children


def zipf_weights(size: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(size)))


def generate(out: Path, experts: int, seed: int, photos: float, today: dt.date) -> None:
    """Write ``experts`` profiles, site.toml and headshots into ``out``."""
    rng = random.Random(seed)
    words = vocabulary(rng, 20000)
    weights = zipf_weights(len(words))
    config, topics = site_toml(rng, words)
    (out / "experts" / "photos").mkdir(parents=True, exist_ok=True)
    (out / "site.toml").write_text(config, encoding="utf-8")
    names: set[str] = set()
    initials = "ABCDEFGHJKLMNPRSTW"
    for n in range(experts):
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(initials)}. {rng.choice(initials)}. {rng.choice(LAST)}"
            if rng.random() < 0.5:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            if fold(name) not in names:
                names.add(fold(name))
                break
        slug = f"expert-{n:06d}"
        bio = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(40, 120)))
        profile: dict[str, object] = {
            "name": name,
            "title": f"Professor of {words[rng.randrange(50, 400)].title()}",
            "headline": " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(5, 10))),
            "bio": bio,
            "topics": rng.sample(topics, rng.randint(1, 4)),
            "keywords": sorted(set(rng.choices(words[:3000], k=rng.randint(2, 8)))),
            "languages": sorted(set(rng.sample(LANGUAGES, rng.randint(1, 3)))),
            "location": {"country": rng.choice(COUNTRIES)},
            "media": {"formats": sorted(set(rng.sample(FORMATS, rng.randint(1, 4)))), "trained": rng.random() < 0.5},
            "availability": {"status": rng.choice(["available"] * 6 + ["limited", "unavailable"])},
            "contact": {"office": rng.choice(["newsroom", "newsroom", "health", "law"])},
            "reviewed": (today - dt.timedelta(days=rng.randint(0, 300))).isoformat(),
        }
        if rng.random() < photos:
            path = out / "experts" / "photos" / f"{slug}.jpg"
            color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            Image.new("RGB", (240, 240), color).save(path, "JPEG", quality=70)
            profile["photo"] = {"file": f"photos/{slug}.jpg", "alt": f"Portrait of {name}", "credit": "Synthetic"}
        # JSON is valid YAML (flow style) and every value is quoted, so nothing is read as another type.
        (out / "experts" / f"{slug}.yaml").write_text(
            json.dumps(profile, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--experts", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--photos", type=float, default=0.1, help="share of profiles with a headshot")
    args = parser.parse_args()
    generate(args.out, args.experts, args.seed, args.photos, dt.date(2026, 11, 25))


if __name__ == "__main__":
    main()
