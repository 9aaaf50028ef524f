"""The escalation index, spike detectors, alert rules and delivery (a real loopback webhook receiver), and the
brief, over stores of generated, fictional events."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from warwatch.analytics.alerts import (
    ALERT_ID_HEADER,
    SIGNATURE_HEADER,
    AlertRule,
    Delivery,
    WebhookOptions,
    deliver_pending,
    evaluate,
    load_rules,
    signature,
)
from warwatch.analytics.brief import BriefOptions, build_brief, default_period, write_brief
from warwatch.analytics.index import build_index, index_from_store, load_events
from warwatch.analytics.spikes import SpikeParams, detect, tail_negbin, tail_poisson
from warwatch.cli import main
from warwatch.errors import ConfigError
from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.store import Store

KHARKIV = Location("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23, 706483, "city")
ODESA = Location("Odesa", "UKR", "Odesa Oblast", 46.48, 30.72, 698740, "city")
BELGOROD = Location("Belgorod", "RUS", "Belgorod Oblast", 50.6, 36.6, 578072, "city")
RUS, UKR = Actor("Russia", "RUS", "MIL"), Actor("Ukraine", "UKR", "GOV")
START = date(2033, 1, 1)


def event(event_id: str, day: date, *, category: str = "ASSAULT", score: float = -9.0, place: Location = KHARKIV,
          dead: int | None = None, injured: int | None = None, articles: tuple[str, ...] = (),
          actor: tuple[Actor, ...] = (RUS,), recipient: tuple[Actor, ...] = (UKR,),
          text: str = "Drones struck the fictional depot.") -> Event:
    ids = articles or (f"art-{event_id}",)
    return Event(event_id=event_id, article_ids=ids, event=category, mode=None, context=(), weapon=None,
                 actor=actor, recipient=recipient, date=DateResolution(day, "day", "explicit"), location=place,
                 casualties=Casualties(dead, injured), background=False, score=score,
                 evidence=tuple(Evidence(a, text, 0, len(text)) for a in ids))


def save(store: Store, ev: Event, urls: dict[str, str] | None = None) -> None:
    for article_id in ev.article_ids:
        url = (urls or {}).get(article_id, f"https://site-{article_id}.example/{article_id}")
        store.save(Article(article_id, f"Text of {article_id}.", ev.date.date, url=url), [ev])


def quiet_month(store: Store, days: int = 30, per_day: int = 1) -> None:
    """One fictional attack a day on Kharkiv: the baseline."""
    for d in range(days):
        for k in range(per_day):
            save(store, event(f"base-{d}-{k}", START + timedelta(days=d)))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "a.duckdb") as opened:
        yield opened


# -- index ------------------------------------------------------------------------------------------------------

def test_index_counts_each_merged_event_once_with_its_reconciled_toll_and_independent_sources(store: Store) -> None:
    day = START
    # one event reported by three articles: two on one site (one publisher), one on another
    merged = event("m1", day, dead=4, injured=10, articles=("a1", "a2", "a3"))
    save(store, merged, {"a1": "https://www.wire.example/x", "a2": "https://wire.example/y",
                         "a3": "https://other.example/z"})
    save(store, event("c1", day, category="AGREE", score=5.0, place=ODESA, actor=(UKR,), recipient=(RUS,)))
    index = index_from_store(store, day, day + timedelta(days=1))
    ukr = index.get("country:UKR")
    assert ukr.values("events") == (2.0, 0.0)
    assert ukr.values("dead") == (4.0, 0.0) and ukr.values("injured") == (10.0, 0.0)
    assert ukr.values("category:ASSAULT") == (1.0, 0.0) and ukr.values("category:AGREE") == (1.0, 0.0)
    events = {e.event_id: e for e in ukr.events}
    assert events["m1"].sources == 2  # wire.example twice (www. dropped) and other.example
    assert ukr.values("conflict")[0] == pytest.approx(9.0 * 2.0)  # weight 1 + log2(2)
    assert ukr.values("cooperation")[0] == pytest.approx(5.0)
    assert ukr.values("score")[0] == pytest.approx(5.0 - 18.0)
    assert index.get("admin1:UKR/Kharkiv Oblast").values("events") == (1.0, 0.0)
    assert index.get("dyad:RUS>UKR").values("events") == (1.0, 0.0)
    assert index.get("dyad:UKR>RUS").values("category:AGREE") == (1.0, 0.0)
    assert index.get("country:RUS").values("events") == (0.0, 0.0)
    assert ukr.volume == (4, 0)  # articles published per day: the coverage volume


def test_normalised_divides_by_coverage_relative_to_the_median() -> None:
    events = [event(f"e{i}", START + timedelta(days=i % 2)) for i in range(4)]
    from warwatch.analytics.index import IndexEvent

    flat = [IndexEvent(e.event_id, e.date.date or START, e.event, None, e.score, "UKR", None, (), (), 0, 0, 1)
            for e in events]
    series = build_index(flat, START, START + timedelta(days=2),
                         {START: 10, START + timedelta(days=1): 20, START + timedelta(days=2): 30}).get("all")
    assert series.values("events") == (2.0, 2.0, 0.0)
    assert series.normalised("events") == pytest.approx((4.0, 2.0, 0.0))  # median volume 20


# -- spikes -----------------------------------------------------------------------------------------------------

def test_tails_match_known_values() -> None:
    assert tail_poisson(7, 2.0) == pytest.approx(0.004533, rel=1e-3)
    assert tail_poisson(0, 2.0) == 1.0
    assert tail_negbin(7, 2.0, 2.0) == pytest.approx(tail_poisson(7, 2.0))
    assert tail_negbin(7, 2.0, 6.0) > tail_poisson(7, 2.0) * 5  # overdispersed: a far heavier tail


BASE = [2, 3, 1, 2, 2, 3, 2, 1, 2, 3, 2, 2, 1, 3, 2, 2, 3, 2, 1, 2, 2, 3, 2, 2, 1, 2, 3, 2]


@pytest.mark.parametrize("method", ["robust_z", "poisson", "negbin", "cusum"])
def test_each_method_finds_a_tripled_rate_at_once_and_nothing_in_the_baseline(method: str) -> None:
    values = BASE + [7, 8, 7]
    breaks = detect(values, SpikeParams(method=method))
    assert breaks, method
    assert breaks[0].index in (28, 29)
    assert breaks[0].ratio > 2.5 and breaks[0].method == method
    assert detect(BASE, SpikeParams(method=method)) == []


def test_min_count_and_baseline_floor_keep_a_silent_series_quiet() -> None:
    assert detect([0] * 28 + [2], SpikeParams()) == []  # two events after a silent month: below min_count
    assert detect([0] * 28 + [5], SpikeParams())  # five are a break (P(X >= 5 | 0.5) * 2 spans < 0.003)


def test_bad_spike_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError):
        SpikeParams(method="magic")
    with pytest.raises(ConfigError):
        SpikeParams(alpha=0.0)
    with pytest.raises(ConfigError):
        SpikeParams(dispersion=0.0)


# a bursty baseline: quiet days and days of 10-12 (the plain moment estimate of its dispersion is large)
BURSTY = [1, 0, 2, 1, 11, 1, 0, 2, 1, 0, 12, 1, 1, 0, 2, 1, 10, 0, 1, 2, 1, 0, 11, 1, 2, 1, 0, 1]
# a weekly rhythm: twice as many on the first day of every week
WEEKLY_BASE = [6, 3, 3, 3, 3, 3, 3] * 4


@pytest.mark.parametrize(("values", "params", "expected"), [
    # a bursty baseline: the plain moment estimate of its dispersion is large, the prior (size 5) pulls it
    # down, so 25 is a break either way but 9, within the bursts, is one only with the prior's lighter tail
    (BURSTY + [25], SpikeParams(alpha=0.01), True),
    (BURSTY + [25], SpikeParams(alpha=0.01, dispersion=None, weekly=False), True),
    (BURSTY + [9], SpikeParams(alpha=0.01, dispersion=None, weekly=False), False),
    # a steady month of 3 a day: the prior keeps its variance from collapsing to the Poisson floor
    ([3] * 28 + [12], SpikeParams(alpha=0.01), True),
    ([3] * 28 + [8], SpikeParams(alpha=0.01), False),
    # the weekly rhythm: 10 on the usual busy weekday is no break, on a quiet weekday it is
    (WEEKLY_BASE + [10], SpikeParams(alpha=0.01, dispersion=50.0), False),
    (WEEKLY_BASE + [3, 10], SpikeParams(alpha=0.01, dispersion=50.0), True),
    (WEEKLY_BASE + [10], SpikeParams(alpha=0.01, dispersion=50.0, weekly=False), True),
])
def test_negbin_dispersion_prior_and_weekday_table(values: list[int], params: SpikeParams, expected: bool) -> None:
    found = [b.index for b in detect(values, params)]
    assert (len(values) - 1 in found) is expected, found


# the rest of a country: about 20 events a day with national waves of 40 and 60; a region that shares them
# (a tenth of the rest every day) and one whose days are its own
REST = [20, 21, 40, 19, 20, 60, 20, 22, 18, 41, 20, 19, 58, 21] * 2
SHARED = [2, 2, 4, 2, 2, 6, 2, 2, 2, 4, 2, 2, 6, 2] * 2
OWN = [2, 3, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 2, 1] * 2


@pytest.mark.parametrize(("region", "last", "rest_last", "method", "expected"), [
    # a national wave: the region and the rest of the country both rise fivefold or more; the region's own
    # test alarms, the pooled one must not (the region has moved with the rest before, the rest explains it)
    (SHARED, 12, 120, "negbin", True),
    (SHARED, 12, 120, "pooled", False),
    (SHARED, 10, 100, "pooled", False),
    # a local break: the region quadruples while the rest is as usual; its own test absorbs it in the
    # dispersion of its past waves, the pooled one knows those were national
    (SHARED, 8, 20, "negbin", False),
    (SHARED, 8, 20, "pooled", True),
    # the region as usual on a quiet national day; a modest local rise within the noise
    (SHARED, 2, 5, "pooled", False),
    (SHARED, 4, 20, "pooled", False),
    # a region that never moved with the rest: the rest's wave explains nothing of its 8 (slope 0)
    (OWN, 8, 80, "pooled", True),
    (OWN, 3, 80, "pooled", False),
])
def test_pooled_reads_a_region_against_the_rest_of_its_country(region: list[int], last: int, rest_last: int,
                                                               method: str, expected: bool) -> None:
    breaks = detect(region + [last], SpikeParams(method=method), rest=REST + [rest_last])
    assert (28 in [b.index for b in breaks]) is expected, breaks
    assert all(b.method == method for b in breaks)


def test_pooled_without_a_usable_rest_reads_the_region_alone() -> None:
    alone = detect(OWN + [8], SpikeParams(method="pooled"))
    assert [(b.index, b.method) for b in alone] == [(28, "negbin")]
    silent = detect(OWN + [8], SpikeParams(method="pooled"), rest=[0] * 28 + [80])  # no baseline to pool
    assert [(b.index, b.method) for b in silent] == [(28, "negbin")]
    with pytest.raises(ValueError, match="rest has 3 days"):
        detect(OWN, SpikeParams(method="pooled"), rest=[1, 2, 3])


def test_index_rest_is_the_country_less_the_region(store: Store) -> None:
    for i, place in enumerate([KHARKIV, KHARKIV, ODESA]):
        save(store, event(f"r{i}", START, place=place))
    index = index_from_store(store, START, START + timedelta(days=1))
    assert index.rest("admin1:UKR/Kharkiv Oblast", "events") == (1.0, 0.0)
    assert index.rest("admin1:UKR/Odesa Oblast", "events") == (2.0, 0.0)
    assert index.rest("country:UKR", "events") is None


def test_settings_build_the_negbin_prior_and_weekday_options() -> None:
    from warwatch.settings import Settings

    params = Settings.load({"WARWATCH_SPIKE_DISPERSION": "0", "WARWATCH_SPIKE_WEEKLY": "false"}).spike_params()
    assert params.dispersion is None and params.weekly is False
    assert Settings.load({}).spike_params().dispersion == 5.0
    assert Settings.load({"WARWATCH_SPIKE_METHOD": "pooled"}).spike_params().method == "pooled"


# -- alert rules and the webhook ----------------------------------------------------------------------------------

class Receiver:
    """A real HTTP server on loopback that records every POST; ``fail_first`` answers 503 that many times."""

    def __init__(self, fail_first: int = 0) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.fail_first > 0:
                    receiver.fail_first -= 1
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


RULE = AlertRule(name="kharkiv", series="country:UKR", metric="events", when="spike", min_sources=2,
                 cooldown_days=3)


def burst(store: Store, day: date, n: int = 6, tag: str = "b") -> None:
    for k in range(n):
        save(store, event(f"{tag}-{day}-{k}", day, dead=1, text=f"Fictional strike number {k} hit Kharkiv."))


def test_a_webhook_alert_reaches_a_loopback_receiver_once_signed_and_again_only_after_the_cooldown(
        store: Store, tmp_path: Path) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30))
    delivery = Delivery(file=tmp_path / "alerts.jsonl", webhooks=())
    options = WebhookOptions(secret="s3cret", backoff_s=0.0)
    params = SpikeParams()
    with Receiver() as receiver:
        delivery = Delivery(file=tmp_path / "alerts.jsonl", webhooks=(receiver.url,))
        first = evaluate(store, [RULE], params)
        assert [a.day for a in first] == [START + timedelta(days=30)]
        alert = first[0]
        assert alert.series == "country:UKR" and alert.value == 6 and alert.ratio > 5
        assert len(alert.events) == 6 and alert.sources == 6
        assert any("Fictional strike number" in e.evidence[0][1] for e in alert.events)
        assert deliver_pending(store, delivery, options) == {"sent": 3, "failed": 0}  # log, file, webhook
        assert len(receiver.requests) == 1
        headers, body = receiver.requests[0]
        assert headers[SIGNATURE_HEADER.lower()] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert headers[ALERT_ID_HEADER.lower()] == alert.alert_id
        payload = json.loads(body)
        assert payload["series"] == "country:UKR" and payload["day"] == "2033-01-31" and payload["value"] == 6
        assert {e["event_id"] for e in payload["events"]} >= {f"b-2033-01-31-{k}" for k in range(6)}

        # evaluated again (the next poll): nothing new, nothing resent
        assert evaluate(store, [RULE], params) == []
        assert deliver_pending(store, delivery, options) == {"sent": 0, "failed": 0}
        # a second burst two days later is inside the 3-day cool-down
        burst(store, START + timedelta(days=32), n=14, tag="c")
        assert evaluate(store, [RULE], params) == []
        # a third one after the cool-down is sent
        burst(store, START + timedelta(days=34), n=20, tag="d")
        third = evaluate(store, [RULE], params)
        assert [a.day for a in third] == [START + timedelta(days=34)]
        deliver_pending(store, delivery, options)
        assert len(receiver.requests) == 2
        assert json.loads(receiver.requests[1][1])["day"] == "2033-02-04"
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 2


def test_alerts_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "r.duckdb"
    with Store.open(path) as store:
        quiet_month(store)
        burst(store, START + timedelta(days=30))
        assert len(evaluate(store, [RULE], SpikeParams())) == 1
    with Receiver() as receiver, Store.open(path) as store:
        delivery = Delivery(webhooks=(receiver.url,))
        assert evaluate(store, [RULE], SpikeParams()) == []  # already raised before the restart
        deliver_pending(store, delivery, WebhookOptions(backoff_s=0.0))  # ... but never delivered: now it is
        deliver_pending(store, delivery, WebhookOptions(backoff_s=0.0))
        assert len(receiver.requests) == 1


def test_webhook_retries_with_backoff_then_succeeds(store: Store) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30))
    evaluate(store, [RULE], SpikeParams())
    waits: list[float] = []
    with Receiver(fail_first=2) as receiver:
        counts = deliver_pending(store, Delivery(webhooks=(receiver.url,)),
                                 WebhookOptions(backoff_s=0.5, retries=3), sleep=waits.append)
        assert counts == {"sent": 2, "failed": 0} and len(receiver.requests) == 1
    assert waits == [0.5, 1.0]


def test_a_failed_webhook_is_retried_at_the_next_evaluation(store: Store) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30))
    evaluate(store, [RULE], SpikeParams())
    with Receiver(fail_first=10) as receiver:
        delivery = Delivery(webhooks=(receiver.url,))
        options = WebhookOptions(backoff_s=0.0, retries=1)
        assert deliver_pending(store, delivery, options, sleep=lambda s: None) == {"sent": 1, "failed": 1}
        receiver.fail_first = 0
        assert deliver_pending(store, delivery, options, sleep=lambda s: None) == {"sent": 1, "failed": 0}
        assert len(receiver.requests) == 1


def test_min_sources_and_threshold_rules(store: Store) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30), n=3)
    strict = AlertRule(name="strict", series="country:UKR", min_sources=50)
    assert evaluate(store, [strict], SpikeParams()) == []
    dead = AlertRule(name="dead", series="dyad:RUS>UKR", metric="dead", when="threshold", threshold=3)
    found = evaluate(store, [dead], SpikeParams())
    assert [(a.day, a.value, a.method) for a in found] == [(START + timedelta(days=30), 3.0, "threshold")]


@pytest.mark.parametrize(("odesa_on_the_day", "method", "alerts"), [
    (8, "negbin", 1),  # Kharkiv's eight on a day Odesa also has eight: a region's own test alarms
    (8, "pooled", 0),  # a national wave: both regions rose with the rest of the country, no regional alert
    (1, "pooled", 1),  # Kharkiv alone rose: a local break
])
def test_pooled_alert_rule_reads_a_region_against_the_rest_of_its_country(store: Store, odesa_on_the_day: int,
                                                                          method: str, alerts: int) -> None:
    for d in range(30):  # a month in which the two regions move together: one or two events a day each
        n = 1 + d % 2
        for k in range(n):
            save(store, event(f"k-{d}-{k}", START + timedelta(days=d)))
            save(store, event(f"o-{d}-{k}", START + timedelta(days=d), place=ODESA))
    day = START + timedelta(days=30)
    for k in range(8):
        save(store, event(f"k-wave-{k}", day))
    for k in range(odesa_on_the_day):
        save(store, event(f"o-wave-{k}", day, place=ODESA))
    rule = AlertRule(name="kharkiv", series="admin1:UKR/Kharkiv Oblast", method=method)
    found = evaluate(store, [rule], SpikeParams())
    assert [(a.day, a.method) for a in found] == [(day, method)] * alerts


def test_rules_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[delivery]\nfile = "out.jsonl"\nwebhooks = ["http://127.0.0.1:9/hook"]\n\n'
                    '[[rule]]\nname = "ukr"\nseries = "country:UKR"\nmetric = "category:assault"\n'
                    'min_sources = 2\ncooldown_days = 2\n')
    rules = load_rules(path)
    assert rules.rules[0].metric == "category:ASSAULT" and rules.rules[0].min_sources == 2
    assert rules.delivery.file == tmp_path / "out.jsonl"
    path.write_text('[[rule]]\nseries = "country:UKR"\nthreshhold = 3\n')
    with pytest.raises(ConfigError, match="threshhold"):
        load_rules(path)
    path.write_text('[[rule]]\nseries = "planet:MARS"\n')
    with pytest.raises(ConfigError, match="bad series"):
        load_rules(path)


def test_signature_is_hmac_sha256_of_the_body() -> None:
    assert signature("k", b"{}") == "sha256=" + hmac.new(b"k", b"{}", hashlib.sha256).hexdigest()


def test_webhook_gives_up_on_a_client_error_without_retrying(store: Store) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30))
    evaluate(store, [RULE], SpikeParams())
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(404)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    counts = deliver_pending(store, Delivery(webhooks=("http://127.0.0.1:9/hook",)), WebhookOptions(), client=client)
    assert counts == {"sent": 1, "failed": 1} and len(calls) == 1


# -- brief ------------------------------------------------------------------------------------------------------

def test_brief_html_names_the_series_values_and_the_events(store: Store, tmp_path: Path) -> None:
    quiet_month(store)
    burst(store, START + timedelta(days=30))
    save(store, event("talks", START + timedelta(days=29), category="CONSULT", score=1.0, place=BELGOROD,
                      actor=(RUS,), recipient=(UKR,), text="Fictional envoys met in Belgorod for talks."))
    since, until = default_period(store, "7d")
    assert (since, until) == (START + timedelta(days=24), START + timedelta(days=30))
    brief = build_brief(store, BriefOptions(since, until, "UKR"))
    assert brief.main.key == "country:UKR"
    assert [r["events"] for r in brief.daily()] == [1, 1, 1, 1, 1, 1, 6]
    assert brief.spikes[0].series == "country:UKR" and brief.spikes[0].day == until
    top = brief.movements[0]
    assert top.direction == "deteriorated" and top.events_now == 12 and top.events_before == 7
    output = tmp_path / "brief.html"
    write_brief(brief, output)
    page = output.read_text()
    assert page.count("data:image/png;base64,") == 2
    assert "12 events, 6 dead, 0 injured." in page
    assert "<td>2033-01-31<td>6<td>54<td>0<td>-54<td>6<td>0</tr>" in page
    assert "b-2033-01-31-0" in page and "Fictional strike number 0 hit Kharkiv." in page
    assert "country:UKR deteriorated" in page
    md = write_brief(brief, tmp_path / "brief.md")
    assert [p.name for p in md] == ["brief.md", "brief-daily.png", "brief-map.png"]
    assert md[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| 2033-01-31 | 6 | 54 | 0 | -54 | 6 | 0 |" in md[0].read_text()


def test_cli_index_brief_and_alerts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.duckdb"
    with Store.open(path) as store:
        quiet_month(store)
        burst(store, START + timedelta(days=30))
    assert main(["index", "--store", str(path), "--since", "2d", "--series", "country:UKR"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("series,date,events,dead") and out[-1].startswith("country:UKR,2033-01-31,6,6,0,54")
    assert main(["index", "--store", str(path), "--since", "40d", "--spikes", "--series", "country:UKR"]) == 0
    spikes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(s["date"], s["metric"]) for s in spikes} == {("2033-01-31", "events"), ("2033-01-31", "dead")}
    assert main(["brief", "--store", str(path), "--since", "7d", "--country", "UKR",
                 "--output", str(tmp_path / "b.html")]) == 0
    assert "Fictional strike number" in (tmp_path / "b.html").read_text()
    rules = tmp_path / "rules.toml"
    rules.write_text('[delivery]\nfile = "sent.jsonl"\n[[rule]]\nname = "r"\nseries = "country:UKR"\n')
    assert main(["alerts", str(rules), "--store", str(path)]) == 0
    assert main(["alerts", str(rules), "--store", str(path)]) == 0
    assert len((tmp_path / "sent.jsonl").read_text().splitlines()) == 1


def test_load_events_filters_by_country(store: Store) -> None:
    save(store, event("u", START))
    save(store, event("r", START, place=BELGOROD))
    assert [e.event_id for e in load_events(store, START, START, country="rus")] == ["r"]


class EmptyFeed:
    def get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        if url.endswith("/robots.txt"):
            return 404, {}, b""
        return 200, {"content-type": "application/rss+xml"}, b"<rss><channel><title>t</title></channel></rss>"


def test_watch_runs_the_alert_hook_after_each_poll(tmp_path: Path) -> None:
    from warwatch.analytics.commands import alert_hook
    from warwatch.settings import Settings
    from warwatch.watch import WatchOptions, watch

    rules = tmp_path / "rules.toml"
    rules.write_text('[delivery]\nfile = "sent.jsonl"\n[[rule]]\nname = "r"\nseries = "country:UKR"\n')
    with Store.open(tmp_path / "w.duckdb") as store:
        quiet_month(store)
        burst(store, START + timedelta(days=30))
        hook = alert_hook(store, Settings.load(environ={}), rules)
        rounds: list[int] = []

        def on_round(stats: Any) -> None:
            rounds.append(stats.rounds)
            hook(stats)

        watch(["http://127.0.0.1:9/feed.xml"], every_s=0, fetch=EmptyFeed(), sink=lambda a: True,
              state_path=tmp_path / "state", max_rounds=2, options=WatchOptions(host_interval_s=0),
              on_round=on_round)
    assert rounds == [1, 2]
    sent = [json.loads(line) for line in (tmp_path / "sent.jsonl").read_text().splitlines()]
    assert [a["day"] for a in sent] == ["2033-01-31"]  # raised in the first round, not again in the second


# -- bench/escalation_bound.py: the bound on any count-only detector (issue 15) ---------------------------------


def _bound_module() -> Any:
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "bench" / "escalation_bound.py"
    spec = importlib.util.spec_from_file_location("escalation_bound", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_bound_single_day_threshold_matches_the_closed_form() -> None:
    """With the two-day sum switched off, a threshold a on the day's count has false alarms 90 P0(X >= a) and
    detection 1 - P1(X < a)^2 (t0 and t0 + 1 both missed); the exact computation gives the same."""
    bound = _bound_module()
    law = bound.Law.of(5.0, 10.0)
    null, step = bound.pmf(5.0, 10.0, law.top), bound.pmf(15.0, 10.0, law.top)
    for a in (8, 12, 16):
        p = law.point(a, 10 * law.top)  # a sum no two days reach: the single-day test alone
        assert p.false_alarms == pytest.approx(90 * float(null[a:].sum()), rel=1e-6)
        assert p.detection == pytest.approx(1 - float(step[:a].sum()) ** 2, rel=1e-6)


@pytest.mark.parametrize(("size", "rates", "low", "high"), [
    (1e9, (5.0,), 0.98, 1.0),  # Poisson at 5 a day: a tripling is plain
    (10.0, (2.0,), 0.55, 0.75),  # bursty noise at 2 a day: out of reach whatever the detector
])
def test_bound_per_rate(size: float, rates: tuple[float, ...], low: float, high: float) -> None:
    bound = _bound_module()
    frontier = bound.hull(bound.points(rates[0], size))
    assert low <= bound.at(frontier, 1.0) <= high
    assert bound.at(frontier, 0.5) <= bound.at(frontier, 1.0) <= bound.at(frontier, 2.0)
