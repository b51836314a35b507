"""Whose way of writing: Swedish (the default) or English. Only the render edge and the CLI know it."""

from __future__ import annotations

import enum


class Locale(enum.Enum):
    SV = "sv"
    EN = "en"
