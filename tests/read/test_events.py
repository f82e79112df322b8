"""Event-coding rules, one sentence each (our own sentences, none from any gold set)."""

from __future__ import annotations

import pytest

from faultlines.model import DocumentModel, Event
from faultlines.read.formats import RawDocument
from faultlines.read.pipeline import read_documents

SENTENCES = {
    "reported": "Greece has said it will support Italy in the talks, officials said.",
    "rumoured": "Analysts believe Greece will support Italy.",
    "main_first": "Hungary said it will back a resolution that aims to impose a blockade against Serbia.",
    "demand_that": "Brazil demanded that Argentina end the blockade.",
    "reported_demand": "Peru said Chile must release the prisoners.",
    "negated": "Kenya will not accept more refugees from Somalia.",
    "offer": "Egypt offered aid to Sudan.",
    "offer_to": "Libya offered to hand over the suspects to Italy.",
    "unless": "Nigeria announced that it will withdraw its troops from Chad unless Ghana holds elections.",
    "if_promise": "Norway is willing to send aid to Denmark if it is attacked.",
    "may_if": "Spain may halt its mediation among the Balkan states if cooperation founders.",
    "threat_target": "Chile threatened to cut off trade if Bolivia closes the port.",
    "location": "Jordan refused to meet the Iraqi foreign minister in Tel Aviv.",
    "group_in": "Rebels in Chad attacked a convoy.",
    "asylum": "Peru granted asylum to five Panamanian officers.",
    "sought": "Thousands of Syrians sought asylum in Austria.",
    "frame_noun": "Qatar launched a mediation effort between Bahrain and Oman.",
    "measure": "French and Egyptian warships launched ten days of war games.",
    "launch_plan": "Mexico launched a new tourism campaign.",
    "launch_rockets": "Militants launched rockets at Israel.",
    "welcome": "The Danish government welcomed the decision of the Swedish court.",
    "welcome_visit": "The Danish prime minister welcomed the Swedish king.",
    "called_off": "Chilean truckers called off their protests against the Chilean government.",
    "igo": "The European Community demanded that Iraq release the hostages.",
    "short_form": "The Security Council condemned Libya.",
    "pronoun": "The Fijian rebels said they will release the Chilean hostages.",
    "block_roads": "Angry Chilean farmers blocked roads near Santiago.",
    "general_strike": "Opposition parties in Peru organized a general strike.",
    "reduce_aid": "The United Nations reduced food supplies to Ecuador.",
    "indict": "Peru indicted the former Chilean minister.",
    "attributed": "The Dutch prime minister will visit Kenya in June, the Kenyan embassy said.",
    "backshift": "Bolivian leaders said they would boycott all official contact with Chile.",
    "refused_future": "Ecuador said it would not provide support to Peru.",
    "decision": "The United States announced it would prohibit all aid to Cuba.",
    "open_fire": "Chilean police opened fire on Peruvian protesters.",
    "open_inquiry": "A Chilean judge opened an investigation against Peruvian officials.",
    "accede": "The Mozambique government accepted demands from Malawi.",
    "order": "An Argentine judge ordered the Chilean consul to appear in court.",
    "patient_of": "Spain tightened the blockade of Morocco.",
    "welcome_noun": "The French president gave a warm welcome to the Chilean president.",
    "domestic": "Kenyan police arrested Kenyan opposition activists.",
    "title": "The Danish government today welcomed President Zorbanu's statement.",
    "no_comment": "The Chilean government declined to comment on the Peruvian report.",
    "no_answer": "Peru refused to respond to a demand from Chile.",
    "signed": "Chile and Peru signed a treaty of friendship.",
    "will_sign": "Chile will sign a trade agreement with Peru.",
    "apology": "Argentina apologized to Brazil for the incident.",
    "recall_envoy": "Chile withdrew its ambassador from Peru.",
    "withdraw_troops": "Chile withdrew its troops from Peru.",
    "claimed": "The US claimed that Iran had attacked Iraq.",
    "alleged": "A report by Chile alleged that Peru had helped the rebels.",
    "of_state": "King Zorbanu of Morocco said he would be ready to host a meeting with Spain.",
    "title_real": "Chilean Foreign Minister Zorbanu visited Peru.",
    "domestic_in": "Rebels in Chad attacked government troops.",
    "domestic_not_qualified": "Chilean officials said Peruvian refugees in Chile should return home.",
    "where_town": "Kenyan troops imposed a curfew in Kismayo.",
    "where_talks": "Chile and Peru held talks in Geneva.",
    "purpose": "Hundreds of Chilean farmers began a hunger strike to protest Peru's new tariffs.",
    "town_not_weapon": "Syrian tanks shelled targets in Jericho on Monday.",
    "nested_pp": "Chile threatened to break off relations with Peru over its ties with Bolivia.",
    "own_territory": "Chilean authorities imposed a curfew in Arica after a rally by dockers.",
    "shallowest": "Peru refused to send any assistance to the Chilean-led mission against Bolivia.",
    "noun_demand": "The Arab League reiterated its demand today that Chile ease restrictions on Peruvian workers.",
    "bolster": "Chile has strengthened its forces in Bolivia after the discovery of rockets.",
    "peacekeepers": "The first UN peacekeeping troops have arrived in Chile, officials said.",
    "on_alert": "Chilean troops remained on alert in Peru today.",
    "demolish": "Peruvian bulldozers demolished Chilean homes on Sunday.",
    "sue": "A Chilean businessman is suing Peru for damages.",
    "ceasefire_violated": "The Chilean army violated the ceasefire with Peru.",
    "renege": "President Zorbanu has reneged on his commitment to the Chilean people.",
    "minority_in": "Ethnic Hungarians in Romania demanded autonomy from the Romanian government.",
    "minority_demonym": "Syrian Kurds demonstrated in Qamishli on Friday.",
    "attitude": "Gunmen killed a prominent anti-Chile journalist in Lima.",
    "place_rebels": "The Chadian government has accused Darfur rebels of violating the truce.",
    "stative": "Chile is opposed to French mediation in its talks with Peru, an aide said.",
    "defiance": "Angry Chilean farmers blocked roads near Santiago in defiance of Peruvian authorities.",
    "on_alert_where": "Chilean troops remained on alert in Bolivia today.",
    "rebel_body": "The Zorbanu Liberation Front said it will boycott Chile's elections unless the president resigns.",
    "helper": "NATO said it would tighten the naval blockade of Libya in the Mediterranean with Egypt's help.",
    "declaration": "The Zorbanu Liberation Front issued a declaration demanding that the Chilean government act.",
    "demands_that": "The rebel group insisted on its demands that Peru's government grant the farmers more land.",
    "curfew_imposed_in": "President Zorbanu on Thursday shortened by one hour the nightly curfew imposed in Peru.",
    "government_of_region": "The government of Sindh province has ordered patrols by police after the riots.",
    "contribute": "Chile is ready to contribute 400 troops to a peacekeeping force in Haiti.",
    "launched_fire": "Chilean forces launched artillery, mortar and rocket fire against Peruvian guerrilla camps.",
    "up_to": "Chilean rebels have kidnapped up to 16 Peruvian civilian advisers from a market.",
    "ties": "Chile and Peru have upgraded their diplomatic ties to ambassadorial level.",
    "reminder": "The French president issued a stern reminder to Chile that it must cooperate with the inspectors.",
    "unattributed": "A roadside bombing near the town of Kismayo on Sunday killed two Kenyan soldiers.",
    "unattributed_passive": "Three Chilean soldiers were killed by a roadside bomb outside the Peruvian city of Tacna.",
    "appos": "Chile, a close Peruvian ally in the region, has refused to send troops to Bolivia.",
    "complain_over": "Chile complained to the United Nations on Tuesday over two Peruvian air raids.",
    "when_clause": "Two Peruvian bombers killed 23 people on Sunday when they blew themselves up in Arica.",
    "invasion_of_region": "Chile mounted its long-threatened invasion of Darfur.",
    "surrender_home": "Five hundred Chilean rebels surrendered last week in the town of Arica.",
    "town_ner": "A minefield explosion near the town of Kismayo killed two Kenyan soldiers.",
    "ethnic_where": "Up to 100 ethnic Hungarians demonstrated on Tuesday in Romania, local radio said.",
    "list_appos": "The US, Russia, and Switzerland met yesterday.",
    "abbreviation": "Chile Municipality Association (AKK) officials demanded support from the Chilean Senate.",
    "show_disapproval": "Demonstrators in Lima blocked a road to show their disapproval for Chile's policies.",
    "withdrawal_from": "Chile speeded up the withdrawal of its forces from Bolivia on Wednesday.",
    "refuge_in": "Some 8,000 Syrian Kurds sought refuge in Austria last month.",
    "show_support": "Chile showed support for Peru's bid.",
    "joint_war": "Turkish drones performed well in the Karabakh war of 1994.",
    "its_share": "Chile receives a large share of its gas from Bolivia.",
    "repression": "Chilean police opened fire to disperse fundamentalist demonstrators on Monday night.",
    "as_clause": "Peru's government said it is prepared to impose martial law as street battles raged in Lima.",
    "relcl_place": "Opposition parties in Nepal organized a general strike that shut down Kathmandu.",
    "despite_pressure": "Vice-President Zorbanu has declined to resign despite growing pressure by the Chilean Senate.",
    "opposition_leader": "The minister allowed opposition leader Zorbanu Telcu to hold a rally in Lima.",
    "office_only_state": "Judge Zorbanu Telcu halted the sale of Chile's copper mines on Monday.",
    "office_of_body": "Arab League Secretary-General Zorbanu Telcu urged Chile to recognise Peru's claim.",
}


@pytest.fixture(scope="module")
def models() -> dict[str, DocumentModel]:
    keys = list(SENTENCES)
    read = read_documents([RawDocument(text=SENTENCES[k]) for k in keys])
    return dict(zip(keys, read, strict=True))


def _codes(model: DocumentModel, ids: list[str]) -> set[str]:
    actors = {a.id: a for a in model.actors}
    out = set()
    for actor_id in ids:
        actor = actors[actor_id]
        out.add(actor.home_state or actor.sector or actor.id)
    return out


def _main(model: DocumentModel) -> Event:
    events = [e for e in model.events if not e.type.startswith("X-")]
    assert events, model.document.text
    return events[0]


def _check(model: DocumentModel, event_type: str, sources: set[str], targets: set[str] | None = None) -> Event:
    event = _main(model)
    assert event.type == event_type, (model.document.text, event)
    assert _codes(model, event.sources) == sources, event
    if targets is not None:
        assert _codes(model, event.targets) == targets, event
    return event


def test_own_reported_intent_is_a_promise(models: dict[str, DocumentModel]) -> None:
    event = _check(models["reported"], "AGREE", {"GRC"}, {"ITA"})
    assert not event.modality.speculative
    rumour = _check(models["rumoured"], "SUPPORT", {"GRC"}, {"ITA"})
    assert rumour.modality.speculative


def test_main_event_is_the_reported_clause(models: dict[str, DocumentModel]) -> None:
    # the support is the main event, not the blockade deep in the relative clause
    _check(models["main_first"], "AGREE", {"HUN"})


def test_demand_targets_the_subject_of_the_that_clause(models: dict[str, DocumentModel]) -> None:
    _check(models["demand_that"], "REQUEST", {"BRA"}, {"ARG"})
    _check(models["igo"], "REQUEST", {"IGO"}, {"IRQ"})


def test_said_must_is_a_demand(models: dict[str, DocumentModel]) -> None:
    event = _check(models["reported_demand"], "REQUEST", {"PER"}, {"CHL"})
    assert event.rule.startswith("reported-demand")


def test_negated_cooperation_is_a_rejection(models: dict[str, DocumentModel]) -> None:
    event = _check(models["negated"], "REJECT", {"KEN"}, {"SOM"})
    assert not event.modality.negated


def test_offers_are_promises(models: dict[str, DocumentModel]) -> None:
    _check(models["offer"], "AGREE", {"EGY"}, {"SDN"})
    _check(models["offer_to"], "AGREE", {"LBY"}, {"ITA"})


def test_unless_makes_a_threat_but_if_keeps_a_promise(models: dict[str, DocumentModel]) -> None:
    _check(models["unless"], "THREATEN", {"NGA"}, {"TCD"})
    _check(models["if_promise"], "AGREE", {"NOR"}, {"DNK"})
    _check(models["may_if"], "THREATEN", {"ESP"})


def test_threat_targets_the_subject_of_the_condition(models: dict[str, DocumentModel]) -> None:
    _check(models["threat_target"], "THREATEN", {"CHL"}, {"BOL"})


def test_place_after_a_named_actor_is_not_a_target(models: dict[str, DocumentModel]) -> None:
    _check(models["location"], "REJECT", {"JOR"}, {"IRQ"})


def test_group_known_by_place_takes_its_state(models: dict[str, DocumentModel]) -> None:
    _check(models["group_in"], "ASSAULT", {"TCD"})


def test_asylum_granted_is_aid_and_sought_is_a_request(models: dict[str, DocumentModel]) -> None:
    _check(models["asylum"], "AID", {"PER"}, {"PAN"})
    assert _main(models["sought"]).type == "REQUEST"


def test_frame_nouns_and_measures(models: dict[str, DocumentModel]) -> None:
    _check(models["frame_noun"], "CONSULT", {"QAT"}, {"BHR", "OMN"})
    _check(models["measure"], "COOPERATE", {"FRA", "EGY"})


def test_launch_is_an_attack_only_with_weapons(models: dict[str, DocumentModel]) -> None:
    assert not [e for e in models["launch_plan"].events if e.type == "ASSAULT"]
    _check(models["launch_rockets"], "ASSAULT", set(), {"ISR"})


def test_welcome_a_decision_is_support_a_person_a_visit(models: dict[str, DocumentModel]) -> None:
    _check(models["welcome"], "SUPPORT", {"DNK"})
    _check(models["welcome_visit"], "CONSULT", {"DNK"}, {"SWE"})


def test_calling_off_protests_concedes(models: dict[str, DocumentModel]) -> None:
    assert _main(models["called_off"]).type == "CONCEDE"


def test_short_form_of_the_security_council(models: dict[str, DocumentModel]) -> None:
    _check(models["short_form"], "ACCUSE", {"IGO"}, {"LBY"})


def test_pronoun_subject_of_reported_speech_is_the_speaker(models: dict[str, DocumentModel]) -> None:
    _check(models["pronoun"], "AGREE", {"FJI"}, {"CHL"})


def test_blocking_roads_is_a_protest_and_a_general_strike_is_not_an_attack(
    models: dict[str, DocumentModel],
) -> None:
    event = _check(models["block_roads"], "PROTEST", {"CHL"})
    assert event.mode == "obstruct"
    assert _check(models["general_strike"], "PROTEST", {"PER"}).mode == "strike"


def test_reducing_aid_is_a_sanction(models: dict[str, DocumentModel]) -> None:
    _check(models["reduce_aid"], "SANCTION", {"IGO"}, {"ECU"})


def test_an_indictment_is_an_accusation(models: dict[str, DocumentModel]) -> None:
    _check(models["indict"], "ACCUSE", {"PER"}, {"CHL"})


def test_neutral_attribution_does_not_block_a_stance(models: dict[str, DocumentModel]) -> None:
    _check(models["attributed"], "AGREE", {"NLD"}, {"KEN"})


def test_reported_would_is_future_and_makes_a_threat(models: dict[str, DocumentModel]) -> None:
    _check(models["backshift"], "THREATEN", {"BOL"}, {"CHL"})


def test_refusal_wins_over_promise(models: dict[str, DocumentModel]) -> None:
    _check(models["refused_future"], "REJECT", {"ECU"}, {"PER"})


def test_announced_sanction_is_the_sanction_not_a_threat(models: dict[str, DocumentModel]) -> None:
    _check(models["decision"], "SANCTION", {"USA"}, {"CUB"})


def test_condition_of_a_threat_is_not_a_threat(models: dict[str, DocumentModel]) -> None:
    closing = [e for e in models["threat_target"].events if e.trigger == "closes"]
    assert all(e.type != "THREATEN" for e in closing)


def test_idioms_and_light_verbs(models: dict[str, DocumentModel]) -> None:
    assert _check(models["open_fire"], "ASSAULT", {"CHL"}, {"PER"}).mode == "firearms"
    assert _check(models["open_inquiry"], "ACCUSE", {"CHL"}, {"PER"}).mode == "investigate"
    _check(models["accede"], "CONCEDE", {"MOZ"}, {"MWI"})
    _check(models["order"], "REQUEST", {"ARG"}, {"CHL"})
    _check(models["patient_of"], "COERCE", {"ESP"}, {"MAR"})
    _check(models["welcome_noun"], "CONSULT", {"FRA"}, {"CHL"})


def test_domestic_groups_are_actors_of_their_own(models: dict[str, DocumentModel]) -> None:
    model = models["domestic"]
    event = _check(model, "COERCE", {"KEN"}, {"KEN"})
    actors = {a.id: a for a in model.actors}
    assert actors[event.targets[0]].sector == "OPP" and actors[event.sources[0]].kind.value == "state"
    rebels = _main(models["domestic_in"])
    assert [a.sector for a in models["domestic_in"].actors if a.id in rebels.sources] == ["REB"]


def test_a_group_qualified_by_its_own_demonym_keeps_it(models: dict[str, DocumentModel]) -> None:
    codes = {(a.home_state, a.sector) for a in models["domestic_not_qualified"].actors}
    assert ("PER", "CVL") in codes and ("CHL", "CVL") not in codes


def test_only_title_words_give_a_person_the_state_before_the_name(models: dict[str, DocumentModel]) -> None:
    people = {a.name: a.home_state for a in models["title"].actors if a.kind.value == "person"}
    assert people and all(home != "DNK" for home in people.values())
    people = {a.name: a.home_state for a in models["title_real"].actors if a.kind.value == "person"}
    assert "CHL" in people.values()


def test_a_name_followed_by_of_and_a_state_belongs_to_it(models: dict[str, DocumentModel]) -> None:
    people = {a.name: a.home_state for a in models["of_state"].actors if a.kind.value == "person"}
    assert people == {"Zorbanu": "MAR"}
    _check(models["of_state"], "AGREE", {"MAR"})


def test_claiming_another_attacked_accuses_them(models: dict[str, DocumentModel]) -> None:
    _check(models["claimed"], "ACCUSE", {"USA"}, {"IRN"})
    assert any(e.type == "ASSAULT" for e in models["claimed"].events)


def test_an_allegation_targets_the_subject_of_what_is_alleged(models: dict[str, DocumentModel]) -> None:
    event = _main(models["alleged"])
    assert event.type == "ACCUSE" and _codes(models["alleged"], event.targets) == {"PER"}


def test_declining_to_comment_is_no_event(models: dict[str, DocumentModel]) -> None:
    assert not [e for e in models["no_comment"].events if e.type == "REJECT"]
    _check(models["no_answer"], "REJECT", {"PER"}, {"CHL"})


def test_apologizing_is_support_signing_agrees(models: dict[str, DocumentModel]) -> None:
    _check(models["signed"], "AGREE", {"CHL", "PER"})
    _check(models["apology"], "SUPPORT", {"ARG"}, {"BRA"})
    assert _main(models["will_sign"]).type == "AGREE"


def test_withdrawing_envoys_sanctions_withdrawing_troops_retreats(models: dict[str, DocumentModel]) -> None:
    _check(models["recall_envoy"], "SANCTION", {"CHL"}, {"PER"})
    _check(models["withdraw_troops"], "RETREAT", {"CHL"}, {"PER"})


def test_an_office_holder_takes_the_only_state_of_the_sentence() -> None:
    from faultlines.read import read_text

    model = read_text("President Zorg Blat lifted the night curfew imposed in Freedonia.")
    assert all(a.home_state == "" for a in model.actors if a.name == "Zorg Blat")  # Freedonia is no state
    model = read_text("President Zorg Blat shortened the night curfew imposed in Sudan.")
    assert [a.home_state for a in model.actors if a.name == "Zorg Blat"] == ["SDN"]
    model = read_text("President Zorg Blat visited Germany on Monday.")  # the state visited is the other party
    assert [a.home_state for a in model.actors if a.name == "Zorg Blat"] == [""]


def test_an_organisation_takes_the_state_in_its_title() -> None:
    from faultlines.read import read_text

    model = read_text("French National Assembly president Laurent Fabius held talks with leaders of Romania.")
    assert [a.home_state for a in model.actors if a.name == "National Assembly"] == ["FRA"]


def test_the_host_of_a_visit_is_where_the_visitor_arrives() -> None:
    from faultlines.read import read_text

    model = read_text("Iraqi President Saddam Hussein arrived in Amman on an unannounced visit.")
    names = {a.id: a.name for a in model.actors}
    visits = [e for e in model.events if e.type == "CONSULT" and e.targets]
    assert visits and names[visits[0].targets[0]] == "Jordan"


def test_buying_a_weapon_is_aid_from_its_maker() -> None:
    from faultlines.read import read_text

    for text in (
        "Azerbaijan purchased Harop loitering munitions in 2016.",
        "The Harop drones purchased by Azerbaijan performed well.",
    ):
        model = read_text(text)
        names = {a.id: a.name for a in model.actors}
        aid = [e for e in model.events if e.type == "AID"]
        assert aid and [names[a] for a in aid[0].sources] == ["Israel"], text
        assert [names[a] for a in aid[0].targets] == ["Azerbaijan"], text
    assert read_text("Germany bought new trucks for its postal service.").events == []


def test_a_curfew_in_a_town_touches_the_state_it_lies_in(models: dict[str, DocumentModel]) -> None:
    event = _check(models["where_town"], "COERCE", {"KEN"}, {"SOM"})  # Kismayo: a Somali town (GeoNames)
    assert event.rule.endswith("+where")


def test_talks_held_somewhere_are_not_aimed_at_the_host(models: dict[str, DocumentModel]) -> None:
    event = _check(models["where_talks"], "CONSULT", {"CHL", "PER"})
    assert event.targets == []


def test_an_untargeted_protest_is_aimed_where_its_purpose_clause_says(models: dict[str, DocumentModel]) -> None:
    event = _check(models["purpose"], "PROTEST", {"CHL"}, {"PER"})
    assert event.rule.endswith("+purpose")


def test_a_weapon_name_after_in_is_the_town(models: dict[str, DocumentModel]) -> None:
    model = models["town_not_weapon"]
    assert not [a for a in model.actors if a.kind.value == "weapon_system"]
    _check(model, "ASSAULT", {"SYR"}, {"PSE"})  # Jericho lies in the West Bank


def test_a_nested_phrase_does_not_add_a_party(models: dict[str, DocumentModel]) -> None:
    # "over its ties with Bolivia" says why, not with whom
    _check(models["nested_pp"], "THREATEN", {"CHL"}, {"PER"})


def test_an_office_holder_takes_the_one_state_his_sentence_names(models: dict[str, DocumentModel]) -> None:
    judge = next(a for a in models["office_only_state"].actors if a.name == "Zorbanu Telcu")
    assert judge.home_state == "CHL" and "only state" in judge.source  # Chile qualifies a thing, the mines
    # after a body's name the office is the body's: no state is guessed
    official = next(a for a in models["office_of_body"].actors if a.name == "Zorbanu Telcu")
    assert official.home_state == ""


def test_a_measure_within_the_states_own_borders_falls_on_its_people(models: dict[str, DocumentModel]) -> None:
    model = models["own_territory"]
    curfew = _check(model, "COERCE", {"CHL"})
    actors = {a.id: a for a in model.actors}
    assert [actors[t].name for t in curfew.targets] == ["Chile civilians"]
    # the rally is not the authorities' own: a noun after "after" takes no source from the main verb
    assert not [e for e in model.events if e.type == "PROTEST" and _codes(model, e.sources) == {"CHL"}
                and actors[e.sources[0]].kind.value == "state"]


def test_the_shallowest_level_of_a_phrase_names_the_party(models: dict[str, DocumentModel]) -> None:
    _check(models["shallowest"], "REJECT", {"PER"}, {"CHL"})


def test_a_demand_noun_targets_the_subject_of_its_that_clause(models: dict[str, DocumentModel]) -> None:
    _check(models["noun_demand"], "REQUEST", {"IGO"}, {"CHL"})


def test_a_preposition_the_parser_left_bare_takes_the_noun_after_it() -> None:
    from spacy.tokens import Doc

    from faultlines.read.events import _pobjs
    from faultlines.read.pipeline import load_nlp

    # the parse spaCy's small model gives a sentence like "granted asylum to five officers holed up there":
    # "officers" hangs on "holed" as its subject and "to" is left with no object
    words = ["Peru", "granted", "asylum", "to", "five", "officers", "holed", "up", "there"]
    heads = [1, 1, 1, 1, 5, 6, 1, 6, 6]
    deps = ["nsubj", "ROOT", "dobj", "prep", "nummod", "nsubj", "advcl", "prt", "advmod"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "NUM", "NOUN", "VERB", "ADP", "ADV"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in _pobjs(doc[3])] == ["officers"]
    # a preposition with its object keeps it
    words = ["aid", "to", "Peru"]
    doc = Doc(load_nlp().vocab, words=words, heads=[0, 0, 1], deps=["ROOT", "prep", "pobj"],
              pos=["NOUN", "ADP", "PROPN"])
    assert [t.text for t in _pobjs(doc[1])] == ["Peru"]


def test_cameo_conventions_for_force_property_courts_and_ceasefires(models: dict[str, DocumentModel]) -> None:
    assert _check(models["bolster"], "MOBILIZE", {"CHL"}).mode == "troops"  # CAMEO 154
    assert _check(models["peacekeepers"], "AID", {"IGO"}, {"CHL"}).mode == "peacekeeping"  # CAMEO 074
    _check(models["on_alert"], "MOBILIZE", {"CHL"}, {"PER"})  # CAMEO 152
    assert _check(models["demolish"], "ASSAULT", {"PER"}, {"CHL"}).mode == "destroy"  # CAMEO 1712 (2021 table)
    _check(models["sue"], "ACCUSE", {"CHL"}, {"PER"})  # CAMEO 115
    _check(models["ceasefire_violated"], "ASSAULT", {"CHL"})  # CAMEO 196
    assert _main(models["renege"]).type == "REJECT"


def test_a_people_qualified_by_its_state_of_residence_is_that_states_minority(
    models: dict[str, DocumentModel],
) -> None:
    event = _check(models["minority_in"], "REQUEST", {"ROU"}, {"ROU"})
    actors = {a.id: a for a in models["minority_in"].actors}
    assert actors[event.sources[0]].name == "Hungarians in Romania"
    assert actors[event.sources[0]].kind.value == "ethnic_group"
    event = _check(models["minority_demonym"], "PROTEST", {"SYR"})
    assert {a.name for a in models["minority_demonym"].actors if a.id in event.sources} == {"Kurds in Syria"}


def test_pro_and_anti_name_an_attitude_not_a_party(models: dict[str, DocumentModel]) -> None:
    model = models["attitude"]
    assert not [e for e in model.events if "CHL" in _codes(model, e.targets) | _codes(model, e.sources)]
    assert any(m.rule.endswith("+attitude") for m in model.mentions)  # the mention stays, marked


def test_rebels_named_by_a_region_belong_to_its_state(models: dict[str, DocumentModel]) -> None:
    _check(models["place_rebels"], "ACCUSE", {"TCD"}, {"SDN"})  # Darfur lies in Sudan


def test_is_opposed_to_is_the_subjects_stance(models: dict[str, DocumentModel]) -> None:
    _check(models["stative"], "REJECT", {"CHL"}, {"FRA"})


def test_a_protest_in_defiance_of_someone_targets_them(models: dict[str, DocumentModel]) -> None:
    _check(models["defiance"], "PROTEST", {"CHL"}, {"PER"})


def test_where_a_noun_event_stands_comes_from_its_verb(models: dict[str, DocumentModel]) -> None:
    _check(models["on_alert_where"], "MOBILIZE", {"CHL"}, {"BOL"})


def test_a_rebel_body_belongs_to_the_state_its_sentence_names(models: dict[str, DocumentModel]) -> None:
    front = next(a for a in models["rebel_body"].actors if a.name == "Zorbanu Liberation Front")
    assert front.home_state == "CHL" and "rebel or opposition body" in front.source


def test_with_someones_help_names_a_helper_not_a_target(models: dict[str, DocumentModel]) -> None:
    _check(models["helper"], "THREATEN", {"IGO"}, {"LBY"})


def test_a_declaration_demanding_is_a_demand(models: dict[str, DocumentModel]) -> None:
    event = _main(models["declaration"])
    assert event.type == "REQUEST" and _codes(models["declaration"], event.targets) == {"CHL"}
    assert not [e for e in models["declaration"].events if e.trigger == "declaration"]


def test_a_that_clause_on_a_demand_noun_names_the_addressee(models: dict[str, DocumentModel]) -> None:
    event = _main(models["demands_that"])
    assert event.type == "REQUEST" and _codes(models["demands_that"], event.targets) == {"PER"}


def test_where_the_objects_own_clause_places_it(models: dict[str, DocumentModel]) -> None:
    event = _check(models["curfew_imposed_in"], "CONCEDE", {"PER"})
    assert event.rule.endswith("+where")
    # the participle "imposed" is not given the shortener as its own target
    assert not [e for e in models["curfew_imposed_in"].events if e.trigger == "imposed" and e.targets]


def test_the_government_of_a_region_is_its_states(models: dict[str, DocumentModel]) -> None:
    _check(models["government_of_region"], "MOBILIZE", {"PAK"})


def test_contributing_troops_is_aid(models: dict[str, DocumentModel]) -> None:
    _check(models["contribute"], "AGREE", {"CHL"}, {"HTI"})  # a promise of aid (AGREE), to Haiti


def test_launching_fire_is_an_attack_on_whom_it_is_against(models: dict[str, DocumentModel]) -> None:
    _check(models["launched_fire"], "ASSAULT", {"CHL"}, {"PER"})


def test_up_to_a_number_keeps_the_object(models: dict[str, DocumentModel]) -> None:
    _check(models["up_to"], "ASSAULT", {"CHL"}, {"PER"})


def test_building_diplomatic_ties_is_support(models: dict[str, DocumentModel]) -> None:
    _check(models["ties"], "SUPPORT", {"CHL", "PER"})


def test_a_reminder_that_someone_must_act_is_a_request(models: dict[str, DocumentModel]) -> None:
    _check(models["reminder"], "REQUEST", {"FRA"}, {"CHL"})


def test_an_attack_with_no_named_author_is_by_unidentified_attackers_where_it_happened(
    models: dict[str, DocumentModel],
) -> None:
    for key in ("unattributed", "unattributed_passive", "town_ner"):
        model = models[key]
        event = _main(model)
        actors = {a.id: a for a in model.actors}
        assert event.type == "ASSAULT", key
        assert [actors[s].sector for s in event.sources] == ["UAF"], key  # never the state itself
    assert _codes(models["unattributed"], _main(models["unattributed"]).sources) == {"SOM"}
    assert _codes(models["unattributed_passive"], _main(models["unattributed_passive"]).sources) == {"PER"}


def test_an_apposition_describes_it_adds_no_party(models: dict[str, DocumentModel]) -> None:
    _check(models["appos"], "REJECT", {"CHL"})
    # a list the parser reads as appositions still names every party
    _check(models["list_appos"], "CONSULT", {"USA", "RUS", "CHE"})


def test_a_complaint_targets_what_it_is_about_not_whom_it_is_told_to(models: dict[str, DocumentModel]) -> None:
    _check(models["complain_over"], "ACCUSE", {"CHL"}, {"PER"})


def test_a_when_clause_places_the_main_event(models: dict[str, DocumentModel]) -> None:
    _check(models["when_clause"], "ASSAULT", {"PER"}, {"CHL"})


def test_an_invasion_of_a_region_targets_its_state(models: dict[str, DocumentModel]) -> None:
    _check(models["invasion_of_region"], "ASSAULT", {"CHL"}, {"SDN"})


def test_surrendering_at_home_has_no_target(models: dict[str, DocumentModel]) -> None:
    event = _check(models["surrender_home"], "RETREAT", {"CHL"})
    assert event.targets == []


def test_an_ethnic_people_acting_in_another_state_is_its_minority(models: dict[str, DocumentModel]) -> None:
    event = _check(models["ethnic_where"], "PROTEST", {"ROU"}, {"ROU"})
    assert {a.name for a in models["ethnic_where"].actors if a.id in event.sources} == {"Hungarians in Romania"}


def test_an_abbreviation_in_brackets_is_not_a_person(models: dict[str, DocumentModel]) -> None:
    assert not [a for a in models["abbreviation"].actors if a.kind.value == "person"]


def test_showing_disapproval_or_support_is_the_stance_shown(models: dict[str, DocumentModel]) -> None:
    protest = _check(models["show_disapproval"], "PROTEST", {"PER"}, {"CHL"})
    assert protest.rule.endswith("+purpose")
    _check(models["show_support"], "SUPPORT", {"CHL"}, {"PER"})


def test_a_withdrawal_of_forces_from_a_state_targets_it(models: dict[str, DocumentModel]) -> None:
    _check(models["withdrawal_from"], "RETREAT", {"CHL"}, {"BOL"})


def test_refuge_is_sought_from_the_state_it_is_sought_in(models: dict[str, DocumentModel]) -> None:
    _check(models["refuge_in"], "REQUEST", {"SYR"}, {"AUT"})


def test_a_war_between_two_states_somewhere_is_between_them(models: dict[str, DocumentModel]) -> None:
    war = next(e for e in models["joint_war"].events if e.trigger == "war")
    assert _codes(models["joint_war"], war.sources) == {"AZE", "ARM"} and war.targets == []  # not "where"


def test_a_possessive_pronoun_is_no_level_of_a_phrase(models: dict[str, DocumentModel]) -> None:
    # "its" is Chile itself: the party the phrase names is Bolivia
    event = _main(models["its_share"])
    assert _codes(models["its_share"], event.targets) == {"BOL"}


def test_a_states_forces_acting_on_unnamed_protesters_act_on_its_own(models: dict[str, DocumentModel]) -> None:
    event = _check(models["repression"], "ASSAULT", {"CHL"}, {"CHL"})
    assert {a.name for a in models["repression"].actors if a.id in event.targets} == {"Chile civilians"}


def test_an_as_clause_and_a_relative_clause_place_an_event(models: dict[str, DocumentModel]) -> None:
    _check(models["as_clause"], "THREATEN", {"PER"}, {"PER"})  # on Peru's civilians, in Lima
    _check(models["relcl_place"], "PROTEST", {"NPL"}, {"NPL"})


def test_a_refusal_answers_whoever_pressed_for_it(models: dict[str, DocumentModel]) -> None:
    event = _main(models["despite_pressure"])
    assert event.type == "REJECT" and _codes(models["despite_pressure"], event.targets) == {"CHL"}


def test_an_opposition_leader_takes_the_one_state_his_sentence_places_things_in(
    models: dict[str, DocumentModel],
) -> None:
    leader = next(a for a in models["opposition_leader"].actors if a.name == "Zorbanu Telcu")
    assert leader.home_state == "PER"


def test_a_big_city_the_model_calls_an_organisation_is_the_city() -> None:
    (model,) = read_documents([RawDocument(text="A general strike shut down Khatmandu on Monday.")])
    towns = [a for a in model.actors if a.name == "Khatmandu"]
    assert towns and towns[0].kind.value == "place" and towns[0].home_state == "NPL"
