"""The local preview server: serves a built site on 127.0.0.1 and, when asked, receives its inquiry forms.

Each inquiry is printed and appended to a JSON Lines file so staff can try the
whole flow before publishing.  Only the loopback address is used unless another
host is given explicitly.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import sys
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from sitegen import urls
from sitegen.forms import HONEYPOT_FIELD, LOCAL_ENDPOINT
from sitegen.live import LiveState

MAX_FORM_BYTES = 64 * 1024
INQUIRY_FIELDS = (
    "office", "expert", "name", "email", "phone", "outlet", "deadline", "timezone", "format", "question", "who",
)  # fmt: skip
Inquiry = dict[str, str]


@dataclass
class Receiver:
    """Where received inquiries go, and whether to act as a failing provider (for tests).

    ``fail`` is "status" (answer HTTP 502) or "body" (answer 200 with {"ok": false}), or None.
    """

    log: Path | None
    echo: Callable[[Inquiry], None] | None = None
    fail: str | None = None

    def record(self, inquiry: Inquiry) -> None:
        if self.echo:
            self.echo(inquiry)
        if self.log:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            with self.log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(inquiry, ensure_ascii=False, sort_keys=True) + "\n")


LIVE_PREFIX = "/__sitegen__/"
LIVE_FILES = {"live.js": "text/javascript; charset=utf-8", "live.css": "text/css; charset=utf-8"}
KEEPALIVE_SECONDS = 15


class _Handler(http.server.SimpleHTTPRequestHandler):
    receiver: Receiver | None = None
    base_path = "/"
    live: LiveState | None = None

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _site_root(self) -> str:
        return str(self.live.root) if self.live else self.directory

    def translate_path(self, path: str) -> str:
        # Serve a site published under a path (base_url /experts/) from the folder's root.
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        overlay = self.live.overlay if self.live else None
        if overlay is not None:  # the quick pass's files stand in front of the build
            self.directory = str(overlay)
            found = Path(super().translate_path(path))
            if found.is_file() or (found / "index.html").is_file():
                return str(found)
        self.directory = self._site_root()  # live preview switches to each new good build
        return super().translate_path(path)

    def do_GET(self) -> None:
        target = urllib.parse.urlsplit(self.path).path
        if self.live and target.startswith(LIVE_PREFIX):
            self._live(target.removeprefix(LIVE_PREFIX))
            return
        if self.live:
            file = Path(self.translate_path(self.path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                self._send(200, "text/html; charset=utf-8", _inject(file.read_bytes()))
                return
        super().do_GET()

    def _live(self, name: str) -> None:
        assert self.live is not None  # noqa: S101 - only called in live mode
        if name in LIVE_FILES:
            self._send(200, LIVE_FILES[name], (resources.files("sitegen") / "livereload" / name).read_bytes())
            return
        if name != "events":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.live
        try:
            with state.changed:
                version, event = state.version, state.event()
            self.wfile.write(event.encode())
            self.wfile.flush()
            while True:
                with state.changed:
                    state.changed.wait_for(partial(_moved_on, state, version), timeout=KEEPALIVE_SECONDS)
                    if state.closed:
                        return
                    fresh = state.version != version
                    version, event = state.version, state.event()
                self.wfile.write(event.encode() if fresh else b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self._site_root()) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def do_POST(self) -> None:
        target = urllib.parse.urlsplit(self.path).path
        if self.receiver is None or target not in (LOCAL_ENDPOINT, self.base_path.rstrip("/") + LOCAL_ENDPOINT):
            self.send_error(405, "this preview does not accept posts here")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_FORM_BYTES:
            self.send_error(413, "inquiry too large")
            return
        fields = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True)
        wants_json = "application/json" in (self.headers.get("Accept") or "")
        if self.receiver.fail:
            status = 502 if self.receiver.fail == "status" else 200
            self._answer(status, {"ok": False, "error": "the provider refused the inquiry (simulated)"}, wants_json)
            return
        if not any(fields.get(name, [""])[0] for name in set(HONEYPOT_FIELD.values())):
            inquiry = {name: fields.get(name, [""])[0] for name in INQUIRY_FIELDS}
            inquiry["received"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.receiver.record(inquiry)
        # A filled honeypot is answered like any other post, so bots learn nothing.
        if wants_json:
            self._answer(200, {"ok": True}, True)
        else:
            self.send_response(303)
            self.send_header("Location", self.base_path.rstrip("/") + urls.contact_thanks())
            self.end_headers()

    def _answer(self, status: int, body: dict[str, Any], as_json: bool) -> None:
        data = json.dumps(body).encode() if as_json else (b"ok" if status < 400 else b"error")
        self._send(status, "application/json" if as_json else "text/plain; charset=utf-8", data)


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threaded HTTP server for one built site."""

    daemon_threads = True
    live: LiveState | None = None
    """The live state whose event streams this server's threads hold open (preview with live reload)."""

    def shutdown(self) -> None:
        """Stop serving, and end the open pages' event streams (their threads would wait up to
        KEEPALIVE_SECONDS more, holding the process's threads)."""
        super().shutdown()
        if self.live is not None:
            self.live.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection early (a closed tab, a cancelled image) is not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def _moved_on(state: LiveState, version: int) -> bool:
    return state.version != version or state.closed


def _inject(html: bytes) -> bytes:
    """Add the live-reload script to a page (preview only; builds never contain it)."""
    tag = b'<script src="/__sitegen__/live.js" defer></script>\n</head>'
    return html.replace(b"</head>", tag, 1)


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    receiver: Receiver | None = None,
    base_path: str = "/",
    live: LiveState | None = None,
) -> PreviewServer:
    """Serve ``root`` (or ``live.root``, which follows rebuilds); with a receiver, accept inquiries."""
    handler = type("Handler", (_Handler,), {"receiver": receiver, "base_path": base_path, "live": live})
    server = PreviewServer((host, port), partial(handler, directory=str(root)))
    server.live = live
    return server


def serve_in_background(server: PreviewServer) -> threading.Thread:
    """Run a server on a daemon thread (for tests and tools)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
