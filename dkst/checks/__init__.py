"""Checks: each module yields or collects findings and never prints or raises.

- :mod:`registry`: plan.yaml and units.yaml beyond the schema (ids, references, deadlines, rules);
- :mod:`references`: each unit file's references and dates;
- :mod:`rules`: the sandboxed expression language of ``rule`` requirements;
- :mod:`compliance`: the plan's requirements as of a day, a status per unit and requirement.
"""
