"""Finding year files, and writing one so it is never half-written."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trygg_cli import files
from trygg_cli.model import TryggError

UNNAMED = pytest.param(True, id="unnamed-tmpfile")
NAMED = pytest.param(False, id="named-tmpfile")


@pytest.fixture(params=[UNNAMED, NAMED])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each write test runs with Linux's unnamed temp file and with the portable named one."""
    if not request.param:

        def no_tmpfile(*_: object) -> None:
            raise files._NoTmpfile

        monkeypatch.setattr(files, "_write_unnamed", no_tmpfile)


def test_resolve_year_and_path(tmp_path: Path) -> None:
    (tmp_path / "budget-2021.yaml").write_text("x")
    assert files.resolve("2021", tmp_path) == tmp_path / "budget-2021.yaml"
    assert files.resolve(str(tmp_path / "budget-2021.yaml"), tmp_path) == tmp_path / "budget-2021.yaml"
    with pytest.raises(TryggError) as raised:
        files.resolve("2019", tmp_path)
    assert (raised.value.reason, raised.value.figures["known"]) == ("no-such-year", [2021])
    assert files.years(tmp_path) == [2021]


def test_new_file_is_written_with_umask_permissions(tmp_path: Path, way: None) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "budget-2022.yaml"
        files.write_atomic(target, b"year: 2022\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"year: 2022\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["budget-2022.yaml"]


def test_existing_file_is_never_overwritten_without_replace(tmp_path: Path, way: None) -> None:
    target = tmp_path / "budget-2022.yaml"
    target.write_bytes(b"keep me\n")
    with pytest.raises(FileExistsError):
        files.write_atomic(target, b"new\n")
    assert target.read_bytes() == b"keep me\n"
    assert os.listdir(tmp_path) == ["budget-2022.yaml"]


def test_replace_keeps_the_old_files_permissions(tmp_path: Path, way: None) -> None:
    target = tmp_path / "budget-2022.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    files.write_atomic(target, b"new\n", replace=True)
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["budget-2022.yaml"]


def test_full_disk_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, way: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "budget-2022.yaml"
    target.write_bytes(b"old\n")
    written: list[int] = []

    def full_disk(fd: int, data: object) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(fd)
        return 3  # a first short write, then the disk is full

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"new content\n", replace=True)
    assert target.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["budget-2022.yaml"]


KILLED_MID_WRITE = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from trygg_cli import files
    if sys.argv[2] == "named":
        def no_tmpfile(*_):
            raise files._NoTmpfile
        files._write_unnamed = no_tmpfile
    def die(fd):
        os.kill(os.getpid(), signal.SIGKILL)  # the power goes: after the bytes, before the name
    files.os.fsync = die
    files.write_atomic(Path(sys.argv[1]), b"half of a new budget", replace=True)
""")


def test_killed_mid_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "budget-2022.yaml"
    target.write_bytes(b"old\n")
    result = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(target), "unnamed"], check=False)
    assert result.returncode == -9
    assert target.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["budget-2022.yaml"]  # an unnamed file vanishes with the process


def test_killed_mid_write_with_named_temp_file_leaves_the_old_file(tmp_path: Path) -> None:
    # Without O_TMPFILE a kill -9 can leave the dot-named temp file (nothing can remove it), but
    # never a changed or half-written budget.
    target = tmp_path / "budget-2022.yaml"
    target.write_bytes(b"old\n")
    result = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(target), "named"], check=False)
    assert result.returncode == -9
    assert target.read_bytes() == b"old\n"
    assert [name for name in os.listdir(tmp_path) if not name.startswith(".")] == ["budget-2022.yaml"]


def test_yml_is_a_year_file_everywhere(tmp_path: Path) -> None:
    (tmp_path / "budget-2021.yml").write_text("x")
    (tmp_path / "budget-2020.yaml").write_text("x")
    (tmp_path / "notes.yml").write_text("x")
    assert files.years(tmp_path) == [2020, 2021]
    assert list(files.scan(tmp_path).years.values()) == [tmp_path / "budget-2020.yaml", tmp_path / "budget-2021.yml"]
    assert files.resolve("2021", tmp_path) == tmp_path / "budget-2021.yml"
    assert files.year_file(tmp_path, 2022) == tmp_path / "budget-2022.yaml"  # a new year gets .yaml


def test_one_file_a_year_and_the_others_are_strays(tmp_path: Path) -> None:
    for name in ("budget-2021.yml", "budget-2021.yaml", "budget-2022 - kopia.yaml", "budget-2022-utkast.yaml"):
        (tmp_path / name).write_text("x")
    (tmp_path / "budget-2022.yaml").write_text("x")
    found = files.scan(tmp_path)
    assert found.years == {2021: tmp_path / "budget-2021.yaml", 2022: tmp_path / "budget-2022.yaml"}
    assert found.strays == (
        files.Stray(tmp_path / "budget-2021.yml", 2021, tmp_path / "budget-2021.yaml"),
        files.Stray(tmp_path / "budget-2022 - kopia.yaml", 2022),
        files.Stray(tmp_path / "budget-2022-utkast.yaml", 2022),
    )
