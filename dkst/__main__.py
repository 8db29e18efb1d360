"""Run dkst as ``python -m dkst``."""

from dkst.cli.app import run

run()
