"""Shared HTTP plumbing of the source clients: errors, rate limiting, retries and counters.

Retry library: urllib3's ``Retry``, mounted on the ``requests`` adapter. urllib3 is already a
dependency (requests runs on it), it is released together with requests, and its policy covers
what the sources need: a status list (429, 5xx), connection and read errors, exponential backoff
with a cap, and ``Retry-After`` in both forms (seconds and HTTP date). tenacity would add a
dependency and a hand-written loop around the session for the same behaviour. A small subclass
adds what the stock policy lacks: a cap on the ``Retry-After`` sleep that works on every urllib3
2.x (a misbehaving server must not park a job for hours), and a hook that runs before every
re-attempt, so that retries also pass the rate limiter and show up in the request counter.

Rate limiters are made by whoever builds the clients (``levande.etl.sources.Sources``, one per
runtime), not kept in this module: SCB counts calls per IP address, so every job of one process
draws from the limiter its runtime hands out, and two runtimes (two tests) never share one.

A failure is one of three classes, each carrying its :class:`FailureKind` once, here: no answer
(:class:`SourceUnreachableError`), an error status (:class:`SourceStatusError`), or an answer
that cannot be used (:class:`SourceError` itself).
"""

from __future__ import annotations

import codecs
import http
import json
import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

import orjson
import requests
from requests import RequestException, Response, Timeout
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    InvalidHeader,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from levande.indicators.core.failures import FailureCause, FailureKind

if TYPE_CHECKING:
    from levande.indicators.core.settings import Settings

logger = logging.getLogger(__name__)

USER_AGENT = "levande-stader-etl/0.1 (+https://github.com/levande-stader)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_MESSAGE_CHARS = 300


class SourceError(Exception):
    """A source could not deliver what was asked, with enough context for a run log line.

    Raised as such, it means an answer came but cannot be used (a broken or unexpected body);
    the subclasses stand for no answer at all and for an error status.

    Attributes:
        kind: What kind of failure this is, for the run log and the breaker that stops
            knocking on a source that does not answer.
        source: Short name of the source, e.g. ``"scb"`` or ``"kolada"``.
        url: The URL that failed, with its query string.
        status: The HTTP status, or ``None`` when no answer came (timeout, refused, parse error
            of a 200 answer keeps the 200).
        reason: One human-readable line saying what went wrong.
        detail: The server's own message (problem ``title``/``detail``, ``error`` or plain
            text), if it sent one; callers use it to recognise specific answers such as SCB's
            "Too many cells selected".
        cause: What exactly went wrong, so pages can say it in words; by default the class's
            own (an answer whose content does not fit, no connection, an error status).
        attempts: How many times the request was tried, or ``None`` when not counted.
    """

    kind: ClassVar[FailureKind] = FailureKind.DATA
    default_cause: ClassVar[FailureCause] = FailureCause.CONTENT

    def __init__(
        self,
        source: str,
        url: str,
        status: int | None,
        reason: str,
        *,
        detail: str | None = None,
        cause: FailureCause | None = None,
        attempts: int | None = None,
    ) -> None:
        self.source = source
        self.url = url
        self.status = status
        self.reason = _one_line(reason)
        self.detail = detail
        self.cause = cause or self.default_cause
        self.attempts = attempts
        super().__init__(f"{source}: {self.reason} [{url}]")


class SourceUnreachableError(SourceError):
    """No answer came: the name did not resolve, the connection was refused, broke or timed out."""

    kind = FailureKind.UNREACHABLE
    default_cause = FailureCause.CONNECTION


class SourceStatusError(SourceError):
    """The source answered with an error status (after the retries, for 429 and 5xx)."""

    kind = FailureKind.HTTP
    default_cause = FailureCause.STATUS


class RateLimiter:
    """A thread-safe sliding-window limiter: at most ``max_calls`` calls in any ``window``.

    A sliding window (rather than a token bucket) mirrors how SCB states its limit ("30 calls
    per 10 s") and how its server counts, so a client that obeys it is never refused. The
    limits can change while threads wait, e.g. once SCB's ``/config`` has been read.
    """

    def __init__(self, max_calls: int, window_seconds: float) -> None:
        """Create a limiter.

        Args:
            max_calls: Calls allowed in one window; at least 1.
            window_seconds: Length of the window in seconds; greater than 0.
        """
        self._check(max_calls, window_seconds)
        self._max_calls = max_calls
        self._window = float(window_seconds)
        self._calls: deque[float] = deque()
        self._cond = threading.Condition()

    @staticmethod
    def _check(max_calls: int, window_seconds: float) -> None:
        if max_calls < 1:
            raise ValueError(f"max_calls must be at least 1, got {max_calls}")
        if window_seconds <= 0:
            raise ValueError(f"window_seconds must be positive, got {window_seconds}")

    @property
    def max_calls(self) -> int:
        """Calls allowed per window."""
        return self._max_calls

    @property
    def window_seconds(self) -> float:
        """Length of the window in seconds."""
        return self._window

    def reconfigure(self, max_calls: int, window_seconds: float) -> None:
        """Change the limits; waiting threads re-check at once against the new limits."""
        self._check(max_calls, window_seconds)
        with self._cond:
            if (max_calls, float(window_seconds)) != (self._max_calls, self._window):
                logger.info(
                    "rate limit set to %d calls per %g s (was %d per %g s)",
                    max_calls,
                    window_seconds,
                    self._max_calls,
                    self._window,
                )
            self._max_calls = max_calls
            self._window = float(window_seconds)
            self._cond.notify_all()

    def acquire(self) -> float:
        """Block until one more call is allowed, and record it.

        Returns:
            The seconds spent waiting (0.0 when a call was free at once).
        """
        started = time.monotonic()
        with self._cond:
            while True:
                now = time.monotonic()
                cutoff = now - self._window
                while self._calls and self._calls[0] <= cutoff:
                    self._calls.popleft()
                if len(self._calls) < self._max_calls:
                    self._calls.append(now)
                    return now - started
                # The oldest call among the last max_calls leaves the window first.
                oldest = self._calls[len(self._calls) - self._max_calls]
                self._cond.wait(max(oldest + self._window - now, 0.001))


def calls_per_window(rate: float) -> tuple[int, float]:
    """Express a rate in calls per second as (calls, window seconds) for :class:`RateLimiter`.

    Rates of one or more become ``round(rate)`` calls per matching window; slower rates become
    one call per ``1/rate`` seconds.
    """
    if rate <= 0:
        raise ValueError(f"rate must be positive, got {rate}")
    if rate >= 1:
        calls = round(rate)
        return calls, calls / rate
    return 1, 1.0 / rate


@dataclass(frozen=True, slots=True)
class HttpCounters:
    """Traffic of one client: HTTP attempts made (retries included) and body bytes received."""

    requests: int = 0
    bytes_received: int = 0

    def __sub__(self, other: HttpCounters) -> HttpCounters:
        return HttpCounters(
            self.requests - other.requests, self.bytes_received - other.bytes_received
        )

    def __add__(self, other: HttpCounters) -> HttpCounters:
        return HttpCounters(
            self.requests + other.requests, self.bytes_received + other.bytes_received
        )


class _PoliteRetry(Retry):
    """urllib3 ``Retry`` with a capped ``Retry-After`` and a hook before every re-attempt."""

    def __init__(
        self,
        *args: Any,
        retry_after_cap: float = 60.0,
        before_retry: Callable[[float], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after_cap = retry_after_cap
        self.before_retry = before_retry

    def new(self, **kw: Any) -> Self:
        retry = super().new(**kw)
        retry.retry_after_cap = self.retry_after_cap
        retry.before_retry = self.before_retry
        return retry

    def get_backoff_time(self) -> float:
        # urllib3 retries the first failure at once; wait backoff_factor already then, so a
        # struggling server gets a pause on every retry.
        errors = 0
        for entry in reversed(self.history):
            if entry.redirect_location is not None:
                break
            errors += 1
        if errors == 0:
            return 0.0
        return float(min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1)))

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        wait: float | None = None
        why = "backoff"
        if response is not None and self.respect_retry_after_header:
            header = response.headers.get("Retry-After")
            if header is not None:
                try:
                    wait = min(self.parse_retry_after(header), self.retry_after_cap)
                    why = f"Retry-After {header.strip()!r}"
                except InvalidHeader:
                    logger.warning("ignoring unparsable Retry-After header %r", header)
        if wait is None:
            wait = self.get_backoff_time()
        cause = f"HTTP {response.status}" if response is not None else "connection error"
        logger.warning("%s; retrying in %.2f s (%s)", cause, wait, why)
        if wait > 0:
            time.sleep(wait)
        if self.before_retry is not None:
            self.before_retry(wait)


class HttpClient:
    """A ``requests`` session with timeouts, retries, rate limiting, counters and JSON decoding.

    One client serves one source; it is safe to share between threads (the counters are
    locked, the limiter is thread-safe, ``requests.Session`` is used for independent calls).
    """

    def __init__(
        self,
        source: str,
        *,
        timeout: float = 60.0,
        max_retries: int = 5,
        backoff_factor: float = 0.5,
        backoff_max: float = 30.0,
        retry_after_cap: float = 120.0,
        limiter: RateLimiter | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        """Create a client.

        Args:
            source: Short source name used in errors and logs.
            timeout: Seconds allowed to connect and between bytes of the answer.
            max_retries: Retries after the first attempt (so ``max_retries + 1`` attempts at
                most) on 429, 5xx, connection errors and read timeouts.
            backoff_factor: First backoff in seconds; it doubles on each further retry.
            backoff_max: Cap on any backoff sleep.
            retry_after_cap: Cap on a server's ``Retry-After``.
            limiter: Rate limiter every attempt must pass; ``None`` for no limit.
            user_agent: Sent on every request so the sources can tell who is calling.
        """
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if max_retries < 0:
            raise ValueError("max_retries must not be negative")
        self.source = source
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self.limiter = limiter
        self._lock = threading.Lock()
        self._requests = 0
        self._bytes = 0
        self._local = threading.local()
        retry = _PoliteRetry(
            total=max_retries,
            connect=max_retries,
            read=max_retries,
            status=max_retries,
            other=0,
            redirect=5,
            allowed_methods=frozenset({"GET", "POST", "HEAD"}),
            status_forcelist=RETRY_STATUSES,
            backoff_factor=backoff_factor,
            backoff_max=backoff_max,
            raise_on_status=False,
            respect_retry_after_header=True,
            retry_after_cap=retry_after_cap,
            before_retry=self._before_retry,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=10)
        self._session = requests.Session()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = user_agent
        self._session.headers["Accept"] = "application/json"

    @classmethod
    def from_settings(
        cls, source: str, settings: Settings, limiter: RateLimiter | None = None
    ) -> HttpClient:
        """A client with the operator's timeout and retry settings."""
        return cls(
            source,
            timeout=settings.http_timeout,
            max_retries=settings.http_max_retries,
            limiter=limiter,
        )

    # -- counters -------------------------------------------------------------------------

    @property
    def requests(self) -> int:
        """HTTP attempts made so far, retries included."""
        with self._lock:
            return self._requests

    @property
    def bytes_received(self) -> int:
        """Body bytes received so far (final answers, errors included)."""
        with self._lock:
            return self._bytes

    def snapshot(self) -> HttpCounters:
        """The counters now; subtract two snapshots to get the traffic of one job."""
        with self._lock:
            return HttpCounters(self._requests, self._bytes)

    def reset(self) -> HttpCounters:
        """Zero the counters and return their values from just before."""
        with self._lock:
            before = HttpCounters(self._requests, self._bytes)
            self._requests = 0
            self._bytes = 0
            return before

    def _before_retry(self, waited: float) -> None:
        if self.limiter is not None:
            self.limiter.acquire()
        with self._lock:
            self._requests += 1
        self._local.attempts = getattr(self._local, "attempts", 1) + 1

    # -- requests -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> tuple[Response, bytes]:
        """Send one request (with retries) and return the answer and its body.

        Raises:
            SourceError: on a timeout, a connection failure, a broken body, or any status of
                400 and above (429 and 5xx only after the retries ran out).
        """
        prepared = self._session.prepare_request(
            requests.Request(method, url, params=dict(params or {}), json=json_body)
        )
        full_url = prepared.url or url
        env = self._session.merge_environment_settings(full_url, {}, None, None, None)
        if self.limiter is not None:
            self.limiter.acquire()
        with self._lock:
            self._requests += 1
        self._local.attempts = 1
        logger.debug("%s %s", method, full_url)
        try:
            response = self._session.send(prepared, timeout=self.timeout, **env)
        except RequestException as exc:
            cause, reason = self._describe_failure(exc)
            raise SourceUnreachableError(
                self.source, full_url, None, reason, cause=cause, attempts=self._attempts()
            ) from exc
        try:
            content = response.content
        except RequestException as exc:
            raise SourceError(
                self.source,
                full_url,
                response.status_code,
                f"connection broke while reading the answer (body cut short): {_short(exc)}",
                cause=FailureCause.CUT_SHORT,
                attempts=self._attempts(),
            ) from exc
        finally:
            response.close()
        with self._lock:
            self._bytes += len(content)
        if response.status_code >= 400:
            raise self._status_error(response, content, full_url)
        return response, content

    def get_json(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``url`` and decode its JSON body (see :meth:`decode_json`)."""
        response, content = self.request("GET", url, params=params)
        return self.decode_json(content, response.url or url, response.status_code)

    def post_json(self, url: str, body: Any, params: Mapping[str, str] | None = None) -> Any:
        """POST ``body`` as JSON to ``url`` and decode the JSON answer."""
        response, content = self.request("POST", url, params=params, json_body=body)
        return self.decode_json(content, response.url or url, response.status_code)

    def decode_json(self, content: bytes, url: str, status: int | None = 200) -> Any:
        """Decode a JSON body, tolerating a UTF-8 byte-order mark.

        SCB has been seen to prefix answers with a BOM, which ``json.loads`` on ``str`` rejects;
        ``utf-8-sig`` drops it when present and is plain UTF-8 otherwise.

        Raises:
            SourceError: saying whether the body was empty, not UTF-8, truncated or malformed.
        """
        try:
            # The fast path: orjson parses a page several times faster than json.loads and
            # gives the same Python values for every document it accepts. Whatever it
            # refuses (NaN literals, lone surrogates, a broken or empty body...) goes the
            # standard library's way below, which accepts the same documents as before and
            # words the error.
            return orjson.loads(content[3:] if content.startswith(codecs.BOM_UTF8) else content)
        except orjson.JSONDecodeError:
            pass
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceError(
                self.source,
                url,
                status,
                f"answer is not UTF-8 (byte {exc.start}): {exc.reason}",
                cause=FailureCause.ENCODING,
            ) from exc
        if not text.strip():
            raise SourceError(
                self.source,
                url,
                status,
                "empty answer where JSON was expected",
                cause=FailureCause.EMPTY,
            )
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            cause = FailureCause.MALFORMED
            if _looks_truncated(text, exc):
                cause = FailureCause.TRUNCATED
                reason = (
                    f"truncated JSON: the answer stops after {len(content)} bytes "
                    f"in the middle of the document ({exc.msg})"
                )
            else:
                reason = f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            raise SourceError(self.source, url, status, reason, cause=cause) from exc

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- error descriptions ---------------------------------------------------------------

    def _attempts(self) -> int:
        return int(getattr(self._local, "attempts", 1))

    def _describe_failure(self, exc: RequestException) -> tuple[FailureCause, str]:
        attempts = self._attempts()
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        # urllib3's NewConnectionError (and NameResolutionError) derive from
        # ConnectTimeoutError, so they are told apart first.
        if _caused_by(exc, (NameResolutionError,)):
            return FailureCause.NAME, f"the host name could not be resolved (no network?){tries}"
        if _caused_by(exc, (NewConnectionError,)):
            return FailureCause.REFUSED, f"could not connect{tries}: {_short(exc)}"
        if _caused_by(exc, (ReadTimeoutError, ConnectTimeoutError)) or isinstance(exc, Timeout):
            return FailureCause.TIMEOUT, f"timed out: no answer within {self.timeout:g} s{tries}"
        if _caused_by(exc, (ProtocolError,)):
            return FailureCause.BROKEN, f"connection broke{tries}: {_short(exc)}"
        return FailureCause.CONNECTION, f"connection failed{tries}: {_short(exc)}"

    def _status_error(self, response: Response, content: bytes, url: str) -> SourceStatusError:
        status = response.status_code
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = response.reason or "error"
        message = server_message(content)
        reason = f"HTTP {status} {phrase}"
        if status in RETRY_STATUSES:
            reason += f" after {self._attempts()} attempts"
        if message:
            reason += f": {message}"
        return SourceStatusError(
            self.source, url, status, reason, detail=message, attempts=self._attempts()
        )


def server_message(content: bytes) -> str | None:
    """The server's own explanation in an error body, as one short line.

    Understands problem JSON (``title`` and ``detail``, RFC 7807, used by PxWebApi 2.0), the
    ``{"error": ...}`` bodies of PxWeb v1, ``message`` fields, and plain text (the 429 body of
    SCB's rate limiter is plain text).
    """
    text = content.decode("utf-8-sig", errors="replace").strip()
    if not text:
        return None
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        parts: list[str] = []
        for key in ("title", "detail", "error", "message"):
            value = doc.get(key)
            if isinstance(value, str) and value.strip() and value.strip() not in parts:
                parts.append(value.strip())
        if parts:
            return _clip("; ".join(parts))
    if text.startswith("<"):
        text = re.sub(r"<[^>]+>", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return _clip(lines[0]) if lines else None


def _looks_truncated(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether a decode error comes from a document cut short rather than a broken one."""
    if exc.msg.startswith("Unterminated string"):
        return True
    if exc.msg.startswith("Extra data"):
        return False
    tail = text.rstrip()
    if exc.pos >= len(tail):
        return True  # the parser ran out of input
    # The longest token that can be cut off is a literal or a number (a few characters).
    return exc.pos >= len(tail) - 8 and not tail.endswith(("}", "]"))


def _caused_by(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kinds):
            return True
        if isinstance(current, MaxRetryError) and isinstance(current.reason, BaseException):
            stack.append(current.reason)
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                stack.append(linked)
    return False


def _short(exc: BaseException) -> str:
    return _clip(_one_line(str(exc)) or type(exc).__name__)


def _clip(text: str) -> str:
    text = _one_line(text)
    return text if len(text) <= _MAX_MESSAGE_CHARS else text[: _MAX_MESSAGE_CHARS - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())
