"""KCNA headlines and stories, and the rule-based parser that reads message events out of them.

Modules, lowest layer first (each imports only those before it): `corpus` (loaders of the raw files), `rules`
(the parser's tables), `lexicon` (country names), `sides` (who a phrase names), `parser` (headline -> event),
`events` | `text` | `tables` (event tables, text features, the processed files read back), `evaluation`
(against hand labels), `cli` (`python -m helpers.kcna`).
"""
