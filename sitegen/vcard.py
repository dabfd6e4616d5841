"""vCard 4.0 (RFC 6350) for an expert, reached through their press office."""

from __future__ import annotations

from sitegen import urls
from sitegen.views import ExpertView


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    if len(line) <= 18 or len(line.encode("utf-8")) <= 75:  # most lines (a character is at most 4 octets)
        return line
    parts: list[str] = []
    start, size, limit = 0, 0, 75
    for index, char in enumerate(line):
        code = ord(char)
        width = 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4  # its UTF-8 octets
        if size + width > limit:
            parts.append(line[start:index])
            start, size, limit = index, 0, 74  # continuation lines start with a space
        size += width
    parts.append(line[start:])
    return "\r\n ".join(parts)


def vcard(expert: ExpertView, base_url: str, organization: str) -> bytes:
    """The expert's card: name, title, organisation, the office's phone and email, the profile URL."""
    family = expert.sort_name
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{_escape(expert.name)}",
        f"N:{_escape(family)};;;;",
        f"TITLE:{_escape(expert.title)}",
        f"ORG:{_escape(expert.affiliation or organization)}"
        + (f";{_escape(expert.department)}" if expert.department else ""),
        f"URL:{urls.absolute(base_url, expert.url)}",
        f"NOTE:{_escape(expert.headline + '. Press contact: ' + expert.office.name)}",
        f"TEL;TYPE=work;VALUE=uri:tel:{expert.office.phone.e164}",
        f"EMAIL;TYPE=work:{expert.office.email}",
    ]
    if expert.direct_phone:
        lines.append(f"TEL;TYPE=voice;PREF=1;VALUE=uri:tel:{expert.direct_phone.e164}")
    if expert.languages:
        lines.extend(f"LANG:{language.tag}" for language in expert.languages)
    if expert.timezone:
        lines.append(f"TZ;VALUE=text:{_escape(expert.timezone)}")
    lines.append("END:VCARD")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
