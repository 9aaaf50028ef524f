"""Resolution of toponym mentions: which place each one means.

Each mention is resolved by a score: name match, population, feature class, and the countries/regions of the
other places in the text, read softly over a few rounds (``_Context``). Before scoring, the text's own clues
are linked: containers ('Athens, Ga.'), county seats ('Charleston' with 'Charleston County'), names read as
regions ('the New York border') and nearby candidates of other names that support each other.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ..models import Place
from .gazetteer import ALIAS, PRIMARY, Candidate, km, normalize_name
from .mentions import _BROAD_CODES, _US_STATES, _Mention, _place_id

BORDERLESS_BONUS = 2.5  # context credit of a place that lies in no one country (a continent, a sea, a region)
SUPPORT_WEIGHT = 1.5
CONTAINER_WEIGHT = 6.0
REGIONAL_BONUS = 6.0  # a name listed with regions, or before "border", is the region ("New York", not the city)
COUNTY_SEAT_KM = 60.0  # 'Charleston' and 'Charleston County': the town within this distance of the county
CLOSE_PAIR = 1.2
FAMOUS_POP = 1_000_000  # a name borne by a metropolis or a country or a state: its namesakes cluster by design
HINT_WEIGHT = 6.0  # a country the caller says the text is about
CURRENCY_WEIGHT = 1.0  # a country the text's currency suggests ('$' amounts: USA)
_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")
_OTHER_MONEY = re.compile(r"[£€¥₴₽]|\b(?:C|CA|A|AU|NZ|HK|S|US)\$|\b(?:pounds?|euros?|rubles?|roubles?|hryvnias?|"
                          r"rupees?|yuan|yen|pesos?|shekels?|rand)\b", re.I)
SOFTMAX_T = 1.0  # temperature of the readings' probabilities
CONTEXT_ROUNDS = 3
MIN_READING = 0.25  # weaker readings add no context (namesake clusters: London, Paris, Ontario)
CAPITAL_WEIGHT = 1.5  # a national capital is what a bare name usually means
CAPITAL_OF_NAMED = 3.0  # ... above all when the text names its country
ADMIN_WEIGHT = 1.5  # another place of the text lies in the same first-level region
ADMIN_SHARE_WEIGHT = 1.5  # ... and that region dominates the text
ALT_PENALTY = 2.0  # a name that is only an alternate of this place, when another place bears it as its own name
SPELLING_RATIO = 0.6  # similarity of an alternate name to its place's own name that makes it a spelling of it
ALT_RATIO = 3.0  # ... unless the alternate's place is much bigger ('Odessa': Odesa, not Odessa, Texas)
STATE_NAME_PENALTY = 3.0  # a small town that shares the name of a first-level region ('Kansas', Illinois)
# where second-level regions go by their bare names ("Kent", "Fife", "Norfolk"), not "X County"
_BARE_COUNTY_COUNTRIES = {"GBR"}


def _base_score(c: Candidate, m: _Mention) -> float:
    p = c.place
    code = p.feature_code or ""
    s = math.log10(p.population + 10)
    if code == "PPLC":
        s += CAPITAL_WEIGHT
    s += {ALIAS: 5.0, PRIMARY: 1.5}.get(c.flag, 0.0)
    if m.designated:
        s += 4.0 if code in {"ADM1", "ADM2"} else -4.0
    elif code == "ADM1" or code == "ADM2" and p.country not in _BARE_COUNTY_COUNTRIES:
        s -= 1.5
    if code == "PCLI":
        s += 1.5
    if p.geonameid is None:  # a hand-made landmark entry: named on purpose, outranks homonyms
        s += 2.0
    elif p.feature_class not in {"P", "A"}:
        s -= 0.5
    return s


def _locality(p: Place) -> float:
    """How much naming this place says the text is about its region: big cities are named from anywhere
    ('flights to New York'), small towns and counties mostly by local news."""
    if p.feature_code == "PPLC" or p.population >= 1_000_000:
        return 0.25
    return 0.5 if p.population >= 200_000 else 1.0


@dataclass(slots=True)
class _Context:
    """Countries, regions and points of the readings so far, weighed by their probability, per mention text
    (to leave one out). Soft: a name keeps every plausible reading, so one early mistake does not lock in."""

    countries: Counter[str]
    admins: Counter[tuple[str, str]]
    points: list[tuple[str, float, float, float]]
    by_key: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]]
    hints: frozenset[str] = frozenset()
    soft: frozenset[str] = frozenset()  # countries the text's currency suggests
    named: Counter[str] = field(default_factory=Counter)  # countries named outright (name or demonym)

    @classmethod
    def build(cls, mentions: list[_Mention], readings: list[list[tuple[Place, float]]],
              hints: Sequence[str], soft: frozenset[str] = frozenset()) -> _Context:
        countries: Counter[str] = Counter()
        admins: Counter[tuple[str, str]] = Counter()
        points: list[tuple[str, float, float, float]] = []
        by_key: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
        for m, dist in zip(mentions, readings, strict=True):
            key = m.key or normalize_name(m.text)
            for place, prob in dist:
                if not place.country or prob < MIN_READING:
                    continue
                own_c, own_a = by_key.setdefault(key, (Counter(), Counter()))
                w = min(prob, 1.0) * (0.5 if m.kind == "adjectival" else 1.0)
                countries[place.country] += w  # type: ignore[assignment]
                own_c[place.country] += w  # type: ignore[assignment]
                if place.admin1:
                    aw = w * (3.0 if place.feature_code == "ADM1" else _locality(place))
                    admins[(place.country, place.admin1)] += aw  # type: ignore[assignment]
                    own_a[(place.country, place.admin1)] += aw  # type: ignore[assignment]
                if place.feature_class in {"P", "S"} and w >= 0.1:
                    points.append((key, place.lat, place.lon, w))
        named: Counter[str] = Counter(
            place.country for dist in readings for place, prob in dist
            if prob >= 0.5 and place.feature_code == "PCLI" and place.country)
        return cls(countries, admins, points, by_key, frozenset(h.upper() for h in hints), soft, named)

    def bonus(self, key: str, p: Place) -> float:
        if not p.country:
            # a continent, a sea, "the Middle East": no country to agree with, and none to contradict
            return BORDERLESS_BONUS if p.feature_class in {"L", "H"} else 0.0
        own_c, own_a = self.by_key.get(key, (Counter(), Counter()))
        total = sum(self.countries.values()) - sum(own_c.values())
        n_c = self.countries.get(p.country, 0) - own_c.get(p.country, 0)
        s = HINT_WEIGHT if p.country in self.hints else 0.0
        if p.country in self.soft and p.feature_code != "PCLI":
            s += CURRENCY_WEIGHT
        if n_c > 0.2:
            s += 1.0 + 2.0 * n_c / max(total, 1e-9)
        if p.admin1:
            a = (p.country, p.admin1)
            n_a = self.admins.get(a, 0) - own_a.get(a, 0)
            if n_a > 0.2:
                total_a = sum(v for k, v in self.admins.items() if k[0] == p.country) - sum(
                    v for k, v in own_a.items() if k[0] == p.country)
                s += ADMIN_WEIGHT * min(1.0, n_a) + ADMIN_SHARE_WEIGHT * min(1.0, n_a / 2.0) * n_a / max(total_a, 1e-9)
        if p.feature_class in {"P", "S"}:
            near = sum(w for k, lat, lon, w in self.points
                       if k != key and abs(lat - p.lat) < 1.2 and abs(lon - p.lon) < 1.6)
            s += min(1.0, near)
        return s


def _containment(p: Place, m: _Mention) -> float:
    """Strategy "container": 'Athens, Ga.' / 'Paris, France' — the place lies in the region named after it."""
    s = 0.0
    if m.within and p.country:
        if (p.country, p.admin1) in m.within:
            s += CONTAINER_WEIGHT
        elif (p.country, None) in m.within:
            s += CONTAINER_WEIGHT / 2
    if m.contains and p.country and (p.feature_code or "") in {"ADM1", "PCLI"}:
        key = (p.country, p.admin1 if p.feature_code == "ADM1" else None)
        if key in m.contains:
            s += CONTAINER_WEIGHT / 2
    return s


def _score(c: Candidate, m: _Mention, key: str, ctx: _Context | None, idx: int = -1) -> float:
    if m.eponym:
        ctx, idx = None, -1  # the text's other places say nothing about where the Venice Commission is named after
    s = _base_score(c, m) + (ctx.bonus(key, c.place) if ctx else 0.0) + _containment(c.place, m)
    if ctx is not None and c.flag >= PRIMARY and c.place.feature_code == "PPLC" and ctx.named.get(
            c.place.country or "", 0) >= 1:
        s += CAPITAL_OF_NAMED  # "Washington" in a text that names the United States
    if 0 <= idx < len(m.support):
        s += SUPPORT_WEIGHT * m.support[idx]
    code = c.place.feature_code or ""
    if m.regional and code == "ADM1" and c.flag >= PRIMARY:
        s += REGIONAL_BONUS
    if not m.designated and code in {"ADM1", "ADM2"}:
        if any(o.place.feature_class == "P" and o.place.population >= 1_000_000 for o in m.candidates):
            s -= 2.0  # a big city outranks the region that shares its name ("New York", "Moscow")
        elif c.flag == PRIMARY and code == "ADM1" and not any(
                o.place.feature_class == "P" and o.place.population >= 100_000 for o in m.candidates) and not any(
                _seat_of(o.place, c.place) for o in m.candidates if o.flag >= PRIMARY):
            s += 2.0  # a first-level region called by its own name beats small towns ("Oregon", "Kansas")
    if c.flag < PRIMARY and any(o.flag >= PRIMARY and o.place.feature_code == "PCLI" for o in m.candidates):
        s -= 3.0  # a country's own name means the country, not a city that has it as an alternate ("Mexico")
    elif c.flag < PRIMARY and c.place.feature_class == "P":
        # another place's former or variant name loses to a place of that very name, unless it is a spelling of
        # a much bigger place's name ('Odessa': Odesa; but 'Twickenham' is not Huntsville, Alabama)
        own = max((o.place.population for o in m.candidates if o.flag >= PRIMARY and o.place.feature_class == "P"),
                  default=None)
        if own is not None and (c.place.population <= ALT_RATIO * own or not _spelling_of(key, c.place.name)):
            s -= ALT_PENALTY
    if (c.place.feature_class == "P" and c.place.population < 100_000 and not m.designated and not m.within
            and any(o.flag == PRIMARY and o.place.feature_code == "ADM1" and o.place.population >= 1_000_000
                    and not _seat_of(c.place, o.place) for o in m.candidates)
            and not any(o.flag >= PRIMARY and o.place.feature_class == "P" and o.place.population >= 100_000
                        for o in m.candidates)):
        s -= STATE_NAME_PENALTY  # "Kansas", "Florida": the state, unless a container says the town ("Florida, Mass.")
    return s


def _seat_of(town: Place, region: Place) -> bool:
    """A town that lies in the region named after it ('Kidal' in Kidal Region, 'Marib' in Marib Governorate,
    'Sagaing' in Sagaing Region): the bare name is the town; 'Kidal region' (designated) is the region. Not 'Kansas,
    Illinois' (another state's town)."""
    return (town.feature_class == "P" and region.feature_code in {"ADM1", "ADM2"} and town.country == region.country
            and town.admin1 is not None and town.admin1 == region.admin1)


@lru_cache(maxsize=4096)
def _spelling_of(key: str, name: str) -> bool:
    """'odessa' for Odesa, 'kharkov' for Kharkiv: a transliteration, not a former or unrelated name."""
    return SequenceMatcher(None, key, normalize_name(name)).ratio() >= SPELLING_RATIO


def _readings(mentions: list[_Mention], ctx: _Context | None) -> list[list[tuple[Place, float]]]:
    """Per mention, its plausible places with a probability (softmax of the scores)."""
    out: list[list[tuple[Place, float]]] = []
    for m in mentions:
        if m.forced is not None:
            out.append([(m.forced, 1.0)])
            continue
        key = m.key or normalize_name(m.text)
        scores = [_score(c, m, key, ctx, i) for i, c in enumerate(m.candidates)]
        if not scores:
            out.append([])
            continue
        top = max(scores)
        exps = [math.exp((x - top) / SOFTMAX_T) for x in scores]
        z = sum(exps)
        out.append([(c.place, e / z) for c, e in zip(m.candidates, exps, strict=True) if e / z >= 0.02])
    return out


def _choose(mentions: list[_Mention], ctx: _Context | None) -> list[tuple[Place | None, float]]:
    """Best place per mention and a confidence weight (1 when it clearly wins)."""
    out: list[tuple[Place | None, float]] = []
    for m in mentions:
        if m.forced is not None:
            out.append((m.forced, 1.0))
            continue
        key = m.key or normalize_name(m.text)
        scored = sorted(((_score(c, m, key, ctx, i), c.place) for i, c in enumerate(m.candidates)),
                        key=lambda x: -x[0])
        if not scored:
            out.append((None, 0.0))
            continue
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        out.append((scored[0][1], 1.0 if margin >= 1.0 else 0.3))
    return out


def _mutual_support(mentions: list[_Mention]) -> dict[tuple[str, tuple[str, float, float]], float]:
    """Candidates of different names that lie close together support each other (Paris + Henry County, TN)."""
    grid: dict[tuple[int, int], list[tuple[str, float, float, float]]] = {}
    merged: dict[str, dict[tuple[str, float, float], Candidate]] = {}
    for m in mentions:
        for c in m.candidates:  # "Richmond" and "City of Richmond": one name, its readings merged
            merged.setdefault(m.key or normalize_name(m.text), {}).setdefault(_place_id(c.place), c)
    by_key = {key: tuple(cands.values()) for key, cands in merged.items()}
    # a name that first means a country, a state or a big city: its namesake towns cluster by design
    # (Mexico and California, Missouri), so two such names close together are no evidence
    famous = {key: any(c.place.population >= FAMOUS_POP or (c.flag >= PRIMARY and c.place.feature_code in
                                                            {"PCLI", "ADM1"}) for c in cands)
              for key, cands in by_key.items()}
    # the country of a name's biggest bearer (a city of 100,000 or more): 'Manchester' and 'Colchester' are
    # English cities; their namesakes side by side in Connecticut are a transplanted naming, no evidence
    abroad: dict[str, str | None] = {}
    for key, cands in by_key.items():
        big = max((c.place for c in cands if c.place.feature_class == "P"), key=lambda p: p.population, default=None)
        abroad[key] = big.country if big is not None and big.population >= 100_000 else None
    for key, cands in by_key.items():
        local = [c.place for c in cands if (c.place.feature_code or "") not in _BROAD_CODES]
        if not local:
            continue
        w = 1.0 / math.sqrt(len(local))
        for p in local:
            grid.setdefault((int(p.lat // 1), int(p.lon // 1)), []).append((key, p.lat, p.lon, w))
    support: dict[tuple[str, tuple[str, float, float]], float] = {}
    if len(by_key) < 2:
        return support
    for key, cands in by_key.items():
        for c in cands:
            p = c.place
            if (p.feature_code or "") in _BROAD_CODES:
                continue
            best: dict[str, float] = {}
            gy, gx = int(p.lat // 1), int(p.lon // 1)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for k, lat, lon, w in grid.get((gy + dy, gx + dx), ()):
                        if k != key and abs(lat - p.lat) < 0.8 and abs(lon - p.lon) < 1.0:
                            # within ~30 km: a pair that rarely lines up by chance (Paris in Henry County)
                            close = (abs(lat - p.lat) < 0.3 and abs(lon - p.lon) < 0.4
                                     and not (famous[key] and famous[k])
                                     and not (abroad[key] and abroad[key] == abroad[k] != p.country))
                            best[k] = max(best.get(k, 0.0), max(w, CLOSE_PAIR) if close else w)
            if best:
                support[(key, _place_id(p))] = min(1.5, sum(best.values()))
    return support


def _regions_named(m: _Mention) -> frozenset[tuple[str, str | None]]:
    """The (country, admin1) keys a mention may name: a state, a country ('Ga.', 'Texas', 'France')."""
    if m.forced is not None:
        p = m.forced
        if p.country and (p.feature_code or "") == "ADM1":
            return frozenset({(p.country, p.admin1)})
        if p.country and (p.feature_code or "") == "PCLI" and m.kind != "adjectival":
            return frozenset({(p.country, None)})
        return frozenset()
    out: set[tuple[str, str | None]] = set()
    for c in m.candidates:
        p = c.place
        if p.country and (p.feature_code or "") == "ADM1" and c.flag >= PRIMARY:
            out.add((p.country, p.admin1))
        elif p.country and (p.feature_code or "") == "PCLI":
            out.add((p.country, None))
    return frozenset(out)


def _link_containers(mentions: list[_Mention], text: str) -> None:
    """'Athens, Ga.', 'Decatur, Illinois', 'Paris, France': the second names where the first lies."""
    for n, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if text[a.end:b.start].strip() != "," or not a.candidates:
            continue
        if b.forced is None or b.forced.feature_code != "ADM1" or b.text not in _US_STATES:
            # "stops in Washington, New York and Boston": a list of places, not a town and its state
            after = mentions[n + 2] if n + 2 < len(mentions) else None
            before = mentions[n - 1] if n > 0 else None
            if (after is not None and text[b.end:after.start].strip(" ,") in {"and", "or"}) or (
                    before is not None and text[before.end:a.start].strip() == ","
                    and not _regions_named(a)):
                continue
        regions = _regions_named(b)
        if not regions:
            continue
        inside = {k for k in regions for c in a.candidates
                  if c.place.country == k[0] and (k[1] is None or c.place.admin1 == k[1])
                  and (c.place.feature_code or "") not in {"ADM1", "PCLI"}}
        if inside:
            a.within = frozenset(inside)
            b.contains = frozenset(inside)
    # one sense per text: "Springfield, Ohio" once, then "Springfield", "SPRINGFIELD", "Springfield City"
    named: dict[str, set[tuple[str, str | None]]] = {}
    for m in mentions:
        if m.within:
            named.setdefault(_base_key(m.text), set()).update(m.within)
    if not named:
        return
    for m in mentions:
        if m.within or not m.candidates:
            continue
        named_regions = named.get(_base_key(m.text))
        if named_regions and any(c.place.country == k[0] and (k[1] is None or c.place.admin1 == k[1])
                                 for k in named_regions for c in m.candidates):
            m.within = frozenset(named_regions)


_TOWN_OF = ("city of ", "town of ", "village of ", "borough of ")


def _name_key(m: _Mention) -> str:
    """The key a mention's name shares with its other forms in the text ("City of Richmond", "Springfield
    City"), so that a name is never its own context."""
    key = normalize_name(m.text)
    for prefix in _TOWN_OF:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix):]
    for suffix in (" city", " town"):
        if key.endswith(suffix) and any(normalize_name(c.place.name) == key[:-5] for c in m.candidates):
            return key[:-5]
    return key


_REGION_AFTER = {"border", "borders", "line", "state", "statewide", "legislature", "lawmakers"}


def _is_region_name(m: _Mention) -> bool:
    """A name whose own reading is a first-level region ('Missouri', 'Ga.', 'North Carolina')."""
    if m.forced is not None:
        return (m.forced.feature_code or "") == "ADM1"
    regions = any(c.flag >= PRIMARY and (c.place.feature_code or "") == "ADM1" for c in m.candidates)
    return regions and not any(c.place.feature_class == "P" and c.place.population >= 100_000 for c in m.candidates)


def _mark_regional(mentions: list[_Mention], text: str) -> None:
    """'Missouri, New York, North Carolina and Virginia', 'near the New York border', 'Rego Park, New York':
    a name that is both a big city and a region means the region there."""
    for n, m in enumerate(mentions):
        if not any(c.flag >= PRIMARY and (c.place.feature_code or "") == "ADM1" for c in m.candidates) or any(
                c.flag >= PRIMARY and c.place.feature_code == "PCLI" for c in m.candidates):
            continue  # "Mexico", "Georgia": a country first
        if m.within:
            continue  # "Athens, Ga.": the container says which
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if nxt is not None and text[m.end:nxt.start].strip() == "," and {_place_id(c.place) for c in m.candidates} & {
                _place_id(c.place) for c in nxt.candidates}:
            continue  # "Texas and Washington, D.C.": the next name says which
        after = text[m.end:m.end + 20].split()
        if m.contains or (after and after[0].strip(".,;:").lower() in _REGION_AFTER):
            m.regional = True
            continue
        listed = 0
        for k in (n - 1, n + 1):
            if not 0 <= k < len(mentions):
                continue
            o = mentions[k]
            gap = text[o.end:m.start] if k < n else text[m.end:o.start]
            if gap.strip(" ,").lower() in {"", "and", "or"} and gap.strip() and _is_region_name(o):
                listed += 1
        m.regional = listed > 0


def _link_county_seats(mentions: list[_Mention]) -> None:
    """'Charleston' in a text that also names 'Charleston County': the town of that name in (or right by) the
    county, as if the text had written 'Charleston, S.C.'."""
    counties: dict[str, list[Place]] = {}
    for m in mentions:
        words = m.text.rsplit(" ", 1)
        if m.designated and len(words) == 2 and words[1].lower() in {"county", "parish"}:
            found = [c.place for c in m.candidates if c.place.feature_code == "ADM2" and c.flag >= PRIMARY]
            if found:
                counties.setdefault(normalize_name(words[0]), []).extend(found)
    if not counties:
        return
    for m in mentions:
        seats = counties.get(_base_key(m.text))
        if not seats or m.within or m.designated:
            continue
        # a town by the county, or the county itself ("DeKalb" for DeKalb County, Georgia)
        near = frozenset((c.place.country, c.place.admin1) for c in m.candidates for county in seats
                         if c.place.country and c.place.admin1 == county.admin1 and c.place.country == county.country
                         and (c.place.feature_class == "P" and km(c.place, county) <= COUNTY_SEAT_KM
                              or _place_id(c.place) == _place_id(county)))
        if near:
            m.within = near


def _base_key(text: str) -> str:
    """The name without a trailing 'City' ("Dublin City" and "Dublin" are one town in one text)."""
    key = normalize_name(text)
    return key[:-5] if key.endswith(" city") and len(key) > 8 else key


def _currency_countries(text: str) -> frozenset[str]:
    """Strategy "currency": amounts in bare dollars ('$10.3 million') and no other currency sign suggest a US
    text: a small hint, that a famous foreign namesake ('Dublin', 'Paris') still outweighs without other clues."""
    if _DOLLARS.search(text) and not _OTHER_MONEY.search(text):
        return frozenset({"USA"})
    return frozenset()


def _names_foreign_country(readings: list[list[tuple[Place, float]]], home: str) -> bool:
    """True when the text names another country than ``home`` (its name or its demonym)."""
    for dist in readings:
        for place, prob in dist:
            if prob >= 0.5 and place.feature_code == "PCLI" and place.country and place.country != home:
                return True
    return False


def resolve_mentions(mentions: list[_Mention], hints: Sequence[str],
                     text: str = "") -> list[tuple[Place | None, float]]:
    """Per mention, in order, the place it means and its score (1.0 for a forced reading, 0.0 for none).
    Sets the mentions' links (``within``, ``contains``, ``regional``), ``key`` and ``support`` on the way."""
    if text:
        _link_containers(mentions, text)
    _link_county_seats(mentions)
    if text:
        _mark_regional(mentions, text)
    for m in mentions:
        m.key = _name_key(m)
    support = _mutual_support(mentions)
    for m in mentions:
        m.support = tuple(support.get((m.key, _place_id(c.place)), 0.0) for c in m.candidates)
    readings = _readings(mentions, _Context.build([], [], hints) if hints else None)
    soft = _currency_countries(text) if not _names_foreign_country(readings, "USA") else frozenset()
    for _ in range(CONTEXT_ROUNDS):
        ctx = _Context.build(mentions, readings, hints, soft)
        readings = _readings(mentions, ctx)
    ctx = _Context.build(mentions, readings, hints, soft)
    chosen = _choose(mentions, ctx)
    out: list[tuple[Place | None, float]] = []
    for m, (place, _w) in zip(mentions, chosen, strict=True):
        if place is None or m.forced is not None:
            out.append((place, 1.0 if place else 0.0))
            continue
        best = max(_score(c, m, m.key, ctx, i) for i, c in enumerate(m.candidates))
        out.append((place, round(best, 3)))
    return out
