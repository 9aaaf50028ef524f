"""The screens in the pipeline: articles dropped before parsing with a counted reason, sentences blanked
without moving an offset, and the switches (setting, --no-screen, WARWATCH_SCREEN=0). All text is fictional."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch.cli import main
from warwatch.ingest import Skipped, blank_sentences, parse_published, sentence_spans
from warwatch.ingest.relevance import sentence_relevant
from warwatch.models import Article
from warwatch.pipeline import RunStats, code_articles
from warwatch.settings import Settings

FILLER = (
    "The bakery on Mill Lane opened a second shop this spring. Its owner said the sourdough sells out by noon. "
    "A new bus timetable starts in June. The library will stay open late on Thursdays. "
    "Tickets for the summer fair go on sale next week. The choir meets on Mondays in the old school hall."
)
WAR = {
    "id": "fic-war",
    "published": "2024-03-05",
    "title": "Drones hit Kharkiv (fictional)",
    "text": (
        "Russian drones struck a power plant in Kharkiv overnight, the regional governor said on Tuesday. "
        + FILLER + " " + FILLER + " "
        "Two workers were killed and three were injured in the attack on the plant, officials said."
    ),
}
LOCAL = {"id": "fic-local", "published": "2024-03-05", "text": FILLER + " " + FILLER + " " + FILLER}
GERMAN = {"id": "fic-de", "published": "2024-03-05",
          "text": "Russische Drohnen haben in der Nacht ein Kraftwerk in Charkiw getroffen, teilte der Gouverneur "
                  "mit. Zwei Arbeiter wurden getötet und drei verletzt, sagten Beamte am Dienstag."}


# --- the sentence pre-screen -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relevant"),
    [
        ("Drones struck the depot.", True),  # a strong term
        ("In total, seven people were killed.", True),  # a weak term
        ("Four more people lost their lives in the flats next door.", True),  # a casualty word
        ("The Polish delegation arrived on Monday.", True),  # a foreign actor
        ("She held the children until the end.", False),
        ("The bakery opened a second shop.", False),
    ],
)
def test_sentence_relevant(sentence: str, relevant: bool) -> None:
    assert sentence_relevant(sentence) is relevant


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("One. Two.", [(0, 4), (5, 9)]),
        ("Mr. Smith came. 3 left.", [(0, 3), (4, 15), (16, 23)]),  # a wrong cut is harmless
        ("Line one\n\nLine two", [(0, 8), (10, 18)]),
        ('He said "Go." Then left.', [(0, 13), (14, 24)]),
        ("lower. case", [(0, 11)]),
        ("", []),
    ],
)
def test_sentence_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert sentence_spans(text) == spans


@pytest.mark.parametrize("documented", ["module notes", "settings help"])
def test_the_sentence_screen_is_documented_with_its_default(documented: str) -> None:
    """The module notes and the settings help say what the default is (the notes said "off" while it was on)."""
    from warwatch.ingest import sentences
    from warwatch.settings import SETTINGS_HELP

    text = " ".join((sentences.__doc__ or "" if documented == "module notes" else SETTINGS_HELP["screen_sentences"])
                    .split())
    state = "on" if Settings().screen_sentences else "off"
    assert f"{state} by default" in text
    assert f"{'off' if state == 'on' else 'on'} by default" not in text


def test_blank_sentences_keeps_lead_neighbours_and_relevant_ones() -> None:
    sentences = ["Lead one.", "Lead two.", "Lead three.", "Bread.", "Cakes.", "Buns.", "Pies.",
                 "Tarts.", "Drones struck Velmora.", "Scones.", "Rolls."]
    text = " ".join(sentences)
    blanked = blank_sentences(text)
    kept = [s for s in sentences if s in blanked.text]
    assert kept == ["Lead one.", "Lead two.", "Lead three.", "Bread.", "Tarts.", "Drones struck Velmora.",
                    "Scones."]
    assert (blanked.sentences, blanked.blanked) == (11, 4)
    assert len(blanked.text) == len(text)


@given(st.text(alphabet=st.sampled_from("Ab .!?\n\"Drones struck Kyiv killed injured"), max_size=300))
def test_blanking_never_moves_an_offset(text: str) -> None:
    blanked = blank_sentences(text).text
    assert len(blanked) == len(text)
    assert all(b == c or (b == " " and c != "\n") for b, c in zip(blanked, text, strict=True))


# --- in the pipeline ----------------------------------------------------------------------------------------


def _articles(*rows: dict[str, str]) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], title=r.get("title"), published=parse_published(r.get("published")))
            for r in rows]


@pytest.mark.slow
def test_pipeline_drops_before_parsing_with_a_reason(resources) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.load(environ={}, use_store=False, screen_sentences=True)
    stats, skipped = RunStats(), []
    results = list(code_articles(_articles(WAR, LOCAL, GERMAN), resources, settings, stats=stats,
                                 on_skip=skipped.append))
    assert [r.article.id for r in results] == ["fic-war"]
    assert stats.skipped == {"irrelevant": 1, "language": 1} and stats.read == 3 and stats.coded == 1
    assert [s.reason for s in skipped] == ["irrelevant", "language"]
    assert all(isinstance(s, Skipped) for s in skipped) and "fic-local" in skipped[0].message
    assert stats.blanked > 0 and "sentences not parsed" in stats.summary()
    events = [e for r in results for e in r.events]
    assert events, "the war sentences are still coded"
    for event in events:  # blanked sentences move no offset
        for evidence in event.evidence:
            assert WAR["text"][evidence.start:evidence.end] == evidence.text
    unscreened = list(code_articles(_articles(WAR, LOCAL, GERMAN), resources, replace(settings, screen=False)))
    assert [r.article.id for r in unscreened] == ["fic-war", "fic-local", "fic-de"]
    assert [e.to_json() for r in unscreened[:1] for e in r.events] == [e.to_json() for e in events]


@pytest.mark.slow
def test_cli_counts_screened_articles_and_can_switch_the_screen_off(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in (WAR, LOCAL, GERMAN)), encoding="utf-8")
    argv = ["code", str(src), "--output", str(tmp_path / "out.jsonl"), "--no-store", "--no-progress"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "coded 1; skipped 2 (irrelevant 1, language 1)" in err
    assert "fic-local" not in err  # counted, not listed (listed with -v)
    assert main([*argv, "--no-screen"]) == 0
    assert "coded 3; skipped 0" in capsys.readouterr().err
    monkeypatch.setenv("WARWATCH_SCREEN", "0")
    assert main(argv) == 0
    assert "coded 3; skipped 0" in capsys.readouterr().err


@pytest.mark.slow
def test_explain_says_why_an_article_was_not_parsed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in (WAR, LOCAL)), encoding="utf-8")
    assert main(["explain", str(src), "--id", "fic-local", "--no-progress"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the console wraps lines
    assert "skipped before parsing (irrelevant)" in out and "no foreign or international actor" in out


def test_ambiguous_actor_names_are_in_the_dictionary() -> None:
    from importlib import resources

    from warwatch.ingest.relevance import AMBIGUOUS_ACTORS

    raw = resources.files("warwatch").joinpath("data/actors.json").read_text(encoding="utf-8")
    phrases = {entry["phrase"].lower() for entry in json.loads(raw)}
    assert AMBIGUOUS_ACTORS <= phrases, "drop the names the dictionary no longer has"
