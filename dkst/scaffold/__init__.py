"""Scaffold: the files dkst writes into a dataset (skeletons of ``dkst init``/``dkst new``, YAML written back by
``import`` and by the roll-up into the province's dataset) and the JSON Schemas of the file kinds."""
