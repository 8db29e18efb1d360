"""Run dkst as ``python -m dkst``."""

from dkst.cli import main

main()
