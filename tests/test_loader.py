"""Hostile and broken profile files: one test per loader rule, with exact messages and places."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from sitegen.discover import Source
from sitegen.hardyaml import (
    MappingNode,
    Mark,
    Node,
    PathPart,
    ScalarNode,
    SequenceNode,
    _composed,
    _parse_events,
    document_of,
    locate_in_table,
    locate_packed,
    mark_table,
    pack_marks,
    read_yaml,
)
from sitegen.profiles import MAX_PROFILE_BYTES, parse_profile
from tests.conftest import PROFILE, REPO, SiteFactory, lines, run_check

PATH = "experts/ana-ruiz.yaml"


def parse(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    parsed = parse_profile(Source("ana-ruiz", PATH, Path(PATH)), data)
    return [f"{p.line}:{p.column}: {p.severity.value}: {p.field}: {p.message}" for p in parsed.problems]


def test_valid_profile_parses_without_problems() -> None:
    assert parse(PROFILE) == []


def test_invalid_utf8_reports_its_line_and_column() -> None:
    data = PROFILE.replace("Hurricane insurance", "Hurricane XX").encode("utf-8").replace(b"XX", b"\xff\xfe")
    assert parse(data) == ["3:21: error: : the file is not valid UTF-8 (byte 0xFF)"]


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbf" + PROFILE.encode()) == []


def test_anchors_and_aliases_are_refused() -> None:
    text = PROFILE.replace("topics:\n  - climate-change", "topics: &t\n  - climate-change\nkeywords: *t")
    assert parse(text) == [
        "6:9: error: topics: anchors (&t) are not allowed",
        "8:11: error: keywords: aliases (*t) are not allowed",
    ]


def test_billion_laughs_is_refused_fast_without_expanding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 9):
        bomb += f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 9) + "]\n"
    started = time.perf_counter()
    problems = parse(bomb)
    assert time.perf_counter() - started < 5  # a generous bound: expansion would be 9**9 nodes
    assert problems[0] == "1:4: error: a: anchors (&a) are not allowed"
    assert any("aliases (*a) are not allowed" in p for p in problems)


def test_explicit_tags_are_refused() -> None:
    text = PROFILE.replace("title: Professor of Economics", "title: !!python/object/apply:os.system [ls]")
    assert parse(text)[0] == (
        "2:8: error: title: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"
    )


def test_local_tags_are_refused() -> None:
    assert parse(PROFILE.replace("name: Ana Ruiz", "name: !secret Ana"))[0] == (
        "1:7: error: name: explicit tags (!secret) are not allowed"
    )


def test_tag_directives_are_refused() -> None:
    problems = parse("%TAG !e! tag:example.com,2000:\n---\n" + PROFILE)
    assert problems[0] == "1:1: error: : %TAG directives are not allowed"


def test_deep_nesting_is_refused() -> None:
    text = "name: " + "[" * 50 + "]" * 50 + "\n"
    assert parse(text) == [
        "1:16: error: name[0][0][0][0][0][0][0][0][0]: nesting is deeper than 10 levels",
    ]


def test_extreme_nesting_is_refused_without_recursion() -> None:
    text = "name: " + "[" * 100_000 + "\n"
    assert parse(text) == [
        "1:1006: error: : YAML syntax error: while increasing flow level, exceeded maximum nesting depth",
    ]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(40))
    assert parse(text)[0].endswith("nesting is deeper than 10 levels")


def test_duplicate_keys_name_both_lines() -> None:
    text = PROFILE + "name: Ana Ruiz Again\n"
    assert parse(text) == ["16:1: error: name: duplicate key 'name' (first defined at line 1)"]


def test_nested_duplicate_keys_are_refused() -> None:
    text = PROFILE.replace("  alt: Ana Ruiz\n", "  alt: Ana Ruiz\n  alt: again\n")
    assert parse(text) == ["14:3: error: photo.alt: duplicate key 'alt' (first defined at line 13)"]


def test_non_string_keys_are_refused() -> None:
    text = PROFILE + "[1, 2]: x\nyes: 1\n3: x\n~: x\n"
    assert parse(text) == [
        "16:1: error: : keys must be plain text, not a list or mapping",
        "17:1: error: : key 'yes' is read as a true/false value by YAML tools, not as text",
        "18:1: error: : key '3' is read as a number by YAML tools, not as text",
        "19:1: error: : a key is empty",
    ]


def test_merge_keys_are_refused() -> None:
    assert parse(PROFILE + "<<: {pronouns: she/her}\n") == ["16:1: error: : merge keys (<<) are not allowed"]


def test_several_documents_are_refused() -> None:
    assert parse(PROFILE + "---\nname: Other\n") == [
        "16:1: error: : a profile holds exactly one YAML document; found a second one here"
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [("- name: Ana\n", "a list"), ("just text\n", "a single value")],
)
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    assert parse(text) == [f"1:1: error: : a profile is a mapping of fields, found {found}"]


def test_empty_file_is_refused() -> None:
    assert parse("# only a comment\n") == ["1:1: error: : the file is empty"]


def test_files_over_the_size_cap_are_refused_unread() -> None:
    data = PROFILE.encode() + b"# " + b"x" * MAX_PROFILE_BYTES
    assert parse(data) == ["0:0: error: : the file is larger than 128 KiB, the limit for a profile"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"Ana\\u200bRuiz"', "contains an invisible character (U+200B ZERO WIDTH SPACE) at character 4"),
        ('"Ana\\u202eRuiz"', "contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 4"),
        ('"Ana\\x07Ruiz"', "contains a control character (U+0007) at character 4"),
        ('"Ana\\nRuiz"', "contains a line break (at character 4); this field is a single line"),
        ('"Ana\\u2028Ruiz"', "contains a line or paragraph separator (U+2028) at character 4"),
        ('"\\u3164"', "contains an invisible character (U+3164 HANGUL FILLER) at character 1"),
    ],
)
def test_control_and_invisible_characters_in_single_line_fields(value: str, message: str) -> None:
    assert parse(PROFILE.replace("name: Ana Ruiz", f"name: {value}")) == [f"1:7: error: name: {message}"]


def test_raw_control_characters_are_a_syntax_error_at_their_place() -> None:
    assert parse(PROFILE.replace("Ana Ruiz\n", "Ana\x01Ruiz\n", 1)) == [
        "1:10: error: : YAML syntax error: unacceptable character #x0001: control characters are not allowed"
    ]


def test_bios_keep_line_breaks_but_refuse_bidi_overrides() -> None:
    assert parse(PROFILE.replace("Ana studies **risk**.", "Line one\n  Line\ttwo")) == []
    assert parse(PROFILE.replace("**risk**", "\u202erisk")) == [
        "4:6: error: bio: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 13"
    ]


def test_joiners_needed_by_real_scripts_are_allowed() -> None:
    assert parse(PROFILE.replace("name: Ana Ruiz", "name: مهرداد می\u200cخواهد")) == []


def test_implicit_types_never_apply() -> None:
    text = PROFILE + "pronouns: NO\ncontact:\n  email: a@test.example\nkeywords: [0612345, 1e3, 12:30, null-ish]\n"
    parsed = parse_profile(Source("ana-ruiz", PATH, Path(PATH)), text.encode())
    assert parsed.problems == ()
    assert parsed.expert is not None
    assert parsed.expert.pronouns == "NO"
    assert parsed.expert.keywords == ("0612345", "1e3", "12:30", "null-ish")


def test_impossible_date_is_an_error_at_its_own_line() -> None:
    text = PROFILE.replace("reviewed: 2026-10-01", "availability:\n  until: 2024-02-30\nreviewed: 2026-10-01")
    assert parse(text) == [
        "16:10: error: availability.until: '2024-02-30' is not a real date: February 2024 has 29 days"
    ]


def test_text_is_normalised_to_nfc() -> None:
    decomposed = "Jose\u0301"
    parsed = parse_profile(Source("a", PATH, Path(PATH)), PROFILE.replace("Ana Ruiz", decomposed, 1).encode())
    assert parsed.expert is not None
    assert parsed.expert.name == "Jos\u00e9"


def test_syntax_errors_keep_their_place() -> None:
    assert parse(PROFILE.replace("topics:\n  - climate-change", "topics: [climate-change\nx: 1")) == [
        "7:2: error: : YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'"
    ]


def test_symbolic_links_under_experts_are_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    outside = tmp_path / "secret.yaml"
    outside.write_text(PROFILE, encoding="utf-8")
    os.symlink(outside, root / "experts" / "linked.yaml")
    os.symlink(tmp_path, root / "experts" / "linked-dir")
    assert lines(run_check(root)) == [
        "experts/linked-dir:0:0: error: : symbolic links are not allowed under experts/ "
        "[replace the link with the real file or folder]",
        "experts/linked.yaml:0:0: error: : symbolic links are not allowed under experts/ "
        "[replace the link with the real file or folder]",
    ]


def test_experts_folder_itself_must_not_be_a_link(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    real = tmp_path / "elsewhere"
    (root / "experts").rename(real)
    os.symlink(real, root / "experts")
    assert lines(run_check(root)) == [
        "experts:0:0: error: : experts/ is a symbolic link; links are not allowed",
    ]


def test_photo_path_outside_the_site_is_refused(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("photos/ana.png", "../../etc/passwd")})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:12:9: error: photo.file: '../../etc/passwd' must stay inside experts/ "
        "(no '..' or '.') [use a path like photos/ana-ruiz.jpg]",
    ]


def test_photo_through_a_link_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site(photo=False)
    (root / "experts" / "photos").mkdir()
    target = tmp_path / "ana.png"
    from tests.conftest import write_photo

    write_photo(target)
    os.symlink(target, root / "experts" / "photos" / "ana.png")
    problems = lines(run_check(root))
    assert problems[1].startswith("experts/photos/ana.png:0:0: error: : symbolic links are not allowed under experts/")
    assert problems[0] == (
        "experts/ana-ruiz.yaml:12:9: error: photo.file: "
        "'experts/photos/ana.png' goes through a symbolic link; links are not allowed"
    )


def test_special_files_are_refused_not_read(make_site: SiteFactory) -> None:
    root = make_site()
    os.mkfifo(root / "experts" / "pipe.yaml")
    assert lines(run_check(root)) == ["experts/pipe.yaml:0:0: error: : a profile must be a regular file"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ana-Ruiz.yaml", "'Ana-Ruiz' is not a valid profile name: use lowercase letters a-z, digits and single "
         "hyphens [rename the file to 'ana-ruiz.yaml']"),
        ("ana--ruiz.yaml", "'ana--ruiz' is not a valid profile name: use lowercase letters a-z, digits and single "
         "hyphens [rename the file to 'ana-ruiz.yaml']"),
        ("search.yaml", "'search' is a name the site uses for its own pages [rename the file, e.g. 'search-1.yaml']"),
        ("con.yaml", "'con' is a device name on Windows and cannot be a file name there [rename the file]"),
        ("ana.yml", "profile files end in .yaml [rename it to 'ana.yaml']"),
        ("sub/ana.yaml", "profiles belong directly in experts/, not in a subfolder [move the file up]"),
    ],
)  # fmt: skip
def test_file_names_follow_the_slug_rules(make_site: SiteFactory, name: str, message: str) -> None:
    root = make_site(files={f"experts/{name}": PROFILE.encode()})
    assert lines(run_check(root)) == [f"experts/{name}:0:0: error: : {message}"]


def locate(root: Node, path: Sequence[PathPart], *, key: bool = False) -> Mark:
    """Where the tree says the node at ``path`` is (the deepest node that exists; an empty value's
    key; with ``key``, a mapping key's own place): what the mark table must answer."""
    node: Node = root
    best = root.mark
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = node.get(part)
            if found is None:
                return best
            key_node, node = found
            best = key_node.mark if (key and last) else node.mark
            if isinstance(node, ScalarNode) and node.value is None and not key:
                best = key_node.mark
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.items):
                return best
            node = node.items[part]
            best = node.mark
        else:
            return best
    return best


def test_the_mark_table_locates_exactly_as_the_tree() -> None:
    """Profiles keep a flat table of marks, packed (small to keep, fast to pass between processes); it
    answers as the tree does."""
    texts = [path.read_text("utf-8") for path in sorted((REPO / "experts").glob("*.yaml"))]
    texts.append("a:\nb: ~\nc:\n  - x\n  - {d: 1, e: }\nf: [1, [2, 3]]\n")
    texts.append("# the document starts on line 3, column 3\n\n  a: 1\n  b: [2]\n")  # its own mark kept apart
    for text in texts:
        tree, _ = _parse_events(text, "x.yaml")
        assert tree is not None
        table = mark_table(tree)
        packed = pack_marks(table)
        paths: list[tuple[PathPart, ...]] = [tuple(path) for path in table]
        paths += [(*path, extra) for path in list(paths) for extra in ("nope", 0, 7)]
        paths += [("c", 1, "e"), ("b", "x"), ("f", 1, 1), ()]
        for path in paths:
            for key in (False, True):
                assert locate_in_table(table, path, key=key) == locate(tree, path, key=key), (path, key)
                assert locate_packed(packed, path, key=key) == locate(tree, path, key=key), (path, key)


SNIPPETS = [
    "x: &a 1\ny: *a\n",
    "x: !!str 1\n",
    "x: !local 1\n",
    "%YAML 1.1\n---\nx: 1\n",
    "x: 1\n---\ny: 2\n",
    "name: again\n",
    "~: 1\n",
    "null: 1\n",
    "'': 1\n",
    '"": 1\n',
    "12: x\n",
    "yes: x\n",
    "2024-01-01: x\n",
    "1.5: x\n",
    "=: x\n",
    "<<: {a: 1}\n",
    "'<<': 1\n",
    "? [a, b]\n: c\n",
    "? {a: 1}\n: c\n",
    "x: [a, {b: c}]\n",
    'x: {"a":*b}\n',
    "x: {a: 1, a: 2}\n",
    "x:\n  - - - a\n",
    "x: " + "[" * 12 + "]" * 12 + "\n",
    "x: " + "[" * 9 + "]" * 9 + "\n",
    "x: " + "[" * 10 + "]" * 10 + "\n",  # ten levels with the profile, eleven
    "".join("  " * d + f"k{d}:\n" for d in range(12)),
    "x: a *bold* word\n",
    "x: R&D, Q&A! 50% off\n",
    "x: a\u2028*b\n",
    "x: a\x85&b\n",
    "x: é*b\n",
    "\ufeffx: 1\n",
    "x: a\r*b\n",
    "x: [a,*b]\n",
    "x: |\n  *starred\n  &amp;\n  !bang\n  %pct\n",
    "x: 'it''s'\n",
    'x: "e\\u0301"\n',
    "x: e\u0301\n",
    "x:\ty\n",
    "x: [unclosed\n",
    "x: 1\n  y: 2\n",
    "x: ~\ny: null\nz:\n",
    "x: ''\n",
    'x: ""\n',
    "# only a comment\n",
    "x: >\n  folded\n  text\n",
    "x: - a\n",
    "- a\n",
    "just text\n",
    "",
]


@pytest.mark.parametrize("seed", range(3))
def test_composed_by_libyaml_or_read_by_events_the_same(seed: int) -> None:
    """Profiles that use nothing refused are composed by libyaml; anything else is read by events.
    Either way the data, its marks and the problems are the same: compared on the sample profiles and on them
    broken in seeded ways, with every refused feature, near misses and false alarms."""
    rng = random.Random(seed)
    texts = [PROFILE, *(path.read_text("utf-8") for path in sorted((REPO / "experts").glob("*.yaml")))]
    composed = sum(_composed(text) is not None for text in texts)
    assert composed >= len(texts) - 2  # the fast way is the usual one (a bio's "*bold*" may be a false alarm)
    cases = list(texts)
    for text in texts:
        lines = text.splitlines(keepends=True)
        for snippet in rng.sample(SNIPPETS, 12):
            at = rng.randrange(len(lines) + 1)
            indent = " " * rng.choice([0, 0, 2, 4])
            moved = "".join(indent + line for line in snippet.splitlines(keepends=True))
            cases.append("".join([*lines[:at], moved, *lines[at:]]))
        if len(lines) > 1:
            gone = rng.randrange(len(lines))
            cases.append("".join(lines[:gone] + lines[gone + 1 :]))
            cases.append("".join(lines[: gone + 1] + lines[gone:]))
    cases += SNIPPETS
    taken = 0
    for text in cases:
        taken += _composed(text) is not None
        tree, problems = _parse_events(text, "x.yaml")
        assert read_yaml(text, "x.yaml") == (None if tree is None else document_of(tree), problems), text
    assert taken > len(texts)  # some broken-looking cases are fine YAML, composed too
