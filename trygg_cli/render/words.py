"""The catalogue: every label and every message trygg writes, put into words in the language asked for.

Each text has a key and an English template here (`TEXTS`); its Swedish is in the gettext
catalogue `trygg_cli/locale/sv/LC_MESSAGES/trygg.po` (compiled to `trygg.mo` beside it), found
by the key as message context. Views hold `Words` (a label and its figures), problems and
errors a reason and figures: this is the one place that turns them into text. JSON messages are
always English. Key names of the file (`amount`, `total`) stay as written in both languages.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from trygg_cli.model import Problem, TryggError, Unit
from trygg_cli.render import numbers
from trygg_cli.render.labels import Words
from trygg_cli.render.locale import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

TEXTS: dict[str, str] = {
    # Labels of tables
    "item": "Item",
    "change": "Change",
    "change_pct": "Change %",
    "sum": "Total",
    "sum_shown": "Total of rows shown",
    "sum_package": "Package total",
    "share": "Share {year}",
    "change_between": "Change {old}–{new}",
    "rounded": "Amounts are rounded; totals are computed from the exact amounts.",
    "same_name": "{old} → {new}: same name, new id; was it renamed?",
    "budget_of": "Budget {year}",
    "with_unit": "{header} ({unit})",
    "note": "Note",
    "declared": "Decided total",
    "added": "new",
    "removed": "removed",
    "renamed": "renamed, was “{old}”",
    "marked": "{name} ({marks})",
    "year": "Year",
    "years": "Budget years",
    "total": "Total",
    "items": "Items",
    "status": "Status",
    "ok": "ok",
    "problems": "problems ({count})",
    "unloaded": "does not load",
    "compared": "{title}: {old}–{new}, {unit}",
    "side_by_side": "{title}: {years}, {unit}",
    "titled": "{title}, {unit}",
    "titled.stage": "{title}, {stage}, {unit}",
    "compared.revisions": "{title} {year}: {old} → {new}, {unit}",
    "working_tree": "working tree",
    "compared.stage": "{title}: {old}–{new} ({stage}), {unit}",
    "side_by_side.stage": "{title}: {years} ({stage}), {unit}",
    "stage.original": "original budget",
    "stage.after.one": "after 1 budget change",
    "stage.after.many": "after {count} budget changes",
    "stage.on": "in force {on}",
    "stage.on.after": "in force {on}, {after}",
    "stage.year": "{year} {stage}",
    "budget": "Budget",
    "kr": "SEK",
    "tkr": "thousand SEK",
    "mkr": "million SEK",
    # Problems: reading the bytes
    "utf-16": "file is UTF-16, not UTF-8; save it as UTF-8",
    "not-utf-8": "file is not UTF-8 (byte 0x{byte:02X} cannot start a character){hint}",
    "not-utf-8.windows": "; it looks like Windows-1252 (0x{byte:02X} is {letter!r} there): save it as UTF-8",
    "not-utf-8.save": "; save it as UTF-8",
    "not-utf-8.nul": "; it holds NUL bytes: is it a binary file?",
    "control-character": "control character U+{code_point:04X} has no place in a budget file",
    "nul-byte": "a NUL byte has no place in a budget file",
    "more-control-characters": "{count} more control characters: is this a text file?",
    "too-large": "file is {size} MiB; trygg reads budget files of at most {most} MiB",
    # Problems: YAML
    "yaml-syntax": "{detail}",
    "tab": "tab character where YAML needs spaces; indent with spaces",
    "too-deep": "nesting deeper than {most} levels; a budget needs three",
    "alias": "alias *{anchor} is not allowed; write the value out",
    "anchor": "anchor &{anchor} is not allowed; write each value out",
    "tag": "tag {tag} is not allowed; write a plain value",
    "merge-key": "merge key << is not allowed; write the keys out",
    "several-documents": "several documents in one file; a budget file holds one",
    # Problems: editing slips, each with its fix
    "colon-in-value": "{key} has ': ' in it, which YAML reads as a new key; put it in quotes: {key}: {fixed}",
    "comment-in-value": "'#' starts a comment in YAML, so {key} is empty; put it in quotes: {key}: {fixed}",
    "missing-space": "'{written}' needs a space after the colon: {fixed}",
    "indentation": "this line is indented {found} spaces, but {expected}; indent it the same",
    "indentation.item": "the other lines of this item are indented {spaces}",
    "indentation.dash": "the lines that start items are indented {spaces}",
    "indentation.top": "the lines at the top of the file are not indented",
    "merge-conflict": "unresolved merge conflict (markers on lines {lines}){totals}; keep one side, delete the markers",
    "merge-conflict.totals": ": one side says total {ours}, the other {theirs}",
    "missing-dash": "a new item starts here but has no '- ': write it as '{fixed}', in line with the other items",
    # Problems: the schema
    "empty-file": "file is empty; a budget needs year, unit, total and items",
    "file-not-mapping": "a budget file is a mapping with year, unit, total and items, not {found}",
    "key-not-text": "a key must be text, not {found}",
    "duplicate-key": "key {key!r} is repeated; the first, on line {first_line}, is used",
    "unknown-key": "unknown key {key!r} in {place}; {hint}allowed: {allowed}",
    "unknown-key.meant": "did you mean {meant!r}? ",
    "missing-key": "{place} has no {key!r}; it needs {required}",
    "place.file": "the file",
    "place.item": "this item",
    "found.mapping": "a mapping",
    "found.list": "a list",
    "found.value": "the value {value!r}",
    "not-single-value": "{what} must be a single value, not {found}",
    "empty-value": "{what} is empty",
    "year-quoted": 'year is written as text ("{value}"); write it without quotes: {value}',
    "bad-year": "year must be a four-digit year such as 2021, not {value!r}",
    "bad-unit": "unit must be kr, tkr or mkr, not {value!r}{hint}",
    "bad-unit.meant": "; did you mean {meant}?",
    "items-not-list": "items must be a list of items (each line starting with -), not {found}",
    "item-not-mapping": "an item must be a mapping with id, name and amount, not {found}",
    "id-not-slug": "id {value!r} is not a slug: use lowercase a-z, digits and single hyphens{hint}",
    "id-not-slug.example": "; for example {suggestion!r}",
    # Problems: amounts
    "amount-quoted-number": '{what} is written as text ("{text}"); write it without quotes: {fixed}',
    "amount-text": '{what} must be a number, not the text "{text}"',
    "amount-empty": "{what} has no value; write a number such as 0.8",
    "amount-negative": "{what} is negative ({shown}); amounts are 0 or more",
    "amount-sign": "{what} has a sign ({shown}); write it as {fixed}",
    "amount-unicode-minus": "{what} {shown} uses a Unicode minus sign (\u2212); amounts are 0 or more, written 0.8",
    "decimal-comma": "{what} {shown} has a decimal comma; write it with a point: {fixed}",
    "spaced-thousands": "{what} {shown} has spaces between thousands; write it without them: {fixed}",
    "spaced-thousands-unit": (
        "{what} {shown} has spaces between thousands, and this file is in {unit}: {shown} kr is "
        "{in_unit} {unit}, write {in_unit}; or {fixed} if you mean {shown} {unit}"
    ),
    "underscores": "{what} {shown} has underscores; write it without them: {fixed}",
    "not-finite": "{what} {shown} is not a finite number; write a number such as 0.8",
    "exponent": "{what} {shown} is written with an exponent; write it out: {fixed}",
    "sexagesimal": "{what} {shown} is not a number (YAML 1.1 reads it as base 60); write a decimal number such as 0.8",
    "not-a-number": "{what} must be a number such as 0.8, not {shown!r}",
    "amount-too-large": "{what} {shown} {unit} is too large (at most {most} kr)",
    "finer-than-ore": "{what} {shown} {unit} is {kronor} kr, finer than whole öre",
    # Problems: the whole budget
    "total-mismatch": "items sum to {sum} but total is {total} ({gap} {how}){hint}",
    "total-mismatch.kronor": "; did you write kronor for {name}? {kronor} kr is {in_unit}: write {fixed}",
    "total-mismatch.short": "short",
    "total-mismatch.over": "over",
    "duplicate-id": "id {id!r} is used twice; the first is on line {first_line}",
    "year-mismatch": "year is {year} but the file is named for {named}",
    # Problems: budget changes
    "changes-not-list": "changes must be a list of changes (each starting with -), not {found}",
    "change-not-mapping": "a change must be a mapping with date, decision and moves, not {found}",
    "moves-not-mapping": (
        "moves must map item ids to signed amounts, like {{sspf: +0.3, lokala-arbetsgrupper: -0.3}}, not {found}"
    ),
    "unknown-item": "moves names {id!r}, which is no item of the year{hint}; the items are {known}",
    "unknown-item.meant": "; did you mean {meant!r}?",
    "change-unbalanced": (
        "the moves add up to {sum}; without a total they move money between lines and must add up to 0 ({gap} off)"
    ),
    "change-unbalanced.total": (
        "the moves add up to {sum}; the total goes from {before} to {total}, so they must add up to {expected} "
        "({gap} off)"
    ),
    "negative-budget": "{id}'s budget in force goes below zero on {date} ({after}); move at most {most}",
    "place.change": "this change",
    # Problems: how an amount falls over the year
    "months-not-list": "months must be a list of 12 numbers, January first, not {found}",
    "months-not-twelve": "months has {count} numbers; it needs 12, one for each month from January",
    "months-not-number": "each of the 12 months must be a number such as 1 or 0.5, not {found}",
    "months-negative": "a month's share cannot be negative ({value}); write 0 for a month without any",
    "months-all-zero": (
        "every month is 0, so the amount falls on no month; give the months it falls on a number above 0"
    ),
    "bad-date": "{what} must be a date written YYYY-MM-DD, such as 2021-09-01, not {value!r}",
    "no-such-date": "{what} {value} is not a date: month {month} has {days} days",
    "date-outside-year": "{what} {value} is not in {year}; the dates of a year's file are in its year",
    "start-after-end": "start {start} is after end {end}; the period runs from start to end",
    "forecast-empty": "forecast has no dates; write forecast: 0.13, or forecast: {{2021-08-31: 0.13}}",
    "no-weight": (
        "{id} falls on no day: every month of its period weighs 0; give those months a number above 0, "
        "or move start and end"
    ),
    # What a run says
    "summary.good": "{checked}: all good",
    "summary.bad": "{checked}: {problems} in {bad}",
    "checked.one": "1 file checked",
    "checked.many": "{count} files checked",
    "files.one": "1 file",
    "files.many": "{count} files",
    "problem.one": "1 problem",
    "problem.many": "{count} problems",
    "items.one": "1 item",
    "items.many": "{count} items",
    "started": "started {year} from {source}: {items}, total {total}; edit it, then run `trygg validate {year}`",
    "started.template": (
        "started {year} from a template: one example item and its total; put in your items, names and "
        "amounts and the total the council decided, then run `trygg validate {year}`"
    ),
    "wrote": "wrote {path}",
    "new.dropped": (
        "{id}: {key} {day} is not taken over to {year} (only a year's first and last day move on); "
        "set {year}'s {key} by hand"
    ),
    "stray": "{path}: not read: a data dir holds one file per year, named budget-YYYY.yaml; rename it, or move it out",
    "stray.duplicate": "{path}: not read: {kept} is the budget for {year}; keep one of the two",
    # Could not run (exit 2)
    "trygg": "trygg: {message}",
    "no-such-year": "no budget for {year}: {path} does not exist (years in {folder}: {known})",
    "none": "none",
    "no-such-file": "{target}: no such file, and not a four-digit year",
    "no-such-file.meant": "{target}: no such file; did you mean {meant} (or just {year})?",
    "no-data-dir": (
        "the data dir {folder} does not exist (looked for it in {cwd}); point trygg at the folder "
        "that holds budget-YYYY.yaml with --data-dir DIR or TRYGG_DATA_DIR=DIR"
    ),
    "no-budget-files": "no budget files (budget-YYYY.yaml) in {folder}",
    "is-a-directory": "{path}: is a directory, not a budget file",
    "cannot-read": "{path}: cannot read it ({why})",
    "not-a-year": "{year}: YEAR must be a four-digit year, such as 2022",
    "exists": "{path} exists already; use --force to replace it",
    "no-year-before": "no year before {year} in {folder} to start from; name one with --from",
    "has-problems": "{path} has problems; fix them before starting {year} from it",
    "made-invalid": "the file made for {year} does not validate; nothing was written",
    "cannot-write": "cannot write {path}: {why}; nothing was written",
    "reads-input": "{path} is one of the files being read; trygg never writes to its input",
    "needs-output": "--format {format} writes a file, not text: name it with --output FILE.{format}",
    "unknown-suffix": "{path}: trygg does not write {suffix}; {hint}",
    "unknown-suffix.none": "files without a suffix",
    "suffix.known": "use one of {known}, or name a format with --format",
    "suffix.xls": "use .xlsx (Excel opens it)",
    "suffix.doc": "use .docx (Word opens it)",
    "suffix.odt": "use .docx (LibreOffice opens it)",
    "suffix.ods": "use .xlsx (LibreOffice opens it)",
    "suffix.pdf": "write .docx or .html and print that to PDF",
    "suffix.picture": "a table is text; for a picture, `trygg chart` writes .svg",
    "chart-svg": "{path}: trygg draws charts as SVG (-o chart.svg), a picture Word and browsers show",
    "needs-extra": "--format {format} needs {package}: {command}",
    "needs-extra.read": "{path}: reading an xlsx export needs {package}: {command}",
    "template": (
        "# The budget for {year}: each item is one line of the package. Its id stays the same from\n"
        "# year to year (lowercase a-z, digits and hyphens), its name is as the council paper writes it,\n"
        "# and its amount is in the unit below. Put in your items, make the total what the council\n"
        "# decided, then check the file with: trygg validate {year}\n"
        "year: {year}\n"
        "title: Budget {year}\n"
        "unit: mkr  # kr, tkr or mkr\n"
        "total: 1.0  # the items must add up to this, to the öre\n"
        "items:\n"
        "  - id: example\n"
        "    name: Example item\n"
        "    amount: 1.0\n"
    ),
    "no-git": "trygg needs git to read a year at a revision, and git is not installed",
    "not-a-repository": "{path}@{rev}: {path} is not in a git repository",
    "unknown-revision": "{rev}: no such revision in this git repository",
    "not-at-revision": "{path}@{rev}: the revision {rev} has no {path}",
    "review.title": "Budget changes against {base}",
    "review.none": "No year file differs from {base}.",
    "review.valid": "{year}: valid",
    "review.invalid": "{year}: does not validate ({problems})",
    "review.removed": "{year}: removed",
    "review.headline": "{year}: total {old} → {new} ({change})",
    "review.year_added": "{year}: a new year, total {total}",
    "review.year_removed": "{year}: removed (its total was {total})",
    "review.unchanged.one": "1 line unchanged.",
    "review.unchanged.many": "{count} lines unchanged.",
    "review.full": "The whole table",
    "log.title": "The history of {year}",
    "log.date": "Date",
    "log.commit": "Commit",
    "log.author": "Author",
    "log.subject": "Subject",
    "log.changes": "What changed",
    "log.list": "{changes}",
    "log.added": "{name} (new) {amount}",
    "log.removed": "{name} (removed, was {amount})",
    "log.changed": "{name} {before} → {after}",
    "log.renamed": "{old} → {name} (renamed)",
    "log.renamed_changed": "{old} → {name} (renamed) {before} → {after}",
    "log.total": "total {before} → {after}",
    "log.unloaded.one": "does not load (1 problem)",
    "log.unloaded.many": "does not load ({count} problems)",
    "log.skipped.one": "1 commit that changed only notes, comments or layout is left out.",
    "log.skipped.many": "{count} commits that changed only notes, comments or layout are left out.",
    "log.skipped_item.one": "1 commit that did not change {item} is left out.",
    "log.skipped_item.many": "{count} commits that did not change {item} are left out.",
    "log.match": "{name}: match {before} → {after}",
    "log.package_match": "the package's match {before} → {after}",
    "log.forecast": "{name}: own forecast {before} → {after}",
    "review.follow": "The follow-up: {changes}.",
    "bad-locale": "{value!r} is not a language trygg speaks: use sv or en (sv_SE, en_GB.UTF-8 and the like work too)",
    # The follow-up (trygg follow): its table, and the problems of year files' match and of exports
    "months.title": "{title}, by month, {unit}",
    "months.year": "Year",
    **{
        f"month.{number}": name
        for number, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
    # The budget into the accounting system (show --format sie), and a sheet's edits back (import)
    "id": "ID",
    "import.file": "{year} (file)",
    "import.sheet": "{year} (sheet)",
    "import.title": "{old} → {new}, {unit}",
    "import.refused": "{path} is not written: the sheet {sheet} has problems, or the year would not validate",
    "import.missing": "{id}: not in {path}; kept (--remove removes the items a sheet does not have)",
    "import.removed": "{id}: not in {path}; removed",
    "import.unchanged": "{path} is as {sheet} says: nothing to write",
    "import-no-header": "{path}: no header row with Id and Post (Item) columns, as trygg show -o FILE.xlsx writes",
    "import-no-amount": "{path}: no amount column: the year ({year} (mkr)), or the months (jan … dec, Helår)",
    "import-bad-csv": "{path}: not a CSV file trygg can read ({why})",
    "import.bad-amount": "{cell}: {written!r} is not an amount",
    "import.no-amount": "{cell}: no amount",
    "import.finer-than-ore": "{cell}: {written} {unit} is finer than an öre",
    "import.no-cached-value": "{cell}: the formula {formula} has no saved value: open and save the file in Excel first",
    "import.duplicate-id": "{cell}: the id {id} is in the sheet twice (first in {first})",
    "import.bad-id": "{cell}: {written!r} is not an id (lower-case letters, digits and hyphens, such as {suggestion})",
    "import.id-taken": "{cell}: {name} would get the id {id}, which another item has: give the row an id of its own",
    "import.no-name": "{cell}: a row with an amount but neither id nor name",
    "import.after-total": "{cell}: an amount below the Summa row ({total}): the table ends with its Summa row",
    "import.wrong-year": "{cell}: the sheet's amounts are for {written}, not {year}",
    "import.months-gap": "{cell}: {id}'s months add up to {sum}, not its year's {amount} ({gap})",
    "import.cannot-edit": "{id} {key}: not on a line of its own, which trygg import can change; change it by hand",
    "import.months-kept": "{cell}: {id}'s months would fall otherwise than the sheet says (its start, end or budget "
    "changes spread them): change them by hand",
    "sie-table": "--format sie writes the budget for the accounting system: trygg show YEAR --months -o budget.se",
    "sie-bad-dimension": "--dimension {value!r}: write NAME=N, such as ansvar=1",
    "sie-bad-account": "--account {value!r} is not an account number",
    "sie-unknown-dimension": (
        "the dimension {dimension} has no SIE number: give --dimension {dimension}=N, "
        "or --like EXPORT.se to take it from an export's #DIM"
    ),
    "sie-no-account": "no account to book {ids} on: give --account KONTO, or a konto in their match",
    "sie.account-list": "{id}: konto {codes} is not one account: booked on --account {account}",
    "sie.object-list": "{id}: {dimension} {codes} is a list or a prefix, which a budget cannot be booked on: left out",
    "sie.not-pc8": "{text!r} is written {written!r}: PC8 lacks some of its characters",
    "changes.title": "{title}: budget changes, {unit}",
    "log.decision": "budget change {decision}: {moves}",
    "log.created": "new: total {total}",
    "new.header": "# {year}, started from {source} ({previous}) by `trygg new {year}` on {today}.",
    "new.changes": ("# The amounts and the total are {previous}'s in force: {changes} of {previous} are in them."),
    "unit.done": "{path}: the amounts are now in {unit} (were {before}); nothing else changed",
    "unit-unsure": (
        "the file's amounts could not all be rewritten in {unit} with certainty (a layout trygg does not "
        "rewrite); nothing was written"
    ),
    "unit-not-a-file": (
        "{target}: trygg rewrites a year file in the work tree, not at a revision or from standard input"
    ),
    "changes.one": "1 budget change",
    "changes.many": "{count} budget changes",
    "new.edit": "# Edit the items and the total, then check them with `trygg validate {year}`.",
    "textconv.total": "total",
    "textconv.setup": (
        "git diff shows year files so when set up, in the repository: git config diff.trygg.textconv "
        "\"{trygg} show --textconv\" && echo 'data/budget-*.yaml diff=trygg' >> .gitattributes"
    ),
    "no-such-item-ever": "--item {item}: no line of the year's history has that id or name; its ids are {known}",
    "item-two-ids": "--item {item}: two lines have had that name ({ids}); give the id",
    "log.move": "{name} {amount}",
    "review.decisions": "Budget changes: {changes}",
    "changes.date": "Date",
    "changes.decision": "Decision",
    "changes.amount": "Change",
    "changes.after": "Budget after",
    "changes.total_after": "Total after",
    "changes.note": "{date}: {note}",
    "postings.title": "{name} {year}: the postings to {as_of}, {unit}",
    "postings.date": "Date",
    "postings.voucher": "Voucher",
    "postings.text": "Text",
    "postings.account": "Account",
    "postings.objects": "Objects",
    "postings.amount": "Amount",
    "by_month.title": "{name} {year}: month by month to {as_of}, {unit}",
    "by_month.month": "Month",
    "by_month.budget": "Budget of the month",
    "by_month.actual": "Actual of the month",
    "by_month.month_end": "the month's end",
    "no-such-item": "--item {item}: the year has no such line; its ids are {known} (or ej-fordelat)",
    "item-without-match": "--item {item}: the line has no match, so no postings are its; add match to follow it up",
    "follow.marks": "Marks",
    "chart.budget": "Budget to the month's end",
    "chart.actual": "Actual to {as_of}",
    "svg-table": "--format svg draws a picture, for trygg follow --by month; trygg chart draws two years",
    "follow.marks_list": "{marks}",
    "follow.budget": "Budget",
    "follow.original_budget": "Original budget",
    "follow.changes": "Changes",
    "follow.actual": "Actual to {as_of}",
    "follow.used": "Used %",
    "follow.remaining": "Remaining",
    "follow.forecast": "Forecast",
    "follow.variance": "Variance",
    "follow.unallocated": "Unallocated",
    "follow.none": "–",
    "follow.over": "over budget",
    "follow.own_forecast": "own forecast",
    "follow.title": "{title} {year}: follow-up to {as_of}, {unit}",
    "follow.pace": (
        "Forecast: where no own forecast is given, the actual so far carried on as the budget falls over "
        "the year (actual × budget / budget to date)."
    ),
    "follow.budget_to_date": "Budget to {as_of}",
    "follow.variance_to_date": "Variance to {as_of}",
    "follow.as_budgeted": "as budgeted",
    "follow.as_budgeted_note": (
        "as budgeted: the line has no budget up to {as_of} (it starts later); its forecast is the actual "
        "and the budget still to come."
    ),
    "follow.without_match": "Total counts the lines without match (no actual) with their budget as forecast: {names}.",
    "follow.dated_forecast": "{name}: own forecast of {date}, {amount}.",
    "follow.dated_forecast.previous": (
        "{name}: own forecast of {date}, {amount}; the one before, of {previous_date}, was {previous} ({change})."
    ),
    "follow.excluded": (
        "Not counted: {after} of the package's postings dated after {as_of} and {outside} dated outside {year}."
    ),
    "match-not-mapping": 'match should name dimensions and their codes, like {{ansvar: "3100"}}; found {found}',
    "match-key": "a key of match should name a dimension (ansvar, projekt, konto …); found {found}",
    "match-codes": (
        '{dimension} in match should be one code or a list of codes, like "1203" or ["1203", "1204"] '
        "(a * only at the end, for a prefix); found {found}"
    ),
    "match-repeated": "dimension {key!r} is named twice in this match; the first is used",
    "unknown-dimension": (
        "match names the dimension {dimension!r}, which {export} does not have (it has: {known}): no posting "
        "can match it"
    ),
    "ambiguous-match": (
        "this posting (voucher {voucher}) matches both {items}: it is counted as unallocated, in neither; "
        "narrow one of the matches"
    ),
    "ambiguous-match.and": " and ",
    "unbalanced": "voucher {voucher} does not balance: its rows add up to {off}, not 0",
    "duplicate-voucher": "voucher {voucher} of {day} was read already from {earlier}: counted once",
    "export.bad-date": "{written!r} is not a date: write it as YYYY-MM-DD",
    "export.bad-amount": "{written!r} is not an amount: write it like -1234.50 (in a CSV with ; like -1234,50)",
    "export.finer-than-ore": "{written!r} is finer than whole öre",
    "export.bad-row": "a row that cannot be read ({why}): the rest of the file is not read",
    "export.bad-account": "{written!r} is not an account number",
    "checksum": (
        "#KSUMMA says {declared}, but the file's checksum is {computed}: it was changed or cut after the "
        "export; export it again"
    ),
    "truncated-checksum": "the file opens a #KSUMMA but never closes it: it is cut short; export it again",
    "bad-objects": (
        'the object list {{{written}}} should be pairs of a dimension and a code, like {{1 "3100" 6 "1203"}}'
    ),
    "sie-brace": "a {written} here neither opens nor closes a voucher",
    "sie-not-record": "this line is not an SIE record (a record starts with #): {written!r}",
    "sie-unclosed-brace": "a {{ that is never closed: {written!r}; is the file cut short?",
    "sie-unclosed-quote": "a quote that is never closed: {written!r}",
    "sie-voucher": "#VER needs a series, a number and a date (#VER A 12 20210315); found {written!r}",
    "sie-voucher-series": (
        '#VER has no series before its number and date ({written!r}): write {fixed}, with "" for no series'
    ),
    "sie-bad-date": "{written!r} is not a date as SIE writes one: YYYYMMDD, like 20210831",
    "sie-row-outside": "{label} outside a voucher's {{ }}: not counted",
    "sie-row": '{label} needs an account, an object list and an amount (#TRANS 5460 {{1 "3100"}} 1250.00)',
    "sie-account": "{written!r} is not an account number",
    "sie-unclosed-voucher": "this voucher is never closed with }}: its rows are not counted; is the file cut short?",
    "sie-encoding": "#FORMAT says {label}, but the file is written in {encoding}: read as {encoding}",
    "more-problems": "{count} more problems of this kind ({code}) in this file, not listed",
    "not-sie": "{path}: not an SIE file (an SIE file starts with #FLAGGA)",
    "sie-type": (
        "{path}:{line}: #SIETYP {written} has no vouchers: trygg follow needs an SIE 4 export (#SIETYP 4), "
        "so export type 4 from the accounting system"
    ),
    "unknown-export": "{path}: trygg reads exports in SIE 4 (.se, .si, .sie), .csv and .xlsx, not {suffix}",
    "not-xlsx": "{path}: not an xlsx workbook",
    "export-missing": "{path}: no such file",
    "export-is-a-directory": "{path}: a folder, not an export",
    "export-empty": "{path}: empty, with no header row",
    "missing-column": "{path}:1: {missing}; its columns are {columns}: name the column to use with {options}",
    "missing-column.none": "no {column} column{asked}",
    "missing-column.asked": " named {asked!r}",
    "missing-column.date": "date",
    "missing-column.amount": "amount",
    "missing-column.account": "account",
    "no-vouchers-in-year": "the exports have no voucher dated in {year}: give the date to follow up to with --as-of",
    "exports-without-vouchers": (
        "{paths}: no vouchers, so no date to follow up to: export the vouchers too, or give the date with --as-of"
    ),
    "sie-5": (
        "{path}: an SIE 5 file (XML), which trygg does not read: export SIE 4 (type 4, with the vouchers) "
        "from the accounting system"
    ),
    "sie-no-vouchers": (
        "this SIE file holds no vouchers (#VER): no postings to follow up; export it again with the year's vouchers"
    ),
    "export-no-rows": "this export has its header row and no rows under it: no postings to follow up",
    "duplicate-export": "the same export as {earlier}, given twice: read once",
    "as-of-outside-year": "--as-of {as_of} is not in {year}",
    "bad-as-of": "--as-of {value!r} is not a date: write it as YYYY-MM-DD",
    "no-such-as-of": "--as-of {value} is not a date: month {month} has {days} days",
    "as-of-and-original": "--as-of and --original ask for two different budgets: give one of them",
    "over-budget": "over budget: {names} (--fail-over)",
    "over-forecast": "forecast above budget: {names} (--fail-forecast)",
    "nothing-to-follow": (
        "nothing in {year} can be followed up: neither the package nor any line has a match; add "
        'match to the year file, such as match: {{ansvar: "1510"}} at the top, or match: {{projekt: "2101"}} '
        "on a line (README: Follow-up)"
    ),
    "unknown-column": "--columns: trygg knows no column {asked}; the columns are {known}",
    # trygg publish
    "publish-not-ours": (
        "{folder} holds other files ({names}) and no {marker}: trygg publishes into a new or empty "
        "folder, or one it published into before"
    ),
    "publish-not-a-folder": "{path}: not a folder; trygg publish writes a folder of files",
    "unknown-license": "--license {license}: trygg knows {known} (SPDX ids)",
    "unreadable": "the file cannot be read: {why}",
    "publish-bad-url": "--base-url {url!r} is not a web address: write it as https://example.se/budget/",
    "publish.wrote": "published {count} files in {folder}",
    "publish.guarded": (
        "{description} A text that would begin like a spreadsheet formula (=, +, -, @, a tab, or ') has "
        "a ' in front; drop one leading ' to read it."
    ),
    "publish.field.year": "The budget year (the year of the year file's name).",
    "publish.field.id": "The line's id, the same from year to year.",
    "publish.field.name": "The line's name.",
    "publish.field.amount": "The line's budget in force after the year's budget changes, in kronor (SEK).",
    "publish.field.original_amount": "The line's budget as first decided, in kronor (SEK).",
    "publish.field.note": "A note on the line.",
    "publish.field.title": "The year's title; empty where the file cannot be read.",
    "publish.field.total": "The package's total as decided, in force after the year's budget changes, in kronor (SEK).",
    "publish.field.original_total": "The package's total as first decided, in kronor (SEK).",
    "publish.field.lines_sum": (
        "The sum of the year's lines in force, in kronor (SEK); equal to total_sek in a valid year."
    ),
    "publish.field.unit": "The unit the year file writes its amounts in: kr, tkr or mkr.",
    "publish.field.valid": (
        "true where the year file passes every check of trygg validate; its problems are in budget.json."
    ),
    "publish.field.source": "The year file's name.",
    "publish.field.date": "The date the budget change was decided.",
    "publish.field.decision": "The decision that made the change.",
    "publish.field.moved": "The id of the line whose budget it changes.",
    "publish.field.move": "The amount added to the line's budget (negative: taken from it), in kronor (SEK).",
    "publish.budget.title": "Budget lines",
    "publish.budget.description": (
        "Every year's lines, one row per year and line, in the year file's order; the totals are in years.csv."
    ),
    "publish.years.title": "Budget years",
    "publish.years.description": "One row per year: its total, its unit, and whether the year file validates.",
    "publish.changes.title": "Budget changes",
    "publish.changes.description": (
        "The budget changes decided during each year, one row per line a change moves budget to or from."
    ),
    "publish.budget-json.title": "The budget as one JSON document",
    "publish.budget-json.description": (
        "The same data as the CSV files, as one document, with each year's problems and every line of its file."
    ),
    "publish.description": (
        "{title}: the budget of each year from {first} to {last}, line by line, as first decided and in "
        "force after the year's budget changes."
    ),
    "publish.files": "The data",
    "publish.link.budget": "Every year's budget lines (CSV)",
    "publish.link.years": "The years' totals (CSV)",
    "publish.link.changes": "The budget changes during the years (CSV)",
    "publish.link.json": "All of it as one JSON document",
    "publish.link.package": "What the files hold, field by field (Data Package)",
    "publish.license": "License: {license}",
    "publish.chart": "The package's total by year, {unit}",
    "publish.problems": "{source} has problems, so its figures may be wrong:",
    "publish.more_problems": "and {count} more problems (all of them in budget.json)",
    "publish.further": "{count} further lines",
    "publish.largest": "The {count} largest of the year's {lines} lines; every line is in the data.",
    "publish.note_link": "Note {number}",
    "publish.made": "Published {date} with trygg.",
    # Help: each command's, argument's and option's (Click's and Typer's own too), and its headings
    "help.usage": "Usage:",
    "help.arguments": "Arguments",
    "help.options": "Options",
    "help.commands": "Commands",
    "help.examples": "Examples:",
    "help.env_var": "env var",
    "help.default": "default",
    "help.required": "required",
    "help.option.help": "Show this message and exit.",
    "help.option.install-completion": "Install completion for the current shell.",
    "help.option.show-completion": "Show completion for the current shell, to copy it or customize the installation.",
    "help.option.install-completion.shell": "Install completion for the specified shell.",
    "help.option.show-completion.shell": (
        "Show completion for the specified shell, to copy it or customize the installation."
    ),
    "help.trygg": "Keep a municipal budget package in plain text, and check it.",
    "help.option.data-dir.top": "Folder that holds budget-YYYY.yaml.",
    "help.option.version": "Print the version and exit.",
    "help.command.validate": "Check that each year is well formed and its items add up to its total exactly.",
    "help.argument.years.validate": "Years, files or folders (default: every budget-YYYY.yaml in the data dir).",
    "help.option.format.validate": (
        "text (the default), json, or github: GitHub Actions annotations (the default when GITHUB_ACTIONS=true)."
    ),
    "help.option.locale": (
        "sv (the default): Swedish messages and labels, 1 234,5; en: English, 1,234.5. sv_SE, sv-SE.UTF-8, "
        "en_GB and the like work too."
    ),
    "help.option.data-dir": "The folder that holds budget-YYYY.yaml (default: ./data, or TRYGG_DATA_DIR).",
    "help.command.diff": "Compare two years item by item: amounts, change and change %, and a Summa row.",
    "help.argument.old": "The earlier year (2020) or its file.",
    "help.argument.new": "The later year (2021) or its file.",
    "help.option.unit": "Show amounts in kr, tkr or mkr (default: the file's own unit).",
    "help.option.format": (
        "rich (default on a terminal), plain (default when piped), markdown, html, csv, xlsx, docx, json, sie "
        "(trygg show: the budget month by month for the accounting system), or one of tabulate's: grid, "
        "simple_grid, rounded_grid, fancy_grid, orgtbl, rst, mediawiki, latex, latex_booktabs, asciidoc, "
        "jira, textile, tsv. With --output, the file's suffix chooses."
    ),
    "help.option.decimals": (
        "Round amounts to N places (0 to 6) for display, half up; sums are exact, then rounded. Default: "
        "every amount exactly, at least one place in mkr."
    ),
    "help.option.output": (
        "Write to FILE (atomically: a finished file or none) instead of stdout; its suffix picks the format "
        "(.docx .xlsx .csv .html .md .json .tex .tsv .txt; .se .si .sie: SIE 4 budget, trygg show)."
    ),
    "help.option.author": "The author a Word document (.docx) names. Default: none.",
    "help.option.share": "Show each item's share of its year's package (andel %).",
    "help.option.notes": "Show the items' notes as numbered footnotes.",
    "help.option.sort.diff": "Rows in the file's order, by change (largest first) or by amount.",
    "help.option.only-changed": "Leave out items that did not change.",
    "help.option.exit-code": "Exit 1 if anything differs, as git diff --exit-code does.",
    "help.option.as-of": (
        "The budget in force on this date: with the budget changes decided up to then (default: after all of "
        "them). In a diff or table, for each year as written."
    ),
    "help.option.original": "The budget as first decided, before any budget change of the year.",
    "help.command.show": (
        "Print one year's items and total, and whether it validates; with --months -o budget.se, the budget "
        "month by month as SIE 4 for the accounting system."
    ),
    "help.argument.year": "A year (2021) or a budget file.",
    "help.option.ids": "Show each item's id beside its name (CSV, xlsx and JSON always carry them).",
    "help.option.textconv": (
        "For git diff (diff.trygg.textconv): the plain table, or the file's own text where it does not load; "
        "nothing on stderr, exit 0, so git diff never breaks."
    ),
    "help.option.months": "Each item's budget month by month, as its periodisation falls (months, start, end).",
    "help.option.account": (
        "SIE budget: the account of the lines whose match names no single konto (theirs or the package's)."
    ),
    "help.option.dimension": (
        "SIE budget: the SIE number of a dimension the standard does not name (ansvar=1); may be repeated."
    ),
    "help.option.like": (
        "SIE budget: take the dimensions' numbers and the accounts', dimensions' and objects' names from this "
        "SIE export of the accounting system."
    ),
    "help.option.company": "SIE budget: the name #FNAMN gives (default: the title).",
    "help.command.table": "Several years side by side, in the order given, one row per item and a Summa row.",
    "help.argument.years.table": "Years (or files) in the order wanted: `trygg table 2021 2020` is the paper's table.",
    "help.option.change": "Show each year's change from the year before it (by year).",
    "help.command.changes": (
        "A year's budget changes in date order, each with its decision: what moved to which line, each line's "
        "budget after, and the total after."
    ),
    "help.command.follow": (
        "A year's budget against the actuals in the accounting system's exports: the budget to date as it "
        "falls over the year, the actual to date and the variance, the forecast for the year and its "
        "variance, line by line."
    ),
    "help.argument.exports": (
        "The accounting system's exports: SIE 4 (.se .si .sie), .csv or .xlsx; several are read as one."
    ),
    "help.option.as-of.follow": "Follow up to this date (default: the latest voucher date of the year in the exports).",
    "help.option.decimals.follow": (
        "Round amounts to N places (0 to 6) for display, half up; sums are exact, then rounded. Default: as "
        "many as the budget column needs in tkr and mkr, öre in kr."
    ),
    "help.option.sort.follow": "Rows in the file's order, by % used, by variance (most over first) or by actual.",
    "help.option.fail-over": "Exit 1 if any line has spent more than its budget (for CI).",
    "help.option.fail-forecast": "Exit 1 if any line's forecast for the year is above its budget (for CI).",
    "help.option.columns": (
        "The columns, in order: budget, budget_to_date, actual, variance_to_date, forecast, variance, "
        "used_pct, remaining (default: the first six)."
    ),
    "help.option.by": "month: one row a month from January to the as-of date, the package's or (--item) one line's.",
    "help.option.item.follow": (
        "One line (its id or its name; ej-fordelat for the unallocated postings): the postings behind its "
        "actual, or with --by month, the line month by month."
    ),
    "help.option.date-column": (
        "The date column of a CSV or xlsx export, where it is not Datum, Bokföringsdatum or Date."
    ),
    "help.option.amount-column": (
        "The amount column of a CSV or xlsx export, where it is not Belopp or Amount (or Debet and Kredit)."
    ),
    "help.option.account-column": "The account column of a CSV or xlsx export, where it is not Konto or Account.",
    "help.command.chart": "A bar chart of two years, item by item, in the terminal or as SVG.",
    "help.option.format.chart": (
        "rich (default on a terminal), plain (default when piped) or svg (a picture for a document)."
    ),
    "help.command.years": "List the years in the data dir, each with its total and whether it validates.",
    "help.command.schema": "Print the JSON Schema of a year file, for editors that check YAML while it is typed.",
    "help.command.new": (
        "Start a year's file from an earlier one (the same items, amounts and total, ready to edit), or the "
        "first year from a template."
    ),
    "help.argument.year.new": "The year to start, such as 2022.",
    "help.option.from": "The year (or file) to start from (default: the latest earlier year in the data dir).",
    "help.option.force": "Replace the year's file if it exists.",
    "help.command.unit": (
        "Write a year file's amounts in another unit (kr, tkr or mkr), exactly; every comment, note and line "
        "that holds no amount stays as it was."
    ),
    "help.argument.unit": "The unit to write the amounts in.",
    "help.command.publish": (
        "Publish every year of the data dir as open data in DIR: budget.csv, years.csv, changes.csv, "
        "budget.json, a Data Package (datapackage.json) and a page anyone can read (index.html)."
    ),
    "help.argument.folder": (
        "The folder to publish into: new, empty, or one trygg published into before (its .trygg-publish)."
    ),
    "help.option.license": (
        "The data's license: CC0-1.0 (the default, as Swedish open-data guidance recommends), CC-BY-4.0, "
        "ODC-By-1.0, ODbL-1.0 or PDDL-1.0."
    ),
    "help.option.base-url": (
        "Where the folder will be on the web (https://…): the package's homepage and the page's canonical link."
    ),
    "help.option.title": "The package's title (default: the newest year's title without its year).",
    "help.command.import": (
        "Write the edits of a sheet that trygg show wrote (xlsx or CSV, with its Id column) into the year "
        "file: only the values that changed, every comment and note kept; nothing is written unless the "
        "result validates."
    ),
    "help.argument.sheet": "A sheet trygg show wrote (.xlsx or .csv, in Swedish or English), edited.",
    "help.option.remove": "Remove the year's items that the sheet does not have (default: list them).",
    "help.option.dry-run": "Show what would change, as a diff, and write nothing.",
    "help.command.log": "Every commit that changed a year's content, newest first: when, who, why, and what changed.",
    "help.option.item.log": "Only the commits that changed this line (its id).",
    "help.command.review": (
        "A Markdown report of every year file that differs between BASE and the work tree, for a pull "
        "request's summary (also appended to $GITHUB_STEP_SUMMARY when it is set)."
    ),
    "help.argument.base": "The revision to review against (default: HEAD).",
}


@functools.cache
def _translation(locale: Locale) -> gettext.NullTranslations:
    if locale is Locale.EN:
        return gettext.NullTranslations()
    return gettext.translation("trygg", localedir=LOCALE_DIR, languages=[locale.value])


def text(locale: Locale, key: str, /, **figures: Any) -> str:
    """The text of `key` in `locale`, its figures filled in."""
    return _template(locale, key).format(**figures)


@functools.cache
def _template(locale: Locale, key: str) -> str:
    return _translation(locale).pgettext(key, TEXTS[key])


def say(words: str | Words, locale: Locale) -> str:
    """A cell's or a heading's text in `locale`."""
    if isinstance(words, str):
        return words
    figures = dict(words.figures)
    if words.label == "amount_with_unit":  # signed: a change, +0,02 mkr
        shown = numbers.with_unit(figures["kronor"], figures["unit"], locale)
        return "+" + shown if figures.get("signed") and figures["kronor"] > 0 else shown
    return text(locale, words.label, **{name: _figure(value, locale) for name, value in figures.items()})


def _figure(value: Any, locale: Locale) -> str:
    if isinstance(value, Words | str):
        return say(value, locale)
    if isinstance(value, Unit):
        return text(locale, value.value)
    if isinstance(value, tuple):
        return "; ".join(_figure(part, locale) for part in value)
    return str(value)


# Problems and errors --------------------------------------------------------------------------

Shaper = Callable[[Mapping[str, Any], Locale], dict[str, Any]]


def problem_message(problem: Problem, locale: Locale) -> str:
    """What is wrong, in words: the reason's text with its figures, shaped for the reader."""
    return text(locale, problem.reason, **_shaped(problem.reason, problem.figures, locale))


def error_message(error: TryggError, locale: Locale) -> str:
    """Why trygg could not run, in words."""
    return text(locale, error.reason, **_shaped(error.reason, error.figures, locale))


def _shaped(reason: str, figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    shaper = SHAPERS.get(reason)
    shaped = dict(figures) if shaper is None else shaper(figures, locale)
    if "found" in figures:
        shaped["found"] = text(locale, "found." + figures["found"], value=figures.get("value"))
    if "place" in figures:
        shaped["place"] = text(locale, "place." + figures["place"])
    if isinstance(shaped.get("unit"), Unit):
        shaped["unit"] = shaped["unit"].value
    return shaped


def _hint(key: str, figure: str) -> Shaper:
    """A text whose `{hint}` is the text of `key`, where the figure it needs is known."""

    def shape(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
        known = figures.get(figure) is not None
        return {**figures, "hint": text(locale, key, **figures) if known else ""}

    return shape


def _in_unit(*names: str, signed: tuple[str, ...] = ()) -> Shaper:
    """A text whose amounts (kronor) are written in the file's unit, with the unit: 0,2 mkr."""

    def shape(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
        shaped = dict(figures)
        for name in names:
            written = numbers.with_unit(figures[name], figures["unit"], locale)
            shaped[name] = "+" + written if name in signed and figures[name] > 0 else written
        return shaped

    return shape


def _not_utf8(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    if figures["windows_letter"] is not None:
        hint = text(locale, "not-utf-8.windows", byte=figures["byte"], letter=figures["windows_letter"])
    else:
        hint = text(locale, "not-utf-8.save") if figures["cp1252"] else ""
    if figures["nul"]:
        hint += text(locale, "not-utf-8.nul")
    return {**figures, "hint": hint}


def _total_mismatch(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    summed, total, gap = numbers.with_units([figures["sum"], figures["total"], figures["gap"]], figures["unit"], locale)
    how = text(locale, "total-mismatch.short" if figures["sum"] < figures["total"] else "total-mismatch.over")
    hint = ""
    if figures.get("kronor_name") is not None:
        kronor = figures["kronor"]
        hint = text(
            locale,
            "total-mismatch.kronor",
            name=figures["kronor_name"],
            kronor=numbers.number(kronor, 0 if kronor == kronor.to_integral_value() else 2, locale),
            in_unit=numbers.with_unit(kronor, figures["unit"], locale),
            fixed=format((kronor / figures["unit"].kronor).normalize(), "f"),
        )
    return {"sum": summed, "total": total, "gap": gap, "how": how, "hint": hint}


def _unknown_key(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    hint = text(locale, "unknown-key.meant", meant=figures["meant"]) if figures["meant"] else ""
    return {**figures, "hint": hint, "allowed": ", ".join(figures["allowed"])}


def _missing_key(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "required": ", ".join(figures["required"])}


def _too_large(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    size = numbers.number(Decimal(figures["size"]) / 1024 / 1024, 1, locale)
    return {"size": size, "most": figures["most"] // 1024 // 1024}


def _amount_too_large(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "most": numbers.number(figures["most"], 0, locale)}


def _finer_than_ore(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "kronor": format(figures["kronor"], "f")}


def _spaced_thousands_unit(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "in_unit": format(figures["in_unit"].normalize(), "f")}


def _yaml(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {"detail": figures["detail"] or "not valid YAML"}


def _summary(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {
        "checked": _count(locale, "checked", figures["files"]),
        "problems": _count(locale, "problem", figures["problems"]),
        "bad": _count(locale, "files", figures["bad"]),
    }


def counted(locale: Locale, noun: str, count: int) -> str:
    """`1 problem`, `2 problems`: a count with its noun (`problem`, `files`, `items`)."""
    return _count(locale, noun, count)


def _count(locale: Locale, noun: str, count: int) -> str:
    return text(locale, f"{noun}.one" if count == 1 else f"{noun}.many", count=count)


def _started(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {
        **figures,
        "items": _count(locale, "items", figures["items"]),
        "total": numbers.with_unit(figures["total"], figures["unit"], locale),
    }


def _known(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    known = ", ".join(str(year) for year in figures["known"]) or text(locale, "none")
    return {**figures, "known": known}


def _unknown_suffix(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    suffix = figures["suffix"]
    hint_key = _SUFFIX_HINTS.get(suffix)
    hint = text(locale, hint_key) if hint_key else text(locale, "suffix.known", known=" ".join(figures["known"]))
    return {**figures, "suffix": suffix or text(locale, "unknown-suffix.none"), "hint": hint}


_SUFFIX_HINTS = {
    ".xls": "suffix.xls",
    ".doc": "suffix.doc",
    ".odt": "suffix.odt",
    ".ods": "suffix.ods",
    ".pdf": "suffix.pdf",
    ".png": "suffix.picture",
    ".jpg": "suffix.picture",
    ".svg": "suffix.picture",
}


def _merge_conflict(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    known = figures["ours"] is not None or figures["theirs"] is not None
    unknown = "?"
    totals = text(locale, "merge-conflict.totals", ours=figures["ours"] or unknown, theirs=figures["theirs"] or unknown)
    return {"lines": figures["lines"], "totals": totals if known else ""}


def _indentation(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    expected = text(locale, "indentation." + figures["where"], spaces=figures["expected"])
    return {"found": figures["indent"], "expected": expected}


def _ambiguous(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "items": text(locale, "ambiguous-match.and").join(figures["items"])}


def _unbalanced(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "off": numbers.number(figures["off"], 2, locale) + " kr"}


def _unknown_dimension(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    return {**figures, "known": ", ".join(figures["known"]) or "–"}


def _missing_column(figures: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    """Every column missing, each with the name it was asked for by, if any."""
    asked = figures.get("asked") or {}

    def none(what: str) -> str:
        named = text(locale, "missing-column.asked", asked=asked[what]) if what in asked else ""
        return text(locale, "missing-column.none", column=text(locale, "missing-column." + what), asked=named)

    return {
        "path": figures["path"],
        "missing": ", ".join(none(what) for what in figures["missing"]),
        "columns": ", ".join(repr(name) for name in figures["columns"]) or "–",
        "options": ", ".join(f"--{what}-column" for what in figures["missing"]),
    }


SHAPERS: dict[str, Shaper] = {
    "import.months-gap": _in_unit("sum", "amount", "gap", signed=("gap",)),
    "ambiguous-match": _ambiguous,
    "unbalanced": _unbalanced,
    "unknown-dimension": _unknown_dimension,
    "missing-column": _missing_column,
    "not-utf-8": _not_utf8,
    "too-large": _too_large,
    "yaml-syntax": _yaml,
    "unknown-key": _unknown_key,
    "missing-key": _missing_key,
    "bad-unit": _hint("bad-unit.meant", "meant"),
    "unknown-item": _hint("unknown-item.meant", "meant"),
    "change-unbalanced": _in_unit("sum", "gap", signed=("gap",)),
    "change-unbalanced.total": _in_unit("sum", "gap", "total", "before", "expected", signed=("gap",)),
    "negative-budget": _in_unit("after", "most"),
    "id-not-slug": _hint("id-not-slug.example", "suggestion"),
    "amount-too-large": _amount_too_large,
    "finer-than-ore": _finer_than_ore,
    "spaced-thousands-unit": _spaced_thousands_unit,
    "total-mismatch": _total_mismatch,
    "indentation": _indentation,
    "merge-conflict": _merge_conflict,
    "summary.bad": _summary,
    "summary.good": _summary,
    "started": _started,
    "no-such-year": _known,
    "unknown-suffix": _unknown_suffix,
}


def summary_line(files: int, problems: int, bad: int, locale: Locale) -> str:
    figures = _summary({"files": files, "problems": problems, "bad": bad}, locale)
    return text(locale, "summary.bad" if problems else "summary.good", **figures)


def started_line(locale: Locale, *, year: int, source: str, items: int, total: Decimal, unit: Unit) -> str:
    figures = {"year": year, "source": source, "items": items, "total": total, "unit": unit}
    return text(locale, "started", **_started(figures, locale))
