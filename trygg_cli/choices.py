"""The follow-up's choices a command line offers (`--sort`, `--by`), apart from the follow-up
itself: the CLI names them when it is built, and every run builds it, so this leaf is all a
run loads of the follow-up until a follow-up is asked for."""

from __future__ import annotations

import enum


class FollowOrder(enum.Enum):
    """The order of the follow-up's item rows (`follow.ordered`)."""

    FILE = "file"  # the year file's order
    USED = "used"  # the largest share used first
    VARIANCE = "variance"  # the most over (the lowest variance) first
    ACTUAL = "actual"  # the largest actual first


class Period(enum.Enum):
    """The periods a follow-up can be shown by (`--by`)."""

    MONTH = "month"
