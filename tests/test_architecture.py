"""The one import rule of docs/architecture.md, checked on the source: a module imports only from its
own package and from lower floors (stages not even from each other), and no modules import each other
in a circle. Imports under ``if TYPE_CHECKING:`` are types only and do not count."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# The floors, lowest first: a package of a floor may import from the floors below it.
FLOORS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "ground",
        frozenset({"model", "codec", "errors", "config", "registry", "dates", "llm_client", "gazetteer"}),
    ),
    ("stages", frozenset({"ingest", "clean", "nlp", "extract", "link"})),
    ("store", frozenset({"store"})),
    ("pipeline", frozenset({"pipeline"})),
    ("render", frozenset({"views", "exports", "brief"})),
    ("faces", frozenset({"cli", "web", "workspace", "__init__"})),
)
SIBLINGS_ALLOWED = frozenset({"ground", "render", "faces"})  # stages never import each other


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "newsift").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _type_only(tree: ast.Module) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for child in node.body for inner in ast.walk(child))
    return hidden


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the newsift modules it imports at run time (function-level imports included)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = _type_only(tree)
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            targets: list[str] = []
            if (
                isinstance(node, ast.ImportFrom)
                and node.level == 0
                and (node.module or "").startswith("newsift")
            ):
                module = node.module or ""
                targets = [
                    f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module for a in node.names
                ]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("newsift")]
            for target in targets:
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in modules and target != name:
                    edges[name].add(target)
    return edges


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _floor(package: str) -> int:
    for level, (_, members) in enumerate(FLOORS):
        if package in members:
            return level
    raise AssertionError(f"newsift/{package} is on no floor: add it to FLOORS and docs/architecture.md")


def test_architecture_every_package_has_a_floor() -> None:
    for module in _modules():
        _floor(_package(module))


def test_architecture_imports_point_down() -> None:
    wrong = []
    for module, targets in _imports(_modules()).items():
        source = _package(module)
        for target in sorted(targets):
            into = _package(target)
            if into == source:
                continue
            low, high = _floor(into), _floor(source)
            same_ok = low == high and FLOORS[high][0] in SIBLINGS_ALLOWED
            if low < high or same_ok:
                continue
            wrong.append(f"{module} imports {target} ({FLOORS[high][0]} -> {FLOORS[low][0]})")
    assert wrong == []  # no exception list: the rule holds for every module


def test_architecture_has_no_import_circle() -> None:
    edges = _imports(_modules())
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    assert circles == []


def test_architecture_pool_imports_steps_not_runner() -> None:
    edges = _imports(_modules())
    assert "newsift.pipeline.steps" in edges["newsift.pipeline.pool"]
    assert "newsift.pipeline.runner" not in edges["newsift.pipeline.pool"]


def test_architecture_page_names_every_package() -> None:
    page = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    names = {package for _, members in FLOORS for package in members} - {"__init__"}
    missing = [p for p in sorted(names) if f"`{p}/`" not in page and f"`{p}.py`" not in page]
    assert missing == []


_SQL = re.compile(
    r"\b(?:SELECT\b[\s\S]+?\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
    r"(?:CREATE|ALTER|DROP)\s+(?:TABLE|INDEX|VIEW)|PRAGMA\s+\w+)\b"
)
_DRIVERS = frozenset({"sqlite3", "psycopg", "psycopg2", "sqlalchemy"})


def test_architecture_sql_lives_only_in_the_store() -> None:
    """No SQL text and no database driver outside ``store/``: every query is the store's (one query set
    over a small dialect for SQLite and PostgreSQL)."""
    found = []
    for name, path in _modules().items():
        if name.startswith("newsift.store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                found.append(f"{name}:{node.lineno}: {node.value[:60]!r}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                modules = (
                    [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                )
                found += [
                    f"{name}:{node.lineno}: imports {m}" for m in modules if m.split(".")[0] in _DRIVERS
                ]
    assert found == []
