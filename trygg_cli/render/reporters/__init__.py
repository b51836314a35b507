"""Reporters: the problems of a run, each format one small module (ruff's emitters are the model),
registered in `registry`, so a new one (SARIF, GitLab code quality) is one new file and one line below.

A reporter writes what a script reads to `out` (JSON, annotations) and what a person reads to
`err`. Which one a run uses: the one asked for, else GitHub annotations inside GitHub Actions,
else text lines."""
