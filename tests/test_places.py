"""Toponym tagging and resolution: a table of sentences with the place each mention must resolve to."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from warwatch.models import Toponym
from warwatch.places import Gazetteer, find_toponyms, geoparse_rows

pytestmark = pytest.mark.slow

MOSCOW = (55.75, 37.62)
KYIV = (50.45, 30.52)
KHARKIV = (49.98, 36.25)
ODESA = (46.48, 30.73)
BAKHMUT = (48.59, 38.0)
MYKOLAIV = (46.97, 31.99)
DNIPRO = (48.45, 34.98)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def toponyms(nlp: Language, gaz: Gazetteer, text: str) -> list[Toponym]:
    return find_toponyms(nlp(text), gaz)


def the(tops: list[Toponym], mention: str) -> Toponym:
    hits = [t for t in tops if t.text == mention]
    assert hits, f"{mention!r} not found in {[t.text for t in tops]}"
    return hits[0]


# (sentence, mention, ISO3, (lat, lon) within 60 km (150 for countries) or an admin1 name)
CASES: list[tuple[str, str, str, tuple[float, float] | str]] = [
    # capitals and big cities, several spellings
    ("Russian missiles hit Kyiv overnight, killing three people.", "Kyiv", "UKR", KYIV),
    ("Explosions shook Kiev on Monday morning.", "Kiev", "UKR", KYIV),
    ("Air raid sirens sounded across Kyiv and Lviv.", "Lviv", "UKR", (49.84, 24.03)),
    ("A missile struck Kharkiv on Friday.", "Kharkiv", "UKR", KHARKIV),
    ("Shelling hit Kharkov, the regional governor said.", "Kharkov", "UKR", KHARKIV),
    ("Drones targeted the port of Odesa.", "Odesa", "UKR", ODESA),
    ("The Odessa port was shelled overnight in southern Ukraine.", "Odessa", "UKR", ODESA),
    ("Drones attacked Odessa again, Ukraine's air force said.", "Odessa", "UKR", ODESA),
    ("Troops fought near Artemivsk for months.", "Artemivsk", "UKR", BAKHMUT),
    ("Russian forces claimed the capture of Bakhmut.", "Bakhmut", "UKR", BAKHMUT),
    ("Missiles hit Nikolaev, Ukrainian officials said.", "Nikolaev", "UKR", MYKOLAIV),
    ("Missiles hit Mykolaiv overnight.", "Mykolaiv", "UKR", MYKOLAIV),
    ("A strike on Dnepropetrovsk killed five.", "Dnepropetrovsk", "UKR", DNIPRO),
    ("A strike on Dnipro killed five.", "Dnipro", "UKR", DNIPRO),
    ("Ukrainian drones struck blocks in Moscow, Mayor Sergei Sobyanin said.", "Moscow", "RUS", MOSCOW),
    ("Drones were downed over Moscow and the surrounding region.", "Moscow", "RUS", MOSCOW),
    ("Russian and Ukrainian forces clashed near Pokrovsk.", "Pokrovsk", "UKR", (48.28, 37.18)),
    ("The Ukrainian army held Pokrovsk in Donetsk Oblast.", "Pokrovsk", "UKR", (48.28, 37.18)),
    ("Russian forces pressed toward Avdiivka in eastern Ukraine.", "Avdiivka", "UKR", (48.14, 37.75)),
    ("Zaporizhzhia came under fire on Sunday.", "Zaporizhzhia", "UKR", (47.84, 35.14)),
    ("Shelling hit Zaporizhia, officials in Ukraine said.", "Zaporizhia", "UKR", (47.84, 35.14)),
    ("Drones hit an oil depot in Belgorod, Russia.", "Belgorod", "RUS", (50.61, 36.58)),
    ("Drones hit an oil depot in Kursk, Russia.", "Kursk", "RUS", (51.73, 36.19)),
    ("A refinery in Bryansk was set ablaze by Ukrainian drones.", "Bryansk", "RUS", (53.25, 34.37)),
    ("Explosions were reported in Engels, home to a strategic bomber base.", "Engels", "RUS", (51.49, 46.12)),
    ("A drone hit a building in Kazan, the capital of Tatarstan, in Russia.", "Kazan", "RUS", (55.79, 49.12)),
    ("A Ukrainian drone attacked Pskov airport in Russia.", "Pskov", "RUS", (57.82, 28.33)),
    ("Drones hit Novokuibyshevsk in Russia's Samara region.", "Novokuibyshevsk", "RUS", (53.1, 49.92)),
    ("Russian shelling hit Bohodukhiv in the Kharkiv region.", "Bohodukhiv", "UKR", (50.16, 35.53)),
    ("Russian drones struck Bogodukhov in Ukraine.", "Bogodukhov", "UKR", (50.16, 35.53)),
    ("Drones hit the Danube port of Izmail in Ukraine.", "Izmail", "UKR", (45.35, 28.84)),
    ("Russia struck Sumy and Chernihiv in Ukraine.", "Sumy", "UKR", (50.91, 34.8)),
    ("Russia struck Sumy and Chernihiv in Ukraine.", "Chernihiv", "UKR", (51.5, 31.3)),
    ("Russian troops shelled Kherson from across the river in Ukraine.", "Kherson", "UKR", (46.64, 32.61)),
    ("Explosions were heard in Sevastopol, Crimea.", "Sevastopol", "UKR", (44.6, 33.52)),
    ("Explosions were heard in Simferopol in Crimea.", "Simferopol", "UKR", (44.95, 34.1)),
    ("Ukraine hit a ferry in Kerch, Crimea.", "Kerch", "UKR", (45.36, 36.47)),
    ("Russian forces shelled Kramatorsk in Ukraine.", "Kramatorsk", "UKR", (48.72, 37.56)),
    ("A missile hit Dnipro and Kryvyi Rih in Ukraine.", "Kryvyi Rih", "UKR", (47.91, 33.39)),
    ("The Russian army shelled Mariupol for weeks.", "Mariupol", "UKR", (47.1, 37.55)),
    ("Luhansk was occupied in 2014.", "Luhansk", "UKR", (48.57, 39.33)),
    ("Donetsk was shelled, Russian-installed officials said.", "Donetsk", "UKR", (48.02, 37.8)),
    ("Russian shelling killed two in Nikopol, Ukraine.", "Nikopol", "UKR", (47.57, 34.39)),
    ("Drones hit Zhytomyr and Vinnytsia in Ukraine.", "Vinnytsia", "UKR", (49.23, 28.47)),
    ("A missile struck Poltava in Ukraine.", "Poltava", "UKR", (49.59, 34.55)),
    ("Attacks hit Ternopil and Rivne in Ukraine.", "Rivne", "UKR", (50.62, 26.25)),
    ("Russian forces struck Kupiansk in Ukraine.", "Kupiansk", "UKR", (49.71, 37.62)),
    ("Russian troops attacked Vuhledar in Ukraine.", "Vuhledar", "UKR", (47.78, 37.25)),
    ("Fighting raged in Chasiv Yar in Ukraine.", "Chasiv Yar", "UKR", (48.59, 37.84)),
    ("Fighting raged in Toretsk in Ukraine.", "Toretsk", "UKR", (48.4, 37.85)),
    # Middle East and elsewhere
    ("Houthi forces fired missiles from Hodeidah.", "Hodeidah", "YEM", (14.8, 42.95)),
    ("Air strikes hit Sanaa overnight.", "Sanaa", "YEM", (15.35, 44.2)),
    ("Israeli strikes hit Rafah in the Gaza Strip.", "Rafah", "PSE", (31.3, 34.25)),
    ("Israeli strikes hit Khan Younis in the Gaza Strip.", "Khan Younis", "PSE", (31.34, 34.3)),
    ("Rockets were fired at Tel Aviv from Gaza.", "Tel Aviv", "ISR", (32.08, 34.78)),
    ("Rockets were fired at Tel Aviv from Gaza.", "Gaza", "PSE", (31.5, 34.47)),
    ("Fighting spread to El Fasher in Sudan.", "El Fasher", "SDN", (13.63, 25.35)),
    ("The ship docked at Port Sudan.", "Port Sudan", "SDN", (19.62, 37.22)),
    ("Drones attacked Abqaiq in Saudi Arabia.", "Abqaiq", "SAU", (25.93, 49.67)),
    ("Fighting broke out in Stepanakert.", "Stepanakert", "AZE", (39.82, 46.75)),
    ("Officials in Beirut condemned the strike.", "Beirut", "LBN", (33.89, 35.5)),
    ("Protesters gathered in Tehran.", "Tehran", "IRN", (35.69, 51.42)),
    ("A car bomb exploded in Baghdad.", "Baghdad", "IRQ", (33.34, 44.4)),
    ("Clashes erupted in Damascus and Aleppo.", "Aleppo", "SYR", (36.2, 37.16)),
    # ambiguity decided by context
    ("Paris hosted the summit; France's president welcomed Zelensky.", "Paris", "FRA", (48.85, 2.35)),
    ("Paris, Texas, is a town in Lamar County where the rodeo starts Friday near Dallas.", "Paris", "USA",
     (33.66, -95.56)),
    ("Prices rose in Odessa, Texas, where drilling went on near Midland.", "Odessa", "USA", (31.85, -102.37)),
    ("The mayor of Moscow, Idaho, near Lewiston and Boise, opened a fair.", "Moscow", "USA", (46.73, -117.0)),
    ("The Kazan Kremlin is in Tatarstan, in Russia.", "Kazan", "RUS", (55.79, 49.12)),
    ("The school board in Athens, Georgia met near Atlanta on Monday.", "Athens", "USA", (33.96, -83.38)),
    ("Tourists flocked to Athens and Thessaloniki in Greece.", "Athens", "GRC", (37.98, 23.72)),
    ("London and Manchester saw protests in England.", "London", "GBR", (51.51, -0.13)),
    ("Alexandria and Cairo saw protests in Egypt.", "Alexandria", "EGY", (31.2, 29.92)),
    ("Officials in Washington said more aid would come.", "Washington", "USA", (38.9, -77.04)),
    ("Prices rose in New York and Chicago.", "New York", "USA", (40.71, -74.0)),
    ("Georgia and Armenia signed a deal in Tbilisi.", "Georgia", "GEO", (42.0, 43.5)),
    # regions
    ("Shelling hit the Belgorod region overnight.", "Belgorod region", "RUS", "Belgorod Oblast"),
    ("Drones attacked the Kursk Oblast.", "Kursk Oblast", "RUS", "Kursk Oblast"),
    ("Russian troops advanced in Donetsk Oblast.", "Donetsk Oblast", "UKR", "Donetsk Oblast"),
    ("Russian troops advanced in the Donetsk region.", "Donetsk region", "UKR", "Donetsk Oblast"),
    ("Shelling hit the Kharkiv region.", "Kharkiv region", "UKR", "Kharkiv Oblast"),
    ("A drone was downed over the Moscow region.", "Moscow region", "RUS", "Moscow Oblast"),
    ("Fires broke out in Moscow Oblast.", "Moscow Oblast", "RUS", "Moscow Oblast"),
    ("A drone hit a depot in the Odesa region.", "Odesa region", "UKR", "Odesa Oblast"),
    ("Shelling hit the Zaporizhia region.", "Zaporizhia region", "UKR", "Zaporizhzhia Oblast"),
    ("Kherson Oblast was shelled 80 times.", "Kherson Oblast", "UKR", "Kherson Oblast"),
    ("Fighting continued in the Luhansk region.", "Luhansk region", "UKR", "Luhansk Oblast"),
    ("An explosion hit a depot in Crimea.", "Crimea", "UKR", (45.0, 34.1)),
    ("The Saratov region governor reported a drone attack.", "Saratov region", "RUS", "Saratov Oblast"),
    ("Drones struck the Bryansk region overnight.", "Bryansk region", "RUS", "Bryansk Oblast"),
    ("Texas officials opened an inquiry.", "Texas", "USA", "Texas"),
    # landmarks
    ("The Kremlin warned that Ukraine would pay.", "Kremlin", "RUS", MOSCOW),
    ("Drones flew over Red Square before dawn.", "Red Square", "RUS", MOSCOW),
    ("Explosions damaged the Crimean Bridge.", "Crimean Bridge", "UKR", (45.31, 36.51)),
    ("Traffic on the Kerch Bridge was halted.", "Kerch Bridge", "UKR", (45.31, 36.51)),
    ("Satellite images showed damage at Saky air base.", "Saky air base", "UKR", (45.09, 33.6)),
    ("Ukraine said it hit Belbek air base.", "Belbek air base", "UKR", (44.69, 33.57)),
    ("Drones targeted Morozovsk air base in Russia.", "Morozovsk air base", "RUS", (48.31, 41.79)),
    ("Rockets hit Baghdad International Airport.", "Baghdad International Airport", "IRQ", (33.26, 44.23)),
    ("Missiles hit the Sevastopol shipyard.", "Sevastopol shipyard", "UKR", (44.62, 33.53)),
    ("Drones attacked the Khurais oil field.", "Khurais oil field", "SAU", (25.07, 48.2)),
    ("Ukrainian drones hit Ramenskoye airfield.", "Ramenskoye airfield", "RUS", (55.55, 38.15)),
    ("Explosions were heard at the Engels air base.", "Engels air base", "RUS", (51.48, 46.21)),
    # countries and demonyms
    ("Ukraine and Russia exchanged prisoners.", "Ukraine", "UKR", (49.0, 32.0)),
    ("Ukraine and Russia exchanged prisoners.", "Russia", "RUS", (60.0, 100.0)),
    ("The U.S. sent more aid.", "U.S.", "USA", (39.76, -98.5)),
    ("Yemen's Houthis attacked ships.", "Yemen", "YEM", (15.5, 47.5)),
]


@pytest.mark.parametrize(("text", "mention", "country", "where"), CASES)
def test_toponym_cases(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, country: str,
                       where: tuple[float, float] | str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None
    assert t.place.country == country, t.place
    if isinstance(where, str):
        assert t.place.admin1 == where, t.place
    else:
        limit = 150 if t.place.feature_code == "PCLI" else 60
        assert km((t.place.lat, t.place.lon), where) < limit, t.place


def test_every_toponym_of_the_table_is_a_span_of_its_text(nlp_sm: Language, gaz: Gazetteer) -> None:
    # (this replaces a count of the table's rows, which could not fail)
    for text, _mention, _country, _where in CASES:
        tops = toponyms(nlp_sm, gaz, text)
        assert tops, text
        assert all(text[t.start:t.end] == t.text for t in tops), text


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Moscow said the attack was an act of terrorism.", "Moscow"),
        ("Kyiv denied any involvement in the blast.", "Kyiv"),
        ("The Kremlin warned of retaliation.", "Kremlin"),
        ("Russia accused Ukraine of attacking civilians.", "Russia"),
        ("Washington announced new sanctions.", "Washington"),
    ],
)
def test_metonyms(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str) -> None:
    assert the(toponyms(nlp_sm, gaz, text), mention).kind == "metonym"


def test_literal_not_metonym(nlp_sm: Language, gaz: Gazetteer) -> None:
    assert the(toponyms(nlp_sm, gaz, "Drones struck Moscow overnight."), "Moscow").kind == "literal"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [("Russian missiles hit the city.", "Russian", "RUS"),
     ("Ukrainian drones were launched.", "Ukrainian", "UKR"),
     ("Israeli jets struck targets.", "Israeli", "ISR"), ("Iranian officials denied it.", "Iranian", "IRN")],
)
def test_demonyms(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, country: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.kind == "adjectival" and t.place is not None and t.place.country == country


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Mayor Sergei Sobyanin said two people were hurt.", {"Sergei", "Sobyanin", "Sergei Sobyanin"}),
        ("President Volodymyr Zelensky visited the front.", {"Volodymyr", "Zelensky"}),
        ("May will bring more strikes, officials said.", {"May"}),
        ("Will the talks succeed? Nobody knows.", {"Will"}),
        ("On Tuesday and Sunday the shelling stopped.", {"Tuesday", "Sunday"}),
        ("Police said the suspect fled.", {"Police"}),
        ("Ten people were killed and eight wounded in the raid, he said.", {"Ten"}),  # a count, not a province
    ],
)
def test_not_places(nlp_sm: Language, gaz: Gazetteer, text: str, not_places: set[str]) -> None:
    assert not {t.text for t in toponyms(nlp_sm, gaz, text)} & not_places


def test_org_span_still_yields_places(nlp_sm: Language, gaz: Gazetteer) -> None:
    tops = toponyms(nlp_sm, gaz, "Zelensky said Russia had launched 40 Shahed drones at Kharkiv and Odesa.")
    assert {"Kharkiv", "Odesa", "Russia"} <= {t.text for t in tops}
    assert "Zelensky" not in {t.text for t in tops}


def test_offsets_and_order(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = "Kyiv said Kharkiv and Kyiv were hit; Odesa too."
    tops = toponyms(nlp_sm, gaz, text)
    assert [t.text for t in tops] == ["Kyiv", "Kharkiv", "Kyiv", "Odesa"]
    assert all(text[t.start:t.end] == t.text for t in tops)
    assert [t.start for t in tops] == sorted(t.start for t in tops)


def test_geoparse_rows(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = "Drones hit Odesa and the Kremlin."
    rows = geoparse_rows("a-1", nlp_sm(text), gaz)
    assert [r["text"] for r in rows] == ["Odesa", "Kremlin"]
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r) >= {"article_id", "start", "end", "text", "name", "country", "admin1", "lat", "lon",
                          "geonameid", "feature_class", "kind"}
    assert rows[0]["country"] == "UKR" and rows[0]["admin1"] == "Odesa Oblast"
    assert rows[0]["feature_class"] == "P"


def test_hints(nlp_sm: Language, gaz: Gazetteer) -> None:
    doc = nlp_sm("The council met in Moscow on Monday.")
    assert find_toponyms(doc, gaz, hints=["USA"])[0].place.country == "USA"  # type: ignore[union-attr]
    assert find_toponyms(doc, gaz)[0].place.country == "RUS"  # type: ignore[union-attr]


# Context strategies: (text, mention, ISO3, admin1 or (lat, lon) within 60 km). Invented sentences, one per
# mechanism: "City, State" containers, state names and AP abbreviations, coherence with the other places
# named, regions named by their own name, "X State" (a university in town X), region demonyms, world regions.
CONTEXT_CASES: list[tuple[str, str, str, tuple[float, float] | str]] = [
    ("The fire started in Athens, Ga., on Sunday.", "Athens", "USA", "Georgia"),
    ("The fire started in Athens, Texas, on Sunday.", "Athens", "USA", "Texas"),
    ("Officials in Athens, Tenn., closed the road.", "Athens", "USA", "Tennessee"),
    ("Deputies were called to Paris, Tenn., late Friday.", "Paris", "USA", "Tennessee"),
    ("A storm hit Decatur, Ill., on Monday.", "Decatur", "USA", "Illinois"),
    ("Voters in Columbus, Ohio, lined up early.", "Columbus", "USA", "Ohio"),
    ("The plant in Springfield, Mass., will close.", "Springfield", "USA", "Massachusetts"),
    ("A storm hit Portland, Maine, overnight.", "Portland", "USA", "Maine"),
    ("Paris, France, hosted the summit.", "Paris", "FRA", (48.85, 2.35)),
    ("The family moved from Alexandria, La., to Dallas.", "Alexandria", "USA", "Louisiana"),
    ("Rapides Parish deputies said a fire in Alexandria destroyed a home.", "Alexandria", "USA", "Louisiana"),
    ("Rapides Parish Fire District 2 investigated the blaze.", "Rapides Parish", "USA", "Louisiana"),
    ("Governors of Oregon and Kansas met in Washington.", "Oregon", "USA", "Oregon"),
    ("Governors of Oregon and Kansas met in Washington.", "Kansas", "USA", "Kansas"),
    ("Farmers in Vermont and Delaware lost crops.", "Vermont", "USA", "Vermont"),
    ("He played football at Youngstown State before the war.", "Youngstown State", "USA", "Ohio"),
    ("The US state has sued the agency.", "US", "USA", (39.76, -98.5)),
    ("The deal was signed in Mexico City by ministers from Mexico and Canada.", "Mexico", "MEX", (23.0, -102.0)),
    ("English and Scottish fans filled the stadium.", "English", "GBR", "England"),
    ("English and Scottish fans filled the stadium.", "Scottish", "GBR", "Scotland"),
    ("Thousands of Central American migrants walked north.", "Central American", "", (13.0, -86.0)),
    ("Tension in the Middle East rose after the strike.", "Middle East", "", (33.14, 35.86)),
    ("Rockets were fired at the Golan Heights.", "Golan Heights", "SYR", (33.0, 35.75)),
]


# Rules of issue 4 (invented sentences): one sense per text after "City, State"; a list of places is no
# container; places inside facility names; bare-dollar amounts hint at a US text; British counties by bare name.
CONTEXT_CASES += [
    ("Springfield, Ohio, voted on the school levy. Later, Springfield residents cheered the result.",
     "Springfield", "USA", "Ohio"),
    ("The prince visited Washington, New York and Boston last week.", "Boston", "USA", "Massachusetts"),
    ("The prince visited Washington, New York and Boston last week.", "Washington", "USA", (38.9, -77.04)),
    ("She lectured at the University of St. Francis in Joliet, Illinois, until 2019.", "St. Francis", "USA",
     "Illinois"),
    ("A diplomat at the British Embassy Tokyo said the talks would resume.", "British", "JPN", (35.69, 139.75)),
    ("Parkland, Florida, mourned on Monday. Pupils of Marjory Stoneman Douglas High School returned to class.",
     "Douglas", "USA", "Florida"),
    ("She studied law at Texas Southern University in Houston.", "Texas", "USA", "Texas"),
    ("Mansfield council approves $2 million for a new library. The city of Mansfield will also repave roads.",
     "Mansfield", "USA", (32.56, -97.14)),
    ("Mansfield council approves £2 million for a new library. The city of Mansfield will also repave roads.",
     "Mansfield", "GBR", "England"),
    ("Rain fell on Kent, Yorkshire and Fife as storms crossed England and Scotland.", "Kent", "GBR", "England"),
    ("Rain fell on Kent, Yorkshire and Fife as storms crossed England and Scotland.", "Fife", "GBR", "Scotland"),
    ("Shots were fired near Cortez Park in Stockton, California, on Friday night.", "Cortez", "USA",
     "California"),  # a park named after a town elsewhere is in the town named after it
]


@pytest.mark.parametrize(("text", "mention", "country", "where"), CONTEXT_CASES)
def test_context_cases(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, country: str,
                       where: tuple[float, float] | str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None
    assert (t.place.country or "") == country, t.place
    if isinstance(where, str):
        assert t.place.admin1 == where, t.place
    else:
        limit = 150 if t.place.feature_code in {"PCLI", "RGN"} else 60
        assert km((t.place.lat, t.place.lon), where) < limit, t.place


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("She lived at 1935 Orchard St. with her son.", {"Orchard", "Orchard St."}),
        ("The crash closed North Cooper Street for hours.", {"Cooper", "North Cooper Street"}),
        ("He was arrested on Knox Road in the morning.", {"Knox", "Knox Road"}),
        ("A concert by Haydn opened the competition.", {"Haydn"}),
        ("Officers found the car in the 2200 block of Polk after the shooting.", {"Polk"}),  # an address
    ],
)
def test_streets_and_alternates_are_not_towns(nlp_sm: Language, gaz: Gazetteer, text: str,
                                              not_places: set[str]) -> None:
    assert not {t.text for t in toponyms(nlp_sm, gaz, text)} & not_places


def test_streets_at_focus_city(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = "Police in Kharkiv closed Sumska Street after the strike on Kharkiv."
    tops = find_toponyms(nlp_sm(text), gaz, streets=True)
    street = the(tops, "Sumska Street")
    assert street.kind == "street" and street.place is not None and street.place.name == "Kharkiv"
    assert "Sumska Street" not in {t.text for t in find_toponyms(nlp_sm(text), gaz)}


# Rules of issue 4, second round (invented sentences): a first-level region's own name means the region, not a
# small town of that name that the text's state would favour; another place's alternate name loses to a place
# that bears the name as its own; world regions and famous landmarks at their GeoNames / OpenStreetMap points.
ROUND2_CASES = [
    # state name vs small namesake town in a text about another state ("Kansas", Illinois)
    ("The Champaign and Urbana councils met; a Danville man moved to Kansas last year.", "Kansas", "Kansas",
     "USA", "Kansas"),
    ("Farmers from Peoria, Bloomington and Springfield drove to Kansas for the auction.", "Kansas", "Kansas",
     "USA", "Kansas"),
    ("Fishermen in Tampa Bay and Miami said anglers from Ohio and Florida came.", "Florida", "Florida", "USA",
     "Florida"),
    # an alternate name of another place ('Maryville' for Beeville, 'Kaliningrad' for Korolev)
    ("Ranchers from Corpus Christi, Victoria and San Antonio drove to Maryville for the cattle sale.", "Maryville",
     "Maryville", "USA", None),
    ("Volunteers from Moscow and Tula flew to Kaliningrad.", "Kaliningrad", "Kaliningrad", "RUS",
     "Kaliningrad Oblast"),
    # world regions and landmarks at GeoNames / OpenStreetMap points
    ("Smugglers move migrants across North Africa to Europe.", "North Africa", "North Africa", "", (32.95, 9.98)),
    ("Flights at Heathrow were cancelled because of fog.", "Heathrow", "Heathrow Airport", "GBR", (51.47, -0.45)),
    ("Diplomats toured the Middle East in March.", "Middle East", "Middle East", "", (33.14, 35.86)),
]


@pytest.mark.parametrize(("text", "mention", "name", "country", "where"), ROUND2_CASES)
def test_round2_cases(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, name: str, country: str,
                      where: tuple[float, float] | str | None) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None
    assert t.place.name == name, t.place
    assert (t.place.country or "") == country, t.place
    if isinstance(where, str):
        assert t.place.admin1 == where, t.place
    elif where is not None:
        assert km((t.place.lat, t.place.lon), where) < 25, t.place


# Rules of issue 4, third round (invented sentences): a natural feature or a park the gazetteer lacks is not a
# town named by one of its words; nor is a compound of two small places' names ("a Meadow Grove man"); a
# township is placed at a town of its name; a region of no one country is not outranked by a namesake town.
@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Anglers on the Kishwaukee River near Rockford caught nothing.", {"Kishwaukee", "Kishwaukee River"}),
        ("Boats crowded Lake Lanier in Georgia over the weekend.", {"Lanier", "Lake Lanier"}),
        ("Rangers closed Rocky Mountain National Park after the storm.", {"National Park", "Rocky Mountain"}),
        ("Ferries to the Farallon Islands were cancelled.", {"Farallon"}),
        ("Shelling continued along the Dnipro River near Kherson.", {"Dnipro", "Dnipro River"}),
        ("A Meadow Grove man was fined in Platte County Court.", {"Meadow", "Grove"}),
        # names built on another place's name, and features known only as another place's name
        ("Oil washed ashore along the Gulf of Mexico.", {"Mexico"}),
        ("Fishing boats left for the Gulf of Alaska.", {"Alaska"}),
        ("Police in Harbor City arrested two men.", {"Harbor"}),
        ("A Tennessee Colony woman was hurt in the crash.", {"Tennessee"}),
        ("Barges moved up the Red River past Alexandria.", {"Red River"}),  # the river, not Red River Parish
        ("Anglers fished Big Creek near Brundidge.", {"Big Creek"}),
    ],
)
def test_unknown_features_and_compounds_are_not_towns(nlp_sm: Language, gaz: Gazetteer, text: str,
                                                      not_places: set[str]) -> None:
    names = {t.text for t in toponyms(nlp_sm, gaz, text)}
    assert not names & not_places, names


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Shelling continued along the Dnipro River near Kherson.", "Kherson"),
        ("Deputies of the Lake County Sheriff's Office arrived.", "Lake County"),
        ("Dinner at Epicurean Santa Barbara drew a crowd.", "Santa Barbara"),
        ("Kherson and Dnipro River towns were shelled.", "Kherson"),
    ],
)
def test_known_places_beside_unknown_features_are_kept(nlp_sm: Language, gaz: Gazetteer, text: str,
                                                       kept: str) -> None:
    assert kept in {t.text for t in toponyms(nlp_sm, gaz, text)}


def test_township_is_placed_at_a_town_of_its_name(nlp_sm: Language, gaz: Gazetteer) -> None:
    t = the(toponyms(nlp_sm, gaz, "Trustees in Columbus, Ohio and in Jerome Township, Ohio, met on Monday."),
            "Jerome Township")
    assert t.place is not None and t.place.name == "Jerome" and t.place.country == "USA"


def test_borderless_region_beats_a_namesake_town(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = ("US officials said Egypt and the US would talk. The US envoy toured the Middle East, "
            "and US aid to the Middle East was discussed in Washington.")
    for t in toponyms(nlp_sm, gaz, text):
        if t.text == "Middle East":
            assert t.place is not None and t.place.country is None and t.place.name == "Middle East"


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        # a capital whose country the text names outright outranks a namesake near the text's other places
        ("LONDON (Reuters) - Britain expelled Russian diplomats. Britain and British officials in London said the "
         "United States backed Britain, and Washington agreed. Britain will act, London said.", "Washington",
         "District of Columbia"),
        # "City of Richmond" is the same name as "Richmond": no context for itself; the county decides
        ("A Richmond man was charged after Richmond police stopped him. Madison County deputies helped, and the "
         "City of Richmond paid for the repairs.", "Richmond", "Kentucky"),
    ],
)
def test_capitals_and_one_name_per_text(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str,
                                        admin1: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and t.place.admin1 == admin1, t.place


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        # the county named in the text says which of the namesake towns is meant
        ("A Charleston woman was arrested in Webb after a chase; Charleston County deputies and Florence police "
         "helped, and the Charleston woman was jailed.", "Charleston", "South Carolina"),
        # ... or that the bare name is the county itself
        ("DeKalb County commissioners met in Decatur, Ga., on Monday. DeKalb schools will close, DeKalb officials "
         "said.", "DeKalb", "Georgia"),
        # "Hanover Town" is the same name as "Hanover", not context for a hamlet of that name
        ("Hanover Town officials said Hanover will pave S. Main St. in the spring. Bethel and Norwich, Vt., will "
         "help.", "Hanover", "New Hampshire"),
    ],
)
def test_county_names_the_town(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, admin1: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and t.place.admin1 == admin1, t.place


@pytest.mark.parametrize(
    ("text", "admin1", "feature_code"),
    [
        ("Choirs from Ohio, New York, Georgia and Maine sang at the festival.", "New York", "ADM1"),
        ("The new rail line will reach the New York border by 2030.", "New York", "ADM1"),
        ("The airline will fly between New York and Moscow next year.", "New York", "PPL"),
    ],
)
def test_state_or_city_of_one_name(nlp_sm: Language, gaz: Gazetteer, text: str, admin1: str,
                                   feature_code: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), "New York")
    assert t.place is not None and t.place.admin1 == admin1
    assert (t.place.feature_code == "ADM1") == (feature_code == "ADM1"), t.place


def test_designated_region_reads_every_region_of_its_name(nlp_sm: Language, gaz: Gazetteer) -> None:
    # "Maryland State" is an alternate name of a Liberian county; the state of Maryland is a reading too
    text = "SEVERN, Md. - Officers from Anne Arundel County and the Maryland State Police searched the area."
    t = the(toponyms(nlp_sm, gaz, text), "Maryland State")
    assert t.place is not None and t.place.country == "USA" and t.place.admin1 == "Maryland"


def test_region_of_a_name_that_is_an_ocean_is_not_a_towns_region(nlp_sm: Language, gaz: Gazetteer) -> None:
    for t in toponyms(nlp_sm, gaz, "Russia and Vietnam discussed security in the Pacific region."):
        assert t.place is None or t.place.admin1 != "Missouri", t


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("KAZAKH officials met Chinese investors in Astana.", "KAZAKH", "KAZ"),  # a demonym in capitals
        ("Azeris and Armenians traded fire overnight.", "Azeris", "AZE"),  # the actor dictionary's demonyms
        ("The Argentine navy searched the area.", "Argentine", "ARG"),
        ("Tulips from Holland were sold in Cork.", "Holland", "NLD"),  # the Netherlands' common English name
    ],
)
def test_demonyms_and_exonyms(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, country: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and t.place.country == country, t.place


def test_city_suffix_reads_the_towns_of_the_name(nlp_sm: Language, gaz: Gazetteer) -> None:
    # "Las Vegas City" is an alternate name of Las Vegas, New Mexico only; the Nevada city is a reading too
    text = "Officers in North Las Vegas shot a man. The Las Vegas City Council will review the case."
    t = the(toponyms(nlp_sm, gaz, text), "Las Vegas City")
    assert t.place is not None and t.place.admin1 == "Nevada", t.place


@pytest.mark.parametrize(
    ("text", "mention", "name", "admin1"),
    [
        ("The ferry crosses over to Canada - to Sault Ste. Marie, Ontario, in fact.", "Sault Ste. Marie",
         "Sault Ste. Marie", "Ontario"),
        ("Banks in the Charlotte region added jobs, Raleigh officials said.", "Charlotte region", "North Carolina",
         "North Carolina"),
        ("A Richmond man was charged. Madison County deputies helped, and the City of Richmond paid.",
         "City of Richmond", "Richmond", "Kentucky"),
    ],
)
def test_names_with_abbreviations_regions_and_city_forms(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str,
                                                         name: str, admin1: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and (t.place.name, t.place.admin1) == (name, admin1), t.place


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        ("Race fans drove from Yorkshire and Kent to Silverstone.", "Yorkshire", "England"),
        ("Police in Berkshire and Hampshire closed the motorway.", "Berkshire", "England"),
        ("Flooding hit Greater Manchester and Merseyside overnight.", "Greater Manchester", "England"),
    ],
)
def test_english_counties_missing_from_geonames_regions(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str,
                                                        admin1: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and t.place.country == "GBR" and t.place.admin1 == admin1, t.place


def test_uk_street_types_are_not_towns(nlp_sm: Language, gaz: Gazetteer) -> None:
    names = {t.text for t in toponyms(nlp_sm, gaz, "A car was set alight on Ainsworth Parade in Belfast.")}
    assert "Ainsworth" not in names and "Belfast" in names


@pytest.mark.parametrize(
    ("text", "mention", "name", "country"),
    [
        # a treaty or a body named after a famous place: the place, whatever the text's other places
        ("U.S. and EU officials told Kyiv to follow the Venice Commission, a Florida lawmaker said.", "Venice",
         "Venice", "ITA"),
        ("Washington and Moscow argued over the Minsk agreements.", "Minsk", "Minsk", "BLR"),
        # a spelling of a much bigger place's name still wins ('Odessa' is Odesa) ...
        ("Drones hit Odessa and Mykolaiv overnight.", "Odessa", "Odesa", "UKR"),
    ],
)
def test_eponyms_and_spellings(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, name: str,
                               country: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and (t.place.name, t.place.country) == (name, country), t.place


@pytest.mark.parametrize(
    ("text", "feature_code"),
    [
        ("Tech jobs went to western states such as California or Washington.", "ADM1"),
        ("Visitors travelled from Oregon and Washington, D.C., for the opening.", "PPLC"),
    ],
)
def test_washington_state_or_capital(nlp_sm: Language, gaz: Gazetteer, text: str, feature_code: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), "Washington")
    assert t.place is not None and t.place.feature_code == feature_code, t.place


def test_generic_district_is_placed_at_the_texts_town(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = ("Chicago police said two men were shot on the South Side. Chicago officials said shootings in "
            "Chicago fell this year.")
    t = the(toponyms(nlp_sm, gaz, text), "South Side")
    assert t.kind == "district" and t.place is not None and t.place.name == "Chicago", t


def test_long_island_is_the_island(nlp_sm: Language, gaz: Gazetteer) -> None:
    t = the(toponyms(nlp_sm, gaz, "Storms flooded homes on Long Island, N.Y., overnight."), "Long Island")
    assert t.place is not None and t.place.feature_code == "ISL" and t.place.country == "USA", t.place


# Small places of the war the small NER model calls persons or organisations, or that GeoNames spells otherwise
# ('Hulyaypole', "Mar'yinka"): towns, when the text is about their country (named, or through a big city or a
# region of it); never for the United States, where every surname is some small town's name.
@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Ukrainian troops held positions in Krynky on the left bank of the Dnipro.", "Krynky", "Krynky"),
        ("A missile hit Vovchansk and Velyka Novosilka; Vuhledar and Marinka were shelled, officials in Kherson "
         "said.", "Marinka", "Mar'yinka"),
        ("A missile hit Vovchansk and Velyka Novosilka; Vuhledar and Marinka were shelled, officials in Kherson "
         "said.", "Velyka Novosilka", "Velyka Novosilka"),
        ("Fighting raged around Kreminna and Bilohorivka in the Luhansk region, and near Huliaipole and Orikhiv.",
         "Huliaipole", "Hulyaypole"),
        ("Fighting raged around Kreminna and Bilohorivka in the Luhansk region, and near Huliaipole and Orikhiv.",
         "Bilohorivka", "Bilohorivka"),
    ],
)
def test_small_places_of_the_war(nlp_sm: Language, gaz: Gazetteer, text: str, mention: str, name: str) -> None:
    t = the(toponyms(nlp_sm, gaz, text), mention)
    assert t.place is not None and t.place.name == name and t.place.country == "UKR", t.place


def test_ship_named_after_a_person_is_no_place(nlp_sm: Language, gaz: Gazetteer) -> None:
    names = {t.text for t in toponyms(nlp_sm, gaz, "A Ukrainian drone hit the Russian frigate Admiral Makarov.")}
    assert "Makarov" not in names


def test_a_newspaper_taken_for_a_person_does_not_hide_its_town(nlp_sm: Language, gaz: Gazetteer) -> None:
    text = ("Homeowner stops burglars | Amarillo Globe-News\n\nA homeowner shot a burglar on Saturday, Amarillo "
            "police said.")
    assert "Amarillo" in {t.text for t in toponyms(nlp_sm, gaz, text)}
