"""Rendering GOV.UK components: the library's per-call compile against peerwork's cache.

govuk-frontend-django's GovUKComponent.render builds a Jinja environment and
compiles the component's macro on every call. peerwork.core.govuk compiles each
macro once. Both are run here, side by side, on the same parameters.

    .venv/bin/python bench/page_render.py [--repeat 300]
"""

import argparse
import os
import platform
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")

import django  # noqa: E402

django.setup()

from govuk_frontend_django.components.base import GovUKComponent  # noqa: E402

from peerwork.core import govuk  # noqa: E402

CASES = {
    "input": {"id": "id_name", "name": "name", "label": {"text": "Name"}, "value": "Kent"},
    "table": {
        "head": [{"text": "Council"}, {"text": "Type"}],
        "rows": [[{"text": f"Council {i}"}, {"text": "District"}] for i in range(50)],
    },
    "error-summary": {"titleText": "There is a problem", "errorList": [{"text": "Enter a name"}]},
}


def library_render(name, params):
    component = GovUKComponent()
    component.set_jinja2_template(f"govuk_frontend_jinja/components/{name}/macro.html")
    component.set_macro_name(govuk._MACROS[name])
    return component.render(component_data=params)


def timed(function, name, params, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        html = function(name, params)
    return (time.perf_counter() - start) / repeat * 1000, html


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    repeat = parser.parse_args().repeat
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {repeat} renders each"
    )
    print(f"{'component':<15}{'library ms':>12}{'peerwork ms':>13}{'speed-up':>10}  same HTML")
    for name, params in CASES.items():
        govuk.render_component(name, params)  # compile once, outside the timing
        baseline, expected = timed(library_render, name, params, repeat)
        ours, html = timed(govuk.render_component, name, params, repeat)
        print(
            f"{name:<15}{baseline:>12.3f}{ours:>13.3f}{baseline / ours:>9.1f}x  {html == expected}"
        )


if __name__ == "__main__":
    main()
