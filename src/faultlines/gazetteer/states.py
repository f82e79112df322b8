"""States, their names, demonyms and capitals, from pyworldatlas (offline) plus a few sourced extras.

pyworldatlas gives every state's common and formal names, English demonyms and capitals; we add the
Wikidata QIDs of the states this tool is most used on and names writers use that the atlas lacks
("US", "the Soviet Union"), and the states it lacks (Taiwan, Kosovo, Yugoslavia...). Capitals are
metonyms: "Baku said" means Azerbaijan's government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from faultlines.model import Actor, ActorKind

ATLAS_SOURCE = "pyworldatlas (CIA World Factbook names and demonyms, GeoNames capitals)"

#: Wikidata QIDs of sovereign states (source: Wikidata items of each state).
STATE_QIDS: dict[str, str] = {
    "IRN": "Q794", "AZE": "Q227", "ISR": "Q801", "ARM": "Q399", "TUR": "Q43", "RUS": "Q159",
    "USA": "Q30", "GEO": "Q230", "IRQ": "Q796", "SYR": "Q858", "LBN": "Q822", "JOR": "Q810",
    "EGY": "Q79", "SAU": "Q851", "ARE": "Q878", "QAT": "Q846", "PAK": "Q843", "AFG": "Q889",
    "TKM": "Q874", "KAZ": "Q232", "UKR": "Q212", "CHN": "Q148", "IND": "Q668", "GBR": "Q145",
    "FRA": "Q142", "DEU": "Q183", "JPN": "Q17", "ITA": "Q38", "ESP": "Q29", "CAN": "Q16",
    "BRA": "Q155", "MEX": "Q96", "YEM": "Q805", "OMN": "Q842", "KWT": "Q817", "BHR": "Q398",
    "UZB": "Q265", "KGZ": "Q813", "TJK": "Q863", "BLR": "Q184", "POL": "Q36", "GRC": "Q41",
    "CYP": "Q229", "LBY": "Q1016", "SDN": "Q1049", "PSE": "Q219060",
}  # fmt: skip

#: Names writers use that pyworldatlas does not list (source: common English usage, AP Stylebook).
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "the States", "Washington"),
    "GBR": ("Britain", "UK"),
    "RUS": ("Moscow", "Kremlin", "the Kremlin"),
    "TUR": ("Turkiye", "Türkiye", "Ankara"),
    "IRN": ("Persia", "Islamic Republic", "the Islamic Republic", "Tehran", "Teheran"),
    "ISR": ("Tel Aviv",),
    "AZE": ("Azerbaijan Republic",),
    "PSE": ("Palestine",),
    "CHN": ("Beijing", "PRC"),
    "SYR": ("Damascus",),
    "MKD": ("Macedonia", "Republic of Macedonia", "FYROM"),
    "CIV": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "COD": ("Zaire",),
    "NLD": ("Holland", "Netherlands"),
    "KHM": ("Kampuchea",),
    "DEU": ("West Germany", "FRG"),
    "KOR": ("ROK",),
    "PRK": ("DPRK",),
    "TLS": ("Timor-Leste",),
}

#: Demonyms the atlas lacks or garbles (adjective, then nouns); source: common English usage, checked
#: against the Oxford English Dictionary's country demonyms and the CIA World Factbook 2024 "Nationality"
#: entries. Nouns already taken by a group in ``groups.yaml`` (Kazakhs, Uzbeks, Tajiks, Turkmens) stay
#: the group's; only the adjective is added here.
EXTRA_DEMONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "PSE": (("Palestinian",), ("Palestinians",)),
    "USA": (("U.S.", "US"), ()),
    "GBR": (("UK",), ("Britons",)),
    "CIV": (("Ivorian",), ("Ivorians",)),
    "COD": (("Zairean", "Zairian"), ()),
    "KGZ": (("Kyrgyz", "Kirghiz"), ()),
    "KAZ": (("Kazakh",), ()),
    "UZB": (("Uzbek",), ("Uzbekistanis",)),
    "TJK": (("Tajik",), ()),
    "KHM": (("Kampuchean",), ("Kampucheans",)),
    "NPL": (("Nepalese",), ("Nepalis",)),
    "KOR": (("South Korean",), ("South Koreans",)),
    "PRK": (("North Korean",), ("North Koreans",)),
    "PHL": (("Filipino",), ("Filipinos",)),
    "TLS": (("East Timorese",), ()),
    "SWZ": (("Swazi", "Swati"), ("Swazis",)),
    "BWA": (("Botswanan",), ()),
    "FRA": ((), ("Frenchmen", "Frenchwomen")),
    "NLD": ((), ("Dutchmen", "Dutchwomen")),
    "IRL": ((), ("Irishmen", "Irishwomen")),
    "GRC": (("Hellenic",), ()),
    "SVN": (("Slovene",), ()),
    "ESH": ((), ("Sahrawis",)),
    "HKG": ((), ("Hong Kongers", "Hongkongers")),
    "CPV": (("Cape Verdean",), ("Cape Verdeans",)),
    "ARG": (("Argentinian",), ("Argentinians",)),
    "SLV": (("Salvadorean",), ("Salvadoreans",)),
    "BLR": (("Belorussian", "Byelorussian"), ()),
    "RWA": (("Rwandese",), ()),
    "BFA": (("Burkinabè",), ()),
    "COM": (("Comorian",), ("Comorians",)),
    "LUX": (("Luxembourgish",), ()),
}

#: Demonyms several atlas states share, and the state they name in news copy ("Korean" is South
#: Korea's unless qualified; "Dominican" the Dominican Republic's, not Dominica's). Source: usage in
#: the AP Stylebook entries for these countries. The other states keep their qualified forms.
DEMONYM_OWNERS: dict[str, str] = {
    "Korean": "KOR", "Koreans": "KOR", "Dominican": "DOM", "Dominicans": "DOM",
}  # fmt: skip

#: Spellings of capitals the atlas lacks: unaccented forms wire copy uses, and older names still common
#: in English ("Kiev", "Rangoon"); all are metonyms for the government as the atlas's capitals are.
#: Source: AP Stylebook datelines and the CIA World Factbook 2024 capital entries ("former names").
EXTRA_CAPITALS: dict[str, tuple[str, ...]] = {
    "UKR": ("Kiev",), "IND": ("Delhi",), "MNG": ("Ulaanbaatar",), "MMR": ("Naypyidaw", "Naypyitaw"),
    "KAZ": ("Nur-Sultan",), "YEM": ("Sana'a", "Sana’a"), "COL": ("Bogota",), "BRA": ("Brasilia",),
    "ISL": ("Reykjavik",), "CMR": ("Yaounde",), "TGO": ("Lome",), "PRY": ("Asuncion",),
    "STP": ("Sao Tome",), "CHE": ("Berne",),
}  # fmt: skip

#: Historical states that are not in the atlas but fill articles about the region.
HISTORICAL: tuple[Actor, ...] = (
    Actor(
        id="Q15180", name="Soviet Union", kind=ActorKind.STATE, qid="Q15180", home_state="SUN",
        aliases=("USSR", "the Soviet Union", "the USSR", "Soviet"),
        source="Wikidata Q15180; dissolved 26 December 1991",
    ),
    Actor(
        id="Q1986139", name="Safavid Iran", kind=ActorKind.STATE, qid="Q1986139", home_state="", states=("IRN",),
        aliases=("Safavid Empire", "the Safavid Dynasty", "Safavid Dynasty", "Safavids"),
        source="Encyclopaedia Britannica: Safavid dynasty (1501-1736)",
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StateNames:
    """One state's ways of being named, each with the rule that explains a resolution."""

    actor: Actor
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]
    capitals: tuple[str, ...]
    numeric: str


def _extra(
    alpha3: str,
    name: str,
    *,
    qid: str = "",
    names: tuple[str, ...] = (),
    adjectives: tuple[str, ...] = (),
    nouns: tuple[str, ...] = (),
    capitals: tuple[str, ...] = (),
    numeric: str = "",
    source: str,
) -> StateNames:
    """A state or territory the atlas lacks, named the same ways an atlas state is."""
    actor = Actor(
        id=qid or f"fl:state:{alpha3.lower()}",
        name=name,
        kind=ActorKind.STATE,
        qid=qid,
        home_state=alpha3,
        sector="GOV",
        aliases=tuple(sorted(set(names) - {name})),
        source=source,
    )
    return StateNames(actor, tuple(sorted({name, *names})), adjectives, nouns, capitals, numeric)


#: States and territories news names often that pyworldatlas does not list (it follows the UN
#: member-state view). They resolve like any atlas state: by name, demonym and capital metonym.
EXTRA_STATES: tuple[StateNames, ...] = (
    _extra(
        "TWN", "Taiwan", qid="Q865", numeric="158",
        names=("Republic of China", "Chinese Taipei", "Formosa"),
        adjectives=("Taiwanese",), nouns=("Taiwanese",), capitals=("Taipei",),
        source="ISO 3166-1 (TWN, 158); CIA World Factbook 2024: Taiwan (names, capital, nationality); Wikidata Q865",
    ),
    _extra(
        "XKX", "Kosovo", qid="Q1246",
        names=("Republic of Kosovo",), adjectives=("Kosovar", "Kosovan"), nouns=("Kosovars", "Kosovans"),
        capitals=("Pristina", "Prishtina", "Priština"),
        source="CIA World Factbook 2024: Kosovo (names, capital, nationality); XKX is the user-assigned "
        "code the European Commission and IMF use; Wikidata Q1246",
    ),
    _extra(
        "YUG", "Yugoslavia",
        names=("Socialist Federal Republic of Yugoslavia", "SFRY", "Federal Republic of Yugoslavia"),
        adjectives=("Yugoslav", "Yugoslavian"), nouns=("Yugoslavs",),
        source="Encyclopaedia Britannica: Yugoslavia (1918-2003; federal republic 1992-2003); ISO 3166-3 YUG",
    ),
    _extra(
        "SCG", "Serbia and Montenegro", names=("State Union of Serbia and Montenegro",),
        source="Encyclopaedia Britannica: Serbia and Montenegro (2003-2006); ISO 3166-3 SCG",
    ),
    _extra(
        "CSK", "Czechoslovakia", names=("Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"),
        adjectives=("Czechoslovak", "Czechoslovakian"), nouns=("Czechoslovaks",),
        source="Encyclopaedia Britannica: Czechoslovakia (1918-1992); ISO 3166-3 CSK",
    ),
    _extra(
        "DDR", "East Germany", names=("German Democratic Republic", "GDR"), adjectives=("East German",),
        nouns=("East Germans",), capitals=("East Berlin",),
        source="Encyclopaedia Britannica: East Germany (German Democratic Republic, 1949-1990); ISO 3166-3 DDR",
    ),
)  # fmt: skip


def _demonym_parts(text: str) -> list[str]:
    """'Briton(s), British (collective plural)' -> ['Briton', 'Britons', 'British']."""
    out = []
    for part in re.split(r",|/| or ", text):
        part = re.sub(r"\(collective plural\)|\(sing\.\)|\(pl\.\)", "", part).strip()
        if not part:
            continue
        match = re.match(r"^(.*?)\((\w+)\)$", part)
        if match:
            out.extend([match.group(1).strip(), match.group(1).strip() + match.group(2)])
        else:
            out.append(part)
    return [p for p in out if p and p[0].isupper()]


@cache
def state_names() -> dict[str, StateNames]:
    """Every state in the atlas (plus historical ones), keyed by ISO 3166 alpha-3 code."""
    from pyworldatlas import Atlas

    atlas = Atlas()
    out: dict[str, StateNames] = {}
    for country in atlas.countries():
        alpha3 = country.codes.alpha3 or ""
        if not alpha3:
            continue
        qid = STATE_QIDS.get(alpha3, "")
        names = {
            country.name,
            *(n.text for n in country.names),
            *country.aliases,
            *EXTRA_NAMES.get(alpha3, ()),
        }
        names = {n for n in names if "(" not in n}
        adjectives: set[str] = set()
        nouns: set[str] = set()
        for demonym in country.demonyms:
            if demonym.adjective:
                adjectives.update(_demonym_parts(demonym.adjective or ""))
            nouns.update(_demonym_parts(demonym.noun or ""))
        extra_adjectives, extra_nouns = EXTRA_DEMONYMS.get(alpha3, ((), ()))
        adjectives.update(extra_adjectives)
        nouns.update(extra_nouns)
        nouns -= adjectives
        adjectives = {a for a in adjectives if DEMONYM_OWNERS.get(a, alpha3) == alpha3}
        nouns = {n for n in nouns if DEMONYM_OWNERS.get(n, alpha3) == alpha3}
        capitals = (*(c.name for c in country.capitals), *EXTRA_CAPITALS.get(alpha3, ()))
        actor = Actor(
            id=qid or f"fl:state:{alpha3.lower()}",
            name=country.name,
            kind=ActorKind.STATE,
            qid=qid,
            home_state=alpha3,
            sector="GOV",
            aliases=tuple(sorted(names - {country.name})),
            source=ATLAS_SOURCE,
        )
        out[alpha3] = StateNames(
            actor,
            tuple(sorted(names)),
            tuple(sorted(adjectives)),
            tuple(sorted(nouns)),
            capitals,
            country.codes.numeric or "",
        )
    for extra in EXTRA_STATES:
        out.setdefault(extra.actor.home_state, extra)
    for actor in HISTORICAL:
        out.setdefault(
            actor.home_state if actor.home_state and actor.home_state not in out else actor.id,
            StateNames(actor, (actor.name, *actor.aliases), (), (), (), ""),
        )
    return out


def state_actor(alpha3: str) -> Actor | None:
    """The actor for a state code, or ``None`` when the code is unknown."""
    names = state_names().get(alpha3)
    return names.actor if names else None
