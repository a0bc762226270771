"""The host council's choice of panel: one set of radios per open place."""


def place_radios(rows) -> list[dict]:
    """Radios for each place; a field's name and ids are place-<number>(-<peer id>)."""
    choices = []
    for row in rows:
        name = f"place-{row['place'].number}"
        choices.append(
            {
                "name": name,
                "idPrefix": name,
                "fieldset": {
                    "legend": {"text": row["place"].role, "classes": "govuk-fieldset__legend--m"}
                },
                "items": [
                    {
                        "value": str(entry.peer.pk),
                        "text": entry.peer.full_name,
                        "id": f"{name}-{entry.peer.pk}",
                        "hint": {"text": _hint(entry.peer)},
                    }
                    for entry in row["entries"]
                ],
            }
        )
    return choices


def _hint(peer) -> str:
    council = peer.home_council.short_name if peer.home_council_id else ""
    return f"{peer.get_home_role_display()}, {council}"


def errors(error: str | None) -> list[tuple]:
    """The error summary's one link, to the choices."""
    return [(error, "#panel-choices")] if error else []
