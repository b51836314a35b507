"""The commands that write a year's file or a folder: `new`, `unit`, `import` and `publish`.

A room of the command line (with `cli`, `command_line` and `command_io`): arguments in, one
library call, the file written safely, an exit code back.

No `from __future__ import annotations` here: Typer reads each command's signature at run time.
"""

import sys
from datetime import date
from pathlib import Path

import typer

from trygg_cli import files
from trygg_cli.command_io import (
    OK,
    PROBLEMS,
    budgets_or_exit,
    chosen_format,
    err,
    fail,
    name_strays,
    named_years,
    problem_lines,
    report_problems,
)
from trygg_cli.command_line import (
    DataDirOption,
    ImportDryRunOption,
    ImportRemoveOption,
    ImportSheetArgument,
    LocaleOption,
    NewForceOption,
    NewPreviousOption,
    NewYearArgument,
    PublishBaseUrlOption,
    PublishFolderArgument,
    PublishLicenseOption,
    PublishTitleOption,
    TryggCommand,
    UnitArgument,
    UnitOption,
    YearArgument,
    app,
    examples,
    settings_of,
)
from trygg_cli.compare import compare
from trygg_cli.render import views
from trygg_cli.render.formats import Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import started_line, text


@app.command(
    "new",
    cls=TryggCommand,
    epilog=examples("trygg new 2022", "trygg new 2022 --from 2020", "trygg --data-dir annan/ new 2022"),
)
def new(
    ctx: typer.Context,
    year: NewYearArgument,
    previous: NewPreviousOption = None,
    force: NewForceOption = False,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Start a year's file from an earlier one (the same items, amounts and total, ready to edit), or
    the first year from a template."""
    from trygg_cli import rollover

    template = text(locale, "template", year=year).encode("utf-8")

    def header(origin: rollover.Origin) -> list[str]:
        counted = text(locale, "changes.one" if origin.applied == 1 else "changes.many", count=origin.applied)
        changes = text(locale, "new.changes", previous=origin.previous, changes=counted) if origin.applied else ""
        said = [
            text(
                locale,
                "new.header",
                year=origin.year,
                source=origin.source,
                previous=origin.previous,
                today=origin.today,
            )
        ]
        return [*said, *([changes] if changes else []), text(locale, "new.edit", year=origin.year)]

    started = rollover.start(
        year, settings_of(ctx).data_dir, previous, template, date.today(), force=force, header=header
    )
    if started.result is None and started.previous is not None:  # the year it starts from has problems
        report_problems([started.previous], Report.TEXT, locale)
        err(text(locale, "trygg", message=text(locale, "has-problems", path=started.previous.path, year=year)))
        raise typer.Exit(PROBLEMS)
    if not started.ready:  # a bug in trygg, never a user's mistake
        report_problems([started.result] if started.result else [], Report.TEXT, locale)
        fail("made-invalid", year=year)
    rollover.write(started, force=force)
    typer.echo(str(started.target))
    for dropped in started.dropped:
        err(text(locale, "new.dropped", id=dropped.id, key=dropped.key, day=dropped.day, year=year))
    if started.previous is None or started.previous.budget is None:
        err(text(locale, "started.template", year=year))
    else:
        from trygg_cli.amendments import in_force

        was = in_force(started.previous.budget)
        items, total = len(was.items), was.total
        err(started_line(locale, year=int(year), source=started.previous.path, items=items, total=total, unit=was.unit))


@app.command("unit", cls=TryggCommand, epilog=examples("trygg unit 2021 tkr", "trygg unit data/budget-2022.yaml mkr"))
def unit_command(
    ctx: typer.Context,
    year: YearArgument,
    to: UnitArgument,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Write a year file's amounts in another unit (kr, tkr or mkr), exactly; every comment, note
    and line that holds no amount stays as it was."""
    from trygg_cli import units
    from trygg_cli.targets import read_file

    found = named_years(ctx, [year], staged=False)
    loaded = found.loaded[0]
    if loaded.rev is not None or loaded.path == "<stdin>":
        fail("unit-not-a-file", target=year)
    if loaded.budget is None or loaded.problems:
        report_problems(found.loaded, None, locale)
        raise typer.Exit(PROBLEMS)
    _, data = read_file(loaded.path)
    new = units.rewritten(data, loaded.budget, to, loaded.path)
    files.write_atomic(Path(loaded.path), new, replace=True)
    typer.echo(loaded.path)
    err(text(locale, "unit.done", path=loaded.path, before=loaded.budget.unit.value, unit=to.value))


@app.command(
    "publish",
    cls=TryggCommand,
    epilog=examples(
        "trygg publish site/",
        "trygg publish site/ --locale en --license CC-BY-4.0 --base-url https://example.se/trygghet/",
    ),
)
def publish(
    ctx: typer.Context,
    folder: PublishFolderArgument,
    locale: LocaleOption = Locale.SV,
    license: PublishLicenseOption = "CC0-1.0",
    base_url: PublishBaseUrlOption = None,
    title: PublishTitleOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Publish every year of the data dir as open data in DIR: budget.csv, years.csv, changes.csv,
    budget.json, a Data Package (datapackage.json) and a page anyone can read (index.html)."""
    from trygg_cli import publish as publishing
    from trygg_cli.render.publication import publication_files

    chosen = publishing.chosen_license(license)
    publishing.check_url(base_url)
    before = publishing.claim(folder)
    loaded, strays = publishing.read_years(settings_of(ctx).data_dir)
    name_strays(strays, locale)
    found = publishing.publication(loaded, chosen, title=title, base_url=base_url)
    made = publication_files(found, locale)
    publishing.replace_files(folder, made, before)
    problem_lines(found.problems, locale)
    err(text(locale, "publish.wrote", count=len(made), folder=folder))
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "import",
    cls=TryggCommand,
    epilog=examples(
        "trygg show 2021 -o 2021.xlsx && trygg import 2021 2021.xlsx",
        "trygg import 2021 förslag.csv --dry-run",
        "trygg import 2021 2021.xlsx --remove",
    ),
)
def import_(
    ctx: typer.Context,
    year: YearArgument,
    sheet: ImportSheetArgument,
    remove: ImportRemoveOption = False,
    dry_run: ImportDryRunOption = False,
    unit: UnitOption = None,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Write the edits of a sheet that trygg show wrote (xlsx or CSV, with its Id column) into the
    year file: only the values that changed, every comment and note kept; nothing is written
    unless the result validates."""
    from trygg_cli import importing, targets
    from trygg_cli.amendments import in_force
    from trygg_cli.check import checked

    path, _ = targets.year_path(year, settings_of(ctx).data_dir)
    loaded, data = targets.read_file(path)
    loaded = checked(loaded)
    (budget,) = budgets_or_exit([loaded], None, locale)
    read = importing.read_sheet(sheet, budget.year, budget.unit)
    result = importing.imported(loaded, data, read, remove=remove)
    if result.problems:
        problem_lines(result.problems, locale)
        err(text(locale, "trygg", message=text(locale, "import.refused", path=path, sheet=sheet)))
        raise typer.Exit(PROBLEMS)
    assert result.result is not None
    after = result.result
    for item_id in result.missing:
        err(text(locale, "import.removed" if remove else "import.missing", id=item_id, path=sheet))
    if dry_run and after.budget is not None:
        from trygg_cli.render.registry import writer

        comparison = compare(in_force(budget), in_force(after.budget))
        writer(chosen_format(None, None)).write(views.import_table(comparison, unit or budget.unit), locale, sys.stdout)
    if dry_run or after.problems or after.budget is None:
        if after.problems:
            report_problems([after], Report.TEXT, locale)
            err(text(locale, "trygg", message=text(locale, "import.refused", path=path, sheet=sheet)))
            raise typer.Exit(PROBLEMS)
        raise typer.Exit(OK)
    if not result.changed:
        err(text(locale, "import.unchanged", path=path, sheet=sheet))
        raise typer.Exit(OK)
    try:
        files.write_atomic(path, result.data, replace=True)
    except OSError as error:
        fail("cannot-write", path=path, why=error.strerror or str(error))
    err(text(locale, "wrote", path=path))
    raise typer.Exit(OK)
