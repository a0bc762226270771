"""Small presenters that turn records into GOV.UK component parameters."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html


def link(text, url_name, *args) -> str:
    return format_html('<a class="govuk-link" href="{}">{}</a>', reverse(url_name, args=args), text)


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)

    def add(self, *cells) -> None:
        self.rows.append(list(cells))

    def params(self) -> dict:
        def cell(index, value):
            item = {"html": format_html("{}", value) if value is not None else ""}
            if index in self.numeric:
                item["format"] = "numeric"
            return item

        return {
            "caption": str(self.caption),
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": [
                {"text": str(h), **({"format": "numeric"} if i in self.numeric else {})}
                for i, h in enumerate(self.head)
            ],
            "rows": [[cell(i, v) for i, v in enumerate(row)] for row in self.rows],
        }
