"""The `trygg` command end to end: exact output for the shipped data, exit codes, streams."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer

from tests.cases import PAPER, PAPER_NAMES
from tests.conftest import DATA, REPO, Write, golden
from trygg_cli import __version__
from trygg_cli.cli import app
from trygg_cli.command_line import help_key
from trygg_cli.render.formats import Format
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import text

Run = Callable[..., Any]
BROKEN_TOTAL = """\
    year: 2021
    unit: mkr
    total: 5.0
    items:
      - id: a
        name: A
        amount: 2.0
      - id: b
        name: B
        amount: 2.9
"""


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, so the default data dir is the shipped ./data."""
    monkeypatch.chdir(REPO)


# Golden output for the shipped data --------------------------------------------------------

GOLDEN_RUNS = {
    "diff-2020-2021.txt": ["diff", "2020", "2021"],
    "diff-2020-2021.json": ["diff", "2020", "2021", "--format", "json"],
    "diff-2020-2021-tkr.txt": ["diff", "2020", "2021", "--unit", "tkr"],
    "diff-2020-2021-en.txt": ["diff", "2020", "2021", "--locale", "en"],
    "diff-2020-2021-en.csv": ["diff", "2020", "2021", "--locale", "en", "--format", "csv"],
    "diff-2020-2021-by-change.txt": ["diff", "2020", "2021", "--sort", "change", "--only-changed"],
    "show-2021.txt": ["show", "2021"],
    "show-2021-kr.txt": ["show", "2021", "--unit", "kr"],
    "show-2020.json": ["show", "2020", "--format", "json"],
    "table-2021-2020.txt": ["table", "2021", "2020"],
    "table-2021-2020.html": ["table", "2021", "2020", "--format", "html"],
    "table-2021-2020-en.html": ["table", "2021", "2020", "--format", "html", "--locale", "en"],
    "table-2021-2020.json": ["table", "2021", "2020", "--format", "json"],
    "validate.json": ["validate", "--format", "json"],
    "years.txt": ["years"],
    "diff-2020-2021.csv.txt": ["diff", "2020", "2021", "--format", "csv"],
    "diff-2020-2021.html.txt": ["diff", "2020", "2021", "--format", "html"],
    "follow-2021.txt": ["follow", "examples/budget-2021.yaml", "examples/huvudbok-2021.se", "--unit", "tkr"],
    "follow-2021-en.txt": ["follow", "examples/budget-2021.yaml", "examples/huvudbok-2021.se", "--locale", "en"],
    "follow-2021.json": ["follow", "examples/budget-2021.yaml", "examples/huvudbok-2021.se", "--format", "json"],
    "follow-2021.csv.txt": ["follow", "examples/budget-2021.yaml", "examples/huvudbok-2021.se", "--format", "csv"],
}
# tabulate's formats, rich's tables and its SVG are checked by structure below, not pinned: their
# exact layout is those packages', and changes with their releases.
# Not tables: the follow-up's picture, and the budget as a file for an accounting system.
PICTURES_AND_FILES_FOR_SYSTEMS = {"svg", "sie"}
THIRD_PARTY_FORMATS = [
    fmt
    for fmt in Format
    if fmt not in (Format.PLAIN, Format.CSV, Format.HTML, Format.JSON, Format.DOCX)
    and fmt.value not in PICTURES_AND_FILES_FOR_SYSTEMS
]


@pytest.mark.parametrize(("name", "args"), list(GOLDEN_RUNS.items()), ids=list(GOLDEN_RUNS))
def test_shipped_data_output(in_repo: None, run: Run, name: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


@pytest.mark.parametrize("fmt", [fmt for fmt in THIRD_PARTY_FORMATS if fmt is not Format.XLSX], ids=str)
def test_every_text_format_holds_the_papers_rows_in_order(in_repo: None, run: Run, fmt: Format) -> None:
    result = run("diff", "2020", "2021", "--format", fmt.value)
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\\%", "%")  # LaTeX writes % as \%
    at = 0
    for name, old, new in PAPER_ROWS:
        line = next(line for line in text.splitlines()[at:] if name in line)
        at = text.splitlines().index(line) + 1
        assert line.index(old) < line.rindex(new), line


PAPER_ROWS = [
    ("Trygghetsvärdar (Orminge och Fisksätra)", "2,0", "0,8"),
    ("Ambulerande Trygghetsvärdar", "0,3", "0,8"),
    ("Brottsförebyggande trygghetssamordnare (ny)", "0,0", "0,4"),
    ("SSPF", "1,5", "1,5"),
    ("Stöd till lokala arbetsgrupper", "0,9", "0,9"),
    ("Kameraövervakning – centrala funktioner", "0,3", "0,2"),
    ("Insatser i samverkan med lokala aktörer (ny)", "0,0", "0,4"),
    ("Summa", "5,0", "5,0"),
]


def test_diff_prints_the_papers_numbers(in_repo: None, run: Run) -> None:
    lines = run("diff", "2020", "2021").stdout.splitlines()
    rows = {line[:46].strip(): line[46:].split()[:2] for line in lines[4:] if line.strip()}
    assert rows["Trygghetsvärdar (Orminge och Fisksätra)"] == ["2,0", "0,8"]
    assert rows["Ambulerande Trygghetsvärdar"] == ["0,3", "0,8"]
    assert rows["Brottsförebyggande trygghetssamordnare (ny)"] == ["0,0", "0,4"]
    assert rows["SSPF"] == ["1,5", "1,5"]
    assert rows["Stöd till lokala arbetsgrupper"] == ["0,9", "0,9"]
    assert rows["Kameraövervakning – centrala funktioner"] == ["0,3", "0,2"]
    assert rows["Insatser i samverkan med lokala aktörer (ny)"] == ["0,0", "0,4"]
    assert rows["Summa"] == ["5,0", "5,0"]


def test_validate_passes_on_shipped_data(in_repo: None, run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "2 filer kontrollerade: allt stämmer\n"


# Exit codes and streams --------------------------------------------------------------------


def test_validate_fails_with_path_line_column(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    result = run("--data-dir", str(path.parent), "validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:3:8: total-mismatch: posterna summerar till 4,9 mkr men total är 5,0 mkr (0,1 mkr för lite)",
        "1 fil kontrollerad: 1 problem i 1 fil",
    ]


def test_validate_json_is_one_document_on_stdout(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    write(BROKEN_TOTAL.replace("5.0", "4.9").replace("2021", "2020"), name="budget-2020.yaml")
    result = run("validate", "--format", "json", env={"TRYGG_DATA_DIR": str(path.parent)})
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [(f["year"], f["ok"]) for f in data["files"]] == [(2020, True), (2021, False)]
    assert data["files"][1]["problems"] == [
        {
            "code": "total-mismatch",
            "message": "items sum to 4.9 mkr but total is 5.0 mkr (0.1 mkr short)",
            "line": 3,
            "column": 8,
            "figures": {"sum": "4.9", "total": "5.0", "gap": "0.1", "unit": "mkr"},
        }
    ]
    assert result.stderr == ""


@pytest.mark.parametrize("command", [["validate"], ["show", "2021"], ["diff", "2021", "2021"], ["years"]])
def test_json_is_the_same_in_every_locale(write: Write, run: Run, command: list[str]) -> None:
    path = write(BROKEN_TOTAL)
    env = {"TRYGG_DATA_DIR": str(path.parent)}
    swedish = run(*command, "--format", "json", "--locale", "sv", env=env)
    english = run(*command, "--format", "json", "--locale", "en", env=env)
    assert swedish.stdout == english.stdout
    assert "4.9 mkr" in swedish.stdout


def test_validate_reports_every_file_named(write: Write, run: Run) -> None:
    first = write(BROKEN_TOTAL)
    second = write("year: 2020\n", name="budget-2020.yaml")
    result = run("validate", str(first), str(second))
    assert result.exit_code == 1
    paths = {line.split(":")[0] for line in result.stderr.splitlines()[:-1]}
    assert paths == {str(first), str(second)}


def test_validate_year_argument_reads_the_data_dir(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    assert run("--data-dir", str(path.parent), "validate", "2021").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "2019"],
        ["validate", "no/such/file.yaml"],
        ["show", "2019"],
        ["diff", "2019", "2021"],
        ["--data-dir", "nowhere", "validate"],
    ],
)
def test_could_not_run_is_exit_2_with_a_message(in_repo: None, run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("trygg: ")
    assert result.stdout == ""
    # `run` invokes with catch_exceptions=False: an exception would have failed the test above.


def test_missing_year_names_the_years_there(in_repo: None, run: Run) -> None:
    result = run("show", "2019")
    assert result.stderr == "trygg: ingen budget för 2019: data/budget-2019.yaml finns inte (år i data: 2020, 2021)\n"


def test_empty_data_dir_is_exit_2(tmp_path: Path, run: Run) -> None:
    result = run("--data-dir", str(tmp_path), "validate")
    assert result.exit_code == 2
    assert "inga budgetfiler" in result.stderr


def test_bad_option_is_exit_2(in_repo: None, run: Run) -> None:
    assert run("diff", "2020", "2021", "--unit", "gkr").exit_code == 2


def test_diff_exit_code_reports_differences(in_repo: None, run: Run) -> None:
    assert run("diff", "2020", "2021", "--exit-code").exit_code == 1
    assert run("diff", "2021", "2021", "--exit-code").exit_code == 0
    assert run("diff", "2020", "2021").exit_code == 0


def test_diff_with_warnings_prints_the_table_and_exits_1(in_repo: None, write: Write, run: Run) -> None:
    broken = write(BROKEN_TOTAL)
    result = run("diff", "2020", str(broken))
    assert result.exit_code == 1
    assert "Summa" in result.stdout
    assert (
        result.stderr
        == f"{broken}:3:8: total-mismatch: posterna summerar till 4,9 mkr men total är 5,0 mkr (0,1 mkr för lite)\n"
    )


def test_diff_of_a_file_that_does_not_load_prints_its_problems(in_repo: None, write: Write, run: Run) -> None:
    broken = write(BROKEN_TOTAL.replace("amount: 2.9", "amount: 2,9"))
    text = run("diff", "2020", str(broken))
    assert text.exit_code == 1
    assert text.stdout == ""
    assert (
        text.stderr.splitlines()[0] == f"{broken}:10:13: amount: amount 2,9 har decimalkomma; skriv det med punkt: 2.9"
    )
    as_json = run("diff", "2020", str(broken), "--format", "json")
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["files"][1]["problems"][0]["code"] == "amount"


def test_show_json_names_problems_and_the_declared_total(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    result = run("show", str(path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["total"], data["ok"]) == ("5.0", False)
    assert [i["amount"] for i in data["items"]] == ["2.0", "2.9"]
    assert data["problems"][0]["code"] == "total-mismatch"


def test_years_exit_1_when_a_year_does_not_validate(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    write("year: 2020\n", name="budget-2020.yaml")
    result = run("--data-dir", str(path.parent), "years")
    assert result.exit_code == 1
    assert "fel (1)" in result.stdout


def test_piped_output_is_plain_text(in_repo: None, run: Run) -> None:
    result = run("diff", "2020", "2021")
    assert "\x1b" not in result.stdout
    assert "─" not in result.stdout  # rich's box drawing appears only on a terminal or when asked for


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout == f"trygg {__version__}\n"
    for command in ["validate", "diff", "show", "years"]:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert result.stdout.startswith("Användning: ")


def test_module_entry_point_runs(in_repo: None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trygg_cli", "validate"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "2 filer kontrollerade: allt stämmer\n"


def test_terminal_without_utf8_gets_no_crash(in_repo: None) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "trygg_cli", "show", "2021"], capture_output=True, cwd=REPO, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert b"Trygghetsv?rdar (Orminge och Fisks?tra)" in result.stdout


def test_closed_pipe_ends_quietly(write: Write) -> None:
    items = "".join(f"  - {{id: item-{n}, name: Post {n}, amount: 1}}\n" for n in range(5000))
    path = write(f"year: 2021\nunit: kr\ntotal: 5000\nitems:\n{items}")
    process = subprocess.Popen(
        [sys.executable, "-m", "trygg_cli", "show", str(path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert stderr == b""
    assert process.returncode == -signal.SIGPIPE  # as cat or grep would end


# trygg new ---------------------------------------------------------------------------------


def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for source in (REPO / "data").glob("budget-*.yaml"):
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def test_new_starts_next_year_from_the_latest(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    result = run("--data-dir", str(folder), "new", "2022")
    assert result.exit_code == 0, result.output
    target = folder / "budget-2022.yaml"
    assert result.stdout == f"{target}\n"
    assert result.stderr.startswith(
        f"började 2022 från {folder / 'budget-2021.yaml'}: 7 poster, total 5,0 mkr; redigera den"
    )
    assert run("--data-dir", str(folder), "validate", "2022").exit_code == 0
    assert run("--data-dir", str(folder), "diff", "2021", "2022", "--exit-code").exit_code == 0
    assert sorted(os.listdir(folder)) == ["budget-2020.yaml", "budget-2021.yaml", "budget-2022.yaml"]


def test_new_from_a_named_year(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    assert run("--data-dir", str(folder), "new", "2022", "--from", "2020").exit_code == 0
    assert run("--data-dir", str(folder), "diff", "2020", "2022", "--exit-code").exit_code == 0


def test_new_never_overwrites_without_force(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    target = folder / "budget-2022.yaml"
    target.write_bytes(b"year: 2022  # my own work\n")
    result = run("--data-dir", str(folder), "new", "2022")
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {target} finns redan; använd --force för att ersätta den\n"
    assert target.read_bytes() == b"year: 2022  # my own work\n"
    forced = run("--data-dir", str(folder), "new", "2022", "--force")
    assert forced.exit_code == 0, forced.output
    assert b"year: 2022\n" in target.read_bytes()


def test_new_refuses_a_previous_year_with_problems(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    result = run("--data-dir", str(path.parent), "new", "2022")
    assert result.exit_code == 1
    assert "total-mismatch" in result.stderr
    assert not (path.parent / "budget-2022.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "22"], "trygg: 22: ÅR måste vara ett fyrsiffrigt år, som 2022\n"),
        (["new", "2019"], "trygg: inget år före 2019 i data att börja från; ange ett med --from\n"),
        (["new", "2022", "--from", "2018"], None),
    ],
)
def test_new_bad_arguments_exit_2(in_repo: None, run: Run, args: list[str], message: str | None) -> None:
    result = run(*args)
    assert result.exit_code == 2
    if message:
        assert result.stderr == message
    assert not (REPO / "data" / "budget-2022.yaml").exists()


def test_new_on_a_full_disk_says_so_and_writes_nothing(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = shipped_copy(tmp_path)

    def full_disk(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trygg_cli.files.os.write", full_disk)
    result = run("--data-dir", str(folder), "new", "2022")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "kan inte skriva" in result.stderr and "No space left on device" in result.stderr
    assert sorted(os.listdir(folder)) == ["budget-2020.yaml", "budget-2021.yaml"]


# Editors, CI and the shell -----------------------------------------------------------------


def test_schema_command_prints_the_repo_copy(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "schema" / "budget.schema.json").read_text(encoding="utf-8")


def test_github_annotations(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    result = run("validate", str(path), "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={path},line=3,col=8,title=total-mismatch::"
        "posterna summerar till 4,9 mkr men total är 5,0 mkr (0,1 mkr för lite)\n"
    )


def test_github_annotations_are_the_default_in_github_actions(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    assert run("validate", str(path), env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::error file=")
    assert run("validate", str(path), "--format", "text", env={"GITHUB_ACTIONS": "true"}).stdout == ""


def test_pre_commit_hook_definition() -> None:
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "trygg-validate" and hook["entry"] == "trygg validate"
    pattern = re.compile(hook["files"])
    assert pattern.search("data/budget-2021.yaml") and pattern.search("budget-2021.yml")
    assert not pattern.search("budget-21.yaml") and not pattern.search("budget-2021.yaml.bak")


def test_shell_completion_offers_the_years(in_repo: None) -> None:
    env = {**os.environ, "_TRYGG_COMPLETE": "complete_bash", "COMP_WORDS": "trygg diff ", "COMP_CWORD": "2"}
    result = subprocess.run(
        [sys.executable, "-m", "trygg_cli"], capture_output=True, text=True, cwd=REPO, env=env, check=False
    )
    assert result.stdout.split() == ["2020", "2021"]


# Reports: table, formats, locale, rounding, output ----------------------------------------


def test_table_2021_2020_is_the_papers_table(in_repo: None, run: Run) -> None:
    result = run("table", "2021", "2020", "--format", "csv", "--locale", "en")
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.removeprefix("\ufeff").splitlines()]
    assert rows[0] == ["Item", "2021 (mkr)", "2020 (mkr)"]
    expected = [[PAPER_NAMES[i], PAPER[2021][i], PAPER[2020].get(i, "0.0")] for i in PAPER[2021]]
    assert rows[1:-1] == expected
    assert rows[-1] == ["Total", "5.0", "5.0"]


def test_locale_from_the_environment(in_repo: None, run: Run) -> None:
    result = run("show", "2021", env={"TRYGG_LOCALE": "en"})
    assert "Total" in result.stdout and "Summa" not in result.stdout


def test_decimals_round_for_display_only(in_repo: None, run: Run) -> None:
    rounded = run("show", "2021", "--decimals", "0").stdout
    assert rounded.splitlines()[-1].split() == ["Summa", "5"]
    lines = {
        line.rsplit(maxsplit=1)[0].strip(): line.rsplit(maxsplit=1)[1] for line in rounded.splitlines()[4:] if line
    }
    assert lines["Trygghetsvärdar (Orminge och Fisksätra)"] == "1"  # 0,8 rounds to 1
    assert lines["Kameraövervakning – centrala funktioner"] == "0"  # 0,2 rounds to 0
    as_json = json.loads(run("show", "2021", "--decimals", "0", "--format", "json").stdout)
    assert as_json["items"][0]["amount"] == "0.8"  # JSON is never rounded


def test_swedish_csv_for_excel(in_repo: None, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "diff.csv"
    assert run("diff", "2020", "2021", "--output", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith("\ufeffPost;2020 (mkr);2021 (mkr);Förändring (mkr);Förändring %\r\n".encode())
    assert "Trygghetsvärdar (Orminge och Fisksätra);2,0;0,8;-1,2;-60,0\r\n".encode() in data


def test_output_is_written_whole_and_named_on_stderr(in_repo: None, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "tabell.html"
    result = run("table", "2021", "2020", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"skrev {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # the suffix chose html
    assert os.listdir(tmp_path) == ["tabell.html"]


def test_output_never_overwrites_an_input(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    source = folder / "budget-2021.yaml"
    before = source.read_bytes()
    result = run("--data-dir", str(folder), "diff", "2020", "2021", "--format", "plain", "--output", str(source))
    assert result.exit_code == 2
    assert "är en av filerna som läses" in result.stderr
    assert source.read_bytes() == before


def test_xlsx_needs_output(in_repo: None, run: Run) -> None:
    result = run("diff", "2020", "2021", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_xlsx_workbook_reads_back(in_repo: None, run: Run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "diff.xlsx"
    assert run("diff", "2020", "2021", "--output", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    names = [sheet.cell(row, 1).value for row in range(4, 11)]
    assert names[0] == "Trygghetsvärdar (Orminge och Fisksätra)"
    assert [sheet.cell(row, 2).value for row in range(4, 11)] == [2, 0.3, 0, 1.5, 0.9, 0.3, 0]
    assert [sheet.cell(row, 3).value for row in range(4, 11)] == [0.8, 0.8, 0.4, 1.5, 0.9, 0.2, 0.4]
    assert sheet["A11"].value == "Summa" and sheet["B11"].value == "=SUM(B4:B10)"


@pytest.mark.parametrize(
    ("module", "name", "message", "extra"),
    [
        ("xlsxwriter", "diff.xlsx", "--format xlsx needs XlsxWriter", "excel"),
        ("docx", "diff.docx", "--format docx needs python-docx", "word"),
    ],
)
def test_a_missing_extra_is_named(  # noqa: PLR0917 - pytest passes fixtures and parameters by name
    in_repo: None,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
    message: str,
    extra: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if it were not installed
    result = run("diff", "2020", "2021", "--output", str(tmp_path / name), locale="en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"trygg: {message}: ")
    # the command that works for how trygg was installed: here, editable from this clone
    assert result.stderr.endswith(f"-m pip install -e '{REPO}[{extra}]'\n")
    assert os.listdir(tmp_path) == []


def test_diff_sort_and_only_changed(in_repo: None, run: Run) -> None:
    data = json.loads(run("diff", "2020", "2021", "--format", "json", "--sort", "change", "--only-changed").stdout)
    assert [item["id"] for item in data["items"]] == [
        "trygghetsvardar",
        "ambulerande-trygghetsvardar",
        "trygghetssamordnare",
        "lokala-aktorer",
        "kameraovervakning",
    ]
    by_amount = json.loads(run("diff", "2020", "2021", "--format", "json", "--sort", "amount").stdout)
    assert [item["to"] for item in by_amount["items"]] == ["1.5", "0.9", "0.8", "0.8", "0.4", "0.4", "0.2"]


def test_chart_svg_to_a_file(in_repo: None, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "chart.svg"
    assert run("chart", "2020", "2021", "--output", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")


def test_a_data_dir_of_yml_files_validates_like_yaml(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for year in (2020, 2021):
        (folder / f"budget-{year}.yml").write_bytes((DATA / f"budget-{year}.yaml").read_bytes())
    env = {"TRYGG_DATA_DIR": str(folder)}
    result = run("validate", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == "2 filer kontrollerade: allt stämmer\n"
    assert run("diff", "2020", "2021", env=env).exit_code == 0
    renamed = folder / "budget-2021.yml"
    renamed.rename(folder / "budget-2022.yml")  # the year inside says 2021
    result = run("validate", str(folder / "budget-2022.yml"), env=env)
    assert result.exit_code == 1 and "year-mismatch" in result.stderr


def test_updating_a_golden_file_fails_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import conftest

    monkeypatch.setattr(conftest, "GOLDEN", tmp_path)
    monkeypatch.setattr(conftest, "UPDATE_GOLDEN", True)
    (tmp_path / "x.txt").write_text("old", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="rewrote"):
        conftest.golden("x.txt", "new")
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "new"
    conftest.golden("x.txt", "new")  # unchanged now: nothing to read, the test passes


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("tabell.xls", "use .xlsx"),
        ("tabell.pdf", "print that to PDF"),
        ("tabell.png", "`trygg chart` writes .svg"),
        ("tabell.odt", "use .docx"),
        ("tabell.yaml", "use one of .csv .docx .htm .html .json .md .se .si .sie .tex .tsv .txt .xlsx"),
        ("tabell", "files without a suffix"),
    ],
)
def test_an_unknown_output_suffix_is_refused_with_what_to_write(
    in_repo: None, run: Run, tmp_path: Path, name: str, hint: str
) -> None:
    result = run("diff", "2020", "2021", "-o", str(tmp_path / name), locale="en")
    assert result.exit_code == 2
    assert hint in result.stderr and result.stderr.startswith(f"trygg: {tmp_path / name}: ")
    assert os.listdir(tmp_path) == []


def test_a_chart_says_which_picture_it_makes(in_repo: None, run: Run, tmp_path: Path) -> None:
    result = run("chart", "2020", "2021", "-o", str(tmp_path / "chart.png"), locale="en")
    assert result.exit_code == 2 and "SVG (-o chart.svg)" in result.stderr
    assert run("chart", "2020", "2021", "-o", str(tmp_path / "chart.svg")).exit_code == 0
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8").startswith("<svg")


def test_docx_from_the_command_line(in_repo: None, run: Run, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    result = run("diff", "2020", "2021", "-o", str(tmp_path / "tabell.docx"), "--notes")
    assert result.exit_code == 0, result.output
    read = docx.Document(str(tmp_path / "tabell.docx"))
    [grid] = read.tables
    assert grid.rows[-1].cells[0].text == "Summa" and grid.rows[-1].cells[1].text == "5,0"
    assert any(paragraph.text.startswith("1 Beslutslistan kallar den") for paragraph in read.paragraphs)


def test_share_notes_and_change_reach_every_command(in_repo: None, run: Run) -> None:
    shown = run("show", "2021", "--share", "--notes").stdout
    assert "Andel 2021" in shown and "100,0 %" in shown and "³ Skola, socialtjänst, polis, fritid." in shown
    assert "Andel 2020" in run("diff", "2020", "2021", "--share").stdout
    table = run("table", "2020", "2021", "--change", "--share").stdout
    assert "Förändring 2020–2021" in table and "Andel 2021" in table


def test_json_carries_each_items_note(in_repo: None, run: Run) -> None:
    items = json.loads(run("show", "2021", "-f", "json").stdout)["items"]
    assert {item["id"]: item["note"] for item in items}["sspf"] == "Skola, socialtjänst, polis, fritid."
    assert {item["id"]: item["note"] for item in items}["trygghetsvardar"] is None
    for command in (["diff", "2020", "2021"], ["table", "2021", "2020"]):
        data = json.loads(run(*command, "-f", "json").stdout)
        assert all("note" in item for item in data["items"])


def test_total_mismatch_gives_its_figures_in_json(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    [problem] = json.loads(run("validate", str(path), "-f", "json").stdout)["files"][0]["problems"]
    assert problem["figures"] == {"sum": "4.9", "total": "5.0", "gap": "0.1", "unit": "mkr"}


# Paths, folders and first steps ---------------------------------------------------------------


def test_run_elsewhere_says_the_data_dir_is_missing_and_how_to_point_at_one(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for locale, words in (("en", "the data dir data does not exist"), ("sv", "datamappen data finns inte")):
        result = run("diff", "2020", "2021", locale=locale)
        assert result.exit_code == 2
        assert words in result.stderr and str(tmp_path) in result.stderr
        assert "--data-dir" in result.stderr and "TRYGG_DATA_DIR" in result.stderr


def test_data_dir_after_the_command(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    assert run("diff", "2020", "2021", "--data-dir", str(folder)).exit_code == 0
    assert run("validate", "--data-dir", str(folder)).exit_code == 0
    assert run("years", "--data-dir", str(folder)).stdout.count("mkr") == 2


def test_validate_a_folder_validates_its_year_files(in_repo: None, run: Run) -> None:
    for folder in ("data", "data/"):
        result = run("validate", folder)
        assert result.exit_code == 0, result.output
        assert result.stderr == "2 filer kontrollerade: allt stämmer\n"


def test_a_file_name_without_its_folder_gets_the_one_in_the_data_dir(in_repo: None, run: Run) -> None:
    result = run("diff", "budget-2020.yaml", "budget-2021.yaml", locale="en")
    assert result.exit_code == 2
    assert "budget-2020.yaml: no such file; did you mean data/budget-2020.yaml (or just 2020)?" in result.stderr


def test_drafts_and_copies_are_named_and_not_read_as_the_year(tmp_path: Path, run: Run) -> None:
    folder = shipped_copy(tmp_path)
    (folder / "budget-2021-utkast.yaml").write_text("year: 2021\n", encoding="utf-8")
    (folder / "budget-2021 - kopia.yaml").write_text("not even yaml: [", encoding="utf-8")
    (folder / "budget-2020.yml").write_text("year: 2020\n", encoding="utf-8")
    result = run("--data-dir", str(folder), "validate", locale="en")
    assert result.exit_code == 0, result.output  # the drafts are not read
    assert f"{folder / 'budget-2021-utkast.yaml'}: not read: a data dir holds one file per year" in result.stderr
    assert f"{folder / 'budget-2021 - kopia.yaml'}: not read:" in result.stderr
    assert f"{folder / 'budget-2020.yml'}: not read: {folder / 'budget-2020.yaml'} is the budget for 2020" in (
        result.stderr
    )
    years = run("--data-dir", str(folder), "years").stdout
    assert years.count("2021") == 1 and years.count("2020") == 1
    shown = run("--data-dir", str(folder), "show", "2021")
    assert "budget-2021-utkast.yaml: läses inte" in shown.stderr  # said where the year is read, too


def test_new_in_an_empty_data_dir_starts_from_a_template(tmp_path: Path, run: Run) -> None:
    for locale, comment, said in (
        ("sv", "# Budgeten för 2024", "från en mall"),
        ("en", "# The budget for", "template"),
    ):
        folder = tmp_path / locale / "data"  # not there yet
        result = run("--data-dir", str(folder), "new", "2024", "--locale", locale)
        assert result.exit_code == 0, result.output
        text = (folder / "budget-2024.yaml").read_text(encoding="utf-8")
        assert text.startswith(comment) and "year: 2024" in text
        assert said in result.stderr and "trygg validate 2024" in result.stderr
        assert run("--data-dir", str(folder), "validate", "2024").exit_code == 0


def test_a_json_run_that_cannot_run_still_prints_one_json_document(in_repo: None, run: Run) -> None:
    for command in (["validate", "2030"], ["show", "2030"], ["diff", "2020", "2030"], ["table", "2030"]):
        result = run(*command, "--format", "json")
        assert result.exit_code == 2
        assert json.loads(result.stdout) == {
            "ok": False,
            "error": {
                "code": "no-such-year",
                "message": "no budget for 2030: data/budget-2030.yaml does not exist (years in data: 2020, 2021)",
            },
        }


def test_the_same_year_twice_reports_its_problems_once(write: Write, run: Run) -> None:
    path = write(BROKEN_TOTAL)
    result = run("--data-dir", str(path.parent), "diff", "2021", "2021")
    assert result.stderr.count("total-mismatch") == 1
    data = json.loads(run("--data-dir", str(path.parent), "diff", "2021", "2021", "-f", "json").stdout)
    assert len(data["problems"]) == 1


def test_years_json_is_what_the_table_shows(in_repo: None, run: Run) -> None:
    data = json.loads(run("years", "--format", "json").stdout)
    assert data == {
        "ok": True,
        "years": [
            {
                "year": 2020,
                "path": "data/budget-2020.yaml",
                "rev": None,
                "unit": "mkr",
                "total": "5.0",
                "items": 5,
                "ok": True,
                "problems": [],
            },
            {
                "year": 2021,
                "path": "data/budget-2021.yaml",
                "rev": None,
                "unit": "mkr",
                "total": "5.0",
                "items": 7,
                "ok": True,
                "problems": [],
            },
        ],
    }


@pytest.mark.parametrize("spelling", ["sv", "sv-SE", "sv_SE", "sv_SE.UTF-8", "SV_se.utf8", "en", "en_GB.UTF-8", "EN"])
def test_locale_takes_the_spellings_of_the_environment(in_repo: None, run: Run, spelling: str) -> None:
    english = spelling.lower().startswith("en")
    for result in (run("show", "2021", "--locale", spelling), run("show", "2021", env={"TRYGG_LOCALE": spelling})):
        assert result.exit_code == 0, result.output
        assert ("Total" if english else "Summa") in result.stdout


def test_an_unknown_locale_says_which_it_knows(in_repo: None, run: Run) -> None:
    result = run("show", "2021", "--locale", "de_DE.UTF-8")
    assert result.exit_code == 2 and "use sv or en" in result.stderr


# Help -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "diff", "show", "table", "chart", "years", "new", "schema"])
def test_help_reads_cleanly_and_ends_with_examples(run: Run, command: str) -> None:
    short, long = run(command, "-h"), run(command, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout
    text = short.stdout
    usage = text.splitlines()[0]
    assert "{" not in usage and "]..." not in usage, usage
    assert not re.search(r"<(bool|str|int|list|file|path|text)", text), text  # no type placeholders
    examples = text.split("Exempel:")[1].strip().splitlines()
    assert 1 <= len(examples) <= 3 and all(line.strip().startswith("trygg ") for line in examples)
    assert f"trygg {command}" in text.split("Exempel:")[1]
    assert run(command, "--help", locale="en").stdout.split("Examples:")[1] == text.split("Exempel:")[1]


def test_usage_lines_name_the_arguments(run: Run) -> None:
    assert run("validate", "-h").stdout.splitlines()[0] == "Användning: trygg validate [OPTIONS] [YEAR|PATH...]"
    assert run("diff", "-h").stdout.splitlines()[0] == "Användning: trygg diff [OPTIONS] OLD NEW"
    assert run("table", "-h", locale="en").stdout.splitlines()[0] == "Usage: trygg table [OPTIONS] YEAR..."


def helps(command: Any) -> list[str]:
    """Every help text of a command (a group's with its commands'): its own, its arguments' and
    options', Click's and Typer's too (--help, the completion options)."""
    ctx = command.make_context(command.name, [], resilient_parsing=True)
    found = [command.help or "", *(param.help or "" for param in command.get_params(ctx))]
    for sub in getattr(command, "commands", {}).values():
        found += helps(sub)
    return [help for help in found if help]


# A help text that is only names of formats (none yet) reads the same in both languages.
ONLY_NAMES: set[str] = set()


def test_every_help_text_has_its_swedish() -> None:
    """What `--help` shows is said through the catalogue: a help text without a key there (an
    option added, or its English edited, without its Swedish) fails here, not on a user's screen."""
    untranslated = sorted(
        {
            help
            for help in helps(typer.main.get_command(app))
            if (key := help_key(help)) is None or (text(Locale.SV, key) == help and help not in ONLY_NAMES)
        }
    )
    assert untranslated == []


ENGLISH_HELP = [
    "Usage: trygg show",
    "Print one year's items",
    "Arguments:",
    "Options:",
    "Show amounts in kr, tkr or mkr",
    "Show this message",
]
SWEDISH_HELP = [
    "Användning: trygg show",
    "Skriv ut ett års poster",
    "Argument:",
    "Flaggor:",
    "Visa beloppen i kr, tkr eller mkr",
    "Visa den här",
]


def test_help_speaks_swedish_by_default(run: Run) -> None:
    result = run("show", "--help")
    assert result.exit_code == 0
    assert all(words in result.stdout for words in SWEDISH_HELP), result.stdout
    assert not any(words in result.stdout for words in ENGLISH_HELP), result.stdout
    assert "Exempel:" in result.stdout and "[miljövariabel: TRYGG_LOCALE]" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["show", "--locale", "en", "--help"], {}),
        (["show", "--locale=en_GB.UTF-8", "--help"], {}),
        (["show", "-l", "en", "-h"], {}),
        (["show", "-len", "-h"], {}),
        (["--locale", "en", "show", "--help"], {}),
        (["show", "--help", "--locale", "en"], {}),
        (["show", "--help"], {"TRYGG_LOCALE": "en"}),
    ],
)
def test_help_speaks_english_when_asked(run: Run, args: list[str], env: dict[str, str]) -> None:
    result = run(*args, env=env)
    assert result.exit_code == 0
    assert all(words in result.stdout for words in ENGLISH_HELP), result.stdout
    assert not any(words in result.stdout for words in SWEDISH_HELP), result.stdout
    assert "Examples:" in result.stdout and "[env var: TRYGG_LOCALE]" in " ".join(result.stdout.split())


def test_the_option_wins_over_the_environment_in_help(run: Run) -> None:
    assert run("show", "--help", "--locale", "sv", locale="en").stdout.startswith("Användning: ")


def test_top_level_help_in_both_languages(run: Run) -> None:
    swedish, english = run("--help"), run("--locale", "en", "--help")
    assert swedish.exit_code == english.exit_code == 0
    for words in ["Användning: trygg", "Flaggor:", "Kommandon:", "Håll en kommunal budget", "Visa den här hjälpen"]:
        assert words in swedish.stdout, swedish.stdout
    assert "Installera komplettering" in swedish.stdout and "standard: data]" in swedish.stdout
    for words in ["Usage: trygg", "Options:", "Commands:", "Keep a municipal budget", "Show this message and exit."]:
        assert words in english.stdout, english.stdout
    assert "Install completion" in english.stdout and "default: data]" in english.stdout
    assert "Jämför två år post för post" in swedish.stdout and "Compare two years item by item" in english.stdout


def test_a_top_level_locale_is_the_runs(in_repo: None, run: Run) -> None:
    result = run("--locale", "en", "show", "2021")
    assert result.exit_code == 0, result.output
    assert "Total" in result.stdout and "Summa" not in result.stdout


def test_every_choice_is_case_insensitive(in_repo: None, run: Run) -> None:
    result = run("diff", "2020", "2021", "--sort", "CHANGE", "--format", "JSON", "--unit", "TKR")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unit"] == "tkr"


# trygg follow ------------------------------------------------------------------------------------

EXAMPLE = ["examples/budget-2021.yaml", "examples/huvudbok-2021.se"]


def test_follow_marks_over_spent_lines_in_words_and_fails_over_when_asked(in_repo: None, run: Run) -> None:
    result = run("follow", *EXAMPLE, "--locale", "en")
    assert result.exit_code == 0, result.output
    [camera] = [line for line in result.stdout.splitlines() if line.startswith("Kameraövervakning")]
    assert "(over budget; own forecast)" in camera
    [actors] = [line for line in result.stdout.splitlines() if line.startswith("Insatser")]
    assert actors.split()[-4:] == ["–"] * 4  # no match: no actual, not 0
    failed = run("follow", *EXAMPLE, "--fail-over", "--locale", "en")
    assert failed.exit_code == 1
    assert "over budget: Kameraövervakning – centrala funktioner (--fail-over)" in failed.stderr


def test_follow_fails_on_a_forecast_above_budget_when_asked(in_repo: None, run: Run) -> None:
    failed = run("follow", *EXAMPLE, "--fail-forecast", "--locale", "en")
    assert failed.exit_code == 1
    above = "forecast above budget: Ambulerande Trygghetsvärdar, SSPF, Kameraövervakning – centrala funktioner"
    assert above in failed.stderr
    assert run("follow", *EXAMPLE, "--as-of", "2021-01-31", "--fail-forecast", "--locale", "en").exit_code in (0, 1)


def test_follow_columns_are_chosen_by_key(in_repo: None, run: Run) -> None:
    result = run("follow", *EXAMPLE, "--columns", "actual,used_pct,remaining", "--locale", "en", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0]
        .lstrip("\ufeff")
        .startswith("Item,Marks,Actual to 2021-08-31 (mkr),Used %,Remaining (mkr)")
    )
    refused = run("follow", *EXAMPLE, "--columns", "budget,spent", "--locale", "en")
    assert refused.exit_code == 2
    assert "no column spent; the columns are budget, budget_to_date, actual" in refused.stderr


def test_follow_without_any_match_says_how_to_add_one(in_repo: None, run: Run) -> None:
    refused = run("follow", "2021", "examples/huvudbok-2021.se", "--locale", "en")
    assert refused.exit_code == 2
    assert "nothing in 2021 can be followed up" in refused.stderr and 'match: {ansvar: "1510"}' in refused.stderr


def test_every_row_of_the_follow_up_adds_up_as_a_reader_checks_it(in_repo: None, run: Run) -> None:
    """Each row and the Summa recomputed from the printed JSON, as a councillor would check them."""
    data = json.loads(run("follow", *EXAMPLE, "--format", "json", "--unit", "kr").stdout)
    rows = [*data["items"], data["unallocated"], data["total"]]

    def amount(row: dict[str, Any], key: str) -> Decimal:
        return Decimal(row[key])

    for row in rows:
        assert amount(row, "original_budget") + amount(row, "changes") == amount(row, "budget"), row
        if row["actual"] is not None:
            assert amount(row, "budget") - amount(row, "actual") == amount(row, "remaining"), row
            assert amount(row, "budget_to_date") - amount(row, "actual") == amount(row, "variance_to_date"), row
        if row["forecast"] is not None:
            assert amount(row, "budget") - amount(row, "forecast") == amount(row, "variance"), row
    total, items, unallocated = data["total"], data["items"], data["unallocated"]
    assert amount(total, "budget") == Decimal("5000000")  # the package's total in force on 2021-08-31
    moved = {item["id"]: amount(item, "changes") for item in data["items"] if amount(item, "changes")}
    assert moved == {"ambulerande-trygghetsvardar": -200_000, "lokala-arbetsgrupper": 200_000}  # the May change
    actuals = [amount(item, "actual") for item in items if item["actual"] is not None]
    assert amount(total, "actual") == sum(actuals) + amount(unallocated, "actual")  # every posting
    assert amount(total, "budget_to_date") == sum(amount(item, "budget_to_date") for item in items)
    forecasts = [amount(item, "forecast" if item["forecast"] is not None else "budget") for item in items]
    assert amount(total, "forecast") == sum(forecasts) + amount(unallocated, "forecast")
    assert (amount(unallocated, "budget"), unallocated["id"]) == (Decimal(0), "unallocated")
    coordinator = next(item for item in items if item["id"] == "trygghetssamordnare")  # starts 1 September
    assert (amount(coordinator, "budget_to_date"), amount(coordinator, "variance"), coordinator["as_budgeted"]) == (
        Decimal(0),
        Decimal(0),
        True,
    )


def test_follow_as_of_and_what_is_left_out(in_repo: None, run: Run) -> None:
    result = run("follow", *EXAMPLE, "--as-of", "2021-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2021-06-30"
    assert data["excluded"]["after_as_of"] > 0
    assert data["excluded"]["outside_year"] == 0
    text = run("follow", *EXAMPLE, "--as-of", "2021-06-30", "--locale", "en").stdout
    assert f"Not counted: {data['excluded']['after_as_of']} of the package's postings dated after 2021-06-30" in text


def test_follow_json_is_exact_and_the_same_in_every_locale(in_repo: None, run: Run) -> None:
    swedish = run("follow", *EXAMPLE, "--format", "json", "--unit", "kr")
    english = run("follow", *EXAMPLE, "--format", "json", "--unit", "kr", "--locale", "en")
    assert swedish.stdout == english.stdout
    data = json.loads(swedish.stdout)
    items = {item["id"]: item for item in data["items"]}
    assert items["lokala-aktorer"]["actual"] is None
    assert items["kameraovervakning"]["own_forecast"] is True
    assert Decimal(items["kameraovervakning"]["previous_forecast"]) == 250_000
    known = [Decimal(item["actual"]) for item in data["items"] if item["actual"] is not None]
    assert Decimal(data["total"]["actual"]) == sum(known) + Decimal(data["unallocated"]["actual"])
    assert Decimal(data["unallocated"]["actual"]) == Decimal("35000.00")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".html", ".md"])
def test_follow_writes_every_format(in_repo: None, run: Run, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"uppfoljning{suffix}"
    result = run("follow", *EXAMPLE, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    if suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(target).worksheets[0]
        names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
        assert "Ej fördelat" in names and "Summa" in names


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "2020", "2021"],
        ["show", "2021"],
        ["table", "2021", "2020"],
        ["years"],
        ["follow", *EXAMPLE],
        ["changes", EXAMPLE[0]],
    ],
    ids=["diff", "show", "table", "years", "follow", "changes"],
)
def test_every_command_that_writes_word_takes_an_author(
    in_repo: None, run: Run, tmp_path: Path, command: list[str]
) -> None:
    """--author names the document's author; without it the document names none (never the
    library's "python-docx")."""
    docx = pytest.importorskip("docx")
    target = tmp_path / "tabell.docx"
    result = run(*command, "--author", "Ekonomienheten", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert docx.Document(str(target)).core_properties.author == "Ekonomienheten"
    assert run(*command, "-o", str(target)).exit_code == 0
    assert docx.Document(str(target)).core_properties.author == ""


def test_every_command_with_a_table_format_takes_an_author() -> None:
    """A new command that can write a Word document takes --author too."""
    import typer

    from trygg_cli.cli import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        options = {option for param in command.params for option in getattr(param, "opts", [])}
        if "--format" in options and name not in ("validate", "chart"):  # problems, and an SVG
            assert "--author" in options, name


def test_follow_never_writes_over_an_export(tmp_path: Path, run: Run) -> None:
    export = tmp_path / "huvudbok.csv"
    export.write_text("Datum;Konto;Belopp\n2021-01-05;4010;5\n", encoding="utf-8")
    result = run("follow", str(REPO / "examples" / "budget-2021.yaml"), str(export), "-o", str(export))
    assert result.exit_code == 2
    assert export.read_text(encoding="utf-8").startswith("Datum;Konto")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--as-of", "31/8"], "--as-of '31/8' is not a date"),
        (["--as-of", "2022-01-01"], "--as-of 2022-01-01 is not in 2021"),
    ],
)
def test_follow_bad_options_cannot_run(in_repo: None, run: Run, args: list[str], said: str) -> None:
    result = run("follow", *EXAMPLE, *args, "--locale", "en")
    assert result.exit_code == 2
    assert said in result.stderr


def test_follow_refuses_an_sie_type_without_vouchers_and_a_missing_export(
    in_repo: None, run: Run, tmp_path: Path
) -> None:
    balances = tmp_path / "saldon.se"
    balances.write_bytes(b"#FLAGGA 0\n#SIETYP 1\n#IB 0 1910 100\n")
    result = run("follow", EXAMPLE[0], str(balances), "--locale", "en")
    assert result.exit_code == 2
    assert "needs an SIE 4 export (#SIETYP 4)" in result.stderr
    missing = run("follow", EXAMPLE[0], str(tmp_path / "nej.se"))
    assert missing.exit_code == 2


def test_follow_problems_in_an_export_are_located_and_exit_1(in_repo: None, run: Run, tmp_path: Path) -> None:
    export = tmp_path / "huvudbok.csv"
    rows = ["Datum;Konto;Ansvar;Projekt;Belopp", "2021-01-05;4010;1510;2101;5", "2021-01-06;4010;1510;2101;x"]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("follow", EXAMPLE[0], str(export), "--locale", "en")
    assert result.exit_code == 1
    assert f"{export}:3: bad-amount: 'x' is not an amount" in result.stderr


def test_follow_missing_column_names_what_it_found(in_repo: None, run: Run, tmp_path: Path) -> None:
    export = tmp_path / "huvudbok.csv"
    export.write_text("När;Konto;Belopp\n2021-01-05;4010;5\n", encoding="utf-8")
    result = run("follow", EXAMPLE[0], str(export))
    assert result.exit_code == 2
    said = "ingen kolumn för datum; kolumnerna är 'När', 'Konto', 'Belopp': ange kolumnen att använda med --date-column"
    assert said in result.stderr
    named = run("follow", EXAMPLE[0], str(export), "--date-column", "när", "--format", "json")
    assert named.exit_code == 1  # ansvar and projekt are not in this export: the match cannot work
    reasons = {problem["code"] for problem in json.loads(named.stdout)["problems"]}
    assert reasons == {"unknown-dimension"}


def test_follow_without_a_date_to_follow_up_to_still_names_the_exports_problems(
    in_repo: None, run: Run, tmp_path: Path
) -> None:
    export = tmp_path / "huvudbok.se"
    export.write_bytes(b'#FLAGGA 0\n#SIETYP 4\n#VER A 1 2021-05-01 ""\n{\n#TRANS 4010 {} 5\n#TRANS 2440 {} -5\n}\n')
    result = run("follow", EXAMPLE[0], str(export), "--locale", "en")
    assert result.exit_code == 2
    assert f"{export}:3: bad-date: '2021-05-01' is not a date as SIE writes one: YYYYMMDD" in result.stderr
    assert "the exports have no voucher dated in 2021" in result.stderr


# Diffs whose two years differ in what they hold ------------------------------------------------

TWO_ITEMS = """\
    year: {year}
    unit: mkr
    total: {total}
    items:
      - id: a
        name: A
        amount: {a}
      - id: b
        name: B
        amount: 1.0
"""


def test_a_diff_shows_the_old_years_decimals_where_the_new_year_has_fewer(write: Write, run: Run) -> None:
    """Old 1,25 beside new 1,3: the old column keeps its hundredths, nothing is rounded away."""
    old = write(TWO_ITEMS.format(year=2020, total="2.25", a="1.25"), name="budget-2020.yaml")
    new = write(TWO_ITEMS.format(year=2021, total="2.3", a="1.3"))
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()[4:] if line.strip()]
    assert rows == [
        ["A", "1,25", "1,30", "+0,05", "+4,0", "%"],
        ["B", "1,00", "1,00", "0,00", "0,0", "%"],
        ["Summa", "2,25", "2,30", "+0,05", "+2,2", "%"],
    ]
    data = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert [(item["from"], item["to"]) for item in data["items"]] == [("1.25", "1.3"), ("1.0", "1.0")]


def test_a_negative_amount_changes_in_percent_in_the_direction_of_its_change(write: Write, run: Run) -> None:
    """-1,0 to -0,5 is +0,5 and +50,0 % (against the old amount's size), in the table and in JSON,
    while the negative amounts are still reported as problems."""
    old = write(TWO_ITEMS.format(year=2020, total="0", a="-1.0"), name="budget-2020.yaml")
    new = write(TWO_ITEMS.format(year=2021, total="0.5", a="-0.5"))
    result = run("diff", str(old), str(new))
    assert result.exit_code == 1
    [row] = [line.split() for line in result.stdout.splitlines() if line.startswith("A ")]
    assert row == ["A", "-1,0", "-0,5", "+0,5", "+50,0", "%"]
    assert "amount är negativt (-1.0)" in result.stderr
    data = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert (data["items"][0]["change"], data["items"][0]["change_pct"]) == ("0.5", "50.0")
    assert (data["total"]["change"], data["total"]["change_pct"]) == ("0.5", None)  # from a sum of 0: none


def test_a_diff_counts_the_first_of_an_id_the_old_year_repeats(write: Write, run: Run) -> None:
    """The old year repeats `a` (a duplicate-id problem): the diff compares its first line, as
    the problem says ("the first is on line 5"), and never adds the two."""
    again = "      - id: a\n        name: A igen\n        amount: 0.75\n"
    old = write(TWO_ITEMS.format(year=2020, total="3.0", a="1.25") + again, name="budget-2020.yaml")
    new = write(TWO_ITEMS.format(year=2021, total="2.3", a="1.3"))
    result = run("diff", str(old), str(new), "--format", "json", locale="en")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(item["id"], item["name"], item["from"], item["to"]) for item in data["items"]] == [
        ("a", "A", "1.25", "1.3"),
        ("b", "B", "1.0", "1.0"),
    ]
    assert (data["total"]["from"], data["total"]["to"]) == ("2.25", "2.3")
    assert [problem["message"] for problem in data["problems"]] == ["id 'a' is used twice; the first is on line 5"]


def test_show_months_each_line_by_month_adding_up_in_every_format(in_repo: None, run: Run, tmp_path: Path) -> None:
    data = json.loads(run("show", "examples/budget-2021.yaml", "--months", "--format", "json", "--unit", "kr").stdout)
    for item in data["items"]:
        assert len(item["months"]) == 12
        assert sum(Decimal(month) for month in item["months"]) == Decimal(item["amount"]), item["id"]
    coordinator = next(item for item in data["items"] if item["id"] == "trygghetssamordnare")
    assert [Decimal(month) for month in coordinator["months"][:8]] == [0] * 8  # starts 1 September
    moved = next(item for item in data["items"] if item["id"] == "ambulerande-trygghetsvardar")
    # 0.8 mkr as decided until the change of 10 May: January is 0.8 mkr's January; the -0.2 falls from May on
    assert (Decimal(moved["months"][0]), Decimal(moved["amount"])) == (Decimal("67945.21"), Decimal(600_000))
    package = [sum(Decimal(item["months"][month]) for item in data["items"]) for month in range(12)]
    assert [Decimal(month) for month in data["months"]] == package
    assert sum(package) == Decimal(data["total"])
    text = run("show", "examples/budget-2021.yaml", "--months", "--unit", "tkr", "--locale", "en").stdout
    header = text.splitlines()[2].split()
    assert header[1:] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Year"]
    workbook = tmp_path / "months.xlsx"
    assert run("show", "examples/budget-2021.yaml", "--months", "-o", str(workbook)).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(workbook).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    # Id, Post, the dimensions of the match (ansvar, projekt), the months from column E, Helår in Q
    header = next(row for row in rows if row[0] == "Id")
    assert header[:5] == ["Id", "Post", "ansvar", "projekt", "jan (mkr)"] and header[16] == "Helår (mkr)"
    first = next(row for row in rows if row[1] == "Trygghetsvärdar (Orminge och Fisksätra)")
    assert first[:4] == ["trygghetsvardar", "Trygghetsvärdar (Orminge och Fisksätra)", "1510", "2101"]
    assert str(first[16]).startswith("=SUM(E") and str(first[16]).endswith(":P" + str(rows.index(first) + 1) + ")")
    assert any(str(row[4]).startswith("=SUM(E") for row in rows if row[1] == "Summa")


# Budget changes ---------------------------------------------------------------------------------

CHANGED = "examples/budget-2021.yaml"  # the paper's 2021, a reallocation in May and a tilläggsbudget in September


def test_every_table_shows_the_budget_in_force_and_says_so(in_repo: None, run: Run) -> None:
    shown = run("show", CHANGED)
    assert shown.stdout.splitlines()[0] == "Trygghetspaketet 2021, efter 2 budgetändringar, miljoner kronor"
    assert shown.stdout.splitlines()[-1].split() == ["Summa", "5,3"]
    june = run("show", CHANGED, "--as-of", "2021-06-30", "--locale", "en").stdout.splitlines()
    assert june[0] == "Trygghetspaketet 2021, in force 2021-06-30, after 1 budget change, million SEK"
    assert june[-1].split() == ["Total", "5.0"] and any(line.endswith(" 1.1") for line in june)  # the May move
    original = run("show", CHANGED, "--original").stdout.splitlines()
    assert original[0] == "Trygghetspaketet 2021, ursprunglig budget, miljoner kronor"
    assert [line.split()[-1] for line in original[4:11]] == ["0,8", "0,8", "0,4", "1,5", "0,9", "0,2", "0,4"]
    diff = run("diff", "2020", CHANGED).stdout.splitlines()[0]
    assert diff == "Trygghetspaketet: 2020–2021 (2021 efter 2 budgetändringar), miljoner kronor"
    both = run("show", CHANGED, "--original", "--as-of", "2021-06-30", "--locale", "en")
    assert both.exit_code == 2 and "--as-of and --original" in both.stderr


def test_the_paper_is_still_the_paper(in_repo: None, run: Run) -> None:
    """The shipped data has no changes: it prints as before, with --original too."""
    plain = run("diff", "2020", "2021").stdout
    assert run("diff", "2020", "2021", "--original").stdout == plain
    assert plain.splitlines()[0] == "Trygghetspaketet: 2020–2021, miljoner kronor"
    data = json.loads(run("show", "2021", "--format", "json").stdout)
    assert data["total"] == data["original_total"] and data["changes_in_force"] == 0


def test_trygg_changes_lists_each_move_with_its_decision(in_repo: None, run: Run) -> None:
    text = run("changes", CHANGED).stdout.splitlines()
    assert text[0] == "Trygghetspaketet 2021: budgetändringar, miljoner kronor"
    assert text[2].split() == ["Datum", "Beslut", "Post", "Ändring", "Budget", "efter", "Ram", "efter"]
    assert text[4].startswith("2021-05-10  KS 2021-05-10 § 87, dnr KS 2021/0123  Ambulerande Trygghetsvärdar")
    assert text[4].split()[-3:] == ["-0,2", "0,6", "5,0"]
    assert text[6].split()[-3:] == ["+0,3", "1,8", "5,3"]
    data = json.loads(run("changes", CHANGED, "--format", "json", "--unit", "kr").stdout)
    assert (data["original_total"], data["total"]) == ("5000000", "5300000")
    first = data["changes"][0]
    assert (first["date"], first["decision"], first["note"]) == (
        "2021-05-10",
        "KS 2021-05-10 § 87, dnr KS 2021/0123",
        "Väktarna kommer i gång först i augusti.",
    )
    assert [(move["id"], move["amount"], move["after"]) for move in first["moves"]] == [
        ("ambulerande-trygghetsvardar", "-200000", "600000"),
        ("lokala-arbetsgrupper", "200000", "1100000"),
    ]


def test_follow_by_month_ends_on_the_tables_figures(in_repo: None, run: Run) -> None:
    table = json.loads(run("follow", *EXAMPLE, "--format", "json", "--unit", "kr").stdout)
    package = json.loads(run("follow", *EXAMPLE, "--by", "month", "--format", "json", "--unit", "kr").stdout)
    assert (package["item"], package["as_of"], [month["month"] for month in package["months"]][:2]) == (
        None,
        "2021-08-31",
        ["2021-01", "2021-02"],
    )
    assert len(package["months"]) == 8
    last = package["months"][-1]
    assert (last["budget_to_date"], last["actual_to_date"]) == (
        table["total"]["budget_to_date"],
        table["total"]["actual"],
    )
    assert sum(Decimal(month["budget"]) for month in package["months"]) == Decimal(last["budget_to_date"])
    assert sum(Decimal(month["actual"]) for month in package["months"]) == Decimal(last["actual_to_date"])
    for row in [item for item in table["items"] if item["actual"] is not None]:
        one = json.loads(
            run("follow", *EXAMPLE, "--by", "month", "--item", row["id"], "--format", "json", "--unit", "kr").stdout
        )
        assert one["item"] == row["id"]
        end = one["months"][-1]
        assert (end["budget_to_date"], end["actual_to_date"], end["variance_to_date"]) == (
            row["budget_to_date"],
            row["actual"],
            row["variance_to_date"],
        ), row["id"]
    unallocated = json.loads(
        run("follow", *EXAMPLE, "--by", "month", "--item", "ej-fordelat", "--format", "json", "--unit", "kr").stdout
    )
    assert unallocated["item"] == "unallocated"
    assert unallocated["months"][-1]["actual_to_date"] == table["unallocated"]["actual"]
    by_name = json.loads(run("follow", *EXAMPLE, "--by", "month", "--item", "sspf", "--format", "json").stdout)
    assert by_name == json.loads(run("follow", *EXAMPLE, "--by", "month", "--item", "SSPF", "--format", "json").stdout)


def test_follow_item_that_is_not_there_or_has_no_match(in_repo: None, run: Run) -> None:
    unknown = run("follow", *EXAMPLE, "--by", "month", "--item", "polisen", "--locale", "en")
    assert unknown.exit_code == 2
    assert "--item polisen: the year has no such line; its ids are trygghetsvardar, ambulerande" in unknown.stderr
    no_match = run("follow", *EXAMPLE, "--by", "month", "--item", "lokala-aktorer", "--locale", "en")
    assert no_match.exit_code == 2 and "the line has no match" in no_match.stderr


def test_follow_as_data_is_exact_marks_apart_and_its_derived_cells_formulas(
    in_repo: None, run: Run, tmp_path: Path
) -> None:
    """CSV and the workbook are read as data: every amount a number (exact), a figure that cannot
    be known an empty cell, the marks in a column of their own; in the workbook each variance and
    change is a formula whose stored value is the JSON's."""
    import csv
    import io

    data = json.loads(run("follow", *EXAMPLE, "--format", "json").stdout)
    text = run("follow", *EXAMPLE, "--format", "csv").stdout.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Post", "Markering", "Ursprunglig budget (mkr)"]
    amounts = [cell for row in body for cell in row[2:10]]
    assert all(cell == "" or Decimal(cell.replace(",", ".")) is not None for cell in amounts)
    assert "–" not in amounts
    by_name = {row[0]: row for row in body}
    assert by_name["Kameraövervakning – centrala funktioner"][1] == "överskriden; egen prognos"
    assert by_name["Insatser i samverkan med lokala aktörer"][6] == ""  # no match: no actual
    assert Decimal(by_name["SSPF"][6].replace(",", ".")) == Decimal(
        next(i for i in data["items"] if i["id"] == "sspf")["actual"]
    )
    workbook = tmp_path / "f.xlsx"
    assert run("follow", *EXAMPLE, "-o", str(workbook)).exit_code == 0
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(workbook).active
    values = load_workbook(workbook, data_only=True).active
    assert formulas is not None and values is not None
    header_row = next(row for row in formulas.iter_rows() if row[0].value == "Post")
    columns = {cell.value: get_column_letter(cell.column) for cell in header_row if cell.column is not None}
    variance = next(name for name in columns if str(name).startswith("Avvikelse t.o.m."))
    sspf = next(row[0].row for row in formulas.iter_rows() if row[0].value == "SSPF")
    cell = f"{columns[variance]}{sspf}"
    assert str(formulas[cell].value).startswith("=")
    item = next(i for i in data["items"] if i["id"] == "sspf")
    assert abs(Decimal(str(values[cell].value)) - Decimal(item["variance_to_date"])) < Decimal("0.000001")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2021-04-31", "--as-of 2021-04-31 is not a date: month 4 has 30 days"),
        ("2021-02-29", "--as-of 2021-02-29 is not a date: month 2 has 28 days"),
        ("31/8", "--as-of '31/8' is not a date: write it as YYYY-MM-DD"),
        ("2021-13-01", "--as-of '2021-13-01' is not a date: write it as YYYY-MM-DD"),
    ],
)
def test_an_as_of_that_is_no_date_says_why(in_repo: None, run: Run, written: str, said: str) -> None:
    result = run("follow", *EXAMPLE, "--as-of", written, "--locale", "en")
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {said}\n"
    assert run("follow", *EXAMPLE, "--as-of", "2020-02-29").exit_code == 2  # a leap day, but not in 2021


def test_follow_item_lists_the_postings_behind_each_figure(in_repo: None, run: Run) -> None:
    """For every line of the example, and Ej fördelat, the postings add up to the table's actual."""
    table = json.loads(run("follow", *EXAMPLE, "--format", "json", "--unit", "kr").stdout)
    rows = [item for item in table["items"] if item["actual"] is not None] + [table["unallocated"]]
    for row in rows:
        asked = "ej-fordelat" if row["id"] == "unallocated" else row["id"]
        data = json.loads(run("follow", *EXAMPLE, "--item", asked, "--format", "json", "--unit", "kr").stdout)
        assert (data["item"], data["as_of"]) == (row["id"], "2021-08-31")
        assert Decimal(data["total"]) == Decimal(row["actual"]), row["id"]
        assert sum(Decimal(posting["amount"]) for posting in data["postings"]) == Decimal(data["total"])
        assert [posting["date"] for posting in data["postings"]] == sorted(
            posting["date"] for posting in data["postings"]
        )
    camera = json.loads(
        run("follow", *EXAMPLE, "--item", "Kameraövervakning – centrala funktioner", "--format", "json").stdout
    )
    first = camera["postings"][0]
    assert {key: first[key] for key in ("date", "voucher", "text", "account", "objects")} == {
        "date": "2021-01-05",
        "voucher": "A 6",
        "text": "Kameraövervakning, drift",
        "account": "6110",
        "objects": '1 "1510" 6 "2107"',
    }
    assert first["source"]["path"] == "examples/huvudbok-2021.se" and first["source"]["line"] > 0
    text = run("follow", *EXAMPLE, "--item", "sspf", "--as-of", "2021-03-31").stdout.splitlines()
    assert text[0] == "SSPF 2021: konteringarna t.o.m. 2021-03-31, miljoner kronor"
    assert text[-1].split()[0] == "Summa"


def test_follow_item_from_a_csv_ledger_names_its_text_and_dimensions(run: Run, tmp_path: Path) -> None:
    year = tmp_path / "budget-2021.yaml"
    year.write_text(
        'year: 2021\nunit: kr\ntotal: 100\nmatch: {ansvar: "1510"}\nitems:\n  - id: a\n    name: A\n    amount: 100\n'
        '    match: {projekt: "2101"}\n',
        encoding="utf-8",
    )
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text(
        "Datum;Ver.nr;Text;Konto;Ansvar;Projekt;Belopp\n"
        "2021-02-01;B 7;Hyra lokal;5010;1510;2101;40,00\n"
        "2021-03-01;B 9;Annat;5010;1510;2999;5,00\n"
        "2021-01-15;B 2;Kaffe;5460;1510;2101;2,50\n",
        encoding="utf-8",
    )
    data = json.loads(run("follow", str(year), str(ledger), "--item", "a", "--format", "json").stdout)
    assert [
        (p["date"], p["voucher"], p["text"], p["account"], p["objects"], p["amount"]) for p in data["postings"]
    ] == [
        ("2021-01-15", "B 2", "Kaffe", "5460", "Ansvar: 1510; Projekt: 2101", "2.5"),
        ("2021-02-01", "B 7", "Hyra lokal", "5010", "Ansvar: 1510; Projekt: 2101", "40"),
    ]
    assert Decimal(data["total"]) == Decimal("42.50")
    assert [p["source"]["line"] for p in data["postings"]] == [4, 2]


def test_show_ids_puts_each_id_beside_its_name_in_text(in_repo: None, run: Run) -> None:
    """The id `--item` and `match` use is on screen when asked for; the plain table leaves it out."""
    plain = run("show", "2021").stdout
    assert "sspf " not in plain and "trygghetsvardar" not in plain
    for fmt in ("plain", "rich", "markdown"):
        lines = run("show", "2021", "--ids", "--format", fmt).stdout.splitlines()
        row = next(line for line in lines if "Trygghetsvärdar (Orminge och Fisksätra)" in line)
        assert row.replace("|", " ").split()[0] == "trygghetsvardar", fmt
        assert any(line.replace("|", " ").split()[:1] == ["Id"] for line in lines), fmt
