"""Problems as one JSON document on stdout (`{"ok", "files": [{"path", "ok", "problems"}]}`), the
same in every locale; nothing on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from trygg_cli.model import Loaded
from trygg_cli.render.json import validate_data, write_json
from trygg_cli.render.locale import Locale


def report(results: Sequence[Loaded], locale: Locale, out: TextIO, err: TextIO) -> None:
    write_json(validate_data(results), out)
