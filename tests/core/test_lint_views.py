"""scripts/lint_views.py reports unscoped record lookups in views, and only there."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lint_views.py"
spec = importlib.util.spec_from_file_location("lint_views", SCRIPT)
lint_views = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lint_views)

BAD = """\
from django.shortcuts import get_list_or_404, get_object_or_404

from app.models import Peer


def peer(request, pk):
    return get_object_or_404(Peer, pk=pk)


def peers(request):
    return Peer.objects.all(), get_list_or_404(Peer, active=True)
"""

GOOD = """\
from django.shortcuts import get_object_or_404

from app import selectors


def peer(request, pk):
    return get_object_or_404(selectors.peers_for(request.user), pk=pk)


def member(request, engagement, pk):
    visible = selectors.peers_for(request.user)
    return get_object_or_404(visible, pk=pk), get_object_or_404(engagement.team, pk=pk)
"""


def _write(root: Path, relative: str, source: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return path


def test_a_view_module_using_model_classes_is_reported(tmp_path, capsys):
    path = _write(tmp_path, "app/views.py", BAD)

    assert lint_views.main([str(tmp_path)]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:7: get_object_or_404(Peer, ...) on a model class: pass a selector's queryset",
        f"{path}:11: Peer.objects in a view: use a selector",
        f"{path}:11: get_list_or_404(Peer, ...) on a model class: pass a selector's queryset",
    ]


def test_modules_of_a_views_package_and_views_underscore_modules_are_read(tmp_path, capsys):
    package = _write(tmp_path, "app/views/directory.py", BAD)
    sibling = _write(tmp_path, "app/views_team.py", BAD)

    assert lint_views.main([str(tmp_path)]) == 1

    reported = {line.split(":")[0] for line in capsys.readouterr().out.splitlines()}
    assert reported == {str(package), str(sibling)}


def test_a_view_module_using_selectors_is_not_reported(tmp_path, capsys):
    _write(tmp_path, "app/views.py", GOOD)

    assert lint_views.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_modules_that_are_not_views_are_not_read(tmp_path, capsys):
    _write(tmp_path, "app/selectors.py", BAD)
    _write(tmp_path, "app/reviews.py", BAD)

    assert lint_views.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
