"""The review of a change to the budget: a Markdown report for a pull request's summary or comment.

Status first (each changed year valid or not, with its problems), then per year a headline (the
total before and after, and the change), the changed lines only, how many did not change, and the
full table folded under <details>. Headings start at level 3, to sit under GitHub's own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TextIO

from trygg_cli.compare import compare, select
from trygg_cli.history import YearChange, decisions, follow_changes
from trygg_cli.render import numbers
from trygg_cli.render.locale import Locale
from trygg_cli.render.reporters.text import problem_line
from trygg_cli.render.text import markdown_text, write_markdown
from trygg_cli.render.views import Options, decision_words, diff_table, follow_change_words, show_table
from trygg_cli.render.words import counted, say, text


def write_review(changes: Sequence[YearChange], base: str, locale: Locale, out: TextIO) -> None:
    out.write(f"### {markdown_text(text(locale, 'review.title', base=base))}\n\n")
    if not changes:
        out.write(markdown_text(text(locale, "review.none", base=base)) + "\n")
        return
    for change in changes:
        out.write(f"- {_status(change, locale)}\n")
    problems = [problem_line(p, locale) for change in changes if change.after for p in change.after.problems]
    if problems:
        out.write("\n```text\n" + "\n".join(problems) + "\n```\n")
    for change in changes:
        out.write("\n" + _year(change, base, locale))


def _status(change: YearChange, locale: Locale) -> str:
    after = change.after
    if after is None:
        return text(locale, "review.removed", year=change.year)
    if after.problems:
        problems = counted(locale, "problem", len(after.problems))
        return "❌ " + text(locale, "review.invalid", year=change.year, problems=problems)
    return "✅ " + text(locale, "review.valid", year=change.year)


def _year(change: YearChange, base: str, locale: Locale) -> str:
    before = change.before.budget if change.before else None
    after = change.after.budget if change.after else None
    if after is None:
        total = "–" if before is None else numbers.with_unit(before.total, before.unit, locale)
        return f"#### {text(locale, 'review.year_removed', year=change.year, total=total)}\n"
    if before is None:
        total = numbers.with_unit(after.total, after.unit, locale)
        full = _markdown(lambda out: write_markdown(show_table(after, after.unit), locale, out))
        return f"#### {text(locale, 'review.year_added', year=change.year, total=total)}\n\n{full}"
    old, new, difference = numbers.with_units(
        [before.total, after.total, after.total - before.total], after.unit, locale
    )
    headline = text(locale, "review.headline", year=change.year, old=old, new=new, change=difference)
    comparison = compare(before, after)
    changed = select(comparison, only_changed=True)
    revs = (base, None)
    lines = _markdown(
        lambda out: write_markdown(diff_table(changed, after.unit, Options(), comparison, revs), locale, out)
    )
    unchanged = len(comparison.changes) - len(changed.changes)
    kept = text(locale, "review.unchanged.one" if unchanged == 1 else "review.unchanged.many", count=unchanged)
    full = _markdown(lambda out: write_markdown(diff_table(comparison, after.unit, Options(), None, revs), locale, out))
    summary = text(locale, "review.full")
    told = [
        say(words, locale)
        for change in follow_changes(before, after)
        for words in follow_change_words(change, after.unit)
    ]
    follow = markdown_text(text(locale, "review.follow", changes="; ".join(told))) + "\n\n" if told else ""
    decided = [say(decision_words(one, after.unit), locale) for one in decisions(before, after)]
    if decided:
        follow += markdown_text(text(locale, "review.decisions", changes="; ".join(decided))) + "\n\n"
    return (
        f"#### {markdown_text(headline)}\n\n{lines}\n{markdown_text(kept)}\n\n{follow}"
        f"<details><summary>{summary}</summary>\n\n{full}\n</details>\n"
    )


def _markdown(write: object) -> str:
    out = io.StringIO()
    write(out)  # type: ignore[operator]
    return out.getvalue()
