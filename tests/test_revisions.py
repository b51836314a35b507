"""Any year at any revision, read from real git repositories made here; a year from standard
input; and files left with merge-conflict markers."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA
from trygg_cli.targets import Named as Target
from trygg_cli.targets import split

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ekonom",
    "GIT_AUTHOR_EMAIL": "ekonom@example.org",
    "GIT_COMMITTER_NAME": "Ekonom",
    "GIT_COMMITTER_EMAIL": "ekonom@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", *arguments], cwd=folder, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def made_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose main holds the shipped years, tagged ks-beslut, then a commit that
    moves 0,1 mkr from SSPF to the coordinator: made once, copied for each test."""
    folder = tmp_path_factory.mktemp("repo")
    (folder / "data").mkdir()
    for year in (2020, 2021):
        (folder / "data" / f"budget-{year}.yaml").write_bytes((DATA / f"budget-{year}.yaml").read_bytes())
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "Beslutad budget")
    git(folder, "tag", "ks-beslut")
    path = folder / "data" / "budget-2021.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    amount: 1.5", "    amount: 1.4").replace(
        "    amount: 0.4\n    note: >-\n      Ny", "    amount: 0.5\n    note: >-\n      Ny"
    )
    path.write_text(text, encoding="utf-8")
    git(folder, "commit", "-q", "-am", "Flytta 0,1 mkr")
    return folder


@pytest.fixture
def repo(made_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository above, a copy of its own for each test; the work tree is at its root."""
    import shutil

    folder = tmp_path / "repo"
    shutil.copytree(made_repo, folder, symlinks=True)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(
    ("target", "split_to"),
    [
        ("2021", Target("2021")),
        ("2021@main", Target("2021", "main")),
        ("2021@HEAD@{1}", Target("2021", "HEAD@{1}")),
        ("data/budget-2021.yaml@HEAD~1", Target("data/budget-2021.yaml", "HEAD~1")),
        ("-", Target("-")),
    ],
)
def test_a_target_splits_at_the_first_at_after_a_year_or_a_path(target: str, split_to: Target) -> None:
    assert split(target) == split_to


def test_a_path_that_exists_with_an_at_is_never_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "budget@work.yaml").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert split("budget@work.yaml") == Target("budget@work.yaml")


def test_diff_a_year_against_itself_at_a_revision(repo: Path, run: Any) -> None:
    result = run("diff", "2021@ks-beslut", "2021")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Trygghetspaketet 2021: ks-beslut → arbetskopia, miljoner kronor"  # not 2021–2021
    assert lines[2].split()[1:4] == ["2021", "(ks-beslut)", "2021"]  # the headers tell them apart
    english = run("diff", "2021@HEAD~1", "2021@HEAD", "--locale", "en").stdout.splitlines()[0]
    assert english == "Trygghetspaketet 2021: HEAD~1 → HEAD, million SEK"
    assert "SSPF" in result.stdout and "-0,1" in result.stdout and "+0,1" in result.stdout
    assert run("diff", "2021@HEAD~1", "2021@HEAD", "--exit-code").exit_code == 1
    assert run("diff", "2021@HEAD", "2021", "--exit-code").exit_code == 0


def test_json_carries_each_sides_revision(repo: Path, run: Any) -> None:
    data = json.loads(run("diff", "2021@main~1", "2021", "--format", "json").stdout)
    assert data["from"] == {"year": 2021, "path": "data/budget-2021.yaml", "rev": "main~1"}
    assert data["to"] == {"year": 2021, "path": "data/budget-2021.yaml", "rev": None}
    shown = json.loads(run("show", "2021@ks-beslut", "-f", "json").stdout)
    assert shown["rev"] == "ks-beslut" and shown["total"] == "5.0"


def test_any_command_reads_a_year_or_path_at_a_revision_from_any_folder(repo: Path, run: Any) -> None:
    os.chdir(repo / "data")
    shown = run("--data-dir", ".", "show", "2021@ks-beslut")
    assert shown.exit_code == 0, shown.output
    amounts = {line.rsplit(maxsplit=1)[0]: line.rsplit(maxsplit=1)[1] for line in shown.stdout.splitlines()[4:] if line}
    assert amounts["SSPF"] == "1,5" and amounts["Brottsförebyggande trygghetssamordnare"] == "0,4"  # as tagged
    assert amounts["Summa"] == "5,0"
    checked = run("validate", "budget-2021.yaml@ks-beslut", locale="en")
    assert (checked.exit_code, checked.stdout, checked.stderr) == (0, "", "1 file checked: all good\n")
    table = run("table", "budget-2021.yaml@ks-beslut", "budget-2021.yaml")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[2].split() == ["Post", "2021", "(ks-beslut)", "2021"]
    assert [line.split()[-2:] for line in lines[4:] if line.startswith(("SSPF", "Brottsförebyggande", "Summa"))] == [
        ["0,4", "0,5"],
        ["1,5", "1,4"],
        ["5,0", "5,0"],
    ]


def test_problems_at_a_revision_say_where(repo: Path, run: Any) -> None:
    path = repo / "data" / "budget-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("total: 5.0", "total: 5.1"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Fel total")
    result = run("validate", "2021@HEAD", locale="en")
    assert result.exit_code == 1
    assert result.stderr.startswith("data/budget-2021.yaml@HEAD:7:8: total-mismatch: ")


@pytest.mark.parametrize(
    ("args", "english", "swedish"),
    [
        (["show", "2021@nosuch"], "nosuch: no such revision in this git repository", "nosuch: ingen sådan revision"),
        (
            ["show", "2019@main"],
            "data/budget-2019.yaml@main: the revision main has no data/budget-2019.yaml",
            "revisionen main har ingen",
        ),
    ],
)
def test_what_a_revision_cannot_give_is_one_line_and_exit_2(
    repo: Path, run: Any, args: list[str], english: str, swedish: str
) -> None:
    for locale, words in (("en", english), ("sv", swedish)):
        result = run(*args, locale=locale)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr


def test_outside_a_repository_a_revision_says_so(tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "budget-2021.yaml").write_bytes((DATA / "budget-2021.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("show", "2021@main", locale="en")
    assert result.exit_code == 2
    assert "data/budget-2021.yaml@main: data/budget-2021.yaml is not in a git repository" in result.stderr


def test_without_git_a_revision_says_git_is_needed(repo: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    result = run("show", "2021@main", locale="en")
    assert result.exit_code == 2 and "git is not installed" in result.stderr


def test_a_year_from_standard_input() -> None:
    from typer.testing import CliRunner

    from trygg_cli.cli import app

    runner = CliRunner()
    data = (DATA / "budget-2021.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["show", "-", "--format", "json"], input=data, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == "<stdin>"
    broken = data.replace("total: 5.0", "total: 5.1")
    result = runner.invoke(app, ["validate", "-", "--locale", "en"], input=broken, catch_exceptions=False)
    assert result.exit_code == 1 and result.stderr.startswith("<stdin>:7:8: total-mismatch")


CONFLICTED = """\
year: 2021
unit: mkr
<<<<<<< HEAD
total: 5.0
||||||| base
total: 4.8
=======
total: 4.9
>>>>>>> flytta
items:
  - id: a
    name: A
    amount: 5.0
"""


def test_merge_conflict_markers_are_one_problem_naming_them_and_both_totals(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "budget-2021.yaml"
    path.write_text(CONFLICTED, encoding="utf-8")
    for locale, words in (
        ("en", "unresolved merge conflict (markers on lines 3, 5, 7, 9): one side says total 5.0, the other 4.9"),
        ("sv", "olöst sammanslagningskonflikt (markeringar på raderna 3, 5, 7, 9): ena sidan säger total 5.0"),
    ):
        result = run("validate", str(path), locale=locale)
        assert result.exit_code == 1
        [line] = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
        assert line.startswith(f"{path}:3:1: merge-conflict: ") and words in line, line


def test_git_diff_shows_budgets_as_tables_and_a_broken_file_as_its_text(repo: Path) -> None:
    import shlex
    import sys

    (repo / ".gitattributes").write_text("data/budget-*.yaml diff=trygg\n", encoding="utf-8")
    git(repo, "config", "diff.trygg.textconv", f"{shlex.quote(sys.executable)} -m trygg_cli show --textconv")
    path = repo / "data" / "budget-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    amount: 1.4", "    amount: 1.3"), encoding="utf-8")
    shown = git(repo, "diff", "--", "data/budget-2021.yaml")
    assert "-sspf  1,4 mkr  SSPF" in shown and "+sspf  1,3 mkr  SSPF" in shown
    git(repo, "commit", "-q", "-am", "1,3")
    renamed = "    name: Brottsförebyggande trygghetssamordnare med ett mycket längre namn\n"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    name: Brottsförebyggande trygghetssamordnare\n", renamed),
        encoding="utf-8",
    )
    lines = [line for line in git(repo, "diff", "--", "data/budget-2021.yaml").splitlines() if line[:1] in "+-"]
    assert [line for line in lines if not line.startswith(("+++", "---"))] == [  # only the renamed line moved
        "-trygghetssamordnare  0,5 mkr  Brottsförebyggande trygghetssamordnare",
        "+trygghetssamordnare  0,5 mkr  Brottsförebyggande trygghetssamordnare med ett mycket längre namn",
    ]
    path.write_text("year: [\n", encoding="utf-8")  # does not load: git diff still works, on the text
    broken = git(repo, "diff", "--", "data/budget-2021.yaml")
    assert "+year: [" in broken and "-sspf  1,3 mkr  SSPF" in broken


@pytest.mark.parametrize("name", ["budget-2021.yaml", "a1b2c3_budget-2021.yaml"])
def test_textconv_reads_the_temporary_files_git_hands_it(tmp_path: Path, run: Any, name: str) -> None:
    path = tmp_path / "git-blob-a1b2c3" / name
    path.parent.mkdir()
    path.write_bytes((DATA / "budget-2021.yaml").read_bytes())
    result = run("show", str(path), "--textconv")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "total  5,0 mkr"
    assert "sspf  1,5 mkr  SSPF" in result.stdout.splitlines()


def test_review_reports_each_changed_year_for_a_pull_request(
    repo: Path, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier steps\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    new = repo / "data" / "budget-2022.yaml"  # untracked: a new year counts too
    new.write_bytes((repo / "data" / "budget-2021.yaml").read_bytes().replace(b"2021", b"2022"))
    result = run("review", "ks-beslut")
    assert result.exit_code == 0, result.output
    report = result.stdout
    assert report.startswith("### Budgetändringar mot ks-beslut\n")
    assert "- ✅ 2021: stämmer" in report and "- ✅ 2022: stämmer" in report
    assert "#### 2021: total 5,0 mkr → 5,0 mkr (0,0 mkr)" in report
    changed = report.split("#### 2021")[1].split("<details>")[0]
    assert "| SSPF " in changed and "| Brottsförebyggande trygghetssamordnare " in changed
    assert "Trygghetsvärdar (Orminge" not in changed  # unchanged lines only in the folded table
    assert "5 rader oförändrade." in changed
    assert "2021 (ks-beslut)" in changed
    assert "<details><summary>Hela tabellen</summary>" in report
    assert "#### 2022: ett nytt år, total 5,0 mkr" in report
    assert "2020" not in report.split("\n\n")[1]  # an unchanged year is not listed
    assert summary.read_text(encoding="utf-8") == "earlier steps\n" + report


def test_review_exits_1_when_a_changed_year_has_problems_and_names_them(repo: Path, run: Any) -> None:
    path = repo / "data" / "budget-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("total: 5.0", "total: 5.1"), encoding="utf-8")
    result = run("review", locale="en")
    assert result.exit_code == 1
    assert "- ❌ 2021: does not validate (1 problem)" in result.stdout
    assert "data/budget-2021.yaml:7:8: total-mismatch: items sum to 5.0 mkr" in result.stdout


def test_review_of_no_change_says_so(repo: Path, run: Any) -> None:
    result = run("review", locale="en")
    assert result.exit_code == 0
    assert result.stdout == "### Budget changes against HEAD\n\nNo year file differs from HEAD.\n"


def commit_edit(repo: Path, message: str, old: str, new: str) -> None:
    path = repo / "data" / "budget-2021.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


def test_log_lists_what_each_commit_changed_newest_first(repo: Path, run: Any) -> None:
    commit_edit(repo, "Bara en kommentar", "# Trygghetspaketet 2021", "# Trygghetspaketet 2021 (ändrad kommentar)")
    commit_edit(repo, "Nytt namn", "    name: SSPF\n", "    name: SSPF (skola, polis, fritid)\n")
    commit_edit(repo, "Trasig", "total: 5.0", "total: [")
    commit_edit(repo, "Lagad", "total: [", "total: 5.0")
    result = run("log", "2021", locale="en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    body = "\n".join(lines)
    order = [body.index(subject) for subject in ("Trasig", "Nytt namn", "Flytta 0,1 mkr", "Beslutad budget")]
    assert order == sorted(order)  # newest first
    assert "Lagad" not in body  # fixing the file back to what it was changed no line
    assert "does not load (1 problem)" in body
    assert "SSPF → SSPF (skola, polis, fritid) (renamed)" in body
    assert "SSPF 1.5 mkr → 1.4 mkr" in body and "Brottsförebyggande trygghetssamordnare 0.4 mkr → 0.5 mkr" in body
    assert "new: total 5.0 mkr" in body and "SSPF (new)" not in body  # the year's creation, not a change
    assert "SSPF (new) 1.5 mkr" in run("log", "2021", "--item", "sspf", locale="en").stdout
    assert lines[-1] == "2 commits that changed only notes, comments or layout are left out."


def test_log_follows_one_line_through_its_renames(repo: Path, run: Any) -> None:
    commit_edit(repo, "Nytt namn", "    name: SSPF\n", "    name: SSPF (skola, polis, fritid)\n")
    data = json.loads(run("log", "2021", "--item", "sspf", "--format", "json").stdout)
    assert [commit["subject"] for commit in data["commits"]] == ["Nytt namn", "Flytta 0,1 mkr", "Beslutad budget"]
    renamed = data["commits"][0]["changes"][0]
    assert renamed == {
        "id": "sspf",
        "name": "SSPF (skola, polis, fritid)",
        "status": "unchanged",
        "from": "1.4",
        "to": "1.4",
        "old_name": "SSPF",
    }
    moved = data["commits"][1]
    assert moved["changes"][0]["from"] == "1.5" and moved["changes"][0]["to"] == "1.4" and moved["total"] is None
    assert data["skipped"] == 0 and data["year"] == 2021


def test_log_reads_git_once_however_long_the_history(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess as real

    calls: list[list[str]] = []
    original = real.run

    def counting(arguments: list[str], **kwargs: Any) -> Any:
        calls.append(arguments)
        return original(arguments, **kwargs)

    for number in range(5):
        commit_edit(repo, f"Steg {number}", "    amount: 0.8\n", f"    amount: 0.8{number}\n")
        commit_edit(repo, f"Tillbaka {number}", f"    amount: 0.8{number}\n", "    amount: 0.8\n")
    monkeypatch.setattr(real, "run", counting)
    from trygg_cli.revisions import versions

    found, blobs = versions(Path("data/budget-2021.yaml"))
    assert len(found) == 12
    assert [call[1] for call in calls] == ["rev-parse", "log", "cat-file"]  # one log, one cat-file, not one a commit
    assert len(blobs) == 2 + 5  # each distinct version once (going back is a version seen before)


TRAP = """\
year: 2021
unit: mkr
total: 1.0
items:
  - id: a
    name: A
    amount: 0.4
  - id: b
    name: B
    amount: 0.6
note: >-
  Flyttat från b till a,
    amount: 0.6
  står det i protokollet.
"""


def test_log_reads_only_moved_amounts_but_gives_what_full_reads_give(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut for versions that only moved amounts must give the very history that reading
    every version in full gives, on edits it takes and on edits that only look like them."""
    from trygg_cli import history as module
    from trygg_cli.revisions import Version

    texts = [
        TRAP,
        TRAP.replace("    amount: 0.4", "    amount: 0.5").replace("total: 1.0", "total: 1.1"),  # taken
        TRAP.replace("    amount: 0.6\nnote", "    amount: 0.7\nnote").replace("total: 1.0", "total: 1.1"),
        TRAP.replace("  amount: 0.6\n  står", "  amount: 0.9\n  står"),  # in the note: not an amount
        TRAP.replace("    amount: 0.4", "    amount: 0.45"),  # taken, and does not add up
        TRAP.replace("    amount: 0.4", "    amount: 0,4"),  # not a plain number: read in full
        TRAP.replace("    amount: 0.4", "    amount: 0.40  # koll"),  # a comment: read in full
    ]
    versions = [Version(f"{n:040x}", "2026-01-01", "A", f"v{n}", f"blob{n}") for n in range(len(texts))]
    blobs = {f"blob{n}": text.encode() for n, text in enumerate(texts)}
    quick = module.history(versions, blobs, "budget-2021.yaml")
    taken: list[int] = []
    original = module.amounts_moved

    def counting(*arguments: Any) -> Any:
        result = original(*arguments)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(module, "amounts_moved", counting)
    module.history(versions, blobs, "budget-2021.yaml")
    assert sum(taken) >= 2  # the shortcut did run
    monkeypatch.setattr(module, "amounts_moved", lambda *arguments: None)
    full = module.history(versions, blobs, "budget-2021.yaml")
    assert [(entry.changes, entry.total, entry.problems, entry.loads) for entry in quick.entries] == [
        (entry.changes, entry.total, entry.problems, entry.loads) for entry in full.entries
    ]
    assert quick.skipped == full.skipped


def test_the_chart_tells_the_two_sides_of_one_year_apart(repo: Path, run: Any) -> None:
    text = run("chart", "2021@ks-beslut", "2021", "--format", "plain").stdout
    assert "2021 (ks-beslut)" in text
    svg = run("chart", "2021@ks-beslut", "2021", "--format", "svg").stdout
    assert ">2021 (ks-beslut)</text>" in svg


def test_log_and_review_name_a_change_to_what_counts_in_the_follow_up(repo: Path, run: Any) -> None:
    """A commit that changes which postings are a line's (`match`) or its own forecast changes no
    amount, but it changes the follow-up: the log keeps it, the review names it."""
    path = repo / "data" / "budget-2021.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    amount: 1.4\n", '    amount: 1.4\n    match: {projekt: "2104"}\n    forecast: 1.2\n')
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Koppla SSPF till projektet")
    path.write_text(text.replace('{projekt: "2104"}', '{projekt: ["2104", "2105"]}'), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Ett projekt till")
    log = run("log", "2021", "--locale", "en")
    assert log.exit_code == 0, log.output
    rows = [line for line in log.stdout.splitlines() if line.startswith("20")]
    assert "SSPF: match projekt 2104 → projekt 2104, 2105" in rows[0]
    assert "SSPF: match – → projekt 2104; SSPF: own forecast – → 1.2 mkr" in rows[1]
    data = json.loads(run("log", "2021", "--format", "json").stdout)
    assert data["commits"][0]["follow"] == [
        {
            "id": "sspf",
            "name": "SSPF",
            "match": [{"projekt": ["2104"]}, {"projekt": ["2104", "2105"]}],
            "forecast": None,
        }
    ]
    review = run("review", "HEAD~2")
    assert "Uppföljningen: SSPF: match – → projekt 2104, 2105; SSPF: egen prognos – → 1,2 mkr." in review.stdout


def test_the_amount_shortcut_keeps_a_versions_match_and_forecast() -> None:
    from trygg_cli import history as module
    from trygg_cli.load import load_data

    text = TRAP.replace("items:\n", 'match: {ansvar: "1"}\nitems:\n')
    before = load_data(text.encode(), "budget-2021.yaml").budget
    assert before is not None and before.match
    moved = text.replace("    amount: 0.4", "    amount: 0.5").replace("total: 1.0", "total: 1.1")
    after = module.amounts_moved((text.encode().split(b"\n"), before), moved.encode().split(b"\n"))
    assert after is not None
    assert after == load_data(moved.encode(), "budget-2021.yaml").budget


@pytest.mark.parametrize("rev", ["HEAD", "ks-beslut", "release/2021"])
def test_a_year_file_at_a_revision_is_held_to_its_name(repo: Path, run: Any, rev: str) -> None:
    """budget-2021.yaml that says `year: 2020` at a revision: the file name is the one in git,
    without the revision (which may hold a slash, as a branch does), and it must match."""
    path = repo / "data" / "budget-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2021", "year: 2020"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Fel år")
    git(repo, "tag", "-f", "ks-beslut")
    git(repo, "branch", "release/2021")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data/budget-2021.yaml")  # the work tree is right again
    assert run("validate", "2021").exit_code == 0
    for target in (f"2021@{rev}", f"data/budget-2021.yaml@{rev}"):
        result = run("validate", target, locale="en")
        assert result.exit_code == 1, (target, result.output)
        assert result.stderr.startswith(
            f"data/budget-2021.yaml@{rev}:4:7: year-mismatch: year is 2020 but the file is named for 2021\n"
        ), result.stderr
    shown = run("show", f"data/budget-2021.yaml@{rev}", "--format", "json")
    assert shown.exit_code == 1
    assert [problem["code"] for problem in json.loads(shown.stdout)["problems"]] == ["year-mismatch"]


def test_log_of_one_item_lists_only_that_items_changes(repo: Path, run: Any) -> None:
    """`--item sspf` leaves out every commit that changed other lines: their amounts, their
    match, their own forecast, the package's match and the total alone."""
    commit_edit(repo, "Samordnarens projekt", "    amount: 0.5\n", '    amount: 0.5\n    match: {projekt: "2104"}\n')
    commit_edit(repo, "Samordnarens prognos", '{projekt: "2104"}\n', '{projekt: "2104"}\n    forecast: 0.3\n')
    commit_edit(repo, "Paketets ansvar", "items:\n", 'match: {ansvar: "3100"}\nitems:\n')
    commit_edit(repo, "Kameror", "    amount: 0.2\n", "    amount: 0.3\n")
    commit_edit(repo, "Ny total", "total: 5.0", "total: 5.1")
    commit_edit(repo, "SSPF:s projekt", "    amount: 1.4\n", '    amount: 1.4\n    match: {projekt: "2105"}\n')
    data = json.loads(run("log", "2021", "--item", "sspf", "--format", "json").stdout)
    subjects = [commit["subject"] for commit in data["commits"]]
    assert subjects == ["SSPF:s projekt", "Flytta 0,1 mkr", "Beslutad budget"]
    assert data["skipped"] == 5
    for commit in data["commits"]:
        assert {change["id"] for change in commit["changes"]} <= {"sspf"}
        assert {follow["id"] for follow in commit["follow"]} <= {"sspf"}
        assert commit["total"] is None
    assert data["commits"][0]["follow"] == [
        {"id": "sspf", "name": "SSPF", "match": [{}, {"projekt": ["2105"]}], "forecast": None}
    ]
    text = run("log", "2021", "--item", "sspf", locale="en")
    assert text.exit_code == 0, text.output
    rows = [line for line in text.stdout.splitlines() if line.startswith("20")]
    assert len(rows) == 3 and "SSPF: match – → projekt 2105" in rows[0]
    assert "samordnare" not in text.stdout and "Kamera" not in text.stdout and "ansvar" not in text.stdout
    assert text.stdout.splitlines()[-1] == "5 commits that did not change sspf are left out."


def test_log_and_review_name_a_budget_change_by_its_decision(repo: Path, run: Any) -> None:
    path = repo / "data" / "budget-2021.yaml"
    change = (
        "changes:\n  - date: 2021-05-10\n    decision: KS 2021-05-10 § 87\n    moves:\n"
        "      ambulerande-trygghetsvardar: -0.2\n      lokala-arbetsgrupper: +0.2\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + change, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Ombudgetering i maj")
    log = run("log", "2021")
    assert log.exit_code == 0, log.output
    newest = next(line for line in log.stdout.splitlines() if line.startswith("20"))
    said = "budgetändring KS 2021-05-10 § 87: Ambulerande Trygghetsvärdar -0,2 mkr; Stöd till lokala arbetsgrupper"
    assert said + " +0,2 mkr" in " ".join(log.stdout.split())
    assert "Ombudgetering i maj" in newest
    data = json.loads(run("log", "2021", "--item", "sspf", "--format", "json").stdout)
    assert all(not commit["decisions"] for commit in data["commits"])  # sspf moved nothing
    data = json.loads(run("log", "2021", "--item", "lokala-arbetsgrupper", "--format", "json").stdout)
    assert data["commits"][0]["decisions"] == [
        {
            "decision": "KS 2021-05-10 § 87",
            "moves": [
                {"name": "Ambulerande Trygghetsvärdar", "amount": "-0.2"},
                {"name": "Stöd till lokala arbetsgrupper", "amount": "0.2"},
            ],
        }
    ]
    review = run("review", "HEAD~1")
    assert "Budgetändringar: budgetändring KS 2021-05-10 § 87: Ambulerande Trygghetsvärdar -0,2 mkr" in review.stdout


def test_log_item_by_id_or_name_and_an_unknown_one_exits_2(repo: Path, run: Any) -> None:
    by_id = json.loads(run("log", "2021", "--item", "sspf", "--format", "json").stdout)
    by_name = json.loads(run("log", "2021", "--item", "ssPF", "--format", "json").stdout)
    assert by_id == by_name and by_id["commits"]
    named = json.loads(run("log", "2021", "--item", "Stöd till lokala arbetsgrupper", "--format", "json").stdout)
    assert named == json.loads(run("log", "2021", "--item", "lokala-arbetsgrupper", "--format", "json").stdout)
    unknown = run("log", "2021", "--item", "polisen", locale="en")
    assert unknown.exit_code == 2 and not unknown.stdout
    assert (
        "--item polisen: no line of the year's history has that id or name; its ids are trygghetsvardar"
        in unknown.stderr
    )
    commit_edit(repo, "Samma namn", "    name: SSPF\n", "    name: Stöd till lokala arbetsgrupper\n")
    two = run("log", "2021", "--item", "stöd till lokala arbetsgrupper", locale="en")
    assert two.exit_code == 2 and "two lines have had that name (lokala-arbetsgrupper, sspf)" in two.stderr
