"""The reference base: sourced entries, counts, population from great-tables, line-precise errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.check import ReferenceBase, load_reference
from faultlines.check.reference import load_composition, load_events, load_memberships
from faultlines.errors import FaultlinesError


def test_base_has_at_least_300_curated_sourced_entries(base: ReferenceBase) -> None:
    counts = base.counts()
    assert counts["curated"] >= 300
    assert counts["curated"] == counts["events"] + counts["memberships"] + counts["composition"] + counts["firsts"]
    entries = [*base.events, *base.memberships, *base.composition, *base.firsts]
    unsourced = [getattr(e, "origin", e) for e in entries if not e.source.strip()]
    assert unsourced == []


def test_every_population_row_and_office_term_names_a_source(base: ReferenceBase) -> None:
    rows = [row for years in base.population.values() for row in years.values()]
    assert len(rows) > 10_000  # the World Bank series, not figures typed by hand
    assert all(row.source for row in rows)
    assert all(term.source for person in base.people for term in person.offices)


def test_population_comes_from_the_world_bank_series(base: ReferenceBase) -> None:
    row, note = base.population_of("IRN", 2030)
    assert row is not None and row.year == max(base.population["IRN"])
    assert 80e6 < row.value < 100e6
    assert "World Bank" in row.source and note
    azerbaijan, _ = base.population_of("AZE", 2009)
    assert azerbaijan is not None and azerbaijan.year == 2009 and 8.5e6 < azerbaijan.value < 9.5e6


def test_required_events_are_present(base: ReferenceBase) -> None:
    by_id = {e.id: e for e in base.events}
    crash = by_id["crash-raisi-2024"]
    assert crash.start.text == "2024-05-19" and crash.details["aircraft"] == "helicopter"
    assert by_id["visit-netanyahu-baku-2016"].start.earliest.year == 2016
    assert by_id["embassy-aze-tehran-2023"].start.text == "2023-01-27"
    strikes = [e for e in base.events if e.kind == "strike" and {"IRN", "ISR"} <= set(e.participants)]
    assert {(e.first_day.year, e.first_day.month) for e in strikes} >= {(2024, 4), (2024, 10)}


def test_iran_azeri_share_is_a_sourced_range(base: ReferenceBase) -> None:
    (entry,) = base.composition_of("IRN", "ethnic", "Azerbaijanis")
    assert (entry.low, entry.high) == (16, 24)
    assert "Factbook" in entry.source


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_event_without_source_fails_with_file_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "events.yaml",
        "- {id: a, kind: visit, title: A, date: 2020-01-01, source: S}\n\n"
        "- id: b\n  kind: visit\n  title: B\n  date: 2021-02-03\n",
    )
    with pytest.raises(FaultlinesError) as err:
        load_events(path)
    assert err.value.code.name == "E030"
    assert str(path) in err.value.message and "line 3" in err.value.message and "'source'" in err.value.message


def test_bad_date_and_bad_state_name_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "events.yaml", "- {id: a, kind: visit, title: A, date: 2020-13-01, source: S}\n")
    with pytest.raises(FaultlinesError, match=r"line 1, field 'date'"):
        load_events(path)
    path = _write(
        tmp_path, "events.yaml", "- {id: a, kind: visit, title: A, date: 2020, source: S,\n   participants: [Iran]}\n"
    )
    with pytest.raises(FaultlinesError, match=r"field 'participants'.*ISO"):
        load_events(path)


def test_unknown_field_and_duplicate_id_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "events.yaml", "- {id: a, kind: visit, title: A, date: 2020, source: S, sorce: T}\n")
    with pytest.raises(FaultlinesError, match="field 'sorce'"):
        load_events(path)
    path = _write(
        tmp_path,
        "events.yaml",
        "- {id: a, kind: visit, title: A, date: 2020, source: S}\n"
        "- {id: a, kind: visit, title: B, date: 2021, source: S}\n",
    )
    with pytest.raises(FaultlinesError, match=r"line 2, field 'id'"):
        load_events(path)


def test_malformed_csv_row_names_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "memberships.csv",
        "organisation,state,role,joined,left,source,note\nNATO,TUR,member,1952-02-18,,NATO,\nNATO,ARM,member,soon,,NATO,\n",
    )
    with pytest.raises(FaultlinesError, match=r"line 3, field 'joined'"):
        load_memberships(path)
    path = _write(
        tmp_path, "memberships.csv", "organisation,state,role,joined,left,source,note\nNATO,TUR,member,1952,,,\n"
    )
    with pytest.raises(FaultlinesError, match=r"line 2, field 'source'"):
        load_memberships(path)


def test_composition_needs_a_share_or_a_range(tmp_path: Path) -> None:
    path = _write(tmp_path, "composition.yaml", "- {state: IRN, kind: ethnic, group: Kurds, year: 2020, source: S}\n")
    with pytest.raises(FaultlinesError, match="field 'share'"):
        load_composition(path)


def test_user_reference_directory_adds_entries(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "events_local.yaml",
        "- {id: local-visit, kind: visit, title: Local visit, date: 2025-03-04,\n"
        "   participants: [AZE, GEO], source: Our notes}\n",
    )
    _write(
        tmp_path,
        "population_local.csv",
        "state,year,population,source\nAZE,2025,10300000,State Statistical Committee\n",
    )
    shipped = load_reference()
    extended = load_reference(tmp_path)
    assert len(extended.events) == len(shipped.events) + 1
    row, _ = extended.population_of("AZE", 2025)
    assert row is not None and row.value == 10_300_000 and row.source == "State Statistical Committee"
    assert shipped.population_of("AZE", 2025)[0].value != 10_300_000  # the shipped base is untouched


def test_malformed_user_file_fails_rather_than_dropping_entries(tmp_path: Path) -> None:
    _write(tmp_path, "firsts_mine.yaml", "- {id: x, category: first, subject: TUR, statement: S, source: S}\n")
    with pytest.raises(FaultlinesError, match="field 'keywords'"):
        load_reference(tmp_path)


def test_missing_reference_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FaultlinesError, match="E031"):
        load_reference(tmp_path / "nope")


def test_user_people_in_the_gazetteer_format_are_checked(tmp_path: Path) -> None:
    from datetime import date

    from faultlines.check import check_claim, extract_claims
    from faultlines.model import Document, DocumentModel, VerdictLabel

    _write(
        tmp_path,
        "people_mine.yaml",
        "- name: Zorbal Quintafax\n  state: GEO\n  source: Our archive\n"
        "  offices:\n"
        "    - {office: Mayor of Batumi, state: GEO, start: 2019-01-01, end: 2022-12-31, source: Our archive}\n"
        "    - {office: President, state: GEO, start: 2030-01-01, end: null, source: Our archive}\n",
    )
    base = load_reference(tmp_path)
    text = "President Zorbal Quintafax is visiting Baku."
    (claim,) = [
        c for c in extract_claims(DocumentModel(document=Document(id="u", text=text)), base) if c.kind == "office"
    ]
    assert check_claim(claim, base, date(2031, 1, 1)).label == VerdictLabel.SUPPORTED
    assert check_claim(claim, base, date(2025, 1, 1)).label == VerdictLabel.CONTRADICTED


def test_compiled_lexicon_lives_on_the_reference_base() -> None:
    """No id()-keyed module cache (review L11): each base compiles its own lexicon data once, and bases
    loaded from the shipped data share the shipped compilation."""
    import faultlines.check.lexicon as lexicon_module

    shipped = load_reference()
    assert shipped.lex is load_reference().lex
    for _ in range(3):  # fresh dicts, possibly at a reused address, must never see a stale lexicon
        custom = ReferenceBase(lexicon={"states": {"JPN": {"names": ["Zembla"], "demonyms": [], "capitals": []}}})
        assert [h.key for h in custom.lex.states("Zembla and Iran met.")] == ["JPN", "IRN"]
        assert custom.lex is custom.lex
        del custom
    assert not [k for k, v in vars(lexicon_module).items() if isinstance(v, dict) and not k.startswith("__")]
