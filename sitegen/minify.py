"""Theme scripts as the site serves them: without comments and spare spaces (rjsmin).

The theme's scripts are written to be read (search.js is half comments); a phone needs only the
program. rjsmin removes comments and whitespace the way jsmin.c does, never renaming or
rewriting, so the script served is the one reviewed."""

from __future__ import annotations

from rjsmin import jsmin


def served(path: str, data: bytes) -> bytes:
    """An asset as the site serves it: a script (``.js``) minified, any other file as it is."""
    if not path.endswith(".js"):
        return data
    minified: bytes = jsmin(data)
    return minified
