"""Tests for warwatch.dates: a table of phrasings against a fixed publication date, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch.dates import coarse_period_end, find_time_expressions, is_past_context, resolve_event_date

PUB = date(2023, 5, 30)  # a Tuesday
D = PUB.isoformat()

# (sentence, expected date or None, expected precision)
CASES: list[tuple[str, str | None, str | None]] = [
    ("Drones hit the depot overnight, the governor said.", D, "day"),
    ("Overnight, missiles struck the port city.", D, "day"),
    ("The city came under fire overnight into Tuesday.", D, "day"),
    ("A drone struck a house overnight, officials said Friday.", "2023-05-26", "day"),
    ("Strikes hit the capital early this morning.", D, "day"),
    ("This morning the army shelled the village.", D, "day"),
    ("The attack took place today.", D, "day"),
    ("Explosions were heard tonight near the base.", D, "day"),
    ("The region was attacked for the third time in 24 hours.", D, "day"),
    ("In the early hours of the morning, sirens sounded.", D, "day"),
    ("Three drones were downed last night over the bay.", "2023-05-29", "day"),
    ("Yesterday the ministry reported a strike.", "2023-05-29", "day"),
    ("The depot burned yesterday evening.", "2023-05-29", "day"),
    ("The bridge was hit the day before yesterday.", "2023-05-28", "day"),
    ("The warehouse was shelled two days ago.", "2023-05-28", "day"),
    ("A convoy was ambushed three days ago.", "2023-05-27", "day"),
    ("A strike on Tuesday destroyed the plant.", D, "day"),
    ("On Tuesday evening shells hit the market.", D, "day"),
    ("On Monday a drone crashed into a tower.", "2023-05-29", "day"),
    ("Monday night strikes knocked out power.", "2023-05-29", "day"),
    ("On Sunday night the airfield was attacked.", "2023-05-28", "day"),
    ("Saturday's barrage damaged a school.", "2023-05-27", "day"),
    ("The raid on Friday killed two.", "2023-05-26", "day"),
    ("Artillery pounded the town on Thursday.", "2023-05-25", "day"),
    ("Officials said the blast happened Wednesday.", "2023-05-24", "day"),
    ("Late on Wednesday a rocket landed nearby.", "2023-05-24", "day"),
    ("Early Sunday morning drones targeted the refinery.", "2023-05-28", "day"),
    ("Last Tuesday a shell hit the hospital.", "2023-05-23", "day"),
    ("The strike on May 30 hit a dormitory.", D, "day"),
    ("The attack on 30 May 2023 was condemned.", D, "day"),
    ("Missiles struck on 28 May.", "2023-05-28", "day"),
    ("The city was hit on May 3.", "2023-05-03", "day"),
    ("It was bombed on the 12th of May.", "2023-05-12", "day"),
    ("The summit is planned for June 1.", None, "day"),  # year inferred, then clamped
    ("Shelling on 30/05 killed four.", D, "day"),
    ("The incident of 25/05/2023 is under review.", "2023-05-25", "day"),
    ("The blast on 2023-05-21 shook the town.", "2023-05-21", "day"),
    ("On June 2, 2024, the talks resumed.", "2024-06-02", "day"),
    ("The treaty was signed on December 5, 1994.", "1994-12-05", "day"),
    ("A ferry was struck on Dec. 24.", "2022-12-24", "day"),
    ("The base was hit on Sept. 14.", "2022-09-14", "day"),
    ("Early on the morning of 16 May, drones struck a refinery.", "2023-05-16", "day"),
    ("On the night of 28 May the port was attacked.", "2023-05-28", "day"),
    ("Two strikes hit the city last week.", None, "week"),
    ("Earlier this week the plant was shelled.", None, "week"),
    ("Drones hit Moscow earlier this month.", None, "month"),
    ("The region was shelled last month.", None, "month"),
    ("In February the bridge was damaged.", None, "month"),
    ("A similar strike happened in March.", None, "month"),
    ("The depot was also hit in February 2022.", None, "month"),
    ("February last year saw heavy fighting.", None, "month"),
    ("The talks collapsed earlier this year.", None, "year"),
    ("The port was blockaded last year.", None, "year"),
    ("Russia invaded in 2022.", None, "year"),
    ("The missile hit the school.", D, "day"),
    ("Rescuers searched the rubble for survivors.", D, "day"),
    ("The attack came at 3 a.m. local time.", D, "day"),
    ("Officials said 40 drones were launched.", D, "day"),
    ("It may take weeks to repair the grid.", D, "day"),
    ("The strike, the ninth since March 22, hit a substation.", D, "day"),
    ("Sirens sounded on Monday, officials said Tuesday.", "2023-05-29", "day"),
    ("A drone hit a flat, police said on Sunday.", "2023-05-28", "day"),
    ("On Friday he said the strike came after an attack on Monday.", "2023-05-26", "day"),
    ("Strikes resumed two weeks ago.", None, "week"),
    ("The offensive began three months ago.", None, "month"),
    ("Shelling this week damaged the dam.", None, "week"),
    # a future verb: the coming Friday (June 2), after publication, so no day is given
    ("The ministry will meet on Friday.", None, "day"),
    ("The ceasefire took effect this afternoon.", D, "day"),
    ("Today's attack was the largest.", D, "day"),
    ("The refinery was struck in the past 24 hours.", D, "day"),
    ("The plant was attacked this past weekend.", None, "week"),
]


@pytest.mark.parametrize(("sentence", "expected", "precision"), CASES)
def test_resolve_event_date(sentence: str, expected: str | None, precision: str | None) -> None:
    res = resolve_event_date(sentence, PUB)
    assert (res.date.isoformat() if res.date else None) == expected, res
    assert res.precision == precision, res


def test_no_expression_falls_back_to_published() -> None:
    res = resolve_event_date("The missile hit the school.", PUB)
    assert res.source == "published"
    assert resolve_event_date("The missile hit the school.", None).date is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Tuesday drones hit the port.", None),
        ("Drones hit the port overnight.", None),
        ("Yesterday drones hit the port.", None),
        ("The port was hit on May 3.", None),
        ("The port was hit on 3 May 2023.", "2023-05-03"),
        ("The port was hit on June 2, 2024.", "2024-06-02"),
        ("The port was hit.", None),
    ],
)
def test_without_published(sentence: str, expected: str | None) -> None:
    res = resolve_event_date(sentence, None)
    assert (res.date.isoformat() if res.date else None) == expected


def test_year_rollover() -> None:
    res = resolve_event_date("The strike on 30 December hit a mall.", date(2024, 1, 2))
    assert res.date == date(2023, 12, 30)
    res = resolve_event_date("The strike on 1 January hit a mall.", date(2023, 12, 31))
    assert res.date is None  # 2024-01-01 (two-day allowance), clamped: after published, no year written


def test_same_weekday_as_published() -> None:
    assert resolve_event_date("It happened on Tuesday.", PUB).date == PUB


def test_future_relative_dropped() -> None:
    res = resolve_event_date("The talks resume next Friday.", PUB)
    assert res.date is None


@pytest.mark.parametrize(
    ("sentence", "past"),
    [
        ("The strike comes two months after an attack on the port.", True),
        ("Drones hit the same depot earlier this month.", True),
        ("The city was shelled last year.", True),
        ("Since it invaded in 2022, Russia has hit the grid repeatedly.", True),
        ("Nothing like it had happened since the war broke out.", True),
        ("In February the bridge was damaged.", True),
        ("A previous attack killed six.", True),
        ("Two people were killed on Tuesday.", False),
        ("Drones hit the depot overnight.", False),
        ("The governor said fires broke out.", False),
    ],
)
def test_is_past_context(sentence: str, past: bool) -> None:
    assert is_past_context(sentence, PUB) is past


def test_offsets_slice() -> None:
    text = "On Sunday night, and again overnight, drones hit the port; on 3 May 2023 a ship sank."
    exprs = find_time_expressions(text, PUB)
    assert len(exprs) >= 3, exprs  # Sunday night, overnight, 3 May 2023
    for t in exprs:
        assert text[t.start:t.end] == t.text


_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_RELATIVE = ["overnight", "yesterday", "last night", "two days ago", "this morning", "today", "tonight",
             "last week", "earlier this month", "last month", "on {wd}", "{wd} evening", "on {wd} night",
             "last {wd}", "three days ago"]
_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))


@given(pub=_dates, wd=st.sampled_from(_WEEKDAY_NAMES), part=st.sampled_from(["", " morning", " evening", " night"]))
def test_weekday_never_after_published(pub: date, wd: str, part: str) -> None:
    res = resolve_event_date(f"Drones struck the city on {wd}{part}.", pub)
    assert res.date is not None
    assert pub - timedelta(days=7) < res.date <= pub
    assert res.date.strftime("%A") == wd


_COARSE = {"last week": "week", "earlier this month": "month", "last month": "month"}


@given(pub=_dates, wd=st.sampled_from(_WEEKDAY_NAMES), phrase=st.sampled_from(_RELATIVE))
def test_relative_never_after_published(pub: date, wd: str, phrase: str) -> None:
    res = resolve_event_date(f"Shells hit the market {phrase.format(wd=wd)}, officials said.", pub)
    if phrase in _COARSE:  # a week or a month gives no day, but is found as one
        assert (res.date, res.precision) == (None, _COARSE[phrase])
    else:  # every other phrase names a day in the week up to publication
        assert res.date is not None and pub - timedelta(days=7) <= res.date <= pub, res


@given(
    prefix=st.text(alphabet="abc ,.", max_size=20),
    phrase=st.sampled_from(["on 3 May 2023", "yesterday", "on Friday night", "last week", "in March", "overnight"]),
    suffix=st.text(alphabet="xyz ,.", max_size=20),
)
def test_offsets_property(prefix: str, phrase: str, suffix: str) -> None:
    text = f"{prefix} {phrase} {suffix}"
    exprs = find_time_expressions(text, PUB)
    assert exprs
    for t in exprs:
        assert text[t.start:t.end] == t.text


def test_day_just_after_publication_is_ahead_not_last_year() -> None:
    # a scheduled day a few days after the story is not the same day of the previous year
    res = resolve_event_date("A ceasefire is to start on February 15.", date(2015, 2, 12))
    # it is found as a day (not missed), and as it lies ahead of the story it gives no date
    assert (res.date, res.precision, res.text) == (None, "day", "February 15")


EDGE_PHRASES = ["on Tuesday", "last Friday", "next Monday", "overnight", "yesterday", "three days ago",
                "999999999 days ago", "two weeks ago", "last week", "last month", "five months ago", "last year",
                "40 years ago", "on 31 December", "on 1 January", "on 12/3", "in March", "in January last year",
                "will meet on Friday"]


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 6), date(9999, 12, 31), date(9999, 12, 25), None])
@pytest.mark.parametrize("phrase", EDGE_PHRASES)
def test_dates_at_the_calendar_edges_never_overflow(phrase: str, published: date | None) -> None:
    """Regression (bench/fuzz.py): a day reckoned from a reference day near year 1 or 9999 raised OverflowError
    ("date value out of range"); it is no day instead."""
    text = f"Drones struck Sumy {phrase}, officials said."
    for expression in find_time_expressions(text, published):
        assert expression.value is None or isinstance(expression.value, date)
    resolve_event_date(text, published)


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("The town was seized in 1998.", date(1998, 12, 31)),
        ("The depot burned in February 2030.", date(2030, 2, 28)),
        ("The depot burned in December 2029.", date(2029, 12, 31)),
        ("The depot burned last week.", "week"),
        ("The depot burned on Monday.", None),  # a day: no period
    ],
)
def test_coarse_period_end(sentence: str, end: date | str | None) -> None:
    published = date(2031, 3, 5)
    got = coarse_period_end(resolve_event_date(sentence, published), published)
    if end == "week":
        assert got is not None and got < published and published - got <= timedelta(days=13)
    else:
        assert got == end
