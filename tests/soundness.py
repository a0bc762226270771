"""Checks every test GET of a page makes: the page is sound HTML for a GOV.UK service."""

import re
from collections import Counter

import html5lib


def assert_page_is_sound(response) -> None:
    content_type = response.get("Content-Type", "")
    if "text/html" not in content_type or response.status_code not in (200, 400, 403, 404):
        return
    html = response.content.decode()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        raise AssertionError(f"{response.request['PATH_INFO']} does not parse: {error}") from error

    headings = document.findall(".//h1")
    assert len(headings) == 1, f"{response.request['PATH_INFO']} has {len(headings)} h1 elements"
    h1 = " ".join("".join(headings[0].itertext()).split())
    title = " ".join("".join(document.find(".//title").itertext()).split())
    # GOV.UK prefixes the title of a page showing form errors with "Error: ".
    assert title.removeprefix("Error: ").startswith(h1), f"title {title!r} vs the h1 {h1!r}"

    ids = Counter(el.get("id") for el in document.iter() if el.get("id"))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert "govuk-template__body" in (document.find(".//body").get("class") or "")
    assert not re.search(r"\{\{|\{%", html), "unrendered template syntax in the page"
