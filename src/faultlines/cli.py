"""The ``faultlines`` command: one Typer app, one thin sub-command per capability.

Each capability package owns a ``commands`` module with ``register(app)``; the commands only parse
options and call importable functions that return data, so the web app can call the same functions.
Heavy imports (spaCy, DuckDB, SciPy) happen inside the commands, keeping ``--help`` fast.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console
from rich.markup import escape

from faultlines import __version__
from faultlines.errors import FaultlinesError

#: Modules whose ``register(app)`` adds sub-commands, in the order they appear in ``--help``.
COMMAND_MODULES: tuple[str, ...] = (
    "faultlines.read.commands",
    "faultlines.analyze",
    "faultlines.forecast.commands",
    "faultlines.structure.commands",
    "faultlines.check.commands",
    "faultlines.show.commands",
)

app = typer.Typer(
    name="faultlines",
    help="Read geopolitical writing into a model of actors, events and signed relations; "
    "check, analyse, forecast and show it.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faultlines {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """With no sub-command, ``faultlines`` analyses its built-in example article."""
    _state["debug"] = debug


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def _with_default_command(args: list[str]) -> list[str]:
    """``faultlines`` alone (or with only global flags) means ``faultlines analyze``."""
    if any(not a.startswith("-") for a in args) or {"--help", "-h", "--version"} & set(args):
        return args
    return [*args, "analyze"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; turn known errors into one line on stderr and a non-zero exit."""
    args = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    try:
        code = app(args=args, standalone_mode=False)
        if isinstance(code, int) and code != 0:  # click returns (not raises) an abort's exit code here
            if code == 130:
                err_console.print("interrupted")
            return code
    except FaultlinesError as error:
        if _state["debug"]:
            raise
        err_console.print(f"[bold red]error[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        return 2
    except typer.Exit as done:
        return int(done.exit_code or 0)
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except Exception as error:  # click usage errors and anything unexpected
        import click

        if isinstance(error, click.ClickException):
            error.show()
            return error.exit_code
        if _state["debug"]:
            raise
        err_console.print(
            f"[bold red]internal error[/] {type(error).__name__}: {escape(str(error))} "
            "(run with --debug for details)",
            highlight=False,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
