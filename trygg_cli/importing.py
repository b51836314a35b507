"""`trygg import`: a sheet that `trygg show` wrote (CSV or xlsx), edited, back into the year file.

Two steps. Reading the sheet (`read_sheet`): its header row found by the words trygg heads it
with, in either language; each row's id, name and amount (or months) read exactly, to the first
empty row; every bad cell a problem named by its cell (B7), as a spreadsheet names it, in a CSV
too. Then writing what changed into the year file's TEXT (`imported`), as `rollover` makes a new
year: only the values that changed, in the lines that hold them, so every comment, note, blank
line, key order and quoting elsewhere stays byte for byte; new items after the last one, in the
file's indentation. The result is loaded and checked here; whether it is written is the
caller's: never where it has problems.

A sheet shows the budget in force (`trygg show`'s default): where a year has budget changes, an
amount edited in the sheet moves the amount as first decided by as much, so the changes still
apply on top of it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from trygg_cli import amendments, rules
from trygg_cli.check import checked
from trygg_cli.load import load_data
from trygg_cli.model import Budget, Loaded, Problem, Source, TryggError, Unit

# The headers trygg writes (render/words.py: "id", "item", "sum", "month.N", "months.year"),
# folded to lower case, in Swedish and in English.
ID_HEADERS = ("id",)
NAME_HEADERS = ("post", "item")
SUM_LABELS = ("summa", "total")
SWEDISH_HEADERS = ("post", "helår", "maj", "okt")
MONTH_HEADERS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    ("maj", "may"),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sep",),
    ("okt", "oct"),
    ("nov",),
    ("dec",),
)
YEAR_HEADERS = ("helår", "year")
_UNITS = "|".join(unit.value for unit in Unit)
_AMOUNT_HEADER = re.compile(rf"([0-9]{{4}})(?:\s*\(({_UNITS})\))?")
_MONTH_HEADER = re.compile(rf"([a-zåäö]+)(?:\s*\(({_UNITS})\))?")
_HEADER_ROWS = 20  # the header is looked for in the first rows (a workbook has its title above)
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_ORE = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the sheet: its row number, id, name, and amount (kronor) or months (kronor);
    `cells` names the cell of each (`{"id": "A4", "amount": "C4"}`)."""

    number: int
    id: str | None
    name: str | None
    amount: Decimal | None
    months: tuple[Decimal, ...] | None = None
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sheet:
    """What a sheet says: its lines, the total of its Summa row (None: no such row), whether it
    is the `--months` layout, and every bad cell."""

    path: str
    rows: tuple[Row, ...]
    total: Decimal | None
    by_month: bool
    problems: tuple[Problem, ...]
    total_cell: str = ""


def cell_name(row: int, column: int) -> str:
    """A cell as a spreadsheet names it: row 7, column 2 (1-based) is B7."""
    letters = ""
    while column:
        column, left = divmod(column - 1, 26)
        letters = chr(ord("A") + left) + letters
    return f"{letters}{row}"


# Reading the sheet ---------------------------------------------------------------------------


def read_sheet(path: Path, year: int, unit: Unit) -> Sheet:
    """The sheet at `path` (xlsx, else CSV), for `year`, whose file states amounts in `unit`.
    Raises `TryggError` where it cannot be read at all or has no header trygg knows."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TryggError("cannot-read", path=path, why=error.strerror or str(error)) from None
    if data.startswith(b"PK\x03\x04"):
        rows, formulas = _xlsx_sheet(data, str(path))
        workbook = _Reader(str(path), year, unit, data, workbook=True)
        workbook.formulas = formulas
        return workbook.read(iter(rows))
    text = _csv_text(data)
    first = next((line for line in text.split("\n", _HEADER_ROWS) if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if first.strip() else ","
    reader = _Reader(str(path), year, unit, data, workbook=False)
    reader.swedish = delimiter == ";"
    return reader.read(_csv_rows(text, delimiter, str(path)))


def _csv_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", "replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", "replace")
    return text


def _csv_rows(text: str, delimiter: str, path: str) -> Iterator[tuple[int, list[Any]]]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(rows, start=1):
            yield number, list(row)
    except csv.Error as error:
        raise TryggError("import-bad-csv", path=path, why=str(error)) from None


# What reading a workbook that is not whole raises: a broken zip or compression, XML that does not
# parse (ElementTree's ParseError is a SyntaxError), parts missing or not what they claim.
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, OSError, SyntaxError, KeyError, IndexError, ValueError)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(r"([A-Z]+)([0-9]+)")


def _xlsx_sheet(data: bytes, path: str) -> tuple[list[tuple[int, list[Any]]], dict[str, str]]:
    """The first sheet's rows (every row up to the last, an empty one as []) with each cell's
    saved value: text as text, a number as openpyxl gives it (an int, else a float: the shortest
    form of what was stored), and the formulas that have no saved value, by cell. Read straight
    from the workbook's XML in one pass (openpyxl builds an object per shared text: three times
    slower on a 10,000-line sheet)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            texts = book.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b""
            sheet = book.read(_first_sheet(book))
            if b"<sheetData" in sheet and (not texts or b"<sst" in texts):  # unprefixed, as programs write it
                return _sheet_cells_quickly(sheet, _shared_texts_quickly(texts))
            return _sheet_cells(sheet, _shared_texts(texts) if texts else [])
    except _BROKEN:
        raise TryggError("not-xlsx", path=path) from None


def _first_sheet(book: zipfile.ZipFile) -> str:
    from xml.etree import ElementTree

    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = next(workbook.iter(f"{_MAIN}sheet"))
    wanted = first.get(f"{_RELATIONS}id")
    relations = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(rel.get("Target", "") for rel in relations.iter(f"{_PACKAGE}Relationship") if rel.get("Id") == wanted)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


# The same, by regular expressions over the XML as spreadsheet programs write it (unprefixed
# tags): five times faster than ElementTree's events on a 10,000-line sheet.
_SI = re.compile(rb"<si>(.*?)</si>|<si/>", re.DOTALL)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)
_T = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.DOTALL)
_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.DOTALL)
_C = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_R = re.compile(rb'\br="([A-Z]*)([0-9]*)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_V = re.compile(rb"<v>(.*?)</v>", re.DOTALL)
_F = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|_x([0-9A-Fa-f]{4})_")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unescaped(raw: bytes) -> str:
    """XML text as it reads: its entities, and OOXML's _xHHHH_ escapes, resolved."""
    text = raw.decode("utf-8")
    if "&" not in text and "_x" not in text:
        return text

    def one(found: re.Match[str]) -> str:
        if found.group(2) is not None:
            return chr(int(found.group(2), 16))
        name = found.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        return chr(int(name[1:])) if name.startswith("#") else _NAMED[name]

    return _ENTITY.sub(one, text)


def _shared_texts_quickly(xml: bytes) -> list[str]:
    texts = []
    for found in _SI.finditer(xml):
        inner = found.group(1) or b""
        if b"<rPh" in inner:
            inner = _PHONETIC.sub(b"", inner)
        texts.append("".join(_unescaped(part) for part in _T.findall(inner)))
    return texts


_REFERENCED = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)


def _sheet_cells_quickly(xml: bytes, shared: list[str]) -> tuple[list[tuple[int, list[Any]]], dict[str, str]]:
    """Every cell by its reference (as Excel, LibreOffice and XlsxWriter write each cell's), in
    one pass over the sheet; a sheet with a cell without its reference is read row by row."""
    if len(_REFERENCED.findall(xml, 0, 4096)) != len(_C.findall(xml, 0, 4096)):
        return _sheet_cells_by_row(xml, shared)
    by_row: dict[int, list[Any]] = {}
    formulas: dict[str, str] = {}
    columns: dict[bytes, int] = {}
    found = 0
    for letters, digits, attributes, inner in _REFERENCED.findall(xml):
        found += 1
        number = int(digits)
        column = columns.get(letters) or columns.setdefault(letters, _column(letters.decode()))
        cells = by_row.setdefault(number, [])
        if len(cells) < column:
            cells.extend([None] * (column - len(cells)))
        typed = _TYPE.search(attributes) if b"t=" in attributes else None
        kind = typed.group(1).decode() if typed else "n"
        if kind == "s" and inner.startswith(b"<v>") and inner.endswith(b"</v>"):
            cells[column - 1] = shared[int(inner[3:-4])]
            continue
        value, formula = _quick_value(kind, inner, shared)
        cells[column - 1] = value
        if formula is not None:
            formulas[cell_name(number, column)] = formula
    if found != len(_C.findall(xml)):
        return _sheet_cells_by_row(xml, shared)
    last = max(by_row, default=0)
    return [(number, by_row.get(number, [])) for number in range(1, last + 1)], formulas


def _sheet_cells_by_row(xml: bytes, shared: list[str]) -> tuple[list[tuple[int, list[Any]]], dict[str, str]]:
    rows: list[tuple[int, list[Any]]] = []
    formulas: dict[str, str] = {}
    for row in _ROW.finditer(xml):
        numbered = re.search(rb'\br="([0-9]+)"', row.group(1))
        number = int(numbered.group(1)) if numbered else (rows[-1][0] + 1 if rows else 1)
        last = rows[-1][0] if rows else 0
        rows.extend((empty, []) for empty in range(last + 1, number))
        cells: list[Any] = []
        for cell in _C.finditer(row.group(2) or b""):
            attributes, inner = cell.group(1), cell.group(2) or b""
            reference = _R.search(attributes)
            column = _column(reference.group(1).decode()) if reference and reference.group(1) else len(cells) + 1
            cells.extend([None] * (column - len(cells)))
            typed = _TYPE.search(attributes)
            kind = typed.group(1).decode() if typed else "n"
            value, formula = _quick_value(kind, inner, shared)
            cells[column - 1] = value
            if formula is not None:
                formulas[cell_name(number, column)] = formula
        rows.append((number, cells))
    return rows, formulas


def _quick_value(kind: str, inner: bytes, shared: list[str]) -> tuple[Any, str | None]:
    if kind == "inlineStr":
        return "".join(_unescaped(part) for part in _T.findall(inner)), None
    stored = _V.search(inner)
    if stored is None or not stored.group(1):
        formula = _F.search(inner)
        return None, None if formula is None else "=" + _unescaped(formula.group(1) or b"")
    written = _unescaped(stored.group(1))
    return _saved(kind, written, shared), None


def _saved(kind: str, written: str, shared: list[str]) -> Any:
    """A cell's saved value as openpyxl gives it, by the cell's type: a shared text, a text, a
    truth value, or a number (an int, else a float)."""
    if kind == "s":
        return shared[int(written)]
    if kind in ("str", "e"):
        return written
    if kind == "b":
        return written == "1"
    return float(written) if any(mark in written for mark in ".eE") else int(written)


def _shared_texts(xml: bytes) -> list[str]:
    from xml.etree import ElementTree

    texts = []
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        if element.tag == f"{_MAIN}si":  # its text, or its runs' texts (never the phonetic guide's)
            runs = [element.find(f"{_MAIN}t")] if element.find(f"{_MAIN}t") is not None else []
            runs += [run.find(f"{_MAIN}t") for run in element.iter(f"{_MAIN}r")]
            texts.append("".join(run.text or "" for run in runs if run is not None))
            element.clear()
    return texts


def _sheet_cells(xml: bytes, shared: list[str]) -> tuple[list[tuple[int, list[Any]]], dict[str, str]]:
    from xml.etree import ElementTree

    rows: list[tuple[int, list[Any]]] = []
    formulas: dict[str, str] = {}
    cells: list[Any] = []
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        tag = element.tag
        if tag == f"{_MAIN}c":
            reference = _CELL.fullmatch(element.get("r", ""))
            column = _column(reference.group(1)) if reference else len(cells) + 1
            cells.extend([None] * (column - len(cells)))
            value, formula = _cell_value(element, shared)
            cells[column - 1] = value
            if formula is not None and reference is not None:
                formulas[reference.group(0)] = formula
            element.clear()
        elif tag == f"{_MAIN}row":
            number = int(element.get("r") or (rows[-1][0] + 1 if rows else 1))
            last = rows[-1][0] if rows else 0
            rows.extend((empty, []) for empty in range(last + 1, number))
            rows.append((number, cells))
            cells = []
            element.clear()
    return rows, formulas


def _cell_value(element: Any, shared: list[str]) -> tuple[Any, str | None]:
    """A cell's saved value, and its formula where it has no saved value."""
    kind = element.get("t", "n")
    stored = element.find(f"{_MAIN}v")
    written = stored.text if stored is not None else None
    formula = element.find(f"{_MAIN}f")
    if kind == "inlineStr":
        return "".join(text.text or "" for text in element.iter(f"{_MAIN}t")), None
    if written is None:
        return None, None if formula is None else "=" + (formula.text or "")
    return _saved(kind, written, shared), None


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


class _Reader:
    """The rows of a sheet under trygg's header, read to the first empty row."""

    def __init__(self, path: str, year: int, unit: Unit, data: bytes, *, workbook: bool) -> None:
        self.path, self.year, self.unit, self.data, self.workbook = path, year, unit, data, workbook
        self.problems: list[Problem] = []
        self.swedish = False  # decides "1,500": a decimal comma in a Swedish sheet, thousands in an English one
        self.formulas: dict[str, str] = {}  # a workbook's formulas without a saved value, by cell

    def problem(self, reason: str, number: int, column: int, **figures: Any) -> None:
        """A bad cell (`figures` name it: `cell`), at its row and column."""
        code = _CODES.get(reason, "import")
        self.problems.append(Problem(code, reason, Source(self.path, number, column + 1), figures))

    def read(self, rows: Iterator[tuple[int, list[Any]]]) -> Sheet:
        header: list[str] | None = None
        for number, row in rows:
            if header is None:
                folded = [" ".join(str(cell).split()).casefold() if cell is not None else "" for cell in row]
                if any(name in folded for name in ID_HEADERS) and any(name in folded for name in NAME_HEADERS):
                    header = folded
                    self._columns(header, number)
                    continue
                if number >= _HEADER_ROWS:
                    break
                continue
            if not any(cell not in (None, "") and str(cell).strip() for cell in row):
                break  # the table ends at the first empty row
            self._row(number, row)
        if header is None:
            raise TryggError("import-no-header", path=self.path)
        return Sheet(self.path, tuple(self.lines), self.total, self.by_month, tuple(self.problems), self.total_cell)

    def _columns(self, header: list[str], number: int) -> None:
        self.id_at = next(at for at, name in enumerate(header) if name in ID_HEADERS)
        self.name_at = next(at for at, name in enumerate(header) if name in NAME_HEADERS)
        self.swedish = self.swedish or any(name in SWEDISH_HEADERS for name in header)
        self.lines: list[Row] = []
        self.total: Decimal | None = None
        self.total_cell = ""
        self.months_at: list[int] = []
        units: list[tuple[int, str | None]] = []
        for spellings in MONTH_HEADERS:
            for at, name in enumerate(header):
                found = _MONTH_HEADER.fullmatch(name)
                if found is not None and found.group(1) in spellings:
                    self.months_at.append(at)
                    units.append((at, found.group(2)))
                    break
        self.by_month = len(self.months_at) == 12
        self.amount_at: int | None = None
        for at, name in enumerate(header):
            month = _MONTH_HEADER.fullmatch(name)
            if self.by_month and month is not None and month.group(1) in YEAR_HEADERS:
                self.amount_at = at
                units.append((at, month.group(2)))
                break
            found = _AMOUNT_HEADER.fullmatch(name)
            if not self.by_month and found is not None:
                self.amount_at = at
                units.append((at, found.group(2)))
                if int(found.group(1)) != self.year:
                    self.problem(
                        "import.wrong-year",
                        number,
                        at,
                        cell=cell_name(number, at + 1),
                        written=int(found.group(1)),
                        year=self.year,
                    )
                break
        if not self.by_month:
            self.months_at = []
        if self.amount_at is None:
            raise TryggError("import-no-amount", path=self.path, year=self.year)
        self.letters = [cell_name(1, at + 1)[:-1] for at in (self.id_at, self.name_at, self.amount_at)]
        stated = {unit for _, unit in units if unit is not None}
        self.sheet_unit = Unit(stated.pop()) if len(stated) == 1 else self.unit

    def _text(self, row: list[Any], at: int) -> str | None:
        value = row[at] if at < len(row) else None
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        written = str(value).strip()
        if not self.workbook and written.startswith("'"):
            written = written[1:]  # trygg's CSV guard (render.spreadsheet.neutral, as_text)
        return written or None

    def _row(self, number: int, row: list[Any]) -> None:
        item_id = self._text(row, self.id_at)
        name = self._text(row, self.name_at)
        assert self.amount_at is not None
        if item_id is None and name is not None and name.casefold() in SUM_LABELS:
            if self.total is None and not self.total_cell:
                self.total = self._amount(row, number, self.amount_at)
                self.total_cell = cell_name(number, self.amount_at + 1)
            return
        if self.total_cell:  # a line below the Summa row
            if self._cell(row, self.amount_at) is not None:
                at = self.amount_at
                self.problem("import.after-total", number, at, cell=cell_name(number, at + 1), total=self.total_cell)
            return
        amount = self._amount(row, number, self.amount_at)
        months = None
        if self.by_month:
            found = [self._amount(row, number, at) for at in self.months_at]
            months = tuple(month for month in found if month is not None)
            if len(months) != 12:
                months = None
        letters = self.letters
        cells = {"id": f"{letters[0]}{number}", "name": f"{letters[1]}{number}", "amount": f"{letters[2]}{number}"}
        self.lines.append(Row(number, item_id, name, amount, months, cells))

    @staticmethod
    def _cell(row: list[Any], at: int) -> Any:
        value = row[at] if at < len(row) else None
        return None if isinstance(value, str) and not value.strip() else value

    def _amount(self, row: list[Any], number: int, at: int) -> Decimal | None:
        """A cell's amount in kronor, exact: a number cell by its shortest form (as the xlsx
        export reader reads one), text as people write numbers (1 500, 1,5, 1.5)."""
        value = self._cell(row, at)
        if value is None:
            cell = cell_name(number, at + 1)
            if self.workbook and cell in self.formulas:
                self.problem(
                    "import.no-cached-value",
                    number,
                    at,
                    cell=cell_name(number, at + 1),
                    formula=self.formulas[cell],
                )
                return None
            self.problem("import.no-amount", number, at, cell=cell_name(number, at + 1))
            return None
        if isinstance(value, bool):
            written = str(value)
        elif isinstance(value, int | float):
            written = repr(value) if isinstance(value, float) else str(value)
            written = written.removesuffix(".0") if "e" not in written else format(Decimal(written), "f")
        else:
            written = self._plain(str(value))
        if not isinstance(value, bool) and _NUMBER.fullmatch(written):
            try:
                kronor = Decimal(written) * self.sheet_unit.kronor
            except InvalidOperation:  # pragma: no cover - the pattern is a number
                kronor = None
            if kronor is not None and kronor == kronor.quantize(_ORE):
                return kronor.normalize() + 0 if kronor else Decimal(0)
            self.problem(
                "import.finer-than-ore",
                number,
                at,
                cell=cell_name(number, at + 1),
                written=str(value),
                unit=self.sheet_unit.value,
            )
            return None
        self.problem("import.bad-amount", number, at, cell=cell_name(number, at + 1), written=str(value))
        return None

    def _plain(self, written: str) -> str:
        """A number as written, with a point for its decimal mark and no grouping: of a comma and
        a point, the last is the mark; one comma alone is the decimal mark in a Swedish sheet, and
        groups thousands in an English one where three digits follow it."""
        text = written.strip().translate(_SPACES).replace("\u2212", "-")
        comma, point = text.rfind(","), text.rfind(".")
        if comma >= 0 and point >= 0:
            mark, group = (",", ".") if comma > point else (".", ",")
        elif comma >= 0:
            grouped = re.fullmatch(r"-?[0-9]{1,3}(?:,[0-9]{3})+", text) is not None
            mark, group = (".", ",") if grouped and (not self.swedish or text.count(",") > 1) else (",", ".")
        else:
            mark, group = ".", ","
        whole, _, decimals = text.rpartition(mark) if mark in text else (text, "", "")
        whole = whole.replace(group, "")
        return f"{whole}.{decimals}" if mark in text else whole


_CODES = {
    "import.bad-amount": "bad-amount",
    "import.no-amount": "bad-amount",
    "import.finer-than-ore": "amount",
    "import.no-cached-value": "formula",
    "import.duplicate-id": "duplicate-id",
    "import.bad-id": "schema",
    "import.id-taken": "duplicate-id",
    "import.no-name": "schema",
    "import.after-total": "import",
    "import.wrong-year": "year",
    "import.months-gap": "total-mismatch",
    "import.cannot-edit": "import",
}


# Writing it into the year file -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Imported:
    """What the sheet makes of the year file: its new bytes (`data`, the old ones where nothing
    changed or problems stopped it), the items the sheet lacks (removed where asked), every
    problem of the sheet and of writing it, and the result loaded and checked (None where the
    sheet's problems stopped it)."""

    data: bytes
    changed: bool
    missing: tuple[str, ...]
    problems: tuple[Problem, ...]
    result: Loaded | None


def imported(loaded: Loaded, data: bytes, sheet: Sheet, *, remove: bool = False) -> Imported:
    """The year file (`loaded` from `data`) as `sheet` says it."""
    budget = loaded.budget
    if budget is None:
        raise ValueError("imported needs a year file that loads")
    now = amendments.in_force(budget)
    at = {item.id: number for number, item in enumerate(budget.items)}
    problems = list(sheet.problems)
    edit = _Edit(data, budget, loaded.path)
    if sheet.by_month:  # the months as the sheet showed them: the budget in force's
        from trygg_cli.periods import budget_months

        edit.shown = budget_months(now)
    seen: dict[str, str] = {}
    for row in sheet.rows:
        item_id = _row_id(row, at, problems, sheet.path)
        if item_id is None:
            continue
        if item_id in seen:
            _problem(
                problems, sheet.path, row, "import.duplicate-id", cell=row.cells["id"], id=item_id, first=seen[item_id]
            )
            continue
        seen[item_id] = row.cells["id"]
        if row.amount is not None:
            _line(row, item_id, at.get(item_id), (budget, now), edit, problems, sheet.path)
    missing = tuple(item.id for item in budget.items if item.id not in seen)
    if remove:
        for item_id in missing:
            edit.remove(at[item_id])
    if sheet.total is not None and sheet.total != now.total:
        edit.total(budget.total + sheet.total - now.total)
    problems += edit.problems
    if problems:
        return Imported(data, False, missing, tuple(problems), None)
    new = edit.result()
    result = checked(loaded if new == data else load_data(new, loaded.path))  # the same bytes load the same
    problems = _months_kept(edit, result, sheet.path)
    if problems:
        return Imported(data, False, missing, tuple(problems), None)
    return Imported(new, new != data, missing, (), result)


def _months_kept(edit: _Edit, result: Loaded, path: str) -> list[Problem]:
    """The lines whose months were written but fall otherwise in the result (a start or an end,
    or budget changes, spread them their own way): a problem each."""
    if not edit.months_written or result.budget is None or result.problems:
        return []
    from trygg_cli.periods import budget_months

    after = budget_months(amendments.in_force(result.budget))
    at = {item.id: number for number, item in enumerate(result.budget.items)}
    return [
        Problem("import", "import.months-kept", Source(path, row.number), {"cell": row.cells["amount"], "id": item_id})
        for row, item_id in edit.months_written
        if item_id in at and after[at[item_id]] != row.months
    ]


def _line(  # noqa: PLR0917 - one row, and what it is written against
    row: Row,
    item_id: str,
    number: int | None,
    budgets: tuple[Budget, Budget],
    edit: _Edit,
    problems: list[Problem],
    path: str,
) -> None:
    """One row with an amount: a new item, or an item's amount and name where they changed."""
    assert row.amount is not None
    budget, now = budgets
    if number is None:
        edit.add(item_id, row.name or item_id, row.amount)
        return
    item, shown = budget.items[number], now.items[number]
    if row.months is not None:
        summed = sum(row.months, Decimal(0))
        if summed != row.amount:
            gap = row.amount - summed
            _problem(
                problems,
                path,
                row,
                "import.months-gap",
                cell=row.cells["amount"],
                id=item_id,
                sum=summed,
                amount=row.amount,
                gap=gap,
                unit=budget.unit,
            )
            return
    if row.amount != shown.amount:
        edit.amount(number, item.amount + row.amount - shown.amount)
    if row.name is not None and row.name != item.name:
        edit.name(number, row.name)
    if row.months is not None and edit.shown is not None and row.months != edit.shown[number]:
        edit.months(number, row.months)
        edit.months_written.append((row, item_id))


def _row_id(row: Row, at: dict[str, int], problems: list[Problem], path: str) -> str | None:
    """A row's id: as written, or (none written) made from its name as trygg suggests ids."""
    if row.id is not None:
        if not rules.ID_PATTERN.fullmatch(row.id):
            _problem(
                problems, path, row, "import.bad-id", cell=row.cells["id"], written=row.id, suggestion=_slug(row.id)
            )
            return None
        return row.id
    if row.name is None:
        if row.amount is not None:
            _problem(problems, path, row, "import.no-name", cell=row.cells["name"])
        return None
    made = _slug(row.name)
    if not made:
        _problem(problems, path, row, "import.bad-id", cell=row.cells["id"], written=row.name, suggestion="")
        return None
    if made in at:
        _problem(problems, path, row, "import.id-taken", cell=row.cells["id"], id=made, name=row.name)
        return None
    return made


def _problem(problems: list[Problem], path: str, row: Row, reason: str, **figures: Any) -> None:
    """A row's problem at its cell (`figures` name it: `cell`)."""
    cell = figures["cell"]
    column = len(cell.rstrip("0123456789"))
    column_number = 0
    for letter in cell[:column]:
        column_number = column_number * 26 + ord(letter) - ord("A") + 1
    problems.append(Problem(_CODES.get(reason, "import"), reason, Source(path, row.number, column_number), figures))


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _slug(text: str) -> str:
    """An id from a name, as `load` suggests one: `Stöd till X` is `stod-till-x`."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().translate(_FOLD)))


# A key's line: where its value starts, the value (quoted, or plain up to a comment) and the rest.
_VALUE = r"(?P<value>\"(?:[^\"\\\r\n]|\\.)*\"|'(?:[^'\r\n]|'')*'|[^#\r\n]*?)(?P<rest>[ \t]*(?:#[^\r\n]*)?\r?\n?)"


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<head> *(?:- +)?{key}:[ \t]*)" + _VALUE)


_AMOUNT, _NAME, _TOTAL, _MONTHS = _key_line("amount"), _key_line("name"), _key_line("total"), _key_line("months")


class _Edit:
    """The year file's lines, edited in place: a line's value replaced, lines dropped (None) or
    added after a line; the numbers of the other lines never move while edits are made."""

    def __init__(self, data: bytes, budget: Budget, path: str) -> None:
        self.bom = data.startswith(codecs.BOM_UTF8)
        text = data[3 if self.bom else 0 :].decode("utf-8")
        self.lines: list[str | None] = list(text.splitlines(keepends=True))
        self.newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
        self.budget, self.path = budget, path
        self.starts: list[int] | None = None
        self.made: dict[int, tuple[int, int, int, int]] = {}
        self.problems: list[Problem] = []
        self.added: list[str] = []
        self.shown: list[tuple[Decimal, ...]] | None = None  # a --months sheet's months as trygg showed them
        self.months_written: list[tuple[Row, str]] = []

    def span(self, number: int) -> tuple[int, int, int, int]:
        """Item `number`'s first line (its "- "), the line after its last, its dash's column and
        its keys' column; worked out for the items edited only."""
        if number in self.made:
            return self.made[number]
        lines = self.lines
        if self.starts is None:
            self.starts = []
            for item in self.budget.items:
                index = (item.source.line - 1) if item.source else 0
                while index > 0 and not (lines[index] or "").lstrip(" ").startswith("-"):
                    index -= 1
                self.starts.append(index)
        start = self.starts[number]
        first = lines[start] or ""
        column = len(first) - len(first.lstrip(" "))
        dash = re.match(r" *- *", first)
        keys = dash.end() if dash is not None else column + 2
        end = index = start + 1
        while index < len(lines):
            line = lines[index] or ""
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                if len(line) - len(line.lstrip(" ")) <= column:
                    break
                end = index + 1
            index += 1
        self.made[number] = (start, end, column, keys)
        return self.made[number]

    @property
    def last(self) -> tuple[int, int, int, int] | None:
        return self.span(len(self.budget.items) - 1) if self.budget.items else None

    def _find(self, number: int, pattern: re.Pattern[str], key: str) -> tuple[int, re.Match[str]] | None:
        start, end, _, keys = self.span(number)
        for index in range(start, end):
            line = self.lines[index]
            found = pattern.fullmatch(line) if line is not None else None
            if found is not None and len(found.group("head")) - len(found.group("head").lstrip(" -")) == keys:
                return index, found
        item = self.budget.items[number]
        figures = {"id": item.id, "key": key}
        self.problems.append(Problem("import", "import.cannot-edit", Source(self.path, start + 1), figures))
        return None

    def _replace(self, index: int, found: re.Match[str], value: str) -> None:
        self.lines[index] = found.group("head") + value + found.group("rest")

    def amount(self, number: int, kronor: Decimal) -> None:
        located = self._find(number, _AMOUNT, "amount")
        if located is not None:
            self._replace(*located, _shortest(kronor, self.budget.unit))

    def name(self, number: int, name: str) -> None:
        located = self._find(number, _NAME, "name")
        if located is None:
            return
        index, found = located
        if found.group("value").startswith((">", "|")):  # a block: its lines go with it
            indent = len(found.group("head")) - len(found.group("head").lstrip(" -"))
            below = index + 1
            while below < len(self.lines):
                line = self.lines[below] or ""
                if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                    break
                self.lines[below] = None
                below += 1
        self._replace(index, found, yaml_text(name))

    def months(self, number: int, kronor: tuple[Decimal, ...]) -> None:
        """An item's `months`: the twelve amounts, in the file's unit, as its weights."""
        written = "[" + ", ".join(_shortest(amount, self.budget.unit) for amount in kronor) + "]"
        start, end, _, keys = self.span(number)
        for index in range(start, end):
            found = _MONTHS.fullmatch(self.lines[index] or "")
            if found is not None and len(found.group("head")) - len(found.group("head").lstrip(" -")) == keys:
                if not found.group("value").startswith("["):
                    break  # a block list: by hand
                self._replace(index, found, written)
                return
        else:
            located = self._find(number, _AMOUNT, "amount")
            if located is not None:
                index, line = located[0], self.lines[located[0]] or ""
                ending = "" if line.endswith("\n") else self.newline
                self.lines[index] = line + ending + " " * keys + "months: " + written + self.newline
            return
        item = self.budget.items[number]
        figures = {"id": item.id, "key": "months"}
        self.problems.append(Problem("import", "import.cannot-edit", Source(self.path, start + 1), figures))

    def remove(self, number: int) -> None:
        start, end, _, _ = self.span(number)
        for index in range(start, end):
            self.lines[index] = None

    def add(self, item_id: str, name: str, kronor: Decimal) -> None:
        column, keys = self.last[2:] if self.last else (2, 4)
        dash, key, newline = " " * column + "-" + " " * (keys - column - 1), " " * keys, self.newline
        amount = _shortest(kronor, self.budget.unit)
        self.added.append(
            f"{dash}id: {item_id}{newline}{key}name: {yaml_text(name)}{newline}{key}amount: {amount}{newline}"
        )

    def total(self, kronor: Decimal) -> None:
        source = self.budget.total_source
        line = self.lines[source.line - 1] if source is not None else None
        found = _TOTAL.fullmatch(line) if line is not None else None
        if source is None or found is None:
            where = Source(self.path, source.line if source else 1)
            self.problems.append(Problem("import", "import.cannot-edit", where, {"id": "", "key": "total"}))
            return
        self._replace(source.line - 1, found, _shortest(kronor, self.budget.unit))

    def result(self) -> bytes:
        if self.added:
            last = (self.last[1] if self.last else len(self.lines)) - 1
            while self.lines[last] is None and last > 0:  # the last item was removed: after what is left
                last -= 1
            line = self.lines[last] or ""
            if not line.endswith("\n"):
                line += self.newline
            self.lines[last] = line + "".join(self.added)
        text = "".join(line for line in self.lines if line is not None)
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


def _shortest(kronor: Decimal, unit: Unit) -> str:
    """An amount in the file's unit, written as briefly as it is exact: 0.6, 1.8, 12."""
    return format((kronor / unit.kronor).normalize(), "f")


_PLAIN = re.compile(r"[^\s\"'#&*!|>%@`{}\[\],?:\-][^\r\n]*")


def yaml_text(text: str) -> str:
    """A name as a YAML value: plain where YAML reads it back as this text, else double-quoted."""
    plain = _PLAIN.fullmatch(text) and text == text.strip() and ": " not in text and " #" not in text
    if plain and not text.endswith(":") and _reads_as(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_as(text: str) -> bool:
    import yaml

    try:
        loaded = yaml.load(f"k: {text}\n", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == text
