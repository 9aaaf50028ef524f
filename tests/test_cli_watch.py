"""`warwatch watch` end to end: a real HTTP server on loopback serving a fictional feed and page."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warwatch.cli import main
from warwatch.store import Store

PAGE = """<html><head><title>Drones hit Sumy (fictional)</title>
<meta property="article:published_time" content="2031-03-05T08:00:00+02:00"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Drones hit Sumy (fictional)</h1>
<p>Russian drones struck an apartment block in Sumy overnight, injuring four people, the regional governor said
on Wednesday. Firefighters put out a blaze on the upper floors.</p></article></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "feed.xml").write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Fictional wire</title>
<item><title>Drones hit Sumy (fictional)</title><link>{base}/page.html</link>
<guid>fic-sumy-1</guid><pubDate>Wed, 05 Mar 2031 08:00:00 +0200</pubDate>
<description>Russian drones struck Sumy overnight.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_watch_codes_new_articles_once(site: str, tmp_path: Path) -> None:
    store = tmp_path / "w.duckdb"
    args = ["watch", f"{site}/feed.xml", "--every", "0.1s", "--rounds", "1", "--store", str(store),
            "--state", str(tmp_path / "state.sqlite")]
    assert main(args) == 0
    with Store.open(store) as db:
        assert db.count_articles() == 1
        events = db.events()
    assert any(e["event"] == "ASSAULT" and (e["location"] or {}).get("name") == "Sumy" for e in events)
    assert main(args) == 0  # a restart neither loses nor duplicates
    with Store.open(store) as db:
        assert db.count_articles() == 1


@pytest.mark.parametrize("bad", ["soon", "15x", ""])
def test_watch_rejects_bad_intervals(bad: str, tmp_path: Path) -> None:
    assert main(["watch", "http://127.0.0.1:9/feed.xml", "--every", bad, "--rounds", "1",
                 "--state", str(tmp_path / "s.sqlite"), "--store", str(tmp_path / "w.duckdb")]) == 3
