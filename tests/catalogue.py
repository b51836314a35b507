"""Reading the Swedish message catalogue's source (.po) and compiling it (.mo), as msgfmt would.

Python's gettext reads .mo files but ships no msgfmt; this is the small part of it trygg needs:
msgctxt, msgid and msgstr, one line each, no plurals.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "trygg_cli" / "locale" / "sv" / "LC_MESSAGES" / "trygg.po"
MO = PO.with_suffix(".mo")


def entries(po: str) -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) -> msgstr, the header included under (None, "")."""
    found: dict[tuple[str | None, str], str] = {}
    current: dict[str, str] = {}
    for line in [*po.splitlines(), ""]:
        if not line.strip() or line.startswith("#"):
            if "msgid" in current:
                found[(current.get("msgctxt"), current["msgid"])] = current.get("msgstr", "")
                current = {}
            continue
        if line.startswith('"'):  # a continued string (the header's)
            last = list(current)[-1]
            current[last] += ast.literal_eval(line)
            continue
        keyword, value = line.split(" ", 1)
        current[keyword] = ast.literal_eval(value)
    return found


def compile_mo(po: str) -> bytes:
    """The .mo file of `po`: GNU gettext's format, keys sorted, no hash table."""
    pairs = sorted(
        ((f"{context}\x04{msgid}" if context is not None else msgid).encode(), text.encode())
        for (context, msgid), text in entries(po).items()
    )
    keys = b"".join(key + b"\0" for key, _ in pairs)
    values = b"".join(value + b"\0" for _, value in pairs)
    count = len(pairs)
    start = 7 * 4 + 16 * count  # after the header and the two tables
    key_table, value_table = [], []
    offset = 0
    for key, _ in pairs:
        key_table += [len(key), start + offset]
        offset += len(key) + 1
    offset = 0
    for _, value in pairs:
        value_table += [len(value), start + len(keys) + offset]
        offset += len(value) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    tables = struct.pack(f"<{4 * count}I", *key_table, *value_table)
    return header + tables + keys + values
