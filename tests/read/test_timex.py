"""Time expressions: every documented form, the numbers that must not be dates, and robustness."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.model import Granularity as G
from faultlines.read.timex import TimeMatch, find_times, parse_time, time_spans

ANCHOR = date(2024, 6, 12)  # a Wednesday
D = date


def only(text: str, anchor: date | None = ANCHOR) -> TimeMatch:
    """The single time expression in ``text`` (fails when there are none or several)."""
    found = find_times(text, anchor)
    assert len(found) == 1, f"{text!r}: {[m.text for m in found]}"
    return found[0]


# (text, the matched substring, start, end, granularity, anchored)
# fmt: off
FORMS: list[tuple[str, str, date | None, date | None, G, bool]] = [
    # exact dates
    ("It happened on 19 May 2024.", "19 May 2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("It happened on the 19th of May 2024.", "the 19th of May 2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("It happened on May 19, 2024.", "May 19, 2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("It happened on Sept. 3, 2023.", "Sept. 3, 2023", D(2023, 9, 3), D(2023, 9, 3), G.DAY, False),
    ("Tuesday, 21 May 2024 was calm.", "Tuesday, 21 May 2024", D(2024, 5, 21), D(2024, 5, 21), G.DAY, False),
    ("Dated 2024-05-19 in the file.", "2024-05-19", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("Signed on 19/05/2024.", "19/05/2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("Signed on 05/19/2024.", "05/19/2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("Signed on 19.05.2024.", "19.05.2024", D(2024, 5, 19), D(2024, 5, 19), G.DAY, False),
    ("Signed on 04.05.2024.", "04.05.2024", D(2024, 5, 4), D(2024, 5, 4), G.DAY, False),
    ("Talks ran 19-21 May 2024.", "19-21 May 2024", D(2024, 5, 19), D(2024, 5, 21), G.DAY, False),
    # months
    ("In May 2024 the talks failed.", "May 2024", D(2024, 5, 1), D(2024, 5, 31), G.MONTH, False),
    ("In February of 2024 it was over.", "February of 2024", D(2024, 2, 1), D(2024, 2, 29), G.MONTH, False),
    ("Fighting resumed in mid-May 2024.", "mid-May 2024", D(2024, 5, 11), D(2024, 5, 20), G.MONTH, False),
    ("Fighting resumed in late May 2024.", "late May 2024", D(2024, 5, 21), D(2024, 5, 31), G.MONTH, False),
    ("Talks ran May-June 2024.", "May-June 2024", D(2024, 5, 1), D(2024, 6, 30), G.MONTH, False),
    # years
    ("Netanyahu visited Baku in 2016.", "2016", D(2016, 1, 1), D(2016, 12, 31), G.YEAR, False),
    ("2016's visit mattered.", "2016", D(2016, 1, 1), D(2016, 12, 31), G.YEAR, False),
    ("After the 2020 war, borders moved.", "2020", D(2020, 1, 1), D(2020, 12, 31), G.YEAR, False),
    ("Netanyahu's 2016 visit to Baku.", "2016", D(2016, 1, 1), D(2016, 12, 31), G.YEAR, False),
    ("The war of 1812 is long past.", "1812", D(1812, 1, 1), D(1812, 12, 31), G.YEAR, False),
    ("Resolution 2231 of 2015 endorsed it.", "2015", D(2015, 1, 1), D(2015, 12, 31), G.YEAR, False),
    # parts of years (granularity season)
    ("The crash occurred in early 2025.", "early 2025", D(2025, 1, 1), D(2025, 4, 30), G.SEASON, False),
    ("Expected in mid-2025 at the latest.", "mid-2025", D(2025, 5, 1), D(2025, 8, 31), G.SEASON, False),
    ("Planned for late 2025.", "late 2025", D(2025, 9, 1), D(2025, 12, 31), G.SEASON, False),
    ("At the beginning of 2023 it began.", "the beginning of 2023", D(2023, 1, 1), D(2023, 4, 30), G.SEASON, False),
    ("At the end of 2023 it ended.", "the end of 2023", D(2023, 9, 1), D(2023, 12, 31), G.SEASON, False),
    # seasons
    ("Protests in spring 2024 spread.", "spring 2024", D(2024, 3, 1), D(2024, 5, 31), G.SEASON, False),
    ("During the summer of 2020 tension rose.", "the summer of 2020", D(2020, 6, 1), D(2020, 8, 31), G.SEASON, False),
    ("In the fall of 2021 talks resumed.", "the fall of 2021", D(2021, 9, 1), D(2021, 11, 30), G.SEASON, False),
    ("In winter 2022-23 gas ran short.", "winter 2022-23", D(2022, 12, 1), D(2023, 2, 28), G.SEASON, False),
    # quarters and halves
    ("Exports fell in Q3 2023.", "Q3 2023", D(2023, 7, 1), D(2023, 9, 30), G.SEASON, False),
    ("Exports fell in the third quarter of 2023.", "the third quarter of 2023", D(2023, 7, 1), D(2023, 9, 30),
     G.SEASON, False),
    ("Exports rose in the first half of 2024.", "the first half of 2024", D(2024, 1, 1), D(2024, 6, 30), G.SEASON,
     False),
    ("Exports rose in H2 2024.", "H2 2024", D(2024, 7, 1), D(2024, 12, 31), G.SEASON, False),
    # decades
    ("Ties grew in the 1990s.", "the 1990s", D(1990, 1, 1), D(1999, 12, 31), G.DECADE, False),
    ("Cooperation began in the early 1990s.", "the early 1990s", D(1990, 1, 1), D(1993, 12, 31), G.DECADE, False),
    ("Cooperation began in the mid-1990s.", "the mid-1990s", D(1994, 1, 1), D(1996, 12, 31), G.DECADE, False),
    ("Cooperation began in the late 1990s.", "the late 1990s", D(1997, 1, 1), D(1999, 12, 31), G.DECADE, False),
    ("Cooperation began in the '90s.", "the '90s", D(1990, 1, 1), D(1999, 12, 31), G.DECADE, False),
    ("Cooperation began in the nineties.", "the nineties", D(1990, 1, 1), D(1999, 12, 31), G.DECADE, False),
    ("Cooperation began in the 1990's.", "the 1990's", D(1990, 1, 1), D(1999, 12, 31), G.DECADE, False),
    # centuries
    ("The dynasty ruled in the 16th century.", "the 16th century", D(1500, 1, 1), D(1599, 12, 31), G.CENTURY, False),
    ("Calls for autonomy in the mid-20th century.", "the mid-20th century", D(1933, 1, 1), D(1966, 12, 31),
     G.CENTURY, False),
    ("Borders set in the early 19th century.", "the early 19th century", D(1800, 1, 1), D(1832, 12, 31), G.CENTURY,
     False),
    ("Borders set in the 1800s.", "the 1800s", D(1800, 1, 1), D(1899, 12, 31), G.CENTURY, False),
    ("Borders set in the early 1800s.", "the early 1800s", D(1800, 1, 1), D(1832, 12, 31), G.CENTURY, False),
    ("In the sixteenth century Persia changed.", "the sixteenth century", D(1500, 1, 1), D(1599, 12, 31),
     G.CENTURY, False),
    ("In the 16th and 17th centuries it grew.", "the 16th and 17th centuries", D(1500, 1, 1), D(1699, 12, 31),
     G.CENTURY, False),
    ("A twenty-first century war.", "twenty-first century", D(2000, 1, 1), D(2099, 12, 31), G.CENTURY, False),
    ("At the turn of the 20th century it changed.", "the turn of the 20th century", D(1895, 1, 1),
     D(1905, 12, 31), G.DECADE, False),
    # ranges
    ("He ruled from 1994 to 2020.", "from 1994 to 2020", D(1994, 1, 1), D(2020, 12, 31), G.YEAR, False),
    ("Sanctions held between 2008 and 2012.", "between 2008 and 2012", D(2008, 1, 1), D(2012, 12, 31), G.YEAR,
     False),
    ("The war of 1992-1994 ended.", "1992-1994", D(1992, 1, 1), D(1994, 12, 31), G.YEAR, False),
    ("The war of 1992–94 ended.", "1992–94", D(1992, 1, 1), D(1994, 12, 31), G.YEAR, False),
    ("It lasted from May 2020 to June 2021.", "from May 2020 to June 2021", D(2020, 5, 1), D(2021, 6, 30), G.MONTH,
     False),
    ("It ran from the 1990s until 2008.", "from the 1990s until 2008", D(1990, 1, 1), D(2008, 12, 31), G.DECADE,
     False),
    ("Talks ran April 13-14, 2024.", "April 13-14, 2024", D(2024, 4, 13), D(2024, 4, 14), G.DAY, False),
    ("It held between 1994 and now.", "between 1994 and now", D(1994, 1, 1), ANCHOR, G.VAGUE, True),
    ("The 1990-91 crisis.", "1990-91", D(1990, 1, 1), D(1991, 12, 31), G.YEAR, False),
    # open ends
    ("Independent since 1991, it grew.", "since 1991", D(1991, 1, 1), ANCHOR, G.YEAR, True),
    ("The deal held until 2020.", "until 2020", None, D(2020, 12, 31), G.YEAR, False),
    ("Neutrality is the goal by 2030.", "by 2030", ANCHOR, D(2030, 12, 31), G.YEAR, True),
    ("By 2010 the pipeline was built.", "By 2010", None, D(2010, 12, 31), G.YEAR, False),
    ("Trade grew from 2016 onwards.", "from 2016 onwards", D(2016, 1, 1), None, G.YEAR, False),
    ("Trade was small before 2020.", "before 2020", None, D(2019, 12, 31), G.YEAR, False),
    ("Trade grew after 2020.", "after 2020", D(2021, 1, 1), None, G.YEAR, False),
    # relative, anchored to the document date (2024-06-12, a Wednesday)
    ("Today the border is quiet.", "Today", ANCHOR, ANCHOR, G.DAY, True),
    ("Yesterday the border was quiet.", "Yesterday", D(2024, 6, 11), D(2024, 6, 11), G.DAY, True),
    ("Talks resume tomorrow.", "tomorrow", D(2024, 6, 13), D(2024, 6, 13), G.DAY, True),
    ("Trade fell last year.", "last year", D(2023, 1, 1), D(2023, 12, 31), G.YEAR, True),
    ("Trade fell this month.", "this month", D(2024, 6, 1), D(2024, 6, 30), G.MONTH, True),
    ("Trade fell next month.", "next month", D(2024, 7, 1), D(2024, 7, 31), G.MONTH, True),
    ("Trade fell two years ago.", "two years ago", D(2022, 1, 1), D(2022, 12, 31), G.YEAR, True),
    ("Trade fell 3 months ago.", "3 months ago", D(2024, 3, 1), D(2024, 3, 31), G.MONTH, True),
    ("The envoy came last week.", "last week", D(2024, 6, 3), D(2024, 6, 9), G.DAY, True),
    ("Relations have recently soured.", "recently", D(2023, 12, 15), ANCHOR, G.VAGUE, True),
    ("Iran currently integrates the region.", "currently", ANCHOR, ANCHOR, G.VAGUE, True),
    ("Now the truth is clear.", "Now", ANCHOR, ANCHOR, G.VAGUE, True),
    ("Trade fell over the past five years.", "the past five years", D(2019, 6, 12), ANCHOR, G.YEAR, True),
    ("Trade fell earlier this year.", "earlier this year", D(2024, 1, 1), ANCHOR, G.YEAR, True),
    ("Ties grew in recent years.", "recent years", D(2019, 6, 12), ANCHOR, G.VAGUE, True),
    ("Talks stalled late last year.", "late last year", D(2023, 9, 1), D(2023, 12, 31), G.SEASON, True),
    ("Talks resume at the end of this month.", "the end of this month", D(2024, 6, 21), D(2024, 6, 30), G.MONTH,
     True),
    ("Talks began in early this year.", "early this year", D(2024, 1, 1), D(2024, 4, 30), G.SEASON, True),
    ("It rained last summer.", "last summer", D(2023, 6, 1), D(2023, 8, 31), G.SEASON, True),
    ("The strike came in March.", "March", D(2024, 3, 1), D(2024, 3, 31), G.MONTH, True),
    ("The strike came last March.", "last March", D(2024, 3, 1), D(2024, 3, 31), G.MONTH, True),
    ("The strike came on 19 May.", "19 May", D(2024, 5, 19), D(2024, 5, 19), G.DAY, True),
    ("The envoy arrived on Tuesday.", "Tuesday", D(2024, 6, 11), D(2024, 6, 11), G.DAY, True),
    ("The envoy arrives next Tuesday.", "next Tuesday", D(2024, 6, 18), D(2024, 6, 18), G.DAY, True),
    ("The envoy arrived on Wednesday.", "Wednesday", D(2024, 6, 5), D(2024, 6, 5), G.DAY, True),
    ("Ties have grown since last year.", "since last year", D(2023, 1, 1), ANCHOR, G.YEAR, True),
    ("It has grown from 2016 to the present.", "from 2016 to the present", D(2016, 1, 1), ANCHOR, G.VAGUE, True),
    ("2020 was a turning point.", "2020", D(2020, 1, 1), D(2020, 12, 31), G.YEAR, False),
    ("Trade grew. 1979 saw a revolution.", "1979", D(1979, 1, 1), D(1979, 12, 31), G.YEAR, False),
]
# fmt: on


@pytest.mark.parametrize(("text", "expr", "start", "end", "granularity", "anchored"), FORMS)
def test_every_documented_form(
    text: str, expr: str, start: date | None, end: date | None, granularity: G, anchored: bool
) -> None:
    m = only(text)
    assert m.text == expr
    assert text[m.start : m.end] == expr
    assert (m.interval.start, m.interval.end) == (start, end)
    assert m.interval.granularity == granularity
    assert m.interval.anchored == anchored


NOT_TIMES = [
    "a population of roughly 88 million",
    "18% are Kurds",
    "approximately 14 to 18 million",
    "2,000 troops crossed",
    "Barak 8 missiles",
    "an F-35 squadron",
    "Resolution 2231 was adopted",
    "Route 2024 is closed",
    "in 2000 people were killed",
    "a population of 2000 is small",
    "the 1500 soldiers withdrew",
    "S-400 systems and Su-35 jets",
    "he paid $2016 for it",
    "a total of 1991 votes",
    "the 5th century BC",
    "between 1000 and 2000 troops",
    "1,991 people",
    "version 2020.1",
    "may 2024 be better",  # lower-case "may" is a verb
    "the march 2024 plan",  # lower-case "march" is a noun
    "1500 militants were seen",
    "In 1500 BC the city fell.",
    "in 480 B.C. the Persians came",
    "Unit 2020 was deployed",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_numbers_that_are_not_times(text: str) -> None:
    assert find_times(text, ANCHOR) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The summer of 2020 was hot.", D(2020, 6, 1)),
        ("Early 2025 brought a crash.", D(2025, 1, 1)),
        ("Mid-2025 is the target.", D(2025, 5, 1)),
        ("The early 1990s were hard.", D(1990, 1, 1)),
        ("The 16th Century was long.", D(1500, 1, 1)),
        ("The Mid-20th Century saw calls for autonomy.", D(1933, 1, 1)),
        ("The first half of 2024 was calm.", D(2024, 1, 1)),
        ("Two years ago it began.", D(2022, 1, 1)),
        ("Last Year it began.", D(2023, 1, 1)),
        ("Since March it has grown.", D(2024, 3, 1)),
        ("The end of March was calm.", D(2024, 3, 21)),
        ("Last Tuesday it rained.", D(2024, 6, 11)),
        ("The Nineties were hard.", D(1990, 1, 1)),
    ],
)
def test_capitalised_forms(text: str, start: date) -> None:
    found = find_times(text, ANCHOR)
    assert found and found[0].start == 0 and found[0].interval.start == start, found


def test_lists_of_years_and_months_share_the_first_ones_context() -> None:
    assert [m.text for m in find_times("in 2016, 2018 and 2020", ANCHOR)] == ["2016", "2018", "2020"]
    assert [m.text for m in find_times("in May and June", ANCHOR)] == ["May", "June"]
    assert find_times("Route 2024 and 2025", ANCHOR) == []
    m = only("Trade was small prior to 2020.")
    assert (m.text, m.interval.start, m.interval.end) == ("prior to 2020", None, D(2019, 12, 31))


def test_long_texts_are_read_sentence_by_sentence_with_the_same_result() -> None:
    text = " ".join(form[0] for form in FORMS)
    assert len(text) > 2000
    found = find_times(text, ANCHOR)
    assert [m.text for m in found] == [form[1] for form in FORMS]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_relative_expressions_need_an_anchor() -> None:
    for text in ("yesterday", "last year", "on Tuesday", "in March", "two years ago", "now"):
        assert find_times(text) == [], text
        assert find_times(text, ANCHOR), text


def test_since_without_anchor_is_open_ended() -> None:
    m = only("Since 1991 it has been independent.", None)
    assert (m.interval.start, m.interval.end, m.interval.anchored) == (D(1991, 1, 1), None, False)


def test_ambiguous_numeric_date_covers_both_readings() -> None:
    m = only("signed 05/04/2024 in Baku")
    assert (m.interval.start, m.interval.end, m.interval.granularity) == (D(2024, 4, 5), D(2024, 5, 4), G.VAGUE)


def test_impossible_dates_are_not_reported() -> None:
    assert all(m.interval.granularity != G.DAY for m in find_times("on 31 February 2023", ANCHOR))
    assert find_times("on 2023-02-30", ANCHOR) == []


def test_two_digit_decades_follow_the_anchor() -> None:
    assert only("back in the '20s", D(1950, 1, 1)).interval.start == D(1920, 1, 1)
    assert only("back in the '20s", D(2026, 1, 1)).interval.start == D(2020, 1, 1)


def test_several_expressions_in_one_text_in_order() -> None:
    text = "Ties began in the early 1990s, grew in 2016 and, since 2020, have deepened; now they are strained."
    found = find_times(text, ANCHOR)
    assert [m.text for m in found] == ["the early 1990s", "2016", "since 2020", "now"]
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_longest_reading_wins() -> None:
    assert [m.text for m in find_times("on Tuesday, 21 May 2024", ANCHOR)] == ["Tuesday, 21 May 2024"]
    assert [m.text for m in find_times("the summer of 2020")] == ["the summer of 2020"]


def test_winter_spans_the_new_year() -> None:
    m = only("in winter 2023")
    assert (m.interval.start, m.interval.end) == (D(2023, 12, 1), D(2024, 2, 29))


def test_parse_time_whole_expressions() -> None:
    year = parse_time("2016")
    assert year is not None and (year.start, year.end, year.granularity) == (D(2016, 1, 1), D(2016, 12, 31), G.YEAR)
    early = parse_time("early 2025")
    assert early is not None and (early.start, early.end) == (D(2025, 1, 1), D(2025, 4, 30))
    since = parse_time("since 1991", ANCHOR)
    assert since is not None and (since.start, since.end) == (D(1991, 1, 1), ANCHOR)
    inn = parse_time("in the 16th century")
    assert inn is not None and inn.start == D(1500, 1, 1) and inn.text == "in the 16th century"
    assert parse_time("Route 2024") is None
    assert parse_time("85 million") is None
    assert parse_time("") is None
    assert parse_time("2016 and more words") is None
    march = parse_time("March", ANCHOR)
    assert march is not None and (march.start, march.text) == (D(2024, 3, 1), "March")


def test_time_spans_include_unanchored_forms() -> None:
    text = "On 19 May, 50 were killed."
    assert (3, 9) in time_spans(text)


# --- robustness --------------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["in", "since", "the", "early", "mid", "late", "of", "to", "and", "between", "from", "May", "March", "spring",
     "summer", "winter", "century", "centuries", "1990s", "'90s", "last", "next", "ago", "years", "Tuesday", "Q3",
     "H1", "first", "half", "quarter", "-", "–", ",", "'s", "today", "now", "by", "until", "onwards", "BC",
     "16th", "mid-20th", "twenty-first", "million", "%", "troops", "Barak", "F-35", "nineties", "the end of"]
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=3000).map(str),
    st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}"),
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(0, 40), st.integers(0, 15), st.integers(900, 2200)),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(900, 2200), st.integers(0, 13), st.integers(0, 40)),
)
STRUCTURED = st.lists(st.one_of(WORDS, NUMBERS), max_size=12).map(" ".join)
ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _check(text: str, anchor: date | None) -> None:
    found = find_times(text, anchor)
    last_end = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.interval.text
        assert m.start >= last_end  # in order and not overlapping
        last_end = m.end
        iv = m.interval
        if iv.start is not None and iv.end is not None:
            assert iv.start <= iv.end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), ANCHORS)
def test_no_string_crashes_find_times(text: str, anchor: date | None) -> None:
    _check(text, anchor)
    parse_time(text, anchor)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STRUCTURED, ANCHORS)
def test_structured_inputs_never_crash_and_offsets_hold(text: str, anchor: date | None) -> None:
    _check(text, anchor)
    parse_time(text, anchor)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STRUCTURED, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_match_parses_back_to_the_same_interval(text: str, anchor: date) -> None:
    for m in find_times(text, anchor):
        again = parse_time(m.text, anchor)
        assert again is not None, m.text
        assert (again.start, again.end, again.granularity) == (
            m.interval.start,
            m.interval.end,
            m.interval.granularity,
        ), m.text


@settings(max_examples=60, deadline=None)
@given(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 28))
def test_iso_and_spelled_dates_agree(year: int, month: int, day: int) -> None:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]  # fmt: skip
    iso = parse_time(f"{year}-{month:02d}-{day:02d}")
    spelled = parse_time(f"{day} {months[month - 1]} {year}")
    us = parse_time(f"{months[month - 1]} {day}, {year}")
    assert iso is not None and spelled is not None and us is not None
    assert iso.start == spelled.start == us.start == date(year, month, day)
