"""The one markdown-it configuration: CommonMark, no raw HTML, no images, safe links."""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

LINK_REL = "nofollow ugc noopener"
SAFE_SCHEMES = ("https", "http", "mailto")


def safe_link(url: str) -> bool:
    """Accept absolute http(s) links with a host, and plain mailto links."""
    if any(char.isspace() or ord(char) < 32 for char in url) or "\\" in url:
        return False
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return False
    if parts.scheme in ("https", "http"):
        return bool(parts.hostname) and parts.username is None and parts.password is None
    if parts.scheme == "mailto":
        return "?" not in url and "&" not in url
    return False


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    token.attrSet("rel", LINK_REL)
    return self.renderToken(tokens, idx, options, env)


def _heading(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    # The page owns h1 and h2; a bio's headings start at h3.
    token = tokens[idx]
    level = min(int(token.tag[1]) + 2, 6)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Images would load third-party resources (tracking pixels) from a bio.
    parser.disable(["image"])
    parser.validateLink = safe_link  # type: ignore[method-assign]
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("heading_open", _heading)
    parser.add_render_rule("heading_close", _heading)
    return parser


def render_markdown(text: str) -> str:
    """Render a bio to HTML; raw HTML is shown as text and unsafe links as plain text."""
    html: Any = _parser().render(text)
    return str(html)


def markdown_text(text: str) -> str:
    """The words of a bio without Markdown syntax (for search snippets and descriptions)."""
    tokens = _parser().parse(text)
    words: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            words.extend(child.content for child in token.children if child.type in ("text", "code_inline"))
            words.append(" ")
    return " ".join("".join(words).split())
