"""Where year files live: a YEAR or a path on the command line to the file it means."""

from __future__ import annotations

import re
from pathlib import Path

from trygg_cli.model import TryggError

YEAR = re.compile(r"[0-9]{4}")
PATTERN = "budget-*.yaml"


def year_file(data_dir: Path, year: int | str) -> Path:
    return data_dir / f"budget-{year}.yaml"


def resolve(target: str, data_dir: Path) -> Path:
    """The file a YEAR (`2021`, read in the data dir) or a path (`old/budget-2019.yaml`) names."""
    if YEAR.fullmatch(target):
        path = year_file(data_dir, target)
        if not path.exists():
            known = ", ".join(str(year) for year in years(data_dir)) or "none"
            raise TryggError(f"no budget for {target}: {path} does not exist (years in {data_dir}: {known})")
        return path
    path = Path(target)
    if not path.exists():
        raise TryggError(f"{target}: no such file, and not a four-digit year")
    return path


def year_files(data_dir: Path) -> list[Path]:
    """Every year file in the data dir, oldest first."""
    if not data_dir.is_dir():
        raise TryggError(f"{data_dir}: data directory does not exist (set --data-dir or TRYGG_DATA_DIR)")
    return sorted(path for path in data_dir.glob(PATTERN) if path.is_file() or path.is_dir())


def years(data_dir: Path) -> list[int]:
    """The years that have a file in the data dir, from the file names alone."""
    if not data_dir.is_dir():
        return []
    found = (re.fullmatch(r"budget-([0-9]{4})\.yaml", path.name) for path in data_dir.glob(PATTERN))
    return sorted(int(match.group(1)) for match in found if match)
