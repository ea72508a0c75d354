"""Entry point: ``python main.py [command]`` (see ``--help``); ``python main.py headoffice ...``
runs the head-office server and the office's commands (``headoffice/``, no Qt)."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    import multiprocessing

    # the demo history builds its rows in a second process: a frozen build (PyInstaller) runs
    # that process through this entry point
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["headoffice"]:
        from headoffice.cli import main as headoffice_main

        sys.exit(headoffice_main(sys.argv[2:]))
    from app.cli import main

    sys.exit(main())
