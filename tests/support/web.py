"""A loopback web server for the fetcher's tests: pages and feeds served as an outlet would.

Each path answers with what the test put there: a body and its content type, a status, a
delay, a redirect, a run of failures before it answers. It honours If-None-Match and
If-Modified-Since as a real server does, and records every request it was sent.
"""

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "ingest" / "pages"


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that hung up (a size limit, a timeout) is what the test meant to do


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    location: str = ""
    failures: int = 0  # answer 503 this many times first
    chunked: bool = False  # no Content-Length: the size shows only as the body is read
    modified: float = field(default_factory=lambda: time.time() - 3600)


class Site:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes = b"", **options) -> str:
        """Serve ``body`` at ``path``; ``{base}`` in a text body becomes this server's address."""
        if isinstance(body, str):
            body = body.replace("{base}", self.base).encode("utf-8")
        self.routes[path] = Route(body, **options)
        return self.url(path)

    def page(self, path: str, fixture: str) -> str:
        """A fixture page of tests/ingest/pages served at ``path``."""
        return self.put(path, (PAGES / fixture).read_text(encoding="utf-8"))

    def requested(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                if route is None:
                    return self._send(404, b"<h1>Not found</h1>", "text/html")
                if route.delay:
                    time.sleep(route.delay)
                if route.failures:
                    route.failures -= 1
                    return self._send(503, b"busy", "text/plain")
                if route.location:
                    status = 302 if route.status == 200 else route.status
                    return self._send(status, b"", "text/plain", {"Location": route.location})
                if route.status != 200:
                    return self._send(route.status, route.body, route.content_type)
                etag = '"' + hashlib.sha1(route.body).hexdigest() + '"'
                modified = formatdate(route.modified, usegmt=True)
                validators = {"ETag": etag, "Last-Modified": modified}
                if self.headers.get("If-None-Match") == etag or (
                    not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified
                ):
                    return self._send(304, b"", None, validators)
                self._send(200, route.body, route.content_type, validators, route.chunked)

            def _send(self, status, body, content_type, headers=None, chunked=False):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for i in range(0, len(body), 65536):
                            part = body[i : i + 65536]
                            self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        pass  # the client stopped reading: what a size limit does
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    with contextlib.suppress(OSError):
                        self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()


def rss(items: list[tuple[str, str, str]], title: str = "Báo Thời Điểm - Thế giới") -> str:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>"
        f"<description>{t}</description></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{{base}}/</link><description>Tin thế giới</description>"
        f"{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, str, str]], title: str = "Tin Hòa Bình") -> str:
    """An Atom feed of (title, link, updated) items."""
    entries = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{link}"/><id>{link}</id>'
        f"<updated>{updated}</updated></entry>"
        for t, link, updated in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>{{base}}/atom</id><updated>2026-03-06T10:00:00Z</updated>"
        f"{entries}</feed>"
    )
