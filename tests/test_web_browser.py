"""The dashboard in a real headless Chromium (Debian's `chromium`), driven by Playwright, against the real
`warwatch serve` over a store built from examples/ by `warwatch code`.

Select them with `pytest -m browser`. Chromium must be at /usr/bin/chromium (`apt-get install -y chromium`;
.ci/run installs it): when it is missing these tests fail, they never skip. Playwright only drives the browser
(`executable_path`); `playwright install` (a download) is never needed. Screenshots go to tests/artifacts/;
UPDATE_DASHBOARD_SCREENSHOT=1 also writes docs/dashboard.png, the README's picture.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1440, "height": 1000}
TIMEOUT_MS = 20_000


def _warwatch() -> list[str]:
    exe = shutil.which("warwatch", path=str(Path(sys.executable).parent)) or shutil.which("warwatch")
    if exe is None:
        pytest.fail("the warwatch command is not installed (pip install -e .)")
    return [exe]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(base: str, path: str, **params: Any) -> Any:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=10) as res:
        return json.load(res)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`warwatch serve` on a free loopback port over a store coded from examples/articles.jsonl."""
    tmp = tmp_path_factory.mktemp("web")
    store = tmp / "examples.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARWATCH_")}  # defaults; no token: reads only
    coded = subprocess.run(
        [*_warwatch(), "code", str(ROOT / "examples" / "articles.jsonl"), "--store", str(store), "--output",
         str(tmp / "events.jsonl")],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert coded.returncode == 0, coded.stderr
    port = _free_port()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [*_warwatch(), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"warwatch serve exited with {proc.returncode}: {(tmp / 'serve.log').read_text()}")
            try:
                _get(base, "/meta")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"warwatch serve did not answer in 60 s: {(tmp / 'serve.log').read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get update && apt-get install -y chromium "
                    "(.ci/run installs it before the tests)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install -e '.[dev]'")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
    assert errors == [], f"the page logged errors: {errors}"


def _settle(page: Any) -> None:
    """Wait until the dashboard has loaded and no API request is in flight."""
    page.wait_for_selector("body[data-ready]:not([data-busy])", state="attached")
    page.wait_for_function("() => !document.body.dataset.busy")


def _open(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}/{query}")
    _settle(page)


def _page(base: str, **params: Any) -> tuple[list[dict[str, Any]], str | None]:
    """One page of GET /events: its events and the cursor of the next page."""
    params.setdefault("background", "false")  # what the dashboard asks for unless told otherwise
    body = _get(base, "/events", **params)
    return body["events"] if "events" in body else body["items"], body.get("next_cursor")


def _detail(base: str, event_id: str) -> dict[str, Any]:
    """GET /events/{id} as the event record plus `articles` (id, title, published, text); where the API answers
    `{"event": record, "sources": [...]}`, the texts come from /events/{id}/articles and each source's own
    figures are kept in `per_source`."""
    body = _get(base, f"/events/{urllib.parse.quote(event_id)}")
    if not isinstance(body.get("event"), dict):
        return dict(body)
    record = dict(body["event"])
    articles = _get(base, f"/events/{urllib.parse.quote(event_id)}/articles")
    record["articles"] = [{**a, "id": a.get("id", a.get("article_id"))} for a in articles]
    record["per_source"] = {s["article_id"]: (s["dead"], s["injured"]) for s in body["sources"]}
    return record


def _source_figures(detail: dict[str, Any]) -> dict[str, tuple[int | None, int | None]]:
    """Each source's own (dead, injured): `figures_by_source` of a merged event, a single source's are the
    event's; checked against the per-source figures the API itself gives, where it gives them."""
    if detail.get("figures_by_source"):
        figures = {f["article_id"]: (f["dead"], f["injured"]) for f in detail["figures_by_source"]}
    else:
        assert len(detail["article_ids"]) == 1
        figures = {detail["article_ids"][0]: (detail["dead"], detail["injured"])}
    if "per_source" in detail:
        assert detail["per_source"] == figures
    return figures


def _located(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if (e.get("location") or {}).get("lat") is not None]


def _visible_marker_total(page: Any) -> int:
    """Events drawn on the map: single markers plus the counts written on the clusters."""
    singles = page.locator("path.event-marker").count()
    clusters = sum(int(t) for t in page.locator(".cluster-ring span").all_inner_texts())
    return singles + clusters


def _panel_state(page: Any) -> dict[str, Any]:
    panel = page.locator("#event-panel")
    marks: dict[str, list[str]] = {}
    for art in panel.locator("article.source").all():
        marks[art.get_attribute("data-article-id")] = art.locator("mark.evidence").all_inner_texts()
    rows = {
        row.get_attribute("data-article-id"): (
            row.locator("[data-source-figure=dead]").inner_text(),
            row.locator("[data-source-figure=injured]").inner_text(),
        )
        for row in panel.locator(".source-table tbody tr").all()
    }
    return {
        "dead": panel.locator("[data-figure=dead]").inner_text(),
        "injured": panel.locator("[data-figure=injured]").inner_text(),
        "marks": marks,
        "sources": rows,
    }


def _spans(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence spans in reading order, each once (as the panel highlights them)."""
    unique = {(s["article_id"], s["start"], s["end"]): s for s in evidence}
    return [unique[k] for k in sorted(unique)]


def _shown(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def test_the_map_shows_every_located_event_over_the_basemap(server: str, page: Any) -> None:
    everything, _ = _page(server, limit=1000)
    located = _located(everything)
    assert located, "the example store has events with coordinates"
    _open(page, server)
    assert page.locator("#map").get_attribute("data-markers") == str(len(located))
    assert _visible_marker_total(page) == len(located)
    # the offline basemap: Natural Earth countries drawn from the vendored TopoJSON
    assert page.locator(".leaflet-basemap-pane path").count() >= 1
    assert page.locator(".leaflet-basemap-pane path").first.get_attribute("d")
    assert page.locator("#total-events").inner_text() == str(len(everything))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-overview.png"), full_page=True)
    # background mentions (past context) join the news events when asked for
    with_background, _ = _page(server, limit=1000, background="any")
    assert len(with_background) > len(everything)
    page.locator("#f-background").select_option("any")
    page.wait_for_function("() => new URLSearchParams(location.search).get('background') === 'any'")
    _settle(page)
    assert page.locator("#total-events").inner_text() == str(len(with_background))
    assert page.locator("#map").get_attribute("data-markers") == str(len(_located(with_background)))


def test_filter_click_an_event_and_reload_the_shared_url(server: str, page: Any) -> None:
    # the event with the most sources: its panel has several articles and per-source figures
    target = _page(server, sort="-sources", limit=1)[0][0]
    category = target["event"]
    assert len(target["article_ids"]) >= 2, "examples/ has an event reported by two articles"
    in_category = _page(server, category=category, limit=1000)[0]
    assert 0 < len(in_category) < len(_page(server, limit=1000)[0])

    _open(page, server)
    page.locator(f".chip[data-category={category}]").click()
    _settle(page)
    assert f"category={category}" in page.url
    assert page.locator(f".chip[data-category={category}]").get_attribute("aria-pressed") == "true"
    assert page.locator("#map").get_attribute("data-markers") == str(len(_located(in_category)))
    cats = page.locator("#events-table tbody tr td:nth-child(2) .cat").all_inner_texts()
    assert cats and set(cats) == {category}

    # sort the table by sources, most first: the rows are the API's first page, in the API's order
    page.locator("#events-table th[data-sort=sources] button").click()
    _settle(page)
    api_page = _page(server, category=category, sort="-sources", limit=25)[0]
    rows = page.locator("#events-table tbody tr")
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == [
        e["event_id"] for e in api_page
    ]

    page.locator(f"#events-table tbody tr[data-event-id='{target['event_id']}']").click()
    _settle(page)
    page.wait_for_selector("#event-panel mark.evidence")
    detail = _detail(server, target["event_id"])
    shown = _panel_state(page)

    # every evidence span is highlighted in its own article, and the highlight is exactly the evidence text
    texts = {a["id"]: a["text"] for a in detail["articles"]}
    expected: dict[str, list[str]] = {a["id"]: [] for a in detail["articles"]}
    for span in _spans(detail["evidence"]):
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]
        expected[span["article_id"]].append(span["text"])
    assert shown["marks"] == expected
    # the reconciled figure and each source's own figures, as the API gives them
    assert shown["dead"] == _shown(detail["dead"])
    assert shown["injured"] == _shown(detail["injured"])
    assert shown["sources"] == {k: (_shown(d), _shown(i)) for k, (d, i) in _source_figures(detail).items()}
    assert len(shown["sources"]) == len(target["article_ids"]) >= 2
    if detail.get("dead_range") and detail["dead_range"][0] != detail["dead_range"][1]:
        lo, hi = detail["dead_range"]
        assert page.locator("#event-panel [data-range=dead]").inner_text() == f"sources say {lo}–{hi}"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    if os.environ.get("UPDATE_DASHBOARD_SCREENSHOT") == "1":
        shutil.copy(ARTIFACTS / "dashboard.png", ROOT / "docs" / "dashboard.png")

    # the URL holds the view: reloading it (or opening it elsewhere) restores the same state
    shared = page.url
    query = urllib.parse.parse_qs(urllib.parse.urlparse(shared).query)
    assert query["event"] == [target["event_id"]]
    assert query["category"] == [category]
    assert query["sort"] == ["-sources"]
    view = page.locator("#map").get_attribute("data-view")
    assert query["map"] == [view]
    page.reload()
    _settle(page)
    page.wait_for_selector("#event-panel mark.evidence")
    assert page.url == shared
    assert page.locator("#map").get_attribute("data-view") == view
    assert page.locator(f".chip[data-category={category}]").get_attribute("aria-pressed") == "true"
    assert page.locator("#events-table th[data-sort=sources]").get_attribute("aria-sort") == "descending"
    assert _panel_state(page) == shown
    assert page.locator("#events-table tbody tr.selected").get_attribute("data-event-id") == target["event_id"]

    # a fresh page opened on the shared link shows the same
    other = page.context.new_page()
    other.goto(shared)
    _settle(other)
    other.wait_for_selector("#event-panel mark.evidence")
    assert _panel_state(other) == shown
    assert other.locator("#map").get_attribute("data-view") == view
    other.close()


def test_clicking_a_marker_opens_its_event(server: str, page: Any) -> None:
    meta = _get(server, "/meta")
    lone = None
    categories = meta["categories"] if "categories" in meta else [c["value"] for c in meta["category"]]
    for category in categories:
        located = _located(_page(server, category=category, limit=1000)[0])
        if len(located) == 1:
            lone = located[0]
            break
    assert lone is not None, "examples/ has a category with a single located event"
    _open(page, server, f"?category={lone['event']}")
    marker = page.locator("path.event-marker")
    assert marker.count() == 1
    marker.click()
    _settle(page)
    page.wait_for_selector("#event-panel mark.evidence")
    assert f"event={lone['event_id']}" in page.url
    assert page.locator("#event-panel .event-id").inner_text().startswith(f"event {lone['event_id']}")
    assert page.locator("#event-panel mark.evidence").all_inner_texts() == [
        s["text"] for s in _spans(lone["evidence"])
    ]
    shown = _panel_state(page)
    assert (shown["dead"], shown["injured"]) == (_shown(lone["dead"]), _shown(lone["injured"]))
    assert shown["sources"] == {
        k: (_shown(d), _shown(i)) for k, (d, i) in _source_figures(_detail(server, lone["event_id"])).items()
    }


def test_brushing_the_timeline_filters_the_period(server: str, page: Any) -> None:
    _open(page, server)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.35, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=5)
    page.mouse.up()
    _settle(page)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    since, until = query["since"][0], query["until"][0]
    assert since < until
    assert page.locator("#f-since").input_value() == since
    assert page.locator("#f-until").input_value() == until
    expected = _page(server, since=since, until=until, limit=1000)[0]
    assert 0 < len(expected)
    assert page.locator("#total-events").inner_text() == str(len(expected))
    dates = page.locator("#events-table tbody tr td:first-child").all_inner_texts()
    assert dates and all(since <= d <= until for d in dates)
    assert page.locator("#timeline .brush").count() == 1


def test_a_shared_url_sets_the_filter_bar_and_the_table(server: str, page: Any) -> None:
    params = {"country": "UKR", "background": "any", "min_dead": "1", "sort": "-dead"}
    expected = _page(server, limit=25, **params)[0]
    assert expected, "examples/ has news events in Ukraine with a death"
    _open(page, server, "?" + urllib.parse.urlencode(params))
    assert page.locator("#f-country").input_value() == "UKR"
    assert page.locator("#f-background").input_value() == "any"
    assert page.locator("#f-min-dead").input_value() == "1"
    rows = page.locator("#events-table tbody tr")
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == [
        e["event_id"] for e in expected
    ]
    dead = [int(t.replace(",", "")) for t in page.locator("#events-table tbody td:nth-child(6)").all_inner_texts()]
    assert dead == sorted(dead, reverse=True) and min(dead) >= 1
    # typing a filter updates the URL and the table; the keyboard reaches a row and opens it
    page.locator("#f-q").fill("drone")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'drone'")
    _settle(page)
    with_q = _page(server, limit=25, q="drone", **params)[0]
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == [
        e["event_id"] for e in with_q
    ] or (not with_q and rows.count() == 1)
    if with_q:
        rows.first.focus()
        page.keyboard.press("Enter")
        _settle(page)
        page.wait_for_selector("#event-panel mark.evidence")
        assert f"event={with_q[0]['event_id']}" in page.url


def test_the_table_pages_with_the_api_cursor(server: str, page: Any) -> None:
    first, cursor = _page(server, sort="-date", limit=25)
    assert cursor, "examples/ has more than one page of 25 events"
    second, last = _page(server, sort="-date", limit=25, cursor=cursor)
    _open(page, server)
    rows = page.locator("#events-table tbody tr")

    def ids() -> list[str | None]:
        return [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())]

    assert ids() == [e["event_id"] for e in first]
    page.locator("#next-page").click()
    _settle(page)
    assert ids() == [e["event_id"] for e in second]
    assert page.locator("#page-no").inner_text() == "Page 2"
    assert page.locator("#next-page").is_disabled() == (last is None)
    page.locator("#prev-page").click()
    _settle(page)
    assert ids() == [e["event_id"] for e in first]


def test_an_api_error_is_shown_with_its_field(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    pg.goto(f"{server}/?since=not-a-date")
    pg.wait_for_selector("#error:not([hidden])")
    assert pg.locator("#error").inner_text().startswith("since:")
    context.close()
