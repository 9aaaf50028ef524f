"""The feed watcher against a real HTTP server on 127.0.0.1 (fixture feeds and pages made here)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warwatch.models import Article
from warwatch.watch import (
    USER_AGENT,
    FetchError,
    PoliteClient,
    RobotsDenied,
    UrllibFetcher,
    WatchOptions,
    WatchState,
    text_hash,
    watch,
)

FAST = WatchOptions(retries=2, backoff_s=0.02, backoff_max_s=0.1, host_interval_s=0.01, robots_ttl_s=60)

Route = Callable[[], tuple[int, dict[str, str], bytes]]


@dataclass
class Site:
    """What the local server serves, and every request it saw: (path, monotonic time, User-Agent)."""

    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[tuple[str, float, str]] = field(default_factory=list)
    base: str = ""

    def add(self, path: str, body: bytes | str, status: int = 200,
            content_type: str = "text/html; charset=utf-8", headers: Mapping[str, str] | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda: (status, {"Content-Type": content_type, **(headers or {})}, data)

    def sequence(self, path: str, *answers: tuple[int, bytes | str]) -> None:
        """Answer ``path`` with these statuses in turn, then keep the last one."""
        left = list(answers)

        def route() -> tuple[int, dict[str, str], bytes]:
            status, body = left.pop(0) if len(left) > 1 else left[0]
            return status, {"Content-Type": "text/html", "Retry-After": "0"}, body.encode() if isinstance(
                body, str) else body

        self.routes[path] = route

    def hits(self, path: str) -> list[float]:
        return [t for p, t, _ in self.seen if p == path]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.seen.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            status, headers, body = route() if route else (404, {"Content-Type": "text/html"}, b"not found")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def story(title: str, *paragraphs: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. Accept all</div>
<article><h1>{title}</h1><p class="byline">Published 2 June 2023</p>{body}</article>
<footer><a href="#top">Top of page</a> <a href="/privacy">Privacy policy</a></footer></body></html>"""


DEPOT = ("Drones struck a fuel depot near the port of Velmora overnight, the governor of the Karst region said.",
         "Two workers were killed and five injured; firefighters contained the blaze by morning.")
TALKS = ("Envoys of Ostrava and the Northern Alliance will meet in Sorvik next week for ceasefire talks.",
         "The last round collapsed in April after a dispute over prisoner exchanges and border crossings.")
CONVOY = ("Rebels ambushed an army supply convoy on the road to Sorvik, killing three soldiers, the army said.",
          "The defence ministry promised a full investigation and more patrols along the route.")


def rss(site: Site, items: list[tuple[str, str, str]]) -> str:
    """(link path, title, description) -> an RSS feed; an empty description leaves the element out."""
    entries = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><pubDate>Fri, 02 Jun 2023 09:00:00 +0000</pubDate>"
        + (f"<description>{summary}</description>" if summary else "") + "</item>"
        for path, title, summary in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>{entries}</channel></rss>'


@dataclass
class Sink:
    """An idempotent store in memory: returns False for a text it already holds."""

    articles: dict[str, Article] = field(default_factory=dict)
    calls: int = 0
    fail_on: int | None = None  # raise on this call (1-based)

    def __call__(self, article: Article) -> bool:
        self.calls += 1
        if self.fail_on == self.calls:
            raise RuntimeError("the coder crashed")
        key = text_hash(article.text)
        if key in self.articles:
            return False
        self.articles[key] = article
        return True

    def urls(self) -> list[str]:
        return sorted((a.url or "") for a in self.articles.values())


def _fetcher() -> UrllibFetcher:
    return UrllibFetcher(timeout_s=5, proxies={})


def _serve_newsroom(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/news/1", story("Drones hit Velmora depot", *DEPOT))
    site.add("/news/2", story("Ceasefire talks set for Sorvik", *TALKS))
    site.add("/private/3", story("Never fetched", *CONVOY))
    site.add("/news/5", story("Drones hit Velmora depot", *DEPOT))  # the same story under another link
    site.add("/feed.xml", rss(site, [
        ("/news/1", "Depot hit", "Teaser one."),
        ("/news/2", "Talks", "Teaser two."),
        ("/private/3", "Convoy ambushed", " ".join(CONVOY)),
        ("/news/4", "Gone", "Troops shelled the outskirts of Sorvik overnight, the regional governor said."),
        ("/news/5", "Depot hit again", ""),
        ("/news/6", "Nothing at all", ""),
    ]), content_type="application/rss+xml")


def test_watch_fetches_extracts_and_restarts_without_duplicates(site: Site, tmp_path: Path) -> None:
    _serve_newsroom(site)
    state = tmp_path / "state" / "watch.sqlite"
    sink = Sink()
    stats = watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=state,
                  max_rounds=1, options=FAST)
    assert stats.rounds == 1 and stats.feeds_read == 1
    assert sink.urls() == [site.url(p) for p in ("/news/1", "/news/2", "/news/4", "/private/3")]
    by_url = {a.url: a for a in sink.articles.values()}
    depot = by_url[site.url("/news/1")]
    assert depot.title == "Drones hit Velmora depot" and all(p in depot.text for p in DEPOT)
    assert "cookies" not in depot.text and "Top of page" not in depot.text
    assert depot.published == date(2023, 6, 2)
    assert by_url[site.url("/private/3")].text == " ".join(CONVOY)  # robots.txt: the feed text, not the page
    assert by_url[site.url("/news/4")].text.startswith("Troops shelled")  # 404: the feed text
    assert (stats.robots_denied, stats.duplicates, stats.from_feed_text) == (1, 1, 2)
    assert stats.skipped == {"no_text": 1}
    assert site.hits("/private/3") == []
    assert {ua for _, _, ua in site.seen} == {USER_AGENT}
    assert len(site.hits("/robots.txt")) == 1

    # a restart with one new item: only that one reaches the sink, nothing is fetched twice
    fetched_before = len(site.seen)
    site.add("/news/7", story("Convoy ambushed near Sorvik", *CONVOY))
    site.add("/feed.xml", rss(site, [("/news/7", "Convoy", ""), ("/news/1", "Depot hit", "Teaser one.")]),
             content_type="application/rss+xml")
    calls_before = sink.calls
    again = watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=state,
                  max_rounds=1, options=FAST)
    assert sink.calls == calls_before + 1 and again.stored == 1 and again.items_known == 1
    assert [p for p, _, _ in site.seen[fetched_before:]] == ["/robots.txt", "/feed.xml", "/news/7"]
    with WatchState.open(state) as saved:
        assert saved.counts() == {"stored": 5, "duplicate": 1, "no_text": 1}


def test_a_crash_in_the_sink_loses_nothing_and_duplicates_nothing(site: Site, tmp_path: Path) -> None:
    _serve_newsroom(site)
    state = tmp_path / "watch.sqlite"
    sink = Sink(fail_on=2)
    with pytest.raises(RuntimeError, match="crashed"):
        watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=state, options=FAST)
    assert len(sink.articles) == 1
    stats = watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=state,
                  max_rounds=1, options=FAST)
    assert stats.already_stored == 0 and stats.stored == 3 and stats.items_known == 1
    assert len(sink.articles) == 4


def test_stop_ends_the_watch_between_rounds(site: Site, tmp_path: Path) -> None:
    _serve_newsroom(site)
    stop = threading.Event()
    sink = Sink()
    result: list[object] = []
    round_done = threading.Event()

    def run() -> None:
        result.append(watch([site.url("/feed.xml")], every_s=60, fetch=_fetcher(), sink=sink,
                            state_path=tmp_path / "w.sqlite", stop=stop, options=FAST,
                            on_round=lambda _stats: round_done.set()))

    worker = threading.Thread(target=run)
    worker.start()
    assert round_done.wait(30)  # the first round ended: the watch now waits 60 s for the next one
    stopped_at = time.monotonic()
    stop.set()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - stopped_at < 1
    [stats] = result
    assert stats.rounds == 1 and stats.stored == 4  # type: ignore[attr-defined]


def test_retries_back_off_and_hosts_get_their_interval(site: Site, tmp_path: Path) -> None:
    site.sequence("/news/1", (503, "busy"), (503, "busy"), (200, story("Depot", *DEPOT)))
    site.add("/feed.xml", rss(site, [("/news/1", "Depot", "")]), content_type="application/rss+xml")
    sink = Sink()
    options = WatchOptions(retries=3, backoff_s=0.05, host_interval_s=0.03)
    stats = watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=tmp_path / "s",
                  max_rounds=1, options=options)
    assert stats.stored == 1 and stats.pages_failed == 0
    first, second, third = site.hits("/news/1")
    assert second - first >= 0.05 * 0.9 and third - second >= 0.10 * 0.9  # 0.05, then 0.10
    times = sorted(t for _, t, _ in site.seen)
    # arrival times on the server jitter with thread scheduling under load; without the interval they are ~1 ms apart
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.03 * 0.5


def test_a_failing_page_is_retried_next_round_then_the_feed_text_is_used(site: Site, tmp_path: Path) -> None:
    site.add("/news/1", "down", status=500)
    site.add("/feed.xml", rss(site, [("/news/1", "Depot", " ".join(DEPOT))]), content_type="application/rss+xml")
    sink = Sink()
    options = WatchOptions(retries=0, host_interval_s=0.0, page_attempts=2)
    stats = watch([site.url("/feed.xml")], every_s=0, fetch=_fetcher(), sink=sink, state_path=tmp_path / "s",
                  max_rounds=2, options=options)
    assert len(site.hits("/news/1")) == 2 and stats.pages_failed == 2
    assert [a.text for a in sink.articles.values()] == [" ".join(DEPOT)] and stats.from_feed_text == 1


@dataclass
class FakeFetcher:
    answers: dict[str, tuple[int, dict[str, str], bytes] | Exception]
    asked: list[str] = field(default_factory=list)

    def get(self, url: str) -> tuple[int, Mapping[str, str], bytes]:
        self.asked.append(url)
        answer = self.answers.get(url, (404, {}, b""))
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_unreachable_robots_txt_keeps_the_client_off_the_host() -> None:
    fake = FakeFetcher({"http://127.0.0.1/robots.txt": ConnectionRefusedError("refused"),
                        "http://127.0.0.1/news/1": (200, {}, b"<html></html>")})
    client = PoliteClient(fake, WatchOptions(retries=1, backoff_s=0.0, host_interval_s=0.0))
    # issue 18: a refused connection is reported as such, not as "disallowed by robots.txt"
    with pytest.raises(FetchError, match="unreachable .*refused") as raised:
        client.get("http://127.0.0.1/news/1")
    assert "robots.txt" not in str(raised.value).split("unreachable")[0]
    assert fake.asked == ["http://127.0.0.1/robots.txt"] * 2  # one retry, then the host is off for a while
    with pytest.raises(FetchError, match="unreachable"):
        client.get("http://127.0.0.1/news/2")
    assert len(fake.asked) == 2


def test_robots_txt_server_error_says_so() -> None:
    fake = FakeFetcher({"http://127.0.0.1/robots.txt": (503, {}, b"")})
    client = PoliteClient(fake, WatchOptions(retries=0, backoff_s=0.0, host_interval_s=0.0))
    with pytest.raises(RobotsDenied, match="answered HTTP 503"):
        client.get("http://127.0.0.1/news/1")


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        ((200, b"User-agent: warwatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), "/a", False),
        ((200, b"User-agent: *\nDisallow: /private\n"), "/public/a", True),
        ((404, b""), "/a", True),
        ((403, b""), "/a", False),
    ],
)
def test_robots_rules(robots: tuple[int, bytes], path: str, allowed: bool) -> None:
    fake = FakeFetcher({"http://127.0.0.1/robots.txt": (robots[0], {}, robots[1]),
                        f"http://127.0.0.1{path}": (200, {}, b"ok")})
    client = PoliteClient(fake, WatchOptions(host_interval_s=0.0))
    if allowed:
        assert client.get(f"http://127.0.0.1{path}").body == b"ok"
    else:
        with pytest.raises(RobotsDenied):
            client.get(f"http://127.0.0.1{path}")


def test_urllib_fetcher_answers_statuses_and_refuses_other_schemes(site: Site) -> None:
    status, headers, body = _fetcher().get(site.url("/missing"))
    assert (status, body, headers["content-type"]) == (404, b"not found", "text/html")
    with pytest.raises(FetchError, match="only http and https"):
        _fetcher().get("file:///etc/hostname")


def test_a_slow_server_is_reported_at_each_timeout_not_waited_on_in_silence(
        site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 18, defect 7: a server that accepts and never answers gave 90 s of silence. Each attempt now ends at
    the fetcher's timeout with a warning that says so, and the host is reported unreachable ("timed out")."""

    def slow() -> tuple[int, dict[str, str], bytes]:
        time.sleep(2.0)
        return 200, {"Content-Type": "text/plain"}, b""

    site.routes["/robots.txt"] = slow
    client = PoliteClient(UrllibFetcher(timeout_s=0.3, proxies={}),
                          WatchOptions(retries=1, backoff_s=0.05, host_interval_s=0.0))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        client.get(site.url("/news/1"))
    assert time.monotonic() - started < 1.8  # two attempts of 0.3 s and a backoff, not the server's 2 s each
    assert any("timed out; retry 1 of 1" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
