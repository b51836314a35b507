"""Whose way of writing: Swedish (the default) or English. Only the render edge and the CLI know it."""

from __future__ import annotations

import enum


class Locale(enum.Enum):
    SV = "sv"
    EN = "en"


def parse(text: str) -> Locale | None:
    """The locale a spelling from the environment names: sv, sv-SE, sv_SE, sv_SE.UTF-8,
    en_GB.UTF-8, in any case; None for one trygg does not speak."""
    language = text.strip().lower().replace("-", "_").split(".")[0].split("@")[0].split("_")[0]
    return next((locale for locale in Locale if locale.value == language), None)
