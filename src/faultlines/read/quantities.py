"""Quantities in English prose, with their hedges, ranges and what they measure.

"about 85 million", "16%", "approximately 13 to 17 million", "more than 91%", "$2.5 billion",
"a third of", "dozens of": each becomes a :class:`QuantityMatch` with a central ``value``, the range
``low``..``high`` the words allow, the ``hedge`` that qualifies it and a ``unit``.
:func:`bind_quantity` then says what the number measures (population, share of a group, casualties,
money...) and which state and group it is about, from the actor mentions of the same sentence.

Like :mod:`faultlines.read.timex` this is compiled regular expressions and small handlers, no model
and no I/O, because it runs on every sentence. Years and dates are never quantities: anything that
:func:`faultlines.read.timex.time_spans` reads as a time is skipped. The conventions are documented
in ``docs/time-and-quantities.md``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from faultlines.model import Quantity, Span
from faultlines.read.timex import time_spans

__all__ = [
    "Binding",
    "MentionRef",
    "QuantityMatch",
    "bind_quantity",
    "find_quantities",
    "to_quantity",
]


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A number read from text.

    ``value`` is the central figure (the midpoint of a range); ``low``/``high`` are the bounds the
    words allow (``None`` = unbounded on that side: "more than 91%" has ``high=None``); ``hedge``
    is the qualifier as a normalised phrase ("about", "more than", "vague" for "dozens of").
    """

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str
    hedge: str
    text: str


@dataclass(frozen=True, slots=True)
class MentionRef:
    """An actor mention the binder may use: offsets in the same coordinates as the quantity."""

    start: int
    end: int
    actor_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Binding:
    """What a number measures, the state it is about and the group it counts ("" when unknown).

    ``rule`` names the heuristic that fired, so every binding can be explained.
    """

    measure: str
    subject: str
    group: str
    rule: str = ""


# ---------------------------------------------------------------------------------------------
# Vocabulary


def _wordset(words: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (easier to read and extend than a literal)."""
    return frozenset(words.split())


def _alt(words: Sequence[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of whitespace."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}

# Hedges and what they do to the range. Keys are normalised (lower case, single spaces).
_APPROX = ("about", "approximately", "approx.", "around", "roughly", "some", "an estimated",
           "estimated", "circa", "ca.", "c.", "close to", "nearly", "almost", "just under",
           "more than", "over", "above", "at least", "upwards of", "in excess of", "exceeding",
           "well over", "just over", "no fewer than", "no less than", "a minimum of", "fewer than",
           "less than", "under", "below", "at most", "up to", "as many as", "as much as",
           "no more than", "not more than", "a maximum of", "well under", "well below",
           "as few as", "only", "just", "exactly", "precisely", "a total of", "totalling",
           "totaling")  # fmt: skip
_LOWER_BOUND = frozenset({"more than", "over", "above", "at least", "upwards of", "in excess of",
                          "exceeding", "well over", "just over", "no fewer than", "no less than",
                          "a minimum of"})  # fmt: skip
_UPPER_BOUND = frozenset({"nearly", "almost", "just under", "fewer than", "less than", "under",
                          "below", "at most", "up to", "as many as", "as much as", "no more than",
                          "not more than", "a maximum of", "well under", "well below",
                          "close to"})  # fmt: skip
_HEDGE = _alt(_APPROX)

_CUR_PREFIX = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
               "gbp": "GBP", "¥": "JPY", "₽": "RUB", "₪": "ILS", "rub": "RUB", "ils": "ILS",
               "irr": "IRR", "azn": "AZN", "try": "TRY", "amd": "AMD", "cny": "CNY"}  # fmt: skip
_CUR_WORDS = {
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "rials": "IRR", "iranian rials": "IRR", "tomans": "IRT",
    "manat": "AZN", "manats": "AZN", "shekels": "ILS", "new shekels": "ILS", "lira": "TRY",
    "liras": "TRY", "turkish lira": "TRY", "rubles": "RUB", "roubles": "RUB", "yuan": "CNY",
    "drams": "AMD", "rupees": "INR", "yen": "JPY",
}  # fmt: skip
_UNIT_WORDS = {
    "square kilometres": "km2", "square kilometers": "km2", "square km": "km2", "sq km": "km2",
    "sq. km": "km2", "km2": "km2", "km²": "km2", "square miles": "mi2", "sq mi": "mi2",
    "kilometres": "km", "kilometers": "km", "km": "km", "miles": "mi", "metres": "m", "meters": "m",
    "tonnes": "t", "tons": "t", "kg": "kg", "kilograms": "kg", "barrels per day": "bbl/d",
    "bpd": "bbl/d", "b/d": "bbl/d", "barrels": "bbl", "bcm": "bcm", "billion cubic metres": "bcm",
    "cubic metres": "m3", "cubic meters": "m3", "megawatts": "MW", "mw": "MW", "gigawatts": "GW",
    "gw": "GW", "percentage points": "pp", "percentage point": "pp",
}  # fmt: skip
_PEOPLE = _wordset(
    """people persons residents inhabitants citizens civilians refugees migrants individuals men women
    children voters workers adults nationals speakers believers worshippers pilgrims protesters
    demonstrators settlers prisoners detainees hostages immigrants emigrants expatriates students"""
)
_TROOPS = _wordset(
    """troops soldiers servicemen servicemembers personnel fighters militants mercenaries reservists
    conscripts marines paratroopers guards militiamen peacekeepers"""
)
_CASUALTY = _wordset("killed dead deaths casualties fatalities wounded injured died")
_NOT_NOUNS = _wordset(
    """is was has this its as us thus less across unless whereas always perhaps besides towards
    afterwards various previous serious famous his hers ours yours theirs was does goes this yes
    plus minus versus its"""
)
# Capitalised words before a number that are ordinary sentence words, not a model or a law's name.
_FUNCTION_WORDS = _wordset(
    """only just all the and but with at by for of in on since until after before another around
    about some nearly almost over more less up to from between than roughly approximately its their
    his her our these those while when where as if yet so or nor then there here what which who
    whom whose that this each every both per also still even"""
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_SMALL = rf"(?:{_alt(list(_TENS))})(?:[\s-](?:{_alt(list(_ONES))}))?|(?:{_alt(list(_ONES))})"
_WORD_SCALE = _alt(list(_SCALES))
_WORDNUM = (
    rf"(?:(?:{_WORD_SMALL})|half\s+a|a|an)(?![\w])"
    rf"(?:(?:[\s-]+(?:and[\s-]+)?)(?:(?:{_WORD_SMALL})|{_WORD_SCALE}|dozen)(?![\w]))*"
)
# Matched in the lower-cased text; "try" (Turkish lira) is left out: it is an English word.
_CUR = r"(?:us\$|\$|€|£|¥|₽|₪|(?:usd|eur|gbp|rub|ils|irr|azn|amd|cny)\s?)"
_SCALE_AFTER = r"(?:million|billion|trillion|thousand|bn|mn|mln|tn|k|(?(cur)(?:m|b)|(?!)))"
_PCT = r"(?:\s?%|\s?(?:percent|per\s+cent|pct)\b)"

_QTY = re.compile(
    rf"""(?<![\w.,/#\-−+$€£¥₽₪])
    (?P<btw>(?<=between\s)|(?<=from\s))?
    (?P<cur>{_CUR})?
    (?P<n1>{_DIGITS}|(?:{_WORDNUM}))
    (?:\s?(?P<sc1>(?:{_SCALE_AFTER}))(?!\w))?
    (?P<pct1>{_PCT})?
    (?:
        \s*(?P<conn>-|–|—|(?:to)|(?(btw)(?:and)|(?!)))\s*
        (?P<cur2>{_CUR})?
        (?P<n2>{_DIGITS}|(?:{_WORDNUM}))
        (?:\s?(?P<sc2>(?:{_SCALE_AFTER}))(?!\w))?
        (?P<pct2>{_PCT})?
    )?
    (?![\w]|[.,:]\d)""",
    re.X,
)
_FRACTIONS = {
    "half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3,
    "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 1 / 4,
    "one quarter": 1 / 4, "one-quarter": 1 / 4, "three quarters": 3 / 4, "three-quarters": 3 / 4,
    "a fifth": 1 / 5, "one fifth": 1 / 5, "one-fifth": 1 / 5, "two fifths": 2 / 5,
    "two-fifths": 2 / 5, "three fifths": 3 / 5, "three-fifths": 3 / 5, "four fifths": 4 / 5,
    "four-fifths": 4 / 5, "a tenth": 1 / 10, "one tenth": 1 / 10, "one-tenth": 1 / 10,
    "a majority": 0.5, "the majority": 0.5,
}  # fmt: skip
_IN_N = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "twenty": 20, "hundred": 100}  # fmt: skip
_FRAC = re.compile(
    r"(?<![\w])(?:"
    rf"(?P<frac>(?:{_alt(list(_FRACTIONS))}))(?=\s+(?:of|the|its|their|all)\b)"
    rf"|(?P<one>(?:one))\s+(?:in|out\s+of)\s+(?P<den>\d{{1,3}}|(?:{_alt(list(_IN_N))}))(?!\w))"
)
_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 9.99e6), "tens of millions": (2e7, 9.99e7),
    "hundreds of millions": (2e8, 9.99e8), "billions": (2e9, 9.99e9),
}  # fmt: skip
_FEW = {"a few": (2, 5), "a couple of": (2, 3), "several": (3, 9), "many": (5, 20)}
_VAGUE_RE = re.compile(
    r"(?<![\w])(?:"
    rf"(?P<vague>(?:{_alt(list(_VAGUE))}))(?=\s+of\b)"
    rf"|(?P<few>(?:{_alt(list(_FEW))}))\s+(?P<sc>(?:hundred|thousand|million|billion))"
    rf"(?:\s+(?P<sc2>(?:thousand|million)))?(?!\w))"
)
_HEDGE_BEFORE = re.compile(rf"(?<![\w])(?P<hedge>(?:{_HEDGE}))\s+$")
_BTW_BEFORE = re.compile(r"(?<![\w])(?:between|from)\s+$")
_HAS_DIGIT = re.compile(r"\d")
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NUMBER_WORD = re.compile(rf"(?:{_alt([*_ONES, *_TENS, *_SCALES, 'dozen'])})")
_FRAC_WORDS = ("half", "third", "quarter", "fifth", "tenth", "majority", "one in ", "one out of")
_VAGUE_WORDS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "several", "few",
                "couple", "many")  # fmt: skip
_WORD = r"([A-Za-z](?:[\w'’\-²]|\.(?=\w))*)"
_NEXT_WORDS = re.compile(rf"\s+{_WORD}(?:\s+{_WORD})?(?:\s+{_WORD})?")
_OF_AFTER = re.compile(r"\s+of(?!\w)")
_PREV_TOKEN = re.compile(r"(\S+)\s+$")
_POP_LEFT = re.compile(
    r"(?i:population|populace|inhabitants)\s+(?:\w+\s+){0,2}(?:of|at|is|was|to|reached|"
    r"numbers|numbered|stands\s+at|stood\s+at|totals|totalled|totaled)?\s*$"
)


def _words_to_number(phrase: str) -> tuple[float, bool] | None:
    """ "two hundred and fifty thousand" -> (250000, has_scale). ``None`` when it is not a number."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "and"]
    total, current = 0.0, 0.0
    has_scale = False
    seen_digit_word = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in {"a", "an"}:
            current = max(current, 1.0)
        elif t == "half" and i + 1 < len(tokens) and tokens[i + 1] in {"a", "an"}:
            current = 0.5
            i += 1
        elif t in _ONES:
            current += _ONES[t]
            seen_digit_word = True
        elif t in _TENS:
            current += _TENS[t]
            seen_digit_word = True
        elif t == "dozen":
            current = (current or 1) * 12
            has_scale = True
        elif t == "hundred":
            current = (current or 1) * 100
            has_scale = True
        elif t in _SCALES:
            total += (current or 1) * _SCALES[t]
            current = 0.0
            has_scale = True
        else:
            return None
        i += 1
    if not (seen_digit_word or has_scale):
        return None  # a lone "a"
    return total + current, has_scale


def _number(raw: str) -> tuple[float, bool, bool] | None:
    """(value, is_word_number, word_has_scale)."""
    if raw[0].isdigit():
        return float(raw.replace(",", "")), False, False
    parsed = _words_to_number(raw)
    if parsed is None:
        return None
    return parsed[0], True, parsed[1]


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def _range(value: float, hedge: str) -> tuple[float | None, float | None]:
    if hedge in _LOWER_BOUND:
        return value, None
    if hedge in _UPPER_BOUND:
        return None, value
    return value, value


@dataclass(slots=True)
class _Unit:
    unit: str
    end: int
    people: bool = False


def _unit_after(text: str, pos: int, allow_plural: bool) -> _Unit | None:
    """The unit or counted noun right after a number ("people", "ethnic Azeris", "km2", "dollars")."""
    m = _NEXT_WORDS.match(text, pos)
    if not m:
        return None
    words = [w for w in m.groups() if w]
    ends = [m.end(i + 1) for i in range(len(words))]
    lower = [w.lower().rstrip(".,") for w in words]
    # Multi-word units first ("square kilometres", "barrels per day", "US dollars").
    for n in (3, 2, 1):
        if len(lower) >= n:
            phrase = " ".join(lower[:n])
            if phrase in _UNIT_WORDS:
                return _Unit(_UNIT_WORDS[phrase], ends[n - 1])
            if phrase in _CUR_WORDS:
                return _Unit(_CUR_WORDS[phrase], ends[n - 1])
    for i in range(min(2, len(words))):  # the noun itself, or one modifier then the noun
        word, low = words[i], lower[i]
        if low in _TROOPS:
            return _Unit("troops", ends[i], people=True)
        if low in _PEOPLE or low in _CASUALTY:
            return _Unit("persons", ends[i], people=True)
        if word[0].isupper() and len(word) > 3 and low.endswith("s") and not low.endswith("ss"):
            return _Unit("persons", ends[i], people=True)  # a group: "Azeris", "Armenians"
        if (
            allow_plural
            and word.islower()
            and len(word) > 3
            and low.endswith("s")
            and not (low.endswith(("ss", "ous", "us", "is")) or low in _NOT_NOUNS)
        ):
            return _Unit(low, ends[i])
        if i == 0 and (low in _NOT_NOUNS or low in _FUNCTION_WORDS or not word.isalpha()):
            break  # "85 million were ..." : the next word is not a modifier
    # "50 were killed", "12 people have died": casualties without the noun next to the number.
    if (
        len(lower) >= 2
        and lower[0] in {"were", "was", "have", "had", "are"}
        and (lower[1] in _CASUALTY or (len(lower) > 2 and lower[1] == "been" and lower[2] in _CASUALTY))
    ):
        return _Unit("persons", pos)
    return None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _hedge_before(text: str, pos: int) -> tuple[str, int]:
    """The hedge ending right before ``pos`` ("about ", "more than ") and where it starts.

    Looking back from each number is much cheaper than trying every hedge at every position.
    """
    m = _HEDGE_BEFORE.search(text, max(0, pos - 28), pos)
    return (_norm(m["hedge"]), m.start()) if m else ("", pos)


def _candidates(text: str) -> list[QuantityMatch]:
    found: list[QuantityMatch] = []
    # The patterns are lower-case and run on an ASCII-lower-cased copy (same offsets): Python's
    # re is many times slower on case-insensitive alternations.
    lower = text.translate(_LOWER)
    if _HAS_DIGIT.search(text) or _NUMBER_WORD.search(lower):
        for m in _QTY.finditer(lower):
            q = _from_number(m, text, lower)
            if q is not None:
                found.append(q)
    if any(w in lower for w in _FRAC_WORDS):
        found.extend(_fractions(text, lower))
    if any(w in lower for w in _VAGUE_WORDS):
        found.extend(_vague(text, lower))
    return found


def _fractions(text: str, lower: str) -> list[QuantityMatch]:
    found = []
    for m in _FRAC.finditer(lower):
        if m["frac"]:
            share = _FRACTIONS[_norm(m["frac"])]
        else:
            den_raw = m["den"].lower()
            den = int(den_raw) if den_raw.isdigit() else _IN_N[den_raw]
            if den == 0:
                continue
            share = 1 / den
        value = 100 * share
        hedge, start = _hedge_before(lower, m.start())
        low, high = _range(value, hedge)
        found.append(QuantityMatch(start, m.end(), value, low, high, "percent", hedge, text[start : m.end()]))
    return found


def _vague(text: str, lower: str) -> list[QuantityMatch]:
    found = []
    for m in _VAGUE_RE.finditer(lower):
        hedge, start = _hedge_before(lower, m.start())
        hedge = hedge or "vague"
        if m["vague"]:
            low, high = _VAGUE[_norm(m["vague"])]
            end = m.end()
            of = _OF_AFTER.match(text, end)
            unit = _unit_after(text, of.end(), True) if of else None
            if unit is not None:
                end = unit.end
        else:
            base = _SCALES[m["sc"].lower()] * (_SCALES[m["sc2"].lower()] if m["sc2"] else 1)
            lo, hi = _FEW[_norm(m["few"])]
            low, high = lo * base, hi * base
            end = m.end()
            unit = _unit_after(text, end, True)
            if unit is not None:
                end = unit.end
        value = round((low * high) ** 0.5, 0)  # the geometric middle of an order-of-magnitude range
        found.append(QuantityMatch(start, end, value, low, high, unit.unit if unit else "", hedge, text[start:end]))
    return found


def _from_number(m: re.Match[str], text: str, lower: str) -> QuantityMatch | None:
    """A quantity from a match in ``lower``; ``text`` (same offsets) keeps the case for nouns."""
    n1 = _number(m["n1"])
    if n1 is None:
        return None
    n2 = _number(m["n2"]) if m["n2"] else None
    if m["n2"] and n2 is None:
        return None
    v1, word1, wscale1 = n1
    cur_raw = m["cur"] or m["cur2"]
    currency = _CUR_PREFIX.get(cur_raw.strip().lower(), "") if cur_raw else ""
    sc1 = (m["sc1"] or "").lower()
    sc2 = (m["sc2"] or "").lower()
    scale1 = _SCALES.get(sc1) or _SUFFIX_SCALES.get(sc1, 1.0)
    scale2 = _SCALES.get(sc2) or _SUFFIX_SCALES.get(sc2, 1.0)
    percent = bool(m["pct1"] or m["pct2"])
    start, end = m.start(), m.end()
    if m["btw"] is not None:
        hedge = ""
        btw = _BTW_BEFORE.search(lower, max(0, start - 10), start)
        start = btw.start() if btw else start
    else:
        hedge, start = _hedge_before(lower, start)
    if n2 is not None:
        v2 = n2[0]
        if not sc1 and sc2 and v1 < v2:
            scale1 = scale2  # "13 to 17 million": the scale word serves both ends
        low_v, high_v = v1 * scale1, v2 * scale2
        if high_v < low_v:
            return None
        value = (low_v + high_v) / 2
        low: float | None = low_v
        high: float | None = high_v
        scaled = bool(sc1 or sc2) or wscale1 or n2[2]
    else:
        value = v1 * scale1
        low, high = _range(value, hedge)
        scaled = bool(sc1) or wscale1
    unit = ""
    people = False
    if percent:
        unit = "percent"
    elif currency:
        unit = currency
    if not percent:
        after = _unit_after(text, end, allow_plural=not word1 or wscale1)
        if after is not None and (not currency or after.unit in _CUR_WORDS.values()):
            unit, people = after.unit, after.people
            end = max(end, after.end)
    if not unit and (
        _POP_LEFT.search(text, max(0, start - 60), start) or _GROUP_COUNT_LEFT.search(text, max(0, start - 60), start)
    ):
        unit, people = "persons", True  # "population of 85 million"; "18% are Azeris, 14 to 18 million"
    # A bare number ("Barak 8", "31", "one of") says nothing measurable: skip it.
    informative = bool(hedge or scaled or percent or currency or unit)
    if not informative:
        return None
    if word1 and not (scaled or percent or currency or people):
        return None  # "two countries", "one of": word numbers need a scale or a people noun
    if not (scaled or percent or currency):
        prev = _PREV_TOKEN.search(text, max(0, start - 40), start)
        if prev is not None:
            token = prev.group(1)
            if (
                token[:1].isupper()
                and not token.endswith(("'s", "’s"))
                and token.lower().strip(",;:") not in _FUNCTION_WORDS
            ):
                return None  # "Resolution 2231", "Barak 8 missiles": a name, not a count
            if token.lower() in {"no.", "no", "#", "number", "nos.", "page", "p.", "pp."}:
                return None
    return QuantityMatch(start, end, value, low, high, unit, hedge, text[start:end])


_GROUP_COUNT_LEFT = re.compile(
    r"(?:%|percent|per\s+cent)\s+(?:are|were|is|was)\s+(?:ethnic\s+)?[A-Z][\w'’-]+\s*[,;(—–-]\s*$"
)
_MAYBE_TIME = re.compile(r"(?<![\d,.])(?:\d{1,2}|1\d{3}|20\d{2}|2100)(?![\d,.])|half|quarter|third")
_NEVER_TIME = re.compile(r"%|percent|per\s+cent|million|billion|trillion|thousand|bn|mn|\$|€|£|¥|usd|eur")


def _could_be_time(quantity_text: str) -> bool:
    """Whether a candidate might overlap a time expression (a day or year number, "half of").

    Percentages, money and scaled figures never do, so most sentences skip the time parser.
    """
    low = quantity_text.lower()
    return _MAYBE_TIME.search(low) is not None and _NEVER_TIME.search(low) is None


def find_quantities(text: str) -> list[QuantityMatch]:
    """Find the quantities in ``text``: counts, percentages, money, areas, fractions, vague plurals.

    Parameters
    ----------
    text
        Any string; usually one sentence.

    Returns
    -------
    list[QuantityMatch]
        Non-overlapping, in text order; ``text[q.start:q.end] == q.text``. Years and dates are
        never reported, nor bare numbers without a unit, scale or hedge ("Barak 8").

    Examples
    --------
    >>> q = find_quantities("a population of about 85 million")[0]
    >>> (q.value, q.hedge, q.unit)
    (85000000.0, 'about', 'persons')
    >>> [(q.low, q.high) for q in find_quantities("more than 91%")]
    [(91.0, None)]
    """
    found = _candidates(text)
    if not found:
        return []
    if any(_could_be_time(q.text) for q in found):
        times = time_spans(text)
        found = [q for q in found if not _overlaps(q.start, q.end, times)]
    found.sort(key=lambda q: (q.start - q.end, q.start))
    taken: list[QuantityMatch] = []
    for q in found:
        if all(q.end <= t.start or q.start >= t.end for t in taken):
            taken.append(q)
    taken.sort(key=lambda q: q.start)
    return taken


# ---------------------------------------------------------------------------------------------
# Binding

_GROUP_KINDS = frozenset({"ethnic_group", "religious_group"})
_SUBJECT_KINDS = frozenset({"state"})
_ARE = re.compile(
    r"\s*(?:of\s+(?:[\w'’]+\s+){1,3}?)?"
    r"(?:are|were|is|was|being|identify\s+as|consider\s+themselves)\s+(?:ethnic\s+|ethnically\s+)?"
    r"(?:(?:an?|the)\s+)?$"
)
_OF = re.compile(r"\s*of\s+(?:all\s+|the\s+)?$")
_MAKE_UP = re.compile(
    r"\s+(?:make|makes|made)\s+up\s+$|\s+(?:account|accounts|accounted)\s+for\s+$|"
    r"\s+(?:constitute|constitutes|constituted|represent|represents|represented|comprise|comprises|"
    r"comprised|form|forms|formed|are|were)\s+$"
)
_CASUALTY_IN = re.compile(r"(?i)\b(?:killed|dead|deaths|casualties|fatalities|wounded|injured)\b")
_GROUP_NEXT = re.compile(r"\s*(?:of\s+)?(?:ethnic\s+|\w+\s+)?")
_GAP_END = re.compile(r"[\s,;:(—–\-]*(?:(?:or|i\.e\.|that\s+is|some)[\s,;:(—–\-]*)?$")
_IN_STATE = re.compile(r"\b(?:in|within|inside)\s+(?:\w+\s+){0,2}$")
_NUMBER_VERB = re.compile(r"\s+(?:number|numbers|numbered|total|totals|totalled|totaled)\s+$")
_POSSESSIVE_END = re.compile(r"['’]s?\s+$")
_PEOPLE_END = re.compile(r"(?i)\b(?:people|citizens|inhabitants|residents)$")
_INHABITANTS = re.compile(r"(?i)\b(?:inhabitants|residents)$")
_PCT_ARE = re.compile(r"(?:%|percent|per\s+cent)\s+(?:of\s+\w+\s+)?(?:are|were|is|was)\s+(?:ethnic\s+)?$")
_CASUALTY_RIGHT = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:were\s+|have\s+been\s+|had\s+been\s+|was\s+)?"
    r"(?:killed|dead|deaths|casualties|fatalities|wounded|injured|died)\b"
)
_CASUALTY_LEFT = re.compile(
    r"(?:killing|killed|death\s+toll\s+(?:of|at|rose\s+to|stands\s+at|to)|"
    r"casualties\s+of|claimed|left)\s+$"
)
_MONEY = frozenset({"USD", "EUR", "GBP", "JPY", "RUB", "ILS", "IRR", "IRT", "AZN", "TRY", "AMD", "CNY",
                    "INR"})  # fmt: skip


def _nearest_state(q_start: int, q_end: int, mentions: list[MentionRef], exclude: MentionRef | None = None) -> str:
    """Nearest state mention, preferring one before the number (the sentence's topic)."""
    states = [m for m in mentions if m.kind in _SUBJECT_KINDS and m is not exclude]
    inside = [m for m in states if q_start <= m.start and m.end <= q_end]  # "2,000 Russian troops"
    if inside:
        return inside[0].actor_id
    before = [m for m in states if m.end <= q_start]
    if before:
        return max(before, key=lambda m: m.end).actor_id
    after = [m for m in states if m.start >= q_end]
    if after:
        return min(after, key=lambda m: m.start).actor_id
    return ""


def _located_state(sentence: str, offset: int, q_end: int, mentions: list[MentionRef], default: str) -> str:
    """The state a group lives in when the sentence says "(live) in <State>"; else ``default``.

    A located state after the number wins over one before it ("Unlike in Azerbaijan, millions of
    Azeris live in Iran").
    """
    located = []
    for m in mentions:
        if m.kind in _SUBJECT_KINDS:
            left = sentence[max(0, m.start - offset - 30) : m.start - offset]
            if _IN_STATE.search(left):
                located.append(m)
    after = [m for m in located if m.start >= q_end]
    if after:
        return after[0].actor_id
    return located[-1].actor_id if located else default


def bind_quantity(q: QuantityMatch, sentence: str, sentence_start: int, mentions: list[MentionRef]) -> Binding:
    """Say what a quantity measures, which state it is about and which group it counts.

    Parameters
    ----------
    q
        A quantity found in ``sentence`` (offsets in the same coordinates as ``mentions``).
    sentence
        The sentence text; ``sentence[0]`` is at offset ``sentence_start``.
    sentence_start
        Offset of the sentence in the coordinates of ``q`` and ``mentions``.
    mentions
        Actor mentions of the sentence (others are ignored), with their actor kind.

    Returns
    -------
    Binding
        ``measure`` is one of population, percent_of_group, share, count, casualties, money,
        area, troops (or "" when nothing fits); ``subject`` a state id, ``group`` a group id.
        The heuristics are listed in ``docs/time-and-quantities.md``; ``rule`` names the one used.
    """
    off = sentence_start
    s_end = off + len(sentence)
    ms = sorted((m for m in mentions if m.start >= off and m.end <= s_end), key=lambda m: m.start)
    left = sentence[: max(0, q.start - off)]
    right = sentence[max(0, q.end - off) :]
    groups = [m for m in ms if m.kind in _GROUP_KINDS]
    subject = _nearest_state(q.start, q.end, ms)

    def group_after(pattern: re.Pattern[str]) -> MentionRef | None:
        for m in ms:
            if m.start >= q.end and pattern.fullmatch(sentence[q.end - off : m.start - off]):
                return m
        return None

    def mention_ending_at(pos: int) -> MentionRef | None:
        for m in ms:
            if m.end - off == pos:
                return m
        return None

    if q.unit == "percent":
        # R1 "16% are Azeris", "91% of which are Azeris", "of which 16% are Azeris"
        g = group_after(_ARE)
        if g is not None:
            if g.kind in _GROUP_KINDS:
                return Binding("percent_of_group", _nearest_state(q.start, q.end, ms, g), g.actor_id, "R1")
            return Binding("share", g.actor_id, "", "R1s")
        # R2 "Azeris make up 16%"
        mk = _MAKE_UP.search(left)
        if mk is not None:
            g = mention_ending_at(mk.start())
            if g is not None and g.kind in _GROUP_KINDS:
                return Binding("percent_of_group", _nearest_state(q.start, q.end, ms, g), g.actor_id, "R2")
        # R3 "16% of Azeris", "a third of the Armenians"
        g = group_after(_OF)
        if g is not None and g.kind in _GROUP_KINDS:
            return Binding("percent_of_group", _nearest_state(q.start, q.end, ms, g), g.actor_id, "R3")
        if g is not None and g.kind in _SUBJECT_KINDS:
            return Binding("share", g.actor_id, "", "R3s")
        # R2a "Azeris, some 16% of the population, live in Iran": the group in apposition
        g = mention_ending_at(len(_strip_gap(left)))
        if g is not None and g.kind in _GROUP_KINDS and left[len(_strip_gap(left)) :].strip():
            where = _located_state(sentence, off, q.end, ms, _nearest_state(q.start, q.end, ms, g))
            return Binding("percent_of_group", where, g.actor_id, "R2a")
        return Binding("share", subject, "", "R11")
    # R4 "... 18% are Azeris, roughly 14 to 18 million": the count of the same group
    core = _strip_gap(left)
    g = mention_ending_at(len(core))
    if g is not None and g.kind in _GROUP_KINDS and _PCT_ARE.search(left, 0, g.start - off):
        return Binding("count", _nearest_state(q.start, q.end, ms, g), g.actor_id, "R4")
    # R5a "a large Azerbaijani minority, perhaps 15 to 20 million people": a group in apposition
    apposed = _APPOSITION_END.sub("", left)
    if q.unit == "persons" and apposed != left.rstrip():
        g = mention_ending_at(len(apposed)) or mention_ending_at(len(_GROUP_NOUN_END.sub("", apposed)))
        if g is not None and g.kind in _GROUP_KINDS:
            where = _located_state(sentence, off, q.end, ms, _nearest_state(q.start, q.end, ms, g))
            return Binding("count", where, g.actor_id, "R5a")
    # R5v "The Azeris number 15 million in Iran"
    verb = _NUMBER_VERB.search(left)
    if verb is not None:
        g = mention_ending_at(verb.start())
        if g is not None and g.kind in _GROUP_KINDS:
            where = _located_state(sentence, off, q.end, ms, _nearest_state(q.start, q.end, ms, g))
            return Binding("count", where, g.actor_id, "R5v")
    casualty = bool(
        _CASUALTY_RIGHT.match(right)
        or _CASUALTY_LEFT.search(left)
        or _CASUALTY_IN.search(q.text)
    )
    # R5 "13 million Azeris", "millions of Azeris live in Iran": a count of a group
    inner = [m for m in groups if q.start <= m.start and m.end <= q.end + 1]
    g = inner[0] if inner else group_after(_GROUP_NEXT)
    if g is not None and g.kind in _GROUP_KINDS and (g.start - q.end) <= 20:
        where = _located_state(sentence, off, q.end, ms, _nearest_state(q.start, q.end, ms, g))
        return Binding("casualties" if casualty else "count", where, g.actor_id, "R5")
    # R6 "a population of about 85 million", "Iran's population is 85 million"
    pop = _POP_LEFT.search(left)
    if pop is not None:
        g = mention_ending_at(pop.start() - 1) or mention_ending_at(pop.start())
        if g is not None and g.kind in _GROUP_KINDS:
            return Binding("count", _nearest_state(q.start, q.end, ms, g), g.actor_id, "R6g")
        return Binding("population", subject, "", "R6")
    if _INHABITANTS.search(q.text):
        return Binding("population", subject, "", "R6i")  # "Iran has 85 million inhabitants"
    if q.unit == "persons" and (poss := _POSSESSIVE_END.search(left)) is not None:
        g = mention_ending_at(poss.start())
        if g is not None and g.kind in _SUBJECT_KINDS and _PEOPLE_END.search(q.text):
            return Binding("population", g.actor_id, "", "R6p")  # "Iran's 85 million people"
    # R7 casualties
    if casualty:
        return Binding("casualties", subject, "", "R7")
    if q.unit in _MONEY:
        return Binding("money", subject, "", "R8")
    if q.unit in {"km2", "mi2"}:
        return Binding("area", subject, "", "R9")
    if q.unit == "troops":
        return Binding("troops", subject, "", "R10")
    if q.unit:
        return Binding("count", subject, "", "R12")
    return Binding("", subject, "", "R13")


_APPOSITION_END = re.compile(
    r"\s*[,(—–-]\s*(?:perhaps|possibly|probably|some|about|around|roughly|an estimated|estimated at|or)?\s*$", re.I
)
_GROUP_NOUN_END = re.compile(
    r"\s+(?:ethnic\s+)?(?:minorit(?:y|ies)|communit(?:y|ies)|diaspora|population|people)$", re.I
)


def _strip_gap(left: str) -> str:
    """``left`` without the trailing punctuation and filler between a group and a number."""
    m = _GAP_END.search(left)
    return left[: m.start()] if m else left


def to_quantity(q: QuantityMatch, binding: Binding, doc_id: str, sentence: int, offset: int = 0) -> Quantity:
    """Build the model's :class:`~faultlines.model.Quantity`; ``offset`` shifts sentence offsets."""
    span = Span(doc_id, sentence, q.start + offset, q.end + offset, q.text)
    return Quantity(
        value=q.value,
        unit=q.unit,
        span=span,
        low=q.low,
        high=q.high,
        hedge=q.hedge,
        measure=binding.measure,
        subject=binding.subject,
        group=binding.group,
    )
