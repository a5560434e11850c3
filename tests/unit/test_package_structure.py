"""The package's shape: Go's standard library is ported once (``golang/``, importing nothing
else of the package), and no module imports another that imports it back (function-level
imports included, which only hide a cycle)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "dockstore_magic"


def _modules() -> dict[str, tuple[Path, bool]]:
    mods = {}
    for p in PKG.rglob("*.py"):
        parts = list(p.relative_to(PKG.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        mods[".".join(parts[:-1] if is_pkg else parts)] = (p, is_pkg)
    return mods


def _imports(name: str, path: Path, is_pkg: bool, mods) -> set[str]:
    """The package's modules that ``name`` imports, at any level of its code."""
    pkg = name if is_pkg else name.rsplit(".", 1)[0]
    deps: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods]
            deps.update(subs)
            if target in mods and len(subs) < len(node.names):
                deps.add(target)
        elif isinstance(node, ast.Import):
            deps.update(a.name for a in node.names if a.name in mods)
    return deps - {name}


def _graph():
    mods = _modules()
    return {name: _imports(name, p, is_pkg, mods) for name, (p, is_pkg) in mods.items()}


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_golang_imports_nothing_else_of_the_package():
    graph = _graph()
    for name, deps in graph.items():
        if name.startswith("dockstore_magic.golang"):
            outside = {d for d in deps if not d.startswith("dockstore_magic.golang")}
            assert not outside, f"{name} imports {outside}"


# Go standard-library look-alikes: defined in golang/ and nowhere else
# (their names here and the names the copies had before they were gathered)
GO_HELPERS = {"go_quote", "go_quote_rune", "underscore_ok", "_underscore_ok", "go_parse_bool",
              "_go_bool", "go_parse_int", "go_parse_uint", "parse_go_float", "go_parse_duration",
              "read_record", "go_csv_record", "_csv_fields", "go_json", "marshal", "go_sprint",
              "go_sprintf", "go_sprintln", "go_format_g", "tabwrite", "TabWriter", "string_width"}


@pytest.mark.parametrize("path", sorted(p for p in PKG.rglob("*.py") if "golang" not in p.parts),
                         ids=lambda p: str(p.relative_to(PKG)))
def test_go_helpers_are_defined_only_in_golang(path):
    names = {n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert not (names & GO_HELPERS), f"{path.name} defines {names & GO_HELPERS}"
