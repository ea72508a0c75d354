"""``python -m bench [name ...]``: run the benchmarks (all, or those named), print figures."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(names: list[str]) -> int:
    import bench

    modules = sorted(
        info.name
        for info in pkgutil.iter_modules(bench.__path__)
        if info.name.startswith("bench_") and (not names or info.name[6:] in names)
    )
    failed = 0
    for name in modules:
        start = time.perf_counter()
        try:
            figures = importlib.import_module(f"bench.{name}").run()
        except Exception as exc:  # a broken benchmark must not hide the others
            print(f"{name}: FAILED {type(exc).__name__}: {exc}", flush=True)
            failed += 1
            continue
        for figure in figures:
            print(figure.line(), flush=True)
        print(f"  ({name} took {time.perf_counter() - start:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
