"""Scenarios: one issue, the actors bargaining over it, model parameters and input uncertainty.

Two input formats: our YAML (documented in ``docs/forecast.md``, schema in
``docs/scenario.schema.json``) and KAPSARC KTAB's SMP CSV. Every rejection names the file, the line
and the field, because a scenario is something an analyst edits by hand.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from faultlines.errors import E, InputError
from faultlines.files import read_user_text

FORMAT_VERSION = 1
CAPITULATION = ("scholz", "bdm")
COMPROMISE_CHOICE = ("scholz", "closest")
POSITION_RANGE = ("input", "current")
RISK = ("scholz", "neutral")
OUTCOME = ("median", "mean")


@dataclass(slots=True)
class Scale:
    """The issue's continuum: numbers with what their ends mean."""

    min: float = 0.0
    max: float = 100.0
    min_label: str = ""
    max_label: str = ""


@dataclass(slots=True)
class Issue:
    name: str
    description: str = ""
    scale: Scale = field(default_factory=Scale)


@dataclass(slots=True)
class Uncertainty:
    """How far an input may be off: absolute sd for position (scale units) and salience, relative sd
    (log scale) for capability. Zero means "known exactly"."""

    position_sd: float = 0.0
    salience_sd: float = 0.0
    capability_rel: float = 0.0


@dataclass(slots=True)
class EvidenceRef:
    """A link to a stored span (document id and character offsets) supporting an input."""

    doc_id: str
    start: int
    end: int
    text: str = ""


@dataclass(slots=True)
class ScenarioActor:
    id: str
    name: str
    capability: float
    position: float
    salience: float
    actor_id: str = ""
    note: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    evidence: list[EvidenceRef] = field(default_factory=list)
    uncertainty: Uncertainty | None = None


@dataclass(slots=True)
class Parameters:
    """Model options; the defaults reproduce Scholz, Calbert & Smith (2011). See ``EUOptions``."""

    rounds: int = 10
    q: float = 1.0
    capitulation: str = "scholz"
    compromise_choice: str = "scholz"
    position_range: str = "input"
    risk: str = "scholz"
    outcome: str = "median"
    runs: int = 0
    seed: int = 0


@dataclass(slots=True)
class Scenario:
    issue: Issue
    actors: list[ScenarioActor]
    parameters: Parameters = field(default_factory=Parameters)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    source: str = ""
    notes: list[str] = field(default_factory=list)

    def uncertainty_of(self, actor: ScenarioActor) -> Uncertainty:
        """The actor's own uncertainty, else the scenario default."""
        return actor.uncertainty if actor.uncertainty is not None else self.uncertainty

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the YAML layout (round-trips through :func:`parse_scenario`)."""
        data: dict[str, Any] = {
            "faultlines_scenario": FORMAT_VERSION,
            "issue": asdict(self.issue),
            "parameters": asdict(self.parameters),
            "uncertainty": asdict(self.uncertainty),
            "actors": [],
        }
        for actor in self.actors:
            item: dict[str, Any] = {
                "id": actor.id,
                "name": actor.name,
                "capability": actor.capability,
                "position": actor.position,
                "salience": actor.salience,
            }
            if actor.actor_id:
                item["actor_id"] = actor.actor_id
            if actor.note:
                item["note"] = actor.note
            if actor.notes:
                item["notes"] = dict(actor.notes)
            if actor.uncertainty is not None:
                item["uncertainty"] = asdict(actor.uncertainty)
            if actor.evidence:
                item["evidence"] = [asdict(e) for e in actor.evidence]
            data["actors"].append(item)
        if self.notes:
            data["notes"] = list(self.notes)
        return data


# --------------------------------------------------------------------------------------------- YAML


class _Located:
    """Values of a YAML document plus the line each path was written on."""

    def __init__(self, path: str, text: str) -> None:
        import yaml

        self.path = path
        self.lines: dict[tuple[Any, ...], int] = {}
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            self.data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise InputError(E.E030, path=path, line=line, field="(syntax)", reason=reason) from None
        if root is not None:
            self._walk(root, ())

    def _walk(self, node: Any, where: tuple[Any, ...]) -> None:
        import yaml

        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    self.fail((*where, key), f"duplicate key '{key}'", key_node.start_mark.line + 1)
                seen.add(key)
                self._walk(value_node, (*where, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, (*where, index))

    def line(self, where: tuple[Any, ...]) -> int:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def fail(self, where: tuple[Any, ...], reason: str, line: int | None = None) -> None:
        name = (
            "".join(
                f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(where)
            )
            or "(document)"
        )
        raise InputError(E.E030, path=self.path, line=line or self.line(where), field=name, reason=reason)


class _Reader:
    """Typed access to a located mapping, failing with file/line/field on any problem."""

    def __init__(self, doc: _Located) -> None:
        self.doc = doc

    def mapping(self, value: Any, where: tuple[Any, ...], allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.doc.fail(where, "expected a mapping of fields")
        unknown = sorted(set(value) - allowed)
        if unknown:
            self.doc.fail(
                (*where, unknown[0]), f"unknown field; expected one of {', '.join(sorted(allowed))}"
            )
        return value

    def required(self, data: dict[str, Any], key: str, where: tuple[Any, ...]) -> Any:
        if key not in data or data[key] is None:
            self.doc.fail((*where, key), "required field is missing", self.doc.line(where))
        return data[key]

    def number(
        self,
        value: Any,
        where: tuple[Any, ...],
        low: float | None = None,
        high: float | None = None,
        strict_low: bool = False,
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.doc.fail(where, f"expected a number, got {value!r}")
        number = float(value)
        if low is not None and (number < low or (strict_low and number <= low)):
            self.doc.fail(where, f"{number:g} is out of range: must be {'>' if strict_low else '>='} {low:g}")
        if high is not None and number > high:
            self.doc.fail(where, f"{number:g} is out of range: must be <= {high:g}")
        return number

    def integer(self, value: Any, where: tuple[Any, ...], low: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.doc.fail(where, f"expected a whole number, got {value!r}")
        if value < low:
            self.doc.fail(where, f"{value} is out of range: must be >= {low}")
        return int(value)

    def text(self, value: Any, where: tuple[Any, ...], required: bool = False) -> str:
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.doc.fail(where, f"expected text, got {type(value).__name__}")
        text = str(value).strip()
        if required and not text:
            self.doc.fail(where, "must not be empty")
        return text

    def choice(self, value: Any, where: tuple[Any, ...], options: tuple[str, ...]) -> str:
        if value not in options:
            self.doc.fail(where, f"{value!r} is not one of {', '.join(options)}")
        return str(value)


#: Upper bounds of the uncertainty fields (position_sd is bounded by the scale span): the scenario
#: parser and the CLI overrides share them, so no path can feed the model an overflowing exp().
SALIENCE_SD_MAX = 1.0
CAPABILITY_REL_MAX = 5.0


def _uncertainty(read: _Reader, value: Any, where: tuple[Any, ...], span: float) -> Uncertainty:
    data = read.mapping(value, where, {"position_sd", "salience_sd", "capability_rel"})
    return Uncertainty(
        position_sd=read.number(data.get("position_sd", 0.0), (*where, "position_sd"), 0.0, span),
        salience_sd=read.number(data.get("salience_sd", 0.0), (*where, "salience_sd"), 0.0, SALIENCE_SD_MAX),
        capability_rel=read.number(
            data.get("capability_rel", 0.0), (*where, "capability_rel"), 0.0, CAPABILITY_REL_MAX
        ),
    )


ACTOR_FIELDS = {
    "id",
    "name",
    "capability",
    "position",
    "salience",
    "actor_id",
    "note",
    "notes",
    "evidence",
    "uncertainty",
}
PARAMETER_FIELDS = {
    "rounds",
    "q",
    "capitulation",
    "compromise_choice",
    "position_range",
    "risk",
    "outcome",
    "runs",
    "seed",
}


def parse_scenario(text: str, path: str = "<scenario>") -> Scenario:
    """Parse and validate a YAML scenario.

    Raises
    ------
    InputError
        ``E030`` naming the file, line and field for any syntax error, missing field, out-of-range
        value, unknown field or duplicate actor id.
    """
    doc = _Located(path, text)
    read = _Reader(doc)
    top = read.mapping(
        doc.data, (), {"faultlines_scenario", "issue", "actors", "parameters", "uncertainty", "notes"}
    )
    version = top.get("faultlines_scenario", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        doc.fail(
            ("faultlines_scenario",), f"format version {version!r} is not supported (use {FORMAT_VERSION})"
        )

    issue_data = read.mapping(read.required(top, "issue", ()), ("issue",), {"name", "description", "scale"})
    scale_data = read.mapping(
        issue_data.get("scale") or {}, ("issue", "scale"), {"min", "max", "min_label", "max_label"}
    )
    where = ("issue", "scale")
    scale = Scale(
        min=read.number(scale_data.get("min", 0.0), (*where, "min")),
        max=read.number(scale_data.get("max", 100.0), (*where, "max")),
        min_label=read.text(scale_data.get("min_label"), (*where, "min_label")),
        max_label=read.text(scale_data.get("max_label"), (*where, "max_label")),
    )
    if scale.max <= scale.min:
        doc.fail((*where, "max"), f"scale max {scale.max:g} must be above min {scale.min:g}")
    issue = Issue(
        name=read.text(read.required(issue_data, "name", ("issue",)), ("issue", "name"), required=True),
        description=read.text(issue_data.get("description"), ("issue", "description")),
        scale=scale,
    )
    span = scale.max - scale.min

    params = Parameters()
    if top.get("parameters") is not None:
        p = read.mapping(top["parameters"], ("parameters",), PARAMETER_FIELDS)
        w: tuple[Any, ...] = ("parameters",)
        params = Parameters(
            rounds=read.integer(p.get("rounds", params.rounds), (*w, "rounds"), 1),
            q=read.number(p.get("q", params.q), (*w, "q"), 0.0, 1.0),
            capitulation=read.choice(
                p.get("capitulation", params.capitulation), (*w, "capitulation"), CAPITULATION
            ),
            compromise_choice=read.choice(
                p.get("compromise_choice", params.compromise_choice),
                (*w, "compromise_choice"),
                COMPROMISE_CHOICE,
            ),
            position_range=read.choice(
                p.get("position_range", params.position_range), (*w, "position_range"), POSITION_RANGE
            ),
            risk=read.choice(p.get("risk", params.risk), (*w, "risk"), RISK),
            outcome=read.choice(p.get("outcome", params.outcome), (*w, "outcome"), OUTCOME),
            runs=read.integer(p.get("runs", params.runs), (*w, "runs"), 0),
            seed=read.integer(p.get("seed", params.seed), (*w, "seed"), 0),
        )
    default_unc = _uncertainty(read, top.get("uncertainty") or {}, ("uncertainty",), span)

    actors_data = read.required(top, "actors", ())
    if not isinstance(actors_data, list):
        doc.fail(("actors",), "expected a list of actors")
    if len(actors_data) < 2:
        doc.fail(("actors",), f"a bargaining issue needs at least 2 actors, found {len(actors_data)}")
    actors: list[ScenarioActor] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(actors_data):
        w = ("actors", index)
        a = read.mapping(item, w, ACTOR_FIELDS)
        actor_id = read.text(read.required(a, "id", w), (*w, "id"), required=True)
        if actor_id in seen:
            doc.fail((*w, "id"), f"duplicate actor '{actor_id}' (first defined as actors[{seen[actor_id]}])")
        seen[actor_id] = index
        notes_data = a.get("notes") or {}
        read.mapping(notes_data, (*w, "notes"), {"capability", "position", "salience"})
        evidence: list[EvidenceRef] = []
        ev_list = a.get("evidence") or []
        if not isinstance(ev_list, list):
            doc.fail((*w, "evidence"), "expected a list of {doc_id, start, end}")
        for k, ev in enumerate(ev_list):
            ew = (*w, "evidence", k)
            e = read.mapping(ev, ew, {"doc_id", "start", "end", "text"})
            start = read.integer(read.required(e, "start", ew), (*ew, "start"), 0)
            end = read.integer(read.required(e, "end", ew), (*ew, "end"), 0)
            if end < start:
                doc.fail((*ew, "end"), f"end {end} is before start {start}")
            evidence.append(
                EvidenceRef(
                    read.text(read.required(e, "doc_id", ew), (*ew, "doc_id"), True),
                    start,
                    end,
                    read.text(e.get("text"), (*ew, "text")),
                )
            )
        actors.append(
            ScenarioActor(
                id=actor_id,
                name=read.text(a.get("name", actor_id), (*w, "name")) or actor_id,
                capability=read.number(
                    read.required(a, "capability", w), (*w, "capability"), 0.0, strict_low=True
                ),
                position=read.number(read.required(a, "position", w), (*w, "position"), scale.min, scale.max),
                salience=read.number(read.required(a, "salience", w), (*w, "salience"), 0.0, 1.0),
                actor_id=read.text(a.get("actor_id"), (*w, "actor_id")),
                note=read.text(a.get("note"), (*w, "note")),
                notes={k: read.text(v, (*w, "notes", k)) for k, v in notes_data.items()},
                evidence=evidence,
                uncertainty=_uncertainty(read, a["uncertainty"], (*w, "uncertainty"), span)
                if a.get("uncertainty") is not None
                else None,
            )
        )
    notes = top.get("notes") or []
    if not isinstance(notes, list):
        doc.fail(("notes",), "expected a list of text")
    return Scenario(
        issue=issue,
        actors=actors,
        parameters=params,
        uncertainty=default_unc,
        source=path,
        notes=[read.text(n, ("notes", i)) for i, n in enumerate(notes)],
    )


# --------------------------------------------------------------------------------------------- KTAB


def parse_ktab(text: str, path: str = "<ktab>") -> list[Scenario]:
    """Parse a KTAB SMP CSV; a scenario with several dimensions becomes one scenario per dimension.

    Line 1 holds ``name, description, actors, dimensions``; line 2 the column header; then one line per
    actor: short name, description, influence, then position and salience (both 0-100) per dimension.
    Trailing commas are allowed. Salience is divided by 100 (as KTAB does); influence becomes
    capability.
    """

    def fail(line: int, column: str, reason: str) -> None:
        raise InputError(E.E030, path=path, line=line, field=column, reason=reason)

    def cells(row: list[str]) -> list[str]:
        values = [c.strip() for c in row]
        while values and values[-1] == "":
            values.pop()
        return values

    rows = [cells(r) for r in csv.reader(io.StringIO(text))]
    numbered = [(i + 1, r) for i, r in enumerate(rows) if r]
    if len(numbered) < 2:
        fail(1, "(header)", "a KTAB CSV needs a scenario line and a column header line")
    line_no, head = numbered[0]
    if len(head) < 4:
        fail(
            line_no,
            "(scenario line)",
            f"expected 'name, description, actors, dimensions', got {len(head)} fields",
        )
    try:
        n_actors, n_dims = int(head[-2]), int(head[-1])
    except ValueError:
        fail(line_no, "(scenario line)", "the last two fields must be the number of actors and of dimensions")
    if n_dims < 1:
        fail(line_no, "dimensions", f"must be >= 1, got {n_dims}")
    name, description = head[0], ", ".join(head[1:-2])
    expected = 3 + 2 * n_dims
    header_line, header = numbered[1]
    if len(header) != expected:
        fail(
            header_line,
            "(header)",
            f"expected {expected} columns for {n_dims} dimension(s), got {len(header)}",
        )
    dims = [header[3 + 2 * d].removesuffix("Position").strip() or f"dim{d + 1}" for d in range(n_dims)]
    actor_rows = numbered[2:]
    if len(actor_rows) != n_actors:
        fail(line_no, "actors", f"the scenario line announces {n_actors} actors but {len(actor_rows)} follow")
    if n_actors < 2:
        fail(line_no, "actors", "need at least 2 actors")

    parsed: list[tuple[int, str, str, float, list[tuple[float, float]]]] = []
    seen: dict[str, int] = {}
    for line, row in actor_rows:
        if len(row) != expected:
            fail(line, "(row)", f"expected {expected} columns ({', '.join(header)}), got {len(row)}")
        short = row[0]
        if not short:
            fail(line, header[0], "actor name is empty")
        if short in seen:
            fail(line, header[0], f"duplicate actor '{short}' (first on line {seen[short]})")
        seen[short] = line

        def value(col: int, low: float, high: float, line: int = line, row: list[str] = row) -> float:
            try:
                number = float(row[col])
            except ValueError:
                fail(line, header[col], f"expected a number, got {row[col]!r}")
            if not math.isfinite(number) or number < low or number > high:
                fail(line, header[col], f"{row[col]} is out of range [{low:g}, {high:g}]")
            return number

        influence = value(2, 0.0, 1e8)
        values = [(value(3 + 2 * d, 0.0, 100.0), value(4 + 2 * d, 0.0, 100.0)) for d in range(n_dims)]
        if sum(s for _, s in values) > 100.0 + 1e-9:
            fail(line, header[4], "saliences over all dimensions must sum to at most 100")
        parsed.append((line, short, row[1], influence, values))
    if all(p[3] == 0 for p in parsed):
        fail(line_no, header[2], "every actor has zero influence")

    scenarios = []
    for d, dim in enumerate(dims):
        actors = [
            ScenarioActor(
                id=short,
                name=desc or short,
                capability=max(influence, 1e-12),
                position=vals[d][0],
                salience=vals[d][1] / 100.0,
                note=f"KTAB input line {line}",
            )
            for line, short, desc, influence, vals in parsed
        ]
        note = (
            (
                f"dimension {d + 1} of {n_dims} ('{dim}') of a multi-dimensional KTAB scenario, "
                "run as its own issue (no cross-dimension bargaining)"
            )
            if n_dims > 1
            else ""
        )
        scenarios.append(
            Scenario(
                issue=Issue(
                    name=f"{name}: {dim}" if n_dims > 1 else name,
                    description=description,
                    scale=Scale(0.0, 100.0, f"{dim} 0", f"{dim} 100"),
                ),
                actors=actors,
                source=path,
                notes=[note] if note else [],
            )
        )
    return scenarios


def load_scenarios(path: Path) -> list[Scenario]:
    """Load a YAML scenario (one issue) or a KTAB CSV (one scenario per dimension)."""
    text = read_user_text(path, expected="one .yaml/.yml scenario or KTAB .csv file")
    if path.suffix.lower() == ".csv":
        return parse_ktab(text, str(path))
    if path.suffix.lower() in {".yaml", ".yml"}:
        return [parse_scenario(text, str(path))]
    raise InputError(E.E031, path=path, reason="a scenario is a .yaml/.yml file or a KTAB .csv file")


def load_scenario(path: Path) -> Scenario:
    """Load a scenario that holds exactly one issue."""
    scenarios = load_scenarios(path)
    if len(scenarios) != 1:
        raise InputError(E.E031, path=path, reason=f"holds {len(scenarios)} dimensions; use load_scenarios")
    return scenarios[0]


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text, in the order a reader expects."""
    import yaml

    return yaml.safe_dump(scenario.to_dict(), sort_keys=False, allow_unicode=True, width=100)


def shipped_scenarios() -> dict[str, Path]:
    """Scenarios shipped with faultlines, by file stem."""
    folder = Path(__file__).parent / "scenarios"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
