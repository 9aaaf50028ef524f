"""Ingest benchmark: HTML and WARC reading speed, boilerplate removal, and the two screens.

1. Generates --pages fictional news pages (menus, cookie banner, sidebar, comments, footer, a script)
   in a temp dir and reads them with ``read_inputs``: articles/s, the share of boilerplate characters
   removed and the share of story paragraphs kept.
2. Writes the same pages into one .warc.gz (plus an image and a 404 for every tenth page) and reads
   it with ``read_warc``: articles/s.
3. Language identification and the relevance filter over ../shared/data: texts that hold events
   (dev articles with gold events, PLOVER examples, GVDB shootings, synthetic stories) and US local
   news (LGL, GeoWebNews), with the defaults and a stricter setting.
   Exits 1 if the filter rejects a dev article with gold events.

Usage: python bench/ingest.py [--shared ../shared] [--pages 300] [--json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from warwatch.ingest import LanguageIdentifier, RelevanceOptions, read_inputs, read_jsonl, read_warc, relevance
from warwatch.models import Article

ROOT = Path(__file__).resolve().parents[1]

PLACES = ("Velmora", "Sorvik", "Karst", "Ostrava Bay", "Lenhold", "Tarvin", "Mirsk", "Dolvey", "Brennick")
SENTENCES = (
    "Drones struck a fuel depot outside {p} overnight, the regional governor said.",
    "Two workers were killed and five injured, according to the emergency service of {p}.",
    "Air defences shot down eleven of fourteen drones launched towards {p}, the defence ministry said.",
    "Envoys will meet in {p} next week for ceasefire talks, officials said.",
    "Artillery shelling damaged a school and three houses on the edge of {p}.",
    "The foreign minister condemned the attack and called for new sanctions.",
    "Troops withdrew from two villages north of {p} after days of heavy fighting.",
    "Residents of {p} spent the night in shelters as sirens sounded across the city.",
    "Rescuers pulled a woman from the rubble of a five-storey building in {p}.",
    "The mayor of {p} said water and power had been restored to most districts by noon.",
)
NAV = ("Home", "World", "Politics", "Business", "Science", "Sport", "Culture", "Travel", "Weather", "Podcasts")
FIXED_BOILERPLATE = (
    "We use cookies to personalise content and ads on this site.", "Accept all cookies", "Manage preferences",
    "Top of page", "Bottom of page", "Back to top", "Most read", "Share on Facebook", "Copy link",
    "Comments (7)", "Sign in to comment.", "Contact us", "Terms of use", "Privacy policy",
)


def make_page(rng: random.Random, number: int) -> tuple[str, list[str], list[str]]:
    """(html, story paragraphs, boilerplate strings) of one fictional page."""
    place = rng.choice(PLACES)
    paragraphs = [" ".join(s.format(p=place) for s in rng.sample(SENTENCES, 3)) for _ in range(rng.randint(3, 8))]
    title = f"Night of strikes in {place}: report {number}"
    related = [f"{rng.choice(PLACES)} bakery wins prize number {number * 10 + i}" for i in range(5)]
    nav = [f"{w} {number}" if i >= len(NAV) else w for i, w in enumerate(NAV + NAV[: rng.randint(0, 10)])]
    boilerplate = [*FIXED_BOILERPLATE, *dict.fromkeys(nav), *related]
    nav_html = "".join(f'<li><a href="/s/{i}">{w}</a></li>' for i, w in enumerate(nav))
    story = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    script = "var x=" + json.dumps(["tracking"] * rng.randint(10, 2000)) + ";"
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Courier</title>
<meta property="article:published_time" content="2023-06-{number % 28 + 1:02d}T08:00:00+00:00">
<script>{script}</script></head><body>
<div class="cookie-banner"><p>{FIXED_BOILERPLATE[0]}</p><button>{FIXED_BOILERPLATE[1]}</button>
<button>{FIXED_BOILERPLATE[2]}</button></div><a id="top" href="#bottom">Top of page</a>
<header><nav class="main-menu"><ul>{nav_html}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>{story}
<div class="share"><a href="/fb">Share on Facebook</a> <a href="/cp">Copy link</a></div></article>
<section class="comments" id="comments"><h3>Comments (7)</h3><a href="/login">Sign in to comment.</a></section>
<aside class="sidebar"><h2>Most read</h2><ul>{"".join(f'<li><a href="/r">{r}</a></li>' for r in related)}</ul></aside>
</main><footer><a href="/c">Contact us</a> <a href="/t">Terms of use</a> <a href="/p">Privacy policy</a>
<a id="bottom" href="#top">Bottom of page</a> <a href="#top">Back to top</a></footer></body></html>"""
    return html, paragraphs, boilerplate


def bench_html(pages: list[tuple[str, list[str], list[str]]], directory: Path) -> dict[str, float]:
    for number, (html, _, _) in enumerate(pages):
        (directory / f"page-{number:04d}.html").write_text(html, encoding="utf-8")
    size = sum(len(h.encode()) for h, _, _ in pages)
    t0 = time.perf_counter()
    items = list(read_inputs([str(directory)]))
    seconds = time.perf_counter() - t0
    articles = [i for i in items if isinstance(i, Article)]
    removed = total = kept = story = 0
    for article, (_, paragraphs, boilerplate) in zip(articles, pages, strict=True):
        total += sum(len(b) for b in boilerplate)
        removed += sum(len(b) for b in boilerplate if b not in article.text)
        story += len(paragraphs)
        kept += sum(p in article.text for p in paragraphs)
    return {
        "html_pages": len(pages), "html_articles": len(articles), "html_mb": round(size / 1e6, 2),
        "html_articles_per_s": round(len(articles) / seconds, 1),
        "boilerplate_removed": round(removed / total, 4), "story_paragraphs_kept": round(kept / story, 4),
    }


def bench_warc(pages: list[tuple[str, list[str], list[str]]], path: Path) -> dict[str, float]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))

        for number, (html, _, _) in enumerate(pages):
            response(f"http://127.0.0.1/news/{number}", "200 OK", "text/html; charset=utf-8", html.encode())
            if number % 10 == 0:
                response(f"http://127.0.0.1/img/{number}.png", "200 OK", "image/png", b"\x89PNG" + bytes(2000))
                response(f"http://127.0.0.1/gone/{number}", "404 Not Found", "text/html", b"<html>gone</html>")
    t0 = time.perf_counter()
    items = list(read_warc(path))
    seconds = time.perf_counter() - t0
    articles = sum(isinstance(i, Article) for i in items)
    return {"warc_records": len(items), "warc_articles": articles, "warc_mb": round(path.stat().st_size / 1e6, 2),
            "warc_articles_per_s": round(articles / seconds, 1)}


STRICT = RelevanceOptions(min_score=5, min_per_1000_words=20)


def corpora(shared: Path) -> list[tuple[str, list[Article]]]:
    """(name, articles) of the shared sets; ``dev+`` are the dev articles with gold events."""
    data = shared / "data"
    out = []
    with open(data / "dev" / "gold.jsonl", encoding="utf-8") as handle:
        has_events = {record["id"]: bool(record["events"]) for record in map(json.loads, handle)}
    dev = [a for a in read_jsonl(data / "dev" / "articles.jsonl") if isinstance(a, Article)]
    out.append(("dev+", [a for a in dev if has_events.get(a.id)]))
    out.append(("dev-", [a for a in dev if not has_events.get(a.id)]))
    for name, folder in (("plover_gsr", "plover_gsr"), ("gvdb", "casualties/gvdb"), ("lgl", "geo/lgl"),
                         ("gwn", "geo/gwn")):
        path = data / folder / "articles.jsonl"
        if path.exists():
            out.append((name, [a for a in read_jsonl(path) if isinstance(a, Article)]))
    synthetic = data / "ngec_synthetic" / "synthetic_events.csv"
    if synthetic.exists():
        with open(synthetic, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        stories = [Article(id=str(i), text=r["text"], title=r["title"]) for i, r in enumerate(rows)]
        out.append(("ngec_synthetic", stories))
    return out


def bench_screens(shared: Path) -> dict[str, dict[str, object]]:
    """Reject rates of the relevance filter (defaults and STRICT) and language figures per corpus.

    dev+, plover_gsr, gvdb and ngec_synthetic hold events in every text: there a rejection is a loss.
    """
    identifier = LanguageIdentifier.load()
    out: dict[str, dict[str, object]] = {}
    for name, articles in corpora(shared):
        t0 = time.perf_counter()
        langs = [identifier.guess(a.text).lang for a in articles]
        lang_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        verdicts = [relevance(a) for a in articles]
        rel_s = time.perf_counter() - t0
        rejected = [a.id for a, v in zip(articles, verdicts, strict=True) if not v.relevant]
        strict = sum(not relevance(a, STRICT).relevant for a in articles)
        out[name] = {
            "articles": len(articles), "rejected": len(rejected),
            "reject_rate": round(len(rejected) / len(articles), 3),
            "strict_reject_rate": round(strict / len(articles), 3),
            "not_english": sum(lang not in ("en", "und") for lang in langs),
            "lang_ms_per_article": round(1000 * lang_s / len(articles), 2),
            "relevance_ms_per_article": round(1000 * rel_s / len(articles), 2),
        }
        if name == "dev+":
            out[name]["rejected_ids"] = rejected
            out[name]["lowest_score"] = min(v.score for v in verdicts)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    rng = random.Random(7)
    pages = [make_page(rng, n) for n in range(args.pages)]
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "html").mkdir()
        list(read_inputs([str(_warm(Path(tmp)))]))  # import trafilatura and warm its caches
        results.update(bench_html(pages, Path(tmp) / "html"))
        results.update(bench_warc(pages, Path(tmp) / "pages.warc.gz"))
    if (args.shared / "data" / "dev" / "gold.jsonl").exists():
        results["screens"] = bench_screens(args.shared)
    else:
        print(f"bench: {args.shared}/data is absent; the screens were not measured", file=sys.stderr)
    if args.json:
        print(json.dumps(results))
    else:
        for key, value in results.items():
            if isinstance(value, dict):
                for name, figures in value.items():
                    print(f"{key} {name}: {figures}")
            else:
                print(f"{key}: {value}")
    screens = results.get("screens")
    failed = isinstance(screens, dict) and screens["dev+"]["rejected_ids"]
    if failed:
        print(f"bench: the relevance filter rejects dev articles with gold events: {failed}", file=sys.stderr)
    return 1 if failed else 0


def _warm(directory: Path) -> Path:
    html, _, _ = make_page(random.Random(0), 0)
    path = directory / "warm.html"
    path.write_text(html, encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
