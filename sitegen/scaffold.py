"""Write new things for editors: a profile skeleton and a whole starter site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib import resources
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.discover import EXPERTS_DIR, PROFILE_SUFFIX
from sitegen.problems import BuildError, ConfigError, ContentError
from sitegen.reference import field_reference
from sitegen.schema import profile_json_schema
from sitegen.slugs import slug_problem, slugify
from sitegen.textrules import forbidden_character

SCHEMA_PATH = "schema/expert.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_PATH}\n"


def schema_text() -> str:
    """The profile JSON Schema as the file editors point at."""
    return json.dumps(profile_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def skeleton(name: str, config: SiteConfig, today: dt.date) -> str:
    """A valid, unlisted profile for ``name`` that editors complete, then publish."""
    topic = config.topics[0].id
    language = config.site.language.split("-")[0]
    return (
        SCHEMA_COMMENT
        + "# A new profile: replace every placeholder, confirm it with the expert,\n"
        + "# then change 'status' to published. Field reference: docs/profile-reference.md\n"
        + f"name: {_quoted(name)}\n"
        + "title: Job title\n"
        + f"headline: {_quoted('What ' + name + ' can speak to, in one line')}\n"
        + "bio: |\n"
        + "  A short biography in Markdown: research, experience, what journalists can ask about.\n"
        + "topics:\n"
        + f"  - {topic}\n"
        + "languages:\n"
        + f"  - {language}\n"
        + "# location:\n#   city: \n#   country: \n#   timezone: \n"
        + "# media:\n#   formats: [print, radio]\n"
        + "# contact:\n#   office: \n"
        + "status: unlisted\n"
        + f"reviewed: {today.isoformat()}\n"
    )


def new_profile(site_root: Path, name: str, config: SiteConfig, today: dt.date, slug: str | None = None) -> Path:
    """Write ``experts/<slug>.yaml`` for a new expert, never overwriting a file."""
    bad = forbidden_character(name, multiline=False)
    if not name.strip() or bad:
        raise ContentError(f"the name {bad or 'is empty'}")
    chosen = slug or slugify(name)
    if not chosen:
        raise ContentError(f"cannot make a file name from '{name}'; give one with --slug")
    wrong = slug_problem(chosen)
    if wrong:
        raise ContentError(f"{wrong[0]}; choose another with --slug")
    target = site_root / EXPERTS_DIR / f"{chosen}{PROFILE_SUFFIX}"
    if not (site_root / EXPERTS_DIR).is_dir():
        raise ConfigError("the experts/ folder is missing")
    made = False
    try:
        with target.open("x", encoding="utf-8") as handle:
            made = True
            handle.write(skeleton(name, config, today))
    except FileExistsError:
        raise ContentError(
            f"{EXPERTS_DIR}/{chosen}{PROFILE_SUFFIX} already exists; choose another with --slug"
        ) from None
    except OSError as exc:  # a full disk, a quota: no half-written profile is left
        if made:
            target.unlink(missing_ok=True)
        raise BuildError(f"cannot write {EXPERTS_DIR}/{chosen}{PROFILE_SUFFIX}: {exc.strerror or exc}") from None
    return target


def init_site(target: Path, today: dt.date) -> list[Path]:
    """Create a new site folder that passes `sitegen check`; refuse a non-empty folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"{target} exists and is not an empty folder")
    existed = target.exists()
    try:
        return _scaffolded(target, today)
    except OSError as exc:  # a full disk, a quota: the folder is left as it was found
        if existed:
            for child in target.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        else:
            shutil.rmtree(target, ignore_errors=True)
        where = exc.filename or target
        raise BuildError(f"cannot write {where}: {exc.strerror or exc}; nothing was written") from None


def _scaffolded(target: Path, today: dt.date) -> list[Path]:
    starter = resources.files("sitegen") / "starter"
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    with resources.as_file(starter) as folder:
        for source in sorted(folder.rglob("*")):
            if source.is_dir() or source.name == "__pycache__":
                continue
            relative = source.relative_to(folder)
            # Packaging tools drop dot-files, so the starter ships them as dot-NAME.
            relative = Path(
                *("." + part.removeprefix("dot-") if part.startswith("dot-") else part for part in relative.parts)
            )
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8").replace("{{today}}", today.isoformat())
            destination.write_text(text, encoding="utf-8")
            written.append(destination)
    extra = {SCHEMA_PATH: schema_text(), "docs/profile-reference.md": field_reference()}
    for relative_name, text in extra.items():
        destination = target / relative_name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
        written.append(destination)
    return sorted(written)
