"""Kill tests (issue 18): `warwatch code --store` and `warwatch watch` killed with kill -9 at random moments.

Usage: python bench/kill.py [--kills 20] [--seed 18] [--command code|watch|both] [--articles 40] [--feed-items 6]
                            [--jobs N] [--json]

For each command: one uninterrupted run gives the expected store. Then each trial starts the same command on
a fresh store, kills it with SIGKILL at a random moment of its working phase, re-runs the same command until
one run completes (exit 0), and compares the store with the expected one, article for article (id and content
hash) and event for event (the whole record: id, category, sources, figures, place, date, evidence), with no
report left pending. It also checks that the killed process left no process of its session running (worker
processes used to survive their parent).

The moment of each kill is drawn in the working phase, not in the start-up (loading spaCy and the gazetteer),
where a kill proves nothing:

- ``code``: from the moment the process opens the input file (``/proc/PID/fd``), a uniform share of the
  uninterrupted run's time from that moment to its exit (reading, coding, storing, merging, the last commit).
- ``watch``: after the loopback feed server has answered a random number (1..items) of article pages, plus a
  uniform share of the mean time per article (fetching, coding, storing, merging, recording the item).

The inputs are fictional: invented reports of strikes in real towns, several reports of one event with other
figures, so that merging across articles (and across runs) is exercised. ``tests/test_kill.py`` runs a few
trials of each command with the same functions.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WARWATCH = Path(sys.executable).parent / "warwatch"
TOWNS = {"Kharkiv": "Russian", "Odesa": "Russian", "Sumy": "Russian", "Dnipro": "Russian",
         "Zaporizhzhia": "Russian", "Belgorod": "Ukrainian", "Kursk": "Ukrainian", "Bryansk": "Ukrainian"}
WEAPONS = ("drones", "missiles", "artillery shells", "glide bombs")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
RERUNS = 3  # a re-run that does not complete is tried again this many times


# -- the fictional inputs --------------------------------------------------------------------------------------


def fictional_articles(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` invented reports: about one event per two articles, each event reported with its own figures."""
    rng = random.Random(seed)
    articles: list[dict[str, Any]] = []
    event = 0
    while len(articles) < n:
        town = rng.choice(sorted(TOWNS))
        weapon = rng.choice(WEAPONS)
        day = event % 27 + 1
        for report in range(min(rng.choice((1, 1, 2, 3)), n - len(articles))):
            dead, injured = rng.choice(NUMBERS), rng.choice(NUMBERS)
            sentences = [
                f"{TOWNS[town]} {weapon} struck {town} overnight, the regional governor said on Tuesday.",
                f"{dead.capitalize()} people were killed and {injured} were injured when a block of flats was hit.",
                f"Air defence units shot down {rng.randint(3, 40)} drones over the region, the ministry said.",
                f"Firefighters worked until morning to put out the blaze at depot number {event * 10 + report}.",
                "The foreign ministry condemned the attack and called for new sanctions.",
            ]
            tail = sentences[2:]
            rng.shuffle(tail)
            number = len(articles)
            articles.append({"id": f"kill-{number:04d}", "published": f"2031-03-{day:02d}",
                             "title": f"Strike on {town} (fictional, report {report + 1})",
                             "text": " ".join(sentences[:2] + tail)})
        event += 1
    return articles


def write_corpus(path: Path, articles: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def _page(article: dict[str, Any]) -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in article["text"].rstrip(".").split(". "))
    return (f"<html><head><title>{article['title']}</title><meta property='article:published_time' "
            f"content='{article['published']}T08:00:00+00:00'></head><body><article><h1>{article['title']}</h1>"
            f"{paragraphs}</article></body></html>")


def _feed(base: str, articles: list[dict[str, Any]]) -> str:
    items = "".join(f"<item><title>{a['title']}</title><link>{base}/{a['id']}.html</link><guid>{a['id']}</guid>"
                    f"<pubDate>Tue, {a['published'][8:]} Mar 2031 08:00:00 +0000</pubDate></item>" for a in articles)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Fictional wire</title>{items}</channel></rss>"


class FeedServer:
    """A loopback HTTP server of a feed (``/feed.xml``) and its article pages, counting the pages it served."""

    def __init__(self, root: Path, articles: list[dict[str, Any]]) -> None:
        self.pages = 0
        self._lock = threading.Lock()
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                super().do_GET()
                if self.path.endswith(".html"):
                    with server._lock:
                        server.pages += 1

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                return

        root.mkdir(parents=True, exist_ok=True)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        for article in articles:
            (root / f"{article['id']}.html").write_text(_page(article), encoding="utf-8")
        (root / "feed.xml").write_text(_feed(self.base, articles), encoding="utf-8")
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def served(self) -> int:
        with self._lock:
            return self.pages


# -- what two stores must share -----------------------------------------------------------------------------------


def snapshot(path: Path) -> dict[str, Any]:
    """Articles (id -> content hash), events (id -> the whole record, sources sorted) and the reports left
    pending. A copy of the store is opened, so a store a killed process left is read as the re-run finds it."""
    from warwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        for suffix in ("", ".wal"):
            if Path(f"{path}{suffix}").exists():
                shutil.copy2(f"{path}{suffix}", f"{copy}{suffix}")
        if not copy.exists():
            return {"articles": {}, "events": {}, "pending": 0}
        with Store.open(copy) as store:
            articles = dict(store.fetch("SELECT id, content_hash FROM articles"))
            events = {e["event_id"]: json.dumps(e, sort_keys=True) for e in
                      store.events(limit=None, include_background=True)}
            pending = len(store.pending_reports())
    return {"articles": articles, "events": events, "pending": pending}


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """What differs, in words (empty: the stores are equal)."""
    out = []
    for kind in ("articles", "events"):
        want, have = expected[kind], got[kind]
        missing, extra = sorted(set(want) - set(have)), sorted(set(have) - set(want))
        changed = sorted(k for k in set(want) & set(have) if want[k] != have[k])
        for label, keys in (("missing", missing), ("extra", extra), ("changed", changed)):
            if keys:
                out.append(f"{kind} {label} {len(keys)}: {', '.join(keys[:3])}")
        for key in changed[:2]:
            a, b = json.loads(want[key]), json.loads(have[key])
            if isinstance(a, dict) and isinstance(b, dict):
                fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
                out.append(f"  event {key}: fields {', '.join(fields)}")
    if got["pending"]:
        out.append(f"reports left pending {got['pending']}")
    return out


# -- processes ------------------------------------------------------------------------------------------------------


def _session(sid: int) -> list[int]:
    """Processes of the session ``sid`` still running (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(") ", 1)[1].split()
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(int(entry.name))
    return found


def _survivors(sid: int, grace_s: float = 15.0) -> int:
    """Processes the killed process left running after ``grace_s``; they are killed (by id) and counted."""
    deadline = time.monotonic() + grace_s
    left = _session(sid)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _session(sid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(left)


def _sleep(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait ``seconds``, or less if the process ends first."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _opened(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


@dataclass(frozen=True)
class Command:
    """One command under test: its arguments for a store, when its working phase has begun, and when to kill it
    (``kill_after(rng, working_s)`` returns the wait, called with the process once its working phase began,
    which returns when the process is to be killed, or has ended)."""

    name: str
    argv: Callable[[Path], list[str]]
    started: Callable[[subprocess.Popen[bytes], Path], bool]  # (the process, its store)
    kill_after: Callable[[random.Random, float], Callable[[subprocess.Popen[bytes]], None]]
    env: dict[str, str]
    reset: Callable[[], None]  # called as each run starts


def _wait_until(process: subprocess.Popen[bytes], command: Command, store: Path, timeout_s: float = 600) -> bool:
    deadline = time.monotonic() + timeout_s
    while process.poll() is None and time.monotonic() < deadline:
        if command.started(process, store):
            return True
        time.sleep(0.02)
    return False


@dataclass
class Trial:
    moment_s: float  # from the start of the working phase
    at_kill: str  # what the store held when the process died
    stored: int | None  # articles stored when the process died (None: it had completed)
    reruns: int
    survivors: int
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences and not self.survivors


def baseline(command: Command, store: Path) -> tuple[dict[str, Any], float, float]:
    """One uninterrupted run: its store, the start-up time and the time of the working phase."""
    command.reset()
    t0 = time.monotonic()
    with subprocess.Popen(command.argv(store), env=command.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        _wait_until(process, command, store)
        t1 = time.monotonic()
        _, err = process.communicate(timeout=900)
        if process.returncode != 0:
            raise RuntimeError(f"the uninterrupted {command.name} failed ({process.returncode}): {err.decode()[-800:]}")
    return snapshot(store), t1 - t0, time.monotonic() - t1


def kill_once(command: Command, store: Path, wait: Callable[[subprocess.Popen[bytes]], None]
              ) -> tuple[float, bool, int]:
    """Start ``command`` on ``store``, SIGKILL it at the moment ``wait`` (called once the working phase began)
    chooses: (seconds into the working phase, whether it had completed first, processes it left running)."""
    command.reset()
    with subprocess.Popen(command.argv(store), env=command.env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, start_new_session=True) as process:
        _wait_until(process, command, store)
        t0 = time.monotonic()
        wait(process)
        moment = time.monotonic() - t0
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        return moment, process.returncode == 0, _survivors(process.pid)


def trial(command: Command, store: Path, expected: dict[str, Any],
          wait: Callable[[subprocess.Popen[bytes]], None]) -> Trial:
    """Kill one run of ``command`` at the moment ``wait`` chooses, then re-run it until it completes and compare
    the store."""
    moment, finished, survivors = kill_once(command, store, wait)
    held = None if finished else snapshot(store)
    at_kill = "the run had completed (exit 0)" if held is None else (
        f"{len(held['articles'])}/{len(expected['articles'])} articles, {len(held['events'])} events, "
        f"{held['pending']} pending")
    reruns, errors = 0, []
    for reruns in range(1, RERUNS + 1):  # noqa: B007 - the count is reported
        command.reset()
        done = subprocess.run(command.argv(store), env=command.env, capture_output=True, timeout=900)
        if done.returncode == 0:
            break
        errors.append(f"re-run {reruns} exit {done.returncode}: {done.stderr.decode()[-400:]}")
    found = differences(expected, snapshot(store)) + errors[-1:]
    if survivors:
        found.append(f"{survivors} processes of the killed run still running after 15 s")
    return Trial(round(moment, 2), at_kill, None if held is None else len(held["articles"]), reruns, survivors,
                 found)


# -- the two commands -------------------------------------------------------------------------------------------


def _env(work: Path) -> dict[str, str]:
    return {**os.environ, "WARWATCH_STORE": str(work / "unused.duckdb")}


def code_command(work: Path, corpus: Path, jobs: int | None) -> Command:
    def argv(store: Path) -> list[str]:
        extra = ["--jobs", str(jobs)] if jobs else []
        return [str(WARWATCH), "code", str(corpus), "--store", str(store), "--output", f"{store}.jsonl",
                "--no-progress", "--batch-size", "4", "--store-batch", "4", *extra]

    wal: dict[str, int] = {}  # the store's write-ahead log when the input was opened (the schema, no article)

    def started(process: subprocess.Popen[bytes], store: Path) -> bool:
        size = _size(Path(f"{store}.wal"))
        if "opened" not in wal:
            if not _opened(process.pid, corpus.resolve()):
                return False
            wal["opened"] = size
        return size != wal["opened"]  # the first article was committed (or the log checkpointed)

    def kill_after(rng: random.Random, working_s: float) -> Callable[[subprocess.Popen[bytes]], None]:
        share = rng.uniform(0, 1)
        return lambda process: _sleep(process, working_s * share)  # a share of the uninterrupted working phase

    return Command("code", argv, started, kill_after, _env(work), wal.clear)


def watch_command(work: Path, server: FeedServer, items: int) -> Command:
    def argv(store: Path) -> list[str]:
        return [str(WARWATCH), "watch", f"{server.base}/feed.xml", "--every", "0s", "--rounds", "1",
                "--store", str(store), "--state", f"{store}.state.sqlite"]

    mark = {"pages": 0}  # pages served before this run started

    def reset() -> None:
        mark["pages"] = server.served()

    def started(process: subprocess.Popen[bytes], store: Path) -> bool:
        return server.served() > mark["pages"]  # the first page of this run was fetched

    def kill_after(rng: random.Random, working_s: float) -> Callable[[subprocess.Popen[bytes]], None]:
        pages, extra = rng.randint(1, items), rng.uniform(0, working_s / items)

        def wait(process: subprocess.Popen[bytes]) -> None:  # after a random number of pages (a run on a store
            # that earlier runs filled fetches fewer: it may end first), and a share of one article's time
            deadline = time.monotonic() + 600
            while server.served() - mark["pages"] < pages and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            _sleep(process, extra)

        return wait

    return Command("watch", argv, started, kill_after, _env(work), reset)


def run_trials(command: Command, work: Path, kills: int, rng: random.Random,
               log: Callable[[str], None] = print) -> dict[str, Any]:
    """The baseline and ``kills`` trials of one command; returns the figures and every trial."""
    expected, startup, working = baseline(command, work / f"{command.name}-whole.duckdb")
    log(f"{command.name}: uninterrupted run: start-up {startup:.1f} s, working phase {working:.1f} s, "
        f"{len(expected['articles'])} articles, {len(expected['events'])} events")
    trials = []
    for number in range(kills):
        wait = command.kill_after(rng, working)
        result = trial(command, work / f"{command.name}-{number:02d}.duckdb", expected, wait)
        trials.append(result)
        log(f"{command.name} kill {number + 1:2d}: {'ok ' if result.ok else 'FAIL'} at {result.moment_s:5.1f} s; "
            f"store at the kill: {result.at_kill}; re-runs {result.reruns}"
            + "".join(f"\n    {d}" for d in result.differences))
    total = len(expected["articles"])
    return {"command": command.name, "kills": kills, "passed": sum(t.ok for t in trials),
            "startup_s": round(startup, 1), "working_s": round(working, 1), "articles": total,
            "events": len(expected["events"]),
            "mid_run": sum(1 for t in trials if t.stored is not None and 0 < t.stored < total),
            "survivors": sum(t.survivors for t in trials), "trials": [asdict(t) for t in trials]}


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="warwatch-kill-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="kills per command (default 20)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--command", choices=("code", "watch", "both"), default="both")
    parser.add_argument("--articles", type=int, default=40, help="articles of the code corpus (default 40)")
    parser.add_argument("--feed-items", type=int, default=6, help="items of the watched feed (default 6)")
    parser.add_argument("--jobs", type=int, help="warwatch code --jobs (default: the setting, every core)")
    parser.add_argument("--workdir", type=Path, help="keep the stores here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results = []
    with workdir(args.workdir) as work:
        if args.command in ("code", "both"):
            corpus = write_corpus(work / "corpus.jsonl", fictional_articles(args.articles, args.seed))
            results.append(run_trials(code_command(work, corpus, args.jobs), work, args.kills, rng))
        if args.command in ("watch", "both"):
            with FeedServer(work / "site", fictional_articles(args.feed_items, args.seed + 1)) as server:
                results.append(run_trials(watch_command(work, server, args.feed_items), work, args.kills, rng))
    print(f"\n{'command':8} {'passed':>8} {'mid-run':>8} {'survivors':>9} {'start-up':>9} {'working':>8} "
          f"{'articles':>8} {'events':>6}")
    for r in results:
        print(f"{r['command']:8} {r['passed']:>3} of {r['kills']:<2} {r['mid_run']:>8} {r['survivors']:>9} "
              f"{r['startup_s']:>7.1f} s {r['working_s']:>6.1f} s {r['articles']:>8} {r['events']:>6}")
    print(f"(load average {os.getloadavg()[0]:.1f}; mid-run: kills that left part of the articles stored)")
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "trials"} for r in results]))
    return 0 if all(r["passed"] == r["kills"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
