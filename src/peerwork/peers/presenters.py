from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, link


def peer_table(peers, *, show_party: bool, load: dict | None = None) -> Table:
    load = load or {}
    head = [_("Peer"), _("Kind"), _("Home council"), _("Role"), _("Status"), _("This year")]
    if show_party:
        head.insert(2, _("Party"))
    table = Table(_("Peers"), head)
    for peer in peers:
        cells = [
            link(peer.full_name, "peers:detail", peer.pk),
            _("Member") if peer.kind == "member" else _("Officer"),
            peer.home_council.short_name if peer.home_council_id else "",
            peer.get_home_role_display(),
            peer.get_status_display(),
            _("%(n)s engagements, %(days)s days")
            % {
                "n": load.get(peer.pk, {}).get("engagements", 0),
                "days": floatformat(load.get(peer.pk, {}).get("days") or 0, -1),
            },
        ]
        if show_party:
            cells.insert(2, peer.party.short_name if peer.party_id else "")
        table.add(*cells)
    return table


def peer_summary_rows(peer, *, show_special: bool, diversity=None) -> list[tuple]:
    """The facts on a peer's page; party and diversity only when show_special."""
    from django.utils.html import format_html, format_html_join

    council = (
        link(peer.home_council.short_name, "councils:detail", peer.home_council.code)
        if peer.home_council_id
        else ""
    )
    rows = [
        (_("Kind"), peer.get_kind_display()),
        (_("Email"), format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', peer.email)),
        (_("Phone"), peer.phone),
        (_("Home council"), council),
        (_("Role there"), peer.get_home_role_display()),
        (_("Status"), peer.get_status_display()),
        (
            _("Capacity"),
            _("%(engagements)s engagements or %(days)s peer days a year")
            % {"engagements": peer.capacity_engagements, "days": peer.capacity_days},
        ),
        (
            _("Skills"),
            format_html_join(
                "",
                "<span class='govuk-!-display-block'>{} – {}</span>",
                ((s.skill.name, s.level) for s in peer.skills.select_related("skill")),
            ),
        ),
        (
            _("Council types known"),
            ", ".join(t.get_council_type_display() for t in peer.council_types.all()),
        ),
    ]
    if show_special:
        rows.insert(3, (_("Political party"), peer.party.name if peer.party_id else ""))
        if diversity is not None:
            rows.append(
                (
                    _("Diversity (given with consent)"),
                    "; ".join(
                        str(v)
                        for v in (
                            diversity.get_gender_display(),
                            diversity.get_disability_display(),
                            diversity.get_ethnicity_display(),
                        )
                        if v
                    ),
                )
            )
    return rows
