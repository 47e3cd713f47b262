"""HTTP for pages and feeds, bounded: no Django here.

A feed is written by someone else, and every link in it is an address the archive's
servers will ask for. So only http(s) is fetched; the host's every address is checked
before connecting, at each redirect too, and the connection goes to the address that was
checked (a second lookup could answer differently); private, loopback and link-local
addresses are refused unless allowed (tests serve pages on loopback). Each read has a
timeout and the whole response a deadline; a page may be at most ``max_bytes``; redirects
are few. The User-Agent says who asks and why.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

USER_AGENT = "PolicyArchive/1.0 (news archive; fetches pages its operators follow)"
TIMEOUT = 15.0  # seconds for connecting and for each read
DEADLINE = 60.0  # seconds for a whole response
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
ATTEMPTS = 3
BACKOFF = 1.0  # seconds before the second attempt; doubled before each further one
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(Exception):
    """A page or feed that could not be fetched; ``reason`` is one line for the operator.
    ``transient`` when asking again later may succeed (a timeout, a 503)."""

    def __init__(self, reason: str, transient: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators sent still hold
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    modified: str = ""

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


def checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """Every address ``host`` resolves to, if none of them is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}", transient=True) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not allow_private and not ip.is_global:
            raise FetchError(f"refused: {host} resolves to a private or loopback address ({ip})")
        if ip.is_multicast or ip.is_unspecified:
            raise FetchError(f"refused: {host} resolves to {ip}")
    return addresses


class _Pinned:
    """An http.client connection to an address already checked, for a host name that is
    still the one in the Host header and the TLS handshake."""

    def __init__(self, address: str):
        self.address = address

    def __call__(self, host_port, timeout, source_address=None):
        return socket.create_connection((self.address, host_port[1]), timeout, source_address)


def connection(scheme: str, host: str, port: int, address: str, timeout: float):
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = _Pinned(address)
    return conn


def fetch_once(
    url: str,
    etag: str = "",
    modified: str = "",
    max_bytes: int = MAX_BYTES,
    allow_private: bool = False,
    timeout: float | None = None,
) -> Response:
    """GET ``url``, following up to MAX_REDIRECTS redirects; conditional when ``etag`` or
    ``modified`` (a feed's last validators) are given."""
    timeout = TIMEOUT if timeout is None else timeout
    began = time.monotonic()
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url[:200]}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = checked_addresses(parts.hostname, port, allow_private)[0]
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        conn = connection(parts.scheme, parts.hostname, port, address, timeout)
        try:
            conn.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), headers=headers)
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            return finish(url, response, max_bytes, began)
        except TimeoutError:
            raise FetchError(f"timed out after {timeout:g}s", transient=True) from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"connection failed: {exc}", transient=True) from None
        finally:
            conn.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def finish(url: str, response, max_bytes: int, began: float) -> Response:
    """The response's status checked and its body read, within the size and the deadline."""
    status = response.status
    if status == 304:
        return Response(url, 304)
    if status == 429 or status >= 500:
        raise FetchError(f"HTTP {status} {response.reason}", transient=True)
    if status != 200:
        raise FetchError(f"HTTP {status} {response.reason}")
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"too big: {int(length):,} bytes, over the limit of {max_bytes:,}")
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):  # one read at a time, so the deadline holds
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"too big: over the limit of {max_bytes:,} bytes")
        if time.monotonic() - began > DEADLINE:
            raise FetchError(f"too slow: not read in {DEADLINE:.0f}s", transient=True)
        chunks.append(chunk)
    content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
    return Response(
        url,
        200,
        b"".join(chunks),
        content_type,
        response.getheader("ETag") or "",
        response.getheader("Last-Modified") or "",
    )


def fetch(url: str, attempts: int = ATTEMPTS, backoff: float | None = None, **options) -> Response:
    """``fetch_once``, asked again after a transient failure, waiting longer each time."""
    backoff = BACKOFF if backoff is None else backoff
    for attempt in range(attempts):
        try:
            return fetch_once(url, **options)
        except FetchError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
        time.sleep(backoff * 2**attempt)
    raise AssertionError("unreachable")
