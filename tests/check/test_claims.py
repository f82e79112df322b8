"""Claim extraction: one test per claim kind, spans that point at the text, opinion marked not checkable."""

from __future__ import annotations

from tests.check.conftest import claims_of, model

from faultlines.check import ReferenceBase, classify_sentence, extract_claims


def _span_ok(text: str, claims: list) -> bool:
    return all(text[c.span.start : c.span.end] == c.span.text and c.span.text for c in claims)


def test_office_claim_before_and_after_the_name(base: ReferenceBase) -> None:
    text = "Benjamin Netanyahu, Israel's prime minister, met Ilham Aliyev, the President of Azerbaijan, in 2016."
    offices = claims_of(text, base, "office")
    values = {(c.details["person"], c.value["office"], c.value["state"]) for c in offices}
    assert ("Benjamin Netanyahu", "Prime Minister", "ISR") in values
    assert ("Ilham Aliyev", "President", "AZE") in values
    assert all(c.when is not None and c.when.text == "2016" for c in offices)
    assert _span_ok(text, offices)


def test_office_claim_records_tense_and_former(base: ReferenceBase) -> None:
    (now,) = claims_of("President Hassan Rouhani is visiting Baku.", base, "office")
    assert now.details["tense"] == "present" and not now.details["former"]
    (was,) = claims_of("Former President Hassan Rouhani spoke in Baku.", base, "office")
    assert was.details["former"]


def test_in_office_since_claim(base: ReferenceBase) -> None:
    (claim,) = claims_of("Ilham Aliyev has ruled Azerbaijan since 2003.", base, "office")
    assert claim.predicate == "in_office_since" and claim.value["state"] == "AZE"
    assert claim.when is not None and claim.when.start is not None and claim.when.start.year == 2003


def test_dated_event_claims(base: ReferenceBase) -> None:
    text = "The helicopter crashed on 19 May 2024. Netanyahu flew to Baku in 2016."
    events = claims_of(text, base, "event")
    kinds = {c.subject: c for c in events}
    assert kinds["crash"].when is not None and kinds["crash"].when.text == "19 May 2024"
    assert kinds["visit"].details["host"] == "AZE" and "Benjamin Netanyahu" in kinds["visit"].details["people_names"]
    assert _span_ok(text, events)


def test_a_year_attached_to_another_clause_is_not_the_event_date(base: ReferenceBase) -> None:
    text = "Georgia left the CIS in 2009, a year after its war with Russia over South Ossetia."
    assert [c for c in claims_of(text, base, "event") if c.subject == "war"] == []


def test_event_detail_claims(base: ReferenceBase) -> None:
    details = claims_of("The plane carrying the minister crashed in Azerbaijan in 2024.", base, "event_detail")
    assert {(c.predicate, c.value) for c in details} == {("aircraft", "plane"), ("place", "AZE")}


def test_quantity_claims_population_share_and_group_size(base: ReferenceBase) -> None:
    text = "Roughly 85 million people live in Iran; Azeris make up 16% of them, some 13 to 17 million in all."
    found = claims_of(text, base, "quantity")
    by = {c.predicate: c for c in found}
    assert by["population"].subject == "IRN" and by["population"].value == {"low": 85e6, "high": 85e6}
    assert by["population"].details["hedge"] == "roughly"
    assert by["share"].details["group"] == "Azerbaijanis" and by["share"].value == {"low": 16, "high": 16}
    assert by["group_size"].value == {"low": 13e6, "high": 17e6}
    assert _span_ok(text, found)


def test_attribute_claims_ethnicity_birthplace_religion(base: ReferenceBase) -> None:
    ethnic = claims_of("Supreme Leader Khamenei, whose father was an ethnic Azeri, spoke.", base, "attribute")
    assert [(c.predicate, c.value) for c in ethnic] == [("ethnicity", "Azerbaijanis")]
    born = claims_of("Ilham Aliyev was born in Baku.", base, "attribute")
    assert [(c.predicate, c.value) for c in born] == [("birthplace", "Baku")]
    religion = claims_of("Iran and Iraq are both Shia-majority countries.", base, "attribute")
    assert {(c.subject, c.value) for c in religion} == {("IRN", "Shia"), ("IRQ", "Shia")}


def test_religion_needs_the_state_as_its_subject(base: ReferenceBase) -> None:
    text = "Officials in Jerusalem called it proof that a Shia-majority country can be a partner."
    assert claims_of(text, base, "attribute") == []


def test_membership_and_alliance_claims(base: ReferenceBase) -> None:
    found = claims_of(
        "Iran became a full member of the SCO in July 2023 and joined BRICS at the start of 2024. "
        "Georgia left the CIS in 2009. Turkey's alliance with Azerbaijan is old.",
        base,
        "membership",
    )
    got = {(c.subject, c.predicate, c.value, c.when.text if c.when else "") for c in found}
    assert ("IRN", "joined", "SCO", "July 2023") in got
    assert ("IRN", "joined", "BRICS", "the start of 2024") in got
    assert ("GEO", "left", "CIS", "2009") in got
    assert ("TUR", "alliance", "AZE", "") in got


def test_aspiration_is_not_checkable(base: ReferenceBase) -> None:
    (claim,) = claims_of("Georgia hopes to join NATO.", base, "membership")
    assert not claim.checkable


def test_superlative_claim(base: ReferenceBase) -> None:
    (claim,) = claims_of("Turkey was the first country to recognise Azerbaijan's independence.", base, "superlative")
    assert claim.subject == "TUR" and claim.predicate == "first" and "recognise" in claim.details["phrase"]


def test_opinion_prediction_and_question_are_not_checkable(base: ReferenceBase) -> None:
    assert classify_sentence("How will Iran respond?") == "question"
    assert classify_sentence("Tehran could deepen its ties with Moscow next year.") == "prediction"
    assert classify_sentence("Analysts believe that Baku helped.") == "opinion"
    assert classify_sentence("Azerbaijan joined the OTS in 2009.") == "fact"
    text = "How will Tehran answer? Tehran might court Moscow more closely. This is like a betrayal."
    found = extract_claims(model(text), base)
    assert [c.kind for c in found] == ["opinion"] * 3
    assert not any(c.checkable for c in found)
    assert [c.predicate for c in found] == ["question", "prediction", "opinion"]


def test_plain_narration_gives_no_claim(base: ReferenceBase) -> None:
    assert extract_claims(model("The talks went on late into the night."), base) == []


def test_reader_mentions_add_people_the_name_index_misses(base: ReferenceBase) -> None:
    from faultlines.model import Mention, Span

    text = "The Azerbaijani leader was born in Baku."
    doc_model = model(text)
    assert [c for c in extract_claims(doc_model, base) if c.kind == "attribute"] == []
    doc_model.mentions.append(Mention("fl:person:ilham-aliyev", Span("t", 0, 0, 22, text[:22]), rule="coref"))
    (claim,) = [c for c in extract_claims(doc_model, base) if c.kind == "attribute"]
    assert (claim.subject, claim.predicate, claim.value) == ("fl:person:ilham-aliyev", "birthplace", "Baku")


def test_title_and_name_separated_by_a_comma(base: ReferenceBase) -> None:
    (claim,) = claims_of("Azerbaijan's president, Ilham Aliyev, opened the dam.", base, "office")
    assert (claim.details["person"], claim.value["office"], claim.value["state"]) == (
        "Ilham Aliyev",
        "President",
        "AZE",
    )


def test_objects_of_prepositions_and_relative_clauses(base: ReferenceBase) -> None:
    text = "Finland, which shares a long border with Russia, joined NATO in 2023."
    found = claims_of(text, base, "membership")
    assert [(c.subject, c.predicate, c.value) for c in found] == [("FIN", "joined", "NATO")]


def test_office_time_comes_from_its_own_clause(base: ReferenceBase) -> None:
    text = "Georgia's prime minister Irakli Kobakhidze spoke, even though Georgia became a candidate in December 2023."
    (claim,) = claims_of(text, base, "office")
    assert claim.when is None


def test_named_agreements_and_invasions(base: ReferenceBase) -> None:
    events = claims_of("The Abraham Accords of 2020 were followed by other deals.", base, "event")
    assert [c.details["context"] for c in events] == [["abraham"]]
    (war,) = claims_of("Russia launched its invasion of Ukraine on 24 February 2022.", base, "event")
    assert war.subject == "war" and set(war.details["states"]) == {"RUS", "UKR"}


def test_aspiration_applies_to_its_own_organisation(base: ReferenceBase) -> None:
    found = claims_of("Georgia, once in the CIS, hopes to join the European Union.", base, "membership")
    by_org = {c.value: c.checkable for c in found}
    assert by_org == {"CIS": True, "EU": False}


def test_attack_claims_carry_their_place(base: ReferenceBase) -> None:
    (claim,) = claims_of("Bombings in Kerman killed dozens in January 2024.", base, "event")
    assert claim.subject == "attack" and claim.details["places"] == ["Kerman"]


def test_time_of_what_came_after_is_not_the_war_date(base: ReferenceBase) -> None:
    text = "They agreed a ceasefire in November 2024 after two months of open war in Lebanon."
    assert [c.subject for c in claims_of(text, base, "event")] == ["ceasefire"]


def test_states_beyond_the_region_come_from_the_gazetteer_atlas(base: ReferenceBase) -> None:
    """check reads every state the gazetteer knows, not a hard-coded regional list (review M14)."""
    from faultlines.gazetteer import state_names

    subjects = {
        c.subject
        for c in extract_claims(
            model("Japan joined NATO in 2004. Brazil has a population of about 216 million. Nigerian officials spoke."),
            base,
        )
    }
    assert {"JPN", "BRA"} <= subjects
    forms = base.lex.state_forms
    atlas = state_names()
    assert {code for code, _ in forms.values()} >= {c for c in atlas if len(c) == 3 and c.isalpha()} - {"COD", "COG"}
    assert forms["Japan"] == ("JPN", "name") and forms["Nigerian"] == ("NGA", "demonym")
    assert forms["Tokyo"] == ("JPN", "capital") and forms["French"] == ("FRA", "demonym")


def test_a_state_name_that_is_a_given_name_before_a_surname_is_a_person(base: ReferenceBase) -> None:
    hits = base.lex.states("Chad Smith and Jordan Bardella said Chad and Jordan met in the Jordan Valley.")
    assert [h.text for h in hits] == ["Chad", "Jordan", "Jordan"]


def test_quantities_and_hedges_come_from_the_reader(base: ReferenceBase) -> None:
    """One extractor and one hedge vocabulary (review M13): each quantity claim is a number
    ``faultlines.read.find_quantities`` finds, with its hedge, and a side the reader leaves open."""
    from faultlines.read import find_quantities

    text = (
        "Upwards of 85 million people live in Iran. Nearly 90 million people live in Iran. "
        "In excess of 10 million Azeris live in Iran. Millions of Kurds live in Turkey."
    )
    found = claims_of(text, base, "quantity")
    read = {(q.start, q.hedge) for q in find_quantities(text)}
    assert found and all((c.span.start, c.details["hedge"]) in read for c in found)
    by_hedge = {c.details["hedge"]: c for c in found}
    assert by_hedge["upwards of"].details["bound"] == "lower"  # unknown to check's old word list
    assert by_hedge["in excess of"].details["bound"] == "lower"
    assert by_hedge["nearly"].details["bound"] == "upper"  # the reader's reading: at most
    assert by_hedge["vague"].details["bound"] == "lower" and by_hedge["vague"].subject == "TUR"
