"""Rules for the characters a published text may contain."""

from __future__ import annotations

import re
import unicodedata

from sitegen.problems import Problem, error

# Format characters that real names and scripts need: the zero-width joiner
# (emoji, Indic scripts) and non-joiner (Persian, Indic scripts).
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
_SUSPECT = re.compile(r"[^\x20-\x7e]")
# Letters that render as nothing and are used to fake blank or look-alike text.
_INVISIBLE_LETTERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})


def _name(char: str) -> str:
    return unicodedata.name(char, "unnamed character")


def forbidden_character(text: str, *, multiline: bool) -> str | None:
    """Describe the first character a field must not contain, or return None.

    Single-line fields refuse every control and invisible character; multi-line
    fields (Markdown bios, notes) also accept line breaks and tabs.  Bidirectional
    overrides are refused everywhere: they make text read differently from what
    a reviewer sees (the "Trojan Source" trick).
    """
    # Printable ASCII is always allowed: only the other characters need a closer look.
    for match in _SUSPECT.finditer(text):
        char, position = match.group(), match.start() + 1
        if multiline and char in "\n\t":
            continue
        category = unicodedata.category(char)
        where = f"at character {position}"
        if category == "Cc":
            if char == "\n":
                return f"contains a line break ({where}); this field is a single line"
            return f"contains a control character (U+{ord(char):04X}) {where}"
        if category in ("Zl", "Zp"):
            return f"contains a line or paragraph separator (U+{ord(char):04X}) {where}"
        if (category == "Cf" and char not in _ALLOWED_FORMAT) or char in _INVISIBLE_LETTERS:
            return f"contains an invisible character (U+{ord(char):04X} {_name(char)}) {where}"
        if category == "Co":
            return f"contains a private-use character (U+{ord(char):04X}) {where}"
        if category in ("Cn", "Cs"):
            return f"contains an unassigned character (U+{ord(char):04X}) {where}"
    return None


def fold(text: str) -> str:
    """Fold text for comparing names: NFC, case folding, accents removed, spaces collapsed."""
    if text.isascii():  # nothing to decompose or strip
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def decode_utf8(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a leading BOM is allowed), reporting the line and column of invalid bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X})"
        return None, [error(path, line, column, "", message, "save the file as UTF-8")]
    return text.removeprefix("\ufeff"), []
