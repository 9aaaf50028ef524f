"""Fuzzing `warwatch code` (issue 18): generated and mutated inputs, and the crashes they cause (target 0).

Usage: python bench/fuzz.py [--inputs 10000] [--seed 18] [--batch 1000] [--jobs 1] [--timeout 900]
                            [--keep DIR] [--json]

Inputs, from seed documents written here (fictional reports): JSONL lines (valid, truncated, deeply nested,
wrong types, huge strings, invalid UTF-8, byte-order marks, NUL bytes, lone surrogate escapes, JSON arrays),
HTML pages, RSS and Atom feeds, WARC files (plain and gzip, cut anywhere), plain text, Parquet files and files
that only start like one, JSON array files, random bytes, and number and date phrases. Each is mutated or not:
byte flips, truncation, splicing with another seed, repetition of a slice, insertion of awkward bytes.

Every input goes twice through the system:

1. in process, for speed: each document through ``read_inputs`` (the sniffing and the reader it picks), the
   JSONL lines through ``read_jsonl`` batch by batch, each phrase through the number and date parsers
   (``parse_number``, ``extract_casualties``, ``find_time_expressions``, ``resolve_event_date``,
   ``parse_any_date``);
2. through the real ``warwatch code`` with a store, in batches (one JSONL file of ``--batch`` lines, or one
   directory of ``--batch`` documents, per run; phrases as the texts of articles).

A crash is: an exception out of a reader or parser (other than ``parse_published``'s documented
ValueError); a Python traceback on the command's stderr; an exit code outside the table of ``warwatch.cli``
(0, 1, 2, 3, 4, 5, 6, 130); a run or a read over the timeout (a hang); a good line lost (sentinel articles,
put among the bad ones, missing from the reader's output or from the store). Crashing inputs are saved to
``--keep`` (default: a temporary folder, printed) to be replayed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

WARWATCH = Path(sys.executable).parent / "warwatch"
EXIT_TABLE = frozenset({0, 1, 2, 3, 4, 5, 6, 130})  # warwatch.cli's documented exit codes
READ_TIMEOUT_S = 30  # one document through a reader, in process
SENTINEL_TEXT = "Russian missiles struck Kharkiv overnight, killing four people, the regional governor said on Monday."
SHARES = {  # of --inputs, per kind
    "jsonl": 0.30, "html": 0.08, "feed": 0.08, "warc": 0.05, "warc_gz": 0.04, "text": 0.05, "parquet": 0.04,
    "json_array": 0.04, "bytes": 0.04, "number": 0.14, "date": 0.14,
}
DOCUMENT_KINDS = ("html", "feed", "warc", "warc_gz", "text", "parquet", "json_array", "bytes")
SUFFIXES = {"html": ".html", "feed": ".xml", "warc": ".warc", "warc_gz": ".warc.gz", "text": ".txt",
            "parquet": ".parquet", "json_array": ".json", "bytes": ""}
AWKWARD = (b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\r", b"\n", b"<", b"]]>", b"&#xD800;", b"&#0;", b"\\ud800",
           b"\\u0000", b"[" * 3000, b"{\"a\":" * 500, b"<div>" * 2000, b"\t" * 100, "\u202e".encode(), b"PAR1")

# one line of the first JSONL batch: a war text over max_chars (100,000 characters), cut and coded; every sentence
# is an event (5,000 reports of one event), so one such line costs minutes of a loaded machine
HUGE_REPORT = json.dumps({"id": "huge-report", "published": "2031-03-04", "text": "Drones struck Sumy. " * 5_500})
TOWNS = ("Kharkiv", "Odesa", "Sumy", "Dnipro", "Belgorod", "Kursk", "Gaza", "Khan Younis", "Aleppo", "Goma")


# -- seeds ---------------------------------------------------------------------------------------------------------


def report(rng: random.Random) -> dict[str, Any]:
    """One fictional report as a JSONL record."""
    town = rng.choice(TOWNS)
    dead, injured = rng.randint(0, 40), rng.randint(0, 90)
    text = (f"Drones struck {town} overnight, killing {dead} people and wounding {injured} others, the governor "
            f"said on Tuesday. Firefighters put out a blaze at a warehouse. Air defence shot down "
            f"{rng.randint(2, 30)} drones, the military said.")
    return {"id": f"fz-{rng.randrange(10**9)}", "published": f"2031-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
            "title": f"Strike on {town} (fictional)", "url": f"https://news.example/{town.lower()}", "text": text}


def html_page(record: dict[str, Any]) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{record['title']}</title><meta property='article:published_time' "
            f"content='{record['published']}'></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>{record['title']}</h1><p>{record['text']}</p></article><footer>(c) fictional</footer></body>"
            "</html>").encode()


def rss(records: list[dict[str, Any]]) -> bytes:
    items = "".join(f"<item><title>{r['title']}</title><link>{r['url']}</link><guid>{r['id']}</guid><pubDate>"
                    f"Tue, 04 Mar 2031 08:00:00 +0000</pubDate><description><![CDATA[<p>{r['text']}</p>]]>"
                    "</description></item>" for r in records)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()


def atom(records: list[dict[str, Any]]) -> bytes:
    entries = "".join(f"<entry><title>{r['title']}</title><link href='{r['url']}'/><id>{r['id']}</id><updated>"
                      f"{r['published']}T08:00:00Z</updated><content type='html'>&lt;p&gt;{r['text']}&lt;/p&gt;"
                      "</content></entry>" for r in records)
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
            f"{entries}</feed>").encode()


def warc(records: list[dict[str, Any]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for r in records:
        body = html_page(r)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(r["url"], "response", payload=io.BytesIO(body),
                                                      length=len(body), http_headers=headers))
    return buffer.getvalue()


def parquet(records: list[dict[str, Any]], work: Path) -> bytes:
    import duckdb

    source, target = work / "seed.json", work / "seed.parquet"
    source.write_text(json.dumps(records), encoding="utf-8")
    with duckdb.connect() as con:
        con.execute(f"COPY (SELECT * FROM read_json_auto('{source}')) TO '{target}' (FORMAT parquet)")
    data = target.read_bytes()
    source.unlink()
    target.unlink()
    return data


@dataclass
class Seeds:
    documents: dict[str, list[bytes]]

    @classmethod
    def make(cls, rng: random.Random, work: Path) -> Seeds:
        batches = [[report(rng) for _ in range(rng.randint(1, 3))] for _ in range(4)]
        return cls({
            "html": [html_page(b[0]) for b in batches],
            "feed": [rss(b) for b in batches] + [atom(b) for b in batches],
            "warc": [warc(b, False) for b in batches],
            "warc_gz": [warc(b, True) for b in batches],
            "text": [b[0]["text"].encode() for b in batches],
            "parquet": [parquet(b, work) for b in batches[:2]] + [b"PAR1" + rng.randbytes(64), b"PAR1"],
            "json_array": [json.dumps(b, indent=1).encode() for b in batches],
            "bytes": [rng.randbytes(200), bytes(range(256))],
        })

    def any(self, rng: random.Random) -> bytes:
        return rng.choice(self.documents[rng.choice(sorted(self.documents))])


# -- mutations -----------------------------------------------------------------------------------------------------


def mutate(data: bytes, rng: random.Random, seeds: Seeds) -> bytes:
    """One to three of: byte flips, truncation, splicing, repetition, insertion of awkward bytes."""
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(("flip", "truncate", "splice", "repeat", "insert"))
        n = len(data)
        if op == "flip" and n:
            out = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(n)] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(256)
            data = bytes(out)
        elif op == "truncate":
            data = data[: rng.randint(0, n)]
        elif op == "splice":
            other = seeds.any(rng)
            data = data[: rng.randint(0, n)] + other[rng.randint(0, len(other)):]
        elif op == "repeat" and n:
            start = rng.randrange(n)
            piece = data[start: start + rng.randint(1, 200)]
            data = data[:start] + piece * rng.randint(2, 200) + data[start:]
        else:
            at = rng.randint(0, n)
            data = data[:at] + rng.choice(AWKWARD) + data[at:]
    return data


def document(kind: str, rng: random.Random, seeds: Seeds) -> bytes:
    if kind == "bytes":
        return rng.randbytes(rng.randint(0, 600))
    data = rng.choice(seeds.documents[kind])
    return data if rng.random() < 0.1 else mutate(data, rng, seeds)


def _deep(rng: random.Random) -> bytes:
    depth = rng.choice((50, 900, 1001, 5000, rng.randint(1, 100_000)))
    inner = b"[" * depth + b"]" * depth
    return inner if rng.random() < 0.4 else b'{"id": "deep", "text": ' + inner + b"}"


def jsonl_line(rng: random.Random, seeds: Seeds) -> bytes:
    """One line (no newline in it) of a JSONL file: good, bad or strange."""
    record = report(rng)
    choice = rng.randrange(14)
    if choice == 0:
        line = json.dumps(record).encode()
    elif choice == 1:
        whole = json.dumps(record).encode()
        line = whole[: rng.randint(0, len(whole))]
    elif choice == 2:
        line = _deep(rng)
    elif choice == 3:  # wrong types
        name = rng.choice(("id", "text", "published", "title", "url"))
        record[name] = rng.choice((None, 0, -1, 1e308, True, [], {}, [record["text"]], {"x": 1}, "", " ", "\u0000"))
        line = json.dumps(record).encode()
    elif choice == 4:  # huge strings: a text cut to max_chars (war words: coded; filler: screened out), id, title
        name = rng.choice(("text", "text", "id", "title"))  # (one coded text over max_chars: see HUGE_REPORT)
        filler = rng.choice(("x", "a b ", "la la la ")) if name == "text" else "x"
        record[name] = filler * (rng.randint(5_000, 1_000_000) // len(filler))
        line = json.dumps(record).encode()
    elif choice == 5:  # invalid UTF-8 inside a string
        whole = json.dumps(record).encode()
        at = whole.index(b'"text": "') + 12
        line = whole[:at] + rng.choice((b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80")) + whole[at:]
    elif choice == 6:
        line = b"\xef\xbb\xbf" + json.dumps(record).encode()
    elif choice == 7:  # NUL: raw (not JSON) or escaped (a character of the text)
        line = json.dumps({**record, "text": record["text"] + "\u0000 end"}).encode() if rng.random() < 0.5 else \
            json.dumps(record).encode().replace(b" ", b"\x00", 2)
    elif choice == 8:  # lone surrogate escapes
        escaped = json.dumps(record).encode()
        line = escaped.replace(b"overnight", rng.choice((b"\\ud83d overnight", b"\\udc00", b"\\ud800\\ud800")), 1)
    elif choice == 9:  # JSON arrays on one line
        items: list[Any] = [report(rng) for _ in range(rng.randint(0, 3))] + rng.choice(([], [1], ["x"], [None]))
        line = json.dumps(items).encode()
    elif choice == 10:  # numbers and keys JSON allows but Python may not expect
        line = rng.choice((b'{"id": 1e400, "text": "Drones struck Sumy."}', b'{"id": NaN, "text": "x"}',
                           b'{"id": "a", "id": "b", "text": "Drones struck Sumy."}', b'{"id": -0, "text": "t"}',
                           b'{"id": 123456789012345678901234567890, "text": "Drones struck Sumy."}',
                           b'{"id": "x", "text": "Drones struck Sumy.", "published": "2031-02-30"}',
                           b'{"id": "x", "text": "Drones struck Sumy.", "published": "99999-01-01"}',
                           b'{"id": "x", "text": "Drones struck Sumy.", "published": "0001-01-01T00:00:00+14:00"}'))
    else:
        line = mutate(json.dumps(record).encode(), rng, seeds)
    return line.replace(b"\n", b" ")


NUMBER_PHRASES = ("{n} people were killed", "killing {n} and wounding {n}", "the death toll rose to {n}",
                  "at least {n} dead", "{n} civilians were injured", "between {n} and {n} were hurt",
                  "{n} of them children", "no one was hurt", "dozens of {n} died")
NUMBERS = ("two", "thirty-four", "a dozen", "1,200", "999999999999999999999999", "-3", "0", "½", "٣", "3.5",
           "one hundred and twelve", "two hundred thousand million", "1e9", "a", "nine nine nine", "12,34,5",
           "hundreds", "a hundred and", "", "1" * 500, "twenty-" * 50)
DATE_PHRASES = ("on {d}", "last {d}", "overnight on {d}", "since {d}", "{d}, officials said", "early on {d} morning",
                "in {d}", "{d} ago", "earlier this {d}")
DATES = ("Tuesday", "31 February", "February 30, 2031", "2031-13-45", "0/0/0000", "March 99999", "10000 BC",
         "Feb 29 1900", "9999-12-31", "0001-01-01", "Friday 13", "the 32nd", "3 days", "999999999 days",
         "week", "month", "December 31, 9999", "January 1, 1", "")


def phrase(kind: str, rng: random.Random) -> str:
    if kind == "number":
        text = rng.choice(NUMBER_PHRASES).format(n=rng.choice(NUMBERS))
    else:
        text = rng.choice(DATE_PHRASES).format(d=rng.choice(DATES))
    if rng.random() < 0.5:
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(chars))
            chars[at:at + rng.randint(0, 2)] = rng.choice(("", "9", " ", "-", "\u00a0", ",", "\u0000", "’", "\n",
                                                           "999999999999"))
        text = "".join(chars)
    return text


# -- in process ----------------------------------------------------------------------------------------------------


class _Hang(Exception):
    pass


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise _Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Crash:
    kind: str
    where: str  # "reader", "parser", "cli"
    what: str
    sample: str  # the saved input


@dataclass
class Tally:
    inputs: Counter[str] = field(default_factory=Counter)
    articles: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    crashes: list[Crash] = field(default_factory=list)
    runs: int = 0
    run_seconds: float = 0.0
    through_cli: int = 0  # inputs whose batch went through warwatch code


def read_document(path: Path) -> tuple[int, int]:
    """(articles, skipped) from one file through ``read_inputs``; raises what the reader raised."""
    from warwatch.ingest import Skipped, read_inputs

    articles = skipped = 0
    for item in read_inputs([str(path)]):
        if isinstance(item, Skipped):
            if not (item.location and item.message):
                raise AssertionError(f"a Skipped without location or message: {item}")
            skipped += 1
        else:
            articles += 1
    return articles, skipped


def check_phrase(text: str) -> None:
    from warwatch.dates import find_time_expressions, resolve_event_date
    from warwatch.ingest.common import parse_any_date, parse_published
    from warwatch.numbers import extract_casualties
    from warwatch.numbers.words import parse_number

    parse_number(text)
    extract_casualties(text)
    for published in (date(2031, 3, 4), None, date(1, 1, 1), date(9999, 12, 31)):
        find_time_expressions(text, published)
        resolve_event_date(text, published)
    parse_any_date(text)
    try:
        parse_published(text)
    except ValueError:  # its documented answer to a string that is not an ISO date
        pass


def guarded(kind: str, where: str, sample: Path, tally: Tally, call: Callable[[], object]) -> object:
    try:
        with deadline(READ_TIMEOUT_S):
            return call()
    except _Hang as error:
        tally.crashes.append(Crash(kind, where, f"hang ({error})", str(sample)))
    except Exception as error:  # noqa: BLE001 - every exception is what the harness looks for
        last = traceback.extract_tb(error.__traceback__)[-1]
        tally.crashes.append(Crash(kind, where, f"{type(error).__name__}: {str(error)[:200]} "
                                   f"({Path(last.filename).name}:{last.lineno})", str(sample)))
    return None


# -- through warwatch code -----------------------------------------------------------------------------------------


def run_cli(target: Path, store: Path, sentinels: list[str], markers: list[str], kind: str, jobs: int,
            timeout_s: int, tally: Tally) -> None:
    """One `warwatch code TARGET --store STORE` run; records the crashes it shows."""
    out = store.with_suffix(".events.jsonl")
    argv = [str(WARWATCH), "code", str(target), "--store", str(store), "-o", str(out), "--no-progress",
            "--jobs", str(jobs)]
    t0 = time.monotonic()
    try:
        done = subprocess.run(argv, capture_output=True, timeout=timeout_s,
                              env={**os.environ, "WARWATCH_STORE": str(store)})
    except subprocess.TimeoutExpired:
        tally.crashes.append(Crash(kind, "cli", f"hang: over {timeout_s} s", str(target)))
        return
    finally:
        tally.runs += 1
        tally.run_seconds += time.monotonic() - t0
    err = done.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in err:
        tail = [line for line in err.splitlines() if line and not line.startswith(" ")][-1]
        tally.crashes.append(Crash(kind, "cli", f"traceback: {tail[:300]}", str(target)))
    if done.returncode not in EXIT_TABLE:
        tally.crashes.append(Crash(kind, "cli", f"exit {done.returncode} (not in the table)", str(target)))
    if done.returncode not in (0, 1):
        tally.crashes.append(Crash(kind, "cli", f"exit {done.returncode}: {err.strip()[-300:]}", str(target)))
        return
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)  # the output is JSONL
    lost = lost_sentinels(store, sentinels, markers)
    if lost:
        tally.crashes.append(Crash(kind, "cli", f"good lines lost: {', '.join(lost[:5])}", str(target)))


def lost_sentinels(store: Path, ids: list[str], markers: list[str]) -> list[str]:
    from warwatch.store import Store

    with Store.open(store, read_only=True) as db:
        held = {row[0] for row in db.fetch("SELECT id FROM articles")}
        texts = [row[0] for row in db.fetch("SELECT text FROM articles WHERE text LIKE '%sentinel-marker-%'")]
    lost = [i for i in ids if i not in held]
    return lost + [m for m in markers if not any(m in t for t in texts)]


# -- the run -------------------------------------------------------------------------------------------------------


def allocate(total: int) -> dict[str, int]:
    counts = {kind: int(total * share) for kind, share in SHARES.items()}
    counts["jsonl"] += total - sum(counts.values())
    return counts


def sentinel_line(batch: int, k: int) -> tuple[str, bytes]:
    ident = f"sentinel-{batch}-{k}"
    record = {"id": ident, "published": "2031-03-04", "title": "Sentinel (fictional)", "text": SENTINEL_TEXT}
    return ident, json.dumps(record).encode()


@dataclass(frozen=True)
class Batch:
    """One input of `warwatch code` (a JSONL file or a folder of documents) and what must come out of it."""

    kind: str
    target: Path
    inputs: int
    sentinels: list[str]  # ids of good JSONL lines that must be stored
    markers: list[str]  # words of good text files whose text must be stored


def prepare_jsonl(lines: list[bytes], kind: str, number: int, work: Path, tally: Tally) -> Batch:
    """One JSONL file of ``lines`` with a good sentinel line every 50, read in process."""
    from warwatch.ingest import Skipped, read_jsonl

    path = work / f"{kind}-{number:03d}.jsonl"
    sentinels, body = [], []
    for k, line in enumerate(lines):
        if k % 50 == 0:
            ident, good = sentinel_line(number, k)
            sentinels.append(ident)
            body.append(good)
        body.append(line)
    path.write_bytes(b"\n".join(body) + b"\n")
    items = guarded(kind, "reader", path, tally, lambda: list(read_jsonl(path)))
    if isinstance(items, list):
        read = {i.id for i in items if not isinstance(i, Skipped)}
        tally.articles[kind] += len(read)
        tally.skipped[kind] += sum(isinstance(i, Skipped) for i in items)
        lost = [s for s in sentinels if s not in read]
        if lost:
            tally.crashes.append(Crash(kind, "reader", f"good lines lost: {', '.join(lost[:5])}", str(path)))
    return Batch(kind, path, len(lines), sentinels, [])


def prepare_documents(docs: list[tuple[str, bytes]], number: int, work: Path, tally: Tally,
                      rng: random.Random) -> Batch:
    """One folder of documents with a good sentinel text file, each document read in process."""
    folder = work / f"docs-{number:03d}"
    folder.mkdir()
    for k, (kind, data) in enumerate(docs):
        suffix = SUFFIXES[kind] if rng.random() < 0.8 else rng.choice(sorted(set(SUFFIXES.values())))
        path = folder / f"{k:04d}-{kind}{suffix}"
        path.write_bytes(data)
        found = guarded(kind, "reader", path, tally, lambda p=path: read_document(p))  # type: ignore[misc]
        if isinstance(found, tuple):
            tally.articles[kind] += found[0]
            tally.skipped[kind] += found[1]
    marker = f"sentinel-marker-{number}"
    (folder / "zzzz-sentinel.txt").write_text(f"{SENTINEL_TEXT} ({marker})\n", encoding="utf-8")
    return Batch("documents", folder, len(docs), [], [marker])


def prepare(args: argparse.Namespace, rng: random.Random, work: Path, counts: dict[str, int],
            tally: Tally) -> list[Batch]:
    """Every input generated, written and checked in process; the batches for `warwatch code`."""
    seeds = Seeds.make(rng, work)
    batches = []
    lines = [jsonl_line(rng, seeds) for _ in range(counts["jsonl"])]
    if lines:
        lines[len(lines) // 3 % args.batch] = HUGE_REPORT.encode()
    for number, start in enumerate(range(0, len(lines), args.batch)):
        batches.append(prepare_jsonl(lines[start:start + args.batch], "jsonl", number, work, tally))

    phrases = [(kind, phrase(kind, rng)) for kind in ("number", "date") for _ in range(counts[kind])]
    (work / "phrases.txt").write_text("\n".join(repr(t) for _, t in phrases), encoding="utf-8")
    for kind, text in phrases:
        guarded(kind, "parser", work / "phrases.txt", tally, lambda t=text: check_phrase(t))  # type: ignore[misc]
    phrase_lines = []
    for n, (_, text) in enumerate(phrases):
        record = {"id": f"phrase-{n}", "published": "2031-03-04", "text": f"Drones struck Sumy {text}, officials "
                  f"said. {text.capitalize()} in the attack on Kharkiv."}
        phrase_lines.append(json.dumps(record).encode())
    for number, start in enumerate(range(0, len(phrase_lines), args.batch)):
        batches.append(prepare_jsonl(phrase_lines[start:start + args.batch], "phrases", number, work, tally))

    docs = [(kind, document(kind, rng, seeds)) for kind in DOCUMENT_KINDS for _ in range(counts[kind])]
    rng.shuffle(docs)
    for number, start in enumerate(range(0, len(docs), args.batch)):
        batches.append(prepare_documents(docs[start:start + args.batch], number, work, tally, rng))
    return batches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--batch", type=int, default=1000, help="inputs per warwatch code run (default 1000)")
    parser.add_argument("--jobs", type=int, default=1, help="warwatch code --jobs (default 1)")
    parser.add_argument("--timeout", type=int, default=2400, help="seconds before a run counts as a hang")
    parser.add_argument("--keep", type=Path, help="write the batches here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="warwatch-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    started = time.monotonic()
    counts = allocate(args.inputs)
    tally.inputs.update(counts)
    batches = prepare(args, rng, work, counts, tally)
    print(f"in process: {sum(counts.values())} inputs read and parsed in {time.monotonic() - started:.0f} s, "
          f"{len(tally.crashes)} crashes", file=sys.stderr, flush=True)
    for batch in batches:  # then through the real command, batch by batch
        run_cli(batch.target, batch.target.with_suffix(".duckdb"), batch.sentinels, batch.markers, batch.kind,
                args.jobs, args.timeout, tally)
        tally.through_cli += batch.inputs
        print(f"warwatch code: {tally.through_cli} of {sum(counts.values())} inputs ({batch.target.name}), "
              f"{len(tally.crashes)} crashes so far, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)

    report_tally(tally, counts, work, time.monotonic() - started, args.json)
    return 1 if tally.crashes else 0


def report_tally(tally: Tally, counts: dict[str, int], work: Path, seconds: float, as_json: bool) -> None:
    by_kind = Counter(c.kind for c in tally.crashes)
    print(f"\n{'kind':12} {'inputs':>7} {'articles':>9} {'skipped':>8} {'crashes':>8}")
    for kind in counts:
        print(f"{kind:12} {counts[kind]:>7} {tally.articles[kind]:>9} {tally.skipped[kind]:>8} {by_kind[kind]:>8}")
    cli = {k: n for k, n in by_kind.items() if k not in counts}
    for kind, n in sorted(cli.items()):
        print(f"{kind:12} {'':>7} {'':>9} {'':>8} {n:>8}")
    print(f"{'total':12} {sum(counts.values()):>7} {sum(tally.articles.values()):>9} "
          f"{sum(tally.skipped.values()):>8} {len(tally.crashes):>8}")
    print(f"warwatch code runs {tally.runs} ({tally.through_cli} inputs, {tally.run_seconds:.0f} s); whole fuzz "
          f"{seconds:.0f} s; "
          f"load average {os.getloadavg()[0]:.1f}; inputs in {work}")
    for crash in tally.crashes[:40]:
        print(f"CRASH {crash.kind} {crash.where}: {crash.what} [{crash.sample}]")
    if as_json:
        print(json.dumps({"inputs": sum(counts.values()), "crashes": len(tally.crashes), "runs": tally.runs,
                          "through_cli": tally.through_cli,
                          "seconds": round(seconds), "per_kind": {k: {"inputs": counts[k], "crashes": by_kind[k]}
                                                                  for k in counts}}))


if __name__ == "__main__":
    raise SystemExit(main())
