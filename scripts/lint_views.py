"""Views get their records through selectors, which scope them to the person asking.

A view that reaches for ``Model.objects`` or hands a model class to
``get_object_or_404`` / ``get_list_or_404`` can show a record the person may not
see. This check reads every view module (``views.py``, ``views_*.py`` and the
modules of a ``views/`` package) and reports each such use as ``path:line: message``;
it exits 1 if it found any.

A first argument counts as a model class when it is a bare name in CapWords
(``Peer``); a queryset in a variable (``visible``) or an expression
(``selectors.peers_for(user)``, ``engagement.team``) is left alone.

Usage: python scripts/lint_views.py [paths...]   (default: src/peerwork)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def is_view_module(path: Path) -> bool:
    return path.suffix == ".py" and (
        path.name == "views.py" or path.name.startswith("views_") or "views" in path.parent.parts
    )


def view_modules(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if is_view_module(p.relative_to(path)))
        elif is_view_module(path):
            yield path


def problems(source: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each unscoped record lookup in one module's source."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
        ):
            yield node.lineno, f"{node.value.id}.objects in a view: use a selector"
        elif isinstance(node, ast.Call) and _name(node.func) in SHORTCUTS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id[:1].isupper():
                yield (
                    node.lineno,
                    f"{_name(node.func)}({first.id}, ...) on a model class: "
                    "pass a selector's queryset",
                )


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [Path("src/peerwork")]
    found = 0
    for path in view_modules(paths):
        for line, message in sorted(problems(path.read_text(encoding="utf-8"))):
            print(f"{path}:{line}: {message}")
            found += 1
    if found:
        print(f"{found} unscoped record lookups in views", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
