"""Verdicts: every label, for every kind of claim, with the reference value, source and a reason."""

from __future__ import annotations

from datetime import date

from tests.check.conftest import model

from faultlines.check import ReferenceBase, check_claim, extract_claims
from faultlines.check.verify import _judge_range
from faultlines.model import Claim, Span, VerdictLabel

L = VerdictLabel


def verdicts(text: str, base: ReferenceBase, on: date, kind: str | None = None) -> list[tuple[Claim, object]]:
    out = []
    for claim in extract_claims(model(text), base):
        if kind is None or claim.kind == kind:
            out.append((claim, check_claim(claim, base, on)))
    return out


def labels(text: str, base: ReferenceBase, on: date, kind: str) -> list[VerdictLabel]:
    return [v.label for _, v in verdicts(text, base, on, kind)]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ offices


def test_office_supported_outdated_and_contradicted(base: ReferenceBase) -> None:
    assert labels(
        "Benjamin Netanyahu, then Israel's prime minister, flew to Baku in 2016.", base, date(2025, 1, 1), "office"
    ) == [L.SUPPORTED]
    ((_, outdated),) = verdicts("President Ebrahim Raisi is visiting Baku.", base, date(2025, 3, 1), "office")
    assert outdated.label == L.OUTDATED  # type: ignore[attr-defined]
    assert "19 May 2024" in outdated.explanation and "Pezeshkian" in outdated.explanation  # type: ignore[attr-defined]
    assert outdated.source  # type: ignore[attr-defined]
    ((_, wrong),) = verdicts("In 2020 Armenian President Nikol Pashinyan met Putin.", base, date(2021, 1, 1), "office")
    assert wrong.label == L.CONTRADICTED  # type: ignore[attr-defined]


def test_office_unverifiable_for_someone_not_in_the_base(base: ReferenceBase) -> None:
    assert labels("President Zorbal Quintafax spoke in Baku.", base, date(2025, 1, 1), "office") == [L.UNVERIFIABLE]


def test_in_office_since(base: ReferenceBase) -> None:
    assert labels("Ilham Aliyev has ruled Azerbaijan since 2003.", base, date(2024, 1, 1), "office") == [L.SUPPORTED]
    assert labels("Ilham Aliyev has ruled Azerbaijan since 1998.", base, date(2024, 1, 1), "office") == [L.CONTRADICTED]


# ------------------------------------------------------------------ events and details


def test_event_date_supported_and_contradicted_with_source(base: ReferenceBase) -> None:
    ok = verdicts("Netanyahu flew to Baku in December 2016.", base, date(2017, 1, 1), "event")
    assert [v.label for _, v in ok] == [L.SUPPORTED]  # type: ignore[attr-defined]
    text = "The crash in early 2025 that killed President Raisi shocked Iran."
    ((_, bad),) = verdicts(text, base, date(2025, 6, 1), "event")
    assert bad.label == L.CONTRADICTED  # type: ignore[attr-defined]
    assert "19 May 2024" in bad.explanation and "early 2025" in bad.explanation  # type: ignore[attr-defined]
    assert "Varzaqan" in bad.source  # type: ignore[attr-defined]


def test_wrong_visitor_is_contradicted(base: ReferenceBase) -> None:
    text = "In May 2023 Israeli Prime Minister Benjamin Netanyahu visited Baku."
    ((_, verdict),) = verdicts(text, base, date(2023, 6, 1), "event")
    assert verdict.label == L.CONTRADICTED  # type: ignore[attr-defined]


def test_event_unverifiable_when_the_base_has_nothing(base: ReferenceBase) -> None:
    assert labels("In 2012 Georgia and Armenia signed a treaty.", base, date(2013, 1, 1), "event") == [L.UNVERIFIABLE]


def test_event_detail_aircraft(base: ReferenceBase) -> None:
    text = "The plane carrying President Raisi crashed on 19 May 2024."
    ((_, bad),) = verdicts(text, base, date(2024, 6, 1), "event_detail")
    assert bad.label == L.CONTRADICTED and "helicopter" in bad.explanation  # type: ignore[attr-defined]
    text = "The helicopter carrying President Raisi crashed on 19 May 2024."
    assert labels(text, base, date(2024, 6, 1), "event_detail") == [L.SUPPORTED]


# ------------------------------------------------------------------ quantities and the tolerance rule


def test_population_tolerance_rule(base: ReferenceBase) -> None:
    on = date(2022, 12, 31)
    assert labels("In 2022 Iran had a population of about 88 million.", base, on, "quantity") == [L.SUPPORTED]
    assert labels("In 2022 Iran had a population of about 80 million.", base, on, "quantity") == [L.PARTLY_SUPPORTED]
    assert labels("In 2022 Iran had a population of about 60 million.", base, on, "quantity") == [L.CONTRADICTED]
    # an exact figure gets the tighter 2% band: 86 million is 2.9% off
    assert labels("In 2022 Iran had a population of 86.0 million.", base, on, "quantity") == [L.PARTLY_SUPPORTED]
    assert labels("In 2022 Iran had a population of more than 80 million.", base, on, "quantity") == [L.SUPPORTED]
    assert labels("In 2022 Iran had a population of less than 80 million.", base, on, "quantity") == [L.CONTRADICTED]


def test_share_against_a_range_of_estimates(base: ReferenceBase) -> None:
    on = date(2024, 1, 1)
    assert labels("In Iran, 20% of the people are Azeris.", base, on, "quantity") == [L.SUPPORTED]
    assert labels("In Iran, 40% of the people are Azeris.", base, on, "quantity") == [L.CONTRADICTED]
    assert labels("Azerbaijan's 2009 census: 91.6% Azerbaijanis.", base, on, "quantity") == [L.SUPPORTED]


def test_group_size_partly_supported_when_ranges_only_overlap(base: ReferenceBase) -> None:
    text = "Roughly 88 million people live in Iran; Azeris make up 16% of them, some 13 to 17 million in all."
    found = verdicts(text, base, date(2025, 1, 1), "quantity")
    sizes = [v.label for c, v in found if c.predicate == "group_size"]  # type: ignore[attr-defined]
    assert sizes == [L.PARTLY_SUPPORTED]


def test_judge_range_bounds() -> None:
    assert _judge_range(100, 100, 104, 104, "about", 0.05, relative=True) == L.SUPPORTED
    assert _judge_range(100, 100, 108, 108, "about", 0.05, relative=True) == L.PARTLY_SUPPORTED
    assert _judge_range(100, 100, 120, 120, "about", 0.05, relative=True) == L.CONTRADICTED
    assert _judge_range(10, 20, 30, 40, "", 1.0, relative=False) == L.CONTRADICTED
    assert _judge_range(10, 20, 15, 25, "", 0.0, relative=False) == L.PARTLY_SUPPORTED


def test_quantity_unverifiable_without_reference(base: ReferenceBase) -> None:
    assert labels("In Iran, 3% of the people are Lezgins.", base, date(2024, 1, 1), "quantity") == [L.UNVERIFIABLE]


# ------------------------------------------------------------------ attributes


def test_religion_verdicts(base: ReferenceBase) -> None:
    on = date(2024, 1, 1)
    assert labels("Iran is a Shia-majority country.", base, on, "attribute") == [L.SUPPORTED]
    assert labels("Armenia is a predominantly Muslim country.", base, on, "attribute") == [L.CONTRADICTED]
    assert labels("Lebanon is a Muslim-majority country.", base, on, "attribute") == [L.PARTLY_SUPPORTED]


def test_birthplace_and_ethnicity(base: ReferenceBase) -> None:
    on = date(2024, 1, 1)
    assert labels("Ilham Aliyev was born in Baku.", base, on, "attribute") == [L.SUPPORTED]
    assert labels("Ilham Aliyev was born in Ganja.", base, on, "attribute") == [L.CONTRADICTED]
    found = verdicts("Supreme Leader Khamenei, whose father was an ethnic Azeri, spoke.", base, on, "attribute")
    assert [v.label for _, v in found] == [L.PARTLY_SUPPORTED]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ memberships


def test_membership_verdicts(base: ReferenceBase) -> None:
    on = date(2025, 1, 1)
    assert labels("Turkey is a member of NATO.", base, on, "membership") == [L.SUPPORTED]
    assert labels("Azerbaijan is a member of NATO.", base, on, "membership") == [L.CONTRADICTED]
    assert labels("Azerbaijan is a member of the CSTO.", base, on, "membership") == [L.OUTDATED]
    assert labels("Iran joined the SCO in 2019.", base, on, "membership") == [L.CONTRADICTED]
    assert labels("Iran joined the SCO in 2023.", base, on, "membership") == [L.SUPPORTED]
    assert labels("Azerbaijan is a member of the WTO.", base, on, "membership") == [L.CONTRADICTED]
    assert labels("Azerbaijan is a member of the OIC.", base, on, "membership") == []  # not an organisation we list


def test_alliance_verdicts(base: ReferenceBase) -> None:
    on = date(2024, 1, 1)
    assert labels("Turkey's alliance with Azerbaijan is formal.", base, on, "membership") == [L.SUPPORTED]
    assert labels("Azerbaijan's alliance with Israel is formal.", base, on, "membership") == [L.UNVERIFIABLE]


# ------------------------------------------------------------------ superlatives and opinion


def test_superlative_verdicts(base: ReferenceBase) -> None:
    on = date(2024, 1, 1)
    text = "Turkey was the first country to recognise Azerbaijan's independence."
    assert labels(text, base, on, "superlative") == [L.SUPPORTED]
    text = "Russia was the first country to recognise Azerbaijan's independence."
    assert labels(text, base, on, "superlative") == [L.CONTRADICTED]
    assert labels("Trade between them hit an all-time high.", base, on, "superlative") == [L.UNVERIFIABLE]


def test_not_checkable(base: ReferenceBase) -> None:
    found = verdicts("Tehran could deepen its ties with Moscow next year.", base, date(2024, 1, 1))
    assert [v.label for _, v in found] == [L.NOT_CHECKABLE]  # type: ignore[attr-defined]


def test_unknown_claim_kind_is_unverifiable(base: ReferenceBase) -> None:
    claim = Claim("c", "d", "rumour", "", "", None, Span("d", 0, 0, 1, "x"))
    assert check_claim(claim, base, date(2024, 1, 1)).label == L.UNVERIFIABLE


def test_membership_until_a_year_is_about_its_end(base: ReferenceBase) -> None:
    on = date(2025, 9, 1)
    assert labels("Qatar was a member of OPEC until 2019.", base, on, "membership") == [L.SUPPORTED]
    assert labels("Qatar was a member of OPEC until 2010.", base, on, "membership") == [L.CONTRADICTED]


def test_named_agreement_is_matched_by_its_name(base: ReferenceBase) -> None:
    on = date(2025, 1, 1)
    assert labels("The Abraham Accords were signed in 2020.", base, on, "event") == [L.SUPPORTED]
    assert labels("The Abraham Accords were signed in 2018.", base, on, "event") == [L.CONTRADICTED]
    assert labels("Moscow and Minsk signed a trade deal in 2018.", base, on, "event") == [L.UNVERIFIABLE]


def test_loose_event_match_never_contradicts_a_detail(base: ReferenceBase) -> None:
    on = date(2024, 12, 1)
    found = verdicts("A small plane crashed in Iran in May 2024.", base, on, "event_detail")
    assert [v.label for c, v in found if c.predicate == "aircraft"] == [L.UNVERIFIABLE]  # type: ignore[attr-defined]
    text = "An Azerbaijan Airlines passenger jet crashed in December 2024."
    assert labels(text, base, date(2025, 1, 1), "event_detail") == [L.SUPPORTED]


def test_negated_membership(base: ReferenceBase) -> None:
    on = date(2025, 1, 1)
    text = "Neither Armenia nor Azerbaijan belongs to the European Union."
    assert labels(text, base, on, "membership") == [L.SUPPORTED, L.SUPPORTED]
    assert labels("Turkey is not a member of NATO.", base, on, "membership") == [L.CONTRADICTED]


def test_birthplace_is_compared_by_whole_place_names_not_substrings(base: ReferenceBase) -> None:
    """'Iran' is not in 'Tirana' and 'Azerbaijan' is not 'East Azerbaijan province' (review M12)."""
    from faultlines.check.verify import born_in

    assert born_in("Iran", "Mashhad, Iran", base)
    assert born_in("Mashhad", "Mashhad, Iran", base)
    assert not born_in("Iran", "Tirana, Albania", base)
    assert not born_in("Oman", "Constanța, Romania", base)
    assert not born_in("Azerbaijan", "Tabriz, East Azerbaijan province, Iran", base)
    assert born_in("East Azerbaijan", "Tabriz, East Azerbaijan province, Iran", base)
    assert born_in("Azerbaijan", "Baku, Azerbaijan SSR", base)
    assert born_in("Georgia", "Tbilisi, Georgian SSR", base)
    assert born_in("Turkey", "Istanbul, Türkiye", base)
    assert born_in("Belarus", "Ruzhany, Russian Empire (now Belarus)", base)
    assert born_in("Israel", "Jerusalem", base)  # a record naming no state: its capital decides
    assert not born_in("Tehran", "Isfahan, Iran", base)  # a city is never widened to its state
    on = date(2024, 1, 1)
    assert labels("Ali Khamenei was born in Iran.", base, on, "attribute") == [L.SUPPORTED]
    assert labels("Ali Khamenei was born in Oman.", base, on, "attribute") == [L.CONTRADICTED]


def test_population_of_the_far_future_is_not_judged_as_fact(base: ReferenceBase) -> None:
    """A 2099 figure is a projection: never supported by the latest reference row (review M11)."""
    on = date(2025, 6, 1)
    assert labels("Iran's population grew to 90 million in 2099.", base, on, "quantity") == [L.UNVERIFIABLE]
    ((_, verdict),) = verdicts("Iran's population grew to 90 million in 2099.", base, date(2100, 1, 1), "quantity")
    assert verdict.label == L.UNVERIFIABLE and "latest reference figure" in verdict.explanation  # type: ignore[attr-defined]
    assert labels("In 2022 Iran had a population of about 88 million.", base, on, "quantity") == [L.SUPPORTED]


def test_open_terms_judged_long_after_verification_carry_a_warning(base: ReferenceBase) -> None:
    """Past VERIFIED_AS_OF + ~6 months an open term may have ended: the explanation says so (L16)."""
    from datetime import timedelta

    from faultlines.gazetteer import VERIFIED_AS_OF

    text = "Ilham Aliyev, Azerbaijan's president, spoke in Baku."
    ((_, soon),) = verdicts(text, base, VERIFIED_AS_OF + timedelta(days=30), "office")
    ((_, late),) = verdicts(text, base, VERIFIED_AS_OF + timedelta(days=400), "office")
    assert soon.label == late.label == L.SUPPORTED  # type: ignore[attr-defined]
    assert "warning" not in soon.explanation  # type: ignore[attr-defined]
    assert "warning" in late.explanation and "may have ended" in late.explanation  # type: ignore[attr-defined]
    ((_, since),) = verdicts(
        "Ilham Aliyev has ruled Azerbaijan since 2003.", base, VERIFIED_AS_OF + timedelta(days=400), "office"
    )
    assert since.label == L.SUPPORTED and "may have ended" in since.explanation  # type: ignore[attr-defined]


def test_armenian_independence_has_referendum_and_declaration_stages(base: ReferenceBase) -> None:
    """The Supreme Council declared independence on 23 September 1991, two days after the referendum
    (21 September, Independence Day): both statements are true, a third date is not."""
    on = date(2024, 1, 1)
    assert labels("Armenia declared independence on 23 September 1991.", base, on, "event") == [L.SUPPORTED]
    assert labels("Armenia declared independence on 21 September 1991.", base, on, "event") == [L.SUPPORTED]
    assert labels("Armenia declared independence on 1 October 1991.", base, on, "event") == [L.CONTRADICTED]


def test_oslo_accord_parties_are_israel_and_palestine(base: ReferenceBase) -> None:
    (oslo,) = [e for e in base.events if e.id == "oslo-1-1993"]
    assert {"ISR", "PSE"} <= set(oslo.participants)


def test_a_term_added_after_verified_as_of_is_dated_from_its_own_start(base: ReferenceBase) -> None:
    """A successor recorded after VERIFIED_AS_OF is not said to be 'in office when the base was last
    verified' (they took office later); the warning counts from their start."""
    ((_, verdict),) = verdicts("Prime Minister Sébastien Lecornu met Aliyev.", base, date(2025, 10, 1), "office")
    assert verdict.label == L.SUPPORTED  # type: ignore[attr-defined]
    assert "took office on 9 September 2025" in verdict.explanation  # type: ignore[attr-defined]
    assert "warning" not in verdict.explanation  # type: ignore[attr-defined]
    ((_, late),) = verdicts("Prime Minister Sébastien Lecornu met Aliyev.", base, date(2026, 11, 1), "office")
    assert "may have ended" in late.explanation  # type: ignore[attr-defined]


def test_bounds_follow_the_readers_hedges(base: ReferenceBase) -> None:
    on = date(2022, 12, 31)
    assert labels("In 2022 Iran had a population of upwards of 80 million.", base, on, "quantity") == [L.SUPPORTED]
    assert labels("In 2022 Iran had a population of in excess of 95 million.", base, on, "quantity") == [
        L.CONTRADICTED
    ]
    # "nearly 80 million" says at most 80 million: 88.6 million contradicts it
    assert labels("In 2022 Iran had a population of nearly 80 million.", base, on, "quantity") == [L.CONTRADICTED]
    assert labels("In 2022 Iran had a population of nearly 90 million.", base, on, "quantity") == [L.SUPPORTED]
