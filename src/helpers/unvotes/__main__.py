"""python -m helpers.unvotes: see helpers.unvotes.cli."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
