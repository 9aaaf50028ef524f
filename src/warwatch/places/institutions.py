"""Institutions placed where they sit: the Security Council in New York, NATO in Brussels, the ICC in The Hague.

A statement, vote or meeting of the article that is made at or by such a body, and for which the text names no
place, happens at the body's seat (``data/institutions.tsv``). "At/to/before the Security Council", "told the
General Assembly" and the body as the statement's own actor count; a body only talked about ("accused NATO of ...")
does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from ..models import Location
from .gazetteer import Gazetteer

__all__ = ["Institution", "Institutions"]

# words before "the X" that make X the venue of the statement
_VENUE_WORDS = ("at", "to", "before", "in", "told", "addressed", "briefed", "by", "of", "inside")
# nouns after "X" that make X the venue ("a Security Council resolution", "the General Assembly vote")
_VENUE_NOUNS = ("resolution", "resolutions", "vote", "votes", "meeting", "session", "debate", "chamber", "summit",
                "draft", "statement", "ruling", "hearing", "judges", "prosecutor")


@dataclass(frozen=True, slots=True)
class Institution:
    phrase: str
    seat: str
    country: str
    lat: float
    lon: float


class Institutions:
    """The declared bodies and one compiled pattern over their phrases (longest first)."""

    def __init__(self, rows: Iterable[Institution], gazetteer: Gazetteer | None = None) -> None:
        self._by_phrase = {r.phrase: r for r in rows}
        names = sorted(self._by_phrase, key=len, reverse=True)
        venue = "|".join(_VENUE_WORDS)
        self._pattern = re.compile(
            rf"(?:\b(?P<venue>{venue})\s+(?:the\s+)?)?\b(?P<phrase>{'|'.join(re.escape(n) for n in names)})\b"
            rf"(?:\s+(?P<noun>{'|'.join(_VENUE_NOUNS)})\b)?")
        self._gazetteer = gazetteer
        self._locations: dict[str, Location] = {}

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None) -> Institutions:
        text = resources.files("warwatch").joinpath("data/institutions.tsv").read_text(encoding="utf-8")
        rows = []
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                phrase, seat, country, lat, lon = line.split("\t")[:5]
                rows.append(Institution(phrase, seat, country, float(lat), float(lon)))
        return cls(rows, gazetteer)

    def find(self, text: str, actor_names: Iterable[str] = ()) -> Institution | None:
        """The body the statement in ``text`` is made at or by, if any."""
        actors = {a.casefold() for a in actor_names}
        for m in self._pattern.finditer(text):
            phrase = m.group("phrase")
            if m.group("venue") or m.group("noun") or phrase.casefold() in actors:
                return self._by_phrase[phrase]
        return None

    def location(self, inst: Institution) -> Location:
        """The seat as a gazetteer city when one lies at the declared point, else the point itself."""
        if inst.seat not in self._locations:
            loc = Location(inst.seat, inst.country, None, inst.lat, inst.lon, None, "city")
            if self._gazetteer is not None:
                found = [p for p in self._gazetteer.lookup(inst.seat)
                         if p.country == inst.country and p.feature_class == "P"
                         and abs(p.lat - inst.lat) + abs(p.lon - inst.lon) < 0.5]
                if found:
                    p = max(found, key=lambda x: x.population)
                    loc = Location(p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid, "city")
            self._locations[inst.seat] = loc
        return self._locations[inst.seat]
