"""The JSON Schema of a year file, for editors that check YAML while it is typed.

Built from the same key lists and id pattern (`rules`) that the readers use, so the two cannot drift.
An editor's check is a first line only: it sees YAML 1.2 values, not the exact decimals, and
it cannot add up a total. `trygg validate` is the judge.
"""

from __future__ import annotations

from typing import Any

from trygg_cli import rules
from trygg_cli.model import Unit


def budget_schema() -> dict[str, Any]:
    amount = {
        "type": "number",
        "minimum": 0,
        "description": "Exact decimal with a point, e.g. 0.8; in the file's unit.",
    }
    # trygg reads every text value as written, so `name: 112`, `id: 017` and `note: yes` are text
    # to it: an editor, reading YAML's numbers, booleans and nulls, must not flag them.
    text = {"anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean", "null"]}]}
    code = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}
    matches = (
        "Which postings of the accounting system's export count here (trygg follow): each key a dimension as the "
        "export names it (ansvar, projekt, or its SIE number; konto is the account), each value one code or a list "
        f"of codes; a code ending in {rules.PREFIX} is a prefix."
    )
    match = {
        "type": "object",
        "description": matches,
        "minProperties": 1,
        "additionalProperties": {"anyOf": [code, {"type": "array", "items": code, "minItems": 1}]},
    }
    day = {
        "type": "string",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "A date of the year, YYYY-MM-DD.",
    }
    months = {
        "type": "array",
        "items": {"type": "number", "minimum": 0},
        "minItems": rules.MONTHS,
        "maxItems": rules.MONTHS,
        "description": "How the amount falls over the year: 12 numbers, January first, each month's share in "
        "proportion to its number (not all 0). Without it, every day of the year weighs the same.",
    }
    item = {
        "type": "object",
        "description": "One line of the budget.",
        "properties": {
            "id": {
                "anyOf": [
                    {"type": "string", "pattern": f"^{rules.ID_PATTERN.pattern}$"},
                    {"type": "integer", "minimum": 0},
                    {"type": ["boolean", "null"]},
                ],
                "description": "Stable across years: lowercase a-z, digits and single hyphens.",
            },
            "name": {**text, "description": "The item's name as the council paper writes it."},
            "amount": amount,
            "note": text,
            "match": {**match, "description": "The item's postings, within the package's. " + matches},
            "forecast": {
                "anyOf": [
                    {"type": "number"},
                    {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": day,
                        "additionalProperties": {"type": "number"},
                    },
                ],
                "description": "The officer's own forecast for the year, in the file's unit, or forecasts by the date "
                "they were made ({2021-04-30: 0.13, 2021-08-31: 0.15}); replaces the pace in trygg follow, and "
                "trygg new leaves it out of next year.",
            },
            "months": {**months, "description": "The item's own periodisation. " + str(months["description"])},
            "start": {**day, "description": "The first day the amount falls on (a post that starts on 1 September)."},
            "end": {**day, "description": "The last day the amount falls on."},
        },
        "required": list(rules.ITEM_REQUIRED),
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "trygg budget year",
        "description": "One year of a budget package, as trygg reads budget-YYYY.yaml.",
        "type": "object",
        "properties": {
            "year": {
                "type": "integer",
                "minimum": 1000,
                "maximum": 9999,
                "description": "The same as in the file name.",
            },
            "title": text,
            "unit": {"enum": [unit.value for unit in Unit], "description": "kr, tkr or mkr."},
            "total": {**amount, "description": "The total the council decided; the items must add up to it."},
            "note": text,
            "items": {"type": "array", "items": item},
            "match": {**match, "description": "The package's postings. " + matches},
            "changes": {
                "type": "array",
                "description": "Budget changes decided during the year (ombudgetering, tilläggsbudget), each with its "
                "decision; the items and total above stay as first decided.",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {**day, "description": "The day the change takes effect, in the year."},
                        "decision": {**text, "description": "The decision to point to: KS 2021-05-10 § 87."},
                        "moves": {
                            "type": "object",
                            "minProperties": 1,
                            "additionalProperties": {"type": "number"},
                            "description": "Each item id and the signed amount moved to it, in the file's unit; "
                            "they add up to 0, or with total to the new total less the one before.",
                        },
                        "total": {**amount, "description": "A tilläggsbudget: the package's total after this change."},
                        "note": text,
                    },
                    "required": list(rules.CHANGE_REQUIRED),
                    "additionalProperties": False,
                },
            },
            "months": {
                **months,
                "description": "The items' periodisation, where an item has none of its own. "
                + str(months["description"]),
            },
        },
        "required": list(rules.TOP_REQUIRED),
        "additionalProperties": False,
    }
