"""UN General Assembly votes and what is computed from them.

Modules, lowest layer first (each imports only those before it; `pyproject.toml` declares it and `lint-imports`
checks it): `loader` (the votes joined with their roll calls), `similarity` | `ideal_points` (vote similarity per
dyad-year; the Bailey-Strezhnev-Voeten ideal points and their distances), `cli` (`python -m helpers.unvotes`).

`load_un_votes`, `VOTE_LEVELS` and `VOTE_TYPE` stay importable from `helpers.unvotes`.
"""

from .loader import VOTE_LEVELS, VOTE_TYPE, load_un_votes

__all__ = ["VOTE_LEVELS", "VOTE_TYPE", "load_un_votes"]
