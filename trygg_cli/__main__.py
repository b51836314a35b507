"""`python -m trygg_cli` runs the same command as `trygg`."""

from trygg_cli.cli import run

run()
