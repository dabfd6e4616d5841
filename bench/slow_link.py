"""A slow mobile link for the search benchmarks: a static host that compresses, and Chromium's
network emulation.

sitegen's preview server sends files as they are; a CDN sends text gzipped, and a phone's link
pays for every round trip. ``serve_gzipped`` serves a built site as a host would (gzip -9, the
benchmarks' byte counts), and ``slow_down`` gives a page Lighthouse's mobile link: 150 ms round
trips, 1.6 Mbit/s down, 750 kbit/s up (Chromium applies the latency to each request).
"""

from __future__ import annotations

import gzip
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

LATENCY_MS = 150
DOWN_KBPS = 1638.4
UP_KBPS = 750
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class _Handler(SimpleHTTPRequestHandler):
    cache: dict[Path, bytes]
    lock: threading.Lock

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            super().do_GET()
            return
        with self.lock:
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_gzipped(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``root`` on a free local port, text gzipped; the server (to shut down) and its URL."""
    handler = type("Handler", (_Handler,), {"cache": {}, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def slow_down(context: BrowserContext, page: Page) -> None:
    """Give ``page`` the slow mobile link (before it navigates)."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_KBPS * 1024 / 8,
            "uploadThroughput": UP_KBPS * 1024 / 8,
        },
    )
