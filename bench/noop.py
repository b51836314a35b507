"""The floor any Typer CLI pays: the same global options and `diff OLD NEW` arguments as trygg,
and nothing else. bench.py times `trygg diff 2020 2021` against this."""

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def main(
    data_dir: Annotated[Path, typer.Option("--data-dir", envvar="TRYGG_DATA_DIR")] = Path("data"),
    version: Annotated[bool, typer.Option("--version", is_eager=True)] = False,
) -> None:
    """Global options, as trygg has them."""


@app.command()
def diff(
    old: Annotated[str, typer.Argument()],
    new: Annotated[str, typer.Argument()],
    unit: Annotated[str | None, typer.Option("--unit")] = None,
    fmt: Annotated[str | None, typer.Option("--format")] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code")] = False,
) -> None:
    """Does nothing."""


@app.command()
def validate() -> None:
    """Does nothing; a second command, so that `diff` is a subcommand as in trygg."""


if __name__ == "__main__":
    app(prog_name="trygg")
