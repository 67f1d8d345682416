"""KCNA headlines and stories, and the rule-based parser that reads message events out of them.

Modules, lowest layer first (each imports only those before it; `pyproject.toml` declares it and `lint-imports`
checks it): `corpus` (loaders of the raw files), `rules` and `names` (the parser's tables: message words, headline
patterns; bodies, organisations, persons, places), `lexicon` (country names), `sides` (who a phrase names),
`parser` (headline -> event), `ambiguity` (ambiguous country words settled with evidence from stories, leaders and
calendar), `events` | `text` | `tables` (event tables with their accounting, text features, the
processed files read back), `evaluation` (against hand labels), `build` (writes data/processed/), `cli`
(`python -m helpers.kcna`).
"""
