"""Run dkst as ``python -m dkst``."""

from dkst.cli.app import main

main()
