"""Words: text a reader reads in their language, held as a label of the catalogue and what it
quotes, so that views, problems and messages can carry it without knowing a language. A leaf:
it imports nothing of trygg's, so a problem line never pulls in a view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Words:
    """Text the reader reads in their language: a label of the catalogue and what it quotes."""

    label: str
    figures: tuple[tuple[str, Any], ...] = ()


def words(label: str, **figures: Any) -> Words:
    return Words(label, tuple(figures.items()))
