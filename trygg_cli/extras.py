"""The optional extras a writer needs, and the command that installs one the way trygg itself
was installed: from a clone (`pip install -e '/path/to/trygg[excel]'`) or from an index."""

from __future__ import annotations

import json
import shlex
import sys
from importlib import metadata
from urllib.parse import unquote, urlparse

from trygg_cli.model import TryggError


def missing_extra(fmt: str, package: str, extra: str) -> TryggError:
    return TryggError("needs-extra", format=fmt, package=package, command=install_command(extra))


def missing_reader(path: str, package: str, extra: str) -> TryggError:
    """A file that only `package` reads (an xlsx export: openpyxl), and how to install it."""
    return TryggError("needs-extra.read", "needs-extra", path=path, package=package, command=install_command(extra))


def install_command(extra: str) -> str:
    """The pip command, for this Python, that adds `extra` to the trygg that is running."""
    pip = f"{shlex.quote(sys.executable)} -m pip install"
    source = _installed_from()
    if source is None:
        return f"{pip} {shlex.quote(f'trygg[{extra}]')}"
    folder, editable = source
    return f"{pip} {'-e ' if editable else ''}{shlex.quote(f'{folder}[{extra}]')}"


def _installed_from() -> tuple[str, bool] | None:
    """The folder trygg was installed from, and whether editably; None for a package index."""
    # The installed record says; an egg-info left in a clone's own folder does not.
    records = (found.read_text("direct_url.json") for found in metadata.distributions(name="trygg"))
    record = next((text for text in records if text), None)
    if record is None:
        return None
    data = json.loads(record)
    url = urlparse(data.get("url", ""))
    if url.scheme != "file":
        return None
    return unquote(url.path), bool(data.get("dir_info", {}).get("editable"))
