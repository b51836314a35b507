"""A Word document: the council paper's table, ready to paste or to attach.

A heading (the table's title and unit), the table in a clean built-in style with its header row
repeated on every page, names as they are with new and removed items marked, numbers right-aligned
in the paper's format, the Summa row bold under a rule, and the footnotes below. A4 with Word's
normal margins; each column as wide as its text in Arial, a long text wrapping between its words,
and the page turned to landscape only where portrait cannot hold the columns even so.

The document is the municipality's, not the library's: its language (Swedish, or British English
with `--locale en`) on the styles and every run, so Word's spell check knows the words; the
table's heading as its title, the author asked for (or none), the time of writing as created and
modified, trygg as the program; none of the template's leftovers (its author, dates, thumbnail,
en-US, bibliography).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import IO, Any

from trygg_cli.extras import missing_extra
from trygg_cli.render.cells import columns_as_text, fit, glued, headers, rows_as_text, words_of
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say

# Centimetres: A4 and Word's normal margins.
_PAGE = (21.0, 29.7)
_MARGIN = 2.5
_POINTS = 10  # the table's font size
_PADDING = 0.38 + 0.05  # a cell's inner margins (Table Grid's 0.19 cm a side), and a little room
_LONGEST_WORD = 6.0  # a word wider than this (a URL) is broken by Word rather than turn the page
_STYLE = "Table Grid"  # plain rules, drawn the same by Word and LibreOffice
_LANGUAGES = {Locale.SV: "sv-SE", Locale.EN: "en-GB"}

# Advance widths of Arial (Liberation Sans has the same) in thousandths of the font size, for
# the characters from " " to "~"; a letter with an accent is as wide as its letter.
# fmt: off
_ARIAL = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_ARIAL_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
    722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
    278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
# fmt: on
_OTHER = {"\u00a0": 278, "–": 556, "—": 1000, "→": 1000, "×": 584, "½": 834, "€": 556}


def text_width(text: str, *, bold: bool = False, points: float = _POINTS) -> float:
    """How wide `text` is set in Arial, in centimetres."""
    widths = _ARIAL_BOLD if bold else _ARIAL
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        if " " <= base <= "~":
            total += widths[ord(base) - 32]
        else:
            total += _OTHER.get(char, 1000 if unicodedata.east_asian_width(char) in "WF" else 556)
    return total / 1000 * points * 2.54 / 72


def write_document(table: Table, locale: Locale, out: IO[bytes]) -> None:
    try:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt
    except ImportError:
        raise missing_extra("docx", "python-docx", "word") from None
    document = Document()
    language = _LANGUAGES[locale]
    title = say(table.title, locale)
    _properties(document, title, table.author, language)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(_POINTS)
    _styles_language(document, language)
    widths, landscape, points = column_widths(table, locale)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Cm(_PAGE[1]), Cm(_PAGE[0])) if landscape else (Cm(_PAGE[0]), Cm(_PAGE[1]))
    )
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(_MARGIN))

    heading = document.add_heading(level=2)
    _add_text(heading, title, language).font.name = "Arial"
    _add_table(document, table, locale, widths, language=language, points=points)
    for note in table.footnotes:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if note.number is not None:
            _add_text(paragraph, str(note.number), language).font.superscript = True
            _add_text(paragraph, " ", language)
        _add_text(paragraph, say(note.text, locale), language).font.size = Pt(9)
    document.save(out)


def _add_table(
    document: Any, table: Table, locale: Locale, widths: list[float], *, language: str, points: float
) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

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
            run = _add_text(paragraph, text, language)
            run.bold = number == 0 or in_footer
            if points != _POINTS:  # a table too wide for the page even in landscape, in smaller type
                run.font.size = Pt(points)
            if index == 0 and marks and marks[number] is not None:
                _add_text(paragraph, str(marks[number]), language).font.superscript = True
            if number == len(body) + 1:
                _rule_above(cell)
    _repeat_as_header(grid.rows[0])
    _set_grid_widths(grid, [Cm(width) for width in widths])


def column_widths(table: Table, locale: Locale) -> tuple[list[float], bool, float]:
    """Each column's width in centimetres, whether the page turns to landscape, and the table's
    font size in points.

    A column would be as wide as its widest cell and its header (bold where the cell is); where
    the columns do not fit, a text column wraps between its words down to its longest word and a
    number's header between its words (never inside one: "Förändring" stays whole), the room
    shared as `cells.fit` shares it. Landscape only where portrait cannot hold even that; a
    smaller type (down to 7 pt) only where landscape cannot either, so a number never breaks."""
    for points, sides in ((_POINTS, (False, True)), *((size, (True,)) for size in (9, 8, 7))):
        natural, least = _measured(table, locale, points)
        for landscape in sides:
            widths = fit(natural, least, _room(landscape))
            if widths is not None:
                return [round(width, 2) for width in widths], landscape, points
    # Too wide even so: the numbers whole, the text in what is left (Word breaks a word there).
    room = _room(True)
    numbers = sum(width for width, column in zip(least, table.columns, strict=True) if column.numeric)
    texts = sum(least) - numbers
    scale = (room - numbers) / texts if texts and room > numbers else room / sum(least)
    shrunk = [
        width if column.numeric and texts and room > numbers else width * scale
        for width, column in zip(least, table.columns, strict=True)
    ]
    return [round(width, 2) for width in shrunk], True, 7


def _room(landscape: bool) -> float:
    return (_PAGE[1] if landscape else _PAGE[0]) - 2 * _MARGIN


def _measured(table: Table, locale: Locale, points: float) -> tuple[list[float], list[float]]:
    """Each column's natural and least width at `points`, in centimetres."""
    body = columns_as_text(table, table.rows, locale)
    below = columns_as_text(table, table.footer, locale)
    names = headers(table, locale)
    digits = "9" * len(str(len(table.rows)))
    mark = text_width(digits, points=points * 0.65) if table.marks else 0.0
    natural, least = [], []
    for number, (name, cells, bold, column) in enumerate(zip(names, body, below, table.columns, strict=True)):
        extra = _PADDING + (mark if number == 0 else 0.0)
        shown = [(text, False) for text in cells] + [(text, True) for text in bold]
        widest = max([text_width(text, bold=heavy, points=points) for text, heavy in shown] + [0.0])
        header = text_width(name, bold=True, points=points)
        natural.append(max(widest, header) + extra)
        header_word = max(text_width(word, bold=True, points=points) for word in words_of(name))
        if column.numeric:
            least.append(max(widest, header_word) + extra)
        else:
            words = [text_width(word, bold=heavy, points=points) for text, heavy in shown for word in words_of(text)]
            least.append(min(max([*words, header_word]), _LONGEST_WORD) + extra)
    return natural, least


def _properties(document: Any, title: str, author: str, language: str) -> None:
    """The document's properties: its own, none of the template's."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    now = datetime.now(UTC).replace(microsecond=0)
    core = document.core_properties
    core.title = title
    core.author = author
    core.last_modified_by = author
    core.comments = ""  # the template says "generated by python-docx"
    core.subject = core.keywords = core.category = ""
    core.language = language
    core.created = core.modified = now
    core.revision = 1
    package = document.part.package
    for part in package.parts:
        if part.partname == "/docProps/app.xml":
            part._blob = _APP
    # The template's thumbnail (a picture of an empty page), its sample bibliography and its
    # Word 2010 styles (in en-US): parts a new document does not have.
    _drop(package.rels, RELATIONSHIP_TYPE.THUMBNAIL)
    _drop(document.part.rels, RELATIONSHIP_TYPE.CUSTOM_XML)
    _drop(document.part.rels, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>trygg</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _drop(rels: Any, kind: str) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype == kind]:
        rels.pop(rid)
        rels.related_parts.pop(rid, None)


def _styles_language(document: Any, language: str) -> None:
    """The language on the document's defaults, every style that sets run properties, and the
    theme's fonts (the template says en-US in each)."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for properties in defaults.iter(qn("w:rPr")):
            _set_language(properties, language)
    for style in styles.findall(qn("w:style")):
        properties = style.find(qn("w:rPr"))
        if properties is not None:
            _set_language(properties, language)
    settings = document.settings.element
    for theme in settings.iter(qn("w:themeFontLang")):
        theme.set(qn("w:val"), language)


# The hyphens of a date: Word breaks a line after a hyphen, so these are non-breaking ones.
_DATE_HYPHEN = re.compile(r"(?<=\b\d{4})-(?=\d{2}-\d{2}\b)|(?<=\b\d{4}-\d{2})-(?=\d{2}\b)")


def _add_text(paragraph: Any, text: str, language: str) -> Any:
    """A run of `text` in `language` that never breaks inside a date or between an amount and
    its unit (a no-break space there, non-breaking hyphens in a date)."""
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    _set_language(run._r.get_or_add_rPr(), language)
    for number, piece in enumerate(_DATE_HYPHEN.split(glued(text))):
        if number:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            run._r.add_t(piece)
    return run


def _set_language(properties: Any, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), language)
    element.set(qn("w:eastAsia"), language)
    properties.insert_element_before(element, "w:eastAsianLayout", "w:specVanish", "w:oMath")


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
