"""A Word document: the council paper's table, ready to paste or to attach.

A heading (the table's title and unit), the table in a clean built-in style with its header row
repeated on every page, names as they are with new and removed items marked, numbers right-aligned
in the paper's format, the Summa row bold under a rule, and the footnotes below. A4, turned to
landscape when the table would not fit the width of a portrait page.
"""

from __future__ import annotations

from typing import IO, Any

from trygg_cli.extras import missing_extra
from trygg_cli.render.cells import columns_as_text, headers, rows_as_text
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say

# Centimetres: A4, its margins, and the width of one character of 10 pt Arial, as set here.
_PAGE = (21.0, 29.7)
_MARGIN = 2.0
_CHARACTER = 0.21
_BOLD = 1.1  # bold text is about this much wider
_PADDING = 0.5  # a cell's inner margins, left and right together
_STYLE = "Table Grid"  # plain rules, drawn the same by Word and LibreOffice


def write_document(table: Table, locale: Locale, out: IO[bytes]) -> None:
    try:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt
    except ImportError:
        raise missing_extra("docx", "python-docx", "word") from None
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    widths = _widths(table, locale)
    section = document.sections[0]
    landscape = sum(widths) > _PAGE[0] - 2 * _MARGIN
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Cm(_PAGE[1]), Cm(_PAGE[0])) if landscape else (Cm(_PAGE[0]), Cm(_PAGE[1]))
    )
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(_MARGIN))

    heading = document.add_heading(say(table.title, locale), level=2)
    for run in heading.runs:
        run.font.name = "Arial"
    _add_table(document, table, locale, widths)
    for note in table.footnotes:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if note.number is not None:
            mark = paragraph.add_run(str(note.number))
            mark.font.superscript = True
            paragraph.add_run(" ")
        text = paragraph.add_run(say(note.text, locale))
        text.font.size = Pt(9)
    document.save(out)


def _add_table(document: Any, table: Table, locale: Locale, widths: list[float]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    names = headers(table, locale)
    body = [list(row) for row in zip(*columns_as_text(table, table.rows, locale), strict=True)] if table.rows else []
    footer = rows_as_text(table, table.footer, locale)
    grid = document.add_table(rows=1 + len(body) + len(footer), cols=len(table.columns))
    grid.style = document.styles[_STYLE]
    _look(grid)
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    rows = [names, *body, *footer]
    marks = [None, *table.marks, *([None] * (len(body) + len(footer) - len(table.marks)))] if table.marks else []
    for number, (row, cells) in enumerate(zip(grid.rows, rows, strict=True)):
        in_footer = number > len(body)
        for index, (cell, text, column) in enumerate(zip(row.cells, cells, table.columns, strict=True)):
            cell.width = Cm(widths[index])
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(text)
            run.bold = number == 0 or in_footer
            if index == 0 and marks and marks[number] is not None:
                note = paragraph.add_run(str(marks[number]))
                note.font.superscript = True
            if number == len(body) + 1:
                _rule_above(cell)
    _repeat_as_header(grid.rows[0])
    _set_grid_widths(grid, [Cm(width) for width in widths])


def _widths(table: Table, locale: Locale) -> list[float]:
    """Each column as wide as its longest cell (a header may wrap), in centimetres."""
    columns = columns_as_text(table, (*table.rows, *table.footer), locale)
    names = headers(table, locale)
    widths = []
    for name, column, kind in zip(names, columns, table.columns, strict=True):
        longest = max([len(text) for text in column] + [_BOLD * max(map(len, name.split()), default=1)])
        if not kind.numeric:
            longest = min(longest, 60)  # longer names wrap
        widths.append(round(longest * _CHARACTER + _PADDING + (0.3 if table.marks and not kind.numeric else 0), 2))
    return widths


def _look(grid: Any) -> None:
    """The style's header row and banded rows, but no emphasis on the first column or last row."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = grid._tbl.tblPr
    for old in properties.findall(qn("w:tblLook")):
        properties.remove(old)
    look = OxmlElement("w:tblLook")
    for name, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0")):
        look.set(qn(name), value)
    for name, value in (("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1")):
        look.set(qn(name), value)
    properties.append(look)


def _repeat_as_header(row: Any) -> None:
    """Word repeats a row marked tblHeader at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _rule_above(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "000000")):
        top.set(qn(name), value)
    borders.append(top)
    properties.append(borders)


def _set_grid_widths(grid: Any, widths: list[Any]) -> None:
    """The table's own column widths (LibreOffice reads these rather than the cells')."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width


WRITERS: dict[Format, Writer] = {Format.DOCX: Writer(write_document, binary=True)}
