"""Checks: each is a function of its inputs that returns findings (and derived facts); none prints, raises or
writes into the dataset (:mod:`dkst.checks.checker` runs them in order and keeps what they derive).

- :mod:`registry`: plan.yaml and units.yaml beyond the schema (ids, references, deadlines, rules): the
  :class:`dkst.load.plan_index.PlanIndex` and the usable units;
- :mod:`references`: each unit file's references and dates;
- :mod:`rules`: the sandboxed expression language of ``rule`` requirements;
- :mod:`compliance`: the plan's requirements as of a day, a status per unit and requirement.
"""
