"""Loading: bytes → text → YAML nodes with lines → typed records and data findings. Knows nothing of the plan's
requirements (:mod:`dkst.checks` judges them)."""
