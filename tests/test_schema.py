"""The editor schema: kept in the repo as `trygg schema` prints it, true to the shipped data."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import DATA, REPO, Write
from trygg_cli.check import checked
from trygg_cli.schema import budget_schema
from trygg_cli.targets import load_file

VALIDATOR = jsonschema.Draft202012Validator(budget_schema())
GOOD: dict[str, Any] = {
    "year": 2021,
    "unit": "mkr",
    "total": 1.0,
    "items": [{"id": "sspf", "name": "SSPF", "amount": 1.0}],
}


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(budget_schema())


def test_repo_copy_is_what_trygg_schema_prints() -> None:
    copy = (REPO / "schema" / "budget.schema.json").read_text(encoding="utf-8")
    assert json.loads(copy) == budget_schema()


@pytest.mark.parametrize("year", [2020, 2021])
def test_shipped_files_pass_and_point_editors_at_the_schema(year: int) -> None:
    text = (DATA / f"budget-{year}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/budget.schema.json"
    VALIDATOR.validate(yaml.safe_load(text))


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.pop("total"), "'total' is a required property"),
        (lambda d: d.update(ammount=1), "Additional properties are not allowed"),
        (lambda d: d.update(year="2021"), "is not of type 'integer'"),
        (lambda d: d.update(unit="Mkr"), "is not one of"),
        (lambda d: d["items"][0].update(amount="0,8"), "is not of type 'number'"),
        (lambda d: d["items"][0].update(amount=-1), "less than the minimum"),
        (lambda d: d["items"][0].update(id="Trygghetsvärdar"), "is not valid under any of the given schemas"),
        (lambda d: d["items"][0].update(amount="0.8"), "is not of type 'number'"),
        (lambda d: d["items"][0].pop("name"), "'name' is a required property"),
    ],
)
def test_schema_rejects_structural_mistakes(change: Any, complaint: str) -> None:
    data = json.loads(json.dumps(GOOD))
    change(data)
    errors = [error.message for error in VALIDATOR.iter_errors(data)]
    assert any(re.search(re.escape(complaint), message) for message in errors), errors
    VALIDATOR.validate(GOOD)  # and the unchanged budget still passes


@pytest.mark.parametrize(
    "line",
    ["id: 017", "id: 17", "name: 112", "name: 1.5", "name: yes", "name: true", "name: null", "name: ~", "id: no"],
)
def test_schema_accepts_what_trygg_reads_as_text(write: Write, line: str) -> None:
    key = line.split(":", maxsplit=1)[0]
    text = GOOD_TEXT.replace(f"{key}: {'sspf' if key == 'id' else 'SSPF'}", line)
    assert text != GOOD_TEXT
    path = write(text)
    assert checked(load_file(path)).problems == ()  # trygg accepts it ...
    VALIDATOR.validate(yaml.safe_load(text))  # ... and so does the editor


GOOD_TEXT = "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n  - id: sspf\n    name: SSPF\n    amount: 1.0\n"


class _Yaml12(yaml.SafeLoader):
    """Dates as text, as YAML 1.2 (an editor's) reads them; PyYAML's YAML 1.1 makes them dates."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_the_example_with_periods_and_dated_forecasts_passes() -> None:
    text = (REPO / "examples" / "budget-2021.yaml").read_text(encoding="utf-8")
    assert "start: 2021-09-01" in text and "2021-04-30: 0.25" in text
    VALIDATOR.validate(yaml.load(text, Loader=_Yaml12))


@pytest.mark.parametrize(
    ("item", "complaint"),
    [
        ({"months": [1] * 11}, "is too short"),
        ({"months": [1] * 11 + [-1]}, "less than the minimum"),
        ({"start": "1 september"}, "does not match"),
        ({"forecast": {"31/8": 0.1}}, "is not valid under any of the given schemas"),
    ],
)
def test_the_schema_knows_periods_and_dated_forecasts(item: dict[str, Any], complaint: str) -> None:
    data = json.loads(json.dumps(GOOD))
    data["items"][0].update(item)
    errors = [error.message for error in VALIDATOR.iter_errors(data)]
    assert any(complaint in message for message in errors), errors
