"""The local preview server: serves a built site on 127.0.0.1 and, when asked, receives its inquiry forms.

Each inquiry is printed and appended to a JSON Lines file so staff can try the
whole flow before publishing.  Only the loopback address is used unless another
host is given explicitly.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sitegen import urls
from sitegen.forms import HONEYPOT_FIELD, LOCAL_ENDPOINT

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


class _Handler(http.server.SimpleHTTPRequestHandler):
    receiver: Receiver | None = None
    base_path = "/"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def translate_path(self, path: str) -> str:
        # Serve a site published under a path (base_url /experts/) from the folder's root.
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
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
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if as_json else "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threaded HTTP server for one built site."""

    daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 0, receiver: Receiver | None = None, base_path: str = "/"
) -> PreviewServer:
    """Serve ``root``; with a receiver, accept inquiries at the local form endpoint."""
    handler = type("Handler", (_Handler,), {"receiver": receiver, "base_path": base_path})
    return PreviewServer((host, port), partial(handler, directory=str(root)))


def serve_in_background(server: PreviewServer) -> threading.Thread:
    """Run a server on a daemon thread (for tests and tools)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
