"""How fast trygg is: against the floor of any Typer CLI, against hledger on big years and
ledgers, and against awk on a municipality's whole SIE export.

Prints medians over paired runs, the ratios, and peak memory (max RSS of each process, from
wait4), as a Markdown table. A benchmark that prints figures, not a timed test: timings on a
shared machine are noisy, so read the medians and ratios, and rerun when in doubt.

    .venv/bin/python bench/bench.py                 # the full run (about seven minutes)
    .venv/bin/python bench/bench.py --runs 5        # a quicker look
    .venv/bin/python bench/bench.py --only follow   # only `trygg follow` on SIE exports

Needs hledger on PATH (Debian: apt-get install hledger); without it those rows are skipped.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
TRYGG = [str(BIN / "trygg")] if (BIN / "trygg").exists() else [sys.executable, "-m", "trygg_cli"]
NOOP = f"import sys; sys.path.insert(0, {str(HERE)!r}); from noop import app; app(prog_name='trygg')"
NOOP_FROZEN = f"import sys; sys.path.insert(0, {str(HERE)!r}); from noop import run; run()"


@dataclass
class Run:
    seconds: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """One run with stdout a pipe that is read to the end, as `| cat` would."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=REPO)
    assert process.stdout is not None
    while process.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024)


def paired(commands: dict[str, list[str]], runs: int) -> dict[str, list[Run]]:
    """Each command once per round, the order turned each round, so drift hits all alike; one
    round first that is not counted, to warm the disk cache."""
    for command in commands.values():
        measure(command)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else reversed(names):
            results[name].append(measure(commands[name]))
    return results


def median(runs: list[Run]) -> tuple[float, float]:
    return statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs)


# Synthetic years ------------------------------------------------------------------------------


def make_years(folder: Path, count: int, quoted: bool = False) -> Path:
    """Two years of `count` items in kr, about 5 % changed, 1 % added and 1 % removed; and the
    same two years as one hledger journal (one transaction a year, one posting per item, the
    total balancing it). With `quoted`, names are in quotes, which sends trygg down its full
    YAML reader instead of the fast one for the regular layout. Returns the journal."""
    rng = random.Random(count)
    old = {f"item-{n:06d}": Decimal(rng.randrange(1_000, 10_000_000)) / 100 for n in range(count)}
    new = dict(old)
    for item_id in rng.sample(sorted(old), count // 20):
        new[item_id] = Decimal(rng.randrange(1_000, 10_000_000)) / 100
    for item_id in rng.sample(sorted(old), count // 100):
        del new[item_id]
    for n in range(count, count + count // 100):
        new[f"item-{n:06d}"] = Decimal(rng.randrange(1_000, 10_000_000)) / 100
    journal = []
    for year, items in ((2020, old), (2021, new)):
        total = sum(items.values(), Decimal(0))
        lines = [f"year: {year}\ntitle: Syntetisk budget {year}\nunit: kr\ntotal: {total}\nitems:\n"]
        name = '"Post {} trygghetsinsats"' if quoted else "Post {} trygghetsinsats"
        lines += [f"  - id: {i}\n    name: {name.format(i[5:])}\n    amount: {a}\n" for i, a in items.items()]
        (folder / f"budget-{year}.yaml").write_text("".join(lines), encoding="utf-8")
        journal.append(f"{year}-01-01 Syntetisk budget {year}\n")
        journal += [f"    budget:{i}  {a}\n" for i, a in items.items()]
        journal.append(f"    ram  {-total}\n\n")
    path = folder / "budget.journal"
    path.write_text("".join(journal), encoding="utf-8")
    return path


# Synthetic ledgers ----------------------------------------------------------------------------

# The package: responsibility 3100 (one of 20, so about 5 % of a municipality's postings, a
# generous share for one package); six lines of ten projects each.
LEDGER_YEAR = 'year: 2021\nunit: mkr\ntotal: 6.0\nmatch: {ansvar: "3100"}\nitems:\n' + "".join(
    f"  - id: line-{n}\n    name: Line {n}\n    amount: 1.0\n"
    f"    match: {{projekt: [{', '.join(str(1200 + 10 * n + project) for project in range(10))}]}}\n"
    for n in range(6)
)
# The floor: awk summing every result account's amount by project (mawk on Debian).
AWK = (
    '$1=="#TRANS" && $2 ~ /^[3-8]/ { if (match($0, /6 "[^"]*"/)) s[substr($0, RSTART+3, RLENGTH-4)] += $NF } '
    'END { for (p in s) printf "%s %.2f\\n", p, s[p] }'
)


def make_ledger(folder: Path, vouchers: int, mixed: bool) -> None:
    """An SIE 4 export of a municipality's year (PC8, CRLF) of `vouchers` vouchers, and the year
    file that matches the package in it. Plain: each voucher an expense row with objects and its
    balancing row, and the same postings as an hledger journal. Mixed: one to five expense rows
    and the balancing row, and one voucher in twenty corrected (a removed #BTRANS row, and an
    added #RTRANS row followed by its #TRANS copy)."""
    rng = random.Random(vouchers + mixed)
    accounts = [str(account) for account in range(5400, 5480, 2)] + ["4010", "6110", "6420", "7010"]
    ansvar = [str(code) for code in range(3000, 3200, 10)]
    projects = [str(code) for code in range(1200, 1260)]
    head = '#FLAGGA 0\r\n#PROGRAM "trygg bench" 1.0\r\n#FORMAT PC8\r\n#GEN 20210901\r\n#SIETYP 4\r\n'
    head += '#FNAMN "Syntetisk kommun"\r\n#RAR 0 20210101 20211231\r\n#DIM 1 "Ansvar"\r\n#DIM 6 "Projekt"\r\n'
    (folder / "budget-2021.yaml").write_text(LEDGER_YEAR, encoding="utf-8")
    with (
        open(folder / "huvudbok.se", "w", encoding="cp437", newline="") as sie,
        open(folder / "huvudbok.journal", "w", encoding="utf-8") as journal,
    ):
        sie.write(head)
        for number in range(1, vouchers + 1):
            day = date(2021, 1, 1) + timedelta(days=number * 243 // (vouchers + 1))
            rows, journal_rows, total = [], [], 0
            for _ in range(rng.randint(1, 5) if mixed else 1):
                ore = rng.randint(100, 5_000_000)
                total += ore
                account, code, project = rng.choice(accounts), rng.choice(ansvar), rng.choice(projects)
                rows.append(f'#TRANS {account} {{1 "{code}" 6 "{project}"}} {ore // 100}.{ore % 100:02d}\r\n')
                journal_rows.append(f"    expenses:{account}:{code}:{project}  {ore // 100}.{ore % 100:02d}\n")
            if mixed and number % 20 == 0:
                ore = rng.randint(100, 5_000_000)
                total += ore
                amount = f"{ore // 100}.{ore % 100:02d}"
                removed = f'{{1 "{rng.choice(ansvar)}" 6 "{rng.choice(projects)}"}} {amount}'
                added = f'{{1 "{rng.choice(ansvar)}" 6 "{rng.choice(projects)}"}} {amount}'
                rows += [f"#BTRANS 5460 {removed}\r\n", f"#RTRANS 5460 {added}\r\n", f"#TRANS 5460 {added}\r\n"]
            rows.append(f"#TRANS 2440 {{}} -{total // 100}.{total % 100:02d}\r\n")
            sie.write(f'#VER "A" "{number}" {day:%Y%m%d} "Faktura {number}"\r\n{{\r\n{"".join(rows)}}}\r\n')
            if not mixed:
                journal.write(f"{day:%Y-%m-%d} Faktura {number}\n{''.join(journal_rows)}    liabilities:2440\n\n")


# awk for rows as real programs write them: indented, codes quoted or bare, and the row's own date,
# text and quantity after its amount (so the amount is the field after the object list's `}`).
AWK_ROWS = (
    '$1=="#TRANS" && $2 ~ /^[3-8]/ { for (i = 3; i < NF && $i !~ /}$/; i++); '
    'if (match($0, /[{ ]6 "?[0-9]+/)) { p = substr($0, RSTART + 3, RLENGTH - 3); gsub(/"/, "", p); '
    "s[p] += $(i + 1) } } "
    'END { for (p in s) printf "%s %.2f\\n", p, s[p] }'
)


def make_indented_ledger(folder: Path, vouchers: int, others: int) -> None:
    """An SIE 4 export (PC8, CRLF) in the forms real programs write: rows indented by a tab, by
    spaces or not at all; #VER with its registration date and signature or without; #TRANS with
    its own date, text and quantity or without; codes quoted or bare. One voucher in `others`
    (0: none) is another department's; the rest are the package's (responsibility 3100)."""
    rng = random.Random(vouchers + others)
    accounts = [str(account) for account in range(5400, 5480, 2)] + ["4010", "6110", "6420", "7010"]
    other = [str(code) for code in range(3000, 3200, 10) if code != 3100]
    projects = [str(code) for code in range(1200, 1260)]
    head = '#FLAGGA 0\r\n#PROGRAM "trygg bench" 1.0\r\n#FORMAT PC8\r\n#GEN 20210901\r\n#SIETYP 4\r\n'
    head += '#FNAMN "Syntetisk kommun"\r\n#RAR 0 20210101 20211231\r\n#DIM 1 "Ansvar"\r\n#DIM 6 "Projekt"\r\n'
    (folder / "budget-2021.yaml").write_text(LEDGER_YEAR, encoding="utf-8")
    indents = ["\t", "   ", "", "  "]
    with open(folder / "huvudbok.se", "w", encoding="cp437", newline="") as sie:
        sie.write(head)
        for number in range(1, vouchers + 1):
            day = date(2021, 1, 1) + timedelta(days=number * 243 // (vouchers + 1))
            code = rng.choice(other) if others and number % others == 0 else "3100"
            indent, form = indents[number % 4], number % 3
            ore = rng.randint(100, 5_000_000)
            amount = f"{ore // 100}.{ore % 100:02d}"
            account, project = rng.choice(accounts), rng.choice(projects)
            if form == 0:  # quoted codes, the row's own date, text and quantity
                objects, rest = f'{{1 "{code}" 6 "{project}"}}', f' {day:%Y%m%d} "Material {number}" 2'
                ver = f'#VER "A" "{number}" {day:%Y%m%d} "Faktura {number}" {day:%Y%m%d} "Anna Berg"'
            elif form == 1:  # bare codes and a bare voucher number
                objects, rest = f"{{1 {code} 6 {project}}}", ""
                ver = f'#VER A {number} {day:%Y%m%d} "Faktura {number}"'
            else:  # quoted codes, an empty date and text before the quantity
                objects, rest = f'{{6 "{project}" 1 "{code}"}}', ' "" "" 1'
                ver = f'#VER "B" {number} {day:%Y%m%d} "" {day:%Y%m%d}'
            rows = f"{indent}#TRANS {account} {objects} {amount}{rest}\r\n{indent}#TRANS 2440 {{}} -{amount}{rest}\r\n"
            sie.write(f"{ver}\r\n{{\r\n{rows}}}\r\n")


def bench_follow(temp: Path, hledger: str | None, runs: int) -> list[Check]:
    """`trygg follow` on a municipality's whole year: 100,000 vouchers against hledger, 1,000,000
    against the awk floor, plain and mixed."""
    folders: dict[str, Path] = {}
    for name, count, kind in (("100k", 100_000, "plain"), ("1m", 1_000_000, "plain"), ("1m-mixed", 1_000_000, "mixed")):
        folders[name] = temp / f"ledger-{name}"
        folders[name].mkdir()
        subprocess.run([sys.executable, __file__, "--make-ledger", str(folders[name]), str(count), kind], check=True)
    for name, others in (("1m-indented", 5), ("1m-indented-all", 0)):
        folders[name] = temp / f"ledger-{name}"
        folders[name].mkdir()
        arguments = [str(folders[name]), "1000000", f"indented-{others}"]
        subprocess.run([sys.executable, __file__, "--make-ledger", *arguments], check=True)

    def follow(name: str) -> list[str]:
        folder = folders[name]
        return [*TRYGG, "follow", str(folder / "budget-2021.yaml"), str(folder / "huvudbok.se"), "--format", "plain"]

    awk = shutil.which("awk") or "awk"
    commands = {name: follow(name) for name in folders}
    commands["by month"] = [*follow("1m-indented"), "--by", "month"]
    commands["item"] = [*follow("1m-indented"), "--item", "line-1"]
    taskset = shutil.which("taskset")
    if taskset:  # the same on one core: no parts read at once (`trygg_cli.exports.parts`)
        commands["one core"] = [taskset, "-c", "0", *follow("1m-indented")]
    commands |= {f"awk {name}": [awk, AWK, str(folders[name] / "huvudbok.se")] for name in ("1m", "1m-mixed")}
    commands |= {
        f"awk {name}": [awk, AWK_ROWS, str(folders[name] / "huvudbok.se")]
        for name in ("1m-indented", "1m-indented-all")
    }
    if hledger:
        commands["hledger"] = [hledger, "-f", str(folders["100k"] / "huvudbok.journal"), "bal"]
    results = paired(commands, runs)
    small, big, mixed = (median(results[name]) for name in ("100k", "1m", "1m-mixed"))
    floor, mixed_floor = median(results["awk 1m"])[0], median(results["awk 1m-mixed"])[0]
    checks: list[Check] = []
    if hledger:
        base = median(results["hledger"])
        ratio = f"{small[0] / base[0]:.3f} x time, {small[1] / base[1]:.3f} x memory"
        print(row("SIE 4, 100,000 vouchers: `trygg follow`", results["100k"], ratio))
        print(row("the same postings: `hledger -f FILE bal`", results["hledger"]))
        checks.append(("follow: 100,000 vouchers, time <= 0.1 x hledger", small[0] / base[0], 0.1))
        checks.append(("follow: 100,000 vouchers, memory <= 0.1 x hledger", small[1] / base[1], 0.1))
    else:
        print(row("SIE 4, 100,000 vouchers: `trygg follow`", results["100k"]))
    growth = big[0] / small[0]
    print(
        row(
            "SIE 4, 1,000,000 vouchers: `trygg follow`",
            results["1m"],
            f"{big[0] / floor:.2f} x awk, {growth:.1f} x 100,000",
        )
    )
    print(row("the same file: awk summing by project", results["awk 1m"]))
    print(
        row(
            "SIE 4, 1,000,000 mixed vouchers: `trygg follow`",
            results["1m-mixed"],
            f"{mixed[0] / mixed_floor:.2f} x awk",
        )
    )
    print(row("the same file: awk summing by project", results["awk 1m-mixed"]))
    checks += _indented_checks(results)
    checks += [
        ("follow: 1,000,000 vouchers <= 3 x awk", big[0] / floor, 3.0),
        ("follow: 1,000,000 vouchers, peak memory < 100 MB", big[1], 100.0),
        ("follow: 1,000,000 vouchers <= 11 x the 100,000 time", growth, 11.0),
        ("follow: 1,000,000 mixed vouchers <= 5 x awk", mixed[0] / mixed_floor, 5.0),
    ]
    return checks


def _indented_checks(results: dict[str, list[Run]]) -> list[Check]:
    """The rows and checks of the export in the forms programs write (`make_indented_ledger`)."""
    indented: dict[str, float] = {}
    for name, what in (
        ("1m-indented", "one in five another department's"),
        ("1m-indented-all", "every one the package's"),
    ):
        indented[name] = median(results[name])[0] / median(results[f"awk {name}"])[0]
        print(
            row(
                f"SIE 4, 1,000,000 vouchers as programs write them (rows indented, ...), {what}: `trygg follow`",
                results[name],
                f"{indented[name]:.2f} x awk",
            )
        )
        print(row("the same file: awk summing by project", results[f"awk {name}"]))
    if "one core" in results:  # (for the record: what the parts read at once give)
        alone = median(results["one core"])[0] / median(results["awk 1m-indented"])[0]
        print(
            row("the first of them on one core (`taskset -c 0`): no parts", results["one core"], f"{alone:.2f} x awk")
        )
    checks: list[Check] = [
        ("follow: 1,000,000 indented vouchers, 1 in 5 another's, <= 3 x awk", indented["1m-indented"], 3.0),
        ("follow: 1,000,000 indented vouchers, peak memory < 100 MB", median(results["1m-indented"])[1], 100.0),
        ("follow: 1,000,000 indented vouchers, all the package's, <= 3 x awk", indented["1m-indented-all"], 3.0),
        (
            "follow: 1,000,000 indented vouchers, all the package's, peak memory < 100 MB",
            median(results["1m-indented-all"])[1],
            100.0,
        ),
    ]
    plain = median(results["1m-indented"])[0]
    for name, what in (("by month", "--by month"), ("item", "--item line-1")):
        against = median(results[name])[0] / plain
        print(
            row(f"the same file, one in five another's: `trygg follow {what}`", results[name], f"{against:.2f} x plain")
        )
        checks.append((f"follow: {what} <= 1.2 x the plain follow-up of the same file", against, 1.2))
    return checks


# This round's: a year month by month, budget changes, publishing ------------------------------


def make_round(folder: Path) -> None:
    """From a 10,000-item year (made by `make_years` in `folder`): the same year with 1,000
    budget changes (each moving 1 kr between two lines), and ten years of it for publishing."""
    text = (folder / "budget-2021.yaml").read_text(encoding="utf-8")
    ids = [line.split(": ")[1] for line in text.splitlines() if line.startswith("  - id: ")]
    rng = random.Random(len(ids))
    changes = ["changes:\n"]
    for number in range(1000):
        give, take = rng.sample(ids, 2)
        day = date(2021, 1, 1) + timedelta(days=number * 364 // 1000)
        changes.append(
            f"  - date: {day.isoformat()}\n    decision: KS 2021-{number:04d}\n    moves:\n"
            f"      {give}: -1.00\n      {take}: +1.00\n"
        )
    (folder / "changed").mkdir()
    (folder / "changed" / "budget-2021.yaml").write_text(text + "".join(changes), encoding="utf-8")
    (folder / "ten").mkdir()
    for year in range(2021, 2031):
        (folder / "ten" / f"budget-{year}.yaml").write_text(text.replace("2021", str(year)), encoding="utf-8")


def bench_round(folder: Path, runs: int) -> list[Check]:
    """`show --months` against `show` on 10,000 items; `validate` with 1,000 budget changes against
    without; `publish` of ten 10,000-line years against `validate` of one."""
    subprocess.run([sys.executable, __file__, "--make-round", str(folder)], check=True)
    site = folder / "site"
    commands = {
        "show": trygg(folder, "show", "2021", "--format", "plain"),
        "show --months": trygg(folder, "show", "2021", "--months", "--format", "plain"),
        "validate": trygg(folder, "validate", "2021"),
        "validate changed": trygg(folder / "changed", "validate", "2021"),
        "publish": trygg(folder / "ten", "publish", str(site)),
    }
    results = paired(commands, runs)
    show, months = median(results["show"])[0], median(results["show --months"])[0]
    plain, changed = median(results["validate"])[0], median(results["validate changed"])[0]
    published = median(results["publish"])[0]
    print(row("10,000 items: `trygg show 2021`", results["show"]))
    print(row("10,000 items: `trygg show 2021 --months`", results["show --months"], f"{months / show:.2f} x show"))
    print(row("10,000 items: `trygg validate 2021`", results["validate"]))
    print(row("the same with 1,000 budget changes", results["validate changed"], f"{changed / plain:.2f} x without"))
    print(row("ten years of 10,000 lines: `trygg publish`", results["publish"], f"{published / plain:.1f} x validate"))
    return [
        ("months: show --months <= 3 x show (10,000 items)", months / show, 3.0),
        ("changes: validate with 1,000 changes <= 1.5 x without (10,000 items)", changed / plain, 1.5),
        ("publish: ten 10,000-line years <= 15 x validate of one", published / plain, 15.0),
    ]


# The report -----------------------------------------------------------------------------------


def row(what: str, runs: list[Run], ratio: str = "") -> str:
    seconds, peak = median(runs)
    return f"| {what} | {seconds:.3f} s | {peak:.0f} MB | {ratio} |"


Check = tuple[str, float, float]  # what, measured, the most it may be


def bench_startup(runs: int) -> list[Check]:
    arguments = ["diff", "2020", "2021", "--format", "plain"]
    results = paired(
        {
            "trygg": [*TRYGG, *arguments],
            # Imported, not run as a script, so that they too start from byte code, as trygg does.
            "noop": [sys.executable, "-c", NOOP, *arguments],
            "noop frozen": [sys.executable, "-c", NOOP_FROZEN, *arguments],
        },
        runs,
    )
    seconds = median(results["trygg"])[0]
    ratio = seconds / median(results["noop"])[0]
    own = seconds / median(results["noop frozen"])[0]
    print(row("no-op Typer command, `diff 2020 2021`", results["noop"]))
    print(row("the same no-op, ending as trygg does (`gc.freeze()`)", results["noop frozen"]))
    both = f"{ratio:.2f} x no-op, {own:.2f} x frozen no-op"
    print(row("`trygg diff 2020 2021` (shipped data)", results["trygg"], both))
    return [("start-up: trygg diff <= 1.25 x no-op Typer", ratio, 1.25)]


def trygg(folder: Path, *words: str) -> list[str]:
    return [*TRYGG, "--data-dir", str(folder), *words]


def bench_scale(folders: dict[str, Path], hledger: str | None, runs: int, big_runs: int) -> list[Check]:
    medium, big, quoted = folders["10k"], folders["100k"], folders["10k-quoted"]
    commands = {
        "validate": trygg(medium, "validate"),
        "diff plain": trygg(medium, "diff", "2020", "2021", "--format", "plain"),
        "diff json": trygg(medium, "diff", "2020", "2021", "--format", "json"),
        "diff quoted": trygg(quoted, "diff", "2020", "2021", "--format", "plain"),
    }
    if hledger:
        commands["hledger"] = [hledger, "-f", str(medium / "budget.journal"), "bal", "-Y"]
    results = paired(commands, runs)
    base = median(results["hledger"]) if hledger else None
    for name, label in (
        ("validate", "`trygg validate`"),
        ("diff plain", "`trygg diff --format plain`, piped"),
        ("diff json", "`trygg diff --format json`"),
        ("diff quoted", "`trygg diff --format plain`, piped, names quoted (full YAML reader)"),
    ):
        seconds, peak = median(results[name])
        ratio_text = f"{seconds / base[0]:.2f} x time, {peak / base[1]:.2f} x memory" if base else ""
        print(row(f"10,000 items: {label}", results[name], ratio_text))
    checks: list[Check] = []
    if base:
        print(row("10,000 items: `hledger -f FILE bal -Y`", results["hledger"]))
        seconds, peak = median(results["diff plain"])
        checks.append(("10,000 items: trygg diff time <= 0.5 x hledger", seconds / base[0], 0.5))
        checks.append(("10,000 items: trygg diff memory <= 0.5 x hledger", peak / base[1], 0.5))

    big_commands = {"diff plain": trygg(big, "diff", "2020", "2021", "--format", "plain")}
    if hledger:
        big_commands["hledger"] = [hledger, "-f", str(big / "budget.journal"), "bal", "-Y"]
    big_results = paired(big_commands, big_runs)
    growth = median(big_results["diff plain"])[0] / median(results["diff plain"])[0]
    label = "100,000 items: `trygg diff --format plain`, piped"
    print(row(label, big_results["diff plain"], f"{growth:.1f} x the 10,000-item time"))
    if hledger:
        print(row("100,000 items: `hledger -f FILE bal -Y`", big_results["hledger"]))
    checks.append(("growth: 100,000 items <= 11 x the 10,000-item time", growth, 11.0))
    return checks


def make_history(folder: Path, commits: int) -> Path:
    """A git repository of `commits` commits to one year file (the shipped 2021, a little money
    moved between two lines each time, every version different), made in one `git fast-import`."""
    shipped = (REPO / "data" / "budget-2021.yaml").read_text(encoding="utf-8")
    stream = io.BytesIO()
    for number in range(commits):
        moved = Decimal(number + 1) / 100_000
        text = shipped.replace("    amount: 1.5", f"    amount: {Decimal('1.5') - moved}").replace(
            "    amount: 0.9", f"    amount: {Decimal('0.9') + moved}"
        )
        content, message = text.encode(), f"Flytta {moved} mkr".encode()
        stream.write(b"commit refs/heads/main\n")
        stream.write(f"committer Bench <bench@example.org> {1_600_000_000 + number * 60} +0000\n".encode())
        stream.write(b"data %d\n%s\n" % (len(message), message))
        stream.write(b"M 100644 inline data/budget-2021.yaml\ndata %d\n%s\n" % (len(content), content))
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=stream.getvalue(), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=folder, check=True)
    return folder


def bench_history(temp: Path, runs: int) -> list[Check]:
    """`trygg log` over 1,000 and 10,000 commits, against `trygg diff 2020 2021` in the same run."""
    folders = {count: make_history(temp / f"history-{count}", count) for count in (1_000, 10_000)}
    commands = {
        "diff": [*TRYGG, "diff", "2020", "2021", "--format", "plain"],
        "log 1k": [*TRYGG, "--data-dir", str(folders[1_000] / "data"), "log", "2021", "--format", "plain"],
        "log 10k": [*TRYGG, "--data-dir", str(folders[10_000] / "data"), "log", "2021", "--format", "plain"],
    }
    results = paired(commands, runs)
    diff, small, big = (median(results[name])[0] for name in ("diff", "log 1k", "log 10k"))
    print(row("`trygg log 2021`, 1,000 commits", results["log 1k"], f"{small / diff:.2f} x `trygg diff 2020 2021`"))
    print(row("`trygg log 2021`, 10,000 commits", results["log 10k"], f"{big / small:.1f} x the 1,000-commit time"))
    return [
        ("history: trygg log over 1,000 commits <= 2 x trygg diff 2020 2021", small / diff, 2.0),
        ("history: 10,000 commits <= 10 x the 1,000-commit time", big / small, 10.0),
    ]


def make_ledger_as_asked(folder: str, count: str, kind: str) -> None:
    """`--make-ledger FOLDER COUNT KIND` (plain, mixed, or indented-N), the folder made where needed."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    if kind.startswith("indented-"):
        make_indented_ledger(Path(folder), int(count), int(kind.removeprefix("indented-")))
    else:
        make_ledger(Path(folder), int(count), mixed=kind == "mixed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="paired runs for 10,000 items (default 21)")
    parser.add_argument("--startup-runs", type=int, default=41, help="paired runs for start-up (default 41)")
    parser.add_argument("--big-runs", type=int, default=5, help="runs for 100,000 items (default 5)")
    parser.add_argument("--ledger-runs", type=int, default=5, help="runs for the follow-up's ledgers (default 5)")
    parser.add_argument("--only", choices=["follow", "round"], help="only the follow-up's rows, or this round's others")
    parser.add_argument("--make", nargs=3, metavar=("FOLDER", "COUNT", "QUOTED"), help=argparse.SUPPRESS)
    parser.add_argument("--make-ledger", nargs=3, metavar=("FOLDER", "COUNT", "KIND"), help=argparse.SUPPRESS)
    parser.add_argument("--make-round", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_round:
        make_round(Path(args.make_round))
        return
    if args.make:
        make_years(Path(args.make[0]), int(args.make[1]), quoted=args.make[2] == "quoted")
        return
    if args.make_ledger:
        make_ledger_as_asked(*args.make_ledger)
        return
    hledger = shutil.which("hledger")
    version = "no hledger"
    if hledger:
        answer = subprocess.run([hledger, "--version"], capture_output=True, text=True, check=False).stdout
        version = answer.split(",")[0]
    print(f"trygg benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {version}")
    # Byte code as an installed package has it (pip compiles on install; an editable install
    # compiles on first use, unless PYTHONDONTWRITEBYTECODE is set, as it is on some machines).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "trygg_cli"), str(HERE)], check=True)
    print()
    print("| what | median | peak memory | ratio |")
    print("|---|---|---|---|")
    if args.only == "follow":
        with tempfile.TemporaryDirectory() as temp:
            checks = bench_follow(Path(temp), hledger, args.ledger_runs)
        report(checks)
        return
    if args.only == "round":
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "10k"
            folder.mkdir()
            subprocess.run([sys.executable, __file__, "--make", str(folder), "10000", "plain"], check=True)
            checks = bench_round(folder, args.big_runs)
        report(checks)
        return
    checks = bench_startup(args.startup_runs)
    with tempfile.TemporaryDirectory() as temp:
        folders = {}
        # Made in a child process: a child forked from a parent that holds the data would count
        # the parent's pages in its own peak memory.
        for name, count, quoted in (
            ("10k", 10_000, "plain"),
            ("100k", 100_000, "plain"),
            ("10k-quoted", 10_000, "quoted"),
        ):
            folders[name] = Path(temp) / name
            folders[name].mkdir()
            subprocess.run([sys.executable, __file__, "--make", str(folders[name]), str(count), quoted], check=True)
        checks += bench_scale(folders, hledger, args.runs, args.big_runs)
        checks += bench_history(Path(temp), args.big_runs)
        checks += bench_round(folders["10k"], args.big_runs)
        checks += bench_follow(Path(temp), hledger, args.ledger_runs)
    report(checks)


def report(checks: list[Check]) -> None:
    print()
    for what, value, limit in checks:
        print(f"- {'met' if value <= limit else 'MISSED'}: {what} (measured {value:.2f})")


if __name__ == "__main__":
    main()
