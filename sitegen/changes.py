"""`sitegen diff`: what a pull request changes, expert by expert and field by field.

Profiles at the base revision are read straight from git objects (never checked
out) through the same hardened parser as the working tree.  Private notes are
compared but only ever reported as "changed".
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.discover import EXPERTS_DIR, PROFILE_SUFFIX, Source, discover
from sitegen.problems import ConfigError
from sitegen.profiles import MAX_PROFILE_BYTES, ParsedProfile, parse_profile, parse_profiles
from sitegen.slugs import slug_problem
from sitegen.textrules import fold

DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "main", "origin/master", "master")
MAX_VALUE = 80


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ExpertChange:
    kind: str  # added, removed, renamed, changed, unreadable
    path: str
    old_path: str | None
    name: str
    fields: tuple[FieldChange, ...]
    topics_gained: tuple[str, ...]
    topics_lost: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    base: str
    base_label: str
    experts: tuple[ExpertChange, ...]


def _git(site_root: Path, *args: str, binary: bool = False) -> Any:
    try:
        # A fixed argument list and no shell; git validates the revision it is given.
        command = ["git", "-C", str(site_root), *args]
        done = subprocess.run(command, capture_output=True, check=False, timeout=60)  # noqa: S603
    except FileNotFoundError:
        raise ConfigError("git is not installed") from None
    if done.returncode != 0:
        raise ConfigError(f"git {' '.join(args)}: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace").strip()


def default_base(site_root: Path) -> tuple[str, str]:
    """The merge base of HEAD with the default branch, as (commit, label)."""
    for branch in DEFAULT_BRANCHES:
        try:
            commit = _git(site_root, "merge-base", "HEAD", branch)
        except ConfigError:
            continue
        return commit, f"merge base with {branch}"
    raise ConfigError("no default branch found (tried origin/HEAD, main, master); name a revision: sitegen diff REV")


def profiles_at(site_root: Path, revision: str) -> dict[str, ParsedProfile]:
    """Parse every experts/*.yaml as it was at ``revision``, read from git objects."""
    top = Path(_git(site_root, "rev-parse", "--show-toplevel"))
    prefix = site_root.resolve().relative_to(top.resolve()).as_posix()
    folder = f"{prefix}/{EXPERTS_DIR}/" if prefix != "." else f"{EXPERTS_DIR}/"
    listing: bytes = _git(site_root, "ls-tree", "-z", "-l", revision, "--", folder, binary=True)
    parsed: dict[str, ParsedProfile] = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.decode("utf-8", "replace").partition("\t")
        mode, kind, sha, size = meta.split()
        path = PurePosixPath(name)
        if kind != "blob" or path.suffix != PROFILE_SUFFIX or mode == "120000" or slug_problem(path.stem):
            continue
        relative = f"{EXPERTS_DIR}/{path.name}"
        if int(size) > MAX_PROFILE_BYTES:
            data = b"x" * (MAX_PROFILE_BYTES + 1)  # never read: parse_profile reports the size problem
        else:
            data = _git(site_root, "cat-file", "blob", sha, binary=True)
        parsed[path.stem] = parse_profile(Source(path.stem, relative, site_root / relative), data)
    return parsed


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            yield prefix, ", ".join(str(item) for item in value)
        else:
            for index, item in enumerate(value):
                yield from _flatten(item, f"{prefix}[{index}]")
    elif value is not None:
        yield prefix, str(value)


def _fields(profile: ParsedProfile) -> dict[str, str]:
    assert profile.expert is not None  # noqa: S101 - callers pass readable profiles
    return dict(_flatten(profile.expert.model_dump(mode="json", exclude_defaults=True)))


def _compare(old: ParsedProfile, new: ParsedProfile) -> list[FieldChange]:
    before, after = _fields(old), _fields(new)
    changes = [
        FieldChange(key, before.get(key), after.get(key))
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key) and key != "topics"
    ]
    old_private = old.private.data if old.private else {}
    new_private = new.private.data if new.private else {}
    if old_private != new_private:
        changes.append(FieldChange("private", None, None))
    return changes


def _topics(profile: ParsedProfile | None) -> tuple[str, ...]:
    return profile.expert.topics if profile and profile.expert else ()


def _change(kind: str, old: ParsedProfile | None, new: ParsedProfile | None) -> ExpertChange:
    current = new or old
    assert current is not None  # noqa: S101 - one side always exists
    readable = (old is None or old.expert is not None) and (new is None or new.expert is not None)
    name = next((p.expert.name for p in (new, old) if p and p.expert), current.source.slug)
    if not readable:
        return ExpertChange("unreadable", current.source.path, old.source.path if old else None, name, (), (), ())
    fields = tuple(_compare(old, new)) if old and new else ()
    before, after = set(_topics(old)), set(_topics(new))
    gained = tuple(t for t in _topics(new) if t not in before)
    lost = tuple(t for t in _topics(old) if t not in after)
    return ExpertChange(kind, current.source.path, old.source.path if old else None, name, fields, gained, lost)


def diff_profiles(old: Mapping[str, ParsedProfile], new: Mapping[str, ParsedProfile]) -> list[ExpertChange]:
    """Compare two sets of parsed profiles by slug, detecting renames by name."""
    removed = {slug: p for slug, p in old.items() if slug not in new}
    added = {slug: p for slug, p in new.items() if slug not in old}
    changes: list[ExpertChange] = []
    by_name = {fold(p.expert.name): slug for slug, p in removed.items() if p.expert}
    for _, profile in sorted(added.items()):
        twin = by_name.pop(fold(profile.expert.name), None) if profile.expert else None
        if twin is not None:
            changes.append(_change("renamed", removed.pop(twin), profile))
        else:
            changes.append(_change("added", None, profile))
    changes += [_change("removed", profile, None) for _, profile in sorted(removed.items())]
    for slug in sorted(set(old) & set(new)):
        change = _change("changed", old[slug], new[slug])
        if change.kind == "unreadable" or change.fields or change.topics_gained or change.topics_lost:
            changes.append(change)
    order = {"added": 0, "renamed": 1, "changed": 2, "unreadable": 3, "removed": 4}
    return sorted(changes, key=lambda c: (order[c.kind], c.path))


def changes_since(site_root: Path, base: str | None) -> Changes:
    """Everything the working tree changes in experts/ since ``base`` (default: the merge base)."""
    if base is not None and base.startswith("-"):
        raise ConfigError(f"'{base}' is not a revision")
    if base is None:
        commit, label = default_base(site_root)
    else:
        commit, label = _git(site_root, "rev-parse", "--verify", f"{base}^{{commit}}"), base
    old = profiles_at(site_root, commit)
    new = {p.source.slug: p for p in parse_profiles(discover(site_root).sources)}
    return Changes(commit, label, tuple(diff_profiles(old, new)))


def _short(value: str | None) -> str:
    if value is None:
        return "(none)"
    text = " ".join(value.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def format_text(changes: Changes) -> str:
    """The changes for a terminal."""
    if not changes.experts:
        return f"no expert changes since {changes.base[:10]} ({changes.base_label})"
    lines = [f"{len(changes.experts)} expert(s) changed since {changes.base[:10]} ({changes.base_label}):"]
    for change in changes.experts:
        where = f"{change.old_path} -> {change.path}" if change.kind == "renamed" else change.path
        lines.append(f"{change.kind:<10} {where}: {change.name}")
        if change.topics_gained or change.topics_lost:
            parts = [f"gained {', '.join(change.topics_gained)}"] if change.topics_gained else []
            parts += [f"lost {', '.join(change.topics_lost)}"] if change.topics_lost else []
            lines.append(f"    topics: {'; '.join(parts)}")
        for field in change.fields:
            if field.field == "private":
                lines.append("    private: changed")
            else:
                lines.append(f"    {field.field}: {_short(field.old)} -> {_short(field.new)}")
        if change.kind == "unreadable":
            lines.append("    (has errors at one side; run sitegen check)")
    return "\n".join(lines)


def _code(value: str | None) -> str:
    if value is None:
        return "*(none)*"
    text = _short(value).replace("|", "\\|")
    # A code span's fence is one backtick longer than the longest run inside it (CommonMark).
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def format_markdown(changes: Changes) -> str:
    """The changes as Markdown for a pull-request comment; every value is in a code span."""
    if not changes.experts:
        return f"**sitegen:** no expert changes since `{changes.base[:10]}` ({changes.base_label})."
    lines = [f"### sitegen: {len(changes.experts)} expert(s) changed since `{changes.base[:10]}`", ""]
    for change in changes.experts:
        where = f"`{change.old_path}` → `{change.path}`" if change.kind == "renamed" else f"`{change.path}`"
        lines.append(f"- **{change.kind}** {where}: {_code(change.name)}")
        if change.topics_gained:
            lines.append(f"  - topics gained: {', '.join(f'`{t}`' for t in change.topics_gained)}")
        if change.topics_lost:
            lines.append(f"  - topics lost: {', '.join(f'`{t}`' for t in change.topics_lost)}")
        for field in change.fields:
            if field.field == "private":
                lines.append("  - `private`: changed")
            else:
                lines.append(f"  - `{field.field}`: {_code(field.old)} → {_code(field.new)}")
        if change.kind == "unreadable":
            lines.append("  - has errors at one side; see the check annotations")
    return "\n".join(lines)
