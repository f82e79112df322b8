"""Docs stay complete: every command and every long option appears in README.md or docs/."""

from __future__ import annotations

from pathlib import Path

import typer

from faultlines.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_every_command_and_option_is_documented() -> None:
    docs = _docs()
    command = typer.main.get_command(app)
    missing = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        if f"faultlines {name}" not in docs:
            missing.append(f"faultlines {name}")
        for param in sub.params:
            for option in (*param.opts, *param.secondary_opts):
                if option.startswith("--") and option not in docs and option != "--help":
                    missing.append(f"faultlines {name} {option}")
    assert not missing, "undocumented: " + ", ".join(missing)


def test_cli_reference_lists_every_command() -> None:
    table = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    command = typer.main.get_command(app)
    assert all(f"`faultlines {name}" in table for name in command.commands)  # type: ignore[attr-defined]
