"""The floor any Typer CLI pays: a no-op with trygg's global options and a `diff` command that
declares the same parameters as trygg's (Typer and pydantic handle each one on every run), and
does nothing. bench.py times `trygg diff 2020 2021` against `noop.py diff 2020 2021`, and
against `run()`, the same no-op ending as trygg's console script does (with `gc.freeze()`)."""

import enum
import gc
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)


class Unit(enum.Enum):
    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"


class Format(enum.Enum):
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"


class Locale(enum.Enum):
    SV = "sv"
    EN = "en"


class Order(enum.Enum):
    FILE = "file"
    CHANGE = "change"
    AMOUNT = "amount"


@app.callback()
def main(
    data_dir: Annotated[Path, typer.Option("--data-dir", envvar="TRYGG_DATA_DIR")] = Path("data"),
    version: Annotated[bool, typer.Option("--version", is_eager=True)] = False,
) -> None:
    """Global options, as trygg has them."""


@app.command()
def diff(  # noqa: PLR0917 - the same parameters as trygg's diff, on purpose
    old: Annotated[str, typer.Argument()],
    new: Annotated[str, typer.Argument()],
    unit: Annotated[Unit | None, typer.Option("--unit", "-u")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f")] = None,
    locale: Annotated[Locale, typer.Option("--locale", "-l", envvar="TRYGG_LOCALE")] = Locale.SV,
    decimals: Annotated[int | None, typer.Option("--decimals", "-d", min=0, max=6)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)] = None,
    sort: Annotated[Order, typer.Option("--sort")] = Order.FILE,
    only_changed: Annotated[bool, typer.Option("--only-changed")] = False,
    exit_code: Annotated[bool, typer.Option("--exit-code")] = False,
) -> None:
    """Does nothing."""


@app.command()
def validate() -> None:
    """Does nothing; a second command, so that `diff` is a subcommand as in trygg."""


def run() -> None:
    """The no-op, ending as `trygg_cli.cli.run` does: the collector frozen, so that the
    interpreter's cycle search at exit skips Typer's and pydantic's objects."""
    try:
        app(prog_name="trygg")
    finally:
        gc.freeze()


if __name__ == "__main__":
    app(prog_name="trygg")
