"""The REST API through real HTTP servers on loopback (uvicorn in a thread), over a store coded from the
fictional examples/articles.jsonl: filters, pagination, one event with its sources, errors, tokens, files."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from warwatch.api import bind, create_app
from warwatch.api.app import STATIC_DIR, token_matches
from warwatch.cli import main
from warwatch.settings import Settings

pytestmark = pytest.mark.slow  # codes the examples with the spaCy pipeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles.jsonl"
TOKEN = "s3cret-token-for-tests"


@dataclass
class Coded:
    store: Path
    events: list[dict[str, Any]]  # what `warwatch code` wrote: the ground truth for the API's answers


@dataclass
class Server:
    url: str
    client: httpx.Client
    app: Any

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.client.get(path, params=params)

    def raw(self, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None) -> tuple[int, bytes]:
        """A request whose path is sent exactly as given (httpx would normalise '..')."""
        host, port = self.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="session")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Coded:
    folder = tmp_path_factory.mktemp("api")
    store, events = folder / "examples.duckdb", folder / "events.jsonl"
    assert main(["code", str(EXAMPLES), "--output", str(events), "--store", str(store), "--no-progress"]) == 0
    return Coded(store, [json.loads(line) for line in events.read_text().splitlines()])


def run_server(app: Any) -> Iterator[Server]:
    """Serve ``app`` with uvicorn in a thread on a free loopback port until the generator is closed."""
    sock = bind("127.0.0.1", 0)
    host, port = sock.getsockname()[:2]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    url = f"http://{host}:{port}/"
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            yield Server(url, client, app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def api(coded: Coded) -> Iterator[Server]:
    """The server as `warwatch serve` runs it without a token: read-only."""
    yield from run_server(create_app(coded.store))


@pytest.fixture(scope="session")
def writable(coded: Coded, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server started with a token, over a copy of the store (one process cannot hold the same file
    both read-only and read-write)."""
    copy = tmp_path_factory.mktemp("writable") / "copy.duckdb"
    shutil.copy(coded.store, copy)
    settings = Settings.load(environ={}, api_token=TOKEN)
    yield from run_server(create_app(copy, token=TOKEN, settings=settings))


def all_pages(api: Server, params: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(500):
        response = api.get("/events", **params, limit=limit, **({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["count"] == len(page["events"]) <= limit
        items += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def codes(actors: list[dict[str, Any]]) -> set[str]:
    return {str(a.get("country") or a.get("name")).upper() for a in actors}


def place(e: dict[str, Any], key: str) -> Any:
    return (e.get("location") or {}).get(key)


def news(e: dict[str, Any]) -> bool:
    return not e["background"]


# (query parameters, which of `warwatch code`'s events they must return)
FILTERS: list[tuple[dict[str, Any], Callable[[dict[str, Any]], bool]]] = [
    ({}, lambda e: True),  # background mentions too, unless asked otherwise
    ({"background": "false"}, news),
    ({"background": "true"}, lambda e: e["background"]),
    ({"background": "any"}, lambda e: True),
    ({"category": "ASSAULT"}, lambda e: e["event"] == "ASSAULT"),
    ({"category": "accuse,consult"}, lambda e: e["event"] in ("ACCUSE", "CONSULT")),
    ({"category": ["ACCUSE", "CONSULT"]}, lambda e: e["event"] in ("ACCUSE", "CONSULT")),
    ({"country": "UKR"}, lambda e: place(e, "country") == "UKR"),
    ({"country": "RUS,LBN"}, lambda e: place(e, "country") in ("RUS", "LBN")),
    ({"admin1": "Kyiv City"}, lambda e: place(e, "admin1") == "Kyiv City"),
    ({"actor": "RUS"}, lambda e: "RUS" in codes(e["actor"])),
    ({"recipient": "UKR"}, lambda e: "UKR" in codes(e["recipient"])),
    ({"mode": "drone"}, lambda e: e["mode"] == "drone"),
    ({"weapon": "missile"}, lambda e: e["weapon"] == "missile"),
    ({"since": "2031-03-10"}, lambda e: e["date"] is not None and e["date"] >= "2031-03-10"),
    ({"until": "2031-03-09"}, lambda e: e["date"] is not None and e["date"] <= "2031-03-09"),
    ({"since": "2031-03-08", "until": "2031-03-12"},
     lambda e: e["date"] is not None and "2031-03-08" <= e["date"] <= "2031-03-12"),
    ({"bbox": "29.5,49.5,31.5,51"},  # around Kyiv
     lambda e: place(e, "lat") is not None and 49.5 <= place(e, "lat") <= 51
     and 29.5 <= place(e, "lon") <= 31.5),
    ({"min_dead": 1}, lambda e: (e["dead"] or 0) >= 1),
    ({"min_injured": 10}, lambda e: (e["injured"] or 0) >= 10),
    ({"q": "DRONES"}, lambda e: any("drones" in v["text"].lower() for v in e["evidence"])),
    ({"category": "ASSAULT", "country": "UKR", "since": "2031-03-05"},
     lambda e: e["event"] == "ASSAULT" and place(e, "country") == "UKR" and e["date"] is not None
     and e["date"] >= "2031-03-05"),
    ({"country": "FRA"}, lambda e: False),
    ({"background": "false", "category": "ASSAULT", "min_dead": 1},
     lambda e: news(e) and e["event"] == "ASSAULT" and (e["dead"] or 0) >= 1),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=[json.dumps(f[0]) for f in FILTERS])
def test_filters(api: Server, coded: Coded, params: dict[str, Any], expected: Callable[[dict[str, Any]], bool]
                 ) -> None:
    want = {e["event_id"] for e in coded.events if expected(e)}
    if params != {"country": "FRA"}:
        assert want, "a filter case that selects nothing tests nothing"
    got = all_pages(api, params, limit=1000)
    assert {e["event_id"] for e in got} == want
    assert len(got) == len(want)
    counted = api.get("/events", **params, limit=1, total="true").json()
    assert counted["total"] == len(want)


def test_the_store_holds_what_code_wrote(api: Server, coded: Coded) -> None:
    got = {e["event_id"]: e for e in all_pages(api, {}, limit=1000)}
    assert got == {e["event_id"]: {**e, "sources": len(e["article_ids"])} for e in coded.events}
    assert any("sources" not in e for e in coded.events)  # a background mention: `sources` added by the API


@pytest.mark.parametrize("sort", ["-date", "date", "-dead", "injured", "-confidence", "sources", "event_id"])
@pytest.mark.parametrize("limit", [1, 4, 7])
def test_pages_cover_every_event_exactly_once(api: Server, coded: Coded, sort: str, limit: int) -> None:
    paged = all_pages(api, {"background": "any", "sort": sort}, limit=limit)
    ids = [e["event_id"] for e in paged]
    assert len(ids) == len(set(ids)) == len(coded.events)
    one_page = api.get("/events", background="any", sort=sort, limit=1000).json()["events"]
    assert ids == [e["event_id"] for e in one_page]  # the same order as one big page


def test_sort_orders(api: Server) -> None:
    items = api.get("/events", sort="-dead", limit=1000).json()["events"]
    dead = [e["dead"] for e in items if e["dead"] is not None]
    assert dead == sorted(dead, reverse=True) and items[-1]["dead"] is None  # unknown figures last
    dates = [e["date"] for e in api.get("/events", limit=1000).json()["events"]]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True) and dates[: len(known)] == known


def test_event_with_its_sources_and_their_figures(api: Server, coded: Coded) -> None:
    merged = next(e for e in coded.events if len(e["article_ids"]) > 1 and e.get("figures_by_source"))
    detail = api.get(f"/events/{merged['event_id']}").json()
    assert {k: detail[k] for k in merged} == merged  # the record, as `warwatch code` wrote it
    assert detail["sources"] == len(merged["article_ids"])
    assert [a["id"] for a in detail["articles"]] == merged["article_ids"]
    by_source = {f["article_id"]: (f["dead"], f["injured"]) for f in merged["figures_by_source"]}
    assert {a["id"]: (a["dead"], a["injured"]) for a in detail["articles"]} == by_source
    assert len(set(by_source.values())) > 1, "the example's sources give different figures"
    for article in detail["articles"]:
        assert article["url"].startswith("https://example.org/") and article["title"] and article["evidence"]
        for span in article["evidence"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]
    articles = api.get(f"/events/{merged['event_id']}/articles").json()
    assert articles == detail["articles"]


def test_daily_stats(api: Server, coded: Coded) -> None:
    dated = [e for e in coded.events if e["date"]]
    body = api.get("/stats/daily").json()
    assert body["group_by"] == ["category", "country"]
    assert set(body["days"][0]) == {"date", "category", "country", "events", "dead", "injured"}
    assert sum(r["events"] for r in body["days"]) == len(dated)
    assert sum(r["dead"] for r in body["days"]) == sum(e["dead"] or 0 for e in dated)
    news_only = api.get("/stats/daily", background="false", group_by="category").json()["days"]
    assert sum(r["events"] for r in news_only) == sum(1 for e in dated if news(e))
    ukraine = api.get("/stats/daily", country="UKR", group_by="none").json()["days"]
    assert set(ukraine[0]) == {"date", "events", "dead", "injured"}
    assert sum(r["events"] for r in ukraine) == sum(1 for e in dated if place(e, "country") == "UKR")
    days = [r["date"] for r in body["days"]]
    assert days == sorted(days)


def test_meta(api: Server, coded: Coded) -> None:
    info = api.get("/meta").json()
    assert info["events"] == len(coded.events)
    assert info["background"] == sum(1 for e in coded.events if e["background"])
    assert info["categories"] == sorted({e["event"] for e in coded.events if news(e)})
    assert "UKR" in info["countries"] and info["countries"] == sorted(info["countries"])
    assert info["date_min"] == min(e["date"] for e in coded.events if e["date"])
    assert info["writable"] is False
    assert info["category"][0]["value"] == "ASSAULT"


INVALID: list[tuple[str, str]] = [
    ("/events?limit=0", "limit"),
    ("/events?limit=1001", "limit"),
    ("/events?limit=ten", "limit"),
    ("/events?since=2031-02-30", "since"),
    ("/events?until=yesterday", "until"),
    ("/events?since=2031-03-10&until=2031-03-01", "until"),
    ("/events?bbox=1,2,3", "bbox"),
    ("/events?bbox=0,95,10,96", "bbox"),
    ("/events?min_dead=-1", "min_dead"),
    ("/events?min_injured=lots", "min_injured"),
    ("/events?background=maybe", "background"),
    ("/events?q=", "q"),
    ("/events?country=", "country"),
    ("/events?sort=title", "sort"),
    ("/events?sort=date;DROP%20TABLE%20events", "sort"),
    ("/events?cursor=not-a-cursor", "cursor"),
    ("/stats/daily?group_by=weapon", "group_by"),
    ("/stats/daily?since=2031-99-01", "since"),
]


@pytest.mark.parametrize(("path", "field"), INVALID)
def test_invalid_parameters_are_422_naming_the_field(api: Server, path: str, field: str) -> None:
    status, raw = api.raw("GET", path)
    error = json.loads(raw)["error"]
    assert status == 422, error
    assert error["status"] == 422 and error["code"] == "invalid_request" and error["field"] == field
    assert [e["field"] for e in error["errors"]] == [field]
    assert field in error["message"]
    assert b"Traceback" not in raw and b'File "' not in raw


def test_cursor_of_another_sort_is_422(api: Server) -> None:
    cursor = api.get("/events", sort="-dead", limit=1).json()["next_cursor"]
    response = api.get("/events", sort="date", limit=1, cursor=cursor)
    assert response.status_code == 422 and response.json()["error"]["field"] == "cursor"


@pytest.mark.parametrize("path", ["/events/0000000000000000", "/events/0000000000000000/articles",
                                  "/events/%27%20OR%201%3D1--", "/no/such/route", "/static/no-such-file.js"])
def test_unknown_ids_and_paths_are_404(api: Server, path: str) -> None:
    status, raw = api.raw("GET", path)
    assert status == 404
    assert json.loads(raw)["error"]["code"] == "not_found"


TRAVERSALS = [
    "/static/../pyproject.toml",
    "/static/../../pyproject.toml",
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2fcli.py",
    "/static/..%5c..%5ccli.py",
    "/static/....//....//cli.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%00../cli.py",
    "/static/index.html%00.js",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_on_static_is_404(api: Server, path: str) -> None:
    status, raw = api.raw("GET", path)
    assert status == 404, (status, raw[:200])
    assert b"root:" not in raw and b"[project]" not in raw and b"import" not in raw


def test_a_symlink_out_of_the_static_folder_is_404(coded: Coded, tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<!doctype html><title>t</title>")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me")
    os.symlink(secret, static / "link.txt")
    for server in run_server(create_app(coded.store, static_dir=static)):
        assert server.get("/").text.startswith("<!doctype html>")
        status, raw = server.raw("GET", "/static/link.txt")
        assert status == 404 and b"do not serve" not in raw


def test_dashboard_and_docs_are_served_offline(api: Server) -> None:
    index = api.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert index.text == (STATIC_DIR / "index.html").read_text()
    docs = api.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert api.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    spec = api.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/events/{event_id}/articles", "/stats/daily", "/meta",
            "/articles"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"since", "until", "bbox", "country", "admin1", "actor", "recipient", "category", "mode", "weapon",
            "min_dead", "min_injured", "background", "q", "sort", "limit", "cursor"} <= names
    assert api.get("/events").headers["x-content-type-options"] == "nosniff"


def snapshot(server: Server) -> Any:
    return server.get("/meta").json(), server.get("/events", limit=1000).json()


ARTICLE = {"articles": [{"id": "api-001", "published": "2031-04-02", "title": "Shelling of Kherson",
                         "url": "https://example.org/api-001",
                         "text": "KHERSON, April 2 - Russian artillery shelled a residential district of Kherson "
                                 "on Tuesday, killing two civilians and wounding five others, the regional "
                                 "governor said."}]}


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN},
    {"Authorization": "Bearer "},
    {"X-Token": TOKEN},
])
def test_writes_without_the_token_are_401_and_change_nothing(writable: Server, headers: dict[str, str]) -> None:
    before = snapshot(writable)
    for body in (json.dumps(ARTICLE).encode(), b"not json at all"):
        status, raw = writable.raw("POST", "/articles", headers={**headers, "Content-Type": "application/json"},
                                   body=body)
        assert status == 401, raw
        assert json.loads(raw)["error"]["code"] == "unauthorized"
    for method in ("PUT", "DELETE", "PATCH"):
        assert writable.raw(method, "/events", headers=headers)[0] == 401
    assert snapshot(writable) == before


def test_the_read_only_server_refuses_every_write(api: Server, coded: Coded) -> None:
    before = snapshot(api)
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}, {"Authorization": "Bearer "}):
        status, raw = api.raw("POST", "/articles", headers=headers, body=json.dumps(ARTICLE).encode())
        assert status == 403 and json.loads(raw)["error"]["code"] == "forbidden"
        assert api.raw("DELETE", "/events", headers=headers)[0] == 403
    assert snapshot(api) == before


BAD_ARTICLES: list[tuple[Any, str]] = [
    ({"articles": [{"id": "x"}]}, "articles[0].text"),
    ([{"id": "ok", "text": "Drones struck Kharkiv."}, {"id": "", "text": "t"}], "articles[1].id"),
    ([{"id": "x", "text": "   "}], "articles[0].text"),
    ({"articles": []}, "body"),
    ([], "body"),
    ([{"id": "x", "text": "t", "published": "last week"}], "articles[0].published"),
    ([{"id": "x", "text": "t"}] * 101, "body"),
    (["not an object"], "articles[0]"),
]


@pytest.mark.parametrize(("body", "field"), BAD_ARTICLES, ids=[f for _, f in BAD_ARTICLES])
def test_a_bad_article_is_422_naming_it_and_nothing_is_written(writable: Server, body: Any, field: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    before = snapshot(writable)
    status, raw = writable.raw("POST", "/articles", headers=auth, body=json.dumps(body).encode())
    error = json.loads(raw)["error"]
    assert status == 422 and error["field"] == field, error
    assert snapshot(writable) == before


def test_malformed_write_requests(writable: Server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in (b"{", b"", b"   \n"):
        status, raw = writable.raw("POST", "/articles", headers=auth, body=body)
        assert status == 422 and json.loads(raw)["error"]["field"] in ("articles[0]", "body")
    assert writable.raw("POST", "/events", headers=auth, body=b"")[0] == 405
    assert writable.raw("POST", "/articles", headers=auth)[0] == 411  # no Content-Length: no unbounded body
    huge = writable.raw("POST", "/articles", headers={**auth, "Content-Length": str(10**9)})
    assert huge[0] == 413 and json.loads(huge[1])["error"]["code"] == "payload_too_large"


def test_post_articles_codes_them_into_the_store(writable: Server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/meta").json()
    response = writable.client.post("/articles", json=ARTICLE, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["received"] == 1 and result["coded"] == 1 and result["stored"] == 1
    assault = next(e for e in result["events"] if e["event"] == "ASSAULT")
    assert assault["location"]["name"] == "Kherson" and assault["dead"] == 2 and assault["sources"] == 1
    detail = writable.get(f"/events/{assault['event_id']}").json()
    assert detail["dead"] == 2 and detail["articles"][0]["id"] == "api-001"
    after = writable.get("/meta").json()  # the cached meta was dropped by the write
    assert after["articles"] == before["articles"] + 1 and after["events"] > before["events"]
    again = writable.client.post("/articles", json=ARTICLE, headers=auth).json()
    assert again["stored"] == 0 and again["unchanged"] == 1  # idempotent, as `warwatch code` is
    assert writable.get("/meta").json()["events"] == after["events"]
    # JSONL works too, and a list: the same path as `warwatch code`
    lines = "\n".join(json.dumps({**ARTICLE["articles"][0], "id": f"api-00{n}", "text": text}) for n, text in (
        (2, "SUMY, April 3 - A Russian drone hit a bus in Sumy on Wednesday, injuring four passengers."),
        (3, "ODESA, April 3 - Missiles struck the port of Odesa on Wednesday, killing one worker.")))
    status, raw = writable.raw("POST", "/articles", headers={**auth, "Content-Type": "application/x-ndjson"},
                               body=lines.encode())
    assert status == 200 and json.loads(raw)["received"] == 2, raw
    assert writable.get("/meta").json()["articles"] == after["articles"] + 2


def test_an_unexpected_error_is_a_500_without_a_traceback(api: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals at /home/someone/store.py line 42")

    monkeypatch.setattr("warwatch.api.app.find_events", boom)
    status, raw = api.raw("GET", "/events")
    assert status == 500
    assert json.loads(raw) == {"error": {"status": 500, "code": "internal_error", "field": None, "errors": [],
                                         "message": "internal error; see the server's log"}}
    assert b"secret" not in raw and b"Traceback" not in raw


def test_token_comparison() -> None:
    assert token_matches(f"Bearer {TOKEN}", TOKEN) and token_matches(f"bearer  {TOKEN} ", TOKEN)
    assert not token_matches(f"Bearer {TOKEN}", "") and not token_matches(None, TOKEN)
    assert not token_matches(f"Token {TOKEN}", TOKEN) and not token_matches("Bearer", TOKEN)
