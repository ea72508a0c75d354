"""app/ imports no cycle, counting imports inside functions and under TYPE_CHECKING (which
import-linter does not see); the sale screen's helpers (member part, devices) see the window only
through ``SaleScreen``."""

from __future__ import annotations

import ast
from pathlib import Path

APP_DIR = Path(__file__).resolve().parents[1] / "app"
#: Helpers that serve the sale screen through its protocol, never through the window itself.
SALE_SCREEN_HELPERS = ("app.ui.member_panel", "app.ui.hardware")


def _modules(package: str) -> dict[str, Path]:
    root = APP_DIR.parent / package.replace(".", "/")
    found = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue  # Alembic's scripts are loaded by Alembic, not imported by the app
        name = ".".join(path.relative_to(APP_DIR.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imported_names(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module name an import in ``source`` mentions, wherever the import stands."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        names = imported_names(
            path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py"
        )
        edges = set()
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                edges.add(name)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle as a path (first module repeated at the end), or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str]:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph.get(node, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        on_path.discard(node)
        path.pop()
        done.add(node)
        return []

    for start in sorted(graph):
        if start not in done:
            cycle = visit(start)
            if cycle:
                return cycle
    return []


def test_the_checker_sees_imports_in_functions_and_under_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from app.ui.sale_window import SaleWindow\n"
        "def later():\n"
        "    from .members_screen import MembersScreen\n"
    )
    names = imported_names(source, "app.ui.member_panel")
    assert {"app.ui.sale_window", "app.ui.members_screen"} <= names


def test_the_checker_finds_a_cycle_of_three() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_app_imports_no_cycle() -> None:
    graph = import_graph(_modules("app"))
    assert len(graph) > 50, "the modules were not found"
    assert find_cycle(graph) == []


def test_the_sale_screens_helpers_never_import_the_window() -> None:
    graph = import_graph(_modules("app.ui"))
    for helper in SALE_SCREEN_HELPERS:
        assert "app.ui.sale_screen" in graph[helper]
        assert "app.ui.sale_window" not in graph[helper], helper
