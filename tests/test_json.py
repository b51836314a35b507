"""JSON: the data itself, exact strings, one document with a record per line."""

from __future__ import annotations

import io
import json

from tests.cases import many_items, mkr_year
from trygg_cli.compare import compare
from trygg_cli.model import Loaded, Problem, Source, Unit
from trygg_cli.render.json import diff_data, validate_data, write_json

FILES = (Loaded("old.yaml", None, ()), Loaded("new.yaml", None, (), rev="main"))


def test_diff_json_holds_exact_strings_and_nulls() -> None:
    data = diff_data(
        compare(mkr_year(2020, ("a", "0.3")), mkr_year(2021, ("a", "0.8"), ("b", "0.25"))),
        Unit.MKR,
        FILES,
        [],
    )
    assert "0.8000" not in json.dumps(data)
    assert data["items"] == [
        {
            "id": "a",
            "name": "A",
            "from": "0.3",
            "to": "0.8",
            "change": "0.5",
            "change_pct": "166.7",
            "status": "changed",
            "note": None,
        },
        {
            "id": "b",
            "name": "B",
            "from": None,
            "to": "0.25",
            "change": "0.25",
            "change_pct": None,
            "status": "added",
            "note": None,
        },
    ]
    assert data["total"] == {"from": "0.3", "to": "1.05", "change": "0.75", "change_pct": "250.0"}


def test_json_is_one_document_with_a_record_per_line() -> None:
    comparison = compare(many_items(2020, 10_000, 3), many_items(2021, 10_001, 7))
    data = diff_data(comparison, Unit.KR, FILES, [])
    out = io.StringIO()
    write_json(data, out)
    text = out.getvalue()
    assert json.loads(text) == data  # all 10,001 records, across the blocks it is written in
    records = [line for line in text.splitlines() if line.startswith('    {"id": ')]
    assert len(records) == 10_001
    assert data["items"][4096] == {
        "id": "i4096",
        "name": "Post 4096",
        "from": "1228.8",
        "to": "2867.2",
        "change": "1638.4",
        "change_pct": "133.3",
        "status": "changed",
        "note": None,
    }
    assert data["items"][-1]["status"] == "added"


def test_validate_data_shape() -> None:
    bad = Loaded("x.yaml", None, (Problem("yaml", "merge-key", Source("x.yaml", 2, 3)),))
    assert validate_data([bad]) == {
        "ok": False,
        "files": [
            {
                "path": "x.yaml",
                "rev": None,
                "year": None,
                "ok": False,
                "problems": [
                    {
                        "code": "yaml",
                        "message": "merge key << is not allowed; write the keys out",
                        "line": 2,
                        "column": 3,
                        "figures": {},
                    }
                ],
            }
        ],
    }
