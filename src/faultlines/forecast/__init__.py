"""forecast: war-game a multi-actor issue.

Bueno de Mesquita's expected-utility bargaining model (as replicated by Scholz, Calbert & Smith 2011),
the capability×salience compromise model as a baseline, and vectorised Monte Carlo over the inputs'
stated uncertainty. Scenarios come from YAML, KTAB SMP CSV files, or a draft from the stored model.
"""

from faultlines.forecast.draft import capability_table, draft_scenario
from faultlines.forecast.eu import EUOptions, EURounds, run_eu, weighted_mean, weighted_median
from faultlines.forecast.run import (
    EUForecast,
    Forecast,
    MonteCarlo,
    Sensitivity,
    classify_dynamics,
    compromise,
    forecast,
    monte_carlo,
    perturb,
)
from faultlines.forecast.scenario import (
    EvidenceRef,
    Issue,
    Parameters,
    Scale,
    Scenario,
    ScenarioActor,
    Uncertainty,
    dump_scenario,
    load_scenario,
    load_scenarios,
    parse_ktab,
    parse_scenario,
    shipped_scenarios,
)

__all__ = [
    "EUForecast",
    "EUOptions",
    "EURounds",
    "EvidenceRef",
    "Forecast",
    "Issue",
    "MonteCarlo",
    "Parameters",
    "Scale",
    "Scenario",
    "ScenarioActor",
    "Sensitivity",
    "Uncertainty",
    "capability_table",
    "classify_dynamics",
    "compromise",
    "draft_scenario",
    "dump_scenario",
    "forecast",
    "load_scenario",
    "load_scenarios",
    "monte_carlo",
    "parse_ktab",
    "parse_scenario",
    "perturb",
    "run_eu",
    "shipped_scenarios",
    "weighted_mean",
    "weighted_median",
]
