"""The documentation keeps up with the code: every option and every JSON field is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from faultlines.cli import app
from faultlines.structure.commands import run_structure

DOC = (Path(__file__).resolve().parents[2] / "docs" / "structure.md").read_text(encoding="utf-8")
OPAQUE = {"actors", "partition"}  # maps keyed by actor id, not fields
KEYED = {"windows"}  # maps keyed by window name: their values hold fields


def _keys(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(str(key))
            if key in KEYED and isinstance(item, dict):
                for inner in item.values():
                    _keys(inner, out)
            elif key not in OPAQUE:
                _keys(item, out)
    elif isinstance(value, list):
        for item in value:
            _keys(item, out)
    return out


def test_every_option_is_documented() -> None:
    command = typer.main.get_command(app)
    structure = command.commands["structure"]  # type: ignore[attr-defined]
    options = [opt for param in structure.params for opt in getattr(param, "opts", []) if opt.startswith("--")]
    assert "--what-if" in options
    missing = [opt for opt in options if f"`{opt}" not in DOC and opt != "--help"]
    assert missing == [], missing


def test_every_json_field_is_documented(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "source,target,sign,start,end\nA,B,1,2001,2009\nB,C,1,2001,2009\nA,C,-1,2005,2009\nC,D,-1,2001,2009\n",
        encoding="utf-8",
    )
    one = run_structure(csv_files=[path], k=3, what_ifs=["A,C,+"], gexf=tmp_path / "g.gexf")
    several = run_structure(csv_files=[path], windows=["2001:2004", "2005:2009"])
    keys = _keys(one, set()) | _keys(several, set())
    # documented as `key`, `parent.key` or `parent[].key`
    missing = sorted(k for k in keys if not re.search(r"[`.]" + re.escape(k) + r"(`|\[\]|\.)", DOC))
    assert missing == [], missing
