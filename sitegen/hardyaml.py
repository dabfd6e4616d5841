"""A hardened YAML reader: plain text data out, with where each value is (a mark table).

PyYAML's loaders construct Python objects from tags and implicit types, expand
aliases and recurse on nesting.  This module never constructs anything: it
reads the parser's event stream (libyaml when available), refuses the
features an attacker or a typo could abuse, and keeps every scalar as text so
that the schema, not YAML 1.1's implicit typing, decides what a value means.
A document whose text cannot hold any of those features, nor nest deeply, is
composed by libyaml instead (the same data and marks, faster); anything else is read by events.
"""

from __future__ import annotations

import pickle
import re
import struct
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import yaml
from yaml.resolver import Resolver

from sitegen.problems import Problem, error

MAX_DEPTH = 10
"""Deepest nesting of mappings and sequences a document may use."""

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
}

PathPart = str | int


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class ScalarNode:
    """A text value; ``None`` for an empty or null plain scalar."""

    value: str | None
    mark: Mark


@dataclass(frozen=True)
class SequenceNode:
    """A list of nodes."""

    items: tuple[Node, ...]
    mark: Mark


@dataclass(frozen=True)
class MappingNode:
    """A mapping with text keys, in document order, first occurrence kept."""

    entries: tuple[tuple[ScalarNode, Node], ...]
    mark: Mark

    def get(self, key: str) -> tuple[ScalarNode, Node] | None:
        for key_node, value in self.entries:
            if key_node.value == key:
                return key_node, value
        return None


Node = ScalarNode | SequenceNode | MappingNode
PlainData = str | None | list["PlainData"] | dict[str, "PlainData"]


def to_plain(node: Node) -> PlainData:
    """Turn a node tree into plain lists, dicts and strings."""
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [to_plain(item) for item in node.items]
    return {key.value or "": to_plain(value) for key, value in node.entries}


MarkTable = dict[tuple[PathPart, ...], tuple[int, int, int, int, bool]]
"""Every node's path -> (line, column, key line, key column, holds an empty value); () is the root."""


def mark_table(root: Node) -> MarkTable:
    """A flat table of every node's marks, which pickles far faster than the tree it describes."""
    table: MarkTable = {(): (root.mark.line, root.mark.column, 0, 0, False)}
    stack: list[tuple[tuple[PathPart, ...], Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, MappingNode):
            for key_node, value in node.entries:
                here = (*path, key_node.value or "")
                empty = isinstance(value, ScalarNode) and value.value is None
                table.setdefault(
                    here, (value.mark.line, value.mark.column, key_node.mark.line, key_node.mark.column, empty)
                )
                stack.append((here, value))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.items):
                table[(*path, index)] = (item.mark.line, item.mark.column, 0, 0, False)
                stack.append(((*path, index), item))
    return table


PackedMarks = bytes
"""A ``MarkTable`` pickled: the marks are read only to place a problem, and as objects they took about
6 KB a profile (600 MB at 100,000 experts, kept by the check and the build cache and inherited by every
worker the build forks); packed, about 0.7 KB, and one object to send between processes.  The
document's own mark comes first, apart: the warnings about a whole profile (no photo: 8,908 of a
10,000-expert directory's) are placed there without unpickling the table."""

_ROOT = struct.Struct("<II")


def pack_marks(marks: MarkTable) -> PackedMarks:
    """A mark table, packed."""
    line, column, _, _, _ = marks[()]
    return _ROOT.pack(line, column) + pickle.dumps(marks, protocol=pickle.HIGHEST_PROTOCOL)


def locate_packed(packed: PackedMarks, path: Sequence[PathPart], *, key: bool = False) -> Mark:
    """``locate_in_table`` on a packed table (made by ``pack_marks`` in this build or an
    earlier one, kept in the build's own cache: never bytes a profile could supply)."""
    if not path:
        return Mark(*_ROOT.unpack_from(packed))
    table: MarkTable = pickle.loads(memoryview(packed)[_ROOT.size :])  # noqa: S301 - made by this build or its own cache
    return locate_in_table(table, path, key=key)


def locate_in_table(table: MarkTable, path: Sequence[PathPart], *, key: bool = False) -> Mark:
    """The mark of the node at ``path``, or of the deepest node that exists; of an empty value's key.

    With ``key=True`` and a path ending in a mapping key, the key's own mark is returned, which is
    where an editor should look for a wrong field name.
    """
    line, column, _, _, _ = table[()]
    best = Mark(line, column)
    for index in range(len(path)):
        found = table.get(tuple(path[: index + 1]))
        if found is None:
            return best
        line, column, key_line, key_column, empty = found
        is_key = key_line > 0
        last = index == len(path) - 1
        best = Mark(key_line, key_column) if is_key and ((key and last) or (empty and not key)) else Mark(line, column)
    return best


@dataclass
class _Frame:
    """A collection being assembled while events stream in."""

    kind: str  # "map" or "seq"
    mark: Mark
    items: list[Node] = field(default_factory=list)
    pending_key: ScalarNode | None = None
    entries: list[tuple[ScalarNode, Node]] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    skip_value: bool = False


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    if start is None:
        return Mark(1, 1)
    return Mark(start.line + 1, start.column + 1)


def _describe_plain(value: str) -> str | None:
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return _TAG_NAMES.get(tag)


class _Builder:
    """Assemble nodes from events, collecting problems as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Node | None = None

    def problem(self, mark: Mark, message: str, hint: str = "", field_: str = "") -> None:
        self.problems.append(error(self.path, mark.line, mark.column, field_, message, hint))

    def field_path(self) -> str:
        parts: list[str] = []
        for frame in self.stack:
            if frame.kind == "map" and frame.pending_key is not None:
                parts.append(f".{frame.pending_key.value}" if parts else str(frame.pending_key.value))
            elif frame.kind == "seq":
                parts.append(f"[{len(frame.items)}]")
        return "".join(parts)

    def check_event(self, event: yaml.Event) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.problem(
                _mark(event),
                f"anchors (&{anchor}) are not allowed",
                "write the value out in full; profiles must not share or repeat parts",
                self.field_path(),
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.problem(
                _mark(event),
                f"explicit tags ({tag}) are not allowed",
                "remove the tag; the schema decides what each field holds",
                self.field_path(),
            )

    def add(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        if frame.kind == "seq":
            frame.items.append(node)
            return
        if frame.pending_key is None:
            self.add_key(frame, node)
            return
        key = frame.pending_key
        frame.pending_key = None
        if frame.skip_value:
            frame.skip_value = False
            return
        frame.entries.append((key, node))

    def drop(self, mark: Mark) -> None:
        """Leave out a value already reported (an alias), so it causes no second problem."""
        if not self.stack:
            self.root = ScalarNode(None, mark)
            return
        frame = self.stack[-1]
        if frame.kind == "map":
            if frame.pending_key is None:
                frame.pending_key = ScalarNode("", mark)
                frame.skip_value = True
            else:
                frame.pending_key = None
                frame.skip_value = False

    def add_key(self, frame: _Frame, node: Node) -> None:
        placeholder = ScalarNode("", node.mark)
        frame.pending_key = placeholder
        if not isinstance(node, ScalarNode):
            self.problem(node.mark, "keys must be plain text, not a list or mapping", field_=self.parent_path())
            frame.skip_value = True
            return
        text = node.value if node.value is not None else ""
        frame.pending_key = ScalarNode(text, node.mark)
        if node.value is None:
            self.problem(node.mark, "a key is empty", "give the field a name", self.parent_path())
            frame.skip_value = True
        elif text == "<<":
            self.problem(
                node.mark, "merge keys (<<) are not allowed", "write the fields out in full", self.parent_path()
            )
            frame.skip_value = True
        elif text in frame.seen:
            self.problem(
                node.mark,
                f"duplicate key '{text}' (first defined at line {frame.seen[text]})",
                "keep one of the two; YAML tools disagree on which one wins",
                self.field_path(),
            )
            frame.skip_value = True
        else:
            frame.seen[text] = node.mark.line

    def parent_path(self) -> str:
        saved = self.stack[-1].pending_key
        self.stack[-1].pending_key = None
        try:
            return self.field_path()
        finally:
            self.stack[-1].pending_key = saved


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()  # type: ignore[no-untyped-call]
    finally:
        loader.dispose()


def _is_plain(event: yaml.ScalarEvent) -> bool:
    # libyaml reports a plain scalar's style as '', the pure-Python parser as None.
    return not event.style and bool(event.implicit[0])


def _plain_key_problem(builder: _Builder, event: yaml.ScalarEvent, mark: Mark) -> bool:
    """Report a plain key that other YAML tools would not read as text; True if reported."""
    frame = builder.stack[-1] if builder.stack else None
    if frame is None or frame.kind != "map" or frame.pending_key is not None:
        return False
    if not _is_plain(event):
        return False
    kind = _describe_plain(event.value)
    if kind is not None and event.value not in NULL_WORDS:
        builder.problem(
            mark,
            f"key '{event.value}' is read as {kind} by YAML tools, not as text",
            f'put it in quotes: "{event.value}"',
            builder.parent_path(),
        )
        return True
    return False


@dataclass(frozen=True)
class Document:
    """A YAML document as plain data, with where each of its nodes is."""

    data: PlainData
    marks: MarkTable


def read_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML document into plain text data and its marks, refusing unsafe features."""
    document = _composed(text)
    if document is not None:
        return document, []
    tree, problems = _parse_events(text, path)
    return (None if tree is None else document_of(tree)), problems


def document_of(tree: Node) -> Document:
    """A node tree as a document: its plain data and its mark table."""
    return Document(to_plain(tree), mark_table(tree))


_FEATURE = re.compile(r"(?:^|[^0-9A-Za-z])[&*!%]")
"""Where an anchor (``&``), alias (``*``), tag (``!``) or directive (``%``) could begin: after
anything but an ASCII letter or digit (a space, a line break of any kind, an indicator, a byte order
mark...).  A document without one uses none of them; with one it may not ("a *bold* word")."""
NESTING_BOUND = 2000
"""A document with more line breaks, brackets, braces, colons, dashes and question marks (each level of
nesting needs one) is read by events: libyaml's composer recurses on the C stack."""
_STR = "tag:yaml.org,2002:str"


class _EventsNeededError(Exception):
    """The composed document has something the event reader reports: it reads the document instead."""


class _Composer(_Loader):  # type: ignore[misc,valid-type]  # libyaml's loader when there is one
    """libyaml's composer without the resolver: every node is kept as text, so its tag is never
    used, and ``_plain`` resolves a plain key's own (the composer asked the resolver in Python for
    each of the tens of scalars in a profile)."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str:
        return _STR

    def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _composed(text: str) -> Document | None:
    """The document, composed by libyaml, if it uses nothing a profile may not; None whenever the
    event reader is needed, which then finds the very problems to report (or the same document:
    a test compares the two on every profile it has).  Most profiles take this way, which leaves
    assembling the nodes to C and walks them once.

    Checked before composing: no anchor, alias, tag or directive can be in the text (so every node
    is its own and has the tag its text implies), and it cannot nest deep enough to strain
    libyaml's recursion.  Checked on the composed nodes: one document, plain keys read as text, no
    merge, empty or duplicate key, no nesting deeper than MAX_DEPTH.
    """
    if _Loader is yaml.SafeLoader:
        return None  # no libyaml: the pure-Python composer is no faster than the events
    if any(sign in text for sign in "&*!%") and _FEATURE.search(text):
        return None
    if sum(map(text.count, "\n[{:?-")) > NESTING_BOUND:
        return None
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        start = root.start_mark
        marks: MarkTable = {(): (start.line + 1, start.column + 1, 0, 0, False)}
        return Document(_plain(root, (), marks, 0), marks)
    except (yaml.YAMLError, _EventsNeededError):
        return None
    finally:
        loader.dispose()


def _plain(node: yaml.Node, path: tuple[PathPart, ...], marks: MarkTable, depth: int) -> PlainData:
    """A composed node's plain data (``to_plain`` of its tree), its children's marks put in ``marks``
    (``mark_table``'s); raises _EventsNeededError where the event reader reports (see ``_composed``)."""
    if type(node) is yaml.ScalarNode:
        return _text(node)
    if depth >= MAX_DEPTH:
        raise _EventsNeededError
    if type(node) is yaml.SequenceNode:
        items: list[PlainData] = []
        for index, item in enumerate(node.value):
            here = (*path, index)
            start = item.start_mark
            marks[here] = (start.line + 1, start.column + 1, 0, 0, False)
            items.append(_plain(item, here, marks, depth + 1))
        return items
    entries: dict[str, PlainData] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            raise _EventsNeededError
        key = _text(key_node)
        read_as_other = not key_node.style and _describe_plain(key_node.value) is not None
        if key is None or key == "<<" or key in entries or read_as_other:
            raise _EventsNeededError  # empty, merge, duplicate, or a plain key other tools read as a number, a date...
        here = (*path, key)
        value = _plain(value_node, here, marks, depth + 1)
        key_start, start = key_node.start_mark, value_node.start_mark
        marks[here] = (start.line + 1, start.column + 1, key_start.line + 1, key_start.column + 1, value is None)
        entries[key] = value
    return entries


def _text(node: yaml.ScalarNode) -> str | None:
    """A scalar as the event reader keeps it: a plain null word as None, any other text in NFC."""
    if not node.style and node.value in NULL_WORDS:
        return None
    return unicodedata.normalize("NFC", node.value)


def _parse_events(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """The document's tree from the parser's events, reporting every refused feature with its place."""
    builder = _Builder(path)
    documents = 0
    try:
        for event in _events(text):
            mark = _mark(event)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.problem(
                        mark,
                        "a profile holds exactly one YAML document; found a second one here",
                        "remove the '---' line and what follows, or move it to its own file",
                    )
                    break
                if event.tags:
                    builder.problem(mark, "%TAG directives are not allowed", "remove the directive")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            builder.check_event(event)
            if isinstance(event, yaml.AliasEvent):
                builder.problem(
                    mark,
                    f"aliases (*{event.anchor}) are not allowed",
                    "write the value out in full",
                    builder.field_path(),
                )
                builder.drop(mark)
            elif isinstance(event, yaml.ScalarEvent):
                bad_key = _plain_key_problem(builder, event, mark)
                value = None if _is_plain(event) and event.value in NULL_WORDS else event.value
                if value is not None:
                    value = unicodedata.normalize("NFC", value)
                builder.add(ScalarNode(value, mark))
                if bad_key:
                    builder.stack[-1].skip_value = True
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(builder.stack) >= MAX_DEPTH:
                    builder.problem(
                        mark,
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "profiles never need this much nesting; flatten the structure",
                        builder.field_path(),
                    )
                    return None, builder.problems
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                builder.stack.append(_Frame(kind, mark))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = builder.stack.pop()
                node: Node
                if frame.kind == "map":
                    node = MappingNode(tuple(frame.entries), frame.mark)
                else:
                    node = SequenceNode(tuple(frame.items), frame.mark)
                builder.add(node)
    except yaml.MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        line = problem_mark.line + 1 if problem_mark else 1
        column = problem_mark.column + 1 if problem_mark else 1
        message = ", ".join(part for part in (exc.context, exc.problem) if part)
        builder.problem(Mark(line, column), f"YAML syntax error: {message}")
        return None, builder.problems
    except yaml.YAMLError as exc:  # reader errors carry a position but no marks
        line, column = _reader_position(text, exc)
        builder.problem(Mark(line, column), f"YAML syntax error: {_reader_message(exc)}")
        return None, builder.problems
    if builder.root is None:
        builder.problem(Mark(1, 1), "the file is empty", "a profile is a YAML mapping of fields")
        return None, builder.problems
    return builder.root, builder.problems


def _reader_position(text: str, exc: yaml.YAMLError) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if not isinstance(position, int):
        return 1, 1
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1


def _reader_message(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return f"the character U+{ord(character):04X} is not allowed in YAML"
    return str(exc).splitlines()[0]
