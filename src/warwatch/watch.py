"""Watch RSS/Atom feeds: poll them, fetch each new article page politely, hand the article to a sink.

``watch`` is the loop; the rest is what it needs:

- ``Fetcher``: the one network call, ``get(url) -> (status, headers, body)``. ``UrllibFetcher`` is the
  real one; tests pass a fake or point it at a local ``http.server``.
- ``PoliteClient`` wraps a fetcher: robots.txt (``urllib.robotparser``, cached per host, its
  Crawl-delay obeyed), a minimum interval between two requests to one host, and retries with
  exponential backoff on network errors and on 408/425/429/5xx (honouring Retry-After).
- ``WatchState``: a small SQLite file of the items already handled (by link, else guid) and of the
  content hashes of their texts. An item is recorded only *after* the sink returned, so a crash or
  a stop loses nothing, and a restart re-offers at most the item that was in the sink; the sink's
  own idempotence (``Store.save`` returns False) makes that harmless.

For each new item (steps in order): fetch the linked page and extract its text with trafilatura;
if robots.txt forbids the page, or it is gone (4xx), not HTML or has no text, use the feed item's own
content or summary; a page that fails for a transient reason is retried in the next rounds and falls
back to the feed text after ``page_attempts`` rounds. A text whose hash was already seen (the same
story under another URL) is a ``duplicate`` and does not reach the sink.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .errors import UsageError, WarwatchError
from .ingest.common import MAX_DOCUMENT_BYTES
from .ingest.feeds import FeedError, FeedItem, parse_feed
from .ingest.html import html_article
from .models import Article

__all__ = [
    "USER_AGENT", "FetchError", "Fetcher", "PoliteClient", "RobotsDenied", "UrllibFetcher", "WatchOptions",
    "WatchState", "WatchStats", "feed_location", "text_hash", "watch",
]

log = logging.getLogger(__name__)

USER_AGENT = "warwatch/0.1 (+https://example.org/warwatch)"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class Fetcher(Protocol):
    """One HTTP GET: ``(status, headers, body)``. Raises ``OSError`` (or ``FetchError``) when no
    answer came (refused, timed out, DNS); an HTTP error status is an answer, not an exception."""

    def get(self, url: str) -> tuple[int, Mapping[str, str], bytes]: ...


class FetchError(WarwatchError):
    """A URL could not be fetched, even after the retries."""


class RobotsDenied(WarwatchError):
    """robots.txt of the host forbids warwatch this URL."""


class _Stopped(Exception):
    """The stop event was set while waiting."""


class UrllibFetcher:
    """The default ``Fetcher``: urllib, a timeout, at most ``max_bytes`` read, http(s) only.

    ``proxies``: None uses the environment's (``http_proxy`` ...); ``{}`` connects directly.
    """

    def __init__(self, *, user_agent: str = USER_AGENT, timeout_s: float = 20.0,
                 max_bytes: int = MAX_DOCUMENT_BYTES, proxies: Mapping[str, str] | None = None) -> None:
        self.user_agent = user_agent
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        handlers = [] if proxies is None else [urllib.request.ProxyHandler(dict(proxies))]
        self._opener = urllib.request.build_opener(*handlers)

    def get(self, url: str) -> tuple[int, Mapping[str, str], bytes]:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are fetched")
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5",
            "Accept-Encoding": "identity",
        })
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                return response.status, _lower(response.headers.items()), response.read(self.max_bytes)
        except urllib.error.HTTPError as error:
            try:
                body = error.read(self.max_bytes) if error.fp is not None else b""
            except OSError:
                body = b""
            finally:
                error.close()
            return error.code, _lower(error.headers.items() if error.headers else ()), body


def feed_location(feed: str) -> str:
    """A feed as ``watch`` takes it: an http(s) or file:// URL as is, a local file as its file:// URL.
    Raises ``UsageError`` for a path that does not exist, a directory or another scheme."""
    parts = urlsplit(feed)
    if parts.scheme in ("http", "https") and parts.netloc:
        return feed
    if parts.scheme == "file":
        path = Path(urllib.request.url2pathname(parts.path))
    elif parts.scheme and len(parts.scheme) > 1:  # one letter: a Windows drive
        raise UsageError(f"{feed}: expected an http(s) or file:// URL or a feed file")
    else:
        path = Path(feed)
    if path.is_dir():
        raise UsageError(f"{feed} is a directory; give a feed file or URL")
    if not path.is_file():
        raise UsageError(f"{feed}: no such feed file (and not an http(s) URL)")
    return path.resolve().as_uri()


def _local_get(url: str) -> Response:
    """A file:// URL read from disk: no robots.txt, no politeness interval."""
    import mimetypes

    path = Path(urllib.request.url2pathname(urlsplit(url).path))
    try:
        body = path.read_bytes()[:MAX_DOCUMENT_BYTES]
    except FileNotFoundError:
        return Response(404, {}, b"")
    except OSError as error:
        raise FetchError(f"{url}: cannot be read ({error.strerror or error})") from None
    kind = mimetypes.guess_type(path.name)[0] or "text/html"
    return Response(200, {"content-type": kind}, body)


def _lower(items: object) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in items}  # type: ignore[attr-defined]


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """Politeness and patience. Times in seconds."""

    retries: int = 3  # extra attempts after a network error or a 408/425/429/5xx
    backoff_s: float = 1.0  # the first retry waits this long, each later one twice as long
    backoff_max_s: float = 60.0  # cap of one wait, Retry-After included
    host_interval_s: float = 1.0  # at least this long between two requests to one host
    max_crawl_delay_s: float = 30.0  # a robots.txt Crawl-delay is obeyed up to this
    robots_ttl_s: float = 3600.0  # how long a host's robots.txt is trusted
    robots_error_ttl_s: float = 300.0  # robots.txt unreachable (5xx, no answer): the host is off for this long
    page_attempts: int = 3  # rounds a transiently failing page is tried before the feed text is used
    max_items_per_feed: int = 200
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    expires: float
    failure: str | None = None  # why there are no rules: robots.txt not answered, or answered with an error


class PoliteClient:
    """A ``Fetcher`` wrapped in robots.txt, a per-host interval and retries with backoff.

    Every wait is on ``stop``, so setting it ends a wait at once.
    """

    def __init__(self, fetch: Fetcher, options: WatchOptions | None = None, stop: threading.Event | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._fetch = fetch
        self.options = options or WatchOptions()
        self._stop = stop or threading.Event()
        self._clock = clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self.requests = 0

    def get(self, url: str) -> Response:
        """GET ``url`` if robots.txt allows it; raises ``RobotsDenied`` or ``FetchError``.

        A file:// URL is read from disk. A host whose robots.txt could not be fetched at all (connection
        refused, timed out, DNS) raises ``FetchError`` saying so, not ``RobotsDenied``.
        """
        parts = urlsplit(url)
        if parts.scheme == "file":
            return _local_get(url)
        host = parts.netloc.lower()
        robots = self._robots_for(parts.scheme, host)
        if not robots.parser.can_fetch(self.options.user_agent, url):
            if robots.failure is not None and robots.failure.startswith("unreachable"):
                raise FetchError(f"{url}: {host} {robots.failure}")
            why = f" ({robots.failure})" if robots.failure else ""
            raise RobotsDenied(f"{url}: disallowed by {parts.scheme}://{host}/robots.txt{why}")
        return self._get(url, host)

    def _robots_for(self, scheme: str, host: str) -> _Robots:
        cached = self._robots.get(host)
        now = self._clock()
        if cached is not None and cached.expires > now:
            return cached
        robots_url = f"{scheme}://{host}/robots.txt"
        ttl = self.options.robots_ttl_s
        failure = None
        try:
            response = self._get(robots_url, host)
        except FetchError as error:
            reason = str(error).removeprefix(f"{robots_url}: ")
            failure = f"unreachable ({reason}); tried again in {self.options.robots_error_ttl_s:.0f} s"
            log.warning("%s: %s", host, failure)
            response = Response(503, {}, b"")
        if response.status == 200:
            rules = response.body.decode("utf-8", "replace").splitlines()
        elif response.status in (401, 403):
            rules = _DISALLOW_ALL
        elif 400 <= response.status < 500:
            rules = []  # no robots.txt: everything is allowed
        else:  # 5xx or no answer: RFC 9309 says assume complete disallow, for a while
            rules = _DISALLOW_ALL
            ttl = self.options.robots_error_ttl_s
            failure = failure or f"robots.txt answered HTTP {response.status}: everything disallowed for a while"
        if response.status in (401, 403):
            failure = f"robots.txt answered HTTP {response.status}: everything disallowed"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(rules)
        robots = _Robots(parser, self._clock() + ttl, failure)
        self._robots[host] = robots
        return robots

    def _interval(self, host: str) -> float:
        interval = self.options.host_interval_s
        cached = self._robots.get(host)
        if cached is not None:
            delay = cached.parser.crawl_delay(self.options.user_agent)
            if delay is not None:
                interval = max(interval, min(float(delay), self.options.max_crawl_delay_s))
        return interval

    def _wait(self, seconds: float) -> None:
        if seconds > 0 and self._stop.wait(seconds):
            raise _Stopped
        if self._stop.is_set():
            raise _Stopped

    def _get(self, url: str, host: str) -> Response:
        attempt = 0
        while True:
            last = self._last.get(host)
            if last is not None:
                self._wait(last + self._interval(host) - self._clock())
            self._last[host] = self._clock()
            self.requests += 1
            try:
                status, headers, body = self._fetch.get(url)
            except (OSError, FetchError) as error:
                if attempt >= self.options.retries or isinstance(error, FetchError):
                    raise FetchError(f"{url}: {_reason(error)}") from None
                delay = self._backoff(attempt, None)
                log.warning("%s: %s; retry %d of %d in %.1f s", url, _reason(error), attempt + 1,
                            self.options.retries, delay)
            else:
                if status not in RETRY_STATUSES or attempt >= self.options.retries:
                    return Response(status, headers, body)
                delay = self._backoff(attempt, _header(headers, "retry-after"))
                log.warning("%s: HTTP %d; retry %d of %d in %.1f s", url, status, attempt + 1,
                            self.options.retries, delay)
            self._wait(delay)
            attempt += 1

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        delay = self.options.backoff_s * 2.0**attempt
        if retry_after:
            try:
                delay = max(delay, float(retry_after))
            except ValueError:
                try:
                    moment = parsedate_to_datetime(retry_after)
                    delay = max(delay, (moment - datetime.now(UTC)).total_seconds())
                except (TypeError, ValueError):
                    pass
        return min(delay, self.options.backoff_max_s)


def _reason(error: BaseException) -> str:
    """A network error in words: "connection refused", "timed out", not urllib's wrapper text."""
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        inner = error.reason
        if isinstance(inner, OSError):
            return _reason(inner)
        return str(inner)
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,       -- the item's normalised link, else 'guid:<id>'
    url TEXT,
    content_hash TEXT,
    status TEXT NOT NULL,       -- pending | stored | already_stored | duplicate | no_text
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hashes (
    content_hash TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
PRAGMA user_version = 1;
"""


class WatchState:
    """What the watcher has handled, in SQLite: every write is one committed transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @staticmethod
    def check_path(path: Path | str) -> None:
        """Refuse a directory, or an existing file that is not SQLite (it would not be overwritten, but the
        watch would fail after loading everything)."""
        path = Path(path)
        if path.is_dir():
            raise UsageError(f"--state {path} is a directory; give a file path, e.g. {path / 'watch.sqlite'}")
        if path.is_file() and path.stat().st_size > 0:
            with open(path, "rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    raise UsageError(f"--state {path} exists and is not a watch state file; it was left untouched. "
                                     "Choose another path")

    @classmethod
    def open(cls, path: Path | str) -> WatchState:
        path = Path(path)
        cls.check_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise WarwatchError(f"{path}: cannot open the watch state ({error})") from None
        try:
            connection.executescript(_SCHEMA)
        except sqlite3.Error as error:
            connection.close()
            raise WarwatchError(f"{path}: cannot open the watch state ({error}); delete it to start afresh") from None
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> WatchState:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def known(self, key: str) -> bool:
        row = self._db.execute("SELECT status FROM items WHERE key = ?", (key,)).fetchone()
        return row is not None and row[0] != "pending"

    def hash_known(self, content_hash: str) -> bool:
        return self._db.execute("SELECT 1 FROM hashes WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def failed(self, key: str, url: str | None, error: str) -> int:
        """Count one more failed attempt at an item; returns the attempts so far."""
        self._db.execute(
            "INSERT INTO items (key, url, status, attempts, last_error, updated_at) VALUES (?, ?, 'pending', 1, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error, "
            "updated_at = excluded.updated_at",
            (key, url, error, _now()),
        )
        row = self._db.execute("SELECT attempts FROM items WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def done(self, key: str, url: str | None, content_hash: str | None, status: str) -> None:
        now = _now()
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO items (key, url, content_hash, status, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET url = excluded.url, content_hash = excluded.content_hash, "
                "status = excluded.status, updated_at = excluded.updated_at",
                (key, url, content_hash, status, now),
            )
            if content_hash is not None:
                self._db.execute("INSERT OR IGNORE INTO hashes (content_hash, key, seen_at) VALUES (?, ?, ?)",
                                 (content_hash, key, now))

    def counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT status, count(*) FROM items GROUP BY status").fetchall())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed: the same story at two URLs has one hash."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def normalise_url(url: str) -> str:
    """Drop the fragment and ``utm_*`` parameters; lower-case scheme and host."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


@dataclass
class WatchStats:
    """What a watch did, for the summary line."""

    rounds: int = 0
    feeds_read: int = 0
    feeds_failed: int = 0
    items_new: int = 0
    items_known: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0  # transient failures, to be retried in a later round
    robots_denied: int = 0
    from_feed_text: int = 0  # articles whose text came from the feed, not the page
    stored: int = 0  # sink returned True
    already_stored: int = 0  # sink returned False
    duplicates: int = 0  # text already seen under another link
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
        return (
            f"rounds {self.rounds}; feeds read {self.feeds_read}, failed {self.feeds_failed}; "
            f"new items {self.items_new}, known {self.items_known}; pages fetched {self.pages_fetched}, "
            f"failed {self.pages_failed}, robots-denied {self.robots_denied}, feed text used {self.from_feed_text}; "
            f"stored {self.stored}, already stored {self.already_stored}, duplicates {self.duplicates}"
            + (f"; skipped {skipped}" if skipped else "")
        )


def watch(
    feed_urls: Sequence[str],
    *,
    every_s: float,
    fetch: Fetcher,
    sink: Callable[[Article], bool],
    state_path: Path,
    stop: threading.Event | None = None,
    max_rounds: int | None = None,
    options: WatchOptions | None = None,
    on_round: Callable[[WatchStats], None] | None = None,
) -> WatchStats:
    """Poll ``feed_urls`` every ``every_s`` seconds until ``stop`` is set or ``max_rounds`` ran.

    ``sink(article)`` codes and stores one new article and returns False if it was already stored.
    An exception from the sink ends the watch (the item stays unrecorded and is offered again on
    the next start). Returns what was done; a stop mid-round returns at once. ``on_round(stats)`` runs
    after each completed round (``warwatch watch --alerts`` evaluates the alert rules there).
    """
    options = options or WatchOptions()
    stop = stop if stop is not None else threading.Event()
    client = PoliteClient(fetch, options, stop)
    stats = WatchStats()
    with WatchState.open(state_path) as state:
        run = _Round(client, state, sink, stats, options, stop)
        while not stop.is_set():
            started = time.monotonic()
            try:
                for feed_url in feed_urls:
                    run.feed(feed_url)
            except _Stopped:
                break
            stats.rounds += 1
            log.info("watch round %d: %s", stats.rounds, stats.summary())
            if on_round is not None:
                on_round(stats)
            if max_rounds is not None and stats.rounds >= max_rounds:
                break
            if stop.wait(max(0.0, every_s - (time.monotonic() - started))):
                break
    return stats


@dataclass
class _Round:
    client: PoliteClient
    state: WatchState
    sink: Callable[[Article], bool]
    stats: WatchStats
    options: WatchOptions
    stop: threading.Event

    def feed(self, feed_url: str) -> None:
        if self.stop.is_set():
            raise _Stopped
        try:
            response = self.client.get(feed_url)
            if response.status != 200:
                raise FetchError(f"{feed_url}: HTTP {response.status}")
            items = parse_feed(response.body)
        except (FetchError, RobotsDenied, FeedError) as error:
            self.stats.feeds_failed += 1
            log.warning("feed %s: %s", feed_url, error)
            return
        self.stats.feeds_read += 1
        for item in items[: self.options.max_items_per_feed]:
            if self.stop.is_set():
                raise _Stopped
            self.item(feed_url, item)

    def item(self, feed_url: str, item: FeedItem) -> None:
        link = normalise_url(urljoin(feed_url, item.link)) if item.link else None
        key = link or (f"guid:{item.guid}" if item.guid else f"text:{text_hash(item.text)}")
        if self.state.known(key):
            self.stats.items_known += 1
            return
        self.stats.items_new += 1
        article = self.page(key, link, item) if link else None
        if article == _RETRY:
            return
        if not isinstance(article, Article):
            fallback = item.article()
            if fallback is None:
                self.stats.skipped["no_text"] += 1
                self.state.done(key, link, None, "no_text")
                log.info("%s: no text in the page or the feed item", link or key)
                return
            article = replace(fallback, url=link or fallback.url)
            self.stats.from_feed_text += 1
        digest = text_hash(article.text)
        if self.state.hash_known(digest):
            self.stats.duplicates += 1
            self.state.done(key, link, digest, "duplicate")
            return
        new = self.sink(article)
        self.state.done(key, link, digest, "stored" if new else "already_stored")
        if new:
            self.stats.stored += 1
        else:
            self.stats.already_stored += 1

    def page(self, key: str, link: str, item: FeedItem) -> Article | str | None:
        """The article from its page; None: use the feed text; ``_RETRY``: try again next round."""
        try:
            response = self.client.get(link)
        except RobotsDenied as error:
            self.stats.robots_denied += 1
            log.info("%s", error)
            return None
        except FetchError as error:
            return self._transient_failure(key, link, str(error))
        if response.status in RETRY_STATUSES:
            return self._transient_failure(key, link, f"HTTP {response.status}")
        self.stats.pages_fetched += 1
        content_type = (_header(response.headers, "content-type") or "text/html").split(";")[0].strip().lower()
        if response.status != 200 or content_type not in _HTML_TYPES:
            log.info("%s: HTTP %d, %s; the feed text is used", link, response.status, content_type)
            return None
        found = html_article(response.body, link, url=link, published=item.published)
        if not isinstance(found, Article):
            log.info("%s; the feed text is used", found.message)
            return None
        return Article(
            id=item.guid or found.id,
            text=found.text,
            published=item.published or found.published,
            url=link,
            title=found.title or item.title,
        )

    def _transient_failure(self, key: str, link: str, error: str) -> str | None:
        """Record a failed attempt: retry in a later round, or, the attempts used up, use the feed text."""
        self.stats.pages_failed += 1
        attempts = self.state.failed(key, link, error)
        log.warning("%s: %s (attempt %d of %d)", link, error, attempts, self.options.page_attempts)
        return _RETRY if attempts < self.options.page_attempts else None


_RETRY = "retry"
