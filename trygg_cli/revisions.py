"""A year file as it was at a git revision (`2021@main`, `data/budget-2021.yaml@HEAD~3`): the
bytes, and where they came from; which year files a revision holds; a file's versions.

git is the one program trygg runs. What cannot be had (git missing, not a repository, an unknown
revision, a file the revision does not hold) is a `TryggError` naming what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trygg_cli import rules
from trygg_cli.model import TryggError


def read_at(path: Path, rev: str) -> bytes:
    """The bytes of `path` (in the work tree's layout) as they were at `rev`."""
    root, inside = _in_repository(path, rev)
    _known(root, rev)
    return _git(["cat-file", "blob", f"{rev}:{inside}"], root, TryggError("not-at-revision", path=path, rev=rev))


def _in_repository(path: Path, rev: str) -> tuple[Path, str]:
    """The root of the repository that holds `path` (a file or a folder, which the work tree need
    not have), and `path` inside it."""
    not_there = TryggError("not-a-repository", path=path, rev=rev)
    near = path if path.is_dir() else path.parent
    top = _git(["rev-parse", "--show-toplevel"], near if near.is_dir() else Path.cwd(), not_there)
    root = Path(top.decode().strip()).resolve()
    try:
        return root, (Path.cwd() / path).resolve().relative_to(root).as_posix()
    except ValueError:
        raise not_there from None


def _known(root: Path, rev: str) -> None:
    """Raise unless `rev` names a commit of the repository."""
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root, TryggError("unknown-revision", rev=rev))


def _git(arguments: list[str], folder: Path, failure: TryggError) -> bytes:
    import subprocess  # only a run that reads a revision needs it

    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise TryggError("no-git") from None
    if done.returncode != 0:
        raise failure
    return done.stdout


def year_files_at(folder: Path, rev: str) -> dict[int, Path]:
    """The data dir's year files as the revision holds them, by year (paths in the work tree's layout)."""
    root, inside = _in_repository(folder, rev)
    _known(root, rev)
    listed = _git(["ls-tree", "--name-only", rev, "--", f"{inside}/"], root, TryggError("unknown-revision", rev=rev))
    found: dict[int, Path] = {}
    for name in sorted(listed.decode().splitlines(), key=lambda name: not name.endswith(".yaml")):
        year = rules.year_of_file(Path(name).name)
        if year is not None and year not in found:
            found[year] = folder / Path(name).name
    return found


@dataclass(frozen=True, slots=True)
class Version:
    """A commit that touched a file, on the first-parent line: who, when, why, and the file's blob
    (None where the commit deleted it)."""

    commit: str
    date: str
    author: str
    subject: str
    blob: str | None


def versions(path: Path) -> tuple[list[Version], dict[str, bytes]]:
    """Every commit that changed `path`, oldest first, and the bytes of each of its blobs: one
    `git log` and one `git cat-file --batch`, however long the history."""
    import subprocess

    root, inside = _in_repository(path, "HEAD")
    log = _git(
        [
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--reverse",
            "--date=short",
            "--format=%x00%H%x1f%ad%x1f%an%x1f%s",
            "--",
            inside,
        ],
        root,
        TryggError("not-a-repository", path=path, rev="HEAD"),
    )
    found: list[Version] = []
    for record in log.decode("utf-8", errors="replace").split("\x00")[1:]:
        head, _, raw = record.partition("\n")
        commit, date, author, subject = head.split("\x1f", 3)
        blob = None
        for line in raw.splitlines():
            if line.startswith(":"):
                fields = line.split()
                blob = None if set(fields[3]) == {"0"} else fields[3]
        found.append(Version(commit, date, author, subject, blob))
    wanted = list(dict.fromkeys(version.blob for version in found if version.blob))
    batch = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(f"{blob}\n" for blob in wanted).encode(),
        capture_output=True,
        check=False,
    )
    blobs: dict[str, bytes] = {}
    data, at = batch.stdout, 0
    for blob in wanted:
        end = data.index(b"\n", at)
        size = int(data[at:end].split()[2])
        blobs[blob] = data[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found, blobs
