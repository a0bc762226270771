"""Tables, summary lists, radios, checkboxes and error summaries are drawn by the GOV.UK
component library (through peerwork.core.govuk and its template tags), never hand-written:
the library's markup is the one that is kept accessible and up to date."""

import re
from pathlib import Path

import peerwork

COMPONENT = re.compile(r"govuk-(table|summary-list|radios|checkboxes|error-summary)")
# Template comments and stylesheets may name the classes; only markup counts.
NOT_MARKUP = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}|<style\b.*?</style>", re.S)

# Templates that may still hand-write one, each with its reason (also in a comment beside it).
ALLOWED: dict[str, str] = {}


def _hand_writes_a_component(text: str) -> bool:
    return bool(COMPONENT.search(NOT_MARKUP.sub("", text)))


def _templates() -> dict[str, Path]:
    root = Path(peerwork.__file__).parent
    return {
        str(path.relative_to(root)): path
        for path in root.glob("**/templates/**/*")
        if path.is_file()
    }


def test_no_template_hand_writes_a_component_outside_the_allowed_list():
    templates = _templates()
    assert "core/templates/base.html" in templates

    writes = {
        name for name, path in templates.items() if _hand_writes_a_component(path.read_text())
    }

    assert not sorted(writes - set(ALLOWED)), (
        f"{sorted(writes - set(ALLOWED))} hand-write GOV.UK component markup: build the "
        "parameters in a presenter and draw it with a govuk template tag "
        "(see peerwork.core.presenters)"
    )
    assert not sorted(set(ALLOWED) - writes), "allowed, but no longer hand-written: drop them"


def test_markup_is_found_but_a_stylesheet_or_a_comment_is_not():
    assert _hand_writes_a_component('<td class="govuk-table__cell">1</td>')
    assert _hand_writes_a_component("<div class='govuk-radios' data-module=\"govuk-radios\">")
    assert _hand_writes_a_component('<dl class="pw-x govuk-summary-list">')
    assert not _hand_writes_a_component("<style>.govuk-table__cell { padding: 0 }</style>")
    assert not _hand_writes_a_component("{# not a govuk-error-summary #}{% govuk_table t %}")
