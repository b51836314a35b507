"""Rendering: views (tables of exact cells), the catalogue of words, and one writer per family of
formats, found through `registry`. Only writers import rich, tabulate, XlsxWriter or python-docx."""
