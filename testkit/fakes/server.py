"""A small threaded HTTP server for fake sources, with request recording and fault injection.

Subclasses implement :meth:`FakeServer.route`; this base binds to 127.0.0.1 on a free port,
records every request for assertions, and applies queued faults (rate limiting, server errors,
slow, truncated, malformed or BOM-prefixed answers) to the next matching requests, so tests
exercise the clients over a real socket exactly as they meet the real services.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Self
from urllib.parse import parse_qs, unquote, urlsplit

logger = logging.getLogger(__name__)

BOM = "\ufeff".encode()


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    """Percent-decoded path, with the server's base path removed."""
    raw_path: str
    """The request target as sent, query string included."""
    query: dict[str, list[str]]
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body.decode("utf-8"))

    def param(self, name: str) -> str | None:
        """The first value of a query parameter, or None."""
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class Reply:
    """An answer to send."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, doc: Any, status: int = 200) -> Reply:
        """A compact JSON answer (UTF-8, non-ASCII kept as is, like the real services)."""
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return cls(status=status, body=body)

    @classmethod
    def text(cls, text: str, status: int = 200) -> Reply:
        """A plain-text answer."""
        return cls(status=status, body=text.encode("utf-8"), content_type="text/plain")

    @classmethod
    def problem(
        cls, status: int, title: str, detail: str | None = None, type_: str = "Parameter error"
    ) -> Reply:
        """An RFC 7807 problem answer shaped like PxWebApi 2.0's (``type``, ``title``...)."""
        doc: dict[str, Any] = {"type": type_, "title": title, "status": status}
        if detail is not None:
            doc["detail"] = detail
        reply = cls.json(doc, status)
        reply.content_type = "application/problem+json; charset=utf-8"
        return reply


FaultKind = Literal["reply", "slow", "truncate", "cut", "malformed", "bom"]


@dataclass
class Fault:
    """Something to do instead of (or to) the normal answer of one request.

    Build faults with the class methods; ``kind`` says what happens:

    - ``reply``: send ``reply`` instead of routing (429, 5xx, problem answers...);
    - ``slow``: wait ``delay`` seconds, then answer normally;
    - ``truncate``: answer normally but cut the body to ``keep`` of its length, with an honest
      Content-Length (the JSON itself is incomplete);
    - ``cut``: announce the full Content-Length, send ``keep`` of the body, close the socket;
    - ``malformed``: replace the body with broken JSON;
    - ``bom``: prefix the normal body with a UTF-8 byte-order mark.
    """

    kind: FaultKind
    reply: Reply | None = None
    delay: float = 0.0
    keep: float = 0.5

    @classmethod
    def rate_limited(
        cls,
        retry_after: str | None = "1",
        body: str = "API calls quota exceeded! maximum admitted 30 per 10s.",
    ) -> Fault:
        """HTTP 429 with a plain-text body, as sent by the rate limiter in front of PxWebApi."""
        reply = Reply.text(body, 429)
        if retry_after is not None:
            reply.headers["Retry-After"] = retry_after
        return cls("reply", reply=reply)

    @classmethod
    def server_error(cls, status: int = 500, body: str = "Internal Server Error") -> Fault:
        """A 5xx answer with a plain-text body."""
        return cls("reply", reply=Reply.text(body, status))

    @classmethod
    def answer(cls, reply: Reply) -> Fault:
        """Any fixed answer."""
        return cls("reply", reply=reply)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        """Answer normally after ``seconds``."""
        return cls("slow", delay=seconds)

    @classmethod
    def truncated(cls, keep: float = 0.5) -> Fault:
        """The normal JSON cut to ``keep`` (0..1) of its bytes."""
        return cls("truncate", keep=keep)

    @classmethod
    def cut_connection(cls, keep: float = 0.5) -> Fault:
        """Full Content-Length announced, ``keep`` of the body sent, then the socket closed."""
        return cls("cut", keep=keep)

    @classmethod
    def malformed(cls) -> Fault:
        """A body that is not JSON at all, though it starts like a JSON-stat dataset."""
        return cls("malformed")

    @classmethod
    def bom(cls) -> Fault:
        """The normal body with a UTF-8 byte-order mark in front."""
        return cls("bom")


@dataclass
class _QueuedFault:
    fault: Fault
    method: str | None
    path_contains: str | None
    times: int

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method:
            return False
        return self.path_contains is None or self.path_contains in path


MALFORMED_BODY = b'{"version":"2.0","class":dataset,"value":[1,2,,3]}'


class FakeServer:
    """Base of the fake sources: a threaded HTTP server on loopback, used as a context manager.

    Attributes:
        base_path: Path prefix of the API (``/api/v2`` for SCB, ``/v3`` for Kolada); routes see
            paths without it.
    """

    def __init__(self, base_path: str = "") -> None:
        self.base_path = base_path.rstrip("/")
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._faults: list[_QueuedFault] = []
        self._bytes_sent = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind to a free port on 127.0.0.1 and serve in a background thread."""
        handler = _make_handler(self)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # keep-alive connections must not hold up stop()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``."""
        if self._httpd is None:
            raise RuntimeError("server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        """Base URL of the API, e.g. ``http://127.0.0.1:<port>/api/v2``."""
        return self.origin + self.base_path

    # -- recording and faults -------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        """Forget the recorded requests and zero :attr:`bytes_sent`."""
        with self._lock:
            self._requests.clear()
            self._bytes_sent = 0

    @property
    def bytes_sent(self) -> int:
        """Body bytes written to clients so far."""
        with self._lock:
            return self._bytes_sent

    def _count_sent(self, n: int) -> None:
        with self._lock:
            self._bytes_sent += n

    def add_fault(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        path_contains: str | None = None,
        times: int = 1,
    ) -> None:
        """Queue ``fault`` for the next ``times`` requests matching method and path."""
        with self._lock:
            self._faults.append(_QueuedFault(fault, method, path_contains, times))

    def pending_faults(self) -> int:
        """How many fault applications are still queued."""
        with self._lock:
            return sum(f.times for f in self._faults)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for queued in self._faults:
                if queued.matches(method, path):
                    queued.times -= 1
                    if queued.times <= 0:
                        self._faults.remove(queued)
                    return queued.fault
        return None

    # -- routing --------------------------------------------------------------------------

    def route(self, request: RecordedRequest) -> Reply:
        """Answer one request; ``request.path`` is relative to :attr:`base_path`."""
        raise NotImplementedError

    def _serve(self, request: RecordedRequest) -> tuple[Reply, Fault | None]:
        with self._lock:
            self._requests.append(request)
        fault = self._take_fault(request.method, request.path)
        if fault is not None and fault.kind == "reply" and fault.reply is not None:
            return fault.reply, fault
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        try:
            reply = self.route(request)
        except Exception as exc:  # a bug in a fake must show up as a 500, not a hang
            logger.exception("fake route failed")
            reply = Reply.text(f"fake server error: {exc}", 500)
        if fault is not None and reply.status < 400:
            if fault.kind == "truncate":
                reply.body = reply.body[: max(1, int(len(reply.body) * fault.keep))]
            elif fault.kind == "malformed":
                reply.body = MALFORMED_BODY
            elif fault.kind == "bom":
                reply.body = BOM + reply.body
        return reply, fault


def _make_handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # idle keep-alive connections close on their own

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes; without this, Nagle's algorithm and
            # the client's delayed ACK add ~40 ms to every answer.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def do_PUT(self) -> None:
            self._handle()

        def do_DELETE(self) -> None:
            self._handle()

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            if server.base_path and path.startswith(server.base_path):
                path = path[len(server.base_path) :] or "/"
            request = RecordedRequest(
                method=self.command,
                path=path,
                raw_path=self.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                body=body,
                headers={k: v for k, v in self.headers.items()},
            )
            reply, fault = server._serve(request)
            try:
                self._send(reply, fault)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up (timeout); nothing left to tell it.
                self.close_connection = True

        def _send(self, reply: Reply, fault: Fault | None) -> None:
            body = reply.body
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            if fault is not None and fault.kind == "cut":
                self.send_header("Connection", "close")
                self.end_headers()
                partial = body[: int(len(body) * fault.keep)]
                # Counted before writing: a client may read the answer and check the count
                # before this thread would get to count it afterwards.
                server._count_sent(len(partial))
                self.wfile.write(partial)
                self.wfile.flush()
                self.close_connection = True
                return
            self.end_headers()
            server._count_sent(len(body))
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("fake %s: " + format, server.base_path or "/", *args)

    return Handler
