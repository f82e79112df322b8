"""Time expressions in English prose, turned into dated intervals.

Why our own parser: general-purpose date parsers are built to read one date string, not to find
time expressions in prose; the forms geopolitical writing leans on ("the mid-20th century", "early
2025", "the early 1990s") need rules, and so does leaving numbers alone that are not dates
("Barak 8", "85 million", "Resolution 2231"). This module is regular expressions plus small
handlers, all compiled at import, with no I/O and no NLP model, because it runs on every sentence
of large corpora.

How a text is read (see ``docs/time-and-quantities.md`` for every form and every convention):

1. Every pattern proposes *candidates* (a span and an interval). A bare year number is only a
   *strong* candidate with context (a preceding "in/since/by/until/of/...", a determiner before it
   used as a modifier as in "the 2020 war", or a possessive "2016's"); otherwise it is *weak*.
2. The longest candidates win; overlapping shorter ones are dropped.
3. Neighbouring candidates are composed: "from X to Y", "between X and Y", "since X", "until X",
   "by X", "before X", "after X", "from X onwards". Weak candidates survive only inside a range,
   in a list after a strong one ("in 2016 and 2017") or after an open-ended cue ("prior to 2020").

Long texts are read sentence by sentence, and each rule runs only when cheap per-text flags say
it can match.

Relative expressions ("yesterday", "last year", "in March", "on Tuesday", "now") need the document
date as ``anchor``; without one they are not reported.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from faultlines.model import Granularity, TimeInterval

__all__ = ["TimeMatch", "find_times", "parse_time", "time_spans"]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: character offsets into the text and the interval it denotes."""

    start: int
    end: int
    interval: TimeInterval

    @property
    def text(self) -> str:
        return self.interval.text


# ---------------------------------------------------------------------------------------------
# Calendar helpers

_ORDER = {g: i for i, g in enumerate(Granularity)}
_G = Granularity


def _coarser(a: Granularity, b: Granularity) -> Granularity:
    return a if _ORDER[a] >= _ORDER[b] else b


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """Months ``first..last`` of ``year``; ``last`` may exceed 12 (it spills into the next year)."""
    ly, lm = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), _month_end(ly, lm)


def _years(first: int, last: int) -> tuple[date, date]:
    return date(max(first, 1), 1, 1), date(min(last, 9999), 12, 31)


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


# ---------------------------------------------------------------------------------------------
# Vocabulary


def _ci(alternation: str) -> str:
    """Make each alternative's first letter match either case ("[Ee]arly|[Mm]id").

    Python's ``re`` is many times slower on ``(?i:...)`` alternations, so rules that must stay
    case-sensitive elsewhere (capitalised month names) use this; fully case-insensitive rules run
    on an ASCII-lower-cased copy of the text instead (same length, so the offsets agree).
    """
    return (
        "(?:"
        + "|".join(
            f"[{alt[0].upper()}{alt[0]}]{alt[1:]}" if alt[:1].isalpha() else alt for alt in alternation.split("|")
        )
        + ")"
    )


_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _wordset(words: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (easier to read and extend than a literal)."""
    return frozenset(words.split())


def _alt(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation, longest first so that "thirteen" is tried before "three"."""
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
# Month names are capitalised in English; lower-case "may"/"march" are a verb and a noun.
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)"
_MONTH_ALONE = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)(?!\w)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WD = "|".join(_WEEKDAYS)
_YEAR = r"(?:1\d{3}|20\d{2}|2100)"
_YL = r"(?<![\w$€£¥#.,/+\-–—])"  # nothing glued to the left of a year
_YR = r"(?![\w%]|[.,:]\d|[-–/]\d)"  # nor to its right
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_FUZZY = {"few": (2, 4), "a few": (2, 4), "several": (3, 7), "many": (5, 20), "a couple of": (2, 3),
          "couple of": (2, 3), "a couple": (2, 3)}  # fmt: skip
_COUNT = rf"(?:\d{{1,3}}|{_alt(list(_NUM_WORDS))}|{_alt(list(_FUZZY))})"

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "twenty second": 22,
}  # fmt: skip
_ORDW = _alt(list(_ORDINAL_WORDS))
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip

# Words after a bare year that show it counts things rather than dates them ("in 2000 people"),
# or that it is a year before the common era ("in 1500 BC"), which ``datetime.date`` cannot hold.
_COUNT_NOUNS = _wordset(
    """people persons troops soldiers men women children civilians refugees fighters casualties dead
    deaths killed wounded injured votes members units km kilometres kilometers miles metres meters
    feet tons tonnes barrels dollars euros pounds rials manat shekels lira rubles roubles yuan drams
    percent per pct million millions billion billions thousand thousands hundred hundreds missiles
    rockets drones tanks aircraft planes jets ships vessels warships vehicles pieces kg mw gw mt bbl
    bcm sq square cubic points times years months days weeks hours minutes seconds households
    families homes houses buildings villages settlers prisoners hostages detainees students workers
    employees jobs cases residents inhabitants citizens voters delegates seats ballots signatures
    copies rounds shells bombs sorties flights bc bce b"""
)
# Words before "of" that make "of 2000" a number ("a population of 2000"), not a date.
_QTY_BEFORE_OF = _wordset(
    """total sum number population figure force budget increase decrease rise fall drop loss cost
    price value estimate toll count average maximum minimum height depth length range speed altitude
    score fleet army crowd contingent deployment one some all most out least group batch payment
    fine ransom salary debt deficit surplus revenue output production capacity"""
)
_STRONG_PRE = _wordset(
    """in since by until till til during from before after through throughout circa ca. c. year
    fiscal fy of"""
)
_DETERMINERS = _wordset("the a an this that its their his her our your whose these those each every")
_TIME_PRE_DECADE = _wordset("in during since until till by from through of before after")

# Verbs that make a sentence-initial number a year ("2020 was ...", "1979 saw ...").
_YEAR_VERBS = _wordset(
    "was saw marked brought began ended became proved remains remained will would has had is changed"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_PREV_WORD = re.compile(r"(\S+)\s+$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z%][\w'’\-]*|%)")
_POSSESSIVE = re.compile(r"['’]s\b")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lstrip("([\"'“‘").lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1).lower() if m else ""


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    first: date | None
    last: date | None
    granularity: Granularity
    anchored: bool = False
    weak: bool = False
    year_point: bool = False


_Handler = Callable[[re.Match[str], str, date | None], "_Cand | None"]
_PART_ALIAS = {"beginning of": "early", "start of": "early", "middle of": "mid", "end of": "late",
               "latter half of": "second half of"}  # fmt: skip
_PART_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "first half of": (1, 6),
              "second half of": (7, 12)}  # fmt: skip
_PART_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "first half of": (0, 4),
                "second half of": (5, 9)}  # fmt: skip
_PART_CENTURY = {"early": (0, 32), "mid": (33, 66), "late": (67, 99), "first half of": (0, 49),
                 "second half of": (50, 99), "turn of": (-5, 5)}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def _part(raw: str | None) -> str:
    """ "The end of the", "mid", "beginning of" -> one of early / mid / late / first half of / ..."""
    p = _norm(raw).removeprefix("the ").removesuffix(" the")
    return _PART_ALIAS.get(p, p)


def _month_num(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _month_part(year: int, month: int, part: str) -> tuple[date, date]:
    lo, hi = _PART_MONTH[part]
    last = calendar.monthrange(year, month)[1]
    return date(year, month, lo), date(year, month, min(hi, last))


def _h_dmy(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year = int(m["y"]) if m["y"] else (anchor.year if anchor else 0)
    if not year:
        return None
    month = _month_num(m["mon"])
    d1 = date(year, month, int(m["d"]))
    d2 = date(year, month, int(m["d2"])) if m["d2"] else d1
    if d2 < d1:
        return None
    return _Cand(m.start(), m.end(), d1, d2, _G.DAY, anchored=not m["y"])


def _h_iso(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Cand(m.start(), m.end(), d, d, _G.DAY)


def _h_numeric(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """ "19/05/2024": day-first when only that reading is valid (or with dots, a day-first habit)."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] == "." or (a > 12 >= b):
        d = date(year, b, a)
        return _Cand(m.start(), m.end(), d, d, _G.DAY)
    if b > 12 >= a or a == b:
        d = date(year, a, b)
        return _Cand(m.start(), m.end(), d, d, _G.DAY)
    # Both readings valid and different: report the span covering both, honestly vague.
    x, y = sorted((date(year, b, a), date(year, a, b)))
    return _Cand(m.start(), m.end(), x, y, _G.VAGUE)


def _h_month_year(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year, month = int(m["y"]), _month_num(m["mon"])
    part = _part(m["part"])
    if part in _PART_MONTH:
        first, last = _month_part(year, month, part)
        return _Cand(m.start(), m.end(), first, last, _G.MONTH)
    start = m.start("mon") if part else m.start()  # "first half of May 2024": keep the month
    return _Cand(start, m.end(), date(year, month, 1), _month_end(year, month), _G.MONTH)


def _h_month_range(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year = int(m["y"])
    a, b = _month_num(m["mon"]), _month_num(m["mon2"])
    if b < a:
        return None
    return _Cand(m.start(), m.end(), date(year, a, 1), _month_end(year, b), _G.MONTH)


def _h_month_alone(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """ "in March", "last March", "early May": the month of the anchor's year (or the one before/after)."""
    if anchor is None:
        return None
    pre = _norm(m["pre"])
    month = _month_num(m["mon"])
    year = anchor.year
    if pre == "last" or pre == "this past":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif pre == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    part = _part(pre) if _part(pre) in _PART_MONTH else ""
    start = m.start() if (part or pre in {"last", "next", "this", "this past"}) else m.start("mon")
    if part:
        first, last = _month_part(year, month, part)
    else:
        first, last = date(year, month, 1), _month_end(year, month)
    return _Cand(start, m.end(), first, last, _G.MONTH, anchored=True, weak=pre in {"to", "and"})


def _season(year: int, name: str, part: str) -> tuple[date, date]:
    lo, hi = _SEASONS[name]
    if part:
        index = {"early": 0, "mid": 1, "late": 2}[part]
        lo = hi = lo + index
    return _months(year, lo, hi)


def _h_season_year(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year = int(m["y"])
    name = m["s"].lower()
    if m["y2"]:
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
        if name != "winter" or y2 != year + 1:
            return None
    first, last = _season(year, name, _part(m["part"]))
    return _Cand(m.start(), m.end(), first, last, _G.SEASON)


def _h_season_rel(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """ "this summer", "last winter", "next spring", relative to the anchor."""
    if anchor is None:
        return None
    name, mod = m["s"].lower(), _norm(m["mod"])
    lo, hi = _SEASONS[name]
    # The season "containing or next after" the anchor's year position.
    year = anchor.year
    if name == "winter" and anchor.month <= 2:
        year -= 1  # January and February belong to the winter that began in December
    first, last = _months(year, lo, hi)
    if mod in {"last", "past", "this past"}:
        if last >= anchor:
            first, last = _months(year - 1, lo, hi)
    elif mod == "next" and first <= anchor:
        first, last = _months(year + 1, lo, hi)
    return _Cand(m.start(), m.end(), first, last, _G.SEASON, anchored=True)


def _h_quarter(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year = int(m["y"])
    q = int(m["q"] or m["q2"])
    first, last = _months(year, 3 * q - 2, 3 * q)
    return _Cand(m.start(), m.end(), first, last, _G.SEASON)


_ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
          "final": 4, "last": 4}  # fmt: skip


def _h_quarter_words(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year, unit, ordinal = int(m["y"]), m["u"].lower(), m["ord"].lower()
    n = _ORD_Q[ordinal]
    if unit == "half":
        if ordinal in {"final", "last"}:
            n = 2
        if n > 2:
            return None
        first, last = _months(year, 6 * n - 5, 6 * n)
    else:
        first, last = _months(year, 3 * n - 2, 3 * n)
    return _Cand(m.start(), m.end(), first, last, _G.SEASON)


def _h_half(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year, h = int(m["y"]), int(m["h"] or m["h2"])
    first, last = _months(year, 6 * h - 5, 6 * h)
    return _Cand(m.start(), m.end(), first, last, _G.SEASON)


def _h_year_part(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    year, part = int(m["y"]), _part(m["part"])
    lo, hi = _PART_YEAR[part]
    first, last = _months(year, lo, hi)
    return _Cand(m.start(), m.end(), first, last, _G.SEASON)


def _decade(start_year: int, part: str, m: re.Match[str]) -> _Cand | None:
    if part and part not in _PART_DECADE:
        return None
    lo, hi = _PART_DECADE[part] if part else (0, 9)
    first, last = _years(start_year + lo, start_year + hi)
    return _Cand(m.start(), m.end(), first, last, _G.DECADE)


def _h_decade(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    dec, part = int(m["dec"]), _part(m["part"])
    if m["apo"] and not (m["the"] or part) and _prev_word(text, m.start()) not in _TIME_PRE_DECADE:
        return None  # "2020's election" is a possessive year, not a decade
    if dec % 100 == 0 and dec < 2000:  # "the 1800s" is a century
        if part and (part not in _PART_CENTURY or part == "turn of"):
            return None
        lo, hi = _PART_CENTURY[part] if part else (0, 99)
        first, last = _years(dec + lo, dec + hi)
        return _Cand(m.start(), m.end(), first, last, _G.CENTURY)
    return _decade(dec, part, m)


def _pivot_decade(dd: int, anchor: date | None) -> int:
    """Century for a two-digit decade: the latest not after the anchor (pivot 2029 without one)."""
    if anchor is not None:
        year = anchor.year // 100 * 100 + dd
        return year if year <= anchor.year else year - 100
    return 2000 + dd if dd <= 20 else 1900 + dd


def _h_decade_short(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    dd = int(m["dd"]) if m["dd"] else _DECADE_WORDS[m["w"].lower()]
    return _decade(_pivot_decade(dd, anchor), _part(m["part"]), m)


def _century_years(n: int) -> int:
    return (n - 1) * 100


def _h_century(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    if m["era"] and m["era"].upper().startswith("B"):
        return None  # dates before year 1 are outside what ``datetime.date`` can hold
    n = int(m["n"]) if m["n"] else _ORDINAL_WORDS[_norm(m["w"]).replace(" ", "-")]
    n2 = (int(m["n2"]) if m["n2"] else _ORDINAL_WORDS[_norm(m["w2"]).replace(" ", "-")]) if (m["n2"] or m["w2"]) else n
    if not (1 <= n <= n2 <= 22):
        return None
    plural = m["cent"].lower().endswith("ies")
    if plural != (n2 != n):
        return None
    part = _part(m["part"])
    base = _century_years(n)
    if part:
        lo, hi = _PART_CENTURY[part]
        if part == "turn of":
            first, last = _years(base + lo, base + hi)
            return _Cand(m.start(), m.end(), first, last, _G.DECADE)
        first, last = _years(base + lo, _century_years(n2) + hi)
    else:
        first, last = _years(base, _century_years(n2) + 99)
    return _Cand(m.start(), m.end(), first, last, _G.CENTURY)


def _h_year(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """A bare year number: strong with context, weak without (see module docstring)."""
    year = int(m["y"])
    s, e = m.start(), m.end()
    first, last = _years(year, year)
    nxt = _next_word(text, e)
    if _POSSESSIVE.match(text, e):
        return _Cand(s, e, first, last, _G.YEAR, year_point=True)
    if nxt in _COUNT_NOUNS:
        return None
    prev_m = _PREV_WORD.search(text, max(0, s - 40), s)
    prev = prev_m.group(1).lstrip("([\"'“‘").lower() if prev_m else ""
    strong = False
    if prev_m is not None and prev == "of":
        word = _prev_word(text, prev_m.start())
        strong = word not in _QTY_BEFORE_OF
    elif prev in _STRONG_PRE:
        strong = True
    elif (prev in _DETERMINERS or prev.endswith(("'s", "’s"))) and nxt and nxt[0].isalpha():
        strong = True  # a modifier: "the 2020 war", "Netanyahu's 2016 visit"
    elif nxt in _YEAR_VERBS and _SENTENCE_START.search(text, max(0, s - 4), s):
        strong = True  # a sentence that opens with a year: "2020 was a turning point."
    return _Cand(s, e, first, last, _G.YEAR, weak=not strong, year_point=True)


def _h_year_range(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    y1 = int(m["y1"])
    raw = m["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if len(raw) == 2 and y2 <= y1:
        y2 += 100
    if not (y1 < y2 <= y1 + 100) or _next_word(text, m.end()) in _COUNT_NOUNS:
        return None
    first, last = _years(y1, y2)
    return _Cand(m.start(), m.end(), first, last, _G.YEAR)


def _h_weekday(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """ "on Tuesday" is the Tuesday before the anchor; "next Tuesday" the one after."""
    if anchor is None:
        return None
    target = _WEEKDAYS.index(m["wd"].capitalize())
    mod = _norm(m["mod"])
    if mod == "next":
        delta = (target - anchor.weekday()) % 7 or 7
        day = anchor + timedelta(days=delta)
    elif mod == "this":
        day = _week_of(anchor)[0] + timedelta(days=target)
    else:
        delta = (anchor.weekday() - target) % 7 or 7
        day = anchor - timedelta(days=delta)
    start = m.start() if mod in {"last", "next", "this"} else m.start("wd")
    return _Cand(start, m.end(), day, day, _G.DAY, anchored=True)


def _count_value(word: str) -> tuple[int, int] | None:
    w = _norm(word)
    if w.isdigit():
        return int(w), int(w)
    if w in _NUM_WORDS:
        return _NUM_WORDS[w], _NUM_WORDS[w]
    return _FUZZY.get(w)


def _shift(anchor: date, unit: str, k: int) -> tuple[date, date, Granularity]:
    """The calendar ``unit`` that is ``k`` units away from the anchor (k < 0 is the past)."""
    if unit == "day":
        d = anchor + timedelta(days=k)
        return d, d, _G.DAY
    if unit == "week":
        first, last = _week_of(anchor + timedelta(weeks=k))
        return first, last, _G.DAY
    if unit == "month":
        y, mo = _add_months(anchor.year, anchor.month, k)
        return date(y, mo, 1), _month_end(y, mo), _G.MONTH
    if unit == "quarter":
        q0 = (anchor.month - 1) // 3
        y, mo = _add_months(anchor.year, q0 * 3 + 1, 3 * k)
        first, last = _months(y, mo, mo + 2)
        return first, last, _G.SEASON
    if unit == "year":
        first, last = _years(anchor.year + k, anchor.year + k)
        return first, last, _G.YEAR
    if unit == "decade":
        centre = anchor.year + 10 * k
        first, last = _years(centre - 5, centre + 4)
        return first, last, _G.DECADE
    centre = anchor.year + 100 * k  # century
    first, last = _years(centre - 50, centre + 49)
    return first, last, _G.CENTURY


def _minus(anchor: date, unit: str, n: int) -> date:
    """The anchor moved ``n`` units back (negative ``n``: forward), clamped to valid dates."""
    if unit == "day":
        return anchor - timedelta(days=n)
    if unit == "week":
        return anchor - timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, mo = _add_months(anchor.year, anchor.month, -months)
    return date(y, mo, min(anchor.day, calendar.monthrange(y, mo)[1]))


_UNIT_GRAN = {"day": _G.DAY, "week": _G.DAY, "month": _G.MONTH, "quarter": _G.SEASON,
              "year": _G.YEAR, "decade": _G.DECADE, "century": _G.CENTURY}  # fmt: skip


def _unit(word: str) -> str:
    w = word.lower()
    return "century" if w.startswith("centur") else w.rstrip("s")


def _h_relative(m: re.Match[str], text: str, anchor: date | None) -> _Cand | None:
    """Everything that only means something next to the document date."""
    if anchor is None:
        return None
    kind = m.lastgroup or ""
    s, e = m.start(), m.end()
    a = anchor
    if kind == "today":
        return _Cand(s, e, a, a, _G.DAY, anchored=True)
    if kind == "yesterday":
        d = a - timedelta(days=1)
        return _Cand(s, e, d, d, _G.DAY, anchored=True)
    if kind == "dby":
        d = a - timedelta(days=2)
        return _Cand(s, e, d, d, _G.DAY, anchored=True)
    if kind == "tomorrow":
        d = a + timedelta(days=1)
        return _Cand(s, e, d, d, _G.DAY, anchored=True)
    if kind == "now":
        return _Cand(s, e, a, a, _G.VAGUE, anchored=True)
    if kind == "recently":
        return _Cand(s, e, a - timedelta(days=180), a, _G.VAGUE, anchored=True)
    if kind == "recent":
        unit = _unit(m["ru"])
        n = {"day": 7, "week": 4, "month": 6, "year": 5, "decade": 3}[unit]
        return _Cand(s, e, _minus(a, unit, n), a, _G.VAGUE, anchored=True)
    if kind == "partrel":
        unit = _unit(m["pu"])
        first, last, _ = _shift(a, unit, {"this": 0, "last": -1, "next": 1}[m["pm"]])
        part = _part(m["pp"])
        if unit == "year":
            lo, hi = _PART_YEAR[part]
            first, last = _months(first.year, lo, hi)
            return _Cand(s, e, first, last, _G.SEASON, anchored=True)
        first, last = _month_part(first.year, first.month, part)
        return _Cand(s, e, first, last, _G.MONTH, anchored=True)
    if kind == "earlier":
        unit = _unit(m["eu"])
        first, last, gran = _shift(a, unit, 0)
        if m["el"].lower() == "earlier":
            return _Cand(s, e, first, a, gran, anchored=True)
        return _Cand(s, e, a, last, gran, anchored=True)
    if kind == "cal":
        mod, unit = _norm(m["cm"]), _unit(m["cu"])
        if mod in {"the past", "the last", "past", "the previous"}:
            return _Cand(s, e, _minus(a, unit, 1), a, _UNIT_GRAN[unit], anchored=True)
        if mod in {"the coming", "the next", "coming"}:
            return _Cand(s, e, a, _minus(a, unit, -1), _UNIT_GRAN[unit], anchored=True)
        k = {"this": 0, "last": -1, "previous": -1, "next": 1}[mod]
        first, last, gran = _shift(a, unit, k)
        return _Cand(s, e, first, last, gran, anchored=True)
    if kind == "ago":
        counts = _count_value(m["an"])
        if counts is None:
            return None
        unit = _unit(m["au"])
        lo, hi = counts
        if lo == hi:
            first, last, gran = _shift(a, unit, -lo)
            return _Cand(s, e, first, last, gran, anchored=True)
        return _Cand(s, e, _minus(a, unit, hi), _minus(a, unit, lo), _G.VAGUE, anchored=True)
    if kind == "span":
        counts = _count_value(m["sn"])
        if counts is None:
            return None
        unit = _unit(m["su"])
        lo, hi = counts
        gran = _UNIT_GRAN[unit] if lo == hi else _G.VAGUE
        if _norm(m["sd"]) in {"next", "coming", "following"}:
            return _Cand(s, e, a, _minus(a, unit, -hi), gran, anchored=True)
        return _Cand(s, e, _minus(a, unit, hi), a, gran, anchored=True)
    if kind == "future":
        return _Cand(s, e, a, _minus(a, "year", -5), _G.VAGUE, anchored=True)
    return None


_UNITS = r"(?:days?|weeks?|months?|years?|decades?|century|centuries)"
_REL_PARTS = [
    r"(?P<dby>the\s+day\s+before\s+yesterday)",
    r"(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))",
    r"(?P<yesterday>yesterday|last\s+night)",
    r"(?P<tomorrow>tomorrow)",
    r"(?P<now>nowadays|now|currently|presently|at\s+present|at\s+the\s+moment|these\s+days|"
    r"the\s+present\s+day|the\s+present(?=\s*(?:[.,;:)]|$)))",
    r"(?P<recently>recently|lately)",
    r"(?P<recent>recent\s+(?P<ru>days|weeks|months|years|decades))",
    r"(?P<partrel>(?P<pp>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)[\s-]+"
    r"(?P<pm>this|last|next)\s+(?P<pu>year|month))",
    r"(?P<earlier>(?P<el>earlier|later)\s+this\s+(?P<eu>week|month|quarter|year))",
    rf"(?P<ago>(?P<an>{_COUNT})\s+(?P<au>{_UNITS})\s+ago)",
    rf"(?P<span>(?:the\s+)?(?P<sd>past|last|previous|next|coming|following)\s+(?P<sn>{_COUNT})\s+"
    r"(?P<su>days|weeks|months|years|decades|centuries))",
    r"(?P<future>(?:the\s+)?(?:coming\s+years|near\s+future|years\s+to\s+come))",
    r"(?P<cal>(?P<cm>this|last|next|previous|the\s+past|the\s+last|the\s+previous|the\s+coming|"
    r"the\s+next|past|coming)\s+(?P<cu>week|month|quarter|year|decade|century))",
]


# ---------------------------------------------------------------------------------------------
# The pattern table: (compiled regex, handler, needs a digit in the text)

_PART_Y = r"early|mid|late|beginning\s+of|start\s+of|end\s+of|middle\s+of|first\s+half\s+of|second\s+half\s+of"
_PART_C = (
    r"early|mid|late|first\s+half\s+of\s+the|second\s+half\s+of\s+the|latter\s+half\s+of\s+the|"
    r"beginning\s+of\s+the|end\s+of\s+the|turn\s+of\s+the|middle\s+of\s+the"
)
_RULES: list[tuple[re.Pattern[str], _Handler, str]] = [
    (
        re.compile(
            rf"(?:(?:{_WD}),?\s+)?(?:the\s+)?(?<![\w.,/])(?P<d>{_DAY}){_ORD}?"
            rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>{_DAY}){_ORD}?)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+"
            rf"(?P<y>{_YEAR}){_YR}"
        ),
        _h_dmy,
        "digit month",
    ),
    (
        re.compile(
            rf"(?:(?:{_WD}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY}){_ORD}?"
            rf"(?:\s*(?:-|–)\s*(?P<d2>{_DAY}){_ORD}?)?,?\s+(?P<y>{_YEAR}){_YR}"
        ),
        _h_dmy,
        "digit month",
    ),
    (
        re.compile(
            rf"{_YL}(?P<y>{_YEAR})(?P<sep>[-/])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?!\d|[A-SU-Za-z])"
        ),
        _h_iso,
        "digit",
    ),
    (
        re.compile(
            rf"(?<![\w.,/\-])(?P<a>{_DAY})(?P<sep>[/.\-])(?P<b>{_DAY})(?P=sep)(?P<y>{_YEAR})"
            r"(?!\w|[-/.]\d)"
        ),
        _h_numeric,
        "digit",
    ),
    # Day and month without a year: the anchor's year.
    (
        re.compile(
            rf"(?:(?:{_WD}),?\s+)?(?:the\s+)?(?<![\w.,/])(?P<d>{_DAY}){_ORD}?(?:\s*(?:-|–)\s*(?P<d2>{_DAY}){_ORD}?)?"
            rf"\s+(?:of\s+)?(?P<mon>{_MONTH})(?P<y>)(?!\s*\d)"
        ),
        _h_dmy,
        "digit month",
    ),
    (
        re.compile(
            rf"(?:(?:{_WD}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY}){_ORD}?(?:\s*(?:-|–)\s*(?P<d2>{_DAY}){_ORD}?)?"
            r"(?P<y>)(?!\w|\s*\d|[.,:]\d)"
        ),
        _h_dmy,
        "digit month",
    ),
    (
        re.compile(
            rf"(?:(?:the\s+)?(?P<part>{_ci(_PART_Y)})(?:\s+|\s*-\s*))?(?P<mon>{_MONTH}),?\s+(?:of\s+)?"
            rf"(?P<y>{_YEAR}){_YR}"
        ),
        _h_month_year,
        "digit month",
    ),
    (
        re.compile(
            rf"(?:(?:[Ff]rom|[Bb]etween)\s+)?(?P<mon>{_MONTH})\s*(?:-|–|—|to|and|through|until)\s*(?P<mon2>{_MONTH}),?\s+"
            rf"(?:of\s+)?(?P<y>{_YEAR}){_YR}"
        ),
        _h_month_range,
        "digit month",
    ),
    (
        re.compile(
            r"(?<![\w])(?P<pre>"
            + _ci(
                r"in|during|since|until|till|by|from|through|before|after|last|next|this|"
                r"this\s+past|to|and|early|mid|late|(?:[Tt]he\s+)?(?:beginning|start|end|middle)\s+of|[Bb]eginning\s+of|[Ee]nd\s+of|[Ss]tart\s+of|[Mm]iddle\s+of"
            )
            + r")"
            rf"(?:\s+|\s*-\s*)(?P<mon>{_MONTH_ALONE})(?!,?\s*\d)"
        ),
        _h_month_alone,
        "month",
    ),
    (
        re.compile(
            r"(?:(?P<the>(?:the))\s+)?(?:(?P<part>(?:early|mid|late))(?:\s+|\s*-\s*))?"
            rf"(?P<s>(?:spring|summer|autumn|fall|winter))(?:\s+of)?,?\s+(?P<y>{_YEAR})"
            rf"(?:\s*[-/–]\s*(?P<y2>{_YEAR}|\d\d))?{_YR}"
        ),
        _h_season_year,
        "digit season lower",
    ),
    (
        re.compile(
            r"(?<!\w)(?P<mod>(?:this\s+past|this|last|next|past))\s+(?P<s>(?:spring|summer|autumn|fall|winter))\b"
        ),
        _h_season_rel,
        "season lower",
    ),
    (
        re.compile(rf"(?<!\w)(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s+of)?\s*['’]?\s*(?P<y>{_YEAR}){_YR}"),
        _h_quarter,
        "digit Q",
    ),
    (
        re.compile(
            r"(?:(?:the)\s+)?(?P<ord>(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+"
            rf"(?P<u>(?:quarter|half))\s+of\s+(?:(?:the\s+year)\s+)?(?P<y>{_YEAR}){_YR}"
        ),
        _h_quarter_words,
        "digit quarter lower",
    ),
    (re.compile(rf"(?<!\w)(?:H(?P<h>[12])|(?P<h2>[12])H)\s+(?P<y>{_YEAR}){_YR}"), _h_half, "digit H"),
    (
        re.compile(
            rf"(?:(?:the)\s+)?(?P<part>(?:{_PART_Y}))(?:\s+|\s*-\s*)(?:(?:the\s+year)\s+)?(?P<y>{_YEAR})"
            rf"{_YR}(?!['’]s\b)"
        ),
        _h_year_part,
        "digit part lower",
    ),
    (
        re.compile(
            rf"(?:(?P<the>(?:the))\s+)?(?:(?P<part>(?:{_PART_C}|first\s+half\s+of|second\s+half\s+of))"
            r"(?:\s+|\s*-\s*))?(?<![\w$.,])(?P<dec>1\d\d0|20\d0)(?P<apo>['’])?s\b"
        ),
        _h_decade,
        "digit decade lower",
    ),
    (
        re.compile(
            r"(?:(?P<the>(?:the))\s+)?(?:(?P<part>(?:early|mid|late))(?:\s+|\s*-\s*))?['’‘](?P<dd>\d0)s\b"
            r"(?P<w>)"
        ),
        _h_decade_short,
        "digit decade lower",
    ),
    (
        re.compile(
            r"(?P<the>(?:the))\s+(?:(?P<part>(?:early|mid|late))(?:\s+|\s*-\s*))?(?<![\w$.,'’‘])"
            r"(?:(?P<dd>[1-9]0)s\b|(?P<w>(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
            r"nineties))\b)"
        ),
        _h_decade_short,
        "decword lower",
    ),
    (
        re.compile(
            rf"(?:(?P<the>(?:the))\s+)?(?:(?P<part>(?:{_PART_C}))(?:\s+|\s*-\s*))?"
            rf"(?:(?<!\d)(?P<n>\d{{1,2}}){_ORD}|(?P<w>(?:{_ORDW})))"
            rf"(?:\s*(?:-|–|and|to|or)\s*(?:the\s+)?(?:(?P<n2>\d{{1,2}}){_ORD}|(?P<w2>(?:{_ORDW}))))?"
            r"(?:\s+|\s*-\s*)(?P<cent>(?:century|centuries))\b(?:\s*(?P<era>bce?|b\.c\.|ad|a\.d\.|ce)(?!\w))?"
        ),
        _h_century,
        "century lower",
    ),
    (re.compile(rf"{_YL}(?P<y1>{_YEAR})\s*(?:-|–|—|/)\s*(?P<y2>{_YEAR}|\d\d){_YR}"), _h_year_range, "digit"),
    (re.compile(rf"{_YL}(?P<y>{_YEAR}){_YR}"), _h_year, "digit"),
    (
        re.compile(rf"(?<!\w)(?:(?P<mod>{_ci('last|next|this|on|by|since|until')})\s+)?(?P<wd>{_WD})\b(?!,?\s+\d)"),
        _h_weekday,
        "weekday",
    ),
    (re.compile(r"(?<!\w)(?:" + "|".join(_REL_PARTS) + r")(?!\w)"), _h_relative, "rel lower"),
]

# Cheap tests run once per text; a rule only runs when all of its flags hold, so a sentence
# without, say, the word "century" never pays for the century pattern.
_MONTH_TRIGGER = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_REL_TRIGGER = re.compile(  # searched in the lower-cased text
    r"(?:today|tonight|tomorrow|yesterday|now|current|present|recent|lately|ago|last|next|this|past|"
    r"coming|previous|following|earlier|later|these\s+days|moment|future|come)"
)
_HAS_DIGIT = re.compile(r"\d")
_PART_WORDS = ("early", "mid", "late", "beginning", "start", "end", "middle", "half")


def _flags(text: str, lower: str) -> set[str]:
    flags: set[str] = set()
    if _HAS_DIGIT.search(text):
        flags.add("digit")
        if "Q" in text:
            flags.add("Q")
        if "H" in text:
            flags.add("H")
        if "quarter" in lower or "half" in lower:
            flags.add("quarter")
        if any(w in lower for w in _PART_WORDS):
            flags.add("part")
        if "0s" in text or "0's" in text or "0’s" in text:
            flags.add("decade")
            flags.add("decword")
    if _MONTH_TRIGGER.search(text):
        flags.add("month")
    if any(w in lower for w in ("spring", "summer", "autumn", "fall", "winter")):
        flags.add("season")
    if "centur" in lower:
        flags.add("century")
    if "ties" in lower:
        flags.add("decword")
    if "day" in text:
        flags.add("weekday")
    if _REL_TRIGGER.search(lower):
        flags.add("rel")
    return flags


# ---------------------------------------------------------------------------------------------
# Composition: ranges, since, until, by, before, after

_CUE = re.compile(
    r"(?<!\w)(?P<cue>(?i:ever\s+since|since|from|between|up\s+until|up\s+till|until|till|til|through|"
    r"by|before|prior\s+to|after|as\s+of))\s+$"
)
_CONNECT = re.compile(r"\s*(?:-|–|—|(?i:to|until|till|through|thru|and))\s*")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?i:and|or)\s+)?|(?i:and|or)\s+)")
_ONWARDS = re.compile(r"\s+(?i:onwards?|on)(?!\w)")
_DASHES = {"-", "–", "—"}


_COMPILED = [
    (pattern, handler, frozenset(needs.split()) - {"lower"}, "lower" in needs.split())
    for pattern, handler, needs in _RULES
]


def _cue_before(text: str, pos: int) -> tuple[str, int]:
    m = _CUE.search(text, max(0, pos - 24), pos)
    if not m:
        return "", pos
    return " ".join(m["cue"].lower().split()), m.start()


def _compose(text: str, cands: list[_Cand], anchor: date | None, keep_weak: bool) -> list[TimeMatch]:
    out: list[TimeMatch] = []

    def emit(start: int, end: int, first: date | None, last: date | None, gran: Granularity, anchored: bool) -> None:
        out.append(TimeMatch(start, end, TimeInterval(first, last, gran, text[start:end], anchored)))

    i, n = 0, len(cands)
    prev: _Cand | None = None  # the last candidate kept, for lists such as "in 2016 and 2017"
    while i < n:
        c = cands[i]
        cue, cue_start = _cue_before(text, c.start)
        if i + 1 < n:
            d = cands[i + 1]
            gap = text[c.end : d.start]
            if gap.strip() and _CONNECT.fullmatch(gap):
                conn = gap.strip().lower()
                if conn == "and":
                    ok = cue == "between"
                elif cue in {"from", "between"}:
                    ok = True
                else:
                    ok = (not c.weak and not d.weak) or (conn in _DASHES and c.year_point and d.year_point)
                ok = ok and c.first is not None and d.last is not None and c.first <= d.last
                ok = ok and not (c.year_point and d.year_point and _next_word(text, d.end) in _COUNT_NOUNS)
                if ok:
                    prev = d
                    start = cue_start if cue in {"from", "between"} else c.start
                    emit(
                        start,
                        d.end,
                        c.first,
                        d.last,
                        _coarser(c.granularity, d.granularity),
                        c.anchored or d.anchored,
                    )
                    i += 2
                    continue
        i += 1
        if c.weak and not keep_weak:
            listed = prev is not None and _LIST_GAP.fullmatch(text, prev.end, c.start) is not None
            if not listed and cue in {"", "between", "from"}:
                continue
        prev = c
        if cue in {"since", "ever since"} and c.first is not None:
            end = anchor if anchor is not None and anchor >= c.first else None
            emit(cue_start, c.end, c.first, end, c.granularity, c.anchored or anchor is not None)
        elif cue == "from" and (on := _ONWARDS.match(text, c.end)):
            emit(cue_start, on.end(), c.first, None, c.granularity, c.anchored)
        elif cue in {"until", "till", "til", "up until", "up till", "through"}:
            emit(cue_start, c.end, None, c.last, c.granularity, c.anchored)
        elif cue == "by" and c.last is not None:
            if anchor is not None and c.first is not None and c.first > anchor:
                emit(cue_start, c.end, anchor, c.last, c.granularity, True)
            else:
                emit(cue_start, c.end, None, c.last, c.granularity, c.anchored)
        elif cue in {"before", "prior to"} and c.first is not None and c.first > date.min:
            emit(cue_start, c.end, None, c.first - timedelta(days=1), c.granularity, c.anchored)
        elif cue == "after" and c.last is not None and c.last < date.max:
            emit(cue_start, c.end, c.last + timedelta(days=1), None, c.granularity, c.anchored)
        else:
            emit(c.start, c.end, c.first, c.last, c.granularity, c.anchored)
    return out


def _candidates(text: str, anchor: date | None) -> list[_Cand]:
    lower = text.translate(_LOWER)
    flags = _flags(text, lower)
    if not flags:
        return []
    found: list[_Cand] = []
    for pattern, handler, needs, on_lower in _COMPILED:
        if not flags.issuperset(needs):
            continue
        subject = lower if on_lower else text
        for m in pattern.finditer(subject):
            try:
                cand = handler(m, subject, anchor)
            except (ValueError, OverflowError, KeyError):
                cand = None  # an impossible date ("31 February") or one out of range
            if cand is not None and cand.end > cand.start:
                found.append(cand)
    # Longest first; among equals the leftmost; strong before weak.
    found.sort(key=lambda c: (c.start - c.end, c.start, c.weak))
    taken: list[_Cand] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        if all(cand.end <= s or cand.start >= e for s, e in occupied):
            taken.append(cand)
            occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


def find_times(text: str, anchor: date | None = None) -> list[TimeMatch]:
    """Find every time expression in ``text``.

    Parameters
    ----------
    text
        Any string (a sentence or a whole document).
    anchor
        The document date. Relative expressions ("yesterday", "in March", "on Tuesday", "now")
        are resolved against it and flagged ``anchored``; without it they are not reported, and
        "since X" stays open-ended.

    Returns
    -------
    list[TimeMatch]
        Non-overlapping matches in text order; where two readings overlap the longest wins.
        ``text[m.start:m.end] == m.interval.text`` always holds.

    Examples
    --------
    >>> [m.interval.text for m in find_times("Azerbaijan became independent in 1991.")]
    ['1991']
    >>> find_times("a population of about 85 million")
    []
    """
    if len(text) <= _CHUNK_MIN:
        return _compose(text, _candidates(text, anchor), anchor, keep_weak=False)
    out: list[TimeMatch] = []
    for start, end in _chunks(text):
        chunk = text[start:end]
        for m in _compose(chunk, _candidates(chunk, anchor), anchor, keep_weak=False):
            out.append(TimeMatch(m.start + start, m.end + start, m.interval) if start else m)
    return out


# Long texts are read sentence by sentence: the per-text flags then skip most rules for most
# sentences, and no time expression spans a sentence end. A boundary is ". ", "! ", "? " or a
# newline, except after an abbreviation ("Sept. 3", "U.S. forces", "Dr. Aliyev").
_CHUNK_MIN = 400
_BOUNDARY = re.compile(r"[.!?][\"'’”)\]]*\s+|\n\s*")
_ABBREVIATIONS = _wordset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st no nos gen col lt sgt capt
    prof sen rep gov pres vs etc approx ca c fig vol art sec para inc ltd co corp jr sr mt ft"""
)
_LAST_WORD = re.compile(r"([\w.]+)$")


def _chunks(text: str) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
            w = word.group(1).lower() if word else ""
            if w in _ABBREVIATIONS or "." in w or len(w) == 1:
                continue  # "Sept. 3", "U.S. forces", "J. Smith"
        if m.end() - start >= 40 or m.group(0)[0] == "\n":
            chunks.append((start, m.end()))
            start = m.end()
    if start < len(text):
        chunks.append((start, len(text)))
    return chunks


_LEADING = re.compile(r"^(?i:in|on|during|at|around)\s+")


def parse_time(expr: str, anchor: date | None = None) -> TimeInterval | None:
    """Parse a string that is one time expression ("early 2025", "2016", "the 1990s").

    Unlike :func:`find_times`, a bare year or month name counts (the caller says the string is a
    time). A leading "in"/"on"/"during" is ignored. Returns ``None`` when the whole string is not
    one expression. Every match of :func:`find_times` parses back to the same interval.

    Examples
    --------
    >>> parse_time("mid-2025").start
    datetime.date(2025, 5, 1)
    >>> parse_time("Route 2024") is None
    True
    """
    stripped = expr.strip().rstrip(".,;:!?")
    body = _LEADING.sub("", stripped, count=1)
    if not body:
        return None
    # A bare month name or "1990's" only reads as a time after a preposition: supply one.
    for prefix in ("", "in "):
        text = prefix + body
        for m in _compose(text, _candidates(text, anchor), anchor, keep_weak=True):
            if m.start == len(prefix) and m.end == len(text):
                interval = m.interval
                if interval.text != stripped:
                    return TimeInterval(interval.start, interval.end, interval.granularity, stripped, interval.anchored)
                return interval
    return None


_SPAN_ANCHOR = date(2000, 6, 15)


def time_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of everything that reads as a time, anchored or not.

    The quantity parser uses this to avoid reporting "19" of "19 May" or "2016" of "in 2016".
    """
    return [(m.start, m.end) for m in find_times(text, _SPAN_ANCHOR)]
