"""The readers beyond JSONL: text, HTML, RSS/Atom, WARC, sniffing, directories, globs and the screens.

Every fixture is generated here, with fictional places and people.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from warwatch.errors import InputError
from warwatch.ingest import (
    LanguageIdentifier,
    RelevanceOptions,
    ScreenOptions,
    Skipped,
    actors_named,
    assess,
    detect_language,
    extract_html,
    is_relevant,
    make_id,
    read_feed,
    read_inputs,
    read_warc,
    relevance,
    screen,
    sniff_format,
)
from warwatch.ingest.sources import sniff_bytes
from warwatch.models import Article

PARAGRAPHS = (
    "Drones struck a fuel depot outside the port city of Velmora on Tuesday night, the regional governor "
    "said, in the third attack on the facility this month.",
    "Firefighters worked through the night to contain the blaze. Two workers were killed and five were "
    "injured, according to the emergency service of the Karst region.",
    "The defence ministry of Ostrava said its air defences shot down eleven of the fourteen drones launched "
    "from across the border, and blamed the attack on the Northern Alliance.",
    "Talks on a ceasefire, brokered by envoys from three neighbouring states, are due to resume next week in "
    "the lakeside town of Sorvik, officials said.",
)
TITLE = "Drones hit Velmora fuel depot"
NAV = ("Home", "World", "Politics", "Business", "Sport", "Culture", "Weather")
BOILERPLATE = (
    "We use cookies to improve your experience on the Velmora Courier.",
    "Accept all cookies",
    "Manage preferences",
    *NAV,
    "Top of page",
    "Bottom of page",
    "Back to top",
    "Most read",
    "Harvest festival draws record crowds in Velmora",
    "Local choir wins regional contest",
    "Read more: Velmora war latest",
    "Share on Facebook",
    "Copy link",
    "Comments (12)",
    "Sign in to comment.",
    "Contact us",
    "Terms of use",
    "Privacy policy",
    "About the Velmora Courier",
)


def page_html(*, meta_date: bool = True, byline: bool = True, paragraphs: tuple[str, ...] = PARAGRAPHS,
              title: str = TITLE) -> str:
    """A news page with everything a real one wraps around its story."""
    meta = '<meta property="article:published_time" content="2023-05-30T21:04:00+03:00">' if meta_date else ""
    by = '<p class="byline">By Mira Testova · Published 30 May 2023</p>' if byline else ""
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:2])
    rest = "\n".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Velmora Courier</title>{meta}</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>{BOILERPLATE[0]}</p>
<button>Accept all cookies</button><button>Manage preferences</button></div>
<a href="#bottom" id="top">Top of page</a>
<header><nav class="menu"><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
{by}
{body}
<p class="promo"><a href="/live">Read more: Velmora war latest</a></p>
{rest}
<div class="share"><a href="/s/fb">Share on Facebook</a> <a href="/s/copy">Copy link</a></div>
</article>
<section id="comments" class="comments"><h3>Comments (12)</h3><p><a href="/login">Sign in to comment.</a></p></section>
<aside class="sidebar"><h2>Most read</h2><ul>
<li><a href="/x/1">Harvest festival draws record crowds in Velmora</a></li>
<li><a href="/x/2">Local choir wins regional contest</a></li></ul></aside>
</main>
<footer><ul><li><a href="/c">Contact us</a></li><li><a href="/t">Terms of use</a></li>
<li><a href="/p">Privacy policy</a></li><li><a href="/a">About the Velmora Courier</a></li></ul>
<a href="#top" id="bottom">Bottom of page</a> · <a href="#top">Back to top</a></footer>
</body></html>"""


def rss_feed() -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Velmora Courier</title><link>http://127.0.0.1/</link><description>News</description>
<item><title>Depot hit</title><link>http://127.0.0.1/news/1</link><guid>courier-1</guid>
<pubDate>Wed, 31 May 2023 01:30:00 +0300</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]} &amp; more.</p>]]></content:encoded></item>
<item><title>Talks to resume</title><link>http://127.0.0.1/news/2</link>
<pubDate>Thu, 01 Jun 2023 09:00:00 GMT</pubDate>
<description>&lt;p&gt;{PARAGRAPHS[3]}&lt;/p&gt;</description></item>
<item><title>Only a link</title><link>http://127.0.0.1/news/3</link></item>
</channel></rss>""".encode()


def atom_feed() -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ostrava Daily</title><id>urn:ostrava</id>
<updated>2023-06-02T10:00:00Z</updated>
<entry><title>Air defences busy</title><id>urn:ostrava:7</id><link href="http://127.0.0.1/o/7"/>
<published>2023-06-01T23:10:00-04:00</published><updated>2023-06-02T08:00:00Z</updated>
<summary>Eleven drones downed.</summary>
<content type="html">&lt;p&gt;{PARAGRAPHS[2]}&lt;/p&gt;</content></entry>
</feed>""".encode()


def write_warc(path: Path) -> None:
    """Two HTML pages, one image, one 404 and a request record, as warcio writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    other = page_html(title="Ceasefire talks set for Sorvik", meta_date=False,
                      paragraphs=tuple(reversed(PARAGRAPHS)))
    records = [
        ("response", "http://127.0.0.1/news/1", "200 OK", "text/html; charset=utf-8", page_html().encode()),
        ("request", "http://127.0.0.1/img.png", None, None, b"GET /img.png HTTP/1.1\r\n\r\n"),
        ("response", "http://127.0.0.1/img.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("response", "http://127.0.0.1/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("response", "http://127.0.0.1/news/2", "200 OK", "text/html", other.encode()),
    ]
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for kind, uri, status, content_type, body in records:
            if kind == "request":
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(body), length=len(body))
            else:
                headers = StatusAndHeaders(status, [("Content-Type", content_type),
                                                    ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                   http_headers=headers)
            writer.write_record(record)


def boilerplate_removed(text: str) -> float:
    """Share of the boilerplate characters that extraction removed."""
    total = sum(len(piece) for piece in BOILERPLATE)
    removed = sum(len(piece) for piece in BOILERPLATE if piece not in text)
    return removed / total


# --- HTML -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("meta_date", "byline"), [(True, True), (True, False), (False, True)])
def test_html_keeps_story_title_and_date_and_drops_boilerplate(meta_date: bool, byline: bool) -> None:
    extracted = extract_html(page_html(meta_date=meta_date, byline=byline).encode())
    assert extracted is not None
    assert extracted.title == TITLE
    assert extracted.published == date(2023, 5, 30)  # from the meta tag, else from the byline
    for paragraph in PARAGRAPHS:
        assert paragraph in extracted.text
    share = boilerplate_removed(extracted.text)
    assert share == 1.0, [piece for piece in BOILERPLATE if piece in extracted.text]


def test_html_without_any_date_has_none() -> None:
    extracted = extract_html(page_html(meta_date=False, byline=False).encode())
    assert extracted is not None and extracted.published is None


def test_html_file_becomes_one_article_with_a_content_hash_id(tmp_path: Path) -> None:
    (tmp_path / "story.html").write_text(page_html(), encoding="utf-8")
    [article] = read_inputs([str(tmp_path / "story.html")])
    assert isinstance(article, Article)
    assert article.id == make_id(None, article.text) and len(article.id) == 16
    assert article.published == date(2023, 5, 30) and article.title == TITLE


def test_page_without_text_is_skipped_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    [item] = read_inputs([str(path)])
    assert isinstance(item, Skipped) and item.reason == "no_text" and item.location == str(path)


# --- text ------------------------------------------------------------------------------------------------


def test_text_file_is_one_article_without_date(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    text = "Troops shelled the outskirts of Velmora overnight.\nTwo people were wounded.\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    [article] = read_inputs([str(path)])
    assert article == Article(id=make_id(None, text), text=text)


# --- feeds -----------------------------------------------------------------------------------------------


def test_rss_items_use_content_else_summary_and_skip_link_only(tmp_path: Path) -> None:
    path = tmp_path / "courier.xml"
    path.write_bytes(rss_feed())
    first, second, third = read_feed(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "courier-1" and first.url == "http://127.0.0.1/news/1" and first.title == "Depot hit"
    assert first.text == f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]} & more."
    assert first.published == date(2023, 5, 31)  # the source's own day, not UTC's 30 May
    assert second.text == PARAGRAPHS[3] and second.published == date(2023, 6, 1)
    assert second.id == make_id("http://127.0.0.1/news/2", PARAGRAPHS[3])  # no guid
    assert isinstance(third, Skipped) and third.reason == "no_text"
    assert third.location == f"{path} item 3" and "http://127.0.0.1/news/3" in third.message


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "ostrava.atom"
    path.write_bytes(atom_feed())
    [entry] = read_inputs([str(path)])
    assert isinstance(entry, Article)
    assert (entry.id, entry.url, entry.title) == ("urn:ostrava:7", "http://127.0.0.1/o/7", "Air defences busy")
    assert entry.text == PARAGRAPHS[2] and entry.published == date(2023, 6, 1)


def test_broken_feed_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b"<?xml version='1.0'?>\n<rss><chan")
    items = list(read_inputs([str(path)]))
    assert [(i.reason, i.location) for i in items if isinstance(i, Skipped)] == [("bad_feed", str(path))]


# --- WARC ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_yields_html_200_responses_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path)
    items = list(read_warc(path))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [a.url for a in articles] == ["http://127.0.0.1/news/1", "http://127.0.0.1/news/2"]
    assert [a.title for a in articles] == [TITLE, "Ceasefire talks set for Sorvik"]
    assert articles[0].published == date(2023, 5, 30)
    assert articles[1].published == date(2023, 5, 30)  # from the byline
    assert all(p in articles[0].text for p in PARAGRAPHS)
    assert articles[0].id == make_id("http://127.0.0.1/news/1", articles[0].text)
    assert [(s.reason, s.location) for s in skipped] == [
        ("not_html", f"{path} record 3"),
        ("http_status", f"{path} record 4"),
    ]
    assert "404" in skipped[1].message


def test_garbage_after_the_last_record_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "tail.warc.gz"
    write_warc(path)
    with open(path, "ab") as handle:
        handle.write(b"this is not a WARC record\r\n\r\n")
    items = list(read_warc(path))
    assert sum(isinstance(i, Article) for i in items) == 2
    last = items[-1]
    assert isinstance(last, Skipped) and last.reason == "bad_warc" and last.location == f"{path} record 6"


# --- sniffing and inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "hint", "expected"),
    [
        (b'{"id": "a", "text": "x"}\n', None, "jsonl"),
        (b'\xef\xbb\xbf  {"id": "a"}', "text", "jsonl"),
        (b"not json at all\n", "jsonl", "jsonl"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', None, "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', None, "feed"),
        (b"<rss version='2.0'><channel>", None, "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', None, "feed"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">', None, "html"),
        (b"<!DOCTYPE html>\n<html><head>", None, "html"),
        (b"  <HTML><BODY>", "text", "html"),
        (b"<!-- saved page --><head><title>x</title>", None, "html"),
        (b"<p>a fragment</p>", "html", "html"),
        (b"<p>a fragment</p>", None, "text"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", None, "warc"),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"), None, "warc"),
        (gzip.compress(b'{"id": "a"}\n'), "jsonl", None),
        (b"Troops shelled the town.", None, "text"),
        ("Війська обстріляли місто.".encode(), "html", "text"),
        (b"Velmora" + "é".encode()[:1], None, "text"),  # a character cut at the end of the head
        (b"", None, "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None, None),
        (b"caf\xe9 au lait", None, None),
        ("UTF-16 text".encode("utf-16"), None, None),
    ],
)
def test_sniff_table(head: bytes, hint: str | None, expected: str | None) -> None:
    assert sniff_bytes(head, hint) == expected


def test_unknown_format_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(InputError, match="photo.jpg: unknown format \\(binary data\\)"):
        sniff_format(path)
    [item] = read_inputs([str(path)])
    assert isinstance(item, Skipped) and item.reason == "unknown_format" and item.location == str(path)
    assert "expected JSONL, plain text" in item.message


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.jsonl").write_text(json.dumps({"id": "j1", "text": "Troops advanced."}) + "\n", encoding="utf-8")
    (root / "b" / "page.html").write_text(page_html(), encoding="utf-8")
    (root / "b" / "feed.xml").write_bytes(atom_feed())
    (root / "c.txt").write_text("Missiles hit Sorvik.", encoding="utf-8")
    (root / ".hidden.txt").write_text("left out", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("left out", encoding="utf-8")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id if isinstance(i, Article) else i.reason for i in items][:2] == ["j1", "urn:ostrava:7"]
    assert [i.title for i in items if isinstance(i, Article)][2] == TITLE
    assert [i.text for i in items if isinstance(i, Article)][-1] == "Missiles hit Sorvik."
    assert len(items) == 4


def test_globs_and_missing_inputs(tmp_path: Path) -> None:
    _tree(tmp_path)
    texts = list(read_inputs([str(tmp_path / "**" / "*.xml"), str(tmp_path / "*.txt")]))
    assert [i.id for i in texts if isinstance(i, Article)] == ["urn:ostrava:7", make_id(None, "Missiles hit Sorvik.")]
    with pytest.raises(InputError, match="no file matches"):
        list(read_inputs([str(tmp_path / "*.pdf")]))
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_inputs([str(tmp_path / "c.txt"), str(tmp_path / "nope.jsonl")]))


def test_dash_reads_jsonl_from_stdin() -> None:
    data = json.dumps({"id": "s1", "text": "Drones hit Velmora."}).encode() + b"\nbad line\n"
    good, bad = read_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(good, Article) and good.id == "s1"
    assert isinstance(bad, Skipped) and bad.location == "<stdin> line 2" and bad.line == 2


# --- language and relevance ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier.load()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (" ".join(PARAGRAPHS[:2]), "en"),
        ("Drohnen haben in der Nacht ein Treibstofflager bei Velmora getroffen, teilte der Gouverneur mit.", "de"),
        ("Des drones ont frappé un dépôt de carburant près de Velmora pendant la nuit, selon le gouverneur.", "fr"),
        ("Дрони вночі атакували нафтобазу поблизу Велмори, повідомив губернатор області.", "uk"),
        ("Drones hit Velmora.", "und"),  # too short to tell
        ("12 34 56 -- 78", "und"),
    ],
)
def test_detect_language(identifier: LanguageIdentifier, text: str, lang: str) -> None:
    assert detect_language(text, identifier) == lang


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        (" ".join(PARAGRAPHS), True),
        ("Missiles hit Sorvik.", True),  # a short brief needs one strong term
        ("Rebels ambushed an army convoy near the border; three soldiers were killed.", True),
        ("The two foreign ministers met in Sorvik for talks on the sanctions regime.", True),
        ("Police arrested two protesters after a rally outside the Serbian parliament turned violent, officials said, "
         "and the government warned of a tougher response. " * 3, True),  # a strong term and a foreign actor
        ("Police arrested two men after a protest outside the parliament turned violent, officials said, "
         "and the government warned of a tougher response. " * 3, False),  # ... but no actor: local news
        ("A jogger with a gunshot wound was found by deputies on Orchard Street late on Friday. The sheriff said the "
         "suspect fled in a stolen car and was arrested after a chase; a homicide inquiry is under way and "
         "the victim's family appealed for witnesses to come forward. " * 2, True),  # armed violence, a victim
        ("Deputies found a stolen car on Orchard Street late on Friday. The sheriff said the suspect fled on foot "
         "and was arrested after a chase; a burglary inquiry is under way and the owner appealed for witnesses "
         "to come forward. " * 2, False),  # crime with no violence and no victim
        ("Troops shelled the rebel positions with artillery for a third day, and the army said its offensive "
         "would go on until the militia surrendered the hills above Velmora. " * 3, True),  # war, no actor named
        ("The Polish and Lithuanian presidents met in Vilnius and agreed to deepen ties, signing a deal on "
         "energy and promising support for each other's bids, officials said after the talks. " * 2, True),
        ("The health board who met on Monday agreed to review the plan after officials said the new clinic "
         "would need more support; a vote is due in May, the council leader said. " * 2, False),  # 'who'
        ("The harvest festival drew record crowds in Velmora this weekend. Stalls sold honey, apples and "
         "cheese, and the town choir sang until late. Organisers thanked the volunteers and the weather. " * 2, False),
        ("Warm sunshine returns to Velmora on Sunday after a week of rain. Highs will reach 24 degrees by "
         "the afternoon, with a light breeze off the lake and clear skies into the evening. " * 2, False),
        ("Norway will lend Malawi money to rebuild its water network, the treasury said.", True),
        ("Tens of thousands marched through Sorvik calling for new elections.", True),
        ("Deputies found a man with a gunshot wound on Orchard Street; he died in hospital.", True),
        ("Teen in hospital after Orchard Street shooting.", True),  # a brief
        ("Prosecutors said on Wednesday that the woman accused over the deadly shooting at the Orchard Street "
         "diner denied the charges. She remains in custody and returns to court next month, the clerk said. " * 2,
         True),  # "deadly": a victim without a casualty word
        ("Velmora United beat Sorvik 3-1 on Saturday. The striker scored twice before half-time and the "
         "coach praised the defence. The team plays away next week in the cup semi-final. " * 2, False),
        ("Warmer weather and a warning of wardrobe shortages.", False),  # war-, warn- prefixes are not 'war'
        ("Two teens robbed a corner shop at gunpoint on Tuesday night, dispatchers said. The robbery was reported "
         "at 9:45 p.m.; the two fled on foot and police are looking for them. " * 2, True),  # gunfire, no victim
        ("Police were called after shots were fired in a quiet neighbourhood of Velmora; nobody was found at the "
         "scene and officers collected shell casings from the street. " * 2, True),
    ],
)
def test_relevance_table(text: str, relevant: bool) -> None:
    article = Article(id="r", text=text)
    assert is_relevant(article)[0] is relevant
    assert (is_relevant(article)[1] == "irrelevant") is not relevant  # a kept article gives its reason


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ukraine and Russia traded blame; Russian drones hit Kyiv.", {"UKR": 2, "RUS": 2}),
        ("The WHO and the UN warned; NATO and Nato allies met.", {"UN": 2, "NATO": 2}),
        ("people who met us in the un-lit hall", {}),  # lower case: words, not names
        ("The US and American officials met in Washington, Georgia and Paris, Texas.", {}),  # domestic, ambiguous
        ("The Pentagon and the White House said the G7 would meet.", {"USA": 2, "G7": 1}),  # institutions count
    ],
)
def test_actors_named(text: str, codes: dict[str, int]) -> None:
    assert dict(actors_named(text)) == codes


def test_relevance_caps_repeats_and_explains() -> None:
    found = relevance("Police said police told police. " * 20)
    assert found.score == 2 and found.weak == ("police",) and not found.relevant
    assert "score 2" in found.explain()
    assert not relevance("Police said police told police. " * 20, RelevanceOptions(cap=10)).relevant  # no actor
    assert relevance("Police said police told police. " * 20, RelevanceOptions(cap=10, need_actor=False)).relevant


def test_screen_drops_other_languages_and_irrelevant_text(identifier: LanguageIdentifier) -> None:
    english = Article(id="en", text=" ".join(PARAGRAPHS), url="http://127.0.0.1/en")
    german = Article(id="de", text="Drohnen haben in der Nacht ein Treibstofflager bei Velmora getroffen, "
                                   "teilte der Gouverneur mit. Zwei Arbeiter wurden getötet.")
    festival = Article(id="fest", text="The harvest festival drew record crowds in Velmora. " * 10)
    bad = Skipped(3, "not_json", "line 3: not JSON")
    items = list(screen([english, german, bad, festival], identifier))
    assert items[0] is english and items[2] is bad
    assert isinstance(items[1], Skipped) and items[1].reason == "language" and "'de'" in items[1].message
    assert isinstance(items[3], Skipped) and items[3].reason == "irrelevant"
    verdict = assess(german, identifier, ScreenOptions(languages=("en", "de")))
    assert verdict.lang == "de" and verdict.reason is None
    assert assess(festival, None, ScreenOptions(check_language=False)).lang == "und"


def test_a_file_that_only_starts_like_parquet_is_reported_not_raised(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from warwatch.ingest.parquet import read_parquet

    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1" + b"\x00" * 40)
    (item,) = list(read_parquet(bad))
    assert item.reason == "bad_parquet" and "not a readable Parquet file" in item.message
