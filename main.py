"""Entry point: ``python main.py [command]`` (see ``--help``)."""

from __future__ import annotations

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
