"""Number words and number phrases: parsing and spelling numbers ("thirty-four", "1,200", "a dozen"), and the
number, qualifier ("at least", "more than") and vague-quantity ("dozens") patterns that the casualty and munition
readers share."""

from __future__ import annotations

import re

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_UNIT_NAMES = [k for k, _ in sorted(_UNITS.items(), key=lambda kv: kv[1])]
_TEN_NAMES = {v: k for k, v in _TENS.items()}

_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
_WORDNUM = (
    r"(?:(?:a|an|" + _WORD + r")(?:[\s-]+(?:and\s+)?(?:" + _WORD + r"|hundred|thousand|dozen))*)"
)
# A number as written: digits (not a year, age or time) or words.
_NUM = (
    r"(?:(?<![\w.,$£€/-])(?!(?:19|20)\d\d(?!\d))(?:\d{1,3}(?:,\d{3})+|\d{1,4})(?![\w%]|[.,:]\d|-(?:year|month|week|day)|\s*(?:percent|per\s+cent|years?|am|pm|a\.m|p\.m)\b)"
    r"|(?<![\w-])" + _WORDNUM + r"(?![\w-]))"
)
_VAGUE = (r"(?:dozens|hundreds|thousands|scores|several|many|multiple|a\s+number\s+of|tens\s+of\s+thousands|"
          r"numerous|some)")
_QUAL = (
    r"(?:at\s+least|a\s+total\s+of|no[t]?\s+(?:fewer|less)\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|in\s+excess\s+of|nearly|almost"
    r"|about|around|approximately|roughly|some|an\s+estimated|estimated|close\s+to|up\s+to|as\s+many\s+as|at\s+most"
    r"|fewer\s+than|less\s+than|under|between)"
)
_QUAL_KIND: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "not fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least", "a total of": "exact",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "fewer than": "up_to", "less than": "up_to",
    "under": "up_to", "between": "approx",
}


def number_to_words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 ("one hundred and twelve", "thirty-four")."""
    if n < 20:
        return _UNIT_NAMES[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TEN_NAMES[tens * 10] + (f"-{_UNIT_NAMES[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_UNIT_NAMES[hundreds]} hundred" + (f" and {number_to_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else (f" and {number_to_words(rest)}" if rest < 100 else f" {number_to_words(rest)}")
    return f"{number_to_words(thousands)} thousand{tail}"


def parse_number(text: str) -> int | None:
    """Digits ("1,200"), words ("thirty-four", "one hundred and twelve", "a dozen"); None otherwise."""
    t = text.strip().lower()
    if not t:
        return None
    if _DIGITS_RE.fullmatch(t):
        return int(t.replace(",", ""))
    tokens = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not tokens or tokens in (["a"], ["an"]):
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(tokens):
        if w in ("a", "an") and i == 0:
            current, seen = 1, False
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _value_of(num: str, qual: str | None,
              num2: str | None) -> tuple[int | None, str, int | None, int | None, int | None]:
    """(value, qualifier, raw_value, raw_min, raw_max) of a number phrase."""
    q = " ".join((qual or "").lower().split())
    low = num.lower().strip()
    if low in ("he", "she", "another", "a", "an") or low.startswith(("was", "has", "had")):
        return 1, "exact", 1, None, None
    if re.fullmatch(_VAGUE, low, re.I):
        return None, "vague", None, None, None
    raw = parse_number(num)
    if raw is None:
        return None, "vague", None, None, None
    if num2 is not None:
        hi = parse_number(num2)
        return None, "approx", raw, raw, hi
    qk = "exact" if not q else _QUAL_KIND.get(q, "approx")
    value = raw if qk in ("exact", "at_least") else None
    return value, qk, raw, None, None
